"""A concurrency-safe Redis lock store for several Rasa replicas (``endpoints.yml``).

Rasa 3.6's ``RedisLockStore`` takes its ticket with a GET, a change in Python and a SET:
two replicas can read the same lock, both append "their" ticket number and both believe
they are served, so one conversation is processed twice at once (and the SQL tracker
store, which appends events by counting what is stored, duplicates or drops events).

This store keeps one Redis hash per conversation (``<prefix><conversation id>``): field
``n`` is the ticket counter, fields ``t:<number>`` hold each live ticket's expiry in ms of
the *Redis server's* clock (the replicas' clocks never matter), fields ``o:<number>`` its
owner (a random token of the turn that took it). Every step -- issue a ticket, check
whether it is served, renew it, release it -- is one Lua script, so it is atomic in Redis.
The conversation is held by the lowest live ticket.

Ticket numbers are reused: when the last live ticket goes, the hash is deleted and the
counter starts again at 1. A turn whose process stalled past its lease may still hold an
old number; so checks, renewals and releases name the owner token too, and act only on a
ticket that is still the caller's: a stale turn learns that its ticket lapsed (it never
takes a newer turn's ticket for its own, nor releases it).

Lifetimes (the numbers are settings, checked at start-up):

- ``lock_lifetime`` (default 60 s) is a *lease*: while a turn waits or runs, its ticket is
  renewed every quarter lifetime, so a turn with several actions keeps its lock, and a
  replica that dies lets its ticket lapse within one lifetime.
- The action timeout (Rasa hard-codes 300 s) is ``CLONUS_ACTION_TIMEOUT`` (default 20 s,
  ``bot.rasa_patches``). The store refuses a lifetime that is not longer than the action
  timeout: even if renewal stops in the middle of an action, the action ends (or times out)
  before the lease does.
- A turn waits at most ``wait_timeout`` (default: one lifetime) for its turn; then it gives
  up with ``LockError`` (the channels answer "busy, try again").

Fail closed: if Redis cannot be reached while a ticket is taken or checked, the lock raises
``LockStoreUnavailable`` and the turn is not processed; the channels answer
``REPLY_UNAVAILABLE`` ("temporarily unavailable -- in an emergency call your local
emergency number"). A renewal or release that fails is logged; the ticket lapses by itself.

``endpoints.yml``::

    lock_store:
      type: bot.serve.lock_store.AtomicRedisLockStore
      url: ${REDIS_URL}          # redis://[:password@]host:port/db, or a bare host name
      lock_lifetime: 60
"""

from __future__ import annotations

import asyncio
import logging
import secrets
import time
from contextlib import asynccontextmanager
from typing import Any, AsyncGenerator, Optional, Text

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LockError, LockStore
from rasa.utils.endpoints import EndpointConfig

from bot import rasa_patches

logger = logging.getLogger(__name__)

DEFAULT_KEY_PREFIX = "clonus:lock:"
DEFAULT_LOCK_LIFETIME = 60.0
DEFAULT_SOCKET_TIMEOUT = 2.0
POLL_SECONDS = (0.005, 0.05)  # first and longest pause between "is it my turn?" checks


class LockStoreUnavailable(LockError):
    """Redis could not be reached: the turn must not be processed (fail closed)."""


_COMMON = """
local function now_ms()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
-- drop lapsed tickets (and their owners); returns the lowest live number (or nil) and the count
local function live(key, now)
  local flat = redis.call('HGETALL', key)
  local lowest, count = nil, 0
  for i = 1, #flat, 2 do
    local field = flat[i]
    if string.sub(field, 1, 2) == 't:' then
      if tonumber(flat[i + 1]) <= now then
        redis.call('HDEL', key, field, 'o:' .. string.sub(field, 3))
      else
        local n = tonumber(string.sub(field, 3))
        count = count + 1
        if lowest == nil or n < lowest then lowest = n end
      end
    end
  end
  return lowest, count
end
-- whether ticket n is live and still the one that owner took
local function mine(key, n, owner)
  return redis.call('HEXISTS', key, 't:' .. n) == 1 and redis.call('HGET', key, 'o:' .. n) == owner
end
-- the hash lives at least as long as its longest lease
local function extend(key, ms)
  if redis.call('PTTL', key) < ms then redis.call('PEXPIRE', key, ms) end
end
"""

