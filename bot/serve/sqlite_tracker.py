"""Faster SQLite tracker store for Rasa 3.6: write-ahead log, a kept connection, Core queries.

Profiling our Rasa server (``py-spy record`` under one sender; MAINTAINING.md, "Speed")
showed the SQLite tracker store taking about 44 % of its busy time per message, most of it in
the commit of ``SQLTrackerStore.save``: SQLite's default rollback journal creates, syncs
and deletes a journal file at every commit (several fsyncs), and SQLAlchemy 1.4 opens and
closes a new SQLite connection for every retrieve and save of a file database (``NullPool``).

``tune_sqlite_store`` changes how the store talks to the file, not what it stores:

- ``PRAGMA journal_mode=WAL``: a commit appends to ``<db>-wal`` and syncs that file once.
  ``synchronous`` stays at SQLite's default (FULL), so a committed turn survives a crash or a
  power cut as before; readers (``make review``, the tests) do not block the server. The
  database is then in WAL mode for good: back it up with ``sqlite3 tracker.db .backup``
  (or copy ``tracker.db``, ``tracker.db-wal`` and ``tracker.db-shm`` together).
- a ``QueuePool`` of connections (SQLAlchemy 2.0's own default for SQLite files), so the
  server keeps its connection open instead of opening one per query.
- the store's reads and writes as SQLAlchemy Core statements built once (``_retrieve``,
  ``save``): the same SQL as Rasa's ORM queries (the events since the latest
  ``session_started``, ordered by id; their count; one insert per new event, in order) and
  the same rows, without building an ORM object per event (3-6 ms less CPU per message here);
- each tracker it returns or saves carries the stored text of each of its events
  (``bot.serve.stored_rows``), which ``bot.serve.prior_states`` uses to continue the
  policies' kept replay of the conversation from the previous turn;
- with ``bot.serve.offload`` applied (every ``rasa run`` of the project), the database work
  (query, count, inserts, commit) runs in that module's single ``store`` thread, so the
  commit's fsync no longer stops the event loop; the save is still awaited before the turn
  ends.

Events, queries and tables are Rasa's own; only a SQLite file store is touched (PostgreSQL and
other dialects, and ``:memory:``, are left as Rasa creates them). If the journal mode cannot be
changed (a read-only or network file system), the store keeps SQLite's rollback journal and
works as before.
"""

from __future__ import annotations

import itertools
import json
import logging
import sqlite3
import types
from functools import lru_cache
from typing import Any, Optional

from bot.serve import stored_rows

logger = logging.getLogger(__name__)



def is_sqlite_file(url: Any) -> bool:
    """Whether a SQLAlchemy URL names a SQLite database file (not ``:memory:``)."""
    database = str(url.database or "")
    return (url.get_backend_name() == "sqlite" and database not in ("", ":memory:")
            and "mode=memory" not in database and not database.startswith("file::memory:"))


def enable_wal(dbapi_connection: Any, _record: Any = None) -> None:
    """SQLAlchemy ``connect`` listener: put the database in WAL mode (a no-op once it is).
    Never raises: a database that cannot switch keeps its rollback journal."""
    try:
        cursor = dbapi_connection.cursor()
        try:
            mode = cursor.execute("PRAGMA journal_mode=WAL").fetchone()
        finally:
            cursor.close()
    except sqlite3.Error as error:
        logger.warning("tracker store: cannot switch SQLite to WAL (%s); keeping its journal", error)
        return
    if not mode or str(mode[0]).lower() != "wal":
        logger.warning("tracker store: SQLite kept journal mode %s (WAL unavailable here)",
                       mode[0] if mode else "?")


@lru_cache(maxsize=None)
def statements() -> dict[str, Any]:
    """Rasa's tracker-store queries as Core statements (parameter ``sender_id``)."""
    import sqlalchemy as sa
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.events import SessionStarted

    table = SQLTrackerStore.SQLEvent.__table__
    sender = sa.bindparam("sender_id")
    session_start = (sa.select(sa.func.max(table.c.timestamp))
                     .where(table.c.sender_id == sender,
                            table.c.type_name == SessionStarted.type_name)
                     .scalar_subquery())
    latest = sa.and_(table.c.sender_id == sender,
                     sa.or_(table.c.timestamp >= session_start, session_start.is_(None)))
    return {
        "latest": sa.select(table.c.data).where(latest).order_by(table.c.id),
        "all": sa.select(table.c.data).where(table.c.sender_id == sender).order_by(table.c.id),
        "count_latest": sa.select(sa.func.count()).select_from(table).where(latest),
        "insert": table.insert(),
    }


