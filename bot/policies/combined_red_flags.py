"""Red-flag signs spread over several messages ("my son has a fever" ... "now his leg keeps
jerking"): escalate as if they had come in one message.

The NLU component ``bot.nlu.red_flag_detector`` judges each message on its own and writes
its concepts, with their status, to the parse (``red_flags.concepts``). This policy takes
the concepts that are *present* (not negated, hypothetical, informational or past) in the
user's messages since the last escalation (at most ``window`` of them, this session
only), applies the signs of ``knowledge/red_flags.yml`` to them together, and when a sign
fires that the latest message completes, predicts the same steps as the single-message
rules (data/rules/red_flags.yml): the level's domain response first (it needs no action
server), then ``action_red_flag_details``, ``utter_red_flag_details`` and listen. The
slots the rules would have set (``red_flag_active``, ``red_flag_sign``,
``red_flag_level``) come with the first prediction.

It never runs inside a form (the form's own red-flag rules handle single messages there)
and, on any error, predicts nothing, so the other policies decide as before.
"""

from __future__ import annotations

import logging
from typing import Any, Dict, List, Optional, Sequence, Text, Tuple

from rasa.core.policies.policy import PolicyPrediction
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.constants import ACTION_LISTEN_NAME, ACTION_SESSION_START_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, Event, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.knowledge.red_flags import (
    ACTION_RED_FLAG_DETAILS,
    PRESENT,
    RED_FLAG_INTENTS,
    SLOT_RED_FLAG_ACTIVE,
    SLOT_RED_FLAG_LEVEL,
    SLOT_RED_FLAG_SIGN,
    SLOT_RED_FLAG_SIGN_HI,
    RedFlagRules,
    Sign,
    load_rules,
    parse_concepts,
    sign_labels,
)
from bot.policies.planned import PlannedPolicy

logger = logging.getLogger(__name__)

DETAILS_STEPS = (ACTION_RED_FLAG_DETAILS, "utter_red_flag_details")


def present_concepts(parse_data: Dict[str, Any]) -> set[str]:
    """The concepts a message describes as present."""
    return {str(c.get("label")) for c in parse_concepts(parse_data, [PRESENT])}


def combined_signs(rules: RedFlagRules, turns: Sequence[set[str]]) -> Tuple[Optional[str], List[Sign]]:
    """The level and the signs that fire over ``turns`` (oldest first) together, but only
    those the last turn completes: each needs a concept of the last turn and did not fire
    on the earlier turns together (they were judged then)."""
    if len(turns) < 2 or not turns[-1]:
        return None, []
    turns = [rules.with_implied(t) for t in turns]
    together = set().union(*turns)
    before = set().union(*turns[:-1])
    fired = [s for s in rules.signs
             if s.fires(together) and not s.fires(before) and not s.fires(turns[-1])
             and turns[-1] & (set(s.all_of) | set(s.any_of))
             and rules.levels.get(s.level) is not None and rules.levels[s.level].response]
    if not fired:
        return None, []
    fired.sort(key=lambda s: -rules.rank(s.level))
    level = fired[0].level
    return level, [s for s in fired if s.level == level]


def recent_turns(tracker: DialogueStateTracker, window: int) -> List[set[str]]:
    """Present concepts of this session's user messages since the last escalation, oldest
    first (at most ``window``)."""
    turns: List[set[str]] = []
    for event in reversed(tracker.events):
        if isinstance(event, ActionExecuted) and (
                event.action_name == ACTION_SESSION_START_NAME
                or (event.action_name or "").startswith("utter_red_flag_")
                or event.action_name == "utter_specialist_during_emergency"):
            break
        if isinstance(event, UserUttered):
            turns.append(present_concepts(event.parse_data))
            if len(turns) >= window:
                break
    return list(reversed(turns))


def actions_since_user(tracker: DialogueStateTracker) -> Optional[List[str]]:
    """The actions run since the latest user message (None when there is none)."""
    done: List[str] = []
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            return list(reversed(done))
        if isinstance(event, ActionExecuted) and event.action_name:
            done.append(event.action_name)
    return None


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True)
class CombinedRedFlagPolicy(PlannedPolicy):
    """Escalates red-flag signs described over several messages (see module docstring)."""

    failure_message = "combined red-flag check failed; leaving the prediction to the other policies"

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        # above TopicContextPolicy (7) and RulePolicy (6): the escalation comes before the
        # answer to the message, and wins over every planned curated turn
        return {"priority": 8, "window": 4}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._rules = load_rules()
        self._window = int(self.config.get("window", 4))

    def _predict(self, tracker: DialogueStateTracker, domain: Domain) -> PolicyPrediction:
        nothing = self._nothing(domain)
        latest = tracker.latest_message
        if latest is None or tracker.active_loop_name:
            return nothing
        intent = (latest.intent or (latest.parse_data or {}).get("intent") or {}).get("name")
        if intent in RED_FLAG_INTENTS:
            return nothing  # the single-message rules escalate
        done = actions_since_user(tracker)
        if done is None:
            return nothing
        if not done:
            level, signs = combined_signs(self._rules, recent_turns(tracker, self._window))
            if level is None:
                return nothing
            response = self._rules.levels[level].response
            label = sign_labels(signs) or self._rules.default_label
            label_hi = sign_labels(signs, hindi=True) or self._rules.default_label_hi
            logger.info("combined red flag over several messages: %s (%s)", level, label)
            slots: List[Event] = [SlotSet(SLOT_RED_FLAG_ACTIVE, True)] if level == "emergency" else []
            return self._choose(domain, str(response),
                                [*slots, SlotSet(SLOT_RED_FLAG_SIGN, label), SlotSet(SLOT_RED_FLAG_SIGN_HI, label_hi),
                                 SlotSet(SLOT_RED_FLAG_LEVEL, level)])
        # continue the escalation this policy started
        responses = {lv.response for lv in self._rules.levels.values() if lv.response}
        if done[0] not in responses:
            return nothing
        steps = [done[0], *DETAILS_STEPS, ACTION_LISTEN_NAME]
        if done != steps[:len(done)] or len(done) >= len(steps):
            return nothing
        return self._choose(domain, steps[len(done)])