#: KEYS[1] hash; ARGV[1] lifetime ms, ARGV[2] owner token -> the new ticket number
ISSUE = _COMMON + """
local now = now_ms()
live(KEYS[1], now)
local n = redis.call('HINCRBY', KEYS[1], 'n', 1)
redis.call('HSET', KEYS[1], 't:' .. n, now + tonumber(ARGV[1]), 'o:' .. n, ARGV[2])
extend(KEYS[1], tonumber(ARGV[1]))
return n
"""

#: KEYS[1] hash; ARGV[1] ticket, ARGV[2] owner -> 1 served, 0 waiting, -1 lapsed (or not ours)
CHECK = _COMMON + """
local lowest = live(KEYS[1], now_ms())
if not mine(KEYS[1], ARGV[1], ARGV[2]) then return -1 end
if lowest == tonumber(ARGV[1]) then return 1 end
return 0
"""

#: KEYS[1] hash; ARGV[1] ticket, ARGV[2] lifetime ms, ARGV[3] owner -> 1 renewed, 0 lapsed
RENEW = _COMMON + """
local now = now_ms()
live(KEYS[1], now)
if not mine(KEYS[1], ARGV[1], ARGV[3]) then return 0 end
redis.call('HSET', KEYS[1], 't:' .. ARGV[1], now + tonumber(ARGV[2]))
extend(KEYS[1], tonumber(ARGV[2]))
return 1
"""

#: KEYS[1] hash; ARGV[1] ticket, ARGV[2] owner -> live tickets left (the hash goes at 0);
#: a ticket that is no longer the owner's (it lapsed, the number was issued again) stays
RELEASE = _COMMON + """
if mine(KEYS[1], ARGV[1], ARGV[2]) then
  redis.call('HDEL', KEYS[1], 't:' .. ARGV[1], 'o:' .. ARGV[1])
end
local _, count = live(KEYS[1], now_ms())
if count == 0 then redis.call('DEL', KEYS[1]) end
return count
"""


def _redis_client(url: Optional[str], kwargs: dict[str, Any]) -> Any:
    import redis.asyncio as aioredis

    timeout = float(kwargs.get("socket_timeout", DEFAULT_SOCKET_TIMEOUT))
    common = {"socket_timeout": timeout, "socket_connect_timeout": timeout}
    if url and "://" in url:
        return aioredis.Redis.from_url(url, **common)
    return aioredis.Redis(
        host=url or "localhost", port=int(kwargs.get("port", 6379)), db=int(kwargs.get("db", 1)),
        username=kwargs.get("username"), password=kwargs.get("password"),
        ssl=bool(kwargs.get("use_ssl", False)), **common,
    )


