"""Browser fixtures: Debian's Chromium driven by Playwright (no browser download).

Every test here is skipped, with the reason printed in pytest's summary, when Chromium
(``/usr/bin/chromium``, or ``CLONUS_CHROMIUM``) or Playwright is missing. ``.ci/run``
installs Chromium with apt-get, so CI runs them.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List, Optional
from urllib.parse import urlsplit

import pytest

from bot import paths

CHROMIUM = Path(os.environ.get("CLONUS_CHROMIUM", "/usr/bin/chromium"))
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run"]
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
SCREENSHOTS = paths.REPORTS / "browser"


def skip_reason() -> Optional[str]:
    if not CHROMIUM.exists():
        return (f"web widget browser tests skipped: Chromium is not installed ({CHROMIUM} is "
                "missing); install it with `apt-get install -y chromium` (.ci/run does)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return ("web widget browser tests skipped: the playwright package is not installed "
                "(run `make install`)")
    return None


_REASON = skip_reason()
_SKIPPED: List[str] = []


def pytest_collection_modifyitems(config: pytest.Config, items: List[pytest.Item]) -> None:
    if _REASON is None:
        return
    here = Path(__file__).parent
    for item in items:
        if item.path.is_relative_to(here):
            item.add_marker(pytest.mark.skip(reason=_REASON))
            _SKIPPED.append(item.nodeid)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if _SKIPPED:
        terminalreporter.write_sep("!", f"{len(_SKIPPED)} {_REASON}", yellow=True)


@pytest.fixture(scope="package")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture(scope="session")
def page_url(servers: Any) -> str:
    assert servers.config.page_url, "the servers fixture serves no demo page"
    return servers.config.page_url


class Watched:
    """A browser context whose every request, dialog and console line is recorded."""

    def __init__(self, context: Any) -> None:
        self.context = context
        self.requests: List[str] = []
        self.dialogs: List[str] = []
        self.console: List[str] = []
        self.errors: List[str] = []
        context.on("request", lambda request: self.requests.append(request.url))
        context.on("page", self._watch_page)

    def _watch_page(self, page: Any) -> None:
        def on_dialog(dialog: Any) -> None:
            self.dialogs.append(f"{dialog.type}: {dialog.message}")
            dialog.dismiss()

        page.on("dialog", on_dialog)
        page.on("console", lambda message: self.console.append(f"{message.type}: {message.text}"))
        page.on("pageerror", lambda error: self.errors.append(str(error)))

    def non_local_requests(self) -> List[str]:
        outside = []
        for url in self.requests:
            parts = urlsplit(url)
            if parts.scheme == "data":
                continue
            if parts.scheme not in {"http", "https", "ws", "wss"} or parts.hostname not in LOCAL_HOSTS:
                outside.append(url)
        return outside

    def policy_violations(self) -> List[str]:
        return [line for line in self.console if "Content Security Policy" in line]


@pytest.fixture
def new_context(browser: Any) -> Iterator[Callable[..., Watched]]:
    """Make browser contexts (desktop by default); after the test, every request any of
    them made must have gone to this machine, and no page may have violated the page's
    Content-Security-Policy (which is how a blocked internet resource would show)."""
    made: List[Watched] = []

    def make(**options: Any) -> Watched:
        settings: Dict[str, Any] = {"locale": "en-US", "viewport": {"width": 1280, "height": 900}}
        settings.update(options)
        watched = Watched(browser.new_context(**settings))
        made.append(watched)
        return watched

    yield make
    try:
        for watched in made:
            assert watched.non_local_requests() == [], watched.non_local_requests()
            assert watched.policy_violations() == [], watched.policy_violations()
            assert watched.errors == [], watched.errors
    finally:
        for watched in made:
            watched.context.close()
