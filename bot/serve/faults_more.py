"""The two longer faults of ``make faults`` (``bot.serve.faults`` runs them):

- ``slow_action``: the action server is replaced by one that answers after longer than
  the lock lifetime. Rasa gives up at ``CLONUS_ACTION_TIMEOUT`` (shorter than the lock, so
  the lock never lapses during a turn); a second message of the same conversation sent
  meanwhile through the other replica waits for the first turn and is processed after it.
- ``rolling_restart``: socket.io widgets (websocket-only and polling-then-websocket) chat
  while the replicas are restarted one at a time; each reconnects (same browser key, so
  the same conversation) and its conversation goes on.
"""

from __future__ import annotations

import asyncio
import queue
import threading
import time
import uuid
from typing import Any

import requests

Figures = dict[str, Any]


class SlowActionServer:
    """An action server on ``port`` that answers every action after ``delay`` seconds."""

    def __init__(self, port: int, delay: float) -> None:
        self.port, self.delay = port, delay
        self.loop = asyncio.new_event_loop()
        self.calls = 0
        self._runner: Any = None
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)

    async def _start(self) -> None:
        from aiohttp import web

        async def webhook(_: Any) -> Any:
            self.calls += 1
            await asyncio.sleep(self.delay)
            return web.json_response({"events": [], "responses": []})

        async def health(_: Any) -> Any:
            return web.json_response({"status": "ok"})

        app = web.Application()
        app.router.add_post("/webhook", webhook)
        app.router.add_get("/health", health)
        # stop() must not wait for a call still sleeping (aiohttp waits up to 60 s)
        self._runner = web.AppRunner(app, shutdown_timeout=1.0)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", self.port).start()

    def start(self) -> None:
        self.thread.start()
        asyncio.run_coroutine_threadsafe(self._start(), self.loop).result(10)

    def stop(self) -> None:
        if self._runner is not None:
            asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self.loop).result(10)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)


def _post(url: str, sender: str, text: str, out: dict[str, Any], key: str) -> None:
    began = time.monotonic()
    try:
        reply = requests.post(url, json={"sender": sender, "message": text}, timeout=120)
        out[key] = {"status": reply.status_code,
                    "text": "\n".join(m.get("text") or "" for m in reply.json())[:160]}
    except (requests.RequestException, ValueError) as error:
        out[key] = {"status": 0, "text": "", "error": str(error)}
    out[key]["started"] = began
    out[key]["ended"] = time.monotonic()


def slow_action(stack: Any) -> tuple[Figures, list[str]]:
    lifetime = stack.config.lock_lifetime
    timeout = stack.config.action_timeout
    item = stack.watched("action server")
    item.paused = True
    fake = SlowActionServer(stack.config.actions_port, delay=lifetime + 10)
    out: dict[str, Any] = {}
    sender = f"slow-{uuid.uuid4().hex[:8]}"
    replicas = [f"http://127.0.0.1:{p}/webhooks/rest/webhook" for p in stack.config.replica_ports]
    # the conversation's session is started first (with the real action server)
    _post(replicas[0], sender, "hello", out, "hello")
    try:
        stack.front.actions.kill()
        stack.front.actions.wait(10)
        fake.start()
        first = threading.Thread(target=_post, args=(replicas[0], sender,
                                                     "is there an MS specialist in Pune?", out,
                                                     "slow"))
        first.start()
        time.sleep(1.0)
        second = threading.Thread(target=_post, args=(replicas[-1], sender, "what is clonus?",
                                                      out, "next"))
        second.start()
        first.join()
        second.join()
    finally:
        fake.stop()
        item.paused = False
    slow, nxt = out["slow"], out["next"]
    overlap = _turns_overlap(stack, sender)
    figures: Figures = {
        "lock_lifetime_s": lifetime, "action_timeout_s": timeout,
        "action_delay_s": fake.delay, "action_calls": fake.calls,
        "slow_turn_s": round(slow["ended"] - slow["started"], 1), "slow_turn": slow["status"],
        "slow_text": slow["text"][:100],
        "second_turn_waited_s": round(nxt["ended"] - nxt["started"], 1),
        "second_turn": nxt["status"], "second_text": nxt["text"][:60],
        "turns_interleaved_in_db": overlap,
    }
    failed = []
    if not slow["text"] or not nxt["text"]:
        failed.append("a turn got no text")
    if fake.calls and (slow["ended"] - slow["started"]) > fake.calls * timeout + 10:
        failed.append("the slow action was not cut at the action timeout")
    if nxt["status"] == 200 and nxt["ended"] < slow["ended"] - 0.5:
        failed.append("the second message was answered while the first turn held the lock")
    if overlap:
        failed.append("the two turns' events are interleaved in the database")
    return figures, failed


