"""The reduced load test of ``make test``: 2 Rasa replicas on a PostgreSQL tracker store with
the Redis lock store, a few hundred messages from Locust users over REST and socket.io (no
think time), then the database check: every message sent and every reply received stored
once, in order, in its own conversation; no error; the red flags escalated."""

from __future__ import annotations

import csv
import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import Iterator

import pytest

from bot import paths
from bot.maintain.loadtest.run import LOCUST_VENV, SETTLE_SECONDS, check_database, run_locust
from bot.maintain.loadtest.target import LocalStack, Ports, Target
from bot.serve import postgres

from ..conftest import _free_port

pytestmark = pytest.mark.e2e

USERS = 10
SECONDS = 45


@pytest.fixture(scope="module")
def target(model_file: Path) -> Iterator[Target]:
    if not (LOCUST_VENV / "bin" / "locust").exists():
        pytest.skip("Locust is not installed: make loadtest-install")
    if not postgres.available():
        pytest.skip("PostgreSQL binaries are missing: apt-get install -y postgresql")
    # not under pytest's tmp_path: as root the cluster runs as `postgres`, which cannot
    # enter /tmp/pytest-of-root (mode 700)
    workdir = Path(tempfile.mkdtemp(prefix="clonus-loadtest-"))
    os.chmod(workdir, 0o755)
    ports = Ports(rasa=[_free_port(), _free_port()], actions=_free_port(), redis=_free_port(),
                  postgres=_free_port())
    try:
        with LocalStack(model_file, 2, workdir, ports) as stack:
            yield stack.start(timeout=400)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def test_two_replicas_store_every_turn_once_in_order(target: Target) -> None:
    out = paths.REPORTS / "loadtest" / "make-test"
    figures, journal = run_locust(target, USERS, 5, SECONDS, "0", out)
    print(figures.line())
    assert figures.users_held == USERS
    assert figures.messages >= 200, figures.line()
    assert figures.errors == 0, (out / "locust_failures.csv").read_text()
    with open(out / "locust_stats.csv", encoding="utf-8") as handle:
        names = {(row["Type"], row["Name"]): int(row["Request Count"])
                 for row in csv.DictReader(handle)}
    assert names.get(("rest", "message")) and names.get(("socketio", "message")), names
    assert sum(n for (kind, name), n in names.items() if name == "red flag") >= 1, names
    time.sleep(SETTLE_SECONDS)
    report = check_database(journal, target.db_url)
    print(report.summary())
    assert report.conversations >= 20
    assert report.problems == [], [str(p) for p in report.problems[:20]]
