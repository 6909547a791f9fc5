"""Messenger end to end: app-secret-signed webhooks in, Send API calls out."""

from __future__ import annotations

import re

import pytest
import requests

from .conftest import (
    EMERGENCY_MESSAGE,
    MAX_CHARS,
    MESSENGER_TOKEN,
    MESSENGER_VERIFY,
    URGENT,
    Webhooks,
    delivered,
    messenger_to,
    texts,
    unique,
    units,
)
from .fake_platform import FakePlatform

pytestmark = pytest.mark.e2e


def test_subscription_check(hooks: Webhooks) -> None:
    params = {"hub.mode": "subscribe", "hub.challenge": "1158201444", "hub.verify_token": MESSENGER_VERIFY}
    reply = requests.get(hooks.url("facebook"), params=params, timeout=10)
    assert reply.status_code == 200 and reply.text == "1158201444"
    params["hub.verify_token"] = "wrong"
    assert requests.get(hooks.url("facebook"), params=params, timeout=10).status_code == 403


def test_quick_replies_and_typed_numbers(fake: FakePlatform, hooks: Webhooks) -> None:
    psid = unique("P")
    assert hooks.messenger([hooks.messenger_text(psid, "hello")]).status_code == 200
    calls = delivered(fake.wait_for(messenger_to(psid), count=4))
    assert all(c.path == "/facebook/me/messages" for c in calls)
    assert all(c.query.get("access_token") == [MESSENGER_TOKEN] for c in calls)
    assert all(c.json["messaging_type"] == "RESPONSE" for c in calls)
    bodies = texts(calls)
    assert all(0 < units(t) <= MAX_CHARS for t in bodies), [units(t) for t in bodies]
    with_replies = [c for c in calls if c.json["message"].get("quick_replies")]
    assert len(with_replies) == 1
    replies = with_replies[0].json["message"]["quick_replies"]
    assert [r["payload"] for r in replies] == [
        "I have clonus myself", "I'm asking for someone else", "I'm a healthcare professional"]
    assert all(r["content_type"] == "text" and 0 < len(r["title"]) <= 20 for r in replies)
    # titles were shortened: the full options are listed with their numbers
    assert re.search(r"^3\. I'm a healthcare professional$", "\n".join(bodies), re.M)

    count = len(fake.find(messenger_to(psid)))
    hooks.messenger([hooks.messenger_text(psid, "3")])
    calls = delivered(fake.wait_for(messenger_to(psid), count=count + 1))[count:]
    assert "clinical wording" in "\n".join(texts(calls))


def test_quick_reply_is_read_as_its_payload(fake: FakePlatform, hooks: Webhooks) -> None:
    psid = unique("P")
    event = hooks.messenger_text(psid, "Is clonus the same…", quick_reply="Is clonus the same as a tremor?")
    hooks.messenger([event])
    calls = delivered(fake.wait_for(messenger_to(psid)))
    assert "tremor" in "\n".join(texts(calls)).lower()


def test_every_event_of_a_delivery_is_handled(fake: FakePlatform, hooks: Webhooks) -> None:
    first, second = unique("P"), unique("P")
    hooks.messenger([hooks.messenger_text(first, "thanks"), hooks.messenger_text(second, "thanks")])
    assert delivered(fake.wait_for(messenger_to(first)))
    assert delivered(fake.wait_for(messenger_to(second)))


def test_emergency_comes_first_with_its_number(fake: FakePlatform, hooks: Webhooks) -> None:
    psid = unique("P")
    hooks.messenger([hooks.messenger_text(psid, EMERGENCY_MESSAGE)])
    first = texts(delivered(fake.wait_for(messenger_to(psid), count=2)))[0]
    assert first.startswith(URGENT) and "112" in first, first


@pytest.mark.parametrize("forgery", ["secret", "unsigned", "sha1-only"])
def test_forged_request_is_rejected_and_nothing_sent(fake: FakePlatform, hooks: Webhooks,
                                                     forgery: str) -> None:
    psid = unique("P")
    events = [hooks.messenger_text(psid, EMERGENCY_MESSAGE)]
    if forgery == "secret":
        reply = hooks.messenger(events, secret="not-the-app-secret")
    elif forgery == "unsigned":
        reply = hooks.messenger(events, secret=None)
    else:  # the legacy SHA-1 header alone (even correctly signed) is not accepted
        reply = hooks.messenger(events, header="X-Hub-Signature")
    assert reply.status_code == 403
    assert fake.wait_for(messenger_to(psid), timeout=3, settle=0) == []
