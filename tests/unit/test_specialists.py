"""Which specialist: the data file, the choice from conversation context, the actions."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path
from typing import Any, Dict, List, Optional

import pytest
import spacy

from actions import specialists as specialist_actions
from actions.constants import ACTION_RESPONSES
from actions.specialists import ActionSpecialistSearch, ActionSuggestSpecialist, set_backend
from bot import paths
from bot.directory import Practitioner, SearchQuery, SearchResult
from bot.knowledge.red_flags import load_rules
from bot.knowledge.specialists import conversation_concepts, load_map
from bot.maintain.validate import action_sent_responses

NLP = spacy.load("en_clonus_pipeline")
RULES = load_rules()


def parse(text: str) -> Dict[str, Any]:
    """What the NLU pipeline stores for a user message (its red-flag assessment)."""
    return {"text": text, "red_flags": RULES.assess(NLP(text.lower())).as_dict()}


def user_events(*texts: str) -> List[Dict[str, Any]]:
    return [{"event": "user", "text": t, "parse_data": parse(t)} for t in texts]


def choose(*texts: str) -> str:
    concepts = conversation_concepts(e["parse_data"] for e in user_events(*texts))
    return load_map().choose(concepts).primary.key


# --- the data file ----------------------------------------------------------------------

def test_every_situation_names_a_source_a_known_specialty_and_an_existing_response(domain_dict) -> None:
    mapping = load_map()
    for situation in (*mapping.situations, mapping.default):
        assert situation.response in domain_dict["responses"], situation.response
        assert situation.source in mapping.sources
        assert all(s in mapping.specialties for s in situation.search)


def test_quoted_source_statements_are_in_the_seeds() -> None:
    seed_dir = paths.ROOT.parent / "shared" / "seeds"
    if not seed_dir.is_dir():
        pytest.skip("../shared/seeds is not beside this checkout")
    seeds = " ".join(" ".join(p.read_text(encoding="utf-8").split()) for p in sorted(seed_dir.glob("*.txt")))
    quotes = [q for source in load_map().sources.values() for q in re.findall(r"'([^']+)'", source)]
    assert quotes
    for quote in quotes:
        assert quote.lower() in seeds.lower(), quote


@pytest.mark.parametrize(
    "messages, expected",
    [
        (["which doctor should I see?"], "default"),
        (["I have MS", "which doctor should I see?"], "multiple_sclerosis"),
        (["I was diagnosed with multiple sclerosis last year"], "multiple_sclerosis"),
        (["my son has cerebral palsy and his ankle jerks, who treats that?"], "child"),
        (["he has cerebral palsy", "who should we see?"], "cerebral_palsy"),
        (["my 6 year old daughter has jerky legs"], "child"),
        (["I had a stroke five years ago and have had ankle clonus since"], "stroke"),
        (["I'm on sertraline", "my legs jerk at night", "who should I see"], "serotonergic"),
        (["I broke my back in a spinal cord injury"], "spinal_cord_injury"),
        (["my mother has liver failure and jerky hands"], "liver_failure"),
        (["he is on dialysis for kidney failure"], "kidney_failure"),
        (["my spasticity makes my legs stiff, who can help manage it"], "spasticity"),
    ],
)
def test_situation_from_the_conversation(messages: List[str], expected: str) -> None:
    assert choose(*messages) == expected


@pytest.mark.parametrize(
    "messages",
    [
        ["I don't have MS", "which doctor should I see?"],
        ["could it be MS?", "which doctor should I see?"],
        ["does clonus mean I have multiple sclerosis?"],
        ["no stroke, no injury, just ankle jerks"],
    ],
)
def test_negated_hypothetical_and_informational_mentions_do_not_count(messages: List[str]) -> None:
    assert choose(*messages) == "default"


def test_child_and_cerebral_palsy_explain_both_without_repeats() -> None:
    concepts = conversation_concepts([parse("my son has cerebral palsy")])
    choice = load_map().choose(concepts)
    assert choice.responses == ["utter_specialist_child", "utter_specialist_cerebral_palsy"]
    assert choice.search[0] == "paediatric_neurologist"


def test_action_sent_responses_exist_and_are_sent_by_the_code(domain_dict) -> None:
    code = "\n".join(p.read_text(encoding="utf-8") for p in Path(paths.ROOT / "actions").glob("*.py"))
    for name in action_sent_responses():
        assert name in domain_dict["responses"], name
    for name in ACTION_RESPONSES:
        constant = next(k for k, v in vars(__import__("actions.constants").constants).items() if v == name)
        assert code.count(constant) >= 2, f"{constant} is listed but no action sends it"


# --- action_suggest_specialist ----------------------------------------------------------

def test_suggestion_uses_earlier_context_and_remembers_the_search(make_tracker, dispatcher, domain_dict) -> None:
    events = user_events("my son has cerebral palsy", "who treats that?")
    tracker = make_tracker(latest_message=events[-1]["parse_data"], events=events,
                           slots={"red_flag_active": False})
    result = ActionSuggestSpecialist().run(dispatcher, tracker, domain_dict)
    assert [m["response"] for m in dispatcher.messages] == [
        "utter_specialist_child", "utter_specialist_cerebral_palsy"]
    slots = {e["name"]: e["value"] for e in result}
    assert slots["specialist_requested"] is True and slots["specialist_situation"] == "child"
    assert slots["specialist_search"][0] == "paediatric_neurologist"
    assert "location" not in slots


def test_suggestion_takes_a_place_from_the_message(make_tracker, dispatcher, domain_dict) -> None:
    message = {**parse("is there an MS specialist in Pune?"),
               "entities": [{"entity": "place", "value": "Pune", "start": 30, "end": 34}]}
    tracker = make_tracker(latest_message=message, events=[{"event": "user", "parse_data": message}])
    result = ActionSuggestSpecialist().run(dispatcher, tracker, domain_dict)
    assert [m["response"] for m in dispatcher.messages] == ["utter_specialist_ms"]
    assert {"event": "slot", "name": "location", "value": "Pune", "timestamp": None} in result


def test_no_suggestion_during_an_emergency(make_tracker, dispatcher, domain_dict) -> None:
    tracker = make_tracker(latest_message=parse("find a neurologist"), slots={"red_flag_active": True})
    assert ActionSuggestSpecialist().run(dispatcher, tracker, domain_dict) == []
    assert [m["response"] for m in dispatcher.messages] == ["utter_specialist_during_emergency"]


# --- action_specialist_search -----------------------------------------------------------

class FakeBackend:
    name = "fake"

    def __init__(self, result: Optional[SearchResult] = None, error: Optional[Exception] = None) -> None:
        self.result, self.error, self.queries = result, error, []

    def search(self, query: SearchQuery) -> SearchResult:
        self.queries.append(query)
        if self.error:
            raise self.error
        assert self.result is not None
        return self.result


@pytest.fixture
def fake_backend():
    def _use(**kwargs: Any) -> FakeBackend:
        backend = FakeBackend(**kwargs)
        set_backend(backend)
        return backend

    yield _use
    set_backend(None)


SEARCH_SLOTS = {"location": "Pune, India", "location_city": "Pune", "location_country": "IN",
                "specialist_search": ["ms_clinic", "neurologist"], "red_flag_active": False}


def run_search(make_tracker, dispatcher, domain_dict, **slots: Any) -> List[Dict[str, Any]]:
    tracker = make_tracker(latest_message={"text": "Pune"}, slots={**SEARCH_SLOTS, **slots})
    return asyncio.run(ActionSpecialistSearch().run(dispatcher, tracker, domain_dict))


def test_results_are_directory_entries_only_and_labelled_sample(make_tracker, dispatcher, domain_dict,
                                                                fake_backend) -> None:
    entry = Practitioner("Sample MS Clinic (demo data)", "ms_clinic", "Pune", "IN",
                         address="1 Example Road (sample)", phone="+91 00000 00000", sample=True)
    backend = fake_backend(result=SearchResult(status="ok", entries=(entry,), search_url=None,
                                               sample=True, backend="fake"))
    run_search(make_tracker, dispatcher, domain_dict)
    assert backend.queries == [SearchQuery(("ms_clinic", "neurologist"), "Pune", "IN", limit=3)]
    responses = [m["response"] for m in dispatcher.messages]
    assert responses == ["utter_specialist_results_intro", "utter_specialist_result",
                         "utter_directory_sample_note"]
    result = dispatcher.messages[1]
    assert result["name"] == entry.name and entry.phone in result["contact"]
    assert result["entry_city"] == "Pune, India"


def test_entries_only_elsewhere_in_the_country_say_so_and_add_the_link(
        make_tracker, dispatcher, domain_dict, fake_backend) -> None:
    entry = Practitioner("Sample Neurology Clinic (demo data)", "neurologist", "Mumbai", "IN",
                         url="https://example.org/x", sample=True)
    fake_backend(result=SearchResult(status="ok", entries=(entry,), search_url="https://example.org/s",
                                     sample=True, backend="fake"))
    run_search(make_tracker, dispatcher, domain_dict, location="Nagpur, India", location_city="Nagpur")
    assert [m["response"] for m in dispatcher.messages] == [
        "utter_specialist_results_elsewhere", "utter_specialist_result", "utter_directory_sample_note",
        "utter_specialist_search_link"]
    assert dispatcher.messages[1]["entry_city"] == "Mumbai, India"


def test_no_entries_gives_the_search_link(make_tracker, dispatcher, domain_dict, fake_backend) -> None:
    fake_backend(result=SearchResult(status="empty", entries=(), search_url="https://example.org/s?q=x",
                                     sample=False, backend="fake"))
    run_search(make_tracker, dispatcher, domain_dict)
    assert [m["response"] for m in dispatcher.messages] == ["utter_specialist_no_results",
                                                            "utter_specialist_search_link"]
    assert dispatcher.messages[1]["search_url"] == "https://example.org/s?q=x"


def test_a_crashing_directory_gets_a_polite_answer(make_tracker, dispatcher, domain_dict, fake_backend) -> None:
    fake_backend(error=RuntimeError("database is locked"))
    run_search(make_tracker, dispatcher, domain_dict)
    assert [m["response"] for m in dispatcher.messages] == ["utter_directory_unavailable"]


def test_a_slow_directory_is_cut_off(make_tracker, dispatcher, domain_dict, fake_backend, monkeypatch) -> None:
    import time

    class Slow(FakeBackend):
        def search(self, query: SearchQuery) -> SearchResult:
            time.sleep(1.0)
            return SearchResult(status="empty", entries=(), search_url=None, sample=False, backend="slow")

    set_backend(Slow())
    monkeypatch.setattr(specialist_actions, "SEARCH_TIMEOUT_S", 0.2)
    tracker = make_tracker(latest_message={"text": "Pune"}, slots=SEARCH_SLOTS)

    async def timed() -> float:
        started = time.monotonic()
        await ActionSpecialistSearch().run(dispatcher, tracker, domain_dict)
        return time.monotonic() - started

    # the answer does not wait for the 1 s search (the worker thread ends on its own)
    assert asyncio.run(timed()) < 0.9
    assert [m["response"] for m in dispatcher.messages] == ["utter_directory_unavailable"]


def test_no_search_during_an_emergency(make_tracker, dispatcher, domain_dict, fake_backend) -> None:
    backend = fake_backend(result=SearchResult(status="empty", entries=(), search_url=None,
                                               sample=False, backend="fake"))
    run_search(make_tracker, dispatcher, domain_dict, red_flag_active=True)
    assert backend.queries == []
    assert [m["response"] for m in dispatcher.messages] == ["utter_specialist_during_emergency"]


def test_a_corrected_place_is_said(make_tracker, dispatcher, domain_dict, fake_backend) -> None:
    fake_backend(result=SearchResult(status="empty", entries=(), search_url=None, sample=False,
                                     backend="fake"))
    events = run_search(make_tracker, dispatcher, domain_dict, location_problem="corrected:Pnue")
    assert dispatcher.messages[0]["response"] == "utter_location_corrected"
    assert dispatcher.messages[0]["typed"] == "Pnue"
    assert {"event": "slot", "name": "location_problem", "value": None, "timestamp": None} in events
