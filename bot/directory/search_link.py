"""Search links: the ``search_link`` backend, and the fallback link every backend gives
when it has no entries.

Template placeholders (all URL-encoded): ``{specialty}`` the specialty's *search term*
from knowledge/specialists.yml ("multiple sclerosis clinic"), ``{city}`` the city (the
country's name when no city is known), ``{country}`` the ISO-2 code.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from typing import Optional
from urllib.parse import quote, urlsplit

from bot.directory.models import Practitioner, SearchQuery, SearchResult, normalise, search_term

#: A real, stable search page; deployers can point ``fallback_search_url`` elsewhere.
DEFAULT_FALLBACK_SEARCH_URL = "https://www.openstreetmap.org/search?query={specialty}%20{city}"
PLACEHOLDERS = frozenset({"specialty", "city", "country"})


def check_template(template: object, what: str, required: tuple[str, ...] = ("specialty",),
                   allowed: frozenset[str] = PLACEHOLDERS) -> str:
    """The template if it is an http(s) URL using only known placeholders, else ValueError."""
    if not isinstance(template, str) or not template.strip():
        raise ValueError(f"{what}: expected a URL template (a non-empty string)")
    template = template.strip()
    try:
        fields = {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}
    except ValueError as error:
        raise ValueError(f"{what}: malformed template {template!r} ({error})") from None
    unknown = fields - allowed
    if unknown:
        raise ValueError(f"{what}: unknown placeholder(s) {sorted(unknown)} in {template!r}; "
                         f"allowed: {sorted(allowed)}")
    missing = [name for name in required if name not in fields]
    if missing:
        raise ValueError(f"{what}: the template {template!r} needs {{{'}, {'.join(missing)}}}")
    parts = urlsplit(template.replace("{", "").replace("}", ""))
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"{what}: {template!r} is not an http(s) URL")
    return template


def place_name(city: Optional[str], country: Optional[str]) -> str:
    """The city, or the country's name when there is no city."""
    if city:
        return city
    if country:
        from bot.knowledge.emergency_numbers import load_numbers

        known = load_numbers().by_code(country)
        return known.name if known else country
    return ""


def build_search_url(template: str, query: SearchQuery) -> str:
    """The template filled for the query's first-choice specialty."""
    term = search_term(query.specialties[0]) if query.specialties else ""
    values = {"specialty": term, "city": place_name(query.city, query.country),
              "country": query.country or ""}
    return template.format(**{k: quote(v, safe="") for k, v in values.items()})


@dataclass
class SearchLinkBackend:
    """No entries at all: always a search link to a directory or map site."""

    url: str = DEFAULT_FALLBACK_SEARCH_URL
    name: str = "search_link"

    def __post_init__(self) -> None:
        self.url = check_template(self.url, "directory.search_link.url",
                                  required=("specialty", "city"))

    def search(self, query: SearchQuery) -> SearchResult:
        try:
            link = build_search_url(self.url, query)
        except Exception as error:  # noqa: BLE001 - never raise at query time
            return SearchResult("unavailable", backend=self.name, reason=f"bad link: {error}")
        return SearchResult("empty", (), link, False, self.name, "search link only")


def without_entries(status: str, query: SearchQuery, template: str, backend: str,
                    reason: str = "") -> SearchResult:
    """A result with no entries and the fallback link (the default link if the template fails)."""
    try:
        link = build_search_url(template, query)
    except Exception:  # noqa: BLE001 - the user must still get a link
        link = build_search_url(DEFAULT_FALLBACK_SEARCH_URL, query)
    return SearchResult(status, (), link, False, backend, reason)  # type: ignore[arg-type]


def with_entries(entries: tuple[Practitioner, ...], query: SearchQuery, template: str,
                 backend: str, reason: str = "") -> SearchResult:
    """An "ok" result; it also carries the fallback link when no entry is in the queried
    city (the entries are elsewhere in the country), so the user can search locally."""
    city = normalise(query.city)
    link = None
    if city and not any(normalise(e.city) == city for e in entries):
        link = without_entries("ok", query, template, backend).search_url
    return SearchResult("ok", entries, link, any(e.sample for e in entries), backend, reason)
