"""bot/serve/offload.py: work handed to a worker thread runs there, one call at a time,
returns or raises as it would on the loop, and is finished before a cancelled caller goes
on; on the trained model, conversations handled with the graph runs in the worker thread
(several at once, interleaved) store the same events as handled on the event loop."""

from __future__ import annotations

import asyncio
import threading
import time
from pathlib import Path
from typing import Any, Dict, List

import pytest

from bot.serve import offload
from tests.unit.test_graph_runner import CONVERSATIONS


def test_calls_run_in_their_worker_thread_one_at_a_time() -> None:
    seen: List[str] = []
    inside = {"now": 0, "most": 0}
    lock = threading.Lock()

    def work(value: int) -> int:
        with lock:
            inside["now"] += 1
            inside["most"] = max(inside["most"], inside["now"])
        seen.append(threading.current_thread().name)
        time.sleep(0.01)
        with lock:
            inside["now"] -= 1
        return value * 2

    async def main() -> List[int]:
        return list(await asyncio.gather(*(offload.run_in(offload.GRAPH, work, i) for i in range(6))))

    assert asyncio.run(main()) == [0, 2, 4, 6, 8, 10]
    assert inside["most"] == 1
    assert set(seen) == {f"clonus-{offload.GRAPH}_0"}


def test_an_exception_reaches_the_caller_unchanged() -> None:
    class Broken(RuntimeError):
        pass

    def fail() -> None:
        raise Broken("no")

    with pytest.raises(Broken):
        asyncio.run(offload.run_in(offload.STORE, fail))


def test_a_cancelled_caller_goes_on_only_after_the_call_is_over() -> None:
    finished = threading.Event()
    order: List[str] = []

    def commit() -> None:
        time.sleep(0.2)
        finished.set()

    async def turn() -> None:
        try:
            await offload.run_in(offload.STORE, commit)
        finally:
            order.append("committed" if finished.is_set() else "lock released mid-commit")

    async def main() -> None:
        task = asyncio.create_task(turn())
        await asyncio.sleep(0.05)
        task.cancel()
        await asyncio.sleep(0.01)
        task.cancel()  # twice: still waits
        with pytest.raises(asyncio.CancelledError):
            await task

    asyncio.run(main())
    assert order == ["committed"]


def test_off_switch(monkeypatch: pytest.MonkeyPatch) -> None:
    for value, on in (("0", False), ("off", False), ("1", True), ("", True)):
        monkeypatch.setenv("CLONUS_OFFLOAD", value)
        assert offload.enabled() is on


# --- the trained model: the same conversations, on the loop and in the worker thread ----------


def _events(tracker: Any) -> List[Dict[str, Any]]:
    out = []
    for event in tracker.events:
        data = event.as_dict()
        data.pop("timestamp", None)
        data.pop("message_id", None)  # a new random id for every message
        if isinstance(data.get("parse_data"), dict):
            data["parse_data"].pop("message_id", None)
        out.append(data)
    return out


@pytest.mark.model
def test_the_same_conversations_with_the_graph_in_a_worker_thread(model_file: Path) -> None:
    from rasa.core.agent import Agent
    from rasa.core.processor import MessageProcessor

    from bot.serve.graph_runner import SequentialGraphRunner

    with pytest.MonkeyPatch.context() as patch:
        from rasa.core import processor

        patch.setattr(processor, "DaskGraphRunner", SequentialGraphRunner)
        agent = Agent.load(str(model_file))

    async def one(conversation: List[str], sender: str) -> None:
        for text in conversation:
            await agent.handle_text(text, sender_id=sender)

    async def on_the_loop() -> None:
        for number, conversation in enumerate(CONVERSATIONS):
            await one(conversation, f"loop-{number}")

    async def interleaved() -> None:  # every conversation at once, twice
        await asyncio.gather(*(one(c, f"thread-{n}-{copy}") for n, c in enumerate(CONVERSATIONS)
                               for copy in range(2)))

    originals = {name: getattr(MessageProcessor, name) for name in ("parse_message", "_run_prediction_loop")}
    with pytest.MonkeyPatch.context() as patch:
        for name, fn in originals.items():  # Rasa's own methods, on the loop
            patch.setattr(MessageProcessor, name, getattr(fn, "__wrapped__", fn))
        asyncio.run(on_the_loop())
    used = set()
    graph_run = agent.processor.graph_runner.run

    def watched(*args: Any, **kwargs: Any) -> Any:
        used.add(threading.current_thread().name)
        return graph_run(*args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(MessageProcessor, "parse_message", offload.parse_message)
        patch.setattr(MessageProcessor, "_run_prediction_loop", offload._run_prediction_loop)
        patch.setattr(agent.processor.graph_runner, "run", watched)
        asyncio.run(interleaved())
    assert used == {f"clonus-{offload.GRAPH}_0"}

    async def compare() -> None:
        store = agent.tracker_store
        for number, _ in enumerate(CONVERSATIONS):
            expected = _events(await store.retrieve(f"loop-{number}"))
            assert len(expected) > 4
            for copy in range(2):
                assert _events(await store.retrieve(f"thread-{number}-{copy}")) == expected

    asyncio.run(compare())
