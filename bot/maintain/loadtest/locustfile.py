"""Locust users for ``make loadtest``: people chatting over REST and over the widget's socket.io.

Runs only inside Locust's own virtual environment (``build/locust-venv``), started by
``python -m bot.maintain.loadtest`` (``run.py``), never imported by the bot. Each user has
short conversations (``messages.conversation``: opener, 2-3 topic questions, a closing
line; one conversation in 20 tells an emergency and must get the escalation), one message
per Locust task, so the run's ``wait_time`` is the time between a user's messages.

- ``RestChatter`` posts ``{"sender", "message"}`` to ``/webhooks/rest/webhook``; a turn is
  ok when the answer is HTTP 200 with at least one non-empty text.
- ``WidgetChatter`` speaks Engine.IO v4 / socket.io over a raw websocket like rasa-webchat:
  a per-browser key in the query (``clonus_key``), ``session_request`` ->
  ``session_confirm``, ``user_uttered`` -> ``bot_uttered`` (answers to pings). A turn's
  answer is every ``bot_uttered`` until ``LOADTEST_QUIET`` seconds pass without one; its
  response time is the arrival of the last part. Parts that come later are added to the
  turn they answer when seen before the next message goes out, and the user waits
  ``LOADTEST_LINGER`` quiet seconds before leaving a conversation. A new conversation is a
  new browser (new key, new connection).

Both refuse replies that are the channels' failure texts (busy / unavailable / error)
and log every conversation to the journal (``journal.py``) for the database check.

Environment (set by ``run.py``): ``LOADTEST_TARGETS`` (comma-separated base URLs, each
``http://127.0.0.1:PORT`` or ``http://localhost:PORT``; a user sticks to one, like a load
balancer's affinity), ``LOADTEST_JOURNAL``, ``LOADTEST_RUN`` (run id), ``LOADTEST_WAIT``
(``min,max`` seconds between a user's messages), ``LOADTEST_QUIET``, ``LOADTEST_ORIGIN``.
"""

from __future__ import annotations

import html
import itertools
import json
import os
import secrets
import time
from pathlib import Path
from typing import Any, Optional
from urllib.parse import urlencode, urlparse

import gevent
import websocket
from gevent.queue import Empty, Queue
from locust import HttpUser, User, between, constant, events, task

from bot.constants import REPLY_BUSY, REPLY_SERVER_ERROR, REPLY_UNAVAILABLE
from bot.maintain.loadtest.journal import ERROR, OK, Conversation, JournalWriter, Turn
from bot.maintain.loadtest.messages import ESCALATION_MARK, conversation, is_red_flag

ALLOWED_HOSTS = ("127.0.0.1", "localhost")
FAILURE_TEXTS = (REPLY_BUSY, REPLY_SERVER_ERROR, REPLY_UNAVAILABLE)
REPLY_TIMEOUT = float(os.environ.get("LOADTEST_REPLY_TIMEOUT", "30"))
QUIET = float(os.environ.get("LOADTEST_QUIET", "0.5"))
#: at a conversation's end, wait this long without a part before leaving
LINGER = float(os.environ.get("LOADTEST_LINGER", "2"))
ORIGIN = os.environ.get("LOADTEST_ORIGIN", "http://localhost:8080")
RUN = os.environ.get("LOADTEST_RUN", "local")
SEED = int(os.environ.get("LOADTEST_SEED", "0"))


def local_only(url: str) -> str:
    """``url`` if it points at this machine's loopback, else SystemExit."""
    host = urlparse(url).hostname
    if host not in ALLOWED_HOSTS:
        raise SystemExit(f"loadtest: refusing target {url!r}: only 127.0.0.1 / localhost")
    return url.rstrip("/")


TARGETS = [local_only(t) for t in os.environ.get("LOADTEST_TARGETS", "").split(",") if t.strip()]


def _wait_time() -> Any:
    low, _, high = os.environ.get("LOADTEST_WAIT", "0").partition(",")
    return constant(float(low)) if not high else between(float(low), float(high))


_numbers = itertools.count()  # conversations (red flag: one in 20)
_users = itertools.count()  # users (their target)
_journal: Optional[JournalWriter] = None
_open: dict[int, Conversation] = {}  # conversations not yet written, by id()


@events.init.add_listener
def _check_host(environment: Any, **_: Any) -> None:
    if environment.host:
        local_only(environment.host)
    if not TARGETS and not environment.host:
        raise SystemExit("loadtest: no target (LOADTEST_TARGETS or --host)")


