""""Delete my data" on every messaging channel (SMS, WhatsApp, Telegram, Slack, Messenger),
end to end against the real servers and a fake platform API: the bot asks first (numbered
options where the platform has no buttons), the chosen option deletes the conversation, and
the tracker store (read afterwards) has no row of it; a phone number typed on the way is
stored redacted."""

from __future__ import annotations

import itertools
import re
import sqlite3
from typing import Any, Callable

import pytest

from .conftest import (
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

CONFIRM = "Do you want me to delete this conversation?"
DELETED = "this conversation has been deleted"
PHONE = "+44 7700 900456"
_chat_ids = itertools.count(880_000_000)


def rows(servers: Any, fragment: str) -> tuple[int, str]:
    """Rows whose conversation id contains ``fragment``, and their user texts."""
    with sqlite3.connect(servers.config.tracker_db) as db:
        found = db.execute("SELECT type_name, data FROM events WHERE sender_id LIKE ?",
                           (f"%{fragment}%",)).fetchall()
    return len(found), " ".join(data for kind, data in found if kind == "user")


def converse(fake: FakePlatform, to: Callable[[Any], bool], send: Callable[[str], Any],
             text: str) -> str:
    count = len(fake.find(to))
    send(text)
    return "\n".join(texts(delivered(fake.wait_for(to, count=count + 1))[count:]))


@pytest.mark.parametrize("channel", ["twilio", "whatsapp"])
def test_sms_and_whatsapp_numbered_confirmation(fake: FakePlatform, hooks: Webhooks,
                                                channel_servers: Any, channel: str) -> None:
    number = "+1555" + unique()[:7]
    sender = f"whatsapp:{number}" if channel == "whatsapp" else number
    to = twilio_to(sender)

    def send(text: str) -> Any:
        return hooks.twilio(channel, sender, text)

    converse(fake, to, send, f"what is clonus? you can reach me on {PHONE}")
    stored, user_text = rows(channel_servers, number)
    assert stored > 0 and "[phone]" in user_text and "900456" not in user_text
    asked = converse(fake, to, send, "delete my data")
    assert CONFIRM in asked
    assert re.search(r"^1\. Yes, delete it$", asked, re.M) and re.search(r"^2\. No, keep it$", asked, re.M)
    assert DELETED in converse(fake, to, send, "1").lower()
    assert rows(channel_servers, number)[0] == 0


def test_telegram_button(fake: FakePlatform, hooks: Webhooks, channel_servers: Any) -> None:
    chat = next(_chat_ids)
    to = telegram_to(chat)
    converse(fake, to, lambda t: hooks.telegram(hooks.telegram_message(chat, t)), "what is clonus?")
    assert rows(channel_servers, str(chat))[0] > 0
    asked = converse(fake, to, lambda t: hooks.telegram(hooks.telegram_message(chat, t)),
                     "forget this conversation")
    assert CONFIRM in asked
    done = converse(fake, to, lambda t: hooks.telegram(hooks.telegram_button(chat, t)), "/affirm")
    assert DELETED in done.lower()
    assert rows(channel_servers, str(chat))[0] == 0


def test_slack_button(fake: FakePlatform, hooks: Webhooks, channel_servers: Any) -> None:
    user, channel = unique("U"), unique("D")
    to = slack_to(channel)
    converse(fake, to, lambda t: hooks.slack(hooks.slack_dm(user, channel, t)), "what is clonus?")
    assert rows(channel_servers, user)[0] + rows(channel_servers, channel)[0] > 0
    asked = converse(fake, to, lambda t: hooks.slack(hooks.slack_dm(user, channel, t)),
                     "please delete my data")
    assert CONFIRM in asked
    done = converse(fake, to, lambda t: hooks.slack_click(user, channel, t), "/affirm")
    assert DELETED in done.lower()
    assert rows(channel_servers, user)[0] == 0 and rows(channel_servers, channel)[0] == 0


def test_messenger_quick_reply(fake: FakePlatform, hooks: Webhooks, channel_servers: Any) -> None:
    psid = unique("P")
    to = messenger_to(psid)
    converse(fake, to, lambda t: hooks.messenger([hooks.messenger_text(psid, t)]), "what is clonus?")
    assert rows(channel_servers, psid)[0] > 0
    asked = converse(fake, to, lambda t: hooks.messenger([hooks.messenger_text(psid, t)]),
                     "erase my messages")
    assert CONFIRM in asked
    done = converse(fake, to, lambda t: hooks.messenger(
        [hooks.messenger_text(psid, "Yes, delete it", quick_reply=t)]), "/affirm")
    assert DELETED in done.lower()
    assert rows(channel_servers, psid)[0] == 0
