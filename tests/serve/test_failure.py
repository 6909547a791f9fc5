"""What the channels answer when a turn fails (bot/channels/failure.py), and the action
timeout that the lock lifetime must outlive (bot/rasa_patches.py)."""

from __future__ import annotations

import pytest
from rasa.core.lock_store import LockError
from rasa.shared.exceptions import ConnectionException
from sqlalchemy.exc import IntegrityError, OperationalError

from bot import rasa_patches
from bot.channels.failure import failure_reply
from bot.constants import REPLY_BUSY, REPLY_SERVER_ERROR, REPLY_UNAVAILABLE
from bot.serve.lock_store import LockStoreUnavailable


def test_store_outages_are_temporarily_unavailable() -> None:
    database_down = OperationalError("SELECT 1", {}, Exception("connection refused"))
    assert failure_reply(database_down) == (503, REPLY_UNAVAILABLE)
    assert failure_reply(LockStoreUnavailable("redis down")) == (503, REPLY_UNAVAILABLE)
    assert failure_reply(ConnectionException("tracker store")) == (503, REPLY_UNAVAILABLE)
    try:
        raise RuntimeError("wrapped") from database_down
    except RuntimeError as wrapped:
        assert failure_reply(wrapped) == (503, REPLY_UNAVAILABLE)


def test_busy_and_other_errors() -> None:
    assert failure_reply(LockError("waited too long")) == (503, REPLY_BUSY)
    assert failure_reply(IntegrityError("INSERT", {}, Exception("dup"))) == (500, REPLY_SERVER_ERROR)
    assert failure_reply(ValueError("bug")) == (500, REPLY_SERVER_ERROR)


@pytest.mark.parametrize("reply", [REPLY_UNAVAILABLE, REPLY_BUSY, REPLY_SERVER_ERROR])
def test_every_failure_reply_points_to_emergency_help(reply: str) -> None:
    assert "emergency number" in reply


def test_action_timeout_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    from rasa.core.actions import action

    monkeypatch.delenv("CLONUS_ACTION_TIMEOUT", raising=False)
    assert rasa_patches.action_timeout() == rasa_patches.DEFAULT_ACTION_TIMEOUT
    monkeypatch.setenv("CLONUS_ACTION_TIMEOUT", "7.5")
    assert rasa_patches.action_timeout() == 7.5
    monkeypatch.setenv("CLONUS_ACTION_TIMEOUT", "0")
    with pytest.raises(ValueError):
        rasa_patches.action_timeout()
    monkeypatch.delenv("CLONUS_ACTION_TIMEOUT")
    rasa_patches.apply()  # applied once per process (by importing bot.channels)
    assert action.DEFAULT_REQUEST_TIMEOUT < 300
