"""The atomic Redis lock store (bot/serve/lock_store.py) against a real redis-server."""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import signal
import subprocess
import sys
import time
from contextlib import asynccontextmanager
from typing import Any

import pytest
import redis
from rasa.core.lock_store import LockError

from bot.channels.failure import failure_reply
from bot.constants import REPLY_BUSY, REPLY_UNAVAILABLE
from bot.serve.lock_store import AtomicRedisLockStore, LockStoreUnavailable

from .hammer import KEYS, hammer
from .redis_server import RedisServer, free_port


def run(coro: Any) -> Any:
    return asyncio.run(coro)


def hammer_replicas(server: RedisServer, locked: bool, workers: int = 4, tasks: int = 3,
                    rounds: int = 10) -> dict[str, Any]:
    """``workers`` processes x ``tasks`` concurrent turns x ``rounds`` on one conversation."""
    red = redis.Redis.from_url(server.url)
    red.delete(*KEYS)
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=hammer, args=(server.url, "hammered", tasks, rounds, locked,
                                              workers)) for _ in range(workers)]
    for proc in procs:
        proc.start()
    deadline = time.monotonic() + 60
    while int(red.get("hammer:ready") or 0) < workers and time.monotonic() < deadline:
        time.sleep(0.02)
    red.set("hammer:go", 1)
    for proc in procs:
        proc.join(timeout=120)
        assert proc.exitcode == 0, f"a hammer process failed (exit {proc.exitcode})"
    log = [item.decode() for item in red.lrange("hammer:log", 0, -1)]
    interleaved = sum(1 for enter, leave in zip(log[::2], log[1::2], strict=True)
                      if not (enter.startswith("in ") and leave == "out " + enter[3:]))
    return {"total": workers * tasks * rounds, "counter": int(red.get("hammer:counter") or 0),
            "overlaps": int(red.get("hammer:overlaps") or 0), "interleaved": interleaved,
            "log": len(log), "left": red.keys("clonus:lock:*")}


def test_hammer_no_two_holders_overlap(redis_server: RedisServer) -> None:
    """4 processes x 3 concurrent turns x 10 rounds on one conversation: every critical
    section is entered and left before the next one starts; no update is lost."""
    result = hammer_replicas(redis_server, locked=True)
    assert result["overlaps"] == 0
    assert result["interleaved"] == 0
    assert result["counter"] == result["total"] and result["log"] == 2 * result["total"]
    assert result["left"] == []  # the last release deleted the conversation's lock


def test_hammer_harness_sees_overlaps_without_a_lock(redis_server: RedisServer) -> None:
    """The control: the same harness without a lock reports overlaps and lost updates
    (so the test above can fail)."""
    result = hammer_replicas(redis_server, locked=False, workers=2, tasks=3, rounds=5)
    assert result["overlaps"] > 0 and result["interleaved"] > 0
    assert result["counter"] < result["total"]


def test_turns_are_served_in_ticket_order(redis_server: RedisServer) -> None:
    store = AtomicRedisLockStore(url=redis_server.url, lock_lifetime=30)
    order: list[int] = []

    async def turn(number: int) -> None:
        await asyncio.sleep(number * 0.02)  # tickets taken in this order
        async with store.lock("ordered"):
            order.append(number)
            await asyncio.sleep(0.05)

    async def main() -> None:
        await asyncio.gather(*(turn(n) for n in range(5)))

    run(main())
    assert order == [0, 1, 2, 3, 4]


