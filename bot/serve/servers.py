"""Start and stop the action server, the Rasa server and the demo page the way ``make run`` does.

Used by ``python -m bot run``, the end-to-end test fixture and the benchmark, so
all three exercise the same start-up path: Rasa bound to 127.0.0.1, no HTTP API
(``--enable-api`` is never passed), telemetry off, INFO logs (debug logs would
print user text), a SQLite tracker store and a local action server. With a
``web_port``, the demo page with the chat widget (``bot/serve/web.py``) is served too, and its
origins are added to the socket.io channel's allowed origins. Messaging channels
(Telegram, Twilio, Slack, Messenger) run only when their environment variables are set
(``select_channels``): the default run needs no secret and calls no platform.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Callable, Mapping, Optional

import requests
import yaml

from bot import paths
from bot.constants import DEFAULT_ACTIONS_PORT, DEFAULT_RASA_PORT

if TYPE_CHECKING:
    from bot.serve.supervise import Supervisor

#: Names the project's socket.io channel can have in credentials.yml.
SOCKETIO_CHANNELS = ("bot.channels.socketio.SocketIOInput", "socketio")

_ENV_REFERENCE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")


def _env_names(value: Any) -> list[str]:
    if isinstance(value, str):
        return _ENV_REFERENCE.findall(value)
    if isinstance(value, dict):
        return [name for item in value.values() for name in _env_names(item)]
    if isinstance(value, list):
        return [name for item in value for name in _env_names(item)]
    return []


def select_channels(
    data: dict[str, Any], env: Mapping[str, str]
) -> tuple[dict[str, Any], list[str], dict[str, list[str]]]:
    """The channels of credentials.yml that can run with the environment ``env``.

    A channel section whose settings name environment variables (``${VAR}``) is kept only
    when every variable named by its top-level settings is set (non-empty); settings under
    its ``optional:`` key are kept when their variables are set and left out otherwise (the
    channel's defaults apply). Sections without variables (REST, socket.io) are always kept.
    The ``${VAR}`` references stay in the copy: Rasa reads the values from the environment
    when it loads the file, so no secret is written to disk.

    Returns the rendered data, the enabled messaging channels and, for each channel left
    out, its missing variables.
    """
    rendered: dict[str, Any] = {}
    enabled: list[str] = []
    skipped: dict[str, list[str]] = {}
    for channel, section in data.items():
        if not isinstance(section, dict) or not _env_names(section):
            rendered[channel] = section
            continue
        required = {key: value for key, value in section.items() if key != "optional"}
        missing = sorted({name for name in _env_names(required) if not env.get(name)})
        if missing:
            skipped[channel] = missing
            continue
        optional = section.get("optional") if isinstance(section.get("optional"), dict) else {}
        kept = {key: value for key, value in optional.items()
                if all(env.get(name) for name in _env_names(value))}
        rendered[channel] = {**required, **({"optional": kept} if kept else {})}
        enabled.append(channel)
    return rendered, enabled, skipped


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
    #: Port of the demo page with the web widget (None: no page).
    web_port: Optional[int] = None
    #: Country the page passes to the bot ("" = the visitor's browser region).
    web_country: str = ""
    #: ``lock_store`` section for endpoints.yml (None: keep the file's; in memory by default),
    #: e.g. ``{"type": "bot.serve.lock_store.AtomicRedisLockStore", "url": "redis://..."}``.
    lock_store: Optional[dict[str, Any]] = None
    #: ``tracker_store`` section for endpoints.yml (None: the file's, SQLite at tracker_db),
    #: e.g. ``PostgresCluster.tracker_store()`` (``bot.serve.postgres``).
    tracker_store: Optional[dict[str, Any]] = None

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

    @property
    def socket_url(self) -> str:
        return f"http://127.0.0.1:{self.rasa_port}"

    @property
    def page_url(self) -> Optional[str]:
        return None if self.web_port is None else f"http://localhost:{self.web_port}/"

    @property
    def page_origins(self) -> list[str]:
        if self.web_port is None:
            return []
        return [f"http://localhost:{self.web_port}", f"http://127.0.0.1:{self.web_port}"]


class Servers:
    """The two processes; a context manager that always stops them."""

    def __init__(self, config: ServerConfig) -> None:
        self.config = config
        self.actions: Optional[subprocess.Popen] = None
        self.rasa: Optional[subprocess.Popen] = None
        self.web: Optional[subprocess.Popen] = None
        #: every process started (a restart replaces ``self.actions``; ``stop`` still stops
        #: an earlier one that is alive, e.g. after a restart that timed out)
        self._started: list[subprocess.Popen] = []
        self._logs: list[IO[bytes]] = []
        #: messaging channels enabled / left out (missing variables) in the rendered credentials
        self.channels: list[str] = []
        self.skipped_channels: dict[str, list[str]] = {}
        #: where a start-up on a busy machine says it is still waiting (None: silent)
        self.progress: Optional[Callable[[str], None]] = None
        self.progress_every = 60.0

    def _output(self, name: str) -> tuple[object, object]:
        if self.config.log_dir is None:
            return None, None
        self.config.log_dir.mkdir(parents=True, exist_ok=True)
        handle = open(self.config.log_dir / f"{name}.log", "ab")  # noqa: SIM115
        self._logs.append(handle)
        return handle, subprocess.STDOUT

    def _track(self, proc: subprocess.Popen) -> None:
        """Remember a started process (those that have exited are forgotten)."""
        self._started = [p for p in self._started if p.poll() is None] + [proc]

    def start_actions(self) -> None:
        out, err = self._output("actions")
        self.actions = subprocess.Popen(
            [sys.executable, "-m", "rasa_sdk", "--actions", "actions",
             "--port", str(self.config.actions_port)],
            cwd=paths.ROOT, env=self.config.env(), stdout=out, stderr=err,
            start_new_session=True,
        )
        self._track(self.actions)

    def render_endpoints(self) -> Path:
        """A copy of endpoints.yml pointing at this run's action port, tracker db and (when
        configured) lock store."""
        data = yaml.safe_load(self.config.endpoints.read_text(encoding="utf-8")) or {}
        data.setdefault("action_endpoint", {})["url"] = (
            f"http://127.0.0.1:{self.config.actions_port}/webhook"
        )
        if self.config.tracker_store is not None:
            data["tracker_store"] = dict(self.config.tracker_store)
        store = data.setdefault("tracker_store", {"type": "SQL", "dialect": "sqlite"})
        if store.get("dialect") == "sqlite":
            store["db"] = str(self.config.tracker_db)
        if self.config.lock_store is not None:
            data["lock_store"] = dict(self.config.lock_store)
        target = paths.BUILD / "run" / f"endpoints-{self.config.rasa_port}.yml"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
        return target

    def render_credentials(self) -> Path:
        """credentials.yml with only the messaging channels whose environment variables are
        set (``select_channels``), and the demo page's origins allowed on the socket.io channel."""
        data = yaml.safe_load(self.config.credentials.read_text(encoding="utf-8")) or {}
        data, self.channels, self.skipped_channels = select_channels(data, self.config.env())
        for name in SOCKETIO_CHANNELS if self.config.page_origins else ():
            if name in data:
                section = data[name] if isinstance(data[name], dict) else {}
                origins = section.get("cors_allowed_origins") or []
                if isinstance(origins, str):
                    origins = [o.strip() for o in origins.split(",") if o.strip()]
                section["cors_allowed_origins"] = list(dict.fromkeys(
                    [*origins, *self.config.page_origins]))
                data[name] = section
        target = paths.BUILD / "run" / f"credentials-{self.config.rasa_port}.yml"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
        return target

    def start_web(self) -> None:
        """The demo page (``python -m bot.serve.web``) on ``web_port``, pointing at this Rasa."""
        if self.config.web_port is None:
            return
        out, err = self._output("web")
        self.web = subprocess.Popen(
            [sys.executable, "-m", "bot.serve.web", "--port", str(self.config.web_port),
             "--socket-url", self.config.socket_url, "--country", self.config.web_country],
            cwd=paths.ROOT, env=self.config.env(), stdout=out, stderr=err,
            start_new_session=True,
        )
        self._track(self.web)

    def start_rasa(self) -> None:
        out, err = self._output("rasa")
        endpoints = self.render_endpoints()
        self.rasa = subprocess.Popen(
            [sys.executable, "-m", "rasa", "run",
             "--model", str(self.config.model),
             "--interface", "127.0.0.1", "--port", str(self.config.rasa_port),
             "--credentials", str(self.render_credentials()),
             "--endpoints", str(endpoints)],
            cwd=paths.ROOT, env=self.config.env(), stdout=out, stderr=err,
            start_new_session=True,
        )
        self._track(self.rasa)

    def start(self, timeout: float = 180.0) -> float:
        """Start both servers and wait until each answers; returns seconds taken."""
        started = time.monotonic()
        self.start_actions()
        self.start_rasa()
        self.start_web()
        self.wait_actions(timeout)
        self.wait_rasa(timeout)
        self.wait_web(timeout)
        return time.monotonic() - started

    def _wait(self, url: str, proc: Optional[subprocess.Popen], what: str, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        next_note = time.monotonic() + self.progress_every
        while time.monotonic() < deadline:
            if self.progress is not None and time.monotonic() >= next_note:
                # a busy machine: the server is alive and still loading, say so instead of silence
                self.progress(f"still waiting for the {what} (alive, loading) ...")
                next_note += self.progress_every
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

    def wait_web(self, timeout: float = 30.0) -> None:
        if self.config.web_port is not None:
            self._wait(f"http://127.0.0.1:{self.config.web_port}/health", self.web,
                       "demo page server", timeout)

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

    def supervisor(self, report: Optional[Callable[[str], None]] = None) -> "Supervisor":
        """A supervisor (not started) that restarts the action server and the demo page
        with back-off when they exit (``bot.serve.supervise``); Rasa is not restarted."""
        from bot.serve.supervise import Supervisor, Watched

        watched = [Watched("action server", lambda: self.actions, self.start_actions)]
        if self.config.web_port is not None:
            watched.append(Watched("demo page server", lambda: self.web, self.start_web))
        return Supervisor(watched, **({"report": report} if report else {}))

    def stop(self) -> None:
        self._stop(self.web)
        self._stop(self.rasa)
        self._stop(self.actions)
        for proc in self._started:  # an earlier process a restart replaced, if still alive
            self._stop(proc)
        self._started.clear()
        for handle in self._logs:
            handle.close()
        self._logs.clear()

    def __enter__(self) -> "Servers":
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
