"""Fixtures for the production pieces: a real Redis server (skipped when it is missing)."""

from __future__ import annotations

from typing import Iterator

import pytest

from .redis_server import MISSING, RedisServer, available


@pytest.fixture
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServer]:
    """A fresh redis-server on a free loopback port (function scope: tests may stop it)."""
    if not available():
        pytest.skip(MISSING)
    server = RedisServer(tmp_path_factory.mktemp("redis"))
    server.start()
    try:
        yield server
    finally:
        server.stop()
