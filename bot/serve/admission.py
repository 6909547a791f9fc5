"""Admission control: at most ``CLONUS_MAX_TURNS`` turns are processed at once in one Rasa
process; the others wait their turn, first come first served.

Why: a Rasa process runs every turn on one event loop, and most of a turn is CPU work
on that loop (NLU, policies, the SQL tracker store's synchronous queries). Without a
limit, every message that arrives starts at once: with a few hundred people writing to a
replica that gets less CPU than they need, a hundred turns share the loop, each step of
each one waits for all the others, and the loop stops answering in time. The 500-user
soak measured the consequences (2026-12-05, ``DEPLOYING.md``): the readiness check (3 s)
timed out, HAProxy took both replicas out and refused socket.io handshakes (503); the
conversation lock's lease renewal (every lifetime / 4) ran too late and leases lapsed
while their turns still ran; REST answers took longer than 30 s.

With the limit, the loop only ever interleaves a few turns, so health checks, socket.io
pings and lease renewals are served within a fraction of a second even when the process
is overloaded; the waiting messages queue in order (an ``asyncio.Semaphore``). A slot is
taken *after* the conversation lock: a conversation waits for a slot with at most one
message (its others wait for the lock and take no slot), so one conversation flooded
with messages cannot fill a process's slots and starve the others. Its lock's lease is
renewed meanwhile (the loop answers in time). Throughput is the same (the CPU is the
limit); what changes is that the backlog waits in line instead of slowing everything
down at once.

A message that waits longer than ``CLONUS_TURN_QUEUE_TIMEOUT`` seconds is not processed
and gets the polite "taking too long ... emergency number" reply (``ProcessBusy`` is a
``LockError``: the channels answer ``REPLY_BUSY``, HTTP 503), never silence.

Installed by ``bot.rasa_patches.apply`` (every ``rasa run`` with the project's channels):
it wraps ``MessageProcessor.handle_message``, which ``Agent.handle_message`` calls for
every input channel inside the conversation lock.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any, Optional

from rasa.core.lock_store import LockError

from bot.serve.env import positive_integer, positive_number

logger = logging.getLogger(__name__)

#: Turns one process works on at once (a turn waits for I/O only briefly: a few suffice).
DEFAULT_MAX_TURNS = 4
#: Seconds a message may wait for its turn before it gets the "taking too long" reply.
DEFAULT_QUEUE_TIMEOUT = 30.0

_applied = False


class ProcessBusy(LockError):
    """The message waited too long for one of the process's turn slots."""


def max_turns() -> int:
    """``CLONUS_MAX_TURNS``: turns one process works on at once."""
    return positive_integer("CLONUS_MAX_TURNS", DEFAULT_MAX_TURNS)


def queue_timeout() -> float:
    """``CLONUS_TURN_QUEUE_TIMEOUT``: seconds a message may wait for a turn slot."""
    return positive_number("CLONUS_TURN_QUEUE_TIMEOUT", DEFAULT_QUEUE_TIMEOUT)


class Admission:
    """The turn slots of one event loop (a semaphore; waiting is bounded)."""

    def __init__(self, slots: int, timeout: float) -> None:
        self.slots = slots
        self.timeout = timeout
        self._semaphore = asyncio.Semaphore(slots)
        self.waiting = 0
        self.refused = 0

    @property
    def running(self) -> int:
        return self.slots - self._semaphore._value  # noqa: SLF001 - for logs and tests

    async def run(self, work: Any) -> Any:
        """Await the coroutine ``work`` inside a slot; ``ProcessBusy`` when none is free
        within the timeout (``work`` is then closed without running)."""
        began = time.monotonic()
        self.waiting += 1
        try:
            await asyncio.wait_for(self._semaphore.acquire(), self.timeout)
        except asyncio.TimeoutError:
            self.refused += 1
            work.close()
            logger.warning("admission: a message waited %.0f s for a turn slot (%d running, "
                           "%d waiting): answered 'taking too long'", self.timeout,
                           self.running, self.waiting - 1)
            raise ProcessBusy(f"no turn slot within {self.timeout:g} s") from None
        finally:
            self.waiting -= 1
        waited = time.monotonic() - began
        if waited > 5:
            logger.info("admission: a message waited %.1f s for a turn slot", waited)
        try:
            return await work
        finally:
            self._semaphore.release()


_admission: Optional[Admission] = None
_loop: Optional[asyncio.AbstractEventLoop] = None


def admission() -> Admission:
    """The running loop's ``Admission`` (created on first use, from the environment)."""
    global _admission, _loop
    loop = asyncio.get_running_loop()
    if _admission is None or _loop is not loop:
        _admission, _loop = Admission(max_turns(), queue_timeout()), loop
    return _admission


def apply() -> None:
    """Wrap ``MessageProcessor.handle_message`` once: every channel's messages go through
    the slots."""
    global _applied
    if _applied:
        return
    from rasa.core.processor import MessageProcessor

    original = MessageProcessor.handle_message

    async def handle_message(self: Any, message: Any) -> Any:
        return await admission().run(original(self, message))

    handle_message.__wrapped__ = original  # type: ignore[attr-defined]
    handle_message.__doc__ = original.__doc__
    MessageProcessor.handle_message = handle_message  # type: ignore[method-assign]
    _applied = True
