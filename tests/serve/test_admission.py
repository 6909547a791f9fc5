"""Admission control (bot/serve/admission.py): at most N turns at once per process, the
others in order; a message that waits too long gets the polite busy reply."""

from __future__ import annotations

import asyncio

import pytest

from bot.channels.failure import failure_reply
from bot.constants import REPLY_BUSY
from bot.serve import admission
from bot.serve.admission import Admission, ProcessBusy


def test_at_most_n_turns_run_at_once_and_they_start_in_arrival_order() -> None:
    started: list[int] = []
    running = {"now": 0, "most": 0}

    async def turn(number: int) -> int:
        started.append(number)
        running["now"] += 1
        running["most"] = max(running["most"], running["now"])
        await asyncio.sleep(0.02)
        running["now"] -= 1
        return number

    async def main() -> list[int]:
        gate = Admission(slots=2, timeout=5)
        results = []
        for number in range(8):
            results.append(asyncio.ensure_future(gate.run(turn(number))))
            await asyncio.sleep(0)  # arrive one after the other
        done = await asyncio.gather(*results)
        assert gate.running == 0 and gate.waiting == 0
        return done

    assert asyncio.run(main()) == list(range(8))
    assert running["most"] == 2
    assert started == list(range(8))


def test_a_message_that_waits_too_long_is_refused_politely_and_not_processed() -> None:
    processed: list[str] = []

    async def turn(name: str, seconds: float) -> None:
        processed.append(name)
        await asyncio.sleep(seconds)

    async def main() -> BaseException:
        gate = Admission(slots=1, timeout=0.05)
        first = asyncio.ensure_future(gate.run(turn("long", 0.3)))
        await asyncio.sleep(0.01)
        with pytest.raises(ProcessBusy) as refused:
            await gate.run(turn("queued", 0))
        await first
        assert gate.refused == 1 and gate.running == 0
        # the slot is free again: the next message is processed
        await gate.run(turn("later", 0))
        return refused.value

    error = asyncio.run(main())
    assert processed == ["long", "later"]
    assert failure_reply(error) == (503, REPLY_BUSY)


def test_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CLONUS_MAX_TURNS", raising=False)
    monkeypatch.delenv("CLONUS_TURN_QUEUE_TIMEOUT", raising=False)
    assert admission.max_turns() == admission.DEFAULT_MAX_TURNS
    assert admission.queue_timeout() == admission.DEFAULT_QUEUE_TIMEOUT
    monkeypatch.setenv("CLONUS_MAX_TURNS", "0")
    with pytest.raises(ValueError):
        admission.max_turns()
    monkeypatch.setenv("CLONUS_TURN_QUEUE_TIMEOUT", "-1")
    with pytest.raises(ValueError):
        admission.queue_timeout()


def test_every_channel_goes_through_the_slots() -> None:
    from rasa.core.processor import MessageProcessor

    from bot import rasa_patches

    rasa_patches.apply()
    assert getattr(MessageProcessor.handle_message, "__wrapped__", None) is not None
