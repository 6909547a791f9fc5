"""Answers to "Where are you?": :func:`resolve`, the ``Place`` options of a name, and
picking one of the options offered ("the UK one", "2", a label)."""

from __future__ import annotations

from functools import lru_cache
from typing import Optional, Sequence, Set

from bot.knowledge.emergency_numbers import City, city_index
from bot.places.lookups import _cities, _leaders
from bot.places.models import MAX_CHARS, MAX_OPTIONS, Place, Region, Resolution
from bot.places.parse import _acceptable, _best, _core, _Mode, _scan_all, _span, _whole
from bot.places.readings import _Hit, _parse
from bot.places.spelling import _edits, _fuzzy_pool, _limit
from bot.places.tables import _tables
from bot.places.tokens import _fold, _tokens
from bot.places.words import _DEMONYMS


def _country_place(code: str) -> Place:
    tables = _tables()
    return Place(None, code, tables.country_names.get(code, code),
                 population=tables.country_population.get(code, 0))


def _region_place(region: Region, city: Optional[str] = None) -> Place:
    country, admin = region
    if admin is None:
        place = _country_place(country)
        return Place(city, place.country_code, place.country_name,
                     population=0 if city else place.population)
    return Place(city, country, _tables().country_names.get(country, country),
                 _tables().admin_names.get(region))


def _city_place(city: City, area: Optional[str]) -> Place:
    tables = _tables()
    return Place(city.name, city.country, tables.country_names.get(city.country, city.country),
                 tables.admin_names.get((city.country, city.admin1)), area, city.population)


def _variant_of(key: str, city: City) -> bool:
    """An alternate name that is only a spelling variant of the city's name ("Mumbay",
    "Dehli", "Kolkatta"; not "Bombay" or "Bangalore")."""
    name, folded = _fold(city.name), _fold(key)
    return name != folded and _edits(folded, name, _limit(len(folded))) <= _limit(len(folded))


def _resolution(hit: _Hit, query: str) -> Resolution:
    if hit.kind == "city":
        cities = _leaders(_cities(hit.key, hit.quals))
        options = [_city_place(c, hit.area) for c in cities]
        if not hit.corrected_from and hit.typed and _variant_of(hit.key, cities[0]):
            hit = hit._replace(corrected_from=hit.typed)
    else:
        city = hit.key if hit.kind == "typed" else None
        options = [_region_place(r, city) for r in hit.regions]
        if hit.also_city:  # "Washington": the state, and the city elsewhere
            options += [_city_place(c, None) for c in _leaders(_cities(hit.also_city))]
    unique = tuple(dict.fromkeys(options))[:MAX_OPTIONS]
    if len(unique) == 1:
        return Resolution("resolved", unique[0], (), query, hit.corrected_from)
    return Resolution("ambiguous", None, unique, query, hit.corrected_from)


def resolve(text: str, choose_from: Sequence[str] = ()) -> Resolution:
    """Resolve the answer to "Where are you?" ("Pune", "near Kothrud, Pune", "Chicago IL",
    "the US", "Pnue"). ``choose_from``: the labels of the options offered after an
    ambiguous answer; the reply may pick one ("the UK one", "2", a label, "New Hampshire"),
    otherwise it is resolved afresh. Ambiguity rule: ``bot.places.lookups``; spelling cutoff:
    ``bot.places.spelling``."""
    text = (text or "")[:MAX_CHARS]
    if not text.strip():
        return Resolution("empty")
    if choose_from:
        picked = _choose(text, choose_from)
        if picked is not None:
            return picked
    toks = _tokens(text)
    core = _core(toks)
    hit = _whole(toks, core, answer=True)
    if (hit is None or hit.kind == "typed") and 0 < core.end - core.start <= 6:
        # a misspelt city beats an unknown one ("Chicgo IL" is Chicago, not a new town)
        fixed = _parse(toks, core.start, core.end, True, fuzzy=True)
        if fixed and (fixed.corrected_from or _acceptable(fixed, _Mode(True, core.cued, True))):
            hit = fixed
    if hit is None:
        hit = _best(_scan_all(toks, lenient=True))
    if hit is None:
        query = text[toks[core.start].start:toks[core.end - 1].end] if core.end > core.start else ""
        return Resolution("unknown", query=query.strip())
    start, end = _span(toks, hit)
    return _resolution(hit, text[start:end])


