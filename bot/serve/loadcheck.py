"""A small async load generator (REST, through the load balancer or one replica) and the
database check that goes with it (``make faults``, the stack tests).

``run_load`` keeps ``users`` conversations busy, each sending its messages one after the
other (the next message once the previous one was answered: a person waits for the
answer), and records every message: status, reply text, latency. ``check_database`` then
reads PostgreSQL (Rasa's ``events`` table) and checks, for every conversation:

- every acknowledged message (HTTP 200 with a reply) is stored exactly once, in the order
  it was sent, followed by at least one stored bot reply;
- a message that was not acknowledged (a polite 503, a replica killed mid-turn) is stored
  at most once, never out of order;
- no event is stored twice (same type, timestamp and data) and timestamps never go back
  (Rasa's SQL store appends by counting: concurrent turns would duplicate or drop events).

Only loopback addresses are ever sent to; every run is bounded in messages and time.
"""

from __future__ import annotations

import asyncio
import json
import statistics
import time
import uuid
from dataclasses import dataclass, field
from typing import Any, Iterable, Optional, Sequence
from urllib.parse import urlsplit

#: Topic questions a user asks (each conversation asks them in order, a marker keeps each
#: message unique so the database check can find it).
QUESTIONS = (
    "what is clonus?",
    "what causes clonus",
    "is clonus dangerous?",
    "how is clonus treated",
    "what is the difference between clonus and a tremor",
    "can clonus go away",
    "thanks",
    "what does clonus feel like",
)
EMERGENCY = "my dad suddenly can't speak properly and his leg is jerking"
URGENT = "This could be a medical emergency"


def _loopback_only(url: str) -> None:
    host = urlsplit(url).hostname or ""
    if host not in ("127.0.0.1", "localhost", "::1") and not host.startswith("127."):
        raise ValueError(f"load is only ever sent to this machine, not {host!r}")


@dataclass
class Sent:
    """One message and what came back."""

    sender: str
    text: str
    started: float
    latency: float = 0.0
    status: int = 0
    reply: str = ""
    error: str = ""

    @property
    def acknowledged(self) -> bool:
        return self.status == 200 and bool(self.reply)

    @property
    def silent(self) -> bool:
        """No text at all came back (a connection error or an empty answer)."""
        return not self.reply


@dataclass
class LoadResult:
    sent: list[Sent] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self, since: float = 0.0, until: float = float("inf")) -> dict[str, Any]:
        chosen = [s for s in self.sent if since <= s.started < until]
        ok = [s for s in chosen if s.acknowledged]
        lat = sorted(s.latency for s in ok)

        def pct(p: float) -> float:
            return lat[min(len(lat) - 1, int(p * len(lat)))] * 1000 if lat else float("nan")

        statuses: dict[str, int] = {}
        for s in chosen:
            key = str(s.status or "no answer")
            statuses[key] = statuses.get(key, 0) + 1
        return {
            "messages": len(chosen), "acknowledged": len(ok),
            "silent": sum(1 for s in chosen if s.silent),
            "statuses": statuses,
            "msg_per_s": round(len(ok) / self.seconds, 1) if self.seconds else 0.0,
            "p50_ms": round(pct(0.50)), "p95_ms": round(pct(0.95)),
            "median_ms": round(statistics.median(lat) * 1000) if lat else None,
        }


async def _say(session: Any, url: str, sender: str, text: str, timeout: float) -> Sent:
    import aiohttp

    record = Sent(sender=sender, text=text, started=time.monotonic())
    try:
        async with session.post(url, json={"sender": sender, "message": text},
                                timeout=aiohttp.ClientTimeout(total=timeout)) as response:
            record.status = response.status
            body = await response.text()
            try:
                messages = json.loads(body)
                record.reply = "\n".join(m.get("text") or "" for m in messages
                                         if isinstance(m, dict))
            except ValueError:
                record.reply = ""
                record.error = body[:200]
    except Exception as error:  # noqa: BLE001 - recorded: a silent turn
        record.error = f"{type(error).__name__}: {error}"
    record.latency = time.monotonic() - record.started
    return record


