"""The language slots (issue 17, item 1): detection in the parse, explicit requests,
the channel's choice, and the policy that sets the slots inside Rasa."""

from __future__ import annotations

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot import paths
from bot.nlu.language_detector import annotate, channel_choice
from bot.nlu.language_request import requested
from bot.policies.language_slots import answer_language, first_prediction_of_turn, slot_events


@pytest.mark.parametrize("text, label", [
    ("Hindi me batao", "hi"), ("hindi mein samjhaiye please", "hi"), ("हिंदी में बताइए", "hi"),
    ("हिंदी", "hi"), ("Hindi", "hi"), ("what is clonus? in hindi", "hi"),
    ("in English please", "en"), ("English", "en"), ("angrezi me batao", "en"), ("अंग्रेजी में", "en"),
    ("what is clonus", None), ("is there a hindi film about this", None), ("hindi or english?", None),
    ("", None),
])
def test_requests(text: str, label: str | None) -> None:
    assert requested(text) == label


def test_channel_choice() -> None:
    assert channel_choice({"language": "hi"}) == "hi"
    assert channel_choice({"locale": "hi-IN"}) == "hi"
    assert channel_choice({"language": "en-GB"}) == "en"
    assert channel_choice({"language": "fr"}) is None
    assert channel_choice(None) is None


def test_answer_language() -> None:
    assert answer_language("hi-latn", None) == "hi"
    assert answer_language("mixed", None) == "hi"
    assert answer_language("en", None) == "en"
    assert answer_language("hi", "en") == "en"
    assert answer_language("en", "hi") == "hi"


@pytest.fixture(scope="module")
def domain() -> Domain:
    return Domain.load(str(paths.DOMAIN))


def tracker_with(domain: Domain, *turns: tuple[str, dict | None]) -> DialogueStateTracker:
    """A tracker after these user turns; each earlier turn's slot events applied as the
    policy would have set them."""
    tracker = DialogueStateTracker.from_events("t", [ActionExecuted("action_listen")], slots=domain.slots)
    for text, metadata in turns:
        tracker.update(UserUttered(text, parse_data={"language": annotate(text, metadata)}, metadata=metadata),
                       domain)
        for event in slot_events(tracker):
            tracker.update(event, domain)
        tracker.update(ActionExecuted("utter_x"), domain)
        tracker.update(ActionExecuted("action_listen"), domain)
    return tracker


def test_domain_slots(domain: Domain) -> None:
    slots = {s.name: s for s in domain.slots}
    assert slots["answer_language"].initial_value == "en"
    assert slots["answer_language"].influence_conversation is False
    assert set(slots["language"].values) >= {"en", "hi", "hi-latn", "mixed"}


def test_detection_follows_the_user(domain: Domain) -> None:
    t = tracker_with(domain, ("clonus kya hota hai", None))
    assert t.get_slot("language") == "hi-latn" and t.get_slot("answer_language") == "hi"
    t = tracker_with(domain, ("क्लोनस क्या है?", None), ("what is clonus", None))
    assert t.get_slot("answer_language") == "en"


def test_a_request_persists(domain: Domain) -> None:
    t = tracker_with(domain, ("Hindi me batao", None), ("what is clonus", None))
    assert t.get_slot("language") == "en"
    assert t.get_slot("language_choice") == "hi" and t.get_slot("answer_language") == "hi"
    t = tracker_with(domain, ("clonus kya hai", None), ("in English please", None), ("aur ilaaj?", None))
    assert t.get_slot("answer_language") == "en"


def test_the_channel_choice_overrides_detection_but_not_a_request(domain: Domain) -> None:
    t = tracker_with(domain, ("what is clonus", {"language": "hi"}))
    assert t.get_slot("answer_language") == "hi"
    t = tracker_with(domain, ("what is clonus", {"language": "hi"}), ("English please", {"language": "hi"}),
                     ("and the treatment?", {"language": "hi"}))
    assert t.get_slot("answer_language") == "en"


def test_only_the_first_prediction_of_a_turn(domain: Domain) -> None:
    tracker = DialogueStateTracker.from_events("t", [ActionExecuted("action_listen"), UserUttered("hi"),
                                                     ActionExecuted("action_extract_slots")])
    assert first_prediction_of_turn(tracker)
    tracker.update(ActionExecuted("utter_greet"))
    assert not first_prediction_of_turn(tracker)


def test_no_event_when_nothing_changes(domain: Domain) -> None:
    t = tracker_with(domain, ("what is clonus", None))
    t.update(UserUttered("and the causes?", parse_data={"language": annotate("and the causes?", None)}), domain)
    assert slot_events(t) == [] or all(isinstance(e, SlotSet) for e in slot_events(t))
    assert not [e for e in slot_events(t) if e.key == "answer_language"]
