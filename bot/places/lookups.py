"""Gazetteer lookups: the countries, states and cities a phrase names.

Ambiguity rule: the cities of a name are the ones whose primary name it is (alternate
names only when no city has it as its primary name); the most populous city of each
country / first-level division (US state, province ...) stands for it; the answer is
``ambiguous`` when another country's or division's city has at least
``AMBIGUITY_SHARE`` (10 %) of the population of the largest one (options: most populous
first, at most 5). A name that is a state or country and also a city elsewhere
("Washington", "Victoria") is ambiguous too, the state or country first; a country or
state of the same name as a city in it ("Singapore", "New York") is the city. With the bundled data:
Manchester GB 568,996 vs Manchester NH 110,229 (19 %) and Hyderabad IN 6,993,262 vs
Hyderabad PK 1,921,275 (27 %) are ambiguous; London GB 8,961,989 vs London ON 422,324
(4.7 %), Paris FR vs Paris TX (1.2 %), Delhi, Chicago, Pune and Mumbai are not.
"""

from __future__ import annotations

from typing import List, Optional, Sequence, Set, Tuple

from bot.knowledge.emergency_numbers import City, city_index
from bot.places.models import AMBIGUITY_SHARE, MAX_OPTIONS, Region
from bot.places.tables import _tables
from bot.places.tokens import _fold, _phrase, _Tok


def _country(toks: Sequence[_Tok], i: int, j: int) -> Optional[str]:
    """ISO code when toks[i:j] name a country ("India", "the UK", "US" but not "us")."""
    if j - i > 1 and toks[i].norm == "the":
        the, i = True, i + 1
    else:
        the = False
    if any(not t.word for t in toks[i:j]):
        return None
    name = _phrase(toks, i, j)
    if name == "us":  # the English word, unless typed "US" or "the us"
        return "US" if (the or toks[i].text == "US") else None
    if name == "states":
        return "US" if the else None
    countries = _tables().countries
    return countries.get("the " + name) if the and "the " + name in countries else \
        countries.get(name)


def _regions(toks: Sequence[_Tok], i: int, j: int, final: bool,
             codes: bool = True) -> Tuple[Region, ...]:
    """States / provinces (or, for a code, also countries) named by toks[i:j]: full names
    in any case; with ``codes``, also "IL", "BC", "IN" typed in capitals (or in lower case
    at the end of the message)."""
    tables = _tables()
    if any(not t.word for t in toks[i:j]):
        return ()
    found = tables.region_names.get(_phrase(toks, i, j), ())
    text = toks[i].text
    is_code = j - i == 1 and 2 <= len(text) <= 3 and text.isalpha()
    if codes and is_code and (text.isupper() or final):
        found = found + tables.region_codes.get(text.upper(), ())
    return found


def _qualifier(toks: Sequence[_Tok], i: int, j: int, final: bool) -> Tuple[Region, ...]:
    """What a trailing "UK", "IL", "Illinois", "England", "the US" allows."""
    found = list(_regions(toks, i, j, final))
    code = _country(toks, i, j)
    if code:
        found.append((code, None))
    return tuple(dict.fromkeys(found))


def _is_primary(city: City, key: str) -> bool:
    return _fold(city.name) == _fold(key)


def _fits(city: City, quals: Sequence[Tuple[Region, ...]]) -> bool:
    return all(any(city.country == c and (a is None or city.admin1 == a) for c, a in q)
               for q in quals)


def _cities(key: str, quals: Sequence[Tuple[Region, ...]] = ()) -> List[City]:
    """The cities a name stands for, most populous first: those whose primary name it is;
    its alternate-name cities only when none is (``Bangalore``, ``Bombay``)."""
    found = city_index().get(key, ())
    primary = [c for c in found if _is_primary(c, key) and _fits(c, quals)]
    return primary or [c for c in found if not _is_primary(c, key) and _fits(c, quals)]


def _leaders(cities: Sequence[City]) -> List[City]:
    """The ambiguity rule: the biggest city, plus the biggest one of every other country or
    state that has at least ``AMBIGUITY_SHARE`` of its population."""
    seen: Set[Tuple[str, str]] = set()
    leaders: List[City] = []
    for city in cities:  # most populous first
        if (city.country, city.admin1) in seen:
            continue
        seen.add((city.country, city.admin1))
        if not leaders or city.population >= AMBIGUITY_SHARE * leaders[0].population:
            leaders.append(city)
    return leaders[:MAX_OPTIONS]
