"""Restart crashed servers with back-off while the others keep answering (``make run``).

The action server (and the demo page) run as separate processes: when one exits, the
Rasa server keeps answering (an emergency escalation is a rule's response, not an
action; other answers that need an action say politely that a part is unavailable) and
the supervisor starts it again after a back-off: 1 s, 2 s, 4 s ... at most 30 s between
attempts, back to 1 s once a process has stayed up for a minute.
"""

from __future__ import annotations

import logging
import subprocess
import threading
import time
from dataclasses import dataclass, field
from typing import Callable, Optional

logger = logging.getLogger(__name__)


@dataclass
class Backoff:
    """Delay before the next restart of one process."""

    initial: float = 1.0
    maximum: float = 30.0
    #: a process that stayed up this long counts as healthy again (the delay resets)
    reset_after: float = 60.0
    failures: int = 0

    def next_delay(self, uptime: float) -> float:
        if uptime >= self.reset_after:
            self.failures = 0
        self.failures += 1
        return min(self.initial * 2 ** (self.failures - 1), self.maximum)


@dataclass
class Watched:
    """One supervised process: how to read it and how to start it again."""

    name: str
    process: Callable[[], Optional[subprocess.Popen]]
    restart: Callable[[], None]
    backoff: Backoff = field(default_factory=Backoff)
    started_at: float = field(default_factory=time.monotonic)
    due: Optional[float] = None  # when the pending restart happens
    restarts: int = 0
    #: not restarted while paused (a fault test keeps a server down on purpose)
    paused: bool = False


class Supervisor:
    """A daemon thread that polls the watched processes and restarts those that exited."""

    def __init__(self, watched: list[Watched], interval: float = 0.5,
                 report: Callable[[str], None] = logger.warning) -> None:
        self.watched = watched
        self.interval = interval
        self.report = report
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="supervisor", daemon=True)

    def start(self) -> "Supervisor":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=10)

    def check(self) -> None:
        """One pass: schedule restarts for exited processes, run those that are due."""
        now = time.monotonic()
        for item in self.watched:
            proc = item.process()
            if item.paused or proc is None or proc.poll() is None:
                continue
            if item.due is None:
                delay = item.backoff.next_delay(now - item.started_at)
                item.due = now + delay
                self.report(f"{item.name} exited (code {proc.returncode}); "
                            f"restarting in {delay:.0f} s")
            elif now >= item.due:
                item.due = None
                item.started_at = now
                item.restarts += 1
                try:
                    item.restart()
                except Exception as error:  # noqa: BLE001 - try again after the next delay
                    self.report(f"{item.name} could not be restarted: {error}")

    def _loop(self) -> None:
        while not self._stop.wait(self.interval):
            self.check()
