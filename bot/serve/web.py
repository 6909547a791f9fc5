"""The demo health-site page with the chat widget: a tiny static server (stdlib only).

``python -m bot.serve.web --port 8080 --socket-url http://127.0.0.1:5005`` (``make run`` starts
it through ``bot/serve/servers.py``). It binds to 127.0.0.1 and serves exactly:

- ``/`` (``web/index.html``, with the socket.io URL and page settings filled in);
- ``/widget.js``: ``rasa-webchat`` 1.0.1 from ``node_modules`` (installed by ``npm ci``)
  with its web-font ``@import`` removed (nothing is fetched from the internet), followed
  by the project's add-on ``web/clonus-widget.js`` (per-browser session key, font
  override, accessibility fixes). A site owner embeds the widget with this one file;
- other files directly inside ``web/`` with a known extension (``/app.js``, ``/app.css``);
- ``/health``.

Nothing else: no directory listing, no sub-folders, no ``..`` (a path is one segment of
letters, digits, ``-``, ``_`` and one extension, looked up inside ``web/``). Every answer
carries ``nosniff``, ``no-referrer`` and, for the page, a Content-Security-Policy that
allows scripts only from this server and connections only to the Rasa server.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import sys
import threading
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Optional
from urllib.parse import urlsplit

from bot import paths
from bot.constants import DEFAULT_RASA_PORT, DEFAULT_WEB_PORT

WEB_DIR = paths.ROOT / "web"
NODE_MODULES = paths.ROOT / "node_modules"
WEBCHAT_VERSION = "1.0.1"
WEBCHAT_BUNDLE = NODE_MODULES / "rasa-webchat" / "lib" / "index.js"
ADDON = WEB_DIR / "clonus-widget.js"

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".ico": "image/x-icon",
    ".json": "application/json",
    ".txt": "text/plain; charset=utf-8",
}
_FILE_NAME = re.compile(r"^/([A-Za-z0-9_-]{1,64}\.[a-z]{2,4})$")
#: The widget's stylesheet imports a web font from the internet; it is removed.
_REMOTE_IMPORT = re.compile(r"@import url\((?:https?:)?//[^)]*\);?")


class WidgetUnavailable(RuntimeError):
    """``node_modules`` does not hold the widget (run ``make install``)."""


def build_widget_bundle(bundle: Path = WEBCHAT_BUNDLE, addon: Path = ADDON) -> bytes:
    """rasa-webchat's standalone bundle without remote imports, plus the project add-on."""
    manifest = bundle.parent.parent / "package.json"
    if not bundle.is_file() or not manifest.is_file():
        raise WidgetUnavailable(
            f"{paths.shown(bundle)} "
            "is missing: run `make install` (npm ci installs rasa-webchat)")
    version = json.loads(manifest.read_text(encoding="utf-8")).get("version")
    if version != WEBCHAT_VERSION:
        raise WidgetUnavailable(f"rasa-webchat {version} is installed, {WEBCHAT_VERSION} is "
                                "expected: run `make install`")
    source = _REMOTE_IMPORT.sub("", bundle.read_text(encoding="utf-8"))
    if re.search(r"@import\s+url\(\s*['\"]?(?:https?:)?//", source):
        raise WidgetUnavailable("the widget bundle still imports a remote stylesheet")
    return (source + "\n;\n" + addon.read_text(encoding="utf-8")).encode("utf-8")


@dataclass(frozen=True)
class WebConfig:
    """What the page points at."""

    port: int = DEFAULT_WEB_PORT
    socket_url: str = f"http://127.0.0.1:{DEFAULT_RASA_PORT}"
    #: ISO country code given to the bot (emergency number); empty: from the browser.
    country: str = ""
    title: str = "Clonus information assistant"

    @property
    def origins(self) -> list[str]:
        """The page's own origins (to allow in the socket.io channel)."""
        return [f"http://localhost:{self.port}", f"http://127.0.0.1:{self.port}"]

    def connect_sources(self) -> str:
        parts = urlsplit(self.socket_url)
        if parts.scheme not in {"http", "https"} or not parts.netloc:
            raise ValueError(f"socket URL must be http(s)://host:port, got {self.socket_url!r}")
        ws = "wss" if parts.scheme == "https" else "ws"
        return f"{parts.scheme}://{parts.netloc} {ws}://{parts.netloc}"

    def content_security_policy(self) -> str:
        return "; ".join([
            "default-src 'none'",
            "script-src 'self'",
            # the widget injects its stylesheet as <style> elements
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            # the widget's icon fonts are data: URIs inside its bundle
            "font-src 'self' data:",
            f"connect-src 'self' {self.connect_sources()}",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'none'",
        ])


