"""Telegram end to end: signed updates in, Bot API calls out (fake platform)."""

from __future__ import annotations

from typing import Any, Dict, List

import pytest
import requests

from bot import paths
from bot.constants import RATING_PAYLOADS

from .conftest import (
    EMERGENCY_MESSAGE,
    MAX_CHARS,
    TELEGRAM_SECRET,
    TELEGRAM_TOKEN,
    TELEGRAM_WEBHOOK,
    URGENT,
    Webhooks,
    delivered,
    telegram_to,
    texts,
    units,
)
from .fake_platform import FakePlatform

pytestmark = pytest.mark.e2e

_chat_ids = iter(range(910_000_001, 919_999_999))


def new_chat() -> int:
    return next(_chat_ids)


def keyboard(call: Any) -> List[Dict[str, str]]:
    markup = (call.json or {}).get("reply_markup") or {}
    return [button for row in markup.get("inline_keyboard", []) for button in row]


def test_webhook_registered_in_the_background_while_the_api_hung(fake: FakePlatform) -> None:
    # channel_servers made setWebhook hang during start-up: the server started anyway
    calls = fake.find(lambda c: c.path.endswith("/setWebhook"))
    assert calls, "the webhook was not registered at start-up"
    body = calls[0].json
    assert calls[0].path == f"/telegram/bot{TELEGRAM_TOKEN}/setWebhook"
    assert body["url"] == TELEGRAM_WEBHOOK and body["secret_token"] == TELEGRAM_SECRET
    log = (paths.REPORTS / "channel-logs" / "rasa.log").read_text(encoding="utf-8", errors="replace")
    assert "telegram: setWebhook timed out" in log


def test_answer_is_plain_text_split_with_an_inline_keyboard(fake: FakePlatform, hooks: Webhooks) -> None:
    chat = new_chat()
    reply = hooks.telegram(hooks.telegram_message(chat, "what is clonus?"))
    assert reply.status_code == 200
    calls = delivered(fake.wait_for(telegram_to(chat), count=2))
    assert calls and all(c.path == f"/telegram/bot{TELEGRAM_TOKEN}/sendMessage" for c in calls)
    bodies = texts(calls)
    assert all(0 < units(t) <= MAX_CHARS for t in bodies), [units(t) for t in bodies]
    assert "Source" in "\n".join(bodies)
    assert all("parse_mode" not in c.json for c in calls)  # plain text: markdown is not rendered
    # after the answer may come "Was this helpful?" (issue 16) with the two rating payloads
    answer = [c for c in calls
              if not (keyboard(c) and {b["callback_data"] for b in keyboard(c)} <= RATING_PAYLOADS)]
    with_buttons = [c for c in answer if keyboard(c)]
    assert len(with_buttons) == 1 and with_buttons[0] is answer[-1]
    buttons = keyboard(answer[-1])
    assert len(buttons) >= 2
    for button in buttons:
        assert button["text"] and button["callback_data"]
        assert not button["callback_data"].startswith("/")
        assert len(button["callback_data"].encode("utf-8")) <= 64


def test_button_press_is_read_as_its_payload(fake: FakePlatform, hooks: Webhooks) -> None:
    chat = new_chat()
    hooks.telegram(hooks.telegram_button(chat, "Is clonus the same as a tremor?"))
    calls = delivered(fake.wait_for(telegram_to(chat)))
    assert "tremor" in "\n".join(texts(calls)).lower()
    answered = fake.find(lambda c: c.path.endswith("/answerCallbackQuery"))
    assert answered, "the button press was not acknowledged"


def test_start_command_greets(fake: FakePlatform, hooks: Webhooks) -> None:
    chat = new_chat()
    hooks.telegram(hooks.telegram_message(chat, "/start"))
    calls = delivered(fake.wait_for(telegram_to(chat), count=3))
    text = "\n".join(texts(calls))
    assert "clonus information assistant" in text and "not medical advice" in text
    titles = [b["text"] for c in calls for b in keyboard(c)]
    assert "I'm a healthcare professional" in titles


def test_help_command_and_photos_get_answers(fake: FakePlatform, hooks: Webhooks) -> None:
    chat = new_chat()
    hooks.telegram(hooks.telegram_message(chat, "/help@clonus_test_bot"))
    text = "\n".join(texts(delivered(fake.wait_for(telegram_to(chat), count=2))))
    assert "What causes clonus?" in text and "Is clonus dangerous?" in text
    other = new_chat()
    update = hooks.telegram_message(other, "unused")
    del update["message"]["text"]
    update["message"]["photo"] = [{"file_id": "x", "file_unique_id": "y", "width": 1, "height": 1}]
    hooks.telegram(update)
    assert delivered(fake.wait_for(telegram_to(other)))  # an answer, not silence


def test_emergency_comes_first_with_its_number(fake: FakePlatform, hooks: Webhooks) -> None:
    chat = new_chat()
    hooks.telegram(hooks.telegram_message(chat, EMERGENCY_MESSAGE))
    calls = delivered(fake.wait_for(telegram_to(chat), count=2))
    first = texts(calls)[0]
    assert first.startswith(URGENT) and "112" in first, first
    assert units(first) > MAX_CHARS  # longer than the split size, and still one message


@pytest.mark.parametrize("secret", [None, "", "wrong-secret", TELEGRAM_SECRET + "x"])
def test_forged_update_is_rejected_and_nothing_sent(fake: FakePlatform, hooks: Webhooks,
                                                    secret: Any) -> None:
    chat = new_chat()
    reply = hooks.telegram(hooks.telegram_message(chat, EMERGENCY_MESSAGE), secret=secret)
    assert reply.status_code == 403
    assert fake.wait_for(telegram_to(chat), timeout=3, settle=0) == []


def test_health(hooks: Webhooks) -> None:
    assert requests.get(f"{hooks.base}/telegram/", timeout=10).status_code == 200
