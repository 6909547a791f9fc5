""""Was this helpful?" after a curated answer (issue 16; names and stored form in
``bot/knowledge/feedback.py``).

- ``action_feedback_ask`` runs after every curated answer (``utter_faq``): it asks with
  👍 / 👎 buttons (``utter_ask_helpful``) unless an escalation is active in this conversation
  (never after emergency advice) or this topic was already asked about (at most once per
  topic per conversation). The escalation itself is sent by the rules before anything else
  in the turn; this action never delays or replaces it. The project's Rasa server takes
  this decision in-process (``bot/serve/local_actions.py``, the same ``fb.slots_to_ask``);
  the action here serves a Rasa server without that patch (``CLONUS_LOCAL_ACTIONS=0``).
- ``action_feedback_record`` stores the rating of the pending answer (slot ``feedback``).
- After a 👎, ``feedback_form`` asks "What was missing?" once (optional: the Skip button sends
  /deny, or "no"); ``action_feedback_comment`` adds the answer to the rating.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.knowledge import feedback as fb

#: Replies to "What was missing?" that mean "nothing to add".
NO_COMMENT_INTENTS = frozenset({"deny", "stop", "goodbye"})  # Skip sends /deny


def escalation_in_conversation(tracker: Tracker) -> bool:
    """An escalation happened in this conversation (``fb.escalation_in_conversation``)."""
    return fb.escalation_in_conversation(tracker.events, tracker.get_slot)


class ActionFeedbackAsk(Action):
    """Kept for any Rasa server without ``bot.serve.local_actions``: the project's own Rasa
    server runs the same decision in-process (``fb.slots_to_ask``)."""

    def name(self) -> Text:
        return fb.ACTION_ASK

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: DomainDict) -> List[Dict[Text, Any]]:
        slots = fb.slots_to_ask(tracker.events, tracker.get_slot)
        if slots is None:
            return []
        dispatcher.utter_message(response=fb.RESPONSE_ASK)
        return [SlotSet(name, value) for name, value in slots.items()]


class ActionFeedbackRecord(Action):
    def name(self) -> Text:
        return fb.ACTION_RECORD

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: DomainDict) -> List[Dict[Text, Any]]:
        pending = tracker.get_slot(fb.SLOT_PENDING)
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        if not isinstance(pending, dict) or not pending.get("answer"):
            return [SlotSet(fb.SLOT_COMMENT, None)]
        rating = fb.HELPFUL if intent == fb.INTENT_HELPFUL else fb.NOT_HELPFUL
        record = {"answer": pending["answer"], "version": pending.get("version"), "rating": rating,
                  "comment": None}
        events = [SlotSet(fb.SLOT_FEEDBACK, record), SlotSet(fb.SLOT_COMMENT, None)]
        if rating == fb.HELPFUL:
            events.append(SlotSet(fb.SLOT_PENDING, None))
        return events


class ValidateFeedbackForm(FormValidationAction):
    def name(self) -> Text:
        return fb.VALIDATE_FORM

    def validate_feedback_comment(self, value: Any, dispatcher: CollectingDispatcher,
                                  tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        if intent in (fb.INTENT_HELPFUL, fb.INTENT_NOT_HELPFUL):
            # the 👎 that opened the form is not its answer: ask "What was missing?"
            return {fb.SLOT_COMMENT: None}
        if intent in NO_COMMENT_INTENTS:
            return {fb.SLOT_COMMENT: ""}
        return {fb.SLOT_COMMENT: str(value or "").strip()[:1000]}


class ActionFeedbackComment(Action):
    def name(self) -> Text:
        return fb.ACTION_COMMENT

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: DomainDict) -> List[Dict[Text, Any]]:
        record: Optional[Dict[str, Any]] = tracker.get_slot(fb.SLOT_FEEDBACK)
        comment = str(tracker.get_slot(fb.SLOT_COMMENT) or "").strip()
        events: List[Dict[Text, Any]] = [SlotSet(fb.SLOT_PENDING, None), SlotSet(fb.SLOT_COMMENT, None)]
        if isinstance(record, dict) and comment:
            events.insert(0, SlotSet(fb.SLOT_FEEDBACK, {**record, "comment": comment}))
        return events
