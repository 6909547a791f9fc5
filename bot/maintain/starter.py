"""Rasa's own starter bot (``rasa init``), the reference ``make bench`` measures ours against.

The project is created with ``rasa init --no-prompt --init-dir build/bench/starter`` (the
same Rasa, the same venv; no network), which also trains it. The model is kept as
``build/bench/starter/models/starter-rasa-<version>.tar.gz`` and reused while the installed
Rasa has that version. It runs with ``rasa run`` on 127.0.0.1, telemetry off, the REST
channel only, the starter's own endpoints.yml (in-memory tracker and lock store, no action
server: the starter's custom actions are commented out) and the same process environment
as our Rasa server (``ServerConfig.env``).
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
import time
from contextlib import contextmanager
from importlib.metadata import version
from pathlib import Path
from typing import IO, Iterator, Optional

import yaml

from bot import paths

STARTER_DIR = paths.BUILD / "bench" / "starter"
#: The lock the project's training scripts share (one training at a time on this machine).
TRAINING_LOCK = Path("/tmp/clonus-train.lock")


def rasa_version() -> str:
    return version("rasa")


def starter_model(root: Path = STARTER_DIR) -> Path:
    """Where the starter model trained by the installed Rasa is kept."""
    return root / "models" / f"starter-rasa-{rasa_version()}.tar.gz"


@contextmanager
def training_lock(path: Path = TRAINING_LOCK) -> Iterator[None]:
    """Hold the machine's training lock (waits while another training holds it)."""
    with open(path, "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"waiting for another training to finish ({path}) ...", flush=True)
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def rasa_env() -> dict[str, str]:
    return {**os.environ, "RASA_TELEMETRY_ENABLED": "false"}


def ensure_starter_model(root: Path = STARTER_DIR) -> Path:
    """The starter bot's model for the installed Rasa: created and trained once, then reused."""
    target = starter_model(root)
    if target.exists():
        print(f"starter bot model up to date: {target.relative_to(paths.ROOT)}", flush=True)
        return target
    print(f"creating Rasa's starter bot (rasa init --no-prompt, Rasa {rasa_version()}); "
          "it trains once (about 75 s on an idle machine) ...", flush=True)
    with training_lock():
        shutil.rmtree(root, ignore_errors=True)  # a project of another Rasa version
        root.mkdir(parents=True)
        started = time.monotonic()
        subprocess.run(
            ["nice", "-n", "5", sys.executable, "-m", "rasa", "init", "--no-prompt",
             "--init-dir", str(root)],
            check=True, cwd=paths.ROOT, env=rasa_env(), stdout=subprocess.DEVNULL,
        )
    trained = sorted((root / "models").glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
    if not trained:
        raise RuntimeError(f"rasa init trained no model in {root / 'models'}")
    trained[-1].rename(target)
    print(f"starter bot trained in {time.monotonic() - started:.0f} s: "
          f"{target.relative_to(paths.ROOT)}", flush=True)
    return target


def rest_only_credentials(root: Path = STARTER_DIR) -> Path:
    """The starter's credentials.yml with only its ``rest`` channel."""
    data = yaml.safe_load((root / "credentials.yml").read_text(encoding="utf-8")) or {}
    if "rest" not in data:
        raise RuntimeError(f"{root / 'credentials.yml'} has no rest channel")
    target = root / "credentials-rest.yml"
    target.write_text(yaml.safe_dump({"rest": data["rest"]}), encoding="utf-8")
    return target


def sqlite_endpoints(root: Path, db: Path) -> Path:
    """The starter's endpoints.yml with a SQLite tracker store (as ours uses) at ``db``."""
    data = yaml.safe_load((root / "endpoints.yml").read_text(encoding="utf-8")) or {}
    data["tracker_store"] = {"type": "SQL", "dialect": "sqlite", "db": str(db)}
    target = root / "endpoints-sqlite.yml"
    target.write_text(yaml.safe_dump(data), encoding="utf-8")
    return target


class StarterServer:
    """``rasa run`` of the starter bot; a context manager that always stops it."""

    def __init__(self, model: Path, port: int, env: dict[str, str],
                 tracker_db: Optional[Path] = None, log: Optional[Path] = None,
                 root: Path = STARTER_DIR) -> None:
        self.model = model
        self.port = port
        self.env = env
        self.tracker_db = tracker_db
        self.log = log
        self.root = root
        self.proc: Optional[subprocess.Popen] = None
        self._log: Optional[IO[bytes]] = None

    @property
    def rest_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/webhooks/rest/webhook"

    def start(self) -> None:
        endpoints = (sqlite_endpoints(self.root, self.tracker_db) if self.tracker_db
                     else self.root / "endpoints.yml")
        if self.log is not None:
            self.log.parent.mkdir(parents=True, exist_ok=True)
            self._log = open(self.log, "ab")  # noqa: SIM115
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "rasa", "run", "--model", str(self.model),
             "--interface", "127.0.0.1", "--port", str(self.port),
             "--credentials", str(rest_only_credentials(self.root)),
             "--endpoints", str(endpoints)],
            cwd=self.root, env={**self.env, "RASA_TELEMETRY_ENABLED": "false"},
            stdout=self._log, stderr=subprocess.STDOUT if self._log else None,
            start_new_session=True,
        )

    def stop(self) -> None:
        from bot.serve.servers import Servers

        Servers._stop(self.proc)
        if self._log is not None:
            self._log.close()
            self._log = None

    def __enter__(self) -> "StarterServer":
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
