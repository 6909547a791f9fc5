"""The tuned SQLite tracker store keeps every conversation exactly as Rasa's own store does
(the same rows, the same trackers read back), in a WAL-mode file, through one kept connection;
other databases are left alone."""

from __future__ import annotations

import asyncio
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from rasa.core.tracker_store import SQLTrackerStore, create_tracker_store
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    BotUttered,
    SessionStarted,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from bot import rasa_patches
from bot.serve import sqlite_tracker

DOMAIN = Domain.from_dict({"intents": ["greet"], "slots": {
    "country": {"type": "text", "mappings": [{"type": "custom"}]}}})


def plain_store(db: Path) -> SQLTrackerStore:
    """Rasa's store exactly as Rasa builds it (the patch, if applied, bypassed)."""
    store = SQLTrackerStore.__new__(SQLTrackerStore)
    init = getattr(SQLTrackerStore.__init__, "__wrapped__", SQLTrackerStore.__init__)
    init(store, domain=DOMAIN, db=str(db))
    return store


def conversation(sender: str, turns: int) -> DialogueStateTracker:
    tracker = DialogueStateTracker(sender, DOMAIN.slots)
    for turn in range(turns):
        tracker.update(UserUttered(f"hello {turn}", {"name": "greet", "confidence": 0.9}))
        tracker.update(ActionExecuted("utter_greet"))
        tracker.update(BotUttered(f"Hi! ({turn})", {"buttons": []}))
        tracker.update(SlotSet("country", "IN"))
        tracker.update(ActionExecuted("action_listen"))
    return tracker


def save_turn_by_turn(store: Any, sender: str, turns: int) -> None:
    """Save after every turn, the way the server does (retrieve, add events, save)."""
    for turn in range(turns):
        tracker = asyncio.run(store.retrieve(sender)) or DialogueStateTracker(sender, DOMAIN.slots)
        for event in list(conversation(sender, turn + 1).events)[turn * 5:]:
            tracker.update(event)
        asyncio.run(store.save(tracker))


def stored_events(db: Path, sender: str) -> list[dict]:
    store = plain_store(db)
    tracker = asyncio.run(store.retrieve(sender))
    assert tracker is not None
    return [event.as_dict() for event in tracker.events]


def without_times(events: list[dict]) -> list[dict]:
    return [{k: v for k, v in event.items() if k != "timestamp"} for event in events]


def test_tuned_store_keeps_the_same_events_as_rasas_store(tmp_path: Path) -> None:
    tuned = plain_store(tmp_path / "tuned.db")
    assert sqlite_tracker.tune_sqlite_store(tuned)
    save_turn_by_turn(tuned, "alice", 3)
    save_turn_by_turn(plain_store(tmp_path / "plain.db"), "alice", 3)
    events = stored_events(tmp_path / "tuned.db", "alice")  # read back by a fresh, plain store
    assert len(events) == 15
    assert without_times(events) == without_times(stored_events(tmp_path / "plain.db", "alice"))
    # and a plain sqlite3 reader (the tests, make review) sees every committed row
    with sqlite3.connect(tmp_path / "tuned.db") as db:
        assert db.execute("SELECT COUNT(*) FROM events WHERE sender_id = 'alice'").fetchone() == (15,)


def test_tuned_store_is_in_wal_mode_with_full_sync_and_one_connection(tmp_path: Path) -> None:
    store = plain_store(tmp_path / "t.db")
    sqlite_tracker.tune_sqlite_store(store)
    connects = []
    import sqlalchemy as sa

    sa.event.listen(store.engine, "connect", lambda *_: connects.append(1))
    save_turn_by_turn(store, "bob", 4)  # 4 retrieves + 4 saves
    assert len(connects) == 1
    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
    with sqlite3.connect(tmp_path / "t.db") as db:
        assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)


def test_read_only_reader_sees_the_wal_database(tmp_path: Path) -> None:
    """``make review`` opens the file read-only (mode=ro) while the server may run."""
    store = plain_store(tmp_path / "t.db")
    sqlite_tracker.tune_sqlite_store(store)
    save_turn_by_turn(store, "carol", 2)
    uri = f"file:{tmp_path / 't.db'}?mode=ro"
    with sqlite3.connect(uri, uri=True) as db:
        assert db.execute("SELECT COUNT(*) FROM events").fetchone() == (10,)
    store.engine.dispose()  # the server stopped: the last connection folds the WAL in
    with sqlite3.connect(uri, uri=True) as db:
        assert db.execute("SELECT COUNT(*) FROM events").fetchone() == (10,)


@pytest.mark.parametrize("url,expected", [
    ("sqlite:///tracker.db", True),
    ("sqlite:////abs/path/tracker.db", True),
    ("sqlite://", False),
    ("sqlite:///:memory:", False),
    ("postgresql://user:pw@localhost/rasa", False),
])
def test_only_sqlite_files_are_tuned(url: str, expected: bool) -> None:
    from sqlalchemy.engine import make_url

    assert sqlite_tracker.is_sqlite_file(make_url(url)) is expected


def test_in_memory_store_is_left_alone() -> None:
    store = SQLTrackerStore.__new__(SQLTrackerStore)
    getattr(SQLTrackerStore.__init__, "__wrapped__", SQLTrackerStore.__init__)(
        store, domain=DOMAIN, db=":memory:")
    engine = store.engine
    assert not sqlite_tracker.tune_sqlite_store(store)
    assert store.engine is engine


