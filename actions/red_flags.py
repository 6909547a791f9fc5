"""Record a red-flag escalation (which signs, which level, when) in the conversation.

The urgent advice itself is sent by rules as domain responses (see
data/rules/red_flags.yml), so it reaches the user even if this server is down. This
action keeps the record: the ``red_flag_log`` slot, read by the specialist flow (no
doctor search while an emergency is active) and by the review tools.
"""

from __future__ import annotations

import time
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.constants import (
    ACTION_RED_FLAG_DETAILS,
    SLOT_RED_FLAG_LEVEL,
    SLOT_RED_FLAG_LOG,
    SLOT_RED_FLAG_SIGN,
    SLOT_RED_FLAG_SIGN_HI,
)
from bot.knowledge.red_flags import PARSE_KEY, RED_FLAG_INTENT, RED_FLAG_INTENTS, load_rules

#: Kept per conversation; older entries are dropped.
MAX_LOG_ENTRIES = 20


def escalation_record(latest_message: Dict[Text, Any], now: float,
                      combined_level: Optional[Text] = None) -> Dict[Text, Any]:
    """What one escalation was about, from the parse's ``red_flags`` result (or, for signs
    spread over several messages, ``combined_level`` from the ``red_flag_level`` slot)."""
    assessment = latest_message.get(PARSE_KEY) or {}
    intent = (latest_message.get("intent") or {}).get("name")
    if assessment.get("escalate"):
        level, detected_by = assessment.get("level"), "rules"
    elif intent in RED_FLAG_INTENTS or not combined_level:
        level, detected_by = ("emergency" if intent == RED_FLAG_INTENT else "urgent"), "classifier"
    else:
        level, detected_by = combined_level, "several messages"
    return {
        "time": int(now),
        "intent": intent,
        "level": level,
        "signs": [s.get("sign") for s in assessment.get("signs", [])],
        "detected_by": detected_by,
    }


class ActionRedFlagDetails(Action):
    """Appends this escalation to ``red_flag_log``; fills the sign (English and Hindi) if NLU had none."""

    def name(self) -> Text:
        return ACTION_RED_FLAG_DETAILS

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        record = escalation_record(tracker.latest_message or {}, time.time(),
                                   tracker.get_slot(SLOT_RED_FLAG_LEVEL))
        log = list(tracker.get_slot(SLOT_RED_FLAG_LOG) or [])
        log.append(record)
        events = [SlotSet(SLOT_RED_FLAG_LOG, log[-MAX_LOG_ENTRIES:])]
        rules = load_rules()
        if not tracker.get_slot(SLOT_RED_FLAG_SIGN):
            events.append(SlotSet(SLOT_RED_FLAG_SIGN, rules.default_label))
        if not tracker.get_slot(SLOT_RED_FLAG_SIGN_HI):
            events.append(SlotSet(SLOT_RED_FLAG_SIGN_HI, rules.default_label_hi))
        return events
