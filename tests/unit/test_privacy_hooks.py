"""The privacy hooks of the Rasa process and the channels (bot/privacy/server.py,
bot/channels/socketio.py): which turn deletes, the purge thread, the widget signal."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

import pytest
from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.privacy import server


def _tracker(*events: Any) -> DialogueStateTracker:
    return DialogueStateTracker.from_events("s", list(events))


def test_only_the_turn_that_confirmed_deletes() -> None:
    confirmed = _tracker(UserUttered("delete my data"), ActionExecuted("utter_confirm_delete"),
                         UserUttered("/affirm"), ActionExecuted(server.UTTER_CONVERSATION_DELETED),
                         BotUttered("Done"), ActionExecuted("action_listen"))
    assert server.forget_requested(confirmed)
    # a later turn of the (new) conversation does not delete again
    later = _tracker(*confirmed.events, UserUttered("hello"), ActionExecuted("utter_greet"))
    assert not server.forget_requested(later)
    asked = _tracker(UserUttered("delete my data"), ActionExecuted("utter_confirm_delete"))
    assert not server.forget_requested(asked)


def test_purge_interval_setting() -> None:
    assert server.purge_interval({}) == 3600
    assert server.purge_interval({"CLONUS_PURGE_INTERVAL": "0"}) == 0


def test_purger_deletes_old_rows(tmp_path: Path) -> None:
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.domain import Domain

    store = SQLTrackerStore(domain=Domain.empty(), dialect="sqlite", db=str(tmp_path / "t.db"))
    old = time.time() - 45 * 86400
    asyncio.run(store.save(DialogueStateTracker.from_events(
        "old", [ActionExecuted("action_listen", timestamp=old), UserUttered("hi", timestamp=old)])))
    asyncio.run(store.save(DialogueStateTracker.from_events("new", [UserUttered("hi")])))
    purger = server.Purger(store, interval=3600, days=30)
    assert purger.run_once() == 2
    assert asyncio.run(store.retrieve("old")) is None
    assert asyncio.run(store.retrieve("new")) is not None
    store.engine.dispose()


class _FakeSio:
    def __init__(self) -> None:
        self.emitted: list[tuple[Any, ...]] = []

    async def emit(self, event: str, data: Any = None, room: Any = None, **_: Any) -> None:
        self.emitted.append((event, data, room))


@pytest.mark.parametrize(("custom", "expected"), [
    ({"clonus": "conversation_deleted"}, [("clonus_forget", {}, "web-1")]),
    ({"anything": "else"}, []),
])
def test_widget_signal(custom: dict, expected: list) -> None:
    from bot.channels.socketio import WidgetOutput

    sio = _FakeSio()
    asyncio.run(WidgetOutput(sio, "bot_uttered").send_custom_json("web-1", custom))
    assert sio.emitted == expected
