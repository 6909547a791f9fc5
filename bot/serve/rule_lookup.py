"""RulePolicy's rule lookup without re-reading every rule at every step.

For every prediction, ``RulePolicy._get_possible_keys`` filters all its rules (185 in our
model; the lookup's keys are JSON texts of the rules' states) against the conversation's
states, newest first, one step per state of the *whole* conversation: at each step and for
each rule still possible it fetches the rule's parsed states (``lru_cache``), copies them
reversed, and compares. A profile of our server put that at about 5 % of a turn (called
twice per user message and once per further action).

``get_possible_keys`` returns the same set: each rule's reversed states are computed once
per key and kept; the comparison is RulePolicy's own (``_does_rule_match_state``, the same
conversation-start cases as ``_is_rule_applicable``); and the walk stops when no rule is
left or every rule left is shorter than the steps already taken (from there on
``_is_rule_applicable`` keeps every one of them, so the set cannot change).
``tests/unit/test_graph_runner.py`` checks it against Rasa's own on the trained model.

``install()`` replaces the method on ``RulePolicy`` (``bot.rasa_patches.apply``, serving only).
"""

from __future__ import annotations

import json
from typing import Any, Dict, List, Set, Text, Tuple

from rasa.shared.core.constants import PREVIOUS_ACTION

State = Dict[Text, Any]

_reversed_rules: Dict[Text, Tuple[State, ...]] = {}


def reversed_rule_states(rule_key: Text) -> Tuple[State, ...]:
    """The rule's states, newest first (parsed once per key; never mutated)."""
    states = _reversed_rules.get(rule_key)
    if states is None:
        states = tuple(reversed(json.loads(rule_key)))
        _reversed_rules[rule_key] = states
    return states


def get_possible_keys(self: Any, lookup: Dict[Text, Text], states: List[State]) -> Set[Text]:
    """``RulePolicy._get_possible_keys`` (same result; see module docstring)."""
    matches = self._does_rule_match_state
    possible = {key: reversed_rule_states(key) for key in lookup}
    for i, state in enumerate(reversed(states)):
        if not possible or all(i >= len(rule) for rule in possible.values()):
            break
        current_previous = state.get(PREVIOUS_ACTION)
        kept = {}
        for key, rule in possible.items():
            if i >= len(rule):
                kept[key] = rule
                continue
            rule_previous = rule[i].get(PREVIOUS_ACTION)
            if not rule_previous and not current_previous:
                kept[key] = rule
            elif rule_previous and current_previous and matches(rule[i], state):
                kept[key] = rule
        possible = kept
    return set(possible)


def install() -> None:
    """Use ``get_possible_keys`` in every ``RulePolicy`` of this process."""
    from rasa.core.policies.rule_policy import RulePolicy

    RulePolicy._get_possible_keys = get_possible_keys  # type: ignore[method-assign]
