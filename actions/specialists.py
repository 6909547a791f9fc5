"""Which specialist, and who is near the user (issue 4).

- ``action_suggest_specialist``: the situation comes from the whole conversation (spaCy
  concepts with their ConText status in each user message's parse, see
  ``bot.knowledge.specialists``); sends the explanation responses named in
  ``knowledge/specialists.yml`` and remembers what to search.
- ``action_specialist_search``: asks the configured directory (``bot.directory``, loaded
  once at start-up) in a worker thread, and shows at most a few entries or a search link.
  Nothing is invented: every name, address and phone comes from the directory.
Neither does anything while an emergency escalation is active.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.constants import (
    ACTION_SPECIALIST_SEARCH,
    ACTION_SUGGEST_SPECIALIST,
    RESPONSE_DIRECTORY_UNAVAILABLE,
    RESPONSE_LOCATION_CORRECTED,
    RESPONSE_NO_RESULTS,
    RESPONSE_RESULT,
    RESPONSE_RESULTS_ELSEWHERE,
    RESPONSE_RESULTS_INTRO,
    RESPONSE_SAMPLE_NOTE,
    RESPONSE_SEARCH_LINK,
    RESPONSE_SPECIALIST_DURING_EMERGENCY,
    SLOT_LOCATION,
    SLOT_LOCATION_CITY,
    SLOT_LOCATION_COUNTRY,
    SLOT_LOCATION_PROBLEM,
    SLOT_RED_FLAG_ACTIVE,
    SLOT_SPECIALIST_REQUESTED,
    SLOT_SPECIALIST_SEARCH,
    SLOT_SPECIALIST_SITUATION,
)
from actions.locations import CORRECTED_PREFIX, latest_place
from bot.directory import DirectoryBackend, Practitioner, SearchQuery, SearchResult, load_backend
from bot.knowledge.emergency_numbers import load_numbers
from bot.knowledge.specialists import SpecialistMap, conversation_concepts, load_map

logger = logging.getLogger(__name__)

#: Entries shown in one answer.
MAX_RESULTS = 3
#: Upper bound on one directory search, whatever the backend's own timeout.
SEARCH_TIMEOUT_S = 8.0

SPECIALISTS: SpecialistMap = load_map()  # at start-up: a broken data file stops the server
_backend: Optional[DirectoryBackend] = None


def backend() -> DirectoryBackend:
    """The configured directory (``directory:`` in endpoints.yml), created once."""
    global _backend
    if _backend is None:
        _backend = load_backend()
    return _backend


def set_backend(value: Optional[DirectoryBackend]) -> None:
    """Use another directory (tests); ``None`` reloads the configured one."""
    global _backend
    _backend = value


backend()  # at start-up: a bad `directory:` configuration stops the server with its reason


def contact_line(entry: Practitioner) -> str:
    """Address, phone and web address of an entry, as the directory gave them."""
    return " · ".join(part for part in (entry.address, entry.phone, entry.url) if part)


class ActionSuggestSpecialist(Action):
    """Explains which kind of specialist fits, from what the user said so far."""

    def name(self) -> Text:
        return ACTION_SUGGEST_SPECIALIST

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[Text, Any]]:
        if tracker.get_slot(SLOT_RED_FLAG_ACTIVE):
            dispatcher.utter_message(response=RESPONSE_SPECIALIST_DURING_EMERGENCY)
            return []
        parses = [e.get("parse_data") for e in tracker.events if e.get("event") == "user"]
        choice = SPECIALISTS.choose(conversation_concepts(parses))
        for response in choice.responses:
            dispatcher.utter_message(response=response)
        events = [
            SlotSet(SLOT_SPECIALIST_REQUESTED, True),
            SlotSet(SLOT_SPECIALIST_SITUATION, choice.primary.key),
            SlotSet(SLOT_SPECIALIST_SEARCH, list(choice.search)),
        ]
        place = latest_place(tracker)
        if place:  # "... in Pune?": the form checks it at activation
            events.append(SlotSet(SLOT_LOCATION, place))
        return events


class ActionSpecialistSearch(Action):
    """Shows directory entries near the resolved place, or a search link."""

    def name(self) -> Text:
        return ACTION_SPECIALIST_SEARCH

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[Text, Any]]:
        if tracker.get_slot(SLOT_RED_FLAG_ACTIVE):
            dispatcher.utter_message(response=RESPONSE_SPECIALIST_DURING_EMERGENCY)
            return []
        location = tracker.get_slot(SLOT_LOCATION)
        if not location:  # the form ended without a place (should not happen): say nothing wrong
            return []
        problem = tracker.get_slot(SLOT_LOCATION_PROBLEM)
        events: List[Dict[Text, Any]] = []
        if isinstance(problem, str) and problem.startswith(CORRECTED_PREFIX):
            dispatcher.utter_message(response=RESPONSE_LOCATION_CORRECTED,
                                     typed=problem[len(CORRECTED_PREFIX):], location=location)
            events.append(SlotSet(SLOT_LOCATION_PROBLEM, None))
        specialties = tuple(tracker.get_slot(SLOT_SPECIALIST_SEARCH) or SPECIALISTS.default.search)
        query = SearchQuery(specialties=specialties, city=tracker.get_slot(SLOT_LOCATION_CITY),
                            country=tracker.get_slot(SLOT_LOCATION_COUNTRY), limit=MAX_RESULTS)
        result = await self._search(query)
        self._show(dispatcher, result, specialties[0], location)
        return events

    @staticmethod
    async def _search(query: SearchQuery) -> SearchResult:
        try:
            return await asyncio.wait_for(asyncio.to_thread(backend().search, query),
                                          timeout=SEARCH_TIMEOUT_S)
        except Exception as error:  # noqa: BLE001 - a broken directory must not lose the answer
            logger.warning("directory search failed: %r", error)
            return SearchResult(status="unavailable", entries=(), search_url=None, sample=False,
                                backend="unknown", reason=repr(error))

    @staticmethod
    def _show(dispatcher: CollectingDispatcher, result: SearchResult, specialty: str,
              location: str) -> None:
        label = SPECIALISTS.label(specialty)
        numbers = load_numbers()
        if result.status == "ok" and result.entries:
            # a search link comes with entries only when none of them is in the city
            intro = RESPONSE_RESULTS_ELSEWHERE if result.search_url else RESPONSE_RESULTS_INTRO
            dispatcher.utter_message(response=intro, specialty_label=label, location=location)
            for index, entry in enumerate(result.entries[:MAX_RESULTS], start=1):
                country = numbers.by_code(entry.country)
                city = f"{entry.city}, {country.name}" if country else entry.city
                dispatcher.utter_message(response=RESPONSE_RESULT, index=index, name=entry.name,
                                         entry_specialty=SPECIALISTS.label(entry.specialty),
                                         entry_city=city, contact=contact_line(entry))
            if result.sample:
                dispatcher.utter_message(response=RESPONSE_SAMPLE_NOTE)
            if result.search_url:
                dispatcher.utter_message(response=RESPONSE_SEARCH_LINK, specialty_label=label,
                                         location=location, search_url=result.search_url)
            return
        if result.status == "unavailable":
            dispatcher.utter_message(response=RESPONSE_DIRECTORY_UNAVAILABLE)
        else:
            dispatcher.utter_message(response=RESPONSE_NO_RESULTS, specialty_label=label,
                                     location=location)
        if result.search_url:
            dispatcher.utter_message(response=RESPONSE_SEARCH_LINK, specialty_label=label,
                                     location=location, search_url=result.search_url)
