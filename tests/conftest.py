"""Shared fixtures: the real domain, fresh trackers and dispatchers, the trained model,
and (for end-to-end tests) the running servers started the way ``make run`` does."""

from __future__ import annotations

import os
import uuid
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List, Optional

import pytest
import requests
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot import paths

# No retention purge thread in the test process or in servers started by the tests (they
# inherit this): a test that needs it sets CLONUS_PURGE_INTERVAL itself (tests/e2e/test_privacy.py).
os.environ.setdefault("CLONUS_PURGE_INTERVAL", "0")


@pytest.fixture(scope="session")
def domain_dict() -> Dict[str, Any]:
    """The real domain (domain.yml plus the FAQ responses in data/nlu/responses)."""
    from rasa.shared.importers.importer import TrainingDataImporter

    importer = TrainingDataImporter.load_from_config(
        str(paths.CONFIG), str(paths.DOMAIN), [str(paths.DATA)]
    )
    return importer.get_domain().as_dict()


@pytest.fixture
def dispatcher() -> CollectingDispatcher:
    return CollectingDispatcher()


@pytest.fixture
def make_tracker() -> Callable[..., Tracker]:
    """Build a fresh rasa-sdk tracker from a latest message, slots and events."""

    def _make(
        latest_message: Optional[Dict[str, Any]] = None,
        slots: Optional[Dict[str, Any]] = None,
        events: Optional[List[Dict[str, Any]]] = None,
    ) -> Tracker:
        return Tracker(
            sender_id=f"test-{uuid.uuid4().hex[:8]}",
            slots=slots or {},
            latest_message=latest_message or {},
            events=events or [],
            paused=False,
            followup_action=None,
            active_loop={},
            latest_action_name="action_listen",
        )

    return _make


@pytest.fixture(scope="session")
def model_file() -> Path:
    from bot.fingerprint import model_path

    path = model_path()
    if not path.exists():
        pytest.fail(f"no trained model for the current data at {path}: run `make train` first")
    return path


def _free_port() -> int:
    """A free loopback port (inside ``CLONUS_PORT_RANGE`` when it is set)."""
    from bot.serve.ports import free_port

    return free_port()


@pytest.fixture(scope="session")
def servers(model_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """Action server + Rasa server on free local ports with a fresh SQLite tracker store,
    and the demo page with the web widget (``servers.config.page_url``), whose origin the
    socket.io channel allows."""
    from bot.serve.servers import ServerConfig, Servers

    workdir = tmp_path_factory.mktemp("servers")
    config = ServerConfig(
        model=model_file,
        rasa_port=_free_port(),
        actions_port=_free_port(),
        tracker_db=workdir / "tracker.db",
        log_dir=paths.REPORTS / "e2e-logs",
        web_port=_free_port(),
    )
    running = Servers(config)
    try:
        running.start(timeout=240)
        yield running
    finally:
        running.stop()


class Chat:
    """A REST conversation with the running server."""

    def __init__(self, url: str, sender: Optional[str] = None) -> None:
        self.url = url
        self.sender = sender or f"e2e-{uuid.uuid4().hex[:10]}"

    def post(self, body: Any, **kwargs: Any) -> requests.Response:
        return requests.post(self.url, json=body, timeout=60, **kwargs)

    def say(self, text: Any) -> List[Dict[str, Any]]:
        reply = self.post({"sender": self.sender, "message": text})
        assert reply.status_code == 200, (reply.status_code, reply.text)
        return reply.json()

    @staticmethod
    def texts(messages: List[Dict[str, Any]]) -> str:
        return "\n".join(m.get("text") or "" for m in messages)


@pytest.fixture
def chat(servers: Any) -> Chat:
    return Chat(servers.config.rest_url)


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[Any]:
    """A throwaway PostgreSQL cluster (``bot.serve.postgres``) on a free loopback port, its
    own user and a random password, in a temporary directory (deleted at the end); skipped
    when PostgreSQL's binaries are missing. Tests that stop it must start it again."""
    import shutil
    import tempfile

    from bot.serve import postgres

    if not postgres.available():
        pytest.skip("PostgreSQL is missing: install Debian's postgresql")
    # not under pytest's tmp_path: as root the cluster runs as `postgres`, which cannot
    # enter /tmp/pytest-of-root (mode 700)
    directory = Path(tempfile.mkdtemp(prefix="clonus-pg-"))
    os.chmod(directory, 0o755)
    cluster = postgres.PostgresCluster(
        directory=directory,
        settings=postgres.PgSettings(user="clonus_test", password=uuid.uuid4().hex,
                                     port=_free_port(), database="clonus_test"))
    try:
        cluster.start()
        cluster.create_database()
        yield cluster
    finally:
        try:
            cluster.stop(mode="immediate")
        finally:
            shutil.rmtree(directory, ignore_errors=True)
