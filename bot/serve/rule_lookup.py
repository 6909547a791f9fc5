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
``_is_rule_applicable`` keeps every one of them, so the set cannot change). At the first
step (the current state) nearly every rule used to be compared: a rule whose newest state
names a previous action can only match a state with that very previous action
(``_does_rule_match_state`` compares a set value for equality), so the rules are grouped
once per lookup table by that name, and only the group of the current previous action and
the rules that name none are compared.
``tests/unit/test_graph_runner.py`` checks it against Rasa's own on the trained model.

``install()`` replaces the method on ``RulePolicy`` (``bot.rasa_patches.apply``, serving only).
"""

from __future__ import annotations

import json
from typing import Any, Dict, List, Optional, Set, Text, Tuple

from rasa.shared.core.constants import PREVIOUS_ACTION, SHOULD_NOT_BE_SET
from rasa.shared.nlu.constants import ACTION_NAME

State = Dict[Text, Any]

_reversed_rules: Dict[Text, Tuple[State, ...]] = {}
#: id(lookup table) -> (the table, its rules grouped by the newest state's previous action).
_groups: Dict[int, Tuple[Dict[Text, Text], Dict[Optional[Text], List[Text]]]] = {}


def reversed_rule_states(rule_key: Text) -> Tuple[State, ...]:
    """The rule's states, newest first (parsed once per key; never mutated)."""
    states = _reversed_rules.get(rule_key)
    if states is None:
        states = tuple(reversed(json.loads(rule_key)))
        _reversed_rules[rule_key] = states
    return states


def required_previous_action(rule: Tuple[State, ...]) -> Optional[Text]:
    """The previous action a state must have for the rule's newest state to match it
    (None: the rule names none, or only one that must not be set)."""
    name = (rule[0].get(PREVIOUS_ACTION) or {}).get(ACTION_NAME) if rule else None
    return name if name and name != SHOULD_NOT_BE_SET else None


def grouped(lookup: Dict[Text, Text]) -> Dict[Optional[Text], List[Text]]:
    """The lookup table's keys by ``required_previous_action`` (built once per table; the
    tables are the trained RulePolicy's and never change)."""
    kept = _groups.get(id(lookup))
    if kept is None or kept[0] is not lookup:
        groups: Dict[Optional[Text], List[Text]] = {}
        for key in lookup:
            groups.setdefault(required_previous_action(reversed_rule_states(key)), []).append(key)
        kept = _groups[id(lookup)] = (lookup, groups)
    return kept[1]


def get_possible_keys(self: Any, lookup: Dict[Text, Text], states: List[State]) -> Set[Text]:
    """``RulePolicy._get_possible_keys`` (same result; see module docstring)."""
    matches = self._does_rule_match_state
    if states:
        current = (states[-1].get(PREVIOUS_ACTION) or {}).get(ACTION_NAME)
        groups = grouped(lookup)
        candidates = groups.get(None, []) + (groups.get(current, []) if current is not None else [])
        possible = {key: reversed_rule_states(key) for key in candidates}
    else:
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
