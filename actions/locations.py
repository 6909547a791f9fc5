"""Where the user is: the location slot of ``specialist_form``.

- ``validate_specialist_form`` reads the place (a ``place`` entity, or the whole answer
  to "Where are you?"), resolves it with the gazetteer (``bot.places``), and keeps the
  result in the conversation's slots only. An ambiguous name ("Manchester") leaves the
  slot empty and offers the options; a misspelling is corrected and said so; nonsense is
  refused politely. A resolved country also sets the emergency number.
- ``action_ask_location`` asks for the place, for the choice, or again after a miss.
- ``action_update_location`` handles "I'm in Pune" said outside the form.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.constants import (
    ACTION_ASK_LOCATION,
    ACTION_UPDATE_LOCATION,
    ENTITY_PLACE,
    FORM_SPECIALIST,
    INTENT_INFORM_LOCATION,
    NOT_A_LOCATION_INTENTS,
    RESPONSE_ASK_LOCATION,
    RESPONSE_ASK_LOCATION_WHICH,
    RESPONSE_LOCATION_UNKNOWN,
    SLOT_COUNTRY,
    SLOT_EMERGENCY_NUMBER,
    SLOT_LOCATION,
    SLOT_LOCATION_CITY,
    SLOT_LOCATION_COUNTRY,
    SLOT_LOCATION_OPTIONS,
    SLOT_LOCATION_PROBLEM,
    SLOT_RED_FLAG_ACTIVE,
    SLOT_REQUESTED,
    VALIDATE_SPECIALIST_FORM,
)
from bot import places
from bot.constants import MAX_MESSAGE_CHARS
from bot.knowledge.emergency_numbers import load_numbers

#: Longest place text kept in a slot or repeated to the user.
MAX_PLACE_CHARS = 120
#: "location_problem" value of a misspelt place that was corrected (the search says so).
CORRECTED_PREFIX = "corrected:"

places.warm_up()  # gazetteer indexes at start-up, not in run()


def latest_place(tracker: Tracker) -> Optional[str]:
    """The ``place`` entity of the latest user message, if any."""
    for entity in (tracker.latest_message or {}).get("entities") or []:
        if entity.get("entity") == ENTITY_PLACE and entity.get("value"):
            return str(entity["value"])[:MAX_PLACE_CHARS]
    return None


def latest_intent(tracker: Tracker) -> Optional[str]:
    return ((tracker.latest_message or {}).get("intent") or {}).get("name")


def resolved_slots(place: places.Place) -> Dict[Text, Any]:
    """Slots for a resolved place, including the emergency number of its country."""
    slots: Dict[Text, Any] = {
        SLOT_LOCATION: place.label(),
        SLOT_LOCATION_CITY: place.city,
        SLOT_LOCATION_COUNTRY: place.country_code,
        SLOT_LOCATION_OPTIONS: None,
        SLOT_LOCATION_PROBLEM: None,
    }
    country = load_numbers().by_code(place.country_code)
    if country is not None:
        slots[SLOT_COUNTRY] = country.code
        slots[SLOT_EMERGENCY_NUMBER] = country.numbers_text()
    return slots


def resolution_slots(resolution: places.Resolution) -> Dict[Text, Any]:
    """Slots for any resolution: resolved, ambiguous (options kept), or not found."""
    if resolution.status == "resolved" and resolution.place is not None:
        slots = resolved_slots(resolution.place)
        if resolution.corrected_from:
            slots[SLOT_LOCATION_PROBLEM] = CORRECTED_PREFIX + resolution.corrected_from[:MAX_PLACE_CHARS]
        return slots
    if resolution.status == "ambiguous":
        return {SLOT_LOCATION: None, SLOT_LOCATION_PROBLEM: None,
                SLOT_LOCATION_OPTIONS: [p.label() for p in resolution.options]}
    return {SLOT_LOCATION: None, SLOT_LOCATION_OPTIONS: None,
            SLOT_LOCATION_PROBLEM: (resolution.query or "")[:MAX_PLACE_CHARS] or "?"}


class ValidateSpecialistForm(FormValidationAction):
    """Reads and resolves the location; asks nothing during an emergency."""

    def name(self) -> Text:
        return VALIDATE_SPECIALIST_FORM

    async def required_slots(
        self,
        domain_slots: List[Text],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> List[Text]:
        if tracker.get_slot(SLOT_RED_FLAG_ACTIVE):
            return []  # no doctor search while an emergency escalation is active
        return domain_slots

    async def extract_location(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        intent = latest_intent(tracker)
        if intent in NOT_A_LOCATION_INTENTS:
            return {}  # the form steps aside; a rule answers this message
        place = latest_place(tracker)
        if place:
            return {SLOT_LOCATION: place}
        asked = tracker.get_slot(SLOT_REQUESTED) == SLOT_LOCATION
        if asked or intent == INTENT_INFORM_LOCATION:
            text = ((tracker.latest_message or {}).get("text") or "")[:MAX_MESSAGE_CHARS].strip()
            return {SLOT_LOCATION: text[:MAX_PLACE_CHARS] or "?"}
        return {}

    def validate_location(
        self,
        slot_value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> Dict[Text, Any]:
        if not isinstance(slot_value, str) or not slot_value.strip():
            return {SLOT_LOCATION: None, SLOT_LOCATION_PROBLEM: "?"}
        options = tracker.get_slot(SLOT_LOCATION_OPTIONS) or []
        return resolution_slots(places.resolve(slot_value, choose_from=tuple(options)))


class ActionAskLocation(Action):
    """Asks where the user is: the first time, after a miss, or which of several places."""

    def name(self) -> Text:
        return ACTION_ASK_LOCATION

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[Text, Any]]:
        options = tracker.get_slot(SLOT_LOCATION_OPTIONS) or []
        problem = tracker.get_slot(SLOT_LOCATION_PROBLEM)
        if options:
            buttons = [{"title": label, "payload": label} for label in options]
            dispatcher.utter_message(response=RESPONSE_ASK_LOCATION_WHICH, buttons=buttons)
            return []
        if problem and not str(problem).startswith(CORRECTED_PREFIX):
            dispatcher.utter_message(response=RESPONSE_LOCATION_UNKNOWN, place=str(problem))
            return []
        dispatcher.utter_message(response=RESPONSE_ASK_LOCATION)
        return []


class ActionUpdateLocation(Action):
    """ "I'm in Pune" outside the form: keep the place (and its emergency number)."""

    def name(self) -> Text:
        return ACTION_UPDATE_LOCATION

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[Text, Any]]:
        text = latest_place(tracker) or ((tracker.latest_message or {}).get("text") or "")
        resolution = places.resolve(text[:MAX_PLACE_CHARS])
        if resolution.status != "resolved" or resolution.place is None:
            return []
        return [SlotSet(k, v) for k, v in resolved_slots(resolution.place).items()]


__all__ = ["ActionAskLocation", "ActionUpdateLocation", "ValidateSpecialistForm", "FORM_SPECIALIST"]
