"""bot/serve/rule_lookup.py without a model: the same rule keys as RulePolicy's own
``_get_possible_keys`` for rules that name a previous action, rules that name none
(conversation starts, a previous action given by its text, one that must not be set) and
conversations of every such shape, including the empty one."""

from __future__ import annotations

import itertools
import json
from typing import Any, Dict, List

from rasa.core.policies.rule_policy import RulePolicy
from rasa.shared.core.constants import SHOULD_NOT_BE_SET

from bot.serve.rule_lookup import get_possible_keys, grouped, required_previous_action

LISTEN = {"action_name": "action_listen"}
GREET = {"intent": "greet"}
RULES: List[List[Dict[str, Any]]] = [
    [{"prev_action": LISTEN, "user": GREET}],
    [{"prev_action": {"action_name": "utter_greet"}, "user": GREET}],
    [{"prev_action": LISTEN, "user": GREET}, {"prev_action": {"action_name": "utter_greet"}, "user": GREET}],
    [{"user": GREET}],  # a conversation start: no previous action
    [{}, {"prev_action": LISTEN, "user": GREET}],
    [{"prev_action": {"action_text": "hello there"}}],
    [{"prev_action": {"action_name": SHOULD_NOT_BE_SET}, "user": GREET}],
    [{"prev_action": LISTEN, "active_loop": {"name": SHOULD_NOT_BE_SET}, "user": GREET}],
]
STATES: List[Dict[str, Any]] = [
    {}, {"user": GREET}, {"prev_action": LISTEN, "user": GREET},
    {"prev_action": {"action_name": "utter_greet"}, "user": GREET},
    {"prev_action": {"action_text": "hello there"}},
    {"prev_action": LISTEN, "active_loop": {"name": "specialist_form"}, "user": GREET},
    {"prev_action": {"action_name": "something_else"}},
]


def test_the_same_keys_as_rasa_for_every_conversation_shape() -> None:
    policy = RulePolicy.__new__(RulePolicy)  # the two methods used read no instance state
    lookup = {json.dumps(rule): "utter_x" for rule in RULES}
    assert grouped(lookup)[None]  # some rules name no previous action
    compared = 0
    for length in range(4):
        for states in itertools.product(STATES, repeat=length):
            expected = RulePolicy._get_possible_keys(policy, lookup, list(states))
            assert get_possible_keys(policy, lookup, list(states)) == expected, states
            compared += bool(expected)
    assert compared > 20


def test_only_a_set_previous_action_name_groups_a_rule() -> None:
    assert required_previous_action(({"prev_action": LISTEN},)) == "action_listen"
    assert required_previous_action(({"prev_action": {"action_name": SHOULD_NOT_BE_SET}},)) is None
    assert required_previous_action(({"prev_action": {"action_text": "hi"}},)) is None
    assert required_previous_action(({"user": GREET},)) is None
