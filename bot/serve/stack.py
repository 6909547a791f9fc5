"""``make stack``: the production shape on one machine (``python -m bot stack``).

- PostgreSQL tracker store: a cluster of the project's own (``bot.serve.postgres``,
  ``build/postgres``, its own port, user and password from ``CLONUS_PG_*``); each replica's
  pool (``SQL_POOL_SIZE`` + ``SQL_MAX_OVERFLOW``) is sized so that all replicas together stay
  below ``max_connections``.
- Redis lock store (``bot.serve.redis_process``; the atomic ticket lock of
  ``bot.serve.lock_store``).
- ``replicas`` Rasa processes on their own ports (LB port + 1, + 2, ...), one action server
  and the demo page, whose widget talks to the load balancer.
- HAProxy on ``127.0.0.1:5005`` (``bot.serve.haproxy``): REST balanced, socket.io sticky,
  health checks on ``/webhooks/health/ready``; the "sorry" server (``bot.serve.sorry``)
  is the socket.io backup, so a widget gets the polite reply while no replica is ready.
- Everything is supervised (``bot.serve.supervise``): a process that exits is restarted
  with back-off while the others keep answering; PostgreSQL too (``pg_ctl start``).
  ``Stack.stop()`` (Ctrl-C) stops everything.

The fault suite (``bot.serve.faults``) and the tests drive a ``Stack`` directly: kill a
replica, pause a server's supervision to keep it down, roll the replicas.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Callable, Optional

import requests

from bot import paths
from bot.constants import DEFAULT_ACTIONS_PORT, DEFAULT_RASA_PORT, DEFAULT_WEB_PORT
from bot.serve import haproxy
from bot.serve.env import ALLOWED_ORIGINS_ENV
from bot.serve.postgres import PgSettings, PostgresCluster
from bot.serve.redis_process import RedisServer
from bot.serve.servers import ServerConfig, Servers
from bot.serve.supervise import Backoff, Supervisor, Watched

DEFAULT_REDIS_PORT = 6380
#: the sorry server's port, when none is given: LB port + this
SORRY_OFFSET = 40
READY_PATH = haproxy.READY_PATH


@dataclass
class StackConfig:
    """Ports, places and sizes of one stack."""

    model: Path
    replicas: int = 2
    lb_port: int = DEFAULT_RASA_PORT
    #: replica i listens on replica_ports[i] (default: lb_port + 1 + i)
    replica_ports: list[int] = field(default_factory=list)
    actions_port: int = DEFAULT_ACTIONS_PORT
    redis_port: int = DEFAULT_REDIS_PORT
    #: the socket.io backup (``bot.serve.sorry``); default lb_port + SORRY_OFFSET
    sorry_port: Optional[int] = None
    web_port: Optional[int] = DEFAULT_WEB_PORT
    workdir: Path = paths.BUILD / "stack"
    pg_directory: Path = paths.BUILD / "postgres"
    pg_settings: PgSettings = field(default_factory=PgSettings.from_env)
    max_connections: int = 100
    #: the lock lease (s): a killed replica's turn holds its conversation at most this long
    lock_lifetime: float = 15.0
    #: CLONUS_ACTION_TIMEOUT for the replicas: shorter than the lease (checked at start-up)
    action_timeout: float = 10.0
    #: first restart delay of the supervisor (doubles up to 30 s)
    backoff_initial: float = 1.0
    extra_env: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.replica_ports:
            self.replica_ports = [self.lb_port + 1 + i for i in range(self.replicas)]
        if len(self.replica_ports) != self.replicas:
            raise ValueError("one port per replica")
        if self.sorry_port is None:
            self.sorry_port = self.lb_port + SORRY_OFFSET

    @property
    def lb_url(self) -> str:
        return f"http://127.0.0.1:{self.lb_port}"

    @property
    def rest_url(self) -> str:
        return f"{self.lb_url}/webhooks/rest/webhook"

    @property
    def page_origin(self) -> str:
        """An origin the socket.io channel accepts (the demo page's; credentials.yml's
        default page when the stack serves none)."""
        return f"http://localhost:{self.web_port or DEFAULT_WEB_PORT}"


class _Daemon:
    """``poll()`` for a server that runs as a daemon (PostgreSQL), for the supervisor."""

    def __init__(self, alive: Callable[[], bool]) -> None:
        self.alive = alive
        self.returncode: Optional[int] = None

    def poll(self) -> Optional[int]:
        self.returncode = None if self.alive() else 1
        return self.returncode


class Stack:
    """All servers of ``make stack``; a context manager that always stops them."""

    def __init__(self, config: StackConfig, report: Callable[[str], None] = print) -> None:
        self.config = config
        self.report = report
        self.log_dir = config.workdir / "logs"
        self.postgres = PostgresCluster(directory=config.pg_directory,
                                        settings=config.pg_settings,
                                        max_connections=config.max_connections)
        self._logs: list[IO[bytes]] = []
        self.redis = RedisServer(config.workdir / "redis", port=config.redis_port,
                                 log=self._log("redis"))
        self.front = Servers(self._server_config(config.lb_port, "front"))
        self.replicas = [Servers(self._server_config(port, f"replica-{i + 1}"))
                         for i, port in enumerate(config.replica_ports)]
        self.lb: Optional[subprocess.Popen] = None
        self.sorry: Optional[subprocess.Popen] = None
        self.lb_config: Optional[Path] = None
        self.supervisor: Optional[Supervisor] = None

    # -- configuration --------------------------------------------------------------------
    def _log(self, name: str) -> IO[bytes]:
        self.log_dir.mkdir(parents=True, exist_ok=True)
        handle = open(self.log_dir / f"{name}.log", "ab")  # noqa: SIM115 - closed in stop()
        self._logs.append(handle)
        return handle

    def replica_name(self, index: int) -> str:
        return f"r{index + 1}"

    def _server_config(self, port: int, name: str) -> ServerConfig:
        c = self.config
        env = {**self.postgres.env(replicas=c.replicas),
               "CLONUS_ACTION_TIMEOUT": f"{c.action_timeout:g}", **c.extra_env}
        return ServerConfig(
            model=c.model, rasa_port=port, actions_port=c.actions_port,
            log_dir=self.log_dir / name, extra_env=env,
            # the page is opened as http://localhost:<web_port>/ and its widget talks to
            # http://localhost:<lb_port> (same site: HAProxy's socket.io cookie is sent)
            web_port=c.web_port, tracker_store=self.postgres.tracker_store(),
            lock_store={"type": "bot.serve.lock_store.AtomicRedisLockStore",
                        "url": self.redis.url, "lock_lifetime": c.lock_lifetime,
                        "wait_timeout": 2 * c.lock_lifetime, "socket_timeout": 1},
        )

    # -- start and stop ------------------------------------------------------------------
    def start_lb(self) -> None:
        backends = [haproxy.Backend(self.replica_name(i), port)
                    for i, port in enumerate(self.config.replica_ports)]
        assert self.config.sorry_port is not None
        self.lb_config = haproxy.render(self.config.workdir / "haproxy", self.config.lb_port,
                                        backends, sorry=haproxy.Backend(
                                            "sorry", self.config.sorry_port))
        haproxy.check_config(self.lb_config)
        self.lb = haproxy.launch(self.lb_config, log=self._log("haproxy"))

    def start_sorry(self) -> None:
        """The socket.io backup (``bot.serve.sorry``), with the replicas' allowed origins."""
        credentials = self.front.render_credentials()
        self.sorry = subprocess.Popen(
            [sys.executable, "-m", "bot.serve.sorry", "--port", str(self.config.sorry_port),
             "--credentials", str(credentials)],
            # the replicas here take their origins from credentials.yml only: so does it
            cwd=paths.ROOT, env={k: v for k, v in self.front.config.env().items()
                                 if k != ALLOWED_ORIGINS_ENV}, stdout=self._log("sorry"),
            stderr=subprocess.STDOUT, start_new_session=True)

    def wait_sorry(self, timeout: float = 60.0) -> None:
        self.front._wait(f"http://127.0.0.1:{self.config.sorry_port}/health", self.sorry,
                         "sorry server", timeout)

    def start_web(self) -> None:
        if self.config.web_port is None:
            return
        front = self.front
        out, err = front._output("web")
        front.web = subprocess.Popen(
            [sys.executable, "-m", "bot.serve.web", "--port", str(self.config.web_port),
             "--socket-url", f"http://localhost:{self.config.lb_port}"],
            cwd=paths.ROOT, env=front.config.env(), stdout=out, stderr=err,
            start_new_session=True)

    def start(self, timeout: float = 300.0) -> float:
        """Start everything and wait until the load balancer answers through every replica;
        returns the seconds taken."""
        started = time.monotonic()
        self.config.workdir.mkdir(parents=True, exist_ok=True)
        self.report(f"PostgreSQL: {self.postgres.data_dir} on port {self.postgres.settings.port}")
        self.postgres.start()
        self.postgres.create_database()
        self.report(f"Redis: port {self.redis.port}")
        self.redis.start()
        self.front.start_actions()
        for replica in self.replicas:
            replica.start_rasa()
        self.start_web()
        self.start_sorry()
        self.start_lb()
        self.front.wait_actions(timeout)
        self.wait_sorry(timeout)
        for replica in self.replicas:
            self.wait_ready(replica, timeout)
        self.front.wait_web(timeout)
        self.wait_lb(timeout)
        self.supervisor = self._make_supervisor().start()
        return time.monotonic() - started

    def wait_ready(self, replica: Servers, timeout: float = 300.0) -> None:
        replica._wait(f"http://127.0.0.1:{replica.config.rasa_port}{READY_PATH}", replica.rasa,
                      f"Rasa replica on port {replica.config.rasa_port}", timeout)

    def wait_lb(self, timeout: float = 60.0) -> None:
        """Until HAProxy sees every replica UP."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.supervisor is None and self.lb is not None and self.lb.poll() is not None:
                raise RuntimeError(f"HAProxy exited ({self.lb.returncode}): see "
                                   f"{self.log_dir / 'haproxy.log'}")
            try:
                states = self.lb_states()
                if states and all(state == "UP" for state in states.values()):
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise TimeoutError(f"HAProxy did not see every replica up within {timeout:.0f} s")

    def lb_states(self) -> dict[str, str]:
        return haproxy.server_states(self.config.workdir / "haproxy")

    def _make_supervisor(self) -> Supervisor:
        def backoff() -> Backoff:
            return Backoff(initial=self.config.backoff_initial)

        watched = [Watched(f"Rasa replica {self.replica_name(i)}",
                           (lambda r=replica: r.rasa), replica.start_rasa, backoff())
                   for i, replica in enumerate(self.replicas)]
        watched += [
            Watched("action server", lambda: self.front.actions, self.front.start_actions,
                    backoff()),
            Watched("HAProxy", lambda: self.lb, self.start_lb, backoff()),
            Watched("sorry server", lambda: self.sorry, self.start_sorry, backoff()),
            Watched("Redis", lambda: self.redis.proc, self._relaunch_redis, backoff()),
            Watched("PostgreSQL", lambda: _Daemon(self.postgres.alive),
                    lambda: self.postgres.start(timeout=30), backoff()),
        ]
        if self.config.web_port is not None:
            watched.append(Watched("demo page", lambda: self.front.web, self.start_web,
                                   backoff()))
        return Supervisor(watched, report=self.report)

    def _relaunch_redis(self) -> None:
        self.redis.launch()

    def watched(self, name: str) -> Watched:
        assert self.supervisor is not None, "start() first"
        for item in self.supervisor.watched:
            if item.name == name:
                return item
        raise KeyError(name)

    def stop(self) -> None:
        if self.supervisor is not None:
            self.supervisor.stop()
        _stop_all([self.lb, *(r.rasa for r in self.replicas), self.front.web,
                   self.front.actions, self.sorry])
        for servers in (*self.replicas, self.front):
            servers.stop()  # closes their log files (the processes are gone)
        self.redis.stop()
        try:
            self.postgres.stop()
        except Exception as error:  # noqa: BLE001 - report and go on stopping
            self.report(f"PostgreSQL did not stop cleanly: {error}")
        for handle in self._logs:
            handle.close()
        self._logs.clear()

    def __enter__(self) -> "Stack":
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- faults ---------------------------------------------------------------------------
    def kill_replica(self, index: int, sig: int = signal.SIGKILL) -> None:
        proc = self.replicas[index].rasa
        if proc is not None and proc.poll() is None:
            os.killpg(proc.pid, sig)
            proc.wait(timeout=30)

    def replica_ready(self, index: int) -> bool:
        port = self.config.replica_ports[index]
        try:
            return requests.get(f"http://127.0.0.1:{port}{READY_PATH}", timeout=2).ok
        except requests.RequestException:
            return False

    def rolling_restart(self, timeout: float = 300.0) -> list[float]:
        """Restart the replicas one at a time: drain it in HAProxy, stop it (SIGTERM),
        start it, wait until it is ready and HAProxy sees it UP. Returns each replica's
        seconds out of service."""
        took = []
        for i, replica in enumerate(self.replicas):
            name = self.replica_name(i)
            item = self.watched(f"Rasa replica {name}")
            item.paused = True
            began = time.monotonic()
            try:
                haproxy.set_state(self.config.workdir / "haproxy", name, "drain")
                Servers._stop(replica.rasa)
                replica.start_rasa()
                self.wait_ready(replica, timeout)
                haproxy.set_state(self.config.workdir / "haproxy", name, "ready")
                self.wait_lb(60)
            finally:
                item.paused = False
            took.append(time.monotonic() - began)
        return took

    def describe(self) -> str:
        c = self.config
        lines = [
            f"  load balancer: {c.lb_url}  (HAProxy; REST balanced, socket.io sticky)",
            f"  REST:          curl -s -X POST {c.rest_url} -H 'Content-Type: application/json'"
            " -d '{\"sender\": \"me\", \"message\": \"what is clonus?\"}'",
        ]
        if c.web_port is not None:
            lines.append(f"  web page:      http://localhost:{c.web_port}/  (widget -> the LB)")
        lines += [
            "  replicas:      " + ", ".join(f"{self.replica_name(i)} 127.0.0.1:{p}"
                                             for i, p in enumerate(c.replica_ports)),
            f"  actions:       http://127.0.0.1:{c.actions_port}/health",
            f"  sorry server:  127.0.0.1:{c.sorry_port} (socket.io backup: the polite reply "
            "while no replica is ready)",
            f"  PostgreSQL:    {self.postgres.url(with_password=False)} "
            f"(cluster in {c.pg_directory}; pool per replica "
            f"{self.postgres.env(c.replicas)['SQL_POOL_SIZE']}+"
            f"{self.postgres.env(c.replicas)['SQL_MAX_OVERFLOW']} of "
            f"max_connections {c.max_connections})",
            f"  Redis:         {self.redis.url} (lock store)",
            f"  logs:          {self.log_dir}",
        ]
        return "\n".join(lines)


def _stop_all(procs: list[Optional[subprocess.Popen]], timeout: float = 15.0) -> None:
    """SIGTERM to every process group at once, SIGKILL to those still there after
    ``timeout`` seconds (one slow replica does not hold up the others)."""
    running = [p for p in procs if p is not None and p.poll() is None]
    for proc in running:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
    deadline = time.monotonic() + timeout
    for proc in running:
        try:
            proc.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.wait(timeout=10)
