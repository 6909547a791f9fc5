"""The demo page's static server (bot/serve/web.py): what it serves, and nothing else."""

from __future__ import annotations

import http.client
import socket
from typing import Iterator

import pytest

from bot.serve import web


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def server() -> Iterator[web.WebServer]:
    running = web.serve(web.WebConfig(port=_free_port(), socket_url="http://127.0.0.1:5999",
                                      country="IN"))
    try:
        yield running
    finally:
        running.shutdown()
        running.server_close()


def fetch(server: web.WebServer, path: str, method: str = "GET") -> tuple[int, dict, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", server.config.port, timeout=10)
    try:
        connection.putrequest(method, path, skip_accept_encoding=True)  # path sent as is
        connection.endheaders()
        reply = connection.getresponse()
        return reply.status, {k.lower(): v for k, v in reply.getheaders()}, reply.read()
    finally:
        connection.close()


def test_the_page_is_served_with_its_settings_and_a_strict_policy(server: web.WebServer) -> None:
    status, headers, body = fetch(server, "/")
    assert status == 200 and headers["content-type"].startswith("text/html")
    page = body.decode()
    assert '<meta name="clonus-socket-url" content="http://127.0.0.1:5999">' in page
    assert '<meta name="clonus-country" content="IN">' in page
    assert '<script src="/widget.js"></script>' in page and "{{" not in page
    policy = headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-eval" not in policy
    assert "connect-src 'self' http://127.0.0.1:5999 ws://127.0.0.1:5999" in policy
    assert "default-src 'none'" in policy and "frame-ancestors 'none'" in policy
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"
    assert "https:" not in page and "http://" not in page.replace("http://127.0.0.1:5999", "")


def test_page_settings_are_html_escaped() -> None:
    config = web.WebConfig(socket_url='http://x"><script>alert(1)</script>', country="<b>")
    page = web.render_page(config, '<meta content="{{socket_url}}"><p>{{country}}</p>').decode()
    assert "<script>" not in page and "<b>" not in page
    assert "&quot;&gt;&lt;script&gt;" in page


def test_widget_bundle_is_served_without_internet_resources(server: web.WebServer) -> None:
    status, headers, body = fetch(server, "/widget.js")
    assert status == 200, body[:200]
    assert headers["content-type"].startswith("text/javascript")
    bundle = body.decode()
    assert "fonts.googleapis" not in bundle and "@import url(http" not in bundle
    assert "window.WebChat" in bundle and "clonus_key" in bundle  # rasa-webchat + the add-on
    assert bundle.index("rasaWebchatPro") < bundle.index("Clonus assistant add-on")


@pytest.mark.parametrize("path", [
    "/../README.md", "/%2e%2e/README.md", "/..%2fREADME.md", "/web/app.js", "/bot/serve/web.py",
    "/.gitignore", "//etc/passwd", "/app.js/", "/node_modules/rasa-webchat/package.json",
    "/package.json", "/README.md", "/missing.js", "/app.exe", "/index.html.bak", "/web",
])
def test_nothing_outside_web_is_served(server: web.WebServer, path: str) -> None:
    status, _, body = fetch(server, path)
    assert status == 404, (path, body[:100])


def test_files_of_the_page_are_served(server: web.WebServer) -> None:
    for path, kind in (("/app.js", "text/javascript"), ("/app.css", "text/css"),
                       ("/favicon.svg", "image/svg+xml"), ("/health", "application/json")):
        status, headers, _ = fetch(server, path)
        assert status == 200 and headers["content-type"].startswith(kind), path


def test_only_get_and_head(server: web.WebServer) -> None:
    assert fetch(server, "/", "POST")[0] == 405
    assert fetch(server, "/app.js", "DELETE")[0] == 405
    status, headers, body = fetch(server, "/", "HEAD")
    assert status == 200 and body == b"" and int(headers["content-length"]) > 0


def test_the_server_binds_to_loopback_only(server: web.WebServer) -> None:
    assert server.server_address[0] == "127.0.0.1"
