"""Run the conversation tests (``rasa test core --e2e ... --fail-on-prediction-errors``).

The red-flag detector adds entities to every escalation (the sign, the level, the
emergency numbers) so that the escalation responses can be filled without the action
server, and the place extractor adds ``place`` entities. Rasa's end-to-end test compares every predicted entity with the story's
annotations, which cannot express entities without a span in the text; this runner
leaves these rule-based entities out of that comparison (they are tested by
tests/unit/test_red_flag_nlp.py, tests/test_red_flag_vignettes.py and the end-to-end
tests). Everything else - intents, retrieval topics, actions - is compared as usual.

Rasa updates the test tracker with the story's own user event, whose parse data holds only
the annotated intent and entities. The red-flag detector's assessment of the text (the
``red_flags`` key: which signs are present, which only mentioned) is what the policies read
to add the warning-signs line after an answer (bot/policies/topic_context.py), so the
runner copies it from the NLU's parse of the story's text into the tracker's user event: it then
holds what a live conversation holds, and the stories test the line (issue 14 item 3).
"""

from __future__ import annotations

import sys
from typing import Any, Dict, List, Text

import rasa.core.test as core_test

from bot.knowledge.red_flags import PARSE_KEY
from bot.nlu.place_extractor import EXTRACTOR as PLACE_EXTRACTOR
from bot.nlu.red_flag_detector import EXTRACTOR

_original = core_test._clean_entity_results
_original_user_predictions = core_test._collect_user_uttered_predictions
#: Rule-based entities that carry no span annotation in the stories.
RULE_EXTRACTORS = frozenset({EXTRACTOR, PLACE_EXTRACTOR})


def _without_detector_entities(text: Text, entity_results: List[Dict[Text, Any]]) -> Any:
    kept = [e for e in entity_results if e.get("extractor") not in RULE_EXTRACTORS]
    return _original(text, kept)


def with_assessment(tracker: Any, predicted: Dict[Text, Any]) -> None:
    """Copy the detector's assessment of the text into the tracker's latest user event."""
    assessment = (predicted or {}).get(PARSE_KEY)
    latest = getattr(tracker, "latest_message", None)
    if assessment is not None and isinstance(getattr(latest, "parse_data", None), dict):
        latest.parse_data[PARSE_KEY] = assessment


def _user_predictions_with_assessment(event: Any, predicted: Dict[Text, Any], tracker: Any, *args: Any) -> Any:
    result = _original_user_predictions(event, predicted, tracker, *args)
    with_assessment(tracker, predicted)
    return result


def main(argv: List[str]) -> int:
    core_test._clean_entity_results = _without_detector_entities  # type: ignore[assignment]
    core_test._collect_user_uttered_predictions = _user_predictions_with_assessment  # type: ignore[assignment]
    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa", "test", "core", "--e2e", "--fail-on-prediction-errors", *argv]
    try:
        rasa_main()
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
