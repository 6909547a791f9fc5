"""Worker for the lock-store hammer test: one process = one "Rasa replica" running several
concurrent turns on the same conversation. Each critical section records its entry and
exit in Redis and does a deliberately non-atomic read-modify-write of a counter, so any
overlap shows up as an interleaved log, a second holder inside, or a lost update."""

from __future__ import annotations

import asyncio
import os
import random
from contextlib import asynccontextmanager
from typing import Any, AsyncIterator

KEYS = ("hammer:inside", "hammer:overlaps", "hammer:counter", "hammer:log", "hammer:ready",
        "hammer:go")


@asynccontextmanager
async def no_lock(_: str) -> AsyncIterator[None]:
    """The control: no lock at all (the harness must see overlaps)."""
    yield None


async def _run(url: str, conversation: str, tasks: int, rounds: int, locked: bool,
               workers: int) -> None:
    import redis.asyncio as aioredis

    from bot.serve.lock_store import AtomicRedisLockStore

    red: Any = aioredis.Redis.from_url(url)
    lock = AtomicRedisLockStore(url=url, lock_lifetime=30, patch_rasa=False).lock if locked else no_lock
    await red.incr("hammer:ready")
    while not await red.exists("hammer:go"):  # start all replicas together
        await asyncio.sleep(0.01)
    rng = random.Random(os.getpid())

    async def turn(task: int) -> None:
        me = f"{os.getpid()}:{task}"
        for _ in range(rounds):
            async with lock(conversation):
                await red.rpush("hammer:log", f"in {me}")
                if await red.incr("hammer:inside") != 1:
                    await red.incr("hammer:overlaps")
                value = int(await red.get("hammer:counter") or 0)
                await asyncio.sleep(rng.uniform(0.0, 0.003))
                await red.set("hammer:counter", value + 1)
                await red.decr("hammer:inside")
                await red.rpush("hammer:log", f"out {me}")

    await asyncio.gather(*(turn(task) for task in range(tasks)))
    await red.close()


def hammer(url: str, conversation: str, tasks: int, rounds: int, locked: bool,
           workers: int) -> None:
    """Process entry point (``multiprocessing`` spawn)."""
    asyncio.run(_run(url, conversation, tasks, rounds, locked, workers))
