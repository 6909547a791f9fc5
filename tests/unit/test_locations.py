"""Emergency-number table and place resolution."""

from __future__ import annotations

import pytest

from bot.knowledge.emergency_numbers import find_country, load_numbers
from bot.nlu.red_flag_detector import channel_country


@pytest.mark.parametrize(
    "code, first, also",
    [("IN", "112", "108"), ("US", "911", None), ("CA", "911", None), ("GB", "999", None),
     ("DE", "112", None), ("FR", "112", None), ("AU", "000", None), ("NZ", "111", None),
     ("NO", "113", None)],
)
def test_numbers_by_country(code: str, first: str, also: str) -> None:
    country = load_numbers().by_code(code)
    assert country is not None and country.primary == first
    if also:
        assert also in country.numbers_text()


def test_every_eu_country_has_112() -> None:
    eu = "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE".split()
    table = load_numbers()
    for code in eu:
        country = table.by_code(code)
        assert country is not None, code
        assert "112" in [n.number for n in country.numbers], code


def test_table_names_its_source_and_a_fallback() -> None:
    table = load_numbers()
    assert table.source and "112" in table.fallback_text
    assert table.by_code("XX") is None


@pytest.mark.parametrize(
    "text, code",
    [("I'm in Pune", "IN"), ("we live near Kothrud, Pune", "IN"), ("we're in the UK", "GB"),
     ("my mum lives in Manchester", "GB"), ("I live in Auckland", "NZ"), ("we are in the US", "US"),
     ("from chicago", "US"), ("in a lot of pain", None), ("he is at home", None), ("let us know", None)],
)
def test_find_country(text: str, code: str) -> None:
    assert find_country(text) == code


@pytest.mark.parametrize(
    "metadata, default, code",
    [({"country": "in"}, None, "IN"), ({"language": "en-GB"}, None, "GB"), ({}, "US", "US"),
     ({"country": "AU"}, "US", "AU"), ("junk", None, None), ({}, None, None)],
)
def test_channel_country(metadata, default, code) -> None:
    assert channel_country(metadata, default) == code
