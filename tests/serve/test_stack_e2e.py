"""The production shape in `make test` (issue 15, reduced): PostgreSQL, Redis, two Rasa
replicas and the action server, supervised, behind HAProxy on free loopback ports
(``bot.serve.stack``, as ``make stack`` starts it).

- REST through the load balancer is spread over both replicas; socket.io works through it
  websocket-only and polling-then-websocket (sticky cookie);
- one conversation hammered from both replicas (through the LB and directly): PostgreSQL
  holds every message once, each turn's events together, nothing duplicated;
- faults under load (``bot.serve.faults``): kill -9 a replica; stop PostgreSQL.
Skipped when PostgreSQL, redis-server or haproxy is missing (.ci/run installs them).
"""

from __future__ import annotations

import json
import queue
import tempfile
import uuid
from pathlib import Path
from typing import Any, Iterator

import pytest
import requests

from bot import paths
from bot.serve import haproxy, postgres, redis_process

from ..conftest import _free_port

pytestmark = [pytest.mark.e2e, pytest.mark.stack]


@pytest.fixture(scope="module")
def stack(model_file: Path) -> Iterator[Any]:
    missing = [name for name, ok in (("postgresql", postgres.available()),
                                     ("redis-server", redis_process.available()),
                                     ("haproxy", haproxy.available())) if not ok]
    if missing:
        pytest.skip(f"missing {', '.join(missing)} (scripts/system_deps.sh installs them)")
    from bot.serve.stack import Stack, StackConfig

    workdir = Path(tempfile.mkdtemp(prefix="clonus-stack-"))
    workdir.chmod(0o755)  # the cluster runs as `postgres` when we are root
    config = StackConfig(
        model=model_file, replicas=2, lb_port=_free_port(),
        replica_ports=[_free_port(), _free_port()], actions_port=_free_port(),
        redis_port=_free_port(), sorry_port=_free_port(), web_port=_free_port(),
        workdir=workdir,
        pg_directory=workdir / "postgres", backoff_initial=0.5,
        pg_settings=postgres.PgSettings(user="clonus_stack", password=uuid.uuid4().hex,
                                        port=_free_port(), database="clonus_stack"),
    )
    running = Stack(config, report=lambda line: print(line, flush=True))
    try:
        running.start(timeout=400)
        yield running
    finally:
        running.stop()
        logs = paths.REPORTS / "stack-e2e-logs"
        import shutil

        shutil.rmtree(logs, ignore_errors=True)
        shutil.copytree(running.log_dir, logs, dirs_exist_ok=True)
        shutil.rmtree(workdir, ignore_errors=True)


def _sessions(stack: Any) -> dict[str, int]:
    """Requests each replica has served (HAProxy's rest backend counters)."""
    counts = {}
    for line in haproxy.admin(stack.config.workdir / "haproxy", "show stat").splitlines():
        parts = line.split(",")
        if (len(parts) > 7 and parts[0] == "rest" and parts[1].startswith("r")
                and not parts[1].endswith(haproxy.ANY)):
            counts[parts[1]] = int(parts[7])
    return counts


def test_ready_and_rest_is_balanced(stack: Any) -> None:
    for port in stack.config.replica_ports:
        ready = requests.get(f"http://127.0.0.1:{port}/webhooks/health/ready", timeout=10)
        assert ready.json()["checks"] == {"model": True, "tracker_store": True,
                                          "lock_store": True}
    before = _sessions(stack)
    for i in range(12):
        reply = requests.post(stack.config.rest_url, json={"sender": f"bal-{i}",
                                                           "message": "what is clonus?"},
                              timeout=60)
        assert reply.status_code == 200 and "clonus" in reply.text.lower()
    after = _sessions(stack)
    served = {name: after[name] - before.get(name, 0) for name in after}
    assert all(count >= 3 for count in served.values()), served


def _widget(url: str, transports: list[str], origin: str) -> Any:
    import socketio

    # the browser sends its page's origin (the channel checks it on the websocket too)
    client = socketio.Client(reconnection=False, websocket_extra_options={"origin": origin},
                             http_session=_origin_session(origin))
    replies: "queue.Queue[dict]" = queue.Queue()
    sessions: "queue.Queue[str]" = queue.Queue()
    client.on("bot_uttered", replies.put)
    client.on("session_confirm", sessions.put)
    client.connect(f"{url}/?clonus_key={uuid.uuid4().hex}", transports=transports,
                   wait_timeout=20)
    client.emit("session_request", {"session_id": None})
    session = sessions.get(timeout=20)
    return client, replies, session


def _origin_session(origin: str) -> requests.Session:
    session = requests.Session()
    session.headers["Origin"] = origin
    return session


@pytest.mark.parametrize("transports", [["websocket"], ["polling", "websocket"]],
                         ids=["websocket-only", "polling-then-websocket"])
def test_socketio_through_the_load_balancer(stack: Any, transports: list[str]) -> None:
    """Several widgets at once, each a few turns; with polling first, HAProxy's cookie
    keeps the polling requests and the upgrade on one replica."""
    clients = [_widget(stack.config.lb_url, transports, stack.config.page_origin)
               for _ in range(4)]
    try:
        for client, replies, session in clients:
            if transports[0] == "polling":
                assert haproxy.COOKIE in client.eio.http.cookies.keys()
            for question in ("what is clonus?", "what causes clonus"):
                client.emit("user_uttered", {"message": question, "session_id": session,
                                             "customData": {"language": "en"}})
                reply = replies.get(timeout=30)
                assert "clonus" in json.dumps(reply).lower(), reply
            assert client.transport() == "websocket"
    finally:
        for client, _, _ in clients:
            client.disconnect()


