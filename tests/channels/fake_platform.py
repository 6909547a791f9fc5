"""A fake messaging-platform API on 127.0.0.1 that records what the bot sends.

One HTTP server plays Telegram (``/telegram``), Twilio (``/twilio``), Slack (``/slack``)
and Messenger (``/facebook``): the channels' ``api_base`` points at it. Every request is
recorded (path, JSON or form body, headers, the status answered). Tests can make paths
answer an error status or hang (``fail`` / ``hang``), for a number of requests or until
``reset``.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Dict, List, Optional
from urllib.parse import parse_qs, urlsplit


@dataclass
class Call:
    """One request the bot made."""

    method: str
    path: str
    query: Dict[str, List[str]]
    headers: Dict[str, str]
    json: Any = None
    form: Dict[str, str] = field(default_factory=dict)
    status: int = 200
    at: float = field(default_factory=time.monotonic)

    @property
    def platform(self) -> str:
        return self.path.strip("/").split("/", 1)[0]

    @property
    def delivered(self) -> bool:
        return 200 <= self.status < 300


@dataclass
class Rule:
    path_part: str
    status: Optional[int] = None  # an error status to answer
    hang: float = 0.0  # seconds to wait before answering
    times: Optional[int] = None  # None: until reset


class FakePlatform:
    def __init__(self) -> None:
        self.calls: List[Call] = []
        self.rules: List[Rule] = []
        self._lock = threading.Lock()
        self._release = threading.Event()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    def url(self, platform: str) -> str:
        return f"http://127.0.0.1:{self.port}/{platform}"

    def start(self) -> "FakePlatform":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._release.set()
        self._server.shutdown()
        self._server.server_close()

    # --- behaviour ---
    def fail(self, path_part: str, status: int = 500, times: Optional[int] = None) -> None:
        with self._lock:
            self.rules.append(Rule(path_part, status=status, times=times))

    def hang(self, path_part: str, seconds: float = 60.0, times: Optional[int] = None) -> None:
        with self._lock:
            self._release.clear()
            self.rules.append(Rule(path_part, hang=seconds, times=times))

    def reset(self) -> None:
        """Answer normally again (and let hanging requests finish)."""
        with self._lock:
            self.rules.clear()
        self._release.set()

    def _rule_for(self, path: str) -> Optional[Rule]:
        with self._lock:
            for rule in self.rules:
                if rule.path_part in path and (rule.times is None or rule.times > 0):
                    if rule.times is not None:
                        rule.times -= 1
                    return rule
        return None

    # --- what arrived ---
    def find(self, predicate: Callable[[Call], bool]) -> List[Call]:
        with self._lock:
            return [call for call in self.calls if predicate(call)]

    def wait_for(
        self,
        predicate: Callable[[Call], bool],
        count: int = 1,
        timeout: float = 60.0,
        settle: float = 1.5,
    ) -> List[Call]:
        """Calls matching ``predicate`` once at least ``count`` arrived and no new one
        came for ``settle`` seconds (the end of the bot's turn), or at ``timeout``."""
        deadline = time.monotonic() + timeout
        while True:
            found = self.find(predicate)
            now = time.monotonic()
            quiet = not found or now - found[-1].at >= settle
            if (len(found) >= count and quiet) or now >= deadline:
                return found
            time.sleep(0.1)

    # --- HTTP ---
    def _handler(self) -> type:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:  # quiet
                pass

            def do_POST(self) -> None:  # noqa: N802 - http.server naming
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                parts = urlsplit(self.path)
                call = Call("POST", parts.path, parse_qs(parts.query),
                            {k.lower(): v for k, v in self.headers.items()})
                content_type = (self.headers.get("Content-Type") or "").lower()
                if "json" in content_type:
                    call.json = json.loads(raw or b"null")
                elif "form" in content_type:
                    call.form = {k: v[0] for k, v in parse_qs(raw.decode("utf-8")).items()}
                rule = fake._rule_for(parts.path)
                if rule is not None and rule.status:
                    call.status = rule.status
                if rule is not None and rule.hang:
                    call.status = 599  # never answered in time: not delivered
                with fake._lock:
                    fake.calls.append(call)
                if rule is not None and rule.hang:
                    fake._release.wait(rule.hang)
                self._answer(call)

            def _answer(self, call: Call) -> None:
                if call.delivered:
                    body = {"ok": True, "result": {"message_id": len(fake.calls)},
                            "sid": f"SM{len(fake.calls):032d}", "ts": f"{time.time():.6f}",
                            "message_id": f"m_{len(fake.calls)}", "recipient_id": "r"}
                    status = 201 if call.platform == "twilio" else 200
                else:
                    body = {"ok": False, "error": "fake platform error", "description": "fake"}
                    status = call.status if call.status < 599 else 504
                data = json.dumps(body).encode("utf-8")
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except OSError:
                    pass  # the bot closed the connection (timeout)

        return Handler
