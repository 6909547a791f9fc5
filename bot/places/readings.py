"""Readings of a span of tokens as a place: [area] city, state or country, with the
qualifiers that follow ("Kothrud, Pune", "Portland, Oregon, USA"), and, for
``resolve``, a misspelt name."""

from __future__ import annotations

from typing import List, NamedTuple, Optional, Sequence, Tuple

from bot.knowledge.emergency_numbers import city_index
from bot.places.lookups import _cities, _country, _is_primary, _qualifier, _regions
from bot.places.models import Region
from bot.places.spelling import _fuzzy
from bot.places.tables import _tables
from bot.places.tokens import _fold, _phrase, _Tok
from bot.places.words import (
    _COMMON_WORDS,
    _FUNCTION_WORDS,
    _NOT_AREA,
    _SENTENCE_END,
    _SEPARATORS,
    _STOPWORDS,
)


class _Hit(NamedTuple):
    """One reading of toks[i:j] as a place."""

    i: int
    j: int
    kind: str                         # "city" | "region" | "country" | "typed"
    key: str = ""                     # city key, or the typed city name for "typed"
    area: Optional[str] = None
    quals: Tuple[Tuple[Region, ...], ...] = ()
    regions: Tuple[Region, ...] = ()  # for "region" / "country" / "typed"
    head_cap: bool = False            # the place name was typed with a capital
    head_common: bool = False         # ... and is also a common English word
    head_pop: int = 0
    primary: bool = True
    corrected_from: Optional[str] = None
    also_city: str = ""               # a state and a city elsewhere share the name
    typed: str = ""                   # the city name as typed

    @property
    def score(self) -> Tuple[int, int, int]:
        rank = {"city": 3, "region": 2, "country": 2, "typed": 1}[self.kind]
        return (rank, len(self.quals), -len(self.area or ""))


def _area(toks: Sequence[_Tok], i: int, k: int) -> Optional[str]:
    """The neighbourhood before a city ("Kothrud, ", "Salt Lake in "), or "" when there is
    none; None when the words there cannot be one: in lower case it needs a comma."""
    end = k
    while end > i and toks[end - 1].norm in _SEPARATORS:
        end -= 1
    if end == i:
        return "" if k == i else None
    words = toks[i:end]
    comma = any(t.norm == "," for t in toks[end:k])
    if (end - i > 4 or any(not t.word for t in words) or not any(t.text.isalpha() for t in words)
            or any(t.norm in _FUNCTION_WORDS or _NOT_AREA.search(t.norm) for t in words)):
        return None
    tables = _tables()
    if any(t.norm in tables.countries or t.norm in tables.region_names
           or (t.text.isupper() and t.text in tables.region_codes) for t in words):
        return None  # "Birmingham UK, Birmingham" is two places, not an area
    if not comma and not all(t.cap for t in words if t.text.isalpha()):
        return None  # "Kothrud in Pune", "kothrud, pune"; not "nephrologist in kolkata"
    text = " ".join(t.text for t in words)
    return text if any(c.isupper() for c in text) else text.title()


def _peel(toks: Sequence[_Tok], i: int, j: int, final: bool, depth: int = 2):
    """Ways to read the end of toks[i:j] as up to ``depth`` qualifiers: (m, quals) with
    toks[i:m] left for the place itself ("Portland, Oregon, USA")."""
    yield j, ()
    if depth == 0:
        return
    for k in range(j - 1, max(i, j - 4) - 1, -1):
        q = _qualifier(toks, k, j, final)
        if not q:
            continue
        m = k
        while m > i and toks[m - 1].norm in (",", "in"):
            m -= 1
        if m == i:
            continue
        for m2, more in _peel(toks, i, m, False, depth - 1):
            yield m2, more + (q,)


def _parse(toks: Sequence[_Tok], i: int, j: int, final: bool,
           fuzzy: bool = False) -> Optional[_Hit]:
    """The best reading of the whole of toks[i:j] as a place, or None."""
    best: Optional[_Hit] = None
    for m, quals in _peel(toks, i, j, final):
        for hit in _readings(toks, i, m, j, quals, fuzzy):
            if best is None or hit.score > best.score:
                best = hit
    return best


