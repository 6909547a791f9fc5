"""Turns overlap on two cores: the model's graph runs and the SQLite tracker store's database
work leave the event loop for two worker threads.

Rasa 3.6 runs each NLU parse and each policy prediction synchronously inside its async
handlers, and the SQLite tracker store's queries and commit (whose fsync is wall time, not
CPU) block the event loop too. With several people writing at once, one Rasa process then
uses about one core: while one turn waits for the disk or runs onnxruntime (which releases
the GIL), no other turn's Python can run. Here:

- every graph run (``MessageProcessor.parse_message``'s NLU parse and each prediction of
  ``_run_prediction_loop``) runs in one ``graph`` thread, one run at a time, so no model
  component is ever entered twice at once (``SequentialGraphRunner.run`` also holds a lock,
  for any other caller such as the HTTP API's ``/predict``);
- the SQLite tracker store's reads and writes (the query, the count, the inserts and the
  commit with its fsync; ``bot.serve.sqlite_tracker``) run in one ``store`` thread: one
  connection, used by one thread, statements in the order the turns reach it.

What a turn does, and in which order, is unchanged: each step is awaited where Rasa called
it, so one conversation's turn still parses, predicts, acts and saves in sequence, inside its
conversation lock (the save is finished before the lock is released). A step whose caller
is cancelled (a client that hangs up) is still waited for before the cancellation goes on:
a commit is never half done when the lock is released, as before (a synchronous step could
not be interrupted either). Exceptions reach the caller unchanged (the tracker store still
fails closed, ``bot.serve.tracker_failclosed``). Outputs are the same
(``tests/unit/test_offload.py``: the same events with and without the threads, turns of
several conversations interleaved).

``CLONUS_OFFLOAD=0`` turns it off (everything on the event loop, as Rasa does it).
Installed by ``bot.rasa_patches.apply``.
"""

from __future__ import annotations

import asyncio
import contextvars
import functools
import logging
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable, Dict, Optional, Text, TypeVar

logger = logging.getLogger(__name__)

T = TypeVar("T")

#: The worker threads: one for graph runs, one for the SQLite tracker store.
GRAPH, STORE = "graph", "store"

_executors: Dict[str, ThreadPoolExecutor] = {}
_executors_lock = threading.Lock()
_applied = False


def enabled() -> bool:
    """``CLONUS_OFFLOAD`` (default on; ``0``, ``false``, ``no`` or ``off`` turn it off)."""
    return os.environ.get("CLONUS_OFFLOAD", "1").strip().lower() not in ("0", "false", "no", "off")


def executor(name: str) -> ThreadPoolExecutor:
    """The single worker thread called ``name`` (created on first use)."""
    with _executors_lock:
        pool = _executors.get(name)
        if pool is None:
            pool = _executors[name] = ThreadPoolExecutor(1, thread_name_prefix=f"clonus-{name}")
        return pool


async def run_in(name: str, fn: Callable[..., T], *args: Any) -> T:
    """``fn(*args)`` in the worker thread ``name``, awaited; a cancelled caller still waits
    until the call is over (then the cancellation is raised)."""
    loop = asyncio.get_running_loop()
    call = functools.partial(contextvars.copy_context().run, fn, *args)
    future = loop.run_in_executor(executor(name), call)
    try:
        return await asyncio.shield(future)
    except asyncio.CancelledError:
        while not future.done():
            try:
                await asyncio.wait({future})
            except asyncio.CancelledError:
                continue
        raise


async def call(name: str, fn: Callable[..., T], *args: Any) -> T:
    """``run_in`` when offloading is on, else ``fn(*args)`` right here (on the loop)."""
    if _applied:
        return await run_in(name, fn, *args)
    return fn(*args)


async def parse_message(self: Any, message: Any, tracker: Optional[Any] = None,
                        only_output_properties: bool = True) -> Dict[Text, Any]:
    """``MessageProcessor.parse_message`` (Rasa 3.6.21) with the graph run in the graph thread."""
    import copy

    from rasa.core.processor import structlogger
    from rasa.shared.core.trackers import DialogueStateTracker

    if self.http_interpreter:
        parse_data = await self.http_interpreter.parse(message)
    else:
        if tracker is None:
            tracker = DialogueStateTracker.from_events(message.sender_id, [])
        parse_data = await run_in(GRAPH, self._parse_message_with_graph, message, tracker,
                                  only_output_properties)

    self._update_full_retrieval_intent(parse_data)
    structlogger.debug(
        "processor.message.parse",
        parse_data_text=copy.deepcopy(parse_data["text"]),
        parse_data_intent=parse_data["intent"],
        parse_data_entities=copy.deepcopy(parse_data["entities"]),
    )
    self._check_for_unseen_features(parse_data)
    return parse_data


async def _run_prediction_loop(self: Any, output_channel: Any, tracker: Any) -> None:
    """``MessageProcessor._run_prediction_loop`` (Rasa 3.6.21) with each prediction in the
    graph thread."""
    from rasa.core.processor import ActionLimitReached
    from rasa.core.processor import logger as processor_logger

    should_predict_another_action = True
    while should_predict_another_action and self._should_handle_message(tracker):
        try:
            action, prediction = await run_in(GRAPH, self.predict_next_with_tracker_if_should,
                                              tracker)
        except ActionLimitReached:
            processor_logger.warning(
                "Circuit breaker tripped. Stopped predicting "
                f"more actions for sender '{tracker.sender_id}'.")
            if self.on_circuit_break:
                self.on_circuit_break(tracker, output_channel, self.nlg)
            break

        if prediction.is_end_to_end_prediction:
            processor_logger.debug(
                "An end-to-end prediction was made which has triggered the 2nd "
                "execution of the default action 'action_extract_slots'.")
            tracker = await self.run_action_extract_slots(output_channel, tracker)

        should_predict_another_action = await self._run_action(
            action, tracker, output_channel, self.nlg, prediction)


def apply() -> None:
    """Patch ``MessageProcessor`` once (unless ``CLONUS_OFFLOAD`` is off); the SQLite store
    offloads through ``call`` once this has run."""
    global _applied
    if _applied or not enabled():
        return
    from rasa.core.processor import MessageProcessor

    for name, patched in (("parse_message", parse_message),
                          ("_run_prediction_loop", _run_prediction_loop)):
        patched.__wrapped__ = getattr(MessageProcessor, name)  # type: ignore[attr-defined]
        setattr(MessageProcessor, name, patched)
    _applied = True
    logger.info("graph runs and the SQLite tracker store run in worker threads")
