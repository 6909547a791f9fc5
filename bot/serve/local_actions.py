"""``action_feedback_ask`` runs inside the Rasa server instead of over HTTP.

After every curated answer (``utter_faq/<key>``), Rasa called the action server's
``action_feedback_ask``: it serialised the whole conversation to JSON, opened a new HTTP
connection, and validated and deserialised the reply, only for a decision on the events
it had just sent (ask "Was this helpful?" once per topic, never in a conversation with an
escalation). In a profile of our Rasa server with 8 senders that round trip was about a
tenth of the event loop's work, and most of the bench's messages are curated answers.

``LocalFeedbackAsk`` takes the same decision (``bot.knowledge.feedback.slots_to_ask``, the
function the action server's action calls too) on the same event dictionaries the action
server would receive (``tracker.current_state(EventVerbosity.ALL)``'s events: each
event's ``as_dict()``), and turns the result into events with the very code Rasa uses for
an action server's reply: the dispatcher message ``rasa_sdk`` would build for
``utter_message(response="utter_ask_helpful")`` goes through ``RemoteAction._utter_responses``
(the same ``BotUttered``, metadata included) and the ``SlotSet`` dictionaries through
``deserialise_events``; the slot values pass through JSON as over HTTP. The same replies and
the same stored events (``tests/unit/test_local_actions.py`` compares both routes). The
action needs no action server, so a stopped action server no longer costs a curated answer
its "Was this helpful?" (before, the failed call made the turn say
``utter_action_unavailable``); every other custom action still goes to the action server.

Installed by ``bot.rasa_patches.apply``; ``CLONUS_LOCAL_ACTIONS=0`` sends it over HTTP again.
"""

from __future__ import annotations

import json
import logging
import os
from typing import Any, Dict, List, Optional, Text

from rasa.core.actions.action import Action

from bot.knowledge import feedback as fb

logger = logging.getLogger(__name__)

_applied = False


def enabled() -> bool:
    """``CLONUS_LOCAL_ACTIONS`` (default on; ``0``, ``false``, ``no`` or ``off`` turn it off)."""
    return os.environ.get("CLONUS_LOCAL_ACTIONS", "1").strip().lower() not in ("0", "false", "no", "off")


def sdk_message(response: Text) -> Dict[Text, Any]:
    """The message ``rasa_sdk``'s ``CollectingDispatcher.utter_message(response=...)`` sends."""
    return {"text": None, "buttons": [], "elements": [], "custom": {}, "template": response,
            "response": response, "image": None, "attachment": None}


class LocalFeedbackAsk(Action):
    """``action_feedback_ask``, decided in the Rasa server (see the module docstring)."""

    def name(self) -> Text:
        return fb.ACTION_ASK

    async def run(self, output_channel: Any, nlg: Any, tracker: Any, domain: Any) -> List[Any]:
        from rasa.core.actions.action import RemoteAction
        from rasa.shared.core.events import deserialise_events

        events = [event.as_dict() for event in tracker.events]
        slots: Optional[Dict[str, Any]] = fb.slots_to_ask(events, tracker.get_slot)
        if slots is None:
            return []
        # as the action server's reply: the slot values through JSON
        slot_events = [{"event": "slot", "timestamp": None, "name": name,
                        "value": json.loads(json.dumps(value))} for name, value in slots.items()]
        bot_messages = await RemoteAction._utter_responses(
            [sdk_message(fb.RESPONSE_ASK)], output_channel, nlg, tracker)
        return [*bot_messages, *deserialise_events(slot_events)]


def apply() -> None:
    """Make Rasa run ``action_feedback_ask`` in-process (unless ``CLONUS_LOCAL_ACTIONS`` is off)."""
    global _applied
    if _applied or not enabled():
        return
    from rasa.core.actions import action

    original = action.action_for_name_or_text

    def action_for_name_or_text(action_name_or_text: Text, domain: Any, action_endpoint: Any) -> Any:
        if action_name_or_text == fb.ACTION_ASK and action_name_or_text in domain.user_actions:
            return LocalFeedbackAsk()
        return original(action_name_or_text, domain, action_endpoint)

    action_for_name_or_text.__wrapped__ = original  # type: ignore[attr-defined]
    action.action_for_name_or_text = action_for_name_or_text  # type: ignore[assignment]
    _applied = True
    logger.info("%s runs in the Rasa server", fb.ACTION_ASK)
