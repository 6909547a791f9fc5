"""Twilio SMS and WhatsApp end to end: signed form posts in, Messages API calls out."""

from __future__ import annotations

import re

import pytest

from .conftest import (
    EMERGENCY_MESSAGE,
    MAX_CHARS,
    SMS_NUMBER,
    TWILIO_SID,
    URGENT,
    WHATSAPP_NUMBER,
    Webhooks,
    delivered,
    texts,
    twilio_to,
    unique,
    units,
)
from .fake_platform import FakePlatform

pytestmark = pytest.mark.e2e

CHANNELS = ["twilio", "whatsapp"]
OUR_NUMBER = {"twilio": SMS_NUMBER, "whatsapp": WHATSAPP_NUMBER}


def new_sender(channel: str) -> str:
    number = "+1555" + unique()[:7]
    return f"whatsapp:{number}" if channel == "whatsapp" else number


@pytest.mark.parametrize("channel", CHANNELS)
def test_options_are_numbered_and_a_number_picks_one(fake: FakePlatform, hooks: Webhooks,
                                                     channel: str) -> None:
    sender = new_sender(channel)
    reply = hooks.twilio(channel, sender, "hello")
    assert reply.status_code == 200 and "<Response>" in reply.text
    calls = delivered(fake.wait_for(twilio_to(sender), count=4))
    assert all(c.path == f"/twilio/2010-04-01/Accounts/{TWILIO_SID}/Messages.json" for c in calls)
    assert all(c.form["From"] == OUR_NUMBER[channel] for c in calls)
    assert all(c.headers.get("authorization", "").startswith("Basic ") for c in calls)
    bodies = texts(calls)
    assert all(0 < units(b) <= MAX_CHARS for b in bodies), [units(b) for b in bodies]
    text = "\n".join(bodies)
    assert "not medical advice" in text
    assert re.search(r"^1\. I have clonus myself$", text, re.M), text
    assert re.search(r"^2\. I'm asking for someone else$", text, re.M)
    assert re.search(r"^3\. I'm a healthcare professional$", text, re.M)
    assert "Reply with the number" in text
    assert not re.search(r"(^|\s)/[a-z_]+", text)  # never a raw /intent payload

    count = len(fake.find(twilio_to(sender)))
    hooks.twilio(channel, sender, "2")
    calls = delivered(fake.wait_for(twilio_to(sender), count=count + 1))[count:]
    assert "someone you care for" in "\n".join(texts(calls))


@pytest.mark.parametrize("channel", CHANNELS)
def test_answer_is_split_under_the_limit_with_numbered_related_topics(
        fake: FakePlatform, hooks: Webhooks, channel: str) -> None:
    sender = new_sender(channel)
    hooks.twilio(channel, sender, "is clonus the same as a tremor?")
    bodies = texts(delivered(fake.wait_for(twilio_to(sender), count=2)))
    assert len(bodies) >= 2 and all(units(b) <= MAX_CHARS for b in bodies)
    text = "\n".join(bodies)
    assert "tremor" in text.lower() and "Source" in text
    assert re.search(r"^1\. \S", text, re.M)


@pytest.mark.parametrize("channel", CHANNELS)
def test_emergency_comes_first_with_its_number(fake: FakePlatform, hooks: Webhooks,
                                               channel: str) -> None:
    sender = new_sender(channel)
    hooks.twilio(channel, sender, EMERGENCY_MESSAGE)
    first = texts(delivered(fake.wait_for(twilio_to(sender), count=2)))[0]
    assert first.startswith(URGENT) and "112" in first, first


def test_sender_country_sets_the_emergency_number(fake: FakePlatform, hooks: Webhooks) -> None:
    sender = new_sender("twilio")
    hooks.twilio("twilio", sender, "he has a stiff neck and a fever and his ankle keeps jerking",
                 country="US")
    first = texts(delivered(fake.wait_for(twilio_to(sender), count=2)))[0]
    assert first.startswith(URGENT) and "911" in first, first


@pytest.mark.parametrize("channel", CHANNELS)
@pytest.mark.parametrize("signature", [None, "", "bm90IGEgc2lnbmF0dXJl", "wrong-token"])
def test_forged_request_is_rejected_and_nothing_sent(fake: FakePlatform, hooks: Webhooks,
                                                     channel: str, signature: str) -> None:
    sender = new_sender(channel)
    if signature == "wrong-token":
        reply = hooks.twilio(channel, sender, EMERGENCY_MESSAGE, token="not-the-auth-token")
    else:
        reply = hooks.twilio(channel, sender, EMERGENCY_MESSAGE, signature=signature)
    assert reply.status_code == 403
    assert fake.wait_for(twilio_to(sender), timeout=3, settle=0) == []


def test_signature_covers_the_parameters(fake: FakePlatform, hooks: Webhooks) -> None:
    """A signature made for other parameters (a replayed signature) is rejected."""
    sender = new_sender("twilio")
    url = hooks.url("twilio")
    stolen = hooks.twilio_signature(url, {"From": sender, "Body": "hello"})
    reply = hooks.twilio("twilio", sender, EMERGENCY_MESSAGE, signature=stolen)
    assert reply.status_code == 403
    assert fake.wait_for(twilio_to(sender), timeout=3, settle=0) == []


@pytest.mark.parametrize("channel, skip_word", [("twilio", '"never mind"'), ("whatsapp", '"stop"')])
def test_sms_variation_avoids_the_opt_out_keyword(fake: FakePlatform, hooks: Webhooks,
                                                  channel: str, skip_word: str) -> None:
    """On SMS "stop" would unsubscribe the user from the bot's number (carrier keyword):
    the SMS variation of the location question says "never mind" instead."""
    sender = new_sender(channel)
    hooks.twilio(channel, sender, "can you find a neurologist near me?")
    text = "\n".join(texts(delivered(fake.wait_for(twilio_to(sender), count=2))))
    assert "Which city or town" in text and f"Type {skip_word} to skip" in text, text
    count = len(fake.find(twilio_to(sender)))
    hooks.twilio(channel, sender, "never mind")
    calls = delivered(fake.wait_for(twilio_to(sender), count=count + 1))[count:]
    assert "stopped the doctor search" in "\n".join(texts(calls))
