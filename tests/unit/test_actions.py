"""Unit tests for the custom actions, with the real domain and fresh trackers."""

from __future__ import annotations

from typing import Any, Dict

from actions.topics import TOPICS, ActionSuggestRelated, answered_topic, related_buttons


def faq_message(key: str, text: str = "question") -> Dict[str, Any]:
    return {
        "text": text,
        "intent": {"name": "faq", "confidence": 0.99},
        "response_selector": {
            "faq": {"response": {"intent_response_key": f"faq/{key}", "confidence": 0.98}}
        },
    }


def bot_event(response: str) -> Dict[str, Any]:
    return {"event": "bot", "text": "...", "metadata": {"utter_action": response}}


def test_action_name_is_in_the_domain(domain_dict: Dict[str, Any]) -> None:
    assert ActionSuggestRelated().name() in domain_dict["actions"]


def test_suggests_related_topics_as_plain_text_buttons(make_tracker, dispatcher, domain_dict) -> None:
    tracker = make_tracker(latest_message=faq_message("clonus_causes"))
    events = ActionSuggestRelated().run(dispatcher, tracker, domain_dict)
    assert events == []
    assert len(dispatcher.messages) == 1
    message = dispatcher.messages[0]
    assert message["response"] == "utter_ask_next"
    assert message["response"] in domain_dict["responses"]
    expected = [TOPICS[k].title for k in TOPICS["clonus_causes"].related][:3]
    assert [b["title"] for b in message["buttons"]] == expected
    for button in message["buttons"]:
        assert not button["payload"].startswith("/"), "payloads are questions, never /intents"
        assert button["payload"] == button["title"]


def test_skips_topics_already_answered(make_tracker, dispatcher, domain_dict) -> None:
    related = TOPICS["clonus_causes"].related
    events = [bot_event(f"utter_faq/{related[0]}"), bot_event("utter_greet")]
    tracker = make_tracker(latest_message=faq_message("clonus_causes"), events=events)
    ActionSuggestRelated().run(dispatcher, tracker, domain_dict)
    titles = [b["title"] for b in dispatcher.messages[0]["buttons"]]
    assert TOPICS[related[0]].title not in titles
    assert titles == [TOPICS[k].title for k in related[1:]][:3]


def test_says_nothing_when_every_related_topic_was_answered(make_tracker, dispatcher, domain_dict) -> None:
    events = [bot_event(f"utter_faq/{k}") for k in TOPICS["clonus_vs_tremor"].related]
    tracker = make_tracker(latest_message=faq_message("clonus_vs_tremor"), events=events)
    ActionSuggestRelated().run(dispatcher, tracker, domain_dict)
    assert dispatcher.messages == []


def test_says_nothing_without_a_faq_prediction(make_tracker, dispatcher, domain_dict) -> None:
    tracker = make_tracker(latest_message={"text": "hi", "intent": {"name": "greet"}})
    assert ActionSuggestRelated().run(dispatcher, tracker, domain_dict) == []
    assert dispatcher.messages == []
    assert answered_topic(tracker) is None


def test_unknown_topic_gives_no_buttons() -> None:
    assert related_buttons("no_such_topic", set()) == []


def test_every_topic_has_related_suggestions() -> None:
    for key in TOPICS:
        assert related_buttons(key, {key}), key
