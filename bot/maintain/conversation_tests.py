"""Run the conversation tests (``rasa test core --e2e ... --fail-on-prediction-errors``).

The red-flag detector adds entities to every escalation (the sign, the level, the
emergency numbers) so that the escalation responses can be filled without the action
server, and the place extractor adds ``place`` entities. Rasa's end-to-end test compares every predicted entity with the story's
annotations, which cannot express entities without a span in the text; this runner
leaves these rule-based entities out of that comparison (they are tested by
tests/unit/test_red_flag_nlp.py, tests/test_red_flag_vignettes.py and the end-to-end
tests). Everything else - intents, retrieval topics, actions - is compared as usual.
"""

from __future__ import annotations

import sys
from typing import Any, Dict, List, Text

import rasa.core.test as core_test

from bot.nlu.place_extractor import EXTRACTOR as PLACE_EXTRACTOR
from bot.nlu.red_flag_detector import EXTRACTOR

_original = core_test._clean_entity_results
#: Rule-based entities that carry no span annotation in the stories.
RULE_EXTRACTORS = frozenset({EXTRACTOR, PLACE_EXTRACTOR})


def _without_detector_entities(text: Text, entity_results: List[Dict[Text, Any]]) -> Any:
    kept = [e for e in entity_results if e.get("extractor") not in RULE_EXTRACTORS]
    return _original(text, kept)


def main(argv: List[str]) -> int:
    core_test._clean_entity_results = _without_detector_entities  # type: ignore[assignment]
    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa", "test", "core", "--e2e", "--fail-on-prediction-errors", *argv]
    try:
        rasa_main()
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
