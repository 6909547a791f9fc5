"""A project-run ``redis-server`` (Debian's package) for the lock store: loopback only, on
its own port, no persistence (locks are leases: nothing to keep across a restart), its
own working directory. Used by ``make stack`` and the tests."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from pathlib import Path
from typing import IO, Optional

REDIS_BINARY = shutil.which("redis-server") or "/usr/bin/redis-server"
MISSING = (f"{REDIS_BINARY} is missing: install Debian's redis-server "
           "(`apt-get install -y redis-server`; .ci/run and `make stack` do it)")


def available() -> bool:
    return Path(REDIS_BINARY).exists()


def free_port() -> int:
    from bot.serve.ports import free_port as pick

    return pick()


class RedisServer:
    """One redis-server process; ``stop()`` / ``start()`` keep the same port."""

    def __init__(self, workdir: Path, port: Optional[int] = None,
                 log: Optional[IO[bytes]] = None) -> None:
        self.workdir = workdir
        self.port = port or free_port()
        self.log = log
        self.proc: Optional[subprocess.Popen] = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def launch(self) -> subprocess.Popen:
        """Start the process (no waiting)."""
        self.workdir.mkdir(parents=True, exist_ok=True)
        out = self.log if self.log is not None else subprocess.DEVNULL
        self.proc = subprocess.Popen(
            [REDIS_BINARY, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.workdir), "--protected-mode", "yes"],
            stdout=out, stderr=subprocess.STDOUT if self.log is not None else subprocess.DEVNULL,
            start_new_session=True,
        )
        return self.proc

    def ping(self, timeout: float = 0.5) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=timeout) as conn:
                conn.sendall(b"PING\r\n")
                return conn.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def start(self, timeout: float = 10.0) -> None:
        proc = self.launch()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise RuntimeError(f"redis-server exited with {proc.returncode}")
            if self.ping():
                return
            time.sleep(0.05)
        raise TimeoutError(f"redis-server did not answer on port {self.port}")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=10)
        self.proc = None
