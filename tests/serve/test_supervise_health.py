"""The supervisor's back-off and restarts (bot/serve/supervise.py) with a real child
process, and the readiness checks (bot/channels/health.py) with stand-in agents."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import time
from types import SimpleNamespace
from typing import Any, Optional

import sqlalchemy as sa

from bot.channels.health import readiness
from bot.serve.supervise import Backoff, Supervisor, Watched


def test_backoff_doubles_up_to_the_cap_and_resets_after_a_stable_run() -> None:
    backoff = Backoff(initial=1, maximum=8, reset_after=60)
    assert [backoff.next_delay(uptime=0.1) for _ in range(6)] == [1, 2, 4, 8, 8, 8]
    assert backoff.next_delay(uptime=120) == 1


def test_a_crashed_process_is_restarted_after_its_delay() -> None:
    procs: list[subprocess.Popen] = []

    def start() -> None:
        procs.append(subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"]))

    start()
    lines: list[str] = []
    item = Watched("sleeper", lambda: procs[-1] if procs else None, start,
                   backoff=Backoff(initial=0.3))
    supervisor = Supervisor([item], interval=0.05, report=lines.append).start()
    try:
        procs[0].kill()
        killed = time.monotonic()
        while len(procs) < 2 and time.monotonic() - killed < 10:
            time.sleep(0.05)
        assert len(procs) == 2 and procs[1].poll() is None
        assert time.monotonic() - killed >= 0.3  # waited its back-off
        assert item.restarts == 1 and "restarting in" in lines[0]
    finally:
        supervisor.stop()
        for proc in procs:
            proc.kill()
            proc.wait()


class Agent(SimpleNamespace):
    def is_ready(self) -> bool:
        return bool(self.loaded)


def checks(agent: Optional[Any]) -> dict[str, bool]:
    return asyncio.run(readiness(agent))


def test_ready_only_with_a_model_and_reachable_stores(tmp_path: Any) -> None:
    good_sql = SimpleNamespace(engine=sa.create_engine(f"sqlite:///{tmp_path / 'ok.db'}"))
    gone_sql = SimpleNamespace(engine=sa.create_engine("sqlite:////nonexistent/dir/t.db"))

    async def pong() -> bool:
        return True

    async def no_pong() -> bool:
        return False

    up = SimpleNamespace(ping=pong)
    assert checks(Agent(loaded=True, tracker_store=good_sql, lock_store=up)) == {
        "model": True, "tracker_store": True, "lock_store": True}
    assert checks(Agent(loaded=False, tracker_store=good_sql, lock_store=up))["model"] is False
    wrapped = SimpleNamespace(_tracker_store=gone_sql)  # as in Rasa's FailSafeTrackerStore
    assert checks(Agent(loaded=True, tracker_store=wrapped, lock_store=up))["tracker_store"] is False
    down = SimpleNamespace(ping=no_pong)
    assert checks(Agent(loaded=True, tracker_store=good_sql, lock_store=down))["lock_store"] is False
    assert not any(checks(None).values())
