"""The sorry server (bot/serve/sorry.py): the widget's polite reply while no replica is
ready, in the widget's language; and HAProxy's socket.io failover to it and back
(a real HAProxy in front of a stand-in replica, tests/serve/fake_replica.py)."""

from __future__ import annotations

import queue
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any, Iterator, Optional

import pytest
import requests
import yaml

from bot import paths
from bot.constants import UTTER_ACTION_UNAVAILABLE
from bot.serve import haproxy
from bot.serve.socketio_ids import session_of_key
from bot.serve.sorry import Replies, allowed_origins

from ..conftest import _free_port
from .fake_replica import REPLICA_TEXT

ORIGIN = "http://localhost:8080"


def _domain_variations() -> list[dict]:
    domain = yaml.safe_load((paths.ROOT / "domain.yml").read_text(encoding="utf-8"))
    return domain["responses"][UTTER_ACTION_UNAVAILABLE]


def test_replies_are_the_domain_response_in_the_widgets_language() -> None:
    variations = _domain_variations()
    english = next(v["text"] for v in variations if not v.get("condition"))
    hindi = next(v["text"] for v in variations if v.get("condition")
                 and v["condition"][0]["value"] == "hi")
    replies = Replies.from_domain()
    assert (replies.english, replies.hindi) == (english, hindi)
    assert "emergency number" in replies.english and "112" in replies.hindi
    assert replies.for_message("/greet", {"language": "hi"}) == hindi
    assert replies.for_message("/greet", {"language": "hi-IN"}) == hindi
    assert replies.for_message("what is clonus?", {"language": "en-GB"}) == english
    assert replies.for_message("क्लोनस क्या है?", {}) == hindi  # no choice: the message's
    assert replies.for_message("what is clonus?", None) == english
    assert replies.for_message("what is clonus?", "not a mapping") == english


def test_a_domain_without_the_hindi_variation_is_refused(tmp_path: Path) -> None:
    domain = tmp_path / "domain.yml"
    domain.write_text(yaml.safe_dump({"responses": {UTTER_ACTION_UNAVAILABLE: [
        {"text": "English only"}]}}), encoding="utf-8")
    with pytest.raises(ValueError, match="Hindi"):
        Replies.from_domain(domain)


def test_origins_come_from_the_channels_credentials() -> None:
    assert ORIGIN in allowed_origins(paths.ROOT / "credentials.yml")


def test_site_origins_replace_the_credentials_ones_like_in_the_rasa_image(tmp_path: Path) -> None:
    from bot.serve.entrypoint import render_credentials
    from bot.serve.sorry import arguments, origins_for

    site = {"CLONUS_ALLOWED_ORIGINS": "https://www.example.org, https://hi.example.org"}
    rendered = tmp_path / "credentials.yml"
    render_credentials(site, rendered)
    rasa_pod = allowed_origins(rendered)  # what the Rasa pods' socket.io channel allows
    assert rasa_pod == ["https://www.example.org", "https://hi.example.org"]
    assert origins_for(arguments([]), site) == rasa_pod
    assert origins_for(arguments(["--origin", "https://x.example.org"]), site) == [
        *rasa_pod, "https://x.example.org"]
    assert origins_for(arguments([]), {}) == allowed_origins(paths.ROOT / "credentials.yml")


def test_haproxy_checks_the_sorry_servers_health_path() -> None:
    from bot.serve.sorry import HEALTH_PATH

    assert haproxy.SORRY_HEALTH_PATH == HEALTH_PATH


