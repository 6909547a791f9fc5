"""What a channel answers when Rasa could not process a turn (no NLG is available then).

- the lock store (Redis) or the tracker store (the database) cannot be reached: the turn
  was not processed (fail closed) -> 503 and ``REPLY_UNAVAILABLE``;
- the conversation is busy with an earlier turn for too long -> 503 and ``REPLY_BUSY``;
- anything else -> 500 and ``REPLY_SERVER_ERROR``.
Every reply points to emergency help.
"""

from __future__ import annotations

from bot.constants import REPLY_BUSY, REPLY_SERVER_ERROR, REPLY_UNAVAILABLE


def _is_store_outage(error: BaseException) -> bool:
    from rasa.shared.exceptions import ConnectionException

    from bot.serve.lock_store import LockStoreUnavailable

    if isinstance(error, (LockStoreUnavailable, ConnectionException)):
        return True
    try:
        from sqlalchemy.exc import DBAPIError, OperationalError
    except ImportError:  # pragma: no cover - SQLAlchemy comes with Rasa
        return False
    # OperationalError: the database refused or dropped the connection (not a bad query)
    return isinstance(error, OperationalError) or (
        isinstance(error, DBAPIError) and bool(error.connection_invalidated))


def failure_reply(error: BaseException) -> tuple[int, str]:
    """HTTP status and user-facing text for a turn that failed with ``error``."""
    from rasa.core.lock_store import LockError

    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:  # the cause may be wrapped
        seen.add(id(current))
        if _is_store_outage(current):
            return 503, REPLY_UNAVAILABLE
        current = current.__cause__ or current.__context__
    if isinstance(error, LockError):
        return 503, REPLY_BUSY
    return 500, REPLY_SERVER_ERROR
