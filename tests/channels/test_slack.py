"""Slack end to end: signed Events API / interactivity requests in, chat.postMessage out."""

from __future__ import annotations

import time
from typing import Any, Dict, List

import pytest

from bot.constants import RATING_PAYLOADS

from .conftest import (
    EMERGENCY_MESSAGE,
    MAX_CHARS,
    SLACK_TOKEN,
    URGENT,
    Webhooks,
    delivered,
    slack_to,
    texts,
    unique,
    units,
)
from .fake_platform import FakePlatform

pytestmark = pytest.mark.e2e


def new_dm() -> tuple[str, str]:
    return unique("U"), unique("D")


def buttons(call: Any) -> List[Dict[str, Any]]:
    return [element for block in (call.json or {}).get("blocks") or []
            if block.get("type") == "actions" for element in block["elements"]]


def test_url_verification_needs_a_signature(hooks: Webhooks) -> None:
    challenge = {"type": "url_verification", "challenge": "abc123", "token": "x"}
    reply = hooks.slack(challenge)
    assert reply.status_code == 200 and reply.json() == {"challenge": "abc123"}
    assert hooks.slack(challenge, secret="forged").status_code == 403


def test_answer_with_block_kit_buttons_split_under_the_limit(fake: FakePlatform, hooks: Webhooks) -> None:
    user, channel = new_dm()
    assert hooks.slack(hooks.slack_dm(user, channel, "what causes clonus?")).status_code == 200
    calls = delivered(fake.wait_for(slack_to(channel), count=2))
    assert all(c.path == "/slack/chat.postMessage" for c in calls)
    assert all(c.headers.get("authorization") == f"Bearer {SLACK_TOKEN}" for c in calls)
    bodies = texts(calls)
    assert all(0 < units(t) <= MAX_CHARS for t in bodies), [units(t) for t in bodies]
    assert "Source" in "\n".join(bodies)
    # after the answer may come "Was this helpful?" (issue 16) with the two rating payloads
    calls = [c for c in calls if not ({b["value"] for b in buttons(c)} <= RATING_PAYLOADS and buttons(c))]
    last = calls[-1]
    section = last.json["blocks"][0]
    assert section["type"] == "section" and section["text"]["type"] == "mrkdwn"
    options = buttons(last)
    assert len(options) >= 2 and all(b["type"] == "button" for b in options)
    assert all(b["value"] and not b["value"].startswith("/") for b in options)
    assert [c for c in calls if buttons(c)] == [last]


def test_button_click_is_read_as_its_value(fake: FakePlatform, hooks: Webhooks) -> None:
    user, channel = new_dm()
    assert hooks.slack_click(user, channel, "Is clonus the same as a tremor?").status_code == 200
    calls = delivered(fake.wait_for(slack_to(channel)))
    assert "tremor" in "\n".join(texts(calls)).lower()


def test_emergency_comes_first_with_its_number(fake: FakePlatform, hooks: Webhooks) -> None:
    user, channel = new_dm()
    hooks.slack(hooks.slack_dm(user, channel, EMERGENCY_MESSAGE))
    first = texts(delivered(fake.wait_for(slack_to(channel), count=2)))[0]
    assert first.startswith(URGENT) and "112" in first, first


def test_redelivered_event_is_answered_once(fake: FakePlatform, hooks: Webhooks) -> None:
    user, channel = new_dm()
    event = hooks.slack_dm(user, channel, "thanks")
    hooks.slack(event)
    hooks.slack(event)
    replies = texts(delivered(fake.wait_for(slack_to(channel), settle=3)))
    assert sum("You're welcome" in text for text in replies) == 1, replies


@pytest.mark.parametrize("forgery", ["secret", "stale", "unsigned"])
def test_forged_request_is_rejected_and_nothing_sent(fake: FakePlatform, hooks: Webhooks,
                                                     forgery: str) -> None:
    user, channel = new_dm()
    event = hooks.slack_dm(user, channel, EMERGENCY_MESSAGE)
    if forgery == "secret":
        reply = hooks.slack(event, secret="not-the-signing-secret")
    elif forgery == "stale":  # a correctly signed request replayed ten minutes later
        reply = hooks.slack(event, timestamp=int(time.time()) - 600)
    else:
        import requests

        reply = requests.post(hooks.url("slack"), json=event, timeout=30)
    assert reply.status_code == 403
    assert fake.wait_for(slack_to(channel), timeout=3, settle=0) == []


def test_forged_button_click_is_rejected(fake: FakePlatform, hooks: Webhooks) -> None:
    user, channel = new_dm()
    reply = hooks.slack_click(user, channel, "What is clonus?", secret="forged")
    assert reply.status_code == 403
    assert fake.wait_for(slack_to(channel), timeout=3, settle=0) == []