async def run_load_async(urls: Sequence[str], users: int, messages_per_user: int,
                         max_seconds: float = 300.0, timeout: float = 30.0,
                         prefix: str = "load", emergency_every: int = 20,
                         pause: float = 0.0) -> LoadResult:
    """``users`` conversations x ``messages_per_user`` messages, conversation ``i`` sent to
    ``urls[i % len(urls)]`` (the LB, or replicas directly). Stops after ``max_seconds``."""
    import aiohttp

    for url in urls:
        _loopback_only(url)
    result = LoadResult()
    began = time.monotonic()
    run = uuid.uuid4().hex[:6]

    async def user(index: int, session: Any) -> None:
        sender = f"{prefix}-{run}-{index}"
        for turn in range(messages_per_user):
            if time.monotonic() - began > max_seconds:
                return
            if emergency_every and index % emergency_every == 0 and turn == 1:
                text = EMERGENCY
            else:
                text = QUESTIONS[turn % len(QUESTIONS)]
            text = f"{text} [{turn}]"
            result.sent.append(await _say(session, urls[index % len(urls)], sender, text,
                                          timeout))
            if pause:
                await asyncio.sleep(pause)

    connector = aiohttp.TCPConnector(limit=0, force_close=True)
    async with aiohttp.ClientSession(connector=connector) as session:
        await asyncio.gather(*(user(i, session) for i in range(users)))
    result.seconds = time.monotonic() - began
    return result


def run_load(urls: Sequence[str], users: int, messages_per_user: int, **kwargs: Any) -> LoadResult:
    return asyncio.run(run_load_async(urls, users, messages_per_user, **kwargs))


# -- the database check ------------------------------------------------------------------
@dataclass
class DbReport:
    conversations: int = 0
    user_events: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _events(connection: Any, senders: Iterable[str]) -> dict[str, list[tuple]]:
    by_sender: dict[str, list[tuple]] = {}
    with connection.cursor() as cursor:
        cursor.execute("SELECT sender_id, id, type_name, timestamp, data FROM events "
                       "WHERE sender_id = ANY(%s) ORDER BY sender_id, id", (list(senders),))
        for sender, event_id, type_name, timestamp, data in cursor.fetchall():
            by_sender.setdefault(sender, []).append((event_id, type_name, timestamp, data))
    return by_sender


def check_conversation(sender: str, sent: Sequence[Sent], events: Sequence[tuple]) -> list[str]:
    """Problems of one conversation (empty: none)."""
    problems: list[str] = []
    seen: set[tuple] = set()
    last_time = float("-inf")
    users: list[tuple[str, int]] = []  # (text, position)
    for position, (_, type_name, timestamp, data) in enumerate(events):
        key = (type_name, timestamp, data)
        if key in seen:
            problems.append(f"{sender}: event stored twice ({type_name} at {timestamp})")
        seen.add(key)
        if timestamp is not None and timestamp < last_time:
            problems.append(f"{sender}: events out of order at {type_name}")
        last_time = max(last_time, timestamp or last_time)
        if type_name == "user":
            users.append((json.loads(data).get("text") or "", position))
    stored = [text for text, _ in users]
    texts = [s.text for s in sent]
    for text in set(stored):
        if stored.count(text) > 1:
            problems.append(f"{sender}: message {text!r} stored {stored.count(text)} times")
    order = [texts.index(t) for t in stored if t in texts]
    if order != sorted(order):
        problems.append(f"{sender}: messages stored out of order")
    for record in sent:
        if record.acknowledged and record.text not in stored:
            problems.append(f"{sender}: acknowledged message {record.text!r} is not stored")
    for i, (text, position) in enumerate(users):
        record = next((s for s in sent if s.text == text), None)
        end = users[i + 1][1] if i + 1 < len(users) else len(events)
        bots = [e for e in events[position:end] if e[1] == "bot"]
        if record is not None and record.acknowledged and not bots:
            problems.append(f"{sender}: no bot reply stored after {text!r}")
    return problems


def check_database(cluster: Any, result: LoadResult) -> DbReport:
    """Check every conversation of ``result`` in the cluster's database."""
    by_sender: dict[str, list[Sent]] = {}
    for record in result.sent:
        by_sender.setdefault(record.sender, []).append(record)
    report = DbReport(conversations=len(by_sender))
    connection = cluster.connect()
    try:
        stored = _events(connection, by_sender)
    finally:
        connection.close()
    for sender, sent in by_sender.items():
        events = stored.get(sender, [])
        report.user_events += sum(1 for e in events if e[1] == "user")
        report.problems += check_conversation(sender, sent, events)
    return report


def wait_for(condition: Any, timeout: float, interval: float = 0.2) -> Optional[float]:
    """Seconds until ``condition()`` was true, or None after ``timeout``."""
    began = time.monotonic()
    while time.monotonic() - began < timeout:
        try:
            if condition():
                return time.monotonic() - began
        except Exception:  # noqa: BLE001 - not yet
            pass
        time.sleep(interval)
    return None