def _readings(toks: Sequence[_Tok], i: int, m: int, j: int,
              quals: Tuple[Tuple[Region, ...], ...], fuzzy: bool):
    """Readings of toks[i:m] as [area] city, a state or a country, given the qualifiers
    that follow (up to toks[j])."""
    if any(t.norm in _SENTENCE_END for t in toks[i:m]):
        return
    # a whole country or state ("India", "the US", "Illinois", "Ontario, Canada")
    regions: List[Region] = []
    country = _country(toks, i, m)
    if country and all(any(c == country for c, _ in q) for q in quals):
        regions.append((country, None))
    for region in _regions(toks, i, m, False, codes=False):
        if all(any(c == region[0] and a in (None, region[1]) for c, a in q) for q in quals):
            regions.append(region)
    # a city, after an optional area ("Kothrud, Pune", "Salt Lake in Kolkata")
    city_hit: Optional[_Hit] = None
    for k in range(max(i, m - 4), m):
        if not toks[k].word:
            continue
        phrase = _phrase(toks, k, m)
        for key in dict.fromkeys((phrase, phrase.rstrip("."))):
            cities = _cities(key, quals)
            area = _area(toks, i, k) if cities else None
            if area is None:
                continue
            city_hit = _Hit(i, j, "city", key, area or None, quals, (), toks[k].cap,
                            key in _COMMON_WORDS, cities[0].population,
                            _is_primary(cities[0], key),
                            typed=" ".join(t.text for t in toks[k:m]))
            break
        if city_hit:
            break
    if city_hit and regions and city_hit.i == i and not city_hit.area:
        # "Singapore", "New York", "Ontario": a country or state of the same name wins
        # unless the city lies in it; a state and a city elsewhere are both offered
        cities = _cities(city_hit.key, quals)
        inside = [c for c in cities for rc, ra in regions
                  if c.country == rc and ra in (None, c.admin1)
                  and (ra is not None or _is_primary(c, city_hit.key))]
        if inside:
            regions = []
        elif country or not city_hit.primary:
            city_hit = None
    if city_hit and not regions:
        yield city_hit
    if regions:
        name = _phrase(toks, i, m)
        name = name[4:] if name.startswith("the ") else name
        kind = "country" if regions[0][1] is None else "region"
        yield _Hit(i, j, kind, name, None, quals, tuple(regions), toks[i].cap,
                   name in _COMMON_WORDS, also_city=city_hit.key if city_hit else "")
    if city_hit or regions:
        return
    if fuzzy:
        yield from _fuzzy_readings(toks, i, m, j, quals)
    # a capitalised city the gazetteer does not know, vouched for by a qualifier that is a
    # name or a code in capitals ("Smallville, Kansas"; not "skip it", "go on", "tell me")
    if quals and m - i <= 3 and all(t.word and t.text.isalpha() and t.cap and not t.text.isupper()
                                    for t in toks[i:m]) \
            and not any(t.norm in _STOPWORDS or t.norm in _COMMON_WORDS for t in toks[i:m]) \
            and all(t.text.isupper() or len(t.text) > 3 or t.norm in ("uk", "usa")
                    for t in toks[m:j] if t.word and t.norm not in _SEPARATORS):
        typed = " ".join(t.text for t in toks[i:m])
        typed = typed if any(c.isupper() for c in typed) else typed.title()
        regions = list(_combine(quals))
        if regions:
            yield _Hit(i, j, "typed", typed, None, quals, tuple(regions), toks[i].cap)


def _fuzzy_readings(toks: Sequence[_Tok], i: int, m: int, j: int,
                    quals: Tuple[Tuple[Region, ...], ...]):
    """A misspelt city (or country) name in the last one or two words of toks[i:m]."""
    for k in (m - 1, m - 2):
        words = toks[k:m]
        if k < i or not all(t.word and t.text.isalpha() for t in words) or any(
                t.norm in _STOPWORDS or t.norm in _COMMON_WORDS for t in words):
            continue
        if _qualifier(toks, k, m, True) or _phrase(toks, k, m) in city_index():
            continue  # a known name ("Kansas") is not a misspelling of another
        typed = " ".join(t.text for t in words)
        match = _fuzzy(_fold(typed))
        area = _area(toks, i, k) if match else None
        if match is None or area is None:
            continue
        key, is_country = match
        if is_country:
            if k == i:
                code = _tables().countries[key]
                yield _Hit(i, j, "country", key, None, quals, ((code, None),), True,
                           corrected_from=typed)
            continue
        cities = _cities(key, quals)
        if cities:
            yield _Hit(i, j, "city", key, area or None, quals, (), True, False,
                       cities[0].population, True, typed)
            return


def _combine(quals: Sequence[Tuple[Region, ...]]) -> Tuple[Region, ...]:
    """The (country, state) pairs that satisfy every qualifier."""
    result: List[Region] = []
    for q in quals:
        if not result:
            result = list(q)
            continue
        merged = []
        for c1, a1 in result:
            for c2, a2 in q:
                if c1 == c2 and (a1 is None or a2 is None or a1 == a2):
                    merged.append((c1, a1 or a2))
        result = merged
    return tuple(dict.fromkeys(result))