# ------------------------------------------------------------------------ choosing


_ORDINALS = {"1": 0, "first": 0, "1st": 0, "2": 1, "second": 1, "2nd": 1, "3": 2, "third": 2,
             "3rd": 2, "4": 3, "fourth": 3, "4th": 3, "5": 4, "fifth": 4, "5th": 4}
_CHOICE_FILLER = frozenset("""
the one in a an please pls i mean meant its it's it is that option number no yes sorry
actually ok okay city place near from choose pick want would like go with which this
""".split())


@lru_cache(maxsize=1024)
def _label_place(label: str) -> Optional[Place]:
    """The place an option label stands for (labels come from Place.label())."""
    resolution = resolve(label)
    if resolution.place is not None:
        return resolution.place
    return next((p for p in resolution.options if p.label() == label), None)


def _names_of(place: Place, label: str) -> Set[str]:
    """Everything a reply may call this option by."""
    names = {_fold(label)} | {_fold(part) for part in label.split(",")}
    tables = _tables()
    for value in (place.city, place.area, place.admin, place.country_name):
        if value:
            names.add(_fold(value))
    names |= {_fold(a) for a, c in tables.countries.items() if c == place.country_code}
    names |= {d for d, c in _DEMONYMS.items() if c == place.country_code}
    names.add(place.country_code.lower())
    if place.country_code == "US":
        names |= {"us", "usa", "states", "america"}
    if place.country_code == "GB":
        names.add("uk")
    if place.admin:
        names |= {_fold(code) for code, regions in tables.region_codes.items()
                  if any(r[0] == place.country_code and r[1] is not None
                         and tables.admin_names.get(r) == place.admin for r in regions)}
    return names


def _choose(text: str, labels: Sequence[str]) -> Optional[Resolution]:
    """The option a reply picks ("the UK one", "2", a label), a narrower ambiguity, or None."""
    reply = _fold(text)
    query = text.strip()
    places = [_label_place(label) for label in labels]
    for label, place in zip(labels, places, strict=True):
        if reply == _fold(label) and place is not None:
            return Resolution("resolved", place, (), query)
    words = [w for w in reply.split() if w not in _CHOICE_FILLER]
    if len(words) == 1 and (words[0] in _ORDINALS or words[0] == "last"):
        index = len(labels) - 1 if words[0] == "last" else _ORDINALS[words[0]]
        if index < len(labels) and places[index] is not None:
            return Resolution("resolved", places[index], (), query)
        return None
    if not words:
        return None
    matches = []
    for label, place in zip(labels, places, strict=True):
        if place is not None and _covers(words, _names_of(place, label)):
            matches.append(place)
    if len(matches) == 1:
        return Resolution("resolved", matches[0], (), query)
    if matches:  # "the US one" among several American options: ask again, among those
        return Resolution("ambiguous", None, tuple(matches), query)
    return None


def _covers(words: Sequence[str], names: Set[str]) -> bool:
    """Every word of the reply is part of a name of the option."""
    p = 0
    while p < len(words):
        for n in range(min(5, len(words) - p), 0, -1):
            if " ".join(words[p:p + n]) in names:
                p += n
                break
        else:
            return False
    return True


def warm_up(spelling: bool = True) -> None:
    """Build the gazetteer index and the lookup tables now (all ``extract_place`` needs)
    and, with ``spelling``, the spelling pool (``resolve``; otherwise built on first use)."""
    city_index()
    _tables()
    if spelling:
        _fuzzy_pool()
