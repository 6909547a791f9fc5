"""Helpfulness ratings with the production store: the running servers on a PostgreSQL
tracker store (``bot.serve.postgres``, the ``postgres_cluster`` fixture), a 👎 with a
comment stored there, read back by ``python -m bot review`` through endpoints.yml."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any, Iterator

import pytest

from bot import paths
from bot.knowledge import feedback as fb
from bot.maintain import review_feedback

from ..conftest import Chat, _free_port

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def pg_servers(model_file: Path, postgres_cluster: Any) -> Iterator[Any]:
    from bot.serve.servers import ServerConfig, Servers

    config = ServerConfig(model=model_file, rasa_port=_free_port(), actions_port=_free_port(),
                          log_dir=paths.REPORTS / "e2e-logs-postgres",
                          tracker_store=postgres_cluster.tracker_store(),
                          extra_env=postgres_cluster.env())
    running = Servers(config)
    try:
        running.start(timeout=300)
        yield running
    finally:
        running.stop()


def test_ratings_are_stored_in_postgresql_and_reviewed(pg_servers: Any, postgres_cluster: Any) -> None:
    chat = Chat(pg_servers.config.rest_url)
    assert "Was this answer helpful?" in chat.texts(chat.say("what causes clonus"))
    chat.say("/feedback_not_helpful")
    chat.say("nothing about whether it is permanent")
    chat.say("what is clonus")
    chat.say("/feedback_helpful")
    rows = [(s, e) for s, e in review_feedback.read_rows(postgres_cluster.url()) if s == chat.sender]
    rated = {r.answer: r for r in review_feedback.ratings(rows)}
    assert rated["clonus_causes"].rating == fb.NOT_HELPFUL
    assert rated["clonus_causes"].comment == "nothing about whether it is permanent"
    assert rated["what_is_clonus"].rating == fb.HELPFUL
    endpoints = paths.BUILD / "run" / f"endpoints-{pg_servers.config.rasa_port}.yml"
    env = {**os.environ, **postgres_cluster.env(), "RASA_TELEMETRY_ENABLED": "false"}
    done = subprocess.run([sys.executable, "-m", "bot", "review", "--endpoints", str(endpoints)],
                          cwd=paths.ROOT, env=env, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    assert "faq/clonus_causes" in done.stdout and "missing: nothing about whether it is permanent" in done.stdout
    assert chat.sender not in done.stdout
