"""HAProxy in front of the Rasa replicas (``make stack``): the configuration, generated
into ``build/``, and the process.

- REST and messaging webhooks (``/webhooks/...``) are spread round-robin over the replicas.
- socket.io (``/socket.io/``) is sticky, so the polling requests and the websocket upgrade
  of one client reach the same process: the widget sends its browser key (``clonus_key``)
  in every socket.io URL, and HAProxy picks the replica by a consistent hash of it (a
  browser's cross-origin XHR carries no cookie: socket.io-client 4 does not send
  credentials); other clients get a cookie naming the replica on the first request. A
  websocket-only client is one TCP connection and stays on one replica anyway. Both
  paths are tested (tests/serve/test_stack_e2e.py, and the widget in Chromium).
- Health checks: ``GET /webhooks/health/ready`` every second (``bot.channels.health``:
  model loaded, database and Redis reachable; 3 s to answer); three failures take a replica
  out, two successes bring it back. A connection that fails is retried on another replica
  (``retry-on conn-failure`` + ``redispatch 1``: every retry goes to another replica); a request that reached a replica is never
  sent twice (a user message must not be processed twice).
- When every replica fails its check (the database gone, or all too busy to answer the
  check within 3 s), requests still go to the live processes (unchecked ``backup``
  entries): Rasa answers itself, politely when a store is down.
- socket.io has its own backup: when no replica is up, widget connections go to the
  "sorry" server (``bot.serve.sorry``: it answers every message with the polite domain
  response, in the widget's language); when a replica comes back, HAProxy shuts the
  sorry server's sessions (``on-marked-up shutdown-backup-sessions``) and the widget
  reconnects to the replica.
- When no replica can answer at all, HAProxy itself answers with
  the project's polite JSON reply (``REPLY_UNAVAILABLE``: "temporarily unavailable ... call
  your local emergency number"), never an empty or HTML error page.
- An admin socket (``<workdir>/haproxy.sock``) lets the stack drain a replica before a
  rolling restart (``set_state``).
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Optional, Sequence

from bot.constants import REPLY_SERVER_ERROR, REPLY_UNAVAILABLE

HAPROXY_BINARY = shutil.which("haproxy") or "/usr/sbin/haproxy"
MISSING = (f"{HAPROXY_BINARY} is missing: install Debian's haproxy "
           "(`apt-get install -y haproxy`; .ci/run and `make stack` do it)")
COOKIE = "CLONUS_REPLICA"
#: bot.channels.health.READY_PATH (not imported: that module loads Rasa)
READY_PATH = "/webhooks/health/ready"
#: bot.serve.sorry.HEALTH_PATH (the socket.io backup's check; the replicas are tracked)
SORRY_HEALTH_PATH = "/health"
#: suffix of the unchecked backup entry of each replica (used only when all checks fail)
ANY = "-any"
#: health check: interval (ms), failures to go down, successes to come back
CHECK_INTER_MS = 1000
CHECK_FALL = 3
CHECK_RISE = 2


def available() -> bool:
    return Path(HAPROXY_BINARY).exists()


def _error_response(status: int, reason: str, text: str) -> str:
    body = json.dumps([{"recipient_id": "", "text": text}])
    return (f"HTTP/1.0 {status} {reason}\r\nCache-Control: no-cache\r\nConnection: close\r\n"
            f"Content-Type: application/json\r\n\r\n{body}\n")


@dataclass
class Backend:
    """One Rasa replica."""

    name: str
    port: int


def render(workdir: Path, port: int, backends: Sequence[Backend],
           bind: str = "127.0.0.1", sorry: Optional[Backend] = None) -> Path:
    """Write ``haproxy.cfg`` and its error pages into ``workdir``; returns the config path.
    ``sorry``: the socket.io backup server (``bot.serve.sorry``), used only while no
    replica is up."""
    workdir.mkdir(parents=True, exist_ok=True)
    errors = {503: ("Service Unavailable", REPLY_UNAVAILABLE),
              502: ("Bad Gateway", REPLY_UNAVAILABLE),
              504: ("Gateway Timeout", REPLY_SERVER_ERROR)}
    for status, (reason, text) in errors.items():
        (workdir / f"{status}.http").write_text(_error_response(status, reason, text),
                                                encoding="utf-8")
    checks = f"check inter {CHECK_INTER_MS} fall {CHECK_FALL} rise {CHECK_RISE}"
    rest = "\n".join(f"  server {b.name} 127.0.0.1:{b.port} {checks}" for b in backends)
    # when every replica fails its check (a database outage, or replicas too busy to answer
    # the check in time) traffic still goes to the live processes, which answer themselves
    # (politely, when a store is down); a dead one refuses the connection: retried elsewhere
    rest += "\n" + "\n".join(f"  server {b.name}{ANY} 127.0.0.1:{b.port} backup"
                             for b in backends)
    # a replica marked up again ends the sorry server's sessions: the widgets reconnect
    back_up = " on-marked-up shutdown-backup-sessions" if sorry is not None else ""
    sticky = "\n".join(f"  server {b.name} 127.0.0.1:{b.port} track rest/{b.name} "
                       f"cookie {b.name}{back_up}" for b in backends)
    if sorry is not None:
        sticky += (f"\n  server {sorry.name} 127.0.0.1:{sorry.port} backup "
                   f"check inter {CHECK_INTER_MS} fall {CHECK_FALL} rise {CHECK_RISE}")
    config = f"""# generated by bot/serve/haproxy.py -- do not edit
