"""``make validate``: ``rasa data validate --fail-on-warnings`` that knows the custom
actions' responses, then the project's own checks (``bot/maintain/checks.py``).

Rasa warns about every response that no story or rule names, and the doctor search
sends its responses from custom actions (``actions/constants.py`` lists them, and
``knowledge/specialists.yml`` names one per situation). Only those are exempted from
that one check; every other warning still fails the run. Tests check that each exempted
response exists in the domain and is sent by the code or the data file.

The project checks (every topic has a sourced answer, every response is used, enough
examples per intent, no example in two intents, no held-in test example in training data,
...) run even when Rasa's validation fails, so one run lists everything to fix.
"""

from __future__ import annotations

import sys
from typing import List, Set, Text

from rasa.validator import Validator

from actions.constants import ACTION_RESPONSES
from bot.knowledge.specialists import load_map


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
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    from bot.maintain.checks import main as project_checks

    print(f"\nrasa data validate --fail-on-warnings: {'passed' if code == 0 else 'FAILED (see above)'}",
          flush=True)
    checks = project_checks([])
    if code:
        print("make validate FAILED: fix what rasa data validate reported above.")
    return code or checks


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
