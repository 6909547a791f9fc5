"""Redaction of identifiers (knowledge/identifiers.yml, bot/privacy/redact.py): Indian, UK
and US phone formats, e-mails and ID numbers are replaced; ages, years, doses, times, dates,
emergency numbers and place names are not."""

from __future__ import annotations

import pytest

from bot.channels.text import prepare_text
from bot.privacy.redact import redact

REDACTED = [
    # India: mobiles (10 digits, with +91 / 0 / 0091), landlines with an STD code
    ("call me on +91 98765 43210 please", "call me on [phone] please"),
    ("my number is 9876543210", "my number is [phone]"),
    ("number:9876543210", "number:[phone]"),
    ("reach me at +91-98765-43210.", "reach me at [phone]."),
    ("0091 9876543210 is my father's", "[phone] is my father's"),
    ("clinic landline 022 2345 6789", "clinic landline [phone]"),
    ("home phone 0120-1234567", "home phone [phone]"),
    ("ring (080) 2345 6789 after 5", "ring [phone] after 5"),
    ("09876543210 is my mobile", "[phone] is my mobile"),
    # UK
    ("text me on 07700 900123", "text me on [phone]"),
    ("text me on 07700900123", "text me on [phone]"),
    ("my mobile is +44 7700 900123", "my mobile is [phone]"),
    ("office +44 (0)20 7946 0958", "office [phone]"),
    ("landline 020 7946 0958", "landline [phone]"),
    # US
    ("call (555) 123-4567 tonight", "call [phone] tonight"),
    ("my cell is 555-123-4567", "my cell is [phone]"),
    ("+1 555 123 4567 is the number", "[phone] is the number"),
    ("+1 (555) 123-4567", "[phone]"),
    ("555.123.4567", "[phone]"),
    # e-mail
    ("email me at priya.sharma+clonus@example.co.in thanks", "email me at [email] thanks"),
    ("John.Smith@nhs.net", "[email]"),
    # ID numbers
    ("aadhaar 1234 5678 9012", "aadhaar [id number]"),
    ("ssn 123-45-6789", "ssn [id number]"),
    ("NI number AB 12 34 56 C", "NI number [id number]"),
]

KEPT = [
    "my son is 12 and has clonus",
    "she is 7 years old",
    "since 2019 his ankle jerks",
    "between 2019 and 2021 it got worse",
    "he takes 20 mg of baclofen",
    "500 mg twice a day, 10 mg at night",
    "it started at 10:30 this morning",
    "it happened on 12/03/2024 and 2024-03-12",
    "about 3 to 4 times a day for 5 minutes",
    "I'm in Pune, Maharashtra 411038",
    "we live in Manchester M1 1AE",
    "should I call 112 or 108?",
    "call 999 or 911 now",
    "BP was 120/80 and pulse 95",
    "he weighs 70 kg and is 175 cm tall",
    "room 1204, ward 3",
    "what is clonus?",
    "10 20 30 40 50 beats",
]


@pytest.mark.parametrize(("text", "expected"), REDACTED)
def test_identifiers_are_replaced(text: str, expected: str) -> None:
    assert redact(text).text == expected


@pytest.mark.parametrize("text", KEPT)
def test_no_false_redaction(text: str) -> None:
    result = redact(text)
    assert result.text == text
    assert not result.changed


def test_counts_name_the_kinds_not_the_values() -> None:
    result = redact("call 9876543210 or mail a@b.org or 9123456780")
    assert result.counts == {"email": 1, "phone_national": 2}
    assert "9876543210" not in repr(result.counts)


def test_channels_redact_in_prepare_text() -> None:
    prepared = prepare_text("  I'm in Pune, my number is +91 98765 43210 and he can't breathe ")
    assert prepared.text == "I'm in Pune, my number is [phone] and he can't breathe"
    assert prepared.metadata()["redacted"] == {"phone_international": 1}


def test_long_message_scan_text_is_redacted_too() -> None:
    prepared = prepare_text("a" * 30 + " 07700 900123 " + "b" * 30, limit=20)
    assert prepared.truncated and prepared.scan_text is not None
    assert "900123" not in prepared.scan_text and "[phone]" in prepared.scan_text
