"""End-to-end: the socket.io channel the web widget uses."""

from __future__ import annotations

import queue
import time
from typing import Any, Optional

import pytest
import socketio

pytestmark = pytest.mark.e2e

ORIGIN = "http://localhost:8080"


class WidgetClient:
    """A socket.io client that behaves like rasa-webchat."""

    def __init__(self, url: str, origin: str = ORIGIN) -> None:
        # websocket-client sends its own Origin header; set it there (a second
        # Origin header would be merged into an invalid one).
        self.client = socketio.Client(reconnection=False,
                                      websocket_extra_options={"origin": origin})
        self.replies: "queue.Queue[dict]" = queue.Queue()
        self.session: "queue.Queue[str]" = queue.Queue()
        self.client.on("bot_uttered", lambda data: self.replies.put(data))
        self.client.on("session_confirm", lambda data: self.session.put(data))
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


def test_session_survives_a_reconnect(url: str) -> None:
    first = WidgetClient(url)
    session = first.request_session()
    first.send("hello", session)
    assert first.collect()
    first.close()
    time.sleep(0.5)
    second = WidgetClient(url)
    try:
        assert second.request_session(session) == session
        second.send("what causes clonus", session)
        assert any("Source" in r.get("text", "") for r in second.collect())
    finally:
        second.close()


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