def test_lease_is_renewed_while_a_long_turn_runs(redis_server: RedisServer,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """A turn longer than one lifetime keeps its lock (renewal); the next turn waits."""
    monkeypatch.setenv("CLONUS_ACTION_TIMEOUT", "0.5")
    store = AtomicRedisLockStore(url=redis_server.url, lock_lifetime=1.0, wait_timeout=10)
    events: list[str] = []

    async def long_turn() -> None:
        async with store.lock("long"):
            events.append("long in")
            await asyncio.sleep(2.5)
            events.append("long out")

    async def next_turn() -> None:
        await asyncio.sleep(0.1)
        async with store.lock("long"):
            events.append("next in")

    async def main() -> None:
        await asyncio.gather(long_turn(), next_turn())

    run(main())
    assert events == ["long in", "long out", "next in"]



def test_a_renewer_whose_cancellation_is_lost_still_stops_with_its_turn(
        redis_server: RedisServer, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    """Under load a cancellation that arrives while a Redis call answers can be lost:
    the renewer then outlived its turn and reported its released ticket as "lapsed".
    Here every renewal swallows the cancellation; the renewer must still stop at its
    next beat after the turn, and report nothing."""
    monkeypatch.setenv("CLONUS_ACTION_TIMEOUT", "0.1")
    store = AtomicRedisLockStore(url=redis_server.url, lock_lifetime=0.4, wait_timeout=5)
    original = store._run
    renewals: list[float] = []
    in_flight = asyncio.Event()

    async def deaf_renewal(script: str, key: str, *args: Any) -> int:
        if script != "renew":
            return await original(script, key, *args)
        renewals.append(time.monotonic())
        in_flight.set()

        async def slow_answer() -> int:
            await asyncio.sleep(0.05)
            return await original(script, key, *args)

        task = asyncio.ensure_future(slow_answer())
        while True:
            try:
                return await asyncio.shield(task)
            except asyncio.CancelledError:
                continue  # the cancellation is lost

    monkeypatch.setattr(store, "_run", deaf_renewal)

    async def main() -> float:
        async with store.lock("deaf"):
            await in_flight.wait()  # the turn ends while a renewal is answering
        ended = time.monotonic()
        await asyncio.sleep(0.6)  # several beats after the turn
        return ended

    with caplog.at_level("ERROR", logger="bot.serve.lock_store"):
        ended = run(main())
    assert len(renewals) == 1 and renewals[0] < ended, renewals  # none after its turn
    assert "lapsed" not in caplog.text


def test_a_crashed_holder_lets_its_ticket_lapse(redis_server: RedisServer,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """A replica killed (SIGKILL) while holding the lock: the next turn gets it after at
    most one lifetime, not never."""
    monkeypatch.setenv("CLONUS_ACTION_TIMEOUT", "0.5")
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import asyncio\n"
         "from bot.serve.lock_store import AtomicRedisLockStore\n"
         f"store = AtomicRedisLockStore(url='{redis_server.url}', lock_lifetime=1.5)\n"
         "async def main():\n"
         "    async with store.lock('crash'):\n"
         "        print('held', flush=True)\n"
         "        await asyncio.sleep(60)\n"
         "asyncio.run(main())\n"],
        stdout=subprocess.PIPE, cwd=os.getcwd(), env={**os.environ},
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == b"held"
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait(timeout=10)
        killed = time.monotonic()
        store = AtomicRedisLockStore(url=redis_server.url, lock_lifetime=1.5, wait_timeout=10)

        async def take() -> float:
            async with store.lock("crash"):
                return time.monotonic() - killed

        waited = run(take())
        assert waited <= 1.5 + 0.5
    finally:
        if holder.poll() is None:
            holder.kill()


def test_a_waiter_gives_up_politely(redis_server: RedisServer,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLONUS_ACTION_TIMEOUT", "0.5")
    store = AtomicRedisLockStore(url=redis_server.url, lock_lifetime=5, wait_timeout=0.3)

    async def main() -> BaseException:
        async with store.lock("busy"):
            try:
                async with store.lock("busy"):
                    raise AssertionError("two holders")
            except Exception as error:  # noqa: BLE001
                return error
        raise AssertionError("unreachable")

    error = run(main())
    assert not isinstance(error, LockStoreUnavailable)
    assert failure_reply(error) == (503, REPLY_BUSY)


def test_fail_closed_when_redis_is_down(redis_server: RedisServer) -> None:
    """Redis gone: the turn body never runs and the channel reply is "temporarily
    unavailable ... emergency number"; Redis back: turns run again."""
    store = AtomicRedisLockStore(url=redis_server.url, lock_lifetime=30, socket_timeout=1)
    ran: list[str] = []

    async def turn(name: str) -> None:
        async with store.lock("down"):
            ran.append(name)

    async def main() -> BaseException:
        await turn("before")
        redis_server.stop()
        try:
            await turn("during")
        except LockStoreUnavailable as error:
            caught = error
        else:
            raise AssertionError("the turn ran without its lock")
        assert not await store.ping()
        redis_server.start()
        assert await store.ping()
        await turn("after")
        return caught

    caught = run(main())
    assert failure_reply(caught) == (503, REPLY_UNAVAILABLE)
    assert "emergency number" in REPLY_UNAVAILABLE
    assert ran == ["before", "after"]


def test_fail_closed_when_redis_never_answered() -> None:
    store = AtomicRedisLockStore(url=f"redis://127.0.0.1:{free_port()}/0", socket_timeout=1)
    started = time.monotonic()
    with pytest.raises(LockStoreUnavailable):
        run(store.lock("nobody").__aenter__())
    assert time.monotonic() - started < 5


def test_lifetime_must_outlive_the_action_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLONUS_ACTION_TIMEOUT", "30")
    with pytest.raises(ValueError, match="action timeout"):
        AtomicRedisLockStore(url="redis://127.0.0.1:1/0", lock_lifetime=30)
    AtomicRedisLockStore(url="redis://127.0.0.1:1/0", lock_lifetime=31)


def test_rasa_builds_the_store_from_endpoints(tmp_path: Any) -> None:
    """endpoints.yml ``lock_store: {type: bot.serve.lock_store.AtomicRedisLockStore, ...}``
    is how Rasa creates it (``LockStore.create``)."""
    from rasa.core.lock_store import LockStore
    from rasa.core.utils import read_endpoints_from_path

    path = tmp_path / "endpoints.yml"
    path.write_text("lock_store:\n  type: bot.serve.lock_store.AtomicRedisLockStore\n"
                    "  url: redis://127.0.0.1:6399/2\n  lock_lifetime: 45\n  key_prefix: 'x:'\n")
    store = LockStore.create(read_endpoints_from_path(path).lock_store)
    assert isinstance(store, AtomicRedisLockStore)
    assert store.lock_lifetime == 45 and store.key_prefix == "x:"
    assert store.red.connection_pool.connection_kwargs["port"] == 6399


class Frozen:
    """Freezes one store's Redis calls (a replica whose process stalls: its renewer and
    its checks stop) until ``thaw()``; ``issue`` calls pass while ``issue_passes``."""

    def __init__(self, store: AtomicRedisLockStore, issue_passes: bool = True) -> None:
        self.running = asyncio.Event()
        self.running.set()
        self.issued = asyncio.Event()
        original = store._run

        async def run(script: str, key: str, *args: Any) -> int:
            if not (script == "issue" and issue_passes):
                await self.running.wait()
            result = await original(script, key, *args)
            if script == "issue":
                self.issued.set()
            return result

        store._run = run  # type: ignore[method-assign]

    def freeze(self) -> None:
        self.running.clear()

    def thaw(self) -> None:
        self.running.set()


class Holders:
    """Who is inside the conversation's critical section; records any overlap."""

    def __init__(self) -> None:
        self.inside: set[str] = set()
        self.overlaps: list[tuple[str, frozenset[str]]] = []
        self.log: list[str] = []
        self.entered: dict[str, asyncio.Event] = {}

    def event(self, name: str) -> asyncio.Event:
        return self.entered.setdefault(name, asyncio.Event())

    @asynccontextmanager
    async def hold(self, name: str) -> Any:
        if self.inside:
            self.overlaps.append((name, frozenset(self.inside)))
        self.inside.add(name)
        self.log.append(f"{name} in")
        self.event(name).set()
        try:
            yield
        finally:
            self.inside.discard(name)
            self.log.append(f"{name} out")


LIFETIME = 1.5  # the lease in the tests below; a frozen replica stays frozen longer


def _stores(redis_server: RedisServer, monkeypatch: pytest.MonkeyPatch
            ) -> tuple[AtomicRedisLockStore, AtomicRedisLockStore]:
    monkeypatch.setenv("CLONUS_ACTION_TIMEOUT", "0.5")
    return (AtomicRedisLockStore(url=redis_server.url, lock_lifetime=LIFETIME, wait_timeout=30),
            AtomicRedisLockStore(url=redis_server.url, lock_lifetime=LIFETIME, wait_timeout=30))


def test_a_lapsed_waiting_ticket_is_not_served_when_its_number_comes_round_again(
        redis_server: RedisServer, monkeypatch: pytest.MonkeyPatch) -> None:
    """Replica A takes ticket 2 behind X's ticket 1 and stalls longer than the lease: its
    ticket lapses. X releases: no live ticket is left and the conversation's lock is
    deleted, so the ticket counter starts again: C gets 1, D gets 2. When A wakes up and
    checks "is ticket 2 served?", that is D's ticket 2, not A's: A must learn that its
    ticket lapsed (the polite "busy" reply), not run its turn alongside D's."""
    stale, other = _stores(redis_server, monkeypatch)
    frozen = Frozen(stale)
    holders = Holders()
    release = {name: asyncio.Event() for name in ("x", "c", "d")}
    outcome: dict[str, Any] = {}

    async def turn(store: AtomicRedisLockStore, name: str) -> None:
        try:
            async with store.lock("reused"), holders.hold(name):
                if name in release:
                    await release[name].wait()
            outcome[name] = "ran"
        except LockError as error:
            outcome[name] = error

    async def main() -> None:
        tasks = [asyncio.ensure_future(turn(other, "x"))]
        await holders.event("x").wait()
        frozen.freeze()
        tasks.append(asyncio.ensure_future(turn(stale, "a")))  # ticket 2, then A stalls
        await frozen.issued.wait()
        await asyncio.sleep(LIFETIME + 1.0)  # A's ticket lapses; X's is renewed
        release["x"].set()
        await asyncio.sleep(0.2)
        tasks.append(asyncio.ensure_future(turn(other, "c")))  # ticket 1 again
        await holders.event("c").wait()
        tasks.append(asyncio.ensure_future(turn(other, "d")))  # ticket 2 again
        await asyncio.sleep(0.3)
        release["c"].set()
        await holders.event("d").wait()
        frozen.thaw()  # A asks whether "its" ticket 2 is served
        await asyncio.sleep(1.0)
        release["d"].set()
        await asyncio.wait_for(asyncio.gather(*tasks), 30)

    run(main())
    assert holders.overlaps == [], holders.log
    assert isinstance(outcome["a"], LockError) and not isinstance(outcome["a"],
                                                                  LockStoreUnavailable)
    assert failure_reply(outcome["a"]) == (503, REPLY_BUSY)
    assert [outcome[n] for n in ("x", "c", "d")] == ["ran"] * 3


def test_a_stale_holder_does_not_release_the_next_holders_ticket(
        redis_server: RedisServer, monkeypatch: pytest.MonkeyPatch) -> None:
    """Replica A holds ticket 1 and stalls longer than the lease (its ticket lapses; B runs
    and releases, the lock is deleted; C gets ticket 1 again and holds it). When A's turn
    ends, its release of "ticket 1" must not remove C's ticket: otherwise D, coming next,
    is served while C still runs."""
    stale, other = _stores(redis_server, monkeypatch)
    frozen = Frozen(stale)
    holders = Holders()
    release = {name: asyncio.Event() for name in ("a", "c")}

    async def turn(store: AtomicRedisLockStore, name: str) -> None:
        async with store.lock("released"), holders.hold(name):
            if name in release:
                await release[name].wait()

    async def main() -> None:
        a = asyncio.ensure_future(turn(stale, "a"))
        await holders.event("a").wait()
        frozen.freeze()  # A's renewer stops
        await asyncio.sleep(LIFETIME + 1.0)
        await turn(other, "b")  # A's ticket lapsed: B is served (the lease did its job)
        c = asyncio.ensure_future(turn(other, "c"))  # ticket 1 again
        await holders.event("c").wait()
        release["a"].set()
        await asyncio.sleep(0.1)  # A's turn is over; its release waits for A to wake up
        frozen.thaw()
        await asyncio.wait_for(a, 10)
        d = asyncio.ensure_future(turn(other, "d"))
        await asyncio.sleep(1.0)  # D must wait for C
        release["c"].set()
        await asyncio.wait_for(asyncio.gather(c, d), 30)

    run(main())
    # A overlaps B and C by design (it stalled past its lease: DEPLOYING.md, "not covered");
    # no other two turns may overlap
    others = [(name, inside - {"a"}) for name, inside in holders.overlaps
              if name != "a" and inside - {"a"}]
    assert others == [], holders.log
    assert holders.log[-3:] == ["c out", "d in", "d out"], holders.log
