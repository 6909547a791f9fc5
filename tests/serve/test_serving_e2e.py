"""End-to-end: a Rasa server with the Redis lock store, the readiness endpoint and a
supervised action server (``make run``'s supervisor), started like ``make run`` does.

Redis is stopped (the turn is not processed; REST and socket.io answer "temporarily
unavailable ... emergency number"; the server is not ready) and restarted; the action
server is killed with SIGKILL (the emergency escalation still arrives; it is restarted
and answers that need an action work again)."""

from __future__ import annotations

import html
import os
import signal
import time
import uuid
from pathlib import Path
from typing import Any, Iterator

import pytest
import redis
import requests

from bot import paths
from bot.channels.health import LIVE_PATH, READY_PATH
from bot.constants import REPLY_UNAVAILABLE

from ..conftest import Chat, _free_port
from ..e2e.test_socketio import WidgetClient
from .redis_server import MISSING, RedisServer, available

pytestmark = pytest.mark.e2e

URGENT = "This could be a medical emergency"
EMERGENCY_MESSAGE = "my dad suddenly can't speak properly and his leg is jerking"


@pytest.fixture(scope="module")
def stack(model_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    if not available():
        pytest.skip(MISSING)
    from bot.serve.servers import ServerConfig, Servers

    workdir = tmp_path_factory.mktemp("serving")
    server = RedisServer(workdir)
    server.start()
    config = ServerConfig(
        model=model_file, rasa_port=_free_port(), actions_port=_free_port(),
        tracker_db=workdir / "tracker.db", log_dir=paths.REPORTS / "serving-e2e-logs",
        lock_store={"type": "bot.serve.lock_store.AtomicRedisLockStore", "url": server.url,
                    "socket_timeout": 1},
    )
    running = Servers(config)
    supervisor = running.supervisor()
    supervisor.watched[0].backoff.initial = 0.5
    try:
        running.start(timeout=240)
        supervisor.start()
        running.redis = server  # type: ignore[attr-defined]
        running.supervising = supervisor  # type: ignore[attr-defined]
        yield running
    finally:
        supervisor.stop()
        running.stop()
        server.stop()


def base(stack: Any) -> str:
    return f"http://127.0.0.1:{stack.config.rasa_port}"


def ready(stack: Any) -> requests.Response:
    return requests.get(base(stack) + READY_PATH, timeout=10)


def test_ready_and_live(stack: Any) -> None:
    reply = ready(stack)
    assert reply.status_code == 200, reply.text
    assert reply.json()["checks"] == {"model": True, "tracker_store": True, "lock_store": True}
    assert requests.get(base(stack) + LIVE_PATH, timeout=10).status_code == 200


def test_turns_take_and_release_the_redis_lock(stack: Any) -> None:
    chat = Chat(stack.config.rest_url)
    assert "clonus" in chat.texts(chat.say("what is clonus?")).lower()
    red = redis.Redis.from_url(stack.redis.url)
    assert red.keys("clonus:lock:*") == []  # released after the turn


def test_redis_down_fails_closed_politely(stack: Any) -> None:
    chat = Chat(stack.config.rest_url)
    chat.say("hello")
    stack.redis.stop()
    try:
        reply = chat.post({"sender": chat.sender, "message": EMERGENCY_MESSAGE})
        assert reply.status_code == 503
        assert reply.json() == [{"recipient_id": chat.sender, "text": REPLY_UNAVAILABLE}]
        widget = WidgetClient(base(stack), key=uuid.uuid4().hex)
        try:
            widget.send("what is clonus?", widget.request_session())
            texts = [html.unescape(m.get("text") or "") for m in widget.collect(wait=15)]
        finally:
            widget.close()
        assert REPLY_UNAVAILABLE in texts
        not_ready = ready(stack)
        assert not_ready.status_code == 503 and not_ready.json()["checks"]["lock_store"] is False
    finally:
        stack.redis.start()
    assert ready(stack).status_code == 200
    messages = chat.say(EMERGENCY_MESSAGE)
    assert URGENT in messages[0]["text"]


def wait_until(condition: Any, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if condition():
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise AssertionError(f"{what} within {timeout:.0f} s")


def test_killed_action_server_is_restarted(stack: Any) -> None:
    actions_health = f"http://127.0.0.1:{stack.config.actions_port}/health"
    chat = Chat(stack.config.rest_url)
    first = stack.actions
    os.kill(first.pid, signal.SIGKILL)
    first.wait(timeout=10)
    # while it is down: the escalation is a rule's response and still arrives first
    messages = chat.say(EMERGENCY_MESSAGE)
    assert URGENT in messages[0]["text"], messages
    wait_until(lambda: stack.actions is not first and requests.get(
        actions_health, timeout=2).status_code == 200, 300, "the action server was not restarted")
    assert stack.supervising.watched[0].restarts >= 1
    # an answer that needs a custom action (the practitioner directory) works again
    text = Chat(stack.config.rest_url).texts(
        Chat(stack.config.rest_url).say("is there an MS specialist in Pune?"))
    assert "MS clinic" in text and "Pune" in text
