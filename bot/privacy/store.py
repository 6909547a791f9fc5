"""Delete, purge and export conversations in the SQL tracker store (SQLite or PostgreSQL).

A conversation is every row, in every table of the tracker database, whose ``sender_id``
is its id: Rasa's ``events`` table today, and any table a later feature adds with a
``sender_id`` column (found by reflection, so a new table cannot be forgotten).

- ``delete_conversation``: all rows of one conversation ("delete my data", ``privacy delete``);
- ``purge``: retention. Every row older than the cutoff (``timestamp`` column, epoch
  seconds) goes, then the rows of conversations with no event left; nothing a user typed
  is kept longer than ``CLONUS_RETENTION_DAYS`` (default 30) days;
- ``export``: one conversation's rows as JSON-ready data (an access request).

On SQLite the deletes run with ``PRAGMA secure_delete`` (freed pages are overwritten with
zeros) and end with a ``wal_checkpoint(TRUNCATE)``, so the deleted text is neither in the
database file nor in its write-ahead log. PostgreSQL keeps deleted row versions until
(auto)vacuum reclaims them; ``vacuum=True`` runs ``VACUUM`` on the tables at once.
"""

from __future__ import annotations

import json
import logging
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

logger = logging.getLogger(__name__)

DEFAULT_RETENTION_DAYS = 30.0
SENDER_COLUMN = "sender_id"
TIME_COLUMN = "timestamp"
EVENTS_TABLE = "events"


def retention_days(env: Optional[dict[str, str]] = None) -> float:
    """``CLONUS_RETENTION_DAYS`` (default 30); must be a positive number."""
    value = (env if env is not None else os.environ).get("CLONUS_RETENTION_DAYS") or ""
    days = float(value) if value.strip() else DEFAULT_RETENTION_DAYS
    if days <= 0:
        raise ValueError("CLONUS_RETENTION_DAYS must be a positive number of days")
    return days


@dataclass(frozen=True)
class Removed:
    """Rows deleted, by table."""

    rows: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.rows.values())


def conversation_tables(engine: Any) -> list[Any]:
    """The tables of the database that hold conversation rows (a ``sender_id`` column)."""
    import sqlalchemy as sa

    metadata = sa.MetaData()
    metadata.reflect(bind=engine)
    return [table for table in metadata.sorted_tables if SENDER_COLUMN in table.c]


def _is_sqlite(engine: Any) -> bool:
    return engine.url.get_backend_name() == "sqlite"


def _begin(engine: Any, connection: Any) -> None:
    if _is_sqlite(engine):
        connection.exec_driver_sql("PRAGMA secure_delete = ON")


def _finish(engine: Any, tables: list[Any], vacuum: bool) -> None:
    """Wipe what the deletes left behind: the SQLite WAL; PostgreSQL dead rows on request."""
    if _is_sqlite(engine):
        with engine.connect() as connection:
            try:
                connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            except Exception as error:  # noqa: BLE001 - a busy reader: the next checkpoint does it
                logger.warning("privacy: SQLite checkpoint postponed (%s)", type(error).__name__)
    elif vacuum and engine.url.get_backend_name().startswith("postgres"):
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            for table in tables:
                connection.exec_driver_sql(f'VACUUM "{table.name}"')


def delete_conversation(engine: Any, sender_id: str, vacuum: bool = False) -> Removed:
    """Delete every row of conversation ``sender_id`` in every conversation table."""
    tables = conversation_tables(engine)
    rows: dict[str, int] = {}
    with engine.begin() as connection:
        _begin(engine, connection)
        for table in tables:
            result = connection.execute(table.delete().where(table.c[SENDER_COLUMN] == sender_id))
            rows[table.name] = int(result.rowcount or 0)
    _finish(engine, tables, vacuum)
    return Removed(rows)


def purge(engine: Any, days: float, now: Optional[float] = None, vacuum: bool = False) -> Removed:
    """Delete every row older than ``days`` days, then the rows of conversations that have
    no event left (in tables without a timestamp)."""
    import sqlalchemy as sa

    cutoff = (now if now is not None else time.time()) - days * 86400.0
    tables = conversation_tables(engine)
    rows: dict[str, int] = {}
    with engine.begin() as connection:
        _begin(engine, connection)
        for table in tables:
            if TIME_COLUMN in table.c:
                result = connection.execute(table.delete().where(table.c[TIME_COLUMN] < cutoff))
                rows[table.name] = int(result.rowcount or 0)
        events = next((t for t in tables if t.name == EVENTS_TABLE), None)
        if events is not None:
            alive = sa.select(events.c[SENDER_COLUMN])
            for table in tables:
                if table is events or TIME_COLUMN in table.c:
                    continue
                result = connection.execute(
                    table.delete().where(table.c[SENDER_COLUMN].not_in(alive)))
                rows[table.name] = rows.get(table.name, 0) + int(result.rowcount or 0)
    if sum(rows.values()):
        _finish(engine, tables, vacuum)
    return Removed(rows)


def _plain(value: Any) -> Any:
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


def export(engine: Any, sender_id: str) -> dict[str, Any]:
    """Every row of one conversation: ``events`` as Rasa's event dicts in order, other
    tables as their columns."""
    tables = conversation_tables(engine)
    out: dict[str, Any] = {"sender_id": sender_id, "exported_at": time.time(), "tables": {}}
    with engine.connect() as connection:
        for table in tables:
            query = table.select().where(table.c[SENDER_COLUMN] == sender_id)
            if "id" in table.c:
                query = query.order_by(table.c["id"])
            rows = connection.execute(query).mappings().all()
            if table.name == EVENTS_TABLE and "data" in table.c:
                out["events"] = [json.loads(row["data"]) for row in rows]
            else:
                out["tables"][table.name] = [{k: _plain(v) for k, v in row.items()} for row in rows]
    return out


def engine_for(db: Optional[str] = None, endpoints: Optional[str] = None) -> tuple[Any, str]:
    """A read-write engine on a SQLite file (``db``) or the tracker store of an endpoints
    file (default ``endpoints.yml``); returns it and a description without secrets."""
    import sqlalchemy as sa

    from bot import paths
    from bot.maintain.review import ReviewError, database_url, store_from_endpoints

    if db:
        path = Path(db)
        if not path.is_file():
            raise ReviewError(f"no tracker store at {path}")
        return sa.create_engine(f"sqlite:///{path.resolve()}"), str(path)
    file = Path(endpoints) if endpoints else paths.ROOT / "endpoints.yml"
    store = store_from_endpoints(file)
    url = database_url(store, paths.ROOT)
    if isinstance(url, str) and url.startswith("sqlite:///file:"):
        url = "sqlite:///" + url[len("sqlite:///file:"):].split("?", 1)[0]
    engine = sa.create_engine(url)
    return engine, f"the tracker store of {file.name} ({engine.url.get_backend_name()})"
