"""The widget's side of a database outage (``postgres_outage`` in ``bot.serve.faults``).

While PostgreSQL is down every replica fails its readiness check and HAProxy sends
socket.io to the sorry server (``bot.serve.sorry``). This probe opens two widgets through
the load balancer once HAProxy has taken the replicas out -- one English, websocket-only,
one Hindi, polling then websocket -- and checks that each message gets the polite domain
response in the widget's language (never nothing). After the database is back, the same
widgets (which reconnect on their own, as the widget does) must get normal answers again.
"""

from __future__ import annotations

import queue
import time
import uuid
from dataclasses import dataclass, field
from typing import Any, Optional

import requests

from bot.constants import REPLY_BUSY, REPLY_SERVER_ERROR, REPLY_UNAVAILABLE
from bot.serve.sorry import Replies

FAILURE_TEXTS = (REPLY_BUSY, REPLY_SERVER_ERROR, REPLY_UNAVAILABLE)


@dataclass
class ProbeWidget:
    """A socket.io client like the widget (browser key, page origin, reconnects)."""

    url: str
    transports: list[str]
    origin: str
    language: str
    key: str = field(default_factory=lambda: uuid.uuid4().hex)
    replies: "queue.Queue[dict]" = field(default_factory=queue.Queue)
    sessions: "queue.Queue[str]" = field(default_factory=queue.Queue)
    connects: int = 0
    client: Any = None

    def open(self) -> None:
        import socketio

        http = requests.Session()
        http.headers["Origin"] = self.origin
        self.client = socketio.Client(reconnection=True, reconnection_delay=0.5,
                                      reconnection_delay_max=2, http_session=http,
                                      websocket_extra_options={"origin": self.origin})
        self.client.on("bot_uttered", self.replies.put)
        self.client.on("session_confirm", self.sessions.put)
        self.client.on("connect", self._connected)
        self.client.connect(f"{self.url}/?clonus_key={self.key}", transports=self.transports,
                            wait_timeout=20)
        self.sessions.get(timeout=20)

    def _connected(self) -> None:
        self.connects += 1
        self.client.emit("session_request", {"session_id": None})  # as the widget does

    def say(self, text: str, timeout: float = 20.0) -> list[str]:
        """The texts of the replies to one message (empty: no answer within ``timeout``)."""
        while not self.replies.empty():
            self.replies.get_nowait()
        self.client.emit("user_uttered", {"message": text,
                                          "customData": {"language": self.language}})
        texts: list[str] = []
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                texts.append(str(self.replies.get(timeout=1.0 if texts else 0.5)["text"]))
            except queue.Empty:
                if texts:
                    break
        return texts

    def close(self) -> None:
        if self.client is not None:
            self.client.disconnect()


QUESTIONS = {"en": "what is clonus?", "hi": "क्लोनस क्या है?"}


class OutageWidgets:
    """Two widgets that chat through a database outage (see the module docstring)."""

    def __init__(self, stack: Any) -> None:
        self.stack = stack
        self.replies = Replies.from_domain()
        self.widgets = [
            ProbeWidget(stack.config.lb_url, ["websocket"], stack.config.page_origin, "en"),
            ProbeWidget(stack.config.lb_url, ["polling", "websocket"], stack.config.page_origin,
                        "hi"),
        ]
        self.figures: dict[str, Any] = {}
        self.failed: list[str] = []

    def _expected(self, widget: ProbeWidget) -> str:
        return self.replies.hindi if widget.language == "hi" else self.replies.english

    def during(self, down_at: float, wait_down: float = 20.0) -> None:
        """Once HAProxy has taken every replica out: open the widgets, one message each."""
        began = time.monotonic()
        while any(s.startswith("UP") for s in self.stack.lb_states().values()):
            if time.monotonic() - began > wait_down:
                self.failed.append(f"HAProxy kept replicas up without the database: "
                                   f"{self.stack.lb_states()}")
                return
            time.sleep(0.2)
        self.figures["replicas_out_after_s"] = round(time.monotonic() - down_at, 1)
        got = {}
        for widget in self.widgets:
            try:
                widget.open()
                texts = widget.say(QUESTIONS[widget.language])
            except Exception as error:  # noqa: BLE001 - what the user would have seen: nothing
                texts = [f"(no connection: {type(error).__name__}: {error})"]
            got[widget.language] = texts
            if texts != [self._expected(widget)]:
                self.failed.append(f"a new {widget.language} widget during the outage got "
                                   f"{texts!r}, not the polite {self._expected(widget)[:40]!r}")
        self.figures["widget_replies_during"] = {k: [t[:60] for t in v] for k, v in got.items()}

    def after(self, up_at: float, timeout: float = 60.0) -> None:
        """After the database is back: each widget's message gets a normal answer again."""
        back: dict[str, Optional[float]] = {}
        for widget in self.widgets:
            back[widget.language] = None
            if widget.client is None:
                continue
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline:
                try:
                    texts = widget.say(QUESTIONS[widget.language], timeout=10)
                except Exception:  # noqa: BLE001 - reconnecting at this moment
                    texts = []
                if texts and not any(t in FAILURE_TEXTS or t == self._expected(widget)
                                     for t in texts):
                    back[widget.language] = round(time.monotonic() - up_at, 1)
                    break
                time.sleep(0.5)
            if back[widget.language] is None:
                self.failed.append(f"the {widget.language} widget got no normal answer within "
                                   f"{timeout:.0f} s of the database's return")
        self.figures["widget_answers_normally_after_db_s"] = back
        self.figures["widget_reconnects"] = [max(0, w.connects - 1) for w in self.widgets]

    def close(self) -> None:
        for widget in self.widgets:
            try:
                widget.close()
            except Exception:  # noqa: BLE001 - closing only
                pass