def test_widget_in_chromium_through_the_load_balancer(stack: Any) -> None:
    """The demo page's widget (socket.io-client 4, polling then websocket, no cookies on
    its cross-origin requests) chats through HAProxy: the browser key keeps it on one
    replica."""
    from ..browser.conftest import CHROMIUM, LAUNCH_ARGS, skip_reason

    reason = skip_reason()
    if reason:
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        try:
            page = browser.new_page()
            page.goto(f"http://localhost:{stack.config.web_port}/")
            page.wait_for_selector(".rw-widget-container", state="attached")
            page.click(".rw-launcher")
            page.wait_for_selector(".rw-new-message", timeout=30000)
            for question in ("what is clonus?", "what causes clonus"):
                count = page.eval_on_selector_all(".rw-response", "els => els.length")
                page.fill(".rw-new-message", question)
                page.press(".rw-new-message", "Enter")
                page.wait_for_function(
                    "n => document.querySelectorAll('.rw-response').length > n", arg=count,
                    timeout=60000)
            texts = page.eval_on_selector_all(".rw-response", "els => els.map(e => e.innerText)")
        finally:
            browser.close()
    assert "clonus" in "\n".join(texts).lower()


def test_one_conversation_hammered_from_both_replicas(stack: Any) -> None:
    """40 messages for ONE conversation at once: a third through the LB, a third to each
    replica directly. The lock store serialises the turns: PostgreSQL holds each message
    once, every turn's events together (user, its actions and replies, then the next
    user), no event twice."""
    import asyncio

    from bot.serve.loadcheck import run_load_async

    sender = f"hammer-{uuid.uuid4().hex[:8]}"
    urls = [stack.config.rest_url] + [f"http://127.0.0.1:{p}/webhooks/rest/webhook"
                                      for p in stack.config.replica_ports]

    async def hammer() -> list[Any]:
        import aiohttp

        from bot.serve.loadcheck import _say

        async with aiohttp.ClientSession() as session:
            return await asyncio.gather(*(
                _say(session, urls[i % 3], sender, f"what is clonus? [{i}]", 120)
                for i in range(40)))

    sent = asyncio.run(hammer())
    assert run_load_async  # the same client code as the load generator
    assert all(s.acknowledged for s in sent), [(s.status, s.error) for s in sent
                                               if not s.acknowledged][:3]
    connection = stack.postgres.connect()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT type_name, timestamp, data FROM events WHERE sender_id = %s "
                           "ORDER BY id", (sender,))
            events = cursor.fetchall()
    finally:
        connection.close()
    users = [json.loads(data)["text"] for kind, _, data in events if kind == "user"]
    assert sorted(users) == sorted(s.text for s in sent)  # each once, none lost
    assert len({(k, t, d) for k, t, d in events}) == len(events)  # no event twice
    times = [t for _, t, _ in events]
    assert times == sorted(times)
    # turns never interleave: after each user message comes its own reply before the next
    kinds = [kind for kind, _, _ in events if kind in ("user", "bot")]
    for i, kind in enumerate(kinds):
        if kind == "user":
            assert i + 1 < len(kinds) and kinds[i + 1] == "bot", kinds[i:i + 3]


def test_locust_load_is_stored_once_in_order(stack: Any) -> None:
    """``make loadtest`` reduced: Locust users over REST and socket.io through the load
    balancer (no think time, a few hundred messages), then every message sent and every
    reply received is in PostgreSQL once, in order, in its own conversation; no error; the
    red flags escalated (``bot.maintain.loadtest``)."""
    import csv
    import time

    from bot.maintain.loadtest.run import LOCUST_VENV, SETTLE_SECONDS, check_database, run_locust
    from bot.maintain.loadtest.target import Target

    if not (LOCUST_VENV / "bin" / "locust").exists():
        pytest.skip("Locust is not installed: make loadtest-install")
    target = Target(urls=[stack.config.lb_url], db_url=stack.postgres.url())
    out = paths.REPORTS / "loadtest" / "make-test"
    users = 6  # the 2-replica capacity step of DEPLOYING.md: busy, not overloaded
    figures, journal = run_locust(target, users, 3, 60, "0", out)
    print("loadtest", figures.line())
    assert figures.users_held == users
    assert figures.messages >= 150, figures.line()
    assert figures.errors == 0, (out / "locust_failures.csv").read_text()
    with open(out / "locust_stats.csv", encoding="utf-8") as handle:
        counts = {(row["Type"], row["Name"]): int(row["Request Count"])
                  for row in csv.DictReader(handle)}
    assert counts.get(("rest", "message")) and counts.get(("socketio", "message")), counts
    assert sum(n for (_, name), n in counts.items() if name == "red flag") >= 1, counts
    time.sleep(SETTLE_SECONDS)
    report = check_database(journal, target.db_url)
    print(report.summary())
    assert report.conversations >= 20
    assert report.problems == [], [str(problem) for problem in report.problems[:20]]


def test_kill_a_replica_under_load(stack: Any) -> None:
    from bot.serve.faults import kill_replica

    figures, failed = kill_replica(stack, users=12, messages=12)
    print("kill_replica", json.dumps(figures))
    assert not failed, (failed, figures)


def test_postgres_outage_under_load(stack: Any) -> None:
    from bot.serve.faults import postgres_outage

    figures, failed = postgres_outage(stack, seconds=12, users=6)
    print("postgres_outage", json.dumps(figures))
    assert not failed, (failed, figures)
