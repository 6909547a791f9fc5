"""The widget's "Delete my conversation" button in a real browser against the real servers:
the bot asks, "Yes, delete it" deletes the conversation from the server (read from the
tracker store) and the widget clears it and its key from the browser's storage and starts
afresh after a reload. Screenshot: reports/browser/widget-delete.png."""

from __future__ import annotations

import sqlite3
from typing import Any

import pytest

from bot.channels.socketio import sender_id_for
from tests.browser.test_widget import REPLY_TIMEOUT_MS, Widget

pytestmark = pytest.mark.e2e

CONFIRM = "Do you want me to delete this conversation?"
DELETED = "this conversation has been deleted"


def _rows(servers: Any, sender: str) -> int:
    with sqlite3.connect(servers.config.tracker_db) as db:
        return db.execute("SELECT COUNT(*) FROM events WHERE sender_id = ?", (sender,)).fetchone()[0]


def test_delete_button_clears_server_and_browser(new_context, page_url: str, servers: Any) -> None:
    widget = Widget(new_context(), page_url).open_chat()
    widget.say("what is clonus", expect="Source")
    key = widget.stored("clonus_client_key")
    assert key and _rows(servers, sender_id_for(key)) > 0
    assert "what is clonus" in (widget.stored("chat_session") or "")

    button = widget.page.locator(".rw-header .clonus-delete")
    assert button.inner_text() == "Delete my conversation"
    before = len(widget.bot_texts())
    button.click()
    widget.wait_for_bot(CONFIRM, after=before)
    widget.settle()
    before = len(widget.bot_texts())
    widget.page.locator(".rw-reply", has_text="Yes, delete it").click()
    widget.wait_for_bot("has been deleted", after=before)
    widget.screenshot("widget-delete.png")
    assert _rows(servers, sender_id_for(key)) == 0

    # the widget reloads the page and starts afresh with a new key
    widget.page.wait_for_function(
        "k => { const now = window.localStorage.getItem('clonus_client_key');"
        " return !!now && now !== k; }", arg=key,
        timeout=REPLY_TIMEOUT_MS)
    widget.page.wait_for_selector(".rw-widget-container", state="attached")
    assert "what is clonus" not in (widget.stored("chat_session") or "")
    assert widget.stored("clonus_client_key") != key
