"""Faster SQLite tracker store for Rasa 3.6: write-ahead log and one kept connection.

Profiling our Rasa server (``py-spy record`` under one sender; MAINTAINING.md, "Benchmark")
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

Events, queries and tables are Rasa's own; only a SQLite file store is touched (PostgreSQL and
other dialects, and ``:memory:``, are left as Rasa creates them). If the journal mode cannot be
changed (a read-only or network file system), the store keeps SQLite's rollback journal and
works as before.
"""

from __future__ import annotations

import logging
import sqlite3
from typing import Any

logger = logging.getLogger(__name__)

_applied = False


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


def tune_sqlite_store(store: Any) -> bool:
    """Give a ``SQLTrackerStore`` on a SQLite file a pooled, WAL-mode engine; returns whether
    it did (False for other dialects and in-memory databases, left untouched)."""
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
    return True


def apply() -> None:
    """Tune every ``SQLTrackerStore`` created from now on in this process (once)."""
    global _applied
    if _applied:
        return
    from rasa.core.tracker_store import SQLTrackerStore

    original = SQLTrackerStore.__init__

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        if tune_sqlite_store(self):
            logger.info("tracker store: SQLite in WAL mode with a kept connection")

    __init__.__wrapped__ = original  # type: ignore[attr-defined]
    SQLTrackerStore.__init__ = __init__  # type: ignore[method-assign]
    _applied = True
