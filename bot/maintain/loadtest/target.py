"""The system a load run drives: ``make stack``'s production shape (``bot.serve.stack``:
PostgreSQL, Redis lock store, N Rasa replicas, action server, HAProxy), started and stopped
here on ports of its own, or an already running one (``--target`` / ``--db-url``).

The load test's stack uses its own port block and its own cluster (``build/loadtest/``),
so it never collides with a ``make stack`` left running on 5005. For the 1-replica figure
of the capacity search, the other replicas are put in HAProxy maintenance (``maint``):
same process, same load balancer, one replica serving.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

from bot import paths

#: Ports of the load test's own stack, from one base (``--port-base``, default 5705):
#: LB = base, replicas base+1.., PostgreSQL base+30, sorry server base+40 (the stack's
#: default), actions base+50, Redis base+60.
LB_PORT = 5705
PG_OFFSET, ACTIONS_OFFSET, REDIS_OFFSET = 30, 50, 60
WORKDIR = paths.BUILD / "loadtest"


@dataclass
class Target:
    """Where the users go (base URLs) and where the conversations are stored."""

    urls: list[str]
    db_url: str


class LoadStack:
    """A ``bot.serve.stack.Stack`` for load runs; a context manager that always stops it."""

    def __init__(self, model: Path, replicas: int, workdir: Path = WORKDIR,
                 config: Optional[Any] = None, port_base: int = LB_PORT) -> None:
        from bot.serve.postgres import PgSettings
        from bot.serve.stack import Stack, StackConfig

        if not 1024 <= port_base <= 65535 - REDIS_OFFSET or replicas >= PG_OFFSET:
            raise ValueError(f"port base {port_base} / {replicas} replicas: out of range")
        self.config = config or StackConfig(
            model=model, replicas=replicas, lb_port=port_base,
            actions_port=port_base + ACTIONS_OFFSET, redis_port=port_base + REDIS_OFFSET,
            web_port=None, workdir=workdir, pg_directory=workdir / "postgres",
            pg_settings=PgSettings.from_env(port=port_base + PG_OFFSET, database="loadtest"))
        self.stack = Stack(self.config, report=lambda line: print(line, flush=True))

    def start(self, timeout: float = 400.0) -> Target:
        self.stack.start(timeout=timeout)
        return self.target()

    def target(self) -> Target:
        return Target(urls=[self.config.lb_url], db_url=self.stack.postgres.url())

    def serve_with(self, replicas: int) -> None:
        """Only the first ``replicas`` replicas get traffic (the others: maintenance)."""
        from bot.serve import haproxy

        for index in range(self.config.replicas):
            state = "ready" if index < replicas else "maint"
            haproxy.set_state(self.config.workdir / "haproxy", self.stack.replica_name(index),
                              state)
        time.sleep(3)  # a replica back from maintenance passes a health check first

    def stop(self) -> None:
        self.stack.stop()

    def __enter__(self) -> "LoadStack":
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
