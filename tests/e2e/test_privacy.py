"""End-to-end privacy (issue 16) through the running servers, with the tracker store on
SQLite and on PostgreSQL (a throwaway cluster, ``bot/serve/postgres.py``):

- identifiers typed by a user are redacted before Rasa stores or logs the message, and the
  place logic still sees the place;
- "delete my data" asks first and, once confirmed, leaves no row of the conversation in any
  table (REST and socket.io; the widget gets its ``clonus_forget`` signal); a typed "no"
  keeps it; a red flag in the same message still escalates;
- the retention purge thread of the Rasa process removes old conversations while it runs;
- ``python -m bot privacy export`` writes the conversation as JSON;
- canaries: a phone number and a phrase a user typed appear in no log, and after the
  deletion in no row (and, on SQLite, in no byte of the database files).
"""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any, Iterator

import pytest
import sqlalchemy as sa
import yaml

from bot import paths

from ..conftest import Chat
from .test_socketio import WidgetClient

pytestmark = pytest.mark.e2e

URGENT = "This could be a medical emergency"
DELETED = "this conversation has been deleted"
CONFIRM = "Do you want me to delete this conversation?"
PURGE_INTERVAL = 2


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Running:
    """Servers on one tracker store, with a read-write engine on that store."""

    def __init__(self, servers: Any, url: str, endpoints: Path, env: dict[str, str],
                 log_dir: Path) -> None:
        self.servers = servers
        self.engine = sa.create_engine(url)
        self.endpoints = endpoints
        self.env = env
        self.log_dir = log_dir
        self.backend = self.engine.url.get_backend_name()

    def rows(self, sender: str) -> dict[str, int]:
        """Rows of ``sender`` in every table of the database that has a sender_id."""
        metadata = sa.MetaData()
        metadata.reflect(bind=self.engine)
        with self.engine.connect() as connection:
            return {t.name: connection.execute(sa.select(sa.func.count()).select_from(t)
                                               .where(t.c.sender_id == sender)).scalar()
                    for t in metadata.sorted_tables if "sender_id" in t.c}

    def user_texts(self, sender: str) -> list[str]:
        with self.engine.connect() as connection:
            rows = connection.execute(sa.text(
                "SELECT data FROM events WHERE sender_id = :s AND type_name = 'user' ORDER BY id"),
                {"s": sender}).all()
        return [json.loads(data)["text"] for (data,) in rows]

    def logs(self) -> str:
        return "\n".join(p.read_text(encoding="utf-8", errors="replace")
                         for p in self.log_dir.glob("*.log"))

    def store_bytes(self) -> bytes:
        if self.backend != "sqlite":
            return b""
        db = Path(self.engine.url.database)
        return b"".join(p.read_bytes() for p in db.parent.glob(db.name + "*"))


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def running(request: pytest.FixtureRequest, model_file: Path,
            tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    from bot.serve.servers import ServerConfig, Servers

    workdir = tmp_path_factory.mktemp(f"privacy-{request.param}")
    endpoints_data = yaml.safe_load((paths.ROOT / "endpoints.yml").read_text(encoding="utf-8"))
    env = {"CLONUS_PURGE_INTERVAL": str(PURGE_INTERVAL), "CLONUS_RETENTION_DAYS": "30"}
    if request.param == "postgresql":
        cluster = request.getfixturevalue("postgres_cluster")
        database = cluster.create_database("e2e_" + uuid.uuid4().hex[:8])
        endpoints_data["tracker_store"] = {**cluster.tracker_store(), "db": database}
        env.update(cluster.env())
        url = cluster.url(database)
    else:
        url = f"sqlite:///{workdir / 'tracker.db'}"
    endpoints = workdir / "endpoints.yml"
    endpoints.write_text(yaml.safe_dump(endpoints_data, sort_keys=False), encoding="utf-8")
    config = ServerConfig(model=model_file, rasa_port=_free_port(), actions_port=_free_port(),
                          tracker_db=workdir / "tracker.db", endpoints=endpoints,
                          log_dir=workdir / "logs", extra_env=env)
    servers = Servers(config)
    try:
        servers.start(timeout=300)
        run = Running(servers, url, servers.render_endpoints(), env, config.log_dir)
        yield run
        run.engine.dispose()
    finally:
        servers.stop()


@pytest.fixture
def chat(running: Running) -> Chat:
    return Chat(running.servers.config.rest_url)


def _payloads(messages: list[dict]) -> list[str]:
    return [b["payload"] for m in messages for b in m.get("buttons") or []]


def test_identifiers_are_redacted_before_storage_and_the_place_still_counts(
        running: Running, chat: Chat) -> None:
    text = Chat.texts(chat.say("we're in Pune, call me on +91 98765 43210 or mail "
                               "asha.k@example.in: my dad suddenly can't speak properly"))
    assert URGENT in text and "108" in text  # the place (India) still chose the number
    stored = running.user_texts(chat.sender)
    assert stored == ["we're in Pune, call me on [phone] or mail [email]: my dad suddenly "
                      "can't speak properly"]


def test_delete_my_data_over_rest_leaves_no_row(running: Running, chat: Chat) -> None:
    # fixed canaries (random words would change how the message is understood, and with it
    # the dialogue); each run has its own database and log directory
    canary_phrase = "zebralantern-canary"
    phone = "07700 900461"
    chat.say("what is clonus?")
    chat.say(f"my neighbour {canary_phrase} says his ankle jerks, text me on {phone}")
    assert running.rows(chat.sender)["events"] > 0
    stored = " ".join(running.user_texts(chat.sender))
    assert canary_phrase in stored and phone not in stored and "[phone]" in stored

    asked = chat.say("please delete my data")
    assert CONFIRM in Chat.texts(asked), asked
    assert _payloads(asked) == ["/affirm", "/deny"]
    done = chat.say("/affirm")
    assert DELETED in Chat.texts(done).lower(), done

    assert set(running.rows(chat.sender).values()) == {0}
    assert canary_phrase not in running.logs() and phone not in running.logs()
    assert phone.encode() not in running.store_bytes()
    assert canary_phrase.encode() not in running.store_bytes()
    # the next message starts a new conversation
    chat.say("hello")
    assert running.user_texts(chat.sender) == ["hello"]


def test_typed_yes_deletes_and_typed_no_keeps(running: Running, chat: Chat) -> None:
    chat.say("what causes clonus?")
    assert CONFIRM in Chat.texts(chat.say("forget this conversation"))
    assert "kept the conversation" in Chat.texts(chat.say("no"))
    assert running.rows(chat.sender)["events"] > 0
    assert CONFIRM in Chat.texts(chat.say("can you erase everything I told you"))
    assert DELETED in Chat.texts(chat.say("yes")).lower()
    assert set(running.rows(chat.sender).values()) == {0}


def test_a_yes_without_the_question_deletes_nothing(running: Running, chat: Chat) -> None:
    chat.say("what is clonus?")
    chat.say("/affirm")
    assert running.rows(chat.sender)["events"] > 0


def test_a_red_flag_with_the_request_still_escalates(running: Running, chat: Chat) -> None:
    messages = chat.say("delete my data, my dad suddenly can't speak properly and his leg is jerking")
    assert URGENT in messages[0]["text"]
    assert running.rows(chat.sender)["events"] > 0


def test_delete_over_socketio_and_the_widget_is_told(running: Running) -> None:
    from bot.channels.socketio import FORGET_EVENT, sender_id_for

    key = secrets.token_urlsafe(32)
    origin = "http://localhost:8080"
    widget = WidgetClient(running.servers.config.socket_url, origin=origin, key=key)
    forgotten: list[Any] = []
    widget.client.on(FORGET_EVENT, lambda data=None: forgotten.append(data))
    try:
        session = widget.request_session()
        widget.send("what is clonus?", session)
        widget.collect()
        sender = sender_id_for(key)
        assert running.rows(sender)["events"] > 0
        widget.send("Delete my conversation", session)
        asked = widget.collect()
        assert any(CONFIRM in (m.get("text") or "") for m in asked), asked
        assert [r["payload"] for m in asked for r in m.get("quick_replies") or []] == ["/affirm", "/deny"]
        widget.send("/affirm", session)
        done = widget.collect()
        assert any(DELETED in (m.get("text") or "").lower() for m in done), done
        assert forgotten == [{}]
        assert set(running.rows(sender).values()) == {0}
    finally:
        widget.close()


def test_retention_purge_runs_while_the_servers_run(running: Running, chat: Chat) -> None:
    chat.say("what is clonus?")
    old_sender = f"old-{uuid.uuid4().hex[:8]}"
    long_ago = time.time() - 40 * 86400
    with running.engine.begin() as connection:
        for n, kind in enumerate(["action", "user", "bot"]):
            connection.execute(sa.text(
                "INSERT INTO events (sender_id, type_name, timestamp, data) VALUES (:s, :t, :ts, :d)"),
                {"s": old_sender, "t": kind, "ts": long_ago + n,
                 "d": json.dumps({"event": kind, "timestamp": long_ago + n, "text": "old canary"})})
    assert running.rows(old_sender)["events"] == 3
    deadline = time.monotonic() + 10 * PURGE_INTERVAL + 10
    while running.rows(old_sender)["events"] and time.monotonic() < deadline:
        time.sleep(0.5)
    assert running.rows(old_sender)["events"] == 0
    assert running.rows(chat.sender)["events"] > 0  # a recent conversation stays
    assert "retention purge deleted 3 rows" in running.logs()


def test_export_writes_the_conversation(running: Running, chat: Chat, tmp_path: Path) -> None:
    chat.say("what is clonus?")
    out = tmp_path / "export.json"
    result = subprocess.run(
        [sys.executable, "-m", "bot", "privacy", "export", chat.sender,
         "--endpoints", str(running.endpoints), "--out", str(out)],
        cwd=paths.ROOT, env={**os.environ, **running.env}, capture_output=True, text=True,
        timeout=120)
    assert result.returncode == 0, result.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["sender_id"] == chat.sender
    assert "what is clonus?" in [e.get("text") for e in data["events"] if e["event"] == "user"]
