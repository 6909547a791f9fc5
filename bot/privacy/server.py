"""The privacy hooks inside the Rasa process (run on each new SQL tracker store by
``bot.serve.tracker_hooks``, installed by ``bot.rasa_patches.apply``).

- *Forget*: when a turn ran ``utter_conversation_deleted`` (the user confirmed "delete my
  data"), the tracker store deletes every row of the conversation instead of saving the
  turn (``bot.privacy.store.delete_conversation``); the next message starts a new
  conversation. The hook wraps ``SQLTrackerStore.save`` (the SQLite one tuned by
  ``bot.serve.sqlite_tracker`` and Rasa's own for PostgreSQL). The deletion runs after the
  bot's confirmation was sent, in the same turn.
- *Retention*: a daemon thread of the Rasa process runs ``purge`` every
  ``CLONUS_PURGE_INTERVAL`` seconds (default 3600; 0 turns it off), first a few seconds
  after start-up, with ``CLONUS_RETENTION_DAYS`` (default 30). It lives in the Rasa
  process, not in the ``make run`` supervisor, because the Rasa process is the one that
  runs everywhere (``make run``, the container of deploy/, where ``rasa run`` is the whole
  pod and no supervisor exists) and the only one that knows the tracker store (its
  endpoints file and password). With several replicas each purges; the delete is
  idempotent.
"""

from __future__ import annotations

import asyncio
import logging
import os
import threading
import types
from typing import Any, Optional

from bot.privacy import store as privacy_store

logger = logging.getLogger(__name__)

#: The response that confirms a deletion; a turn that ran it deletes the conversation.
UTTER_CONVERSATION_DELETED = "utter_conversation_deleted"
DEFAULT_PURGE_INTERVAL = 3600.0
FIRST_PURGE_DELAY = 5.0

_purger: Optional["Purger"] = None


def forget_requested(tracker: Any) -> bool:
    """Whether the latest turn of ``tracker`` confirmed the deletion of the conversation."""
    from rasa.shared.core.events import ActionExecuted, UserUttered

    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            return False
        if isinstance(event, ActionExecuted) and event.action_name == UTTER_CONVERSATION_DELETED:
            return True
    return False


def wrap_save(store: Any) -> None:
    """Make ``store.save`` delete the conversation instead of saving a confirmed deletion."""
    original = store.save

    async def save(self: Any, tracker: Any) -> None:
        if forget_requested(tracker):
            removed = await asyncio.get_running_loop().run_in_executor(
                None, privacy_store.delete_conversation, self.engine, tracker.sender_id)
            logger.info("privacy: a conversation was deleted at the user's request (%d rows)",
                        removed.total)
            return
        await original(tracker)

    store.save = types.MethodType(save, store)


def purge_interval(env: Optional[dict[str, str]] = None) -> float:
    value = (env if env is not None else os.environ).get("CLONUS_PURGE_INTERVAL") or ""
    return float(value) if value.strip() else DEFAULT_PURGE_INTERVAL


class Purger:
    """A daemon thread that purges the store's old conversations periodically."""

    def __init__(self, store: Any, interval: float, days: float) -> None:
        self.store = store
        self.interval = interval
        self.days = days
        self.runs = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="clonus-purge", daemon=True)

    def start(self) -> "Purger":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()

    def run_once(self) -> int:
        removed = privacy_store.purge(self.store.engine, self.days)
        self.runs += 1
        if removed.total:
            logger.info("privacy: retention purge deleted %d rows older than %g days",
                        removed.total, self.days)
        return removed.total

    def _loop(self) -> None:
        delay = min(FIRST_PURGE_DELAY, self.interval)
        while not self._stop.wait(delay):
            try:
                self.run_once()
            except Exception as error:  # noqa: BLE001 - try again at the next interval
                logger.error("privacy: retention purge failed (%s); retrying later",
                             type(error).__name__)
            delay = self.interval


def start_purger(store: Any) -> Optional[Purger]:
    """One purge thread per process, for the first SQL tracker store created."""
    global _purger
    interval = purge_interval()
    if _purger is not None or interval <= 0:
        return None
    _purger = Purger(store, interval, privacy_store.retention_days()).start()
    logger.info("privacy: conversations older than %g days are purged every %g s",
                _purger.days, interval)
    return _purger


def on_new_store(store: Any) -> None:
    """Hook for ``bot.serve.tracker_hooks`` (after the SQLite tuning, whose tuned ``save``
    is the one wrapped): the "delete my data" hook and the retention purge thread."""
    wrap_save(store)
    start_purger(store)
