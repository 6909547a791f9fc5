"""Start and stop the action server and the Rasa server the way ``make run`` does.

Used by ``python -m bot run``, the end-to-end test fixture and the benchmark, so
all three exercise the same start-up path: Rasa bound to 127.0.0.1, no HTTP API
(``--enable-api`` is never passed), telemetry off, INFO logs (debug logs would
print user text), a SQLite tracker store and a local action server.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Optional

import requests
import yaml

from bot import paths
from bot.constants import DEFAULT_ACTIONS_PORT, DEFAULT_RASA_PORT


@dataclass
class ServerConfig:
    """Where the servers listen and what they use."""

    model: Path
    rasa_port: int = DEFAULT_RASA_PORT
    actions_port: int = DEFAULT_ACTIONS_PORT
    tracker_db: Path = paths.ROOT / "tracker.db"
    endpoints: Path = paths.ROOT / "endpoints.yml"
    credentials: Path = paths.ROOT / "credentials.yml"
    log_dir: Optional[Path] = None
    extra_env: dict[str, str] = field(default_factory=dict)

    def env(self) -> dict[str, str]:
        return {
            **os.environ,
            "RASA_TELEMETRY_ENABLED": "false",
            "SANIC_HOST": "127.0.0.1",  # rasa-sdk's bind address
            "LOG_LEVEL": "INFO",
            "LOG_LEVEL_LIBRARIES": "ERROR",
            # One TensorFlow thread per op: the models are small, and on 2 cores the
            # thread pools only compete with the server's event loop and SQLite.
            "TF_INTER_OP_PARALLELISM_THREADS": "1",
            "TF_INTRA_OP_PARALLELISM_THREADS": "1",
            "PYTHONUNBUFFERED": "1",
            **self.extra_env,
        }

    @property
    def rest_url(self) -> str:
        return f"http://127.0.0.1:{self.rasa_port}/webhooks/rest/webhook"


class Servers:
    """The two processes; a context manager that always stops them."""

    def __init__(self, config: ServerConfig) -> None:
        self.config = config
        self.actions: Optional[subprocess.Popen] = None
        self.rasa: Optional[subprocess.Popen] = None
        self._logs: list[IO[bytes]] = []

    def _output(self, name: str) -> tuple[object, object]:
        if self.config.log_dir is None:
            return None, None
        self.config.log_dir.mkdir(parents=True, exist_ok=True)
        handle = open(self.config.log_dir / f"{name}.log", "ab")  # noqa: SIM115
        self._logs.append(handle)
        return handle, subprocess.STDOUT

    def start_actions(self) -> None:
        out, err = self._output("actions")
        self.actions = subprocess.Popen(
            [sys.executable, "-m", "rasa_sdk", "--actions", "actions",
             "--port", str(self.config.actions_port)],
            cwd=paths.ROOT, env=self.config.env(), stdout=out, stderr=err,
            start_new_session=True,
        )

    def render_endpoints(self) -> Path:
        """A copy of endpoints.yml pointing at this run's action port and tracker db."""
        data = yaml.safe_load(self.config.endpoints.read_text(encoding="utf-8")) or {}
        data.setdefault("action_endpoint", {})["url"] = (
            f"http://127.0.0.1:{self.config.actions_port}/webhook"
        )
        store = data.setdefault("tracker_store", {"type": "SQL", "dialect": "sqlite"})
        if store.get("dialect") == "sqlite":
            store["db"] = str(self.config.tracker_db)
        target = paths.BUILD / "run" / f"endpoints-{self.config.rasa_port}.yml"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
        return target

    def start_rasa(self) -> None:
        out, err = self._output("rasa")
        endpoints = self.render_endpoints()
        self.rasa = subprocess.Popen(
            [sys.executable, "-m", "rasa", "run",
             "--model", str(self.config.model),
             "--interface", "127.0.0.1", "--port", str(self.config.rasa_port),
             "--credentials", str(self.config.credentials),
             "--endpoints", str(endpoints)],
            cwd=paths.ROOT, env=self.config.env(), stdout=out, stderr=err,
            start_new_session=True,
        )

    def start(self, timeout: float = 180.0) -> float:
        """Start both servers and wait until each answers; returns seconds taken."""
        started = time.monotonic()
        self.start_actions()
        self.start_rasa()
        self.wait_actions(timeout)
        self.wait_rasa(timeout)
        return time.monotonic() - started

    def _wait(self, url: str, proc: Optional[subprocess.Popen], what: str, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if proc is not None and proc.poll() is not None:
                raise RuntimeError(f"{what} exited with code {proc.returncode} during start-up")
            try:
                if requests.get(url, timeout=2).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.5)
        raise TimeoutError(f"{what} did not answer {url} within {timeout:.0f} s")

    def wait_actions(self, timeout: float = 60.0) -> None:
        self._wait(f"http://127.0.0.1:{self.config.actions_port}/health", self.actions,
                   "action server", timeout)

    def wait_rasa(self, timeout: float = 180.0) -> None:
        self._wait(f"http://127.0.0.1:{self.config.rasa_port}/webhooks/rest/", self.rasa,
                   "Rasa server", timeout)

    @staticmethod
    def _stop(proc: Optional[subprocess.Popen]) -> None:
        if proc is None or proc.poll() is not None:
            return
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=20)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

    def stop_actions(self) -> None:
        self._stop(self.actions)

    def stop(self) -> None:
        self._stop(self.rasa)
        self._stop(self.actions)
        for handle in self._logs:
            handle.close()
        self._logs.clear()

    def __enter__(self) -> "Servers":
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
