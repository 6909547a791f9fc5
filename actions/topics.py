"""After a curated answer, offer related topics as buttons."""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.constants import (
    ACTION_SUGGEST_RELATED,
    FAQ_INTENT,
    FAQ_RESPONSE_PREFIX,
    MAX_RELATED,
    UTTER_ASK_NEXT,
)
from bot.knowledge import Topic, load_topics

#: Loaded once when the action server imports this module.
TOPICS: Dict[str, Topic] = load_topics()


def answered_topic(tracker: Tracker) -> Optional[Text]:
    """The topic key the response selector chose for the latest message, if any."""
    selector = (tracker.latest_message or {}).get("response_selector", {})
    key = selector.get(FAQ_INTENT, {}).get("response", {}).get("intent_response_key")
    if not key or not key.startswith(f"{FAQ_INTENT}/"):
        return None
    return key.split("/", 1)[1]


def topics_already_answered(tracker: Tracker) -> set[Text]:
    """Topic keys whose answer the bot has already sent in this conversation."""
    seen: set[Text] = set()
    for event in tracker.events:
        if event.get("event") != "bot":
            continue
        utter = (event.get("metadata") or {}).get("utter_action") or ""
        if utter.startswith(FAQ_RESPONSE_PREFIX):
            seen.add(utter[len(FAQ_RESPONSE_PREFIX):])
    return seen


def related_buttons(topic_key: Text, exclude: set[Text], limit: int = MAX_RELATED) -> List[Dict[Text, Text]]:
    """Buttons for the related topics; the payload is the question itself (no /intent)."""
    topic = TOPICS.get(topic_key)
    if topic is None:
        return []
    buttons = []
    for key in topic.related:
        if key in exclude or key == topic_key or key not in TOPICS:
            continue
        title = TOPICS[key].title
        buttons.append({"title": title, "payload": title})
        if len(buttons) == limit:
            break
    return buttons


class ActionSuggestRelated(Action):
    """Offers up to three related topics not yet answered."""

    def name(self) -> Text:
        return ACTION_SUGGEST_RELATED

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        key = answered_topic(tracker)
        if key is None:
            return []
        buttons = related_buttons(key, topics_already_answered(tracker) | {key})
        if buttons:
            dispatcher.utter_message(response=UTTER_ASK_NEXT, buttons=buttons)
        return []