global
  maxconn 5000
  stats socket {workdir / 'haproxy.sock'} mode 600 level admin
  hard-stop-after 10s

defaults
  mode http
  option http-server-close
  timeout connect 2s
  timeout client 120s
  timeout server 120s
  timeout tunnel 1h
  timeout http-request 10s
  timeout queue 30s
  # a replica busy with a burst may answer its check late: only a dead or not-ready one fails
  timeout check 3s
  retries 3
  retry-on conn-failure
  option redispatch 1
  errorfile 502 {workdir / '502.http'}
  errorfile 503 {workdir / '503.http'}
  errorfile 504 {workdir / '504.http'}

frontend clonus
  bind {bind}:{port}
  acl socketio path_beg /socket.io/
  use_backend socketio if socketio
  default_backend rest

backend rest
  balance roundrobin
  option allbackups
  option httpchk GET {READY_PATH}
  http-check expect status 200
{rest}

backend socketio
  # the widget sends its browser key on every request: one browser, one replica
  balance url_param clonus_key
  hash-type consistent
  cookie {COOKIE} insert indirect nocache httponly
  option httpchk GET {SORRY_HEALTH_PATH}
{sticky}
"""
    target = workdir / "haproxy.cfg"
    target.write_text(config, encoding="utf-8")
    return target


def check_config(config: Path) -> None:
    """``haproxy -c``: raises with HAProxy's message when the file is invalid."""
    done = subprocess.run([HAPROXY_BINARY, "-c", "-q", "-f", str(config)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise ValueError(f"invalid HAProxy configuration {config}: {done.stderr or done.stdout}")


def launch(config: Path, log: Optional[IO[bytes]] = None) -> subprocess.Popen:
    """HAProxy in the foreground (``-db``), so a supervisor sees it exit."""
    out = log if log is not None else subprocess.DEVNULL
    return subprocess.Popen([HAPROXY_BINARY, "-db", "-f", str(config)], stdout=out,
                            stderr=subprocess.STDOUT if log is not None else subprocess.DEVNULL,
                            start_new_session=True)


def admin(workdir: Path, command: str, timeout: float = 2.0) -> str:
    """One command on HAProxy's admin socket (e.g. ``show servers state``)."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(timeout)
        sock.connect(str(workdir / "haproxy.sock"))
        sock.sendall(command.encode() + b"\n")
        chunks = []
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                break
            chunks.append(chunk)
    return b"".join(chunks).decode(errors="replace")


def set_state(workdir: Path, server: str, state: str) -> None:
    """``state``: ready, drain or maint, for the replica in both backends."""
    for backend in ("rest", "socketio"):
        admin(workdir, f"set server {backend}/{server} state {state}")


def server_states(workdir: Path) -> dict[str, str]:
    """Replica name -> ``UP``/``DOWN``/``MAINT``/``DRAIN`` as HAProxy sees it (rest backend)."""
    states: dict[str, str] = {}
    for line in admin(workdir, "show stat").splitlines():
        parts = line.split(",")
        if (len(parts) > 17 and parts[0] == "rest" and parts[1] not in ("FRONTEND", "BACKEND")
                and not parts[1].endswith(ANY)):
            states[parts[1]] = parts[17]
    return states