def _start(args: list[str], url: str, log: Path) -> subprocess.Popen:
    with log.open("ab") as out:
        proc = subprocess.Popen([sys.executable, "-m", *args], cwd=paths.ROOT, stdout=out,
                                stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert proc.poll() is None, log.read_text()
        try:
            if requests.get(url, timeout=1).status_code in (200, 503):
                return proc
        except requests.RequestException:
            pass
        time.sleep(0.2)
    proc.kill()
    raise TimeoutError(f"{args} did not answer {url}")


def _stop(proc: Optional[subprocess.Popen]) -> None:
    if proc is not None and proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


@pytest.fixture
def sorry(tmp_path: Path) -> Iterator[str]:
    port = _free_port()
    proc = _start(["bot.serve.sorry", "--port", str(port)],
                  f"http://127.0.0.1:{port}/health", tmp_path / "sorry.log")
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        _stop(proc)


class Widget:
    """A socket.io client as the widget talks (browser key in the URL, page origin)."""

    def __init__(self, url: str, transports: list[str], origin: str = ORIGIN,
                 reconnection: bool = False) -> None:
        import socketio

        session = requests.Session()
        session.headers["Origin"] = origin
        self.key = uuid.uuid4().hex
        self.replies: "queue.Queue[dict]" = queue.Queue()
        self.sessions: "queue.Queue[str]" = queue.Queue()
        self.disconnects = 0
        self.client = socketio.Client(reconnection=reconnection, http_session=session,
                                      websocket_extra_options={"origin": origin})
        self.client.on("bot_uttered", self.replies.put)
        self.client.on("session_confirm", self.sessions.put)
        self.client.on("connect", lambda: self.client.emit("session_request",
                                                           {"session_id": None}))
        self.client.on("disconnect", self._disconnected)
        self.client.connect(f"{url}/?clonus_key={self.key}", transports=transports,
                            wait_timeout=20)
        self.session = self.sessions.get(timeout=20)

    def _disconnected(self, *args: Any) -> None:
        self.disconnects += 1

    def say(self, text: str, language: str = "en", timeout: float = 20) -> str:
        self.client.emit("user_uttered", {"message": text, "session_id": self.session,
                                          "customData": {"language": language}})
        return str(self.replies.get(timeout=timeout)["text"])

    def close(self) -> None:
        self.client.disconnect()


@pytest.mark.parametrize("transports", [["websocket"], ["polling", "websocket"]],
                         ids=["websocket-only", "polling-then-websocket"])
def test_the_widget_gets_the_polite_reply_in_its_language(sorry: str,
                                                          transports: list[str]) -> None:
    replies = Replies.from_domain()
    widget = Widget(sorry, transports)
    try:
        # the session the replicas would confirm: the widget keeps its conversation
        assert widget.session == session_of_key(widget.key)
        assert widget.say("/greet") == replies.english
        assert widget.say("what is clonus?") == replies.english
        assert widget.say("क्लोनस क्या है?", language="hi") == replies.hindi
    finally:
        widget.close()


def test_a_session_limit_closes_the_transport_and_the_widget_reconnects(tmp_path: Path) -> None:
    """Kubernetes: nothing ends the sorry server's sessions when Rasa is back, so it closes
    each connection after --session-limit s; the widget reconnects by itself (a transport
    close, not a socket.io disconnect, after which socket.io clients stay away)."""
    port = _free_port()
    proc = _start(["bot.serve.sorry", "--port", str(port), "--session-limit", "1.5"],
                  f"http://127.0.0.1:{port}/health", tmp_path / "sorry.log")
    widget = None
    try:
        widget = Widget(f"http://127.0.0.1:{port}", ["websocket"], reconnection=True)
        again = widget.sessions.get(timeout=20)  # a new connection's session_request
        assert widget.disconnects >= 1 and again == widget.session
        assert "temporarily unavailable" in widget.say("hello")
    finally:
        if widget is not None:
            widget.client.disconnect()
        _stop(proc)


def test_another_origin_is_refused(sorry: str) -> None:
    import socketio

    with pytest.raises(socketio.exceptions.ConnectionError):
        Widget(sorry, ["polling"], origin="https://evil.example")


def test_haproxy_fails_over_to_the_sorry_server_and_back(sorry: str, tmp_path: Path) -> None:
    """Replica ready: widgets talk to it. Replica not ready: a new widget connection gets
    the sorry server's polite reply (before: HAProxy's 503, the widget showed nothing).
    Replica ready again: HAProxy ends the sorry server's sessions, the widget reconnects
    and its next message is answered by the replica."""
    if not haproxy.available():
        pytest.skip(haproxy.MISSING)
    ready = tmp_path / "ready"
    ready.touch()
    replica_port, lb_port = _free_port(), _free_port()
    replica = _start(["tests.serve.fake_replica", "--port", str(replica_port),
                      "--ready-file", str(ready), "--origin", ORIGIN],
                     f"http://127.0.0.1:{replica_port}{haproxy.READY_PATH}",
                     tmp_path / "replica.log")
    sorry_port = int(sorry.rsplit(":", 1)[1])
    config = haproxy.render(tmp_path / "lb", lb_port, [haproxy.Backend("r1", replica_port)],
                            sorry=haproxy.Backend("sorry", sorry_port))
    haproxy.check_config(config)
    lb = haproxy.launch(config)
    lb_url = f"http://127.0.0.1:{lb_port}"
    widgets: list[Widget] = []
    try:
        def states() -> dict[str, str]:
            try:
                return haproxy.server_states(tmp_path / "lb")
            except OSError:
                return {}

        def wait_state(state: str) -> float:
            began = time.monotonic()
            while states().get("r1") != state:
                assert time.monotonic() - began < 30, states()
                time.sleep(0.1)
            return time.monotonic() - began

        wait_state("UP")
        before = Widget(lb_url, ["websocket"])
        widgets.append(before)
        assert before.say("what is clonus?") == REPLICA_TEXT

        ready.unlink()
        wait_state("DOWN")
        replies = Replies.from_domain()
        during = [Widget(lb_url, ["websocket"], reconnection=True),
                  Widget(lb_url, ["polling", "websocket"], reconnection=True)]
        widgets += during
        for widget in during:
            assert widget.say("/greet") == replies.english
            assert widget.say("क्लोनस क्या है?", language="hi") == replies.hindi

        ready.touch()
        wait_state("UP")
        for widget in during:
            deadline = time.monotonic() + 30
            answer = ""
            while time.monotonic() < deadline:  # until it has reconnected to the replica
                try:
                    answer = widget.say("what is clonus?", timeout=2)
                except queue.Empty:
                    continue
                except Exception:  # noqa: BLE001 - not connected at this moment
                    time.sleep(0.2)
                    continue
                if answer == REPLICA_TEXT:
                    break
                time.sleep(0.2)
            assert answer == REPLICA_TEXT
            assert widget.disconnects >= 1  # HAProxy ended its session on the sorry server
    finally:
        for widget in widgets:
            try:
                widget.close()
            except Exception:  # noqa: BLE001
                pass
        _stop(lb)
        _stop(replica)
