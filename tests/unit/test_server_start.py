"""Starting the servers the way `make run` does (bot/serve/servers.py, bot/cli.py): a server that
is alive but slow is waited for with a note instead of silence; one that exits, or does not answer
in time, ends the start-up with one clear line and the log path, never a traceback."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest

from bot import cli
from bot.serve.servers import ServerConfig, Servers


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _servers(tmp_path: Path) -> Servers:
    return Servers(ServerConfig(model=tmp_path / "model.tar.gz", tracker_db=tmp_path / "t.db"))


def test_a_live_server_that_is_still_loading_gets_progress_notes(tmp_path: Path) -> None:
    servers = _servers(tmp_path)
    notes: list = []
    servers.progress, servers.progress_every = notes.append, 0.3
    alive = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        with pytest.raises(TimeoutError):
            servers._wait(f"http://127.0.0.1:{_free_port()}/health", alive, "action server", 1.5)
    finally:
        alive.kill()
        alive.wait()
    assert notes and all("still waiting for the action server" in n for n in notes)


def test_a_server_that_exits_is_reported_at_once(tmp_path: Path) -> None:
    servers = _servers(tmp_path)
    gone = subprocess.Popen([sys.executable, "-c", "raise SystemExit(3)"])
    gone.wait()
    with pytest.raises(RuntimeError, match="exited with code 3"):
        servers._wait(f"http://127.0.0.1:{_free_port()}/health", gone, "action server", 60)


def test_make_run_says_why_it_could_not_start_without_a_traceback(monkeypatch, tmp_path, capsys) -> None:
    monkeypatch.setattr("bot.training.ensure_model", lambda: tmp_path / "model.tar.gz")

    def fail(self, timeout: float = 0) -> float:
        assert timeout == cli.START_TIMEOUT_S
        raise RuntimeError("action server exited with code 1 during start-up")

    monkeypatch.setattr(Servers, "start", fail)
    monkeypatch.setattr(Servers, "stop", lambda self: None)
    monkeypatch.setattr(cli.signal, "signal", lambda *a: None)  # keep pytest's own handlers
    args = cli.build_parser().parse_args(["run", "--tracker-db", str(tmp_path / "t.db")])
    assert cli.cmd_run(args) == 1
    err = capsys.readouterr().err
    assert "could not start: action server exited with code 1" in err
    assert "Traceback" not in err


def test_stop_also_stops_a_process_a_restart_replaced(tmp_path: Path, monkeypatch) -> None:
    # a restart whose wait timed out used to leave the earlier process running
    servers = _servers(tmp_path)
    sleeper = [sys.executable, "-c", "import time; time.sleep(60)"]

    real_popen = subprocess.Popen

    def popen(args, **kwargs):  # the real start_actions, a sleeper instead of rasa_sdk
        assert "rasa_sdk" in args
        return real_popen(sleeper, start_new_session=True)

    monkeypatch.setattr("bot.serve.servers.subprocess.Popen", popen)
    servers.start_actions()
    first = servers.actions
    servers.start_actions()  # the first is still alive, no longer servers.actions
    second = servers.actions
    assert first is not second and first.poll() is None
    servers.stop()
    assert first.wait(timeout=25) is not None and second.wait(timeout=25) is not None
    assert servers._started == []