def journal() -> JournalWriter:
    global _journal
    if _journal is None:
        _journal = JournalWriter(Path(os.environ.get("LOADTEST_JOURNAL", "loadtest-journal.jsonl")))
    return _journal


@events.quitting.add_listener
def _flush(**_: Any) -> None:
    for chat in list(_open.values()):
        journal().write(chat)
    _open.clear()
    if _journal is not None:
        _journal.close()


def failure(texts: list[str]) -> Optional[str]:
    """Why an answer is not a good answer (None: it is)."""
    if not any(text.strip() for text in texts):
        return "empty answer"
    plain = [html.unescape(text) for text in texts]
    if any(known in text for text in plain for known in FAILURE_TEXTS):
        return "failure reply: " + " | ".join(plain)[:120]
    return None


class Chatter:
    """A user's conversation state (mixed into the two user classes)."""

    channel = ""
    environment: Any

    def base_url(self) -> str:
        if not hasattr(self, "_base"):
            number = next(_users)
            self._base = TARGETS[number % len(TARGETS)] if TARGETS else local_only(self.environment.host)
        return self._base

    def begin(self) -> None:
        self.number = next(_numbers)
        self.script = conversation(self.number, SEED)
        self.red_flag = is_red_flag(self.number)
        self.chat = Conversation(channel=self.channel)
        self.open_conversation()
        _open[id(self.chat)] = self.chat

    def end(self) -> None:
        self.linger()
        chat = getattr(self, "chat", None)
        if chat is not None and _open.pop(id(chat), None) is not None:
            journal().write(chat)
        self.chat = None
        self.close_conversation()

    def open_conversation(self) -> None:  # pragma: no cover - per channel
        raise NotImplementedError

    def close_conversation(self) -> None:
        pass

    def linger(self) -> None:
        """Before leaving: take the parts of the last answer still on their way."""

    def exchange(self, text: str) -> tuple[list[str], Optional[str], float]:  # per channel
        raise NotImplementedError

    def one_turn(self) -> None:
        if getattr(self, "chat", None) is None:
            self.begin()
        text = self.script[len(self.chat.turns)]
        turn = Turn(text)
        self.chat.turns.append(turn)
        started = time.perf_counter()
        received, problem, elapsed = self.exchange(text)
        turn.received = received
        turn.status = OK if problem is None else ERROR
        last = len(self.chat.turns) == len(self.script)
        if problem is None and self.red_flag and last and not any(
                ESCALATION_MARK in html.unescape(t) for t in received):
            problem = "no escalation for a red flag"
        name = "red flag" if self.red_flag and last else "message"
        self.environment.events.request.fire(
            request_type=self.channel, name=name, response_time=elapsed * 1000,
            response_length=sum(len(t) for t in received), context={},
            exception=None if problem is None else RuntimeError(problem),
            start_time=started, url=None)
        if turn.status != OK or last:
            self.end()


class RestChatter(Chatter, HttpUser):
    """A chat over the REST channel."""

    channel = "rest"
    wait_time = _wait_time()
    weight = 1

    def open_conversation(self) -> None:
        self.chat.sender = f"lt-{RUN}-{secrets.token_hex(8)}"

    def exchange(self, text: str) -> tuple[list[str], Optional[str], float]:
        started = time.perf_counter()
        try:
            answer = self.client.request(
                "POST", f"{self.base_url()}/webhooks/rest/webhook",
                json={"sender": self.chat.sender, "message": text}, timeout=REPLY_TIMEOUT)
            elapsed = time.perf_counter() - started
            body = answer.json() if answer.content else []
        except Exception as error:  # noqa: BLE001 - any failure is an error turn
            return [], f"{type(error).__name__}: {error}", time.perf_counter() - started
        texts = [m.get("text") or "" for m in body if isinstance(m, dict)] if isinstance(body, list) else []
        if answer.status_code != 200:
            return texts, f"HTTP {answer.status_code}", elapsed
        return texts, failure(texts), elapsed

    # HttpUser fires its own request events; ours is the turn (with the checks)
    def on_start(self) -> None:
        self.client.request_event = _Silent()  # type: ignore[attr-defined]

    @task
    def turn(self) -> None:
        self.one_turn()

    def on_stop(self) -> None:
        self.end()


class _Silent:
    """Stands in for HttpSession's request event so only turns are counted."""

    def fire(self, **_: Any) -> None:
        pass


