"""The location slot of specialist_form: extraction, resolution, asking, updating."""

from __future__ import annotations

import asyncio
from typing import Any, Dict, List, Optional

import pytest

from actions.locations import ActionAskLocation, ActionUpdateLocation, ValidateSpecialistForm


def message(text: str, intent: str = "inform_location", place: Optional[str] = None) -> Dict[str, Any]:
    entities = [{"entity": "place", "value": place}] if place else []
    return {"text": text, "intent": {"name": intent}, "entities": entities}


def slots_of(events: List[Dict[str, Any]]) -> Dict[str, Any]:
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


def extract(make_tracker, dispatcher, domain_dict, msg: Dict[str, Any], **slots: Any) -> Dict[str, Any]:
    tracker = make_tracker(latest_message=msg, slots=slots)
    return asyncio.run(ValidateSpecialistForm().extract_location(dispatcher, tracker, domain_dict))


@pytest.mark.parametrize(
    "msg, slots, expected",
    [
        (message("Pune"), {"requested_slot": "location"}, {"location": "Pune"}),
        (message("find one in Pune", "find_specialist", place="Pune"), {}, {"location": "Pune"}),
        (message("Pnue", "nlu_fallback"), {"requested_slot": "location"}, {"location": "Pnue"}),
        (message("sorry, Mumbay", "inform_location"), {}, {"location": "sorry, Mumbay"}),
        (message("what is clonus", "faq"), {"requested_slot": "location"}, {}),
        (message("stop", "stop"), {"requested_slot": "location"}, {}),
        (message("no", "deny"), {"requested_slot": "location"}, {}),
        (message("he suddenly can't speak", "red_flag"), {"requested_slot": "location"}, {}),
        (message("find a neurologist", "find_specialist"), {}, {}),
    ],
)
def test_extraction(make_tracker, dispatcher, domain_dict, msg, slots, expected) -> None:
    assert extract(make_tracker, dispatcher, domain_dict, msg, **slots) == expected


def validate(make_tracker, dispatcher, domain_dict, value: Any, **slots: Any) -> Dict[str, Any]:
    tracker = make_tracker(latest_message=message(str(value)), slots=slots)
    return ValidateSpecialistForm().validate_location(value, dispatcher, tracker, domain_dict)


def test_a_resolved_place_sets_the_country_and_its_emergency_number(make_tracker, dispatcher, domain_dict) -> None:
    result = validate(make_tracker, dispatcher, domain_dict, "near Kothrud, Pune")
    assert result["location"] == "Kothrud, Pune, India"
    assert result["location_city"] == "Pune" and result["location_country"] == "IN"
    assert result["country"] == "IN" and "112" in result["emergency_number"] and "108" in result["emergency_number"]
    assert result["location_options"] is None and result["location_problem"] is None
    assert dispatcher.messages == []  # the form's validation never talks (it may run twice)


def test_an_ambiguous_place_keeps_the_options_and_the_choice_resolves(make_tracker, dispatcher, domain_dict) -> None:
    result = validate(make_tracker, dispatcher, domain_dict, "Manchester")
    assert result["location"] is None
    options = result["location_options"]
    assert any("United Kingdom" in o for o in options) and any("United States" in o for o in options)
    chosen = validate(make_tracker, dispatcher, domain_dict, "the UK one", location_options=options)
    assert chosen["location"] == "Manchester, United Kingdom" and chosen["country"] == "GB"
    assert "999" in chosen["emergency_number"]


def test_a_misspelt_place_is_corrected_and_remembered(make_tracker, dispatcher, domain_dict) -> None:
    result = validate(make_tracker, dispatcher, domain_dict, "Pnue")
    assert result["location"] == "Pune, India" and result["location_problem"] == "corrected:Pnue"


@pytest.mark.parametrize("value", ["asdfgh qwerty", "123", "   ", None])
def test_nonsense_is_refused(make_tracker, dispatcher, domain_dict, value) -> None:
    result = validate(make_tracker, dispatcher, domain_dict, value)
    assert result["location"] is None and result["location_problem"]


def test_no_location_is_asked_during_an_emergency(make_tracker, dispatcher, domain_dict) -> None:
    form = ValidateSpecialistForm()
    calm = make_tracker(slots={"red_flag_active": False})
    alarm = make_tracker(slots={"red_flag_active": True})
    assert asyncio.run(form.required_slots(["location"], dispatcher, calm, domain_dict)) == ["location"]
    assert asyncio.run(form.required_slots(["location"], dispatcher, alarm, domain_dict)) == []


def ask(make_tracker, dispatcher, domain_dict, **slots: Any) -> List[Dict[str, Any]]:
    ActionAskLocation().run(dispatcher, make_tracker(slots=slots), domain_dict)
    return dispatcher.messages


def test_ask_first_time(make_tracker, dispatcher, domain_dict) -> None:
    assert [m["response"] for m in ask(make_tracker, dispatcher, domain_dict)] == ["utter_ask_location"]


def test_ask_which_one_with_buttons(make_tracker, dispatcher, domain_dict) -> None:
    options = ["Hyderabad, India", "Hyderabad, Pakistan"]
    [sent] = ask(make_tracker, dispatcher, domain_dict, location_options=options)
    assert sent["response"] == "utter_ask_location_which"
    assert [b["payload"] for b in sent["buttons"]] == options


def test_ask_again_after_a_miss(make_tracker, dispatcher, domain_dict) -> None:
    [sent] = ask(make_tracker, dispatcher, domain_dict, location_problem="asdfgh")
    assert sent["response"] == "utter_location_unknown" and sent["place"] == "asdfgh"


def test_every_response_the_location_actions_send_exists(domain_dict) -> None:
    for name in ("utter_ask_location", "utter_ask_location_which", "utter_location_unknown",
                 "utter_location_noted"):
        assert name in domain_dict["responses"], name
    assert "location" in domain_dict["forms"]["specialist_form"]["required_slots"]


def test_a_place_said_outside_the_form_is_kept(make_tracker, dispatcher, domain_dict) -> None:
    tracker = make_tracker(latest_message=message("I'm in Chicago IL", place="Chicago IL"))
    slots = slots_of(ActionUpdateLocation().run(dispatcher, tracker, domain_dict))
    assert slots["location"] == "Chicago, Illinois, United States" and "911" in slots["emergency_number"]
    nonsense = make_tracker(latest_message=message("I'm in qqqq zzzz"))
    assert ActionUpdateLocation().run(dispatcher, nonsense, domain_dict) == []
