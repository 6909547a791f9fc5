"""``rasa data validate --fail-on-warnings`` that knows the custom actions' responses.

Rasa warns about every response that no story or rule names, and the doctor search
sends its responses from custom actions (``actions/constants.py`` lists them, and
``knowledge/specialists.yml`` names one per situation). Only those are exempted from
that one check; every other warning still fails the run. Tests check that each exempted
response exists in the domain and is sent by the code or the data file.
"""

from __future__ import annotations

import sys
from typing import List, Set, Text

from rasa.validator import Validator

from actions.constants import ACTION_RESPONSES
from bot.specialists import load_map


def action_sent_responses() -> Set[Text]:
    return set(ACTION_RESPONSES) | set(load_map().responses())


_original = Validator._gather_utterance_actions


def _without_action_responses(self: Validator) -> Set[Text]:
    return _original(self) - action_sent_responses()


def main(argv: List[str]) -> int:
    Validator._gather_utterance_actions = _without_action_responses  # type: ignore[method-assign]
    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa", "data", "validate", "--fail-on-warnings", *argv]
    try:
        rasa_main()
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
