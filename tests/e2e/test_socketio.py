"""End-to-end: the socket.io channel the web widget uses.

A browser's widget connects with its per-browser key in the query (``?clonus_key=``); the
session it is confirmed, and the conversation its replies come from, follow from that key
(``bot/channels/socketio.py``). The real widget in a real browser: ``tests/browser/``.
"""

from __future__ import annotations

import queue
import secrets
import time
from typing import Any, Optional
from urllib.parse import urlencode

import pytest
import socketio

pytestmark = pytest.mark.e2e

ORIGIN = "http://localhost:8080"


class WidgetClient:
    """A socket.io client that behaves like rasa-webchat."""

    def __init__(self, url: str, origin: str = ORIGIN, key: Optional[str] = None) -> None:
        # websocket-client sends its own Origin header; set it there (a second
        # Origin header would be merged into an invalid one).
        self.client = socketio.Client(reconnection=False,
                                      websocket_extra_options={"origin": origin})
        self.replies: "queue.Queue[dict]" = queue.Queue()
        self.session: "queue.Queue[str]" = queue.Queue()
        self.client.on("bot_uttered", lambda data: self.replies.put(data))
        self.client.on("session_confirm", lambda data: self.session.put(data))
        if key is not None:
            url = f"{url}/?{urlencode({'clonus_key': key})}"
        self.client.connect(url, transports=["websocket"], wait_timeout=20)

    def request_session(self, session_id: Optional[str] = None) -> str:
        self.client.emit("session_request", {"session_id": session_id})
        return self.session.get(timeout=20)

    def send(self, text: str, session_id: str, custom: Optional[dict] = None) -> None:
        self.client.emit("user_uttered", {"message": text, "session_id": session_id,
                                          "customData": custom or {"language": "en"}})

    def collect(self, wait: float = 15.0, quiet: float = 2.0) -> list[dict[str, Any]]:
        got: list[dict[str, Any]] = []
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            try:
                got.append(self.replies.get(timeout=quiet if got else wait))
            except queue.Empty:
                break
        return got

    def close(self) -> None:
        self.client.disconnect()


@pytest.fixture
def url(servers) -> str:
    return f"http://127.0.0.1:{servers.config.rasa_port}"


def test_widget_gets_answers_in_its_session(url: str) -> None:
    widget = WidgetClient(url)
    try:
        session = widget.request_session()
        widget.send("what does clonus feel like", session)
        replies = widget.collect()
        text = "\n".join(r.get("text", "") for r in replies)
        assert "Source" in text, replies
    finally:
        widget.close()


def new_key() -> str:
    return secrets.token_hex(32)


def test_session_survives_a_reconnect_with_the_browser_key(url: str) -> None:
    key = new_key()
    first = WidgetClient(url, key=key)
    session = first.request_session()
    first.send("hello", session)
    assert first.collect()
    first.close()
    time.sleep(0.5)
    second = WidgetClient(url, key=key)
    try:
        assert second.request_session(session) == session
        second.send("what causes clonus", session)
        assert any("Source" in r.get("text", "") for r in second.collect())
    finally:
        second.close()


def test_a_session_id_without_its_key_gets_nothing_even_after_the_owner_left(url: str) -> None:
    key = new_key()
    owner = WidgetClient(url, key=key)
    session = owner.request_session()
    owner.send("hello", session)
    assert owner.collect()
    owner.close()
    time.sleep(0.5)
    intruders = [WidgetClient(url), WidgetClient(url, key=new_key())]
    try:
        for intruder in intruders:
            assert intruder.request_session(session) != session
        # the owner comes back (e.g. a page reload) and goes on with the conversation
        back = WidgetClient(url, key=key)
        try:
            assert back.request_session(session) == session
            back.send("is clonus dangerous", session)
            assert back.collect()
        finally:
            back.close()
        for intruder in intruders:
            assert intruder.collect(wait=3) == []
    finally:
        for intruder in intruders:
            intruder.close()


def test_a_client_without_a_key_gets_a_fresh_session_each_time(url: str) -> None:
    sessions = []
    for key in (None, None, "too-short", "x" * 200, "bad key with spaces" * 3):
        client = WidgetClient(url, key=key)
        try:
            sessions.append(client.request_session())
        finally:
            client.close()
    assert len(set(sessions)) == len(sessions)


def test_bot_text_is_literal_markdown_with_safe_links_and_urgent_marking(url: str) -> None:
    widget = WidgetClient(url, key=new_key())
    try:
        session = widget.request_session()
        widget.send("what does clonus feel like", session)
        answer = "\n".join(r.get("text", "") for r in widget.collect())
        assert "[FindADoctor guide, 9 Jan 2026](https://findadoctor.in/)" in answer, answer
        assert "wiseGEEK article, 17 Oct 2019" in answer  # no known address: not a link
        assert "](http:" not in answer and "javascript" not in answer
        widget.send("sudden weakness in my left arm and my ankle keeps jerking", session,
                    custom={"language": "en-US", "country": "US"})
        replies = widget.collect()
        urgent = [r for r in replies if r.get("text", "").startswith("\u26a0")]
        assert urgent, replies
        assert urgent[0]["metadata"]["customCss"] == {"style": "class", "css": "clonus-urgent"}
        assert "911" in urgent[0]["text"]
        others = [r for r in replies if r not in urgent and not r.get("text", "").startswith("\u26a0")]
        assert all("customCss" not in (r.get("metadata") or {}) for r in others)
    finally:
        widget.close()


def test_another_client_cannot_join_a_live_session(url: str) -> None:
    owner = WidgetClient(url)
    intruder = WidgetClient(url)
    try:
        session = owner.request_session()
        stolen = intruder.request_session(session)
        assert stolen != session
        owner.send("what is clonus", session)
        assert owner.collect()
        assert intruder.collect(wait=3) == []
    finally:
        owner.close()
        intruder.close()


def test_foreign_origin_is_refused(url: str) -> None:
    with pytest.raises(socketio.exceptions.ConnectionError):
        WidgetClient(url, origin="https://evil.example")
