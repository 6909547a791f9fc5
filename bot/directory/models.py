"""The directory's data model: practitioners, queries, results, the backend protocol,
the specialty catalogue (``knowledge/specialists.yml``) and the shared ranking rule."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Literal, Optional, Protocol, runtime_checkable

from bot import paths
from bot.knowledge.files import read_yaml

SPECIALISTS_FILE = paths.KNOWLEDGE / "specialists.yml"

Status = Literal["ok", "empty", "unavailable"]


@dataclass(frozen=True)
class Practitioner:
    """One directory entry; ``specialty`` is a key of specialists.yml, ``country`` ISO-2."""

    name: str
    specialty: str
    city: str
    country: str
    address: str = ""
    phone: str = ""
    url: str = ""
    sample: bool = False


@dataclass(frozen=True)
class SearchQuery:
    """What to look for: specialty keys in preference order, and where."""

    specialties: tuple[str, ...]
    city: Optional[str] = None
    country: Optional[str] = None
    limit: int = 3

    def __post_init__(self) -> None:
        keys: list[str] = []
        for key in self.specialties if not isinstance(self.specialties, str) else (self.specialties,):
            key = str(key).strip().lower()
            if key and key not in keys:
                keys.append(key)
        object.__setattr__(self, "specialties", tuple(keys))
        object.__setattr__(self, "city", (self.city or "").strip() or None)
        object.__setattr__(self, "country", (self.country or "").strip().upper() or None)
        if int(self.limit) < 1:
            raise ValueError("SearchQuery.limit must be at least 1")
        object.__setattr__(self, "limit", int(self.limit))


@dataclass(frozen=True)
class SearchResult:
    """A backend's answer.

    ``search_url`` (a search link for the first-choice specialty and the place) is set
    whenever there are no entries, and also when the entries are all outside the queried
    city (same country only); it is None when an entry is in the city. ``sample`` is
    True when any entry is sample data. ``reason`` is for logs only, never shown."""

    status: Status
    entries: tuple[Practitioner, ...] = field(default_factory=tuple)
    search_url: Optional[str] = None
    sample: bool = False
    backend: str = ""
    reason: str = ""


@runtime_checkable
class DirectoryBackend(Protocol):
    """Anything that answers a :class:`SearchQuery`; never raises for expected failures."""

    name: str

    def search(self, query: SearchQuery) -> SearchResult: ...


@dataclass(frozen=True)
class Specialty:
    """A specialty key with its label (for people) and search term (for search links)."""

    key: str
    label: str
    search_term: str


@lru_cache(maxsize=None)
def load_specialties(path: Path = SPECIALISTS_FILE) -> dict[str, Specialty]:
    """The ``specialties`` catalogue of knowledge/specialists.yml, by key."""
    raw = read_yaml(path).get("specialties") or {}
    return {
        str(key): Specialty(str(key), str(v.get("label", key)), str(v.get("search_term", key)))
        for key, v in raw.items()
    }


def search_term(key: str) -> str:
    """The search term of a specialty key (the key in words when it is not catalogued)."""
    specialty = load_specialties().get(key)
    return specialty.search_term if specialty else key.replace("_", " ")


def normalise(text: Optional[str]) -> str:
    """Case-, accent- and whitespace-insensitive form of a name (" São  Paulo" -> "sao paulo")."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().split())


def rank(entries: Iterable[Practitioner], query: SearchQuery) -> tuple[Practitioner, ...]:
    """The best ``query.limit`` entries, best first.

    Only entries of a queried specialty, in the query's city or (failing that) its
    country, never another country. Without ``query.country`` the country is the one of
    the entries in the queried city (no city match -> nothing); without a city, the
    whole country. Order: specialty preference, then same city, then input order (stable).
    The same practice listed under several specialties appears once (its best rank).
    """
    preference = {key: i for i, key in enumerate(query.specialties)}
    city = normalise(query.city)
    candidates = [e for e in entries if e.specialty in preference]
    if query.country:
        countries = {query.country}
    elif city:
        countries = {e.country.upper() for e in candidates if normalise(e.city) == city}
    else:
        countries = set()
    scored = []
    for position, entry in enumerate(candidates):
        if entry.country.upper() not in countries:
            continue
        same_city = bool(city) and normalise(entry.city) == city
        scored.append(((preference[entry.specialty], 0 if same_city else 1, position), entry))
    scored.sort(key=lambda pair: pair[0])
    chosen: list[Practitioner] = []
    seen: set[tuple[str, str, str]] = set()
    for _, entry in scored:
        identity = (normalise(entry.name), normalise(entry.city), entry.country.upper())
        if identity in seen:
            continue
        seen.add(identity)
        chosen.append(entry)
        if len(chosen) >= query.limit:
            break
    return tuple(chosen)