def _turns_overlap(stack: Any, sender: str) -> bool:
    """Whether a user event follows another before the first got its reply."""
    connection = stack.postgres.connect()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT type_name FROM events WHERE sender_id = %s AND type_name IN "
                           "('user', 'bot') ORDER BY id", (sender,))
            kinds = [row[0] for row in cursor.fetchall()]
    finally:
        connection.close()
    return any(a == b == "user" for a, b in zip(kinds, kinds[1:], strict=False))


class Widget:
    """A socket.io client like the widget, reconnecting on its own, chatting in a thread."""

    def __init__(self, url: str, transports: list[str], origin: str) -> None:
        import socketio

        self.key = uuid.uuid4().hex
        http = requests.Session()
        http.headers["Origin"] = origin  # as a browser on the page sends it
        self.client = socketio.Client(reconnection=True, reconnection_delay=0.5,
                                      reconnection_delay_max=2, http_session=http,
                                      websocket_extra_options={"origin": origin})
        self.replies: "queue.Queue[dict]" = queue.Queue()
        self.sessions: "queue.Queue[str]" = queue.Queue()
        self.client.on("bot_uttered", self.replies.put)
        self.client.on("session_confirm", self.sessions.put)
        self.client.on("connect", self._connected)
        self.connects = 0
        self.sent = self.answered = self.resent = 0
        self.answered_after: float = 0.0
        self.url = f"{url}/?clonus_key={self.key}"
        self.transports = transports
        self.session = ""
        self.stop = threading.Event()

    def _connected(self) -> None:
        self.connects += 1

    def _request_session(self) -> None:
        self.client.emit("session_request", {"session_id": self.session or None})
        self.session = self.sessions.get(timeout=20)

    def run(self) -> None:
        self.client.connect(self.url, transports=self.transports, wait_timeout=20)
        self._request_session()
        turn = 0
        while not self.stop.is_set():
            text = f"what is clonus? [{turn}]"
            for _attempt in range(10):
                try:
                    if not self.client.connected:
                        time.sleep(0.5)
                        continue
                    self.client.emit("user_uttered", {"message": text, "session_id": self.session,
                                                      "customData": {"language": "en"}})
                    self.sent += 1
                    self.replies.get(timeout=15)
                    self.answered += 1
                    self.answered_after = time.monotonic()
                    break
                except Exception:  # noqa: BLE001 - disconnected or no answer: send again
                    self.resent += 1
            turn += 1
            while not self.replies.empty():  # a turn may have several messages
                self.replies.get_nowait()
            time.sleep(1.0)
        self.client.disconnect()


def rolling_restart(stack: Any, widgets: int = 6) -> tuple[Figures, list[str]]:
    from bot.serve.socketio_ids import sender_of_key

    clients = [Widget(stack.config.lb_url, ["websocket"] if i % 2 else ["polling", "websocket"],
                      stack.config.page_origin) for i in range(widgets)]
    threads = [threading.Thread(target=w.run, daemon=True) for w in clients]
    for thread in threads:
        thread.start()
    time.sleep(5)
    took = stack.rolling_restart()
    restarted_at = time.monotonic()
    time.sleep(8)
    for widget in clients:
        widget.stop.set()
    for thread in threads:
        thread.join(60)
    figures: Figures = {
        "replica_out_of_service_s": [round(t, 1) for t in took],
        "widgets": widgets,
        "reconnects": [w.connects - 1 for w in clients],
        "sent": sum(w.sent for w in clients), "answered": sum(w.answered for w in clients),
        "resent": sum(w.resent for w in clients),
    }
    failed = []
    stale = [i for i, w in enumerate(clients) if w.answered_after < restarted_at]
    if stale:
        failed.append(f"widgets {stale} got no answer after the rolling restart")
    connection = stack.postgres.connect()
    try:
        with connection.cursor() as cursor:
            turns = []
            for widget in clients:
                cursor.execute("SELECT count(*) FROM events WHERE sender_id = %s AND "
                               "type_name = 'user'", (sender_of_key(widget.key),))
                turns.append(cursor.fetchone()[0])
    finally:
        connection.close()
    figures["stored_turns_per_conversation"] = turns
    if any(count < 2 for count in turns):
        failed.append("a widget's conversation was not continued in one tracker")
    return figures, failed