def event_row(sender_id: str, event: Any) -> dict[str, Any]:
    """The ``events`` row Rasa's ``SQLTrackerStore.save`` writes for ``event``."""
    from rasa.shared.nlu.constants import INTENT_NAME_KEY

    data = event.as_dict()
    return {
        "sender_id": sender_id,
        "type_name": event.type_name,
        "timestamp": data.get("timestamp"),
        "intent_name": data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
        "action_name": data.get("name"),
        "data": json.dumps(data),
    }


async def _retrieve(self: Any, sender_id: str, fetch_events_from_all_sessions: bool) -> Optional[Any]:
    """``SQLTrackerStore._retrieve`` with a Core query."""
    from rasa.shared.core.trackers import DialogueStateTracker

    from bot.serve import offload

    rows = await offload.call(offload.STORE, _select, self, sender_id, fetch_events_from_all_sessions)
    texts = [data for (data,) in rows]
    events = [json.loads(data) for data in texts]
    if self.domain and len(events) > 0:
        logger.debug(f"Recreating tracker from sender id '{sender_id}'")
        tracker = DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)
        if not fetch_events_from_all_sessions:
            stored_rows.remember(tracker, texts)
        return tracker
    logger.debug(f"Can't retrieve tracker matching sender id '{sender_id}' from SQL storage. "
                 "Returning `None` instead.")
    return None


def _select(self: Any, sender_id: str, fetch_events_from_all_sessions: bool) -> list[Any]:
    """The stored ``data`` rows of a conversation (the latest session's, or all)."""
    query = statements()["all" if fetch_events_from_all_sessions else "latest"]
    with self.session_scope() as session:
        return session.execute(query, {"sender_id": sender_id}).all()


async def _save(self: Any, tracker: Any) -> None:
    """``SQLTrackerStore.save`` with a Core count and one multi-row insert."""
    from bot.serve import offload

    await self.stream_events(tracker)
    await offload.call(offload.STORE, _write, self, tracker)
    logger.debug(f"Tracker with sender_id '{tracker.sender_id}' stored to database")


def _write(self: Any, tracker: Any) -> None:
    """Append the tracker's events that are not stored yet, and commit."""
    with self.session_scope() as session:
        stored = session.execute(statements()["count_latest"],
                                 {"sender_id": tracker.sender_id}).scalar()
        rows = [event_row(tracker.sender_id, event)
                for event in itertools.islice(tracker.events, stored, len(tracker.events))]
        if rows:
            session.execute(statements()["insert"], rows)
        session.commit()
    stored_rows.saved(tracker, stored, [row["data"] for row in rows])


def tune_sqlite_store(store: Any) -> bool:
    """Give a ``SQLTrackerStore`` on a SQLite file a pooled, WAL-mode engine and the Core
    ``_retrieve`` / ``save``; returns whether it did (False for other dialects and in-memory
    databases, left untouched)."""
    import sqlalchemy as sa
    from sqlalchemy.orm import sessionmaker
    from sqlalchemy.pool import QueuePool

    engine = store.engine
    if not is_sqlite_file(engine.url):
        return False
    tuned = sa.create_engine(engine.url, poolclass=QueuePool,
                             connect_args={"check_same_thread": False})
    sa.event.listen(tuned, "connect", enable_wal)
    engine.dispose()
    store.engine = tuned
    store.sessionmaker = sessionmaker(bind=tuned)
    store._retrieve = types.MethodType(_retrieve, store)
    store.save = types.MethodType(_save, store)
    return True


def on_new_store(store: Any) -> None:
    """Hook for ``bot.serve.tracker_hooks``: tune a new store if it is a SQLite file."""
    if tune_sqlite_store(store):
        logger.info("tracker store: SQLite in WAL mode, a kept connection, Core queries")
