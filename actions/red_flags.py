"""Record a red-flag escalation (which signs, which level, when) in the conversation.

The urgent advice itself is sent by rules as domain responses (see
data/rules/red_flags.yml), so it reaches the user even if this server is down. This
action keeps the record: the ``red_flag_log`` slot, read by the specialist flow (no
doctor search while an emergency is active) and by the review tools.
"""

from __future__ import annotations

import time
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.constants import ACTION_RED_FLAG_DETAILS, SLOT_RED_FLAG_LOG, SLOT_RED_FLAG_SIGN

#: Kept per conversation; older entries are dropped.
MAX_LOG_ENTRIES = 20


def escalation_record(latest_message: Dict[Text, Any], now: float) -> Dict[Text, Any]:
    """What one escalation was about, from the parse's ``red_flags`` result."""
    assessment = latest_message.get("red_flags") or {}
    intent = (latest_message.get("intent") or {}).get("name")
    return {
        "time": int(now),
        "intent": intent,
        "level": assessment.get("level") if assessment.get("escalate") else
        ("emergency" if intent == "red_flag" else "urgent"),
        "signs": [s.get("sign") for s in assessment.get("signs", [])],
        "detected_by": "rules" if assessment.get("escalate") else "classifier",
    }


class ActionRedFlagDetails(Action):
    """Appends this escalation to ``red_flag_log``; fills the sign if NLU had none."""

    def name(self) -> Text:
        return ACTION_RED_FLAG_DETAILS

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        record = escalation_record(tracker.latest_message or {}, time.time())
        log = list(tracker.get_slot(SLOT_RED_FLAG_LOG) or [])
        log.append(record)
        events = [SlotSet(SLOT_RED_FLAG_LOG, log[-MAX_LOG_ENTRIES:])]
        if not tracker.get_slot(SLOT_RED_FLAG_SIGN):
            events.append(SlotSet(SLOT_RED_FLAG_SIGN, "symptoms that can be a warning sign"))
        return events