def render_page(config: WebConfig, template: Optional[str] = None) -> bytes:
    """``web/index.html`` with its ``{{name}}`` placeholders filled in (HTML-escaped)."""
    text = template if template is not None else (WEB_DIR / "index.html").read_text(encoding="utf-8")
    values = {"socket_url": config.socket_url, "country": config.country, "title": config.title}

    def fill(match: re.Match) -> str:
        return html.escape(values[match.group(1)], quote=True)

    return re.sub(r"\{\{(socket_url|country|title)\}\}", fill, text).encode("utf-8")


class WebServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, config: WebConfig) -> None:
        self.config = config
        self.csp = config.content_security_policy()
        try:
            self.bundle: Optional[bytes] = build_widget_bundle()
            self.bundle_error = ""
        except WidgetUnavailable as error:
            self.bundle, self.bundle_error = None, str(error)
        super().__init__(("127.0.0.1", config.port), Handler)


class Handler(BaseHTTPRequestHandler):
    server: WebServer
    server_version = "clonus-web"

    def version_string(self) -> str:
        return self.server_version

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """No access log (nothing about visitors is kept)."""

    def _send(self, status: int, body: bytes, content_type: str, *, page: bool = False) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Cache-Control", "no-cache")
        if page:
            self.send_header("Content-Security-Policy", self.server.csp)
            self.send_header("X-Frame-Options", "DENY")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, status: HTTPStatus, reason: str = "") -> None:
        self._send(status, (reason or status.phrase).encode() + b"\n", CONTENT_TYPES[".txt"])

    def resolve(self, path: str) -> Optional[Path]:
        """The file in ``web/`` a request path names, or None."""
        match = _FILE_NAME.match(path)
        if not match:
            return None
        name = match.group(1)
        candidate = (WEB_DIR / name).resolve()
        if candidate.parent != WEB_DIR.resolve() or not candidate.is_file():
            return None
        if candidate.suffix not in CONTENT_TYPES or name == "index.html":
            return None
        return candidate

    def do_GET(self) -> None:  # noqa: N802
        path = urlsplit(self.path).path
        if path in {"/", "/index.html"}:
            self._send(HTTPStatus.OK, render_page(self.server.config), CONTENT_TYPES[".html"], page=True)
        elif path == "/health":
            self._send(HTTPStatus.OK, b'{"status": "ok"}', CONTENT_TYPES[".json"])
        elif path == "/widget.js":
            if self.server.bundle is None:
                self._error(HTTPStatus.SERVICE_UNAVAILABLE, self.server.bundle_error)
            else:
                self._send(HTTPStatus.OK, self.server.bundle, CONTENT_TYPES[".js"])
        else:
            target = self.resolve(path)
            if target is None:
                self._error(HTTPStatus.NOT_FOUND)
            else:
                self._send(HTTPStatus.OK, target.read_bytes(), CONTENT_TYPES[target.suffix])

    def do_HEAD(self) -> None:  # noqa: N802
        self.do_GET()

    def _not_allowed(self) -> None:
        self._error(HTTPStatus.METHOD_NOT_ALLOWED)

    do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _not_allowed  # noqa: N815


def serve(config: WebConfig) -> WebServer:
    """Start serving in a background thread; returns the server (call ``shutdown()``)."""
    server = WebServer(config)
    threading.Thread(target=server.serve_forever, name="clonus-web", daemon=True).start()
    return server


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.serve.web", description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("WEB_PORT", DEFAULT_WEB_PORT)))
    parser.add_argument("--socket-url", default=os.environ.get(
        "CLONUS_SOCKET_URL", f"http://127.0.0.1:{os.environ.get('RASA_PORT', DEFAULT_RASA_PORT)}"))
    parser.add_argument("--country", default=os.environ.get("CLONUS_WEB_COUNTRY", ""),
                        help="ISO country code the page passes to the bot (default: the browser's region)")
    args = parser.parse_args(argv)
    config = WebConfig(port=args.port, socket_url=args.socket_url, country=args.country)
    server = WebServer(config)
    if server.bundle is None:
        print(f"warning: the widget is unavailable: {server.bundle_error}", file=sys.stderr, flush=True)
    print(f"demo page on http://localhost:{config.port}/ (widget -> {config.socket_url})", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