def test_a_database_that_cannot_switch_keeps_working() -> None:
    class Cursor:
        def execute(self, _sql: str) -> "Cursor":
            raise sqlite3.OperationalError("database is locked")

        def close(self) -> None:
            pass

    class Connection:
        def cursor(self) -> Cursor:
            return Cursor()

    sqlite_tracker.enable_wal(Connection())  # logs, does not raise


def test_the_patch_tunes_stores_rasa_creates_from_endpoints(tmp_path: Path) -> None:
    rasa_patches.apply()
    config = EndpointConfig(type="SQL", dialect="sqlite", db=str(tmp_path / "e.db"))
    store = create_tracker_store(config, DOMAIN)
    inner = getattr(store, "_tracker_store", store)
    assert isinstance(inner, SQLTrackerStore)
    assert inner.engine.pool.__class__.__name__ == "QueuePool"
    save_turn_by_turn(store, "dave", 2)
    with sqlite3.connect(tmp_path / "e.db") as db:
        assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    assert len(stored_events(tmp_path / "e.db", "dave")) == 10


def rows(db: Path) -> list[tuple]:
    """Every column of every stored event but its id, its time and the time inside data."""
    with sqlite3.connect(db) as connection:
        found = connection.execute(
            "SELECT sender_id, type_name, intent_name, action_name, data FROM events ORDER BY id"
        ).fetchall()
    result = []
    for sender, kind, intent, action, data in found:
        decoded = json.loads(data)
        decoded.pop("timestamp", None)
        result.append((sender, kind, intent, action, decoded))
    return result


def two_sessions(store: Any, sender: str) -> None:
    """A conversation, then a new session of the same conversation, saved turn by turn."""
    def session_start(tracker: DialogueStateTracker) -> None:
        tracker.update(ActionExecuted("action_session_start"))
        tracker.update(SessionStarted())
        tracker.update(ActionExecuted("action_listen"))

    for session in range(2):
        for turn in range(2):
            tracker = asyncio.run(store.retrieve(sender)) or DialogueStateTracker(sender, DOMAIN.slots)
            if turn == 0:
                session_start(tracker)
            tracker.update(UserUttered(f"hello {session}.{turn}",
                                       {"name": "greet", "confidence": 0.9},
                                       parse_data={"intent": {"name": "greet", "confidence": 0.9},
                                                   "text": f"hello {session}.{turn}"}))
            tracker.update(ActionExecuted("utter_greet"))
            tracker.update(BotUttered("Hi!"))
            tracker.update(ActionExecuted("action_listen"))
            asyncio.run(store.save(tracker))


def test_sessions_rows_and_reads_match_rasas_store(tmp_path: Path) -> None:
    tuned = plain_store(tmp_path / "tuned.db")
    sqlite_tracker.tune_sqlite_store(tuned)
    plain = plain_store(tmp_path / "plain.db")
    for store in (tuned, plain):
        two_sessions(store, "erin")
    assert rows(tmp_path / "tuned.db") == rows(tmp_path / "plain.db")
    assert len(rows(tmp_path / "tuned.db")) == 2 * (3 + 2 * 4)  # nothing stored twice
    for name in ("retrieve", "retrieve_full_tracker"):
        mine = asyncio.run(getattr(tuned, name)("erin"))
        theirs = asyncio.run(getattr(plain, name)("erin"))
        assert without_times([e.as_dict() for e in mine.events]) == without_times(
            [e.as_dict() for e in theirs.events])
    # the latest session: from its session_started on (action_session_start comes just before)
    assert len(asyncio.run(tuned.retrieve("erin")).events) == 10
    assert len(asyncio.run(tuned.retrieve_full_tracker("erin")).events) == 22
    assert asyncio.run(tuned.retrieve("nobody")) is None


def test_with_the_store_thread_concurrent_turns_store_the_same_events(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``bot.serve.offload`` applied: the database work runs in the ``clonus-store`` thread,
    and conversations saved turn by turn, all at once, store what Rasa's store stores."""
    import threading

    from bot.serve import offload

    monkeypatch.setattr(offload, "_applied", True)
    store = plain_store(tmp_path / "threaded.db")
    sqlite_tracker.tune_sqlite_store(store)
    threads = set()
    select, write = sqlite_tracker._select, sqlite_tracker._write

    def watched(fn: Any) -> Any:
        def call(*args: Any) -> Any:
            threads.add(threading.current_thread().name)
            return fn(*args)
        return call

    monkeypatch.setattr(sqlite_tracker, "_select", watched(select))
    monkeypatch.setattr(sqlite_tracker, "_write", watched(write))

    async def talk(sender: str, turns: int) -> None:
        for turn in range(turns):
            tracker = await store.retrieve(sender) or DialogueStateTracker(sender, DOMAIN.slots)
            for event in list(conversation(sender, turn + 1).events)[turn * 5:]:
                tracker.update(event)
            await store.save(tracker)

    async def everyone() -> None:
        await asyncio.gather(*(talk(f"user-{n}", 4) for n in range(6)))

    asyncio.run(everyone())
    assert threads == {f"clonus-{offload.STORE}_0"}
    save_turn_by_turn(plain_store(tmp_path / "plain.db"), "user-0", 4)
    expected = without_times(stored_events(tmp_path / "plain.db", "user-0"))
    for n in range(6):
        got = without_times(stored_events(tmp_path / "threaded.db", f"user-{n}"))
        assert len(got) == 20 and got == expected
