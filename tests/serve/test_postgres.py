"""The project's PostgreSQL cluster helper (bot/serve/postgres.py) with a real cluster:
Rasa's SQLTrackerStore stores and reads a conversation through it, the data survive a
restart, password authentication is enforced, and the pool sizes fit max_connections."""

from __future__ import annotations

from typing import Any

import pytest

from bot.serve.postgres import PgSettings, PostgresCluster, pool_sizes


def test_pool_sizes_fit_max_connections() -> None:
    for max_connections, replicas in ((100, 1), (100, 2), (100, 4), (200, 8), (30, 2)):
        pool, overflow = pool_sizes(max_connections, replicas)
        assert pool >= 1 and overflow >= 1
        assert replicas * (pool + overflow) <= max_connections - 10
    with pytest.raises(ValueError):
        pool_sizes(20, 8)


def test_settings_from_env() -> None:
    settings = PgSettings.from_env({"CLONUS_PG_USER": "u", "CLONUS_PG_PASSWORD": "p",
                                    "CLONUS_PG_PORT": "6543", "CLONUS_PG_DB": "d"})
    assert (settings.user, settings.password, settings.port, settings.database) == (
        "u", "p", 6543, "d")
    assert PgSettings.from_env({}).port == 5433


def test_url_and_tracker_store_section(postgres_cluster: PostgresCluster) -> None:
    s = postgres_cluster.settings
    assert postgres_cluster.url() == (
        f"postgresql://{s.user}:{s.password}@127.0.0.1:{s.port}/{s.database}")
    section = postgres_cluster.tracker_store()
    assert section["password"] == "${CLONUS_PG_PASSWORD}"  # no secret in the rendered file
    assert section["port"] == s.port and section["dialect"] == "postgresql"
    env = postgres_cluster.env(replicas=2)
    assert env["CLONUS_PG_PASSWORD"] == s.password
    assert 2 * (int(env["SQL_POOL_SIZE"]) + int(env["SQL_MAX_OVERFLOW"])) <= 100


def test_password_is_required(postgres_cluster: PostgresCluster) -> None:
    import psycopg2

    with pytest.raises(psycopg2.OperationalError):
        psycopg2.connect(host="127.0.0.1", port=postgres_cluster.settings.port,
                         user=postgres_cluster.settings.user, password="wrong",
                         dbname="postgres", connect_timeout=3)


def _store(cluster: PostgresCluster, domain: Any) -> Any:
    from rasa.core.tracker_store import SQLTrackerStore

    s = cluster.settings
    return SQLTrackerStore(domain=domain, dialect="postgresql", host=s.host, port=s.port,
                           db=s.database, username=s.user, password=s.password)


def test_rasa_tracker_store_survives_a_restart(postgres_cluster: PostgresCluster) -> None:
    import asyncio

    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    domain = Domain.empty()
    tracker = DialogueStateTracker.from_events(
        "pg-helper", [ActionExecuted("action_listen"), UserUttered("hello"),
                      BotUttered("hi there")])
    store = _store(postgres_cluster, domain)
    asyncio.run(store.save(tracker))
    store.engine.dispose()

    postgres_cluster.stop()
    assert not postgres_cluster.running
    postgres_cluster.start()

    again = _store(postgres_cluster, domain)
    loaded = asyncio.run(again.retrieve("pg-helper"))
    assert loaded is not None
    assert [e.as_dict()["event"] for e in loaded.events] == ["action", "user", "bot"]
    again.engine.dispose()


def test_create_database_is_idempotent(postgres_cluster: PostgresCluster) -> None:
    assert postgres_cluster.create_database("second_db") == "second_db"
    assert postgres_cluster.create_database("second_db") == "second_db"
    connection = postgres_cluster.connect("second_db")
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_user")
            assert cursor.fetchone()[0] == postgres_cluster.settings.user
    finally:
        connection.close()
