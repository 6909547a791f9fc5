"""Liveness and readiness endpoints for load balancers and Kubernetes probes.

Rasa's ``GET /`` answers "Hello from Rasa" even when no model is loaded or the database is
gone. This channel (``credentials.yml``: ``bot.channels.health.HealthInput: {}``) adds:

- ``GET /webhooks/health/live``: 200 while the server's event loop answers (liveness);
- ``GET /webhooks/health/ready``: 200 only when the model is loaded, the tracker store
  answers a query and the lock store (Redis, when configured) answers a PING; otherwise
  503, with the failed checks named in the JSON body (never user data).

It takes no messages. When ``CLONUS_MODEL_WATCH`` is set (``make run`` sets it), it also
starts the model watcher of ``bot.serve.model_reload``: a newly trained model is loaded
without a restart.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

logger = logging.getLogger(__name__)

#: Seconds one check may take before it counts as failed.
CHECK_TIMEOUT = 2.0
LIVE_PATH = "/webhooks/health/live"
READY_PATH = "/webhooks/health/ready"


def _ping_sql(store: Any) -> None:
    import sqlalchemy as sa

    with store.engine.connect() as connection:
        connection.execute(sa.text("SELECT 1"))


async def tracker_store_ok(agent: Any) -> bool:
    """Whether the (real, not fallback) tracker store answers."""
    store = getattr(agent, "tracker_store", None)
    store = getattr(store, "_tracker_store", store)  # Rasa wraps it in a FailSafeTrackerStore
    if store is None:
        return False
    loop = asyncio.get_running_loop()
    if hasattr(store, "engine"):  # SQLTrackerStore
        await asyncio.wait_for(loop.run_in_executor(None, _ping_sql, store), CHECK_TIMEOUT)
    elif hasattr(store, "red"):  # RedisTrackerStore
        await asyncio.wait_for(loop.run_in_executor(None, store.red.ping), CHECK_TIMEOUT)
    return True  # in-memory or other stores: nothing to reach


async def lock_store_ok(agent: Any) -> bool:
    """Whether the lock store answers (in-memory: always)."""
    store = getattr(agent, "lock_store", None)
    if store is None:
        return True
    ping = getattr(store, "ping", None)
    if ping is not None and asyncio.iscoroutinefunction(ping):
        return bool(await asyncio.wait_for(ping(), CHECK_TIMEOUT))
    red = getattr(store, "red", None)  # Rasa's own RedisLockStore
    if red is not None:
        loop = asyncio.get_running_loop()
        return bool(await asyncio.wait_for(loop.run_in_executor(None, red.ping), CHECK_TIMEOUT))
    return True


async def readiness(agent: Optional[Any]) -> Dict[str, bool]:
    """Each check by name: ``model``, ``tracker_store``, ``lock_store``."""
    checks = {"model": bool(agent is not None and agent.is_ready())}
    for name, check in (("tracker_store", tracker_store_ok), ("lock_store", lock_store_ok)):
        try:
            checks[name] = agent is not None and await check(agent)
        except Exception as error:  # noqa: BLE001 - any failure means "not ready"
            logger.warning("readiness: %s check failed (%s)", name, type(error).__name__)
            checks[name] = False
    return checks


class HealthInput(InputChannel):
    """``/webhooks/health/live`` and ``/webhooks/health/ready``."""

    @classmethod
    def name(cls) -> Text:
        return "health"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        health = Blueprint("clonus_health", __name__)

        @health.listener("after_server_start")
        async def watch_models(app: Any, _loop: Any) -> None:
            from bot.serve.model_reload import from_environment

            watcher = from_environment(lambda: getattr(app.ctx, "agent", None))
            if watcher is not None:
                logger.info("model watch: loading new models from %s", watcher.directory)
                app.ctx.clonus_model_watch = asyncio.get_running_loop().create_task(watcher.run())

        @health.listener("before_server_stop")
        async def stop_watching(app: Any, _loop: Any) -> None:
            task = getattr(app.ctx, "clonus_model_watch", None)
            if task is not None:
                task.cancel()

        @health.route("/live", methods=["GET"])
        async def live(_: Request) -> HTTPResponse:
            return response.json({"status": "alive"})

        @health.route("/ready", methods=["GET"])
        async def ready(request: Request) -> HTTPResponse:
            checks = await readiness(getattr(request.app.ctx, "agent", None))
            ok = all(checks.values())
            return response.json({"status": "ready" if ok else "not ready", "checks": checks},
                                 status=200 if ok else 503)

        return health
