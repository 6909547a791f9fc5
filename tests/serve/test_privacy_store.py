"""Delete, purge and export on the SQL tracker store, with SQLite and PostgreSQL, through
Rasa's own ``SQLTrackerStore`` with the project's hooks (``bot.privacy``): the rows of a
deleted or expired conversation are gone from every table that holds it, and a deleted
message is not left in the SQLite file or its write-ahead log."""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from pathlib import Path
from typing import Any, Iterator

import pytest
import sqlalchemy as sa

from bot.privacy import server as privacy_server
from bot.privacy import store as privacy_store

CANARY = "canary-zebra-lantern-" + uuid.uuid4().hex[:8]
DAY = 86400.0


@pytest.fixture(params=["sqlite", "postgresql"])
def rasa_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Any]:
    """A ``SQLTrackerStore`` with the project's patches, on a fresh database, plus an
    extra conversation table (as a later feature might add)."""
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.domain import Domain

    from bot import rasa_patches

    rasa_patches.apply()
    if request.param == "sqlite":
        store = SQLTrackerStore(domain=Domain.empty(), dialect="sqlite", db=str(tmp_path / "t.db"))
    else:
        cluster = request.getfixturevalue("postgres_cluster")
        name = cluster.create_database("privacy_" + uuid.uuid4().hex[:8])
        s = cluster.settings
        store = SQLTrackerStore(domain=Domain.empty(), dialect="postgresql", host=s.host,
                                port=s.port, db=name, username=s.user, password=s.password)
    with store.engine.begin() as connection:
        connection.exec_driver_sql(
            "CREATE TABLE feedback (id INTEGER PRIMARY KEY, sender_id VARCHAR(255), "
            "answer VARCHAR(255), comment TEXT)")
    try:
        yield store
    finally:
        store.engine.dispose()


def _tracker(sender: str, text: str, at: float, deleted: bool = False) -> Any:
    from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    events = [ActionExecuted("action_listen", timestamp=at),
              UserUttered(text, {"name": "greet", "confidence": 1.0}, timestamp=at + 1),
              BotUttered("hello", timestamp=at + 2)]
    if deleted:
        events += [UserUttered("/delete_confirm", {"name": "delete_confirm", "confidence": 1.0},
                               timestamp=at + 3),
                   ActionExecuted(privacy_server.UTTER_CONVERSATION_DELETED, timestamp=at + 4)]
    return DialogueStateTracker.from_events(sender, events)


def _rows(store: Any, sender: str) -> dict[str, int]:
    """Rows of ``sender`` in every table of the database (reflected, not assumed)."""
    metadata = sa.MetaData()
    metadata.reflect(bind=store.engine)
    counts = {}
    with store.engine.connect() as connection:
        for table in metadata.sorted_tables:
            if "sender_id" in table.c:
                counts[table.name] = connection.execute(
                    sa.select(sa.func.count()).select_from(table)
                    .where(table.c.sender_id == sender)).scalar()
    return counts


def _feedback(store: Any, sender: str) -> None:
    with store.engine.begin() as connection:
        connection.execute(sa.text("INSERT INTO feedback (id, sender_id, answer, comment) "
                                   "VALUES (:id, :s, 'faq/what_is_clonus', :c)"),
                           {"id": abs(hash(sender)) % 10**8, "s": sender, "c": CANARY})


def _sqlite_bytes(store: Any) -> bytes:
    path = Path(store.engine.url.database)
    return b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))


def test_confirmed_deletion_removes_every_row(rasa_store: Any) -> None:
    now = time.time()
    asyncio.run(rasa_store.save(_tracker("keep-me", "what is clonus", now)))
    asyncio.run(rasa_store.save(_tracker("forget-me", f"my secret is {CANARY}", now)))
    _feedback(rasa_store, "forget-me")
    assert _rows(rasa_store, "forget-me") == {"events": 3, "feedback": 1}

    asyncio.run(rasa_store.save(_tracker("forget-me", f"my secret is {CANARY}", now, deleted=True)))

    assert _rows(rasa_store, "forget-me") == {"events": 0, "feedback": 0}
    assert _rows(rasa_store, "keep-me")["events"] == 3
    assert asyncio.run(rasa_store.retrieve("forget-me")) is None
    if rasa_store.engine.url.get_backend_name() == "sqlite":
        assert CANARY.encode() not in _sqlite_bytes(rasa_store)


def test_purge_removes_old_rows_and_keeps_recent_ones(rasa_store: Any) -> None:
    now = time.time()
    asyncio.run(rasa_store.save(_tracker("old", f"old message {CANARY}", now - 40 * DAY)))
    _feedback(rasa_store, "old")
    asyncio.run(rasa_store.save(_tracker("recent", "recent message", now - 2 * DAY)))
    # a conversation still in use: its first turn is old, its last recent
    from rasa.shared.core.events import UserUttered

    tracker = _tracker("long", "first turn", now - 35 * DAY)
    tracker.update(UserUttered("latest turn", {"name": "greet", "confidence": 1.0}, timestamp=now))
    asyncio.run(rasa_store.save(tracker))

    removed = privacy_store.purge(rasa_store.engine, 30)

    assert removed.rows == {"events": 6, "feedback": 1}
    assert _rows(rasa_store, "old") == {"events": 0, "feedback": 0}
    assert _rows(rasa_store, "recent")["events"] == 3
    assert _rows(rasa_store, "long")["events"] == 1
    if rasa_store.engine.url.get_backend_name() == "sqlite":
        assert CANARY.encode() not in _sqlite_bytes(rasa_store)
    assert privacy_store.purge(rasa_store.engine, 30).total == 0


def test_export_is_the_whole_conversation(rasa_store: Any) -> None:
    now = time.time()
    asyncio.run(rasa_store.save(_tracker("me", "what is clonus", now)))
    asyncio.run(rasa_store.save(_tracker("someone-else", "hello", now)))
    data = privacy_store.export(rasa_store.engine, "me")
    assert [e["event"] for e in data["events"]] == ["action", "user", "bot"]
    assert data["events"][1]["text"] == "what is clonus"
    assert data["tables"] == {"feedback": []}
    json.dumps(data)


def test_cli_purge_export_delete_on_a_sqlite_file(tmp_path: Path, capsys: Any) -> None:
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.domain import Domain

    from bot.cli import main

    db = tmp_path / "tracker.db"
    store = SQLTrackerStore(domain=Domain.empty(), dialect="sqlite", db=str(db))
    now = time.time()
    asyncio.run(store.save(_tracker("old", "old", now - 31 * DAY)))
    asyncio.run(store.save(_tracker("me", "what is clonus", now)))
    store.engine.dispose()

    assert main(["privacy", "purge", "--db", str(db)]) == 0
    assert "Deleted 3 row(s) older than 30 days" in capsys.readouterr().out
    out = tmp_path / "me.json"
    assert main(["privacy", "export", "me", "--db", str(db), "--out", str(out)]) == 0
    assert json.loads(out.read_text())["events"][1]["text"] == "what is clonus"
    assert main(["privacy", "export", "old", "--db", str(db)]) == 1
    assert main(["privacy", "delete", "me", "--db", str(db)]) == 0
    assert main(["privacy", "export", "me", "--db", str(db)]) == 1


def test_retention_days_setting() -> None:
    assert privacy_store.retention_days({}) == 30
    assert privacy_store.retention_days({"CLONUS_RETENTION_DAYS": "7"}) == 7
    with pytest.raises(ValueError):
        privacy_store.retention_days({"CLONUS_RETENTION_DAYS": "0"})
