"""A platform API that fails or hangs: the server keeps running, other messages still go
out, the emergency message is retried, and the next message is answered."""

from __future__ import annotations

import time

import pytest
import requests

from .conftest import (
    API_TIMEOUT,
    EMERGENCY_MESSAGE,
    URGENT,
    Webhooks,
    delivered,
    messenger_to,
    slack_to,
    telegram_to,
    texts,
    twilio_to,
    unique,
)
from .fake_platform import FakePlatform

pytestmark = pytest.mark.e2e


def rest_still_answers(hooks: Webhooks) -> None:
    reply = requests.post(hooks.base + "/rest/webhook", json={"sender": unique("r"), "message": "thanks"},
                          timeout=30)
    assert reply.status_code == 200 and reply.json()


def test_hanging_api_does_not_block_the_webhook_or_the_next_message(
        fake: FakePlatform, hooks: Webhooks) -> None:
    chat = int(unique()[:9]) + 800_000_000
    fake.hang("/sendMessage", seconds=120)
    started = time.monotonic()
    reply = hooks.telegram(hooks.telegram_message(chat, "what is clonus?"))
    assert reply.status_code == 200 and time.monotonic() - started < API_TIMEOUT
    hung = fake.wait_for(telegram_to(chat), count=2, timeout=30, settle=API_TIMEOUT + 1)
    assert hung and not delivered(hung)  # the bot tried, timed out, and carried on
    rest_still_answers(hooks)
    fake.reset()
    before = len(fake.find(telegram_to(chat)))
    hooks.telegram(hooks.telegram_message(chat, "is clonus the same as a tremor?"))
    calls = delivered(fake.wait_for(lambda c: telegram_to(chat)(c) and c.delivered, timeout=90))
    assert calls and "tremor" in "\n".join(texts(calls)).lower()
    assert len(fake.find(telegram_to(chat))) > before


def test_api_errors_are_retried_and_do_not_stop_the_next_message(
        fake: FakePlatform, hooks: Webhooks) -> None:
    sender = "+1555" + unique()[:7]
    fake.fail("/Messages.json", status=500)
    assert hooks.twilio("twilio", sender, "thanks").status_code == 200
    failed = fake.wait_for(twilio_to(sender), count=2)
    assert len(failed) >= 2 and not delivered(failed)  # retried once, then given up
    rest_still_answers(hooks)
    fake.reset()
    hooks.twilio("twilio", sender, "what is clonus?")
    calls = delivered(fake.wait_for(lambda c: twilio_to(sender)(c) and c.delivered, count=2))
    assert "Source" in "\n".join(texts(calls))


def test_a_failed_message_does_not_lose_the_others(fake: FakePlatform, hooks: Webhooks) -> None:
    psid = unique("P")
    fake.fail("/me/messages", status=500, times=2)  # the first message fails twice: lost
    hooks.messenger([hooks.messenger_text(psid, "hello")])
    calls = fake.wait_for(messenger_to(psid), count=5)
    assert [c.status for c in calls[:2]] == [500, 500]
    rest = texts(delivered(calls))
    assert len(rest) >= 3
    assert "not medical advice" in "\n".join(rest)  # the disclaimer after the lost greeting
    assert any(c.json["message"].get("quick_replies") for c in delivered(calls))


def test_one_error_is_retried_and_nothing_is_lost(fake: FakePlatform, hooks: Webhooks) -> None:
    user, channel = unique("U"), unique("D")
    fake.fail("/chat.postMessage", status=503, times=1)
    hooks.slack(hooks.slack_dm(user, channel, "is clonus dangerous?"))
    calls = fake.wait_for(slack_to(channel), count=3)
    assert calls[0].status == 503 and delivered(calls)
    assert texts(calls)[0] == texts(calls)[1]  # the same message, sent again
    assert "Source" in "\n".join(texts(delivered(calls)))


def test_emergency_message_is_retried_until_delivered(fake: FakePlatform, hooks: Webhooks) -> None:
    user, channel = unique("U"), unique("D")
    fake.fail("/chat.postMessage", status=500, times=2)
    hooks.slack(hooks.slack_dm(user, channel, EMERGENCY_MESSAGE))
    calls = fake.wait_for(slack_to(channel), count=4)
    assert [c.status for c in calls[:2]] == [500, 500]
    first = texts(delivered(calls))[0]
    assert first.startswith(URGENT) and "112" in first, first