class EngineIOSocket:
    """A socket.io client over one websocket (Engine.IO v4), enough for the widget's events."""

    def __init__(self, base: str, key: str) -> None:
        query = urlencode({"EIO": "4", "transport": "websocket", "clonus_key": key})
        url = base.replace("http", "ws", 1) + "/socket.io/?" + query
        self.ws = websocket.create_connection(url, origin=ORIGIN, timeout=REPLY_TIMEOUT)
        if not self.ws.recv().startswith("0"):
            raise ConnectionError("no Engine.IO open packet")
        self.ws.send("40")
        self.ws.settimeout(None)
        self.inbox: Queue = Queue()
        self.reader = gevent.spawn(self._read)
        kind, _ = self.inbox.get(timeout=REPLY_TIMEOUT)
        if kind != "connect":
            raise ConnectionError(f"socket.io connect refused ({kind})")

    def _read(self) -> None:
        try:
            while True:
                frame = self.ws.recv()
                if frame == "2":
                    self.ws.send("3")
                elif frame.startswith("40"):
                    self.inbox.put(("connect", None))
                elif frame.startswith("42"):
                    name, *args = json.loads(frame[2:])
                    self.inbox.put((name, args[0] if args else None))
                elif frame.startswith(("41", "44", "1")):
                    break
        except Exception:  # noqa: BLE001 - a closed socket ends the reader
            pass
        self.inbox.put(("closed", None))

    def emit(self, name: str, data: Any) -> None:
        self.ws.send("42" + json.dumps([name, data]))

    def next_event(self, timeout: float) -> tuple[str, Any]:
        return self.inbox.get(timeout=timeout)

    def close(self) -> None:
        try:
            self.ws.close()
        except Exception:  # noqa: BLE001
            pass
        self.reader.kill(block=False)


class WidgetChatter(Chatter, User):
    """A chat over the widget's socket.io channel."""

    channel = "socketio"
    wait_time = _wait_time()
    weight = 1
    socket: Optional[EngineIOSocket] = None
    connect_error: Optional[str] = None

    def open_conversation(self) -> None:
        self.chat.key = secrets.token_hex(32)
        self.connect_error = None
        try:
            self.socket = EngineIOSocket(self.base_url(), self.chat.key)
            self.socket.emit("session_request", {"session_id": None})
            kind, session = self.socket.next_event(REPLY_TIMEOUT)
            while kind != "session_confirm":
                if kind == "closed":
                    raise ConnectionError("closed before session_confirm")
                kind, session = self.socket.next_event(REPLY_TIMEOUT)
            self.session = session
        except Exception as error:  # noqa: BLE001
            self.connect_error = f"connect: {type(error).__name__}: {error}"

    def _late_parts(self, quiet: float) -> None:
        """Parts still arriving for the last turn (until ``quiet`` s pass without one)."""
        chat = getattr(self, "chat", None)
        if self.socket is None or chat is None or not chat.turns or chat.turns[-1].status != OK:
            return
        deadline = time.monotonic() + 10 * max(quiet, 0.1)
        while time.monotonic() < deadline:
            try:
                kind, data = self.socket.next_event(quiet)
            except Empty:
                return
            if kind == "closed":
                return
            if kind == "bot_uttered":
                chat.turns[-1].received.append((data or {}).get("text") or "")

    def linger(self) -> None:
        self._late_parts(LINGER)

    def close_conversation(self) -> None:
        if self.socket is not None:
            self.socket.close()
            self.socket = None

    def exchange(self, text: str) -> tuple[list[str], Optional[str], float]:
        started = time.perf_counter()
        if self.connect_error or self.socket is None:
            return [], self.connect_error or "not connected", 0.0
        # parts of the previous answer that came after its quiet window belong to it
        # (the turn was appended already: look one further back)
        previous, self.chat.turns = self.chat.turns, self.chat.turns[:-1]
        self._late_parts(0.0)
        self.chat.turns = previous
        self.socket.emit("user_uttered", {"message": text, "session_id": self.session,
                                          "customData": {"language": "en"}})
        texts: list[str] = []
        last = started
        wait = REPLY_TIMEOUT
        while True:
            try:
                kind, data = self.socket.next_event(wait)
            except Empty:
                break
            if kind == "closed":
                return texts, "socket closed", time.perf_counter() - started
            if kind == "bot_uttered":
                texts.append((data or {}).get("text") or "")
                last = time.perf_counter()
                wait = QUIET
        if not texts:
            return texts, f"no answer within {REPLY_TIMEOUT:.0f} s", time.perf_counter() - started
        return texts, failure(texts), last - started

    @task
    def turn(self) -> None:
        self.one_turn()

    def on_stop(self) -> None:
        self.end()
