"""The tracker store fails closed, and PostgreSQL connections are checked before use.

Rasa 3.6 wraps the tracker store in a ``FailSafeTrackerStore``: when the database cannot be
read, ``retrieve`` returns ``None`` (Rasa then starts a *new* conversation and answers
without its history), and when it cannot be written, ``save`` keeps the turn in an
in-memory store of that one process (lost on restart, invisible to the other replicas).
With several replicas that silently forks conversations. Patched here: the error is
logged and raised, so the turn is not processed and the channel answers
``REPLY_UNAVAILABLE`` ("temporarily unavailable ... emergency number";
``bot.channels.failure``). Nothing is saved anywhere else.

PostgreSQL engines are also created with ``pool_pre_ping``: after the database restarted,
a pooled connection that died is replaced before a turn uses it, so service comes back
with the first request instead of failing once per pooled connection.
"""

from __future__ import annotations

import logging
from typing import Any, Dict, Optional, Text

logger = logging.getLogger(__name__)
_applied = False


def _raise(store: Any, error: Exception, what: str) -> None:
    logger.error("tracker store %s failed (%s: %s); the turn is not processed",
                 what, type(error).__name__, error)
    raise error


async def _retrieve(self: Any, sender_id: Text) -> Optional[Any]:
    try:
        return await self._tracker_store.retrieve(sender_id)
    except Exception as error:  # noqa: BLE001 - re-raised
        _raise(self, error, "read")
        return None  # pragma: no cover


async def _retrieve_full(self: Any, sender_id: Text) -> Optional[Any]:
    try:
        return await self._tracker_store.retrieve_full_tracker(sender_id)
    except Exception as error:  # noqa: BLE001 - re-raised
        _raise(self, error, "read")
        return None  # pragma: no cover


async def _save(self: Any, tracker: Any) -> None:
    try:
        await self._tracker_store.save(tracker)
    except Exception as error:  # noqa: BLE001 - re-raised
        _raise(self, error, "write")


def apply() -> None:
    """Install the patches once (``bot.rasa_patches.apply`` calls this)."""
    global _applied
    if _applied:
        return
    from rasa.core import tracker_store

    original = tracker_store.create_engine_kwargs

    def create_engine_kwargs(url: Any) -> Dict[str, Any]:
        kwargs = dict(original(url))
        if tracker_store.is_postgresql_url(url):
            kwargs["pool_pre_ping"] = True
        return kwargs

    tracker_store.create_engine_kwargs = create_engine_kwargs  # type: ignore[assignment]
    fail_safe = tracker_store.FailSafeTrackerStore
    fail_safe.retrieve = _retrieve  # type: ignore[method-assign]
    fail_safe.retrieve_full_tracker = _retrieve_full  # type: ignore[method-assign]
    fail_safe.save = _save  # type: ignore[method-assign]
    _applied = True