class AtomicRedisLockStore(LockStore):
    """Ticket lock per conversation in Redis, taken and released atomically (Lua)."""

    def __init__(self, endpoint_config: Optional[EndpointConfig] = None, *,
                 patch_rasa: bool = True, **overrides: Any) -> None:
        """Settings from endpoints.yml (``endpoint_config``) or keyword ``overrides``.
        ``patch_rasa=False`` (tools outside Rasa) skips importing Rasa's action module."""
        settings: dict[str, Any] = dict(endpoint_config.kwargs) if endpoint_config else {}
        settings.update(overrides)
        url = settings.pop("url", None) or (endpoint_config.url if endpoint_config else None)
        self.red = _redis_client(url, settings)
        self.key_prefix = str(settings.get("key_prefix") or DEFAULT_KEY_PREFIX)
        self.lock_lifetime = float(settings.get("lock_lifetime", DEFAULT_LOCK_LIFETIME))
        self.wait_timeout = float(settings.get("wait_timeout", self.lock_lifetime))
        if patch_rasa:
            rasa_patches.apply()  # the action timeout below is the one Rasa uses
        limit = rasa_patches.action_timeout()
        if self.lock_lifetime <= limit:
            raise ValueError(
                f"lock_lifetime ({self.lock_lifetime:g} s) must be longer than the action "
                f"timeout ({limit:g} s, CLONUS_ACTION_TIMEOUT): an action could outlive its lock"
            )
        self._scripts = {name: self.red.register_script(source) for name, source in
                         (("issue", ISSUE), ("check", CHECK), ("renew", RENEW),
                          ("release", RELEASE))}
        super().__init__()

    def _key(self, conversation_id: Text) -> str:
        return self.key_prefix + conversation_id

    async def _run(self, script: str, key: str, *args: Any) -> int:
        return int(await self._scripts[script](keys=[key], args=list(args)))

    @property
    def _lifetime_ms(self) -> int:
        return int(self.lock_lifetime * 1000)

    async def ping(self) -> bool:
        """Whether Redis answers (for the readiness endpoint)."""
        try:
            return bool(await self.red.ping())
        except Exception:  # noqa: BLE001 - any failure means "not reachable"
            return False

    async def _renew_forever(self, key: str, ticket: int, owner: str,
                             done: asyncio.Event) -> None:
        """Renew the ticket every quarter lifetime until ``done`` is set.

        The turn also cancels this task, but a cancellation that arrives while a Redis
        call is answering can be lost (seen under load: renewers outlived their turns,
        found their released ticket gone and reported it as lapsed), so ``done`` is
        checked after every wait: a renewer never outlives its turn by more than one beat
        and never reports a ticket its turn released."""
        issued = renewed = time.monotonic()
        while not done.is_set():
            try:
                await asyncio.wait_for(done.wait(), self.lock_lifetime / 4)
                return
            except asyncio.TimeoutError:
                pass
            try:
                if not await self._run("renew", key, ticket, self._lifetime_ms, owner):
                    if not done.is_set():
                        now = time.monotonic()
                        logger.error("lock store: ticket %s lapsed before it was renewed "
                                     "(issued %.1f s ago, last renewed %.1f s ago, lease %g s)",
                                     ticket, now - issued, now - renewed, self.lock_lifetime)
                    return
                renewed = time.monotonic()
            except Exception as error:  # noqa: BLE001 - retried at the next beat
                logger.error("lock store: could not renew a ticket (%s)", error)

    async def _wait_for_turn(self, key: str, ticket: int, owner: str) -> None:
        deadline = time.monotonic() + self.wait_timeout
        pause = POLL_SECONDS[0]
        while True:
            state = await self._run("check", key, ticket, owner)
            if state == 1:
                return
            if state == -1:
                raise LockError("the ticket lapsed while waiting for the conversation")
            if time.monotonic() >= deadline:
                raise LockError(f"waited {self.wait_timeout:g} s for the conversation")
            await asyncio.sleep(pause)
            pause = min(pause * 2, POLL_SECONDS[1])

    @asynccontextmanager
    async def lock(
        self, conversation_id: Text, lock_lifetime: Optional[float] = None,
        wait_time_in_seconds: Optional[float] = None,
    ) -> AsyncGenerator[TicketLock, None]:
        """Hold ``conversation_id`` for the duration of the block (Rasa's arguments, which
        default to import-time values, are ignored: the store's settings apply)."""
        key = self._key(conversation_id)
        owner = secrets.token_hex(8)  # this turn's: a reused ticket number is not ours
        try:
            ticket = await self._run("issue", key, self._lifetime_ms, owner)
        except Exception as error:  # noqa: BLE001 - fail closed on any Redis failure
            raise LockStoreUnavailable(f"lock store unreachable: {error}") from error
        done = asyncio.Event()
        renewer = asyncio.ensure_future(self._renew_forever(key, ticket, owner, done))
        try:
            try:
                await self._wait_for_turn(key, ticket, owner)
            except LockError:
                raise
            except Exception as error:  # noqa: BLE001 - fail closed
                raise LockStoreUnavailable(f"lock store unreachable: {error}") from error
            yield TicketLock(conversation_id)
        finally:
            done.set()  # the renewer stops at its next step even if the cancellation is lost
            renewer.cancel()  # not awaited: a second cancellation of this turn must not be lost
            try:
                await self._run("release", key, ticket, owner)
            except Exception as error:  # noqa: BLE001 - the ticket lapses by itself
                logger.error("lock store: could not release a ticket (%s)", error)
