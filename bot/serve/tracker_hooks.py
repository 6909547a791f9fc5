"""One hook list for every Rasa ``SQLTrackerStore`` created in this process.

Two features extend the SQL tracker store: the SQLite tuning (``bot.serve.sqlite_tracker``:
WAL mode, a kept connection, Core queries; it replaces ``save``) and the privacy hooks
(``bot.privacy.server``: "delete my data" wraps ``save``; the retention purge starts).
The order matters (the privacy hook must wrap the tuned ``save``), so it is written once,
here, instead of each feature wrapping ``SQLTrackerStore.__init__`` on its own.
"""

from __future__ import annotations

from typing import Any, Callable, Sequence

StoreHook = Callable[[Any], None]

_installed: tuple[StoreHook, ...] = ()


def store_hooks() -> tuple[StoreHook, ...]:
    """The hooks in the order they run on a new store (SQLite tuning, then privacy)."""
    from bot.privacy import server as privacy_server
    from bot.serve import sqlite_tracker

    return (sqlite_tracker.on_new_store, privacy_server.on_new_store)


def install(hooks: Sequence[StoreHook] = ()) -> tuple[StoreHook, ...]:
    """Wrap ``SQLTrackerStore.__init__`` once so each new store is passed to ``hooks`` (by
    default ``store_hooks()``) in order; returns the installed hooks. Idempotent."""
    global _installed
    if _installed:
        return _installed
    from rasa.core.tracker_store import SQLTrackerStore

    chosen = tuple(hooks) or store_hooks()
    original = SQLTrackerStore.__init__

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        for hook in chosen:
            hook(self)

    __init__.__wrapped__ = original  # type: ignore[attr-defined]
    SQLTrackerStore.__init__ = __init__  # type: ignore[method-assign]
    _installed = chosen
    return chosen
