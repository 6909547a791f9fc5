"""The system a load run drives: Rasa replicas on a PostgreSQL tracker store with the Redis
lock store, started and stopped here, or an already running one (``--target``).

``LocalStack`` starts a project-owned PostgreSQL cluster (``bot.serve.postgres``), a
``redis-server`` (the atomic lock store of ``bot.serve.lock_store``), one action server
and N Rasa replicas on their own ports (``bot.serve.servers``). Without a load balancer in
front, each simulated user sticks to one replica (the locustfile spreads them), as a
sticky load balancer would.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import yaml

from bot import paths
from bot.channels.health import READY_PATH
from bot.serve.postgres import PgSettings, PostgresCluster


@dataclass
class Ports:
    rasa: list[int] = field(default_factory=lambda: [5706, 5707])
    actions: int = 5755
    redis: int = 6705
    postgres: int = 5735


@dataclass
class Target:
    """Where the users go (base URLs) and where the conversations are stored."""

    urls: list[str]
    db_url: str


class LocalStack:
    """PostgreSQL + Redis + action server + ``replicas`` Rasa processes; always stopped."""

    def __init__(self, model: Path, replicas: int, workdir: Path,
                 ports: Optional[Ports] = None) -> None:
        from bot.serve.servers import ServerConfig, Servers

        self.ports = ports or Ports()
        if replicas > len(self.ports.rasa):
            raise ValueError(f"at most {len(self.ports.rasa)} replicas")
        self.workdir = workdir
        self.postgres = PostgresCluster(
            directory=workdir / "postgres",
            settings=PgSettings.from_env(port=self.ports.postgres, database="loadtest"))
        self.redis: Optional[subprocess.Popen] = None
        endpoints = self._endpoints()
        self.servers = [
            Servers(ServerConfig(
                model=model, rasa_port=port, actions_port=self.ports.actions,
                endpoints=endpoints, log_dir=workdir / "logs" / f"replica-{number + 1}",
                extra_env=self.postgres.env(replicas=replicas),
                lock_store={"type": "bot.serve.lock_store.AtomicRedisLockStore",
                            "url": f"redis://127.0.0.1:{self.ports.redis}/0",
                            "socket_timeout": 1}))
            for number, port in enumerate(self.ports.rasa[:replicas])]

    def _endpoints(self) -> Path:
        data = yaml.safe_load((paths.ROOT / "endpoints.yml").read_text(encoding="utf-8")) or {}
        data["tracker_store"] = self.postgres.tracker_store()
        target = self.workdir / "endpoints.yml"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
        return target

    def start(self, timeout: float = 300.0) -> Target:
        self.postgres.start()
        self.postgres.create_database()
        (self.workdir / "redis").mkdir(parents=True, exist_ok=True)
        self.redis = subprocess.Popen(
            ["redis-server", "--port", str(self.ports.redis), "--bind", "127.0.0.1",
             "--save", "", "--appendonly", "no", "--dir", str(self.workdir / "redis")],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        # The first replica creates Rasa's tables; the others start once it answers (two
        # processes creating them at once can fail, and Rasa then falls back to memory).
        first, *others = self.servers
        first.start_actions()
        first.start_rasa()
        first.wait_actions(timeout)
        first.wait_rasa(timeout)
        for servers in others:
            servers.start_rasa()
        for servers in self.servers:
            servers.wait_rasa(timeout)
            servers._wait(f"http://127.0.0.1:{servers.config.rasa_port}{READY_PATH}",
                          servers.rasa, "Rasa readiness", timeout)
        return Target(urls=[f"http://127.0.0.1:{s.config.rasa_port}" for s in self.servers],
                      db_url=self.postgres.url())

    def stop(self) -> None:
        for servers in self.servers:
            servers.stop()
        if self.redis is not None and self.redis.poll() is None:
            self.redis.kill()
            self.redis.wait(timeout=10)
        try:
            self.postgres.stop()
        except Exception as error:  # noqa: BLE001 - keep stopping
            print(f"PostgreSQL did not stop cleanly: {error}")

    def __enter__(self) -> "LocalStack":
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
