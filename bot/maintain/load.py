"""Load generation for ``make bench``: conversations over the REST channel, a process's peak RSS.

Every bot gets exactly the same messages: which message a sender sends at a turn depends only
on the round, the sender's number and the turn (``message_for``), never on the bot.
"""

from __future__ import annotations

import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional

import requests

from bot.maintain.bench_messages import MESSAGES

#: Messages per conversation: a realistic chat is short, and a tracker that grows
#: without end measures the tracker store, not the assistant.
TURNS_PER_CONVERSATION = 8


def message_for(round_no: int, sender: int, count: int) -> str:
    """The message sender number ``sender`` sends as its ``count``-th message (from 0, across
    its conversations) of round ``round_no``: the list in order, from an offset that differs
    by sender and by round."""
    return MESSAGES[(round_no * 7 + sender * 5 + count) % len(MESSAGES)]


@dataclass
class Batch:
    """What one batch measured: each message's latency (ms), the wall time (s), failures."""

    latencies: list[float]
    wall: float
    errors: int  # exception or HTTP status other than 200
    empty: int  # HTTP 200 with an empty list of messages


def send(session: requests.Session, url: str, sender: str, text: str) -> tuple[float, bool, bool]:
    """One message: latency in ms, whether it was answered with 200, whether the reply was empty."""
    started = time.perf_counter()
    try:
        reply = session.post(url, json={"sender": sender, "message": text}, timeout=60)
        ok = reply.status_code == 200
        empty = ok and not reply.json()
    except (requests.RequestException, ValueError):
        ok, empty = False, False
    return (time.perf_counter() - started) * 1000, ok, empty


def run_batch(url: str, senders: int, conversations: int, round_no: int, tag: str) -> Batch:
    """``senders`` concurrent users, each holding ``conversations`` conversations of
    ``TURNS_PER_CONVERSATION`` turns one after the other (a new sender id for each)."""
    latencies: list[float] = []
    failures = {"errors": 0, "empty": 0}
    lock = threading.Lock()

    def worker(index: int) -> None:
        session = requests.Session()
        count = 0
        for _ in range(conversations):
            sender = f"bench-{tag}-{index}-{uuid.uuid4().hex[:10]}"
            for _turn in range(TURNS_PER_CONVERSATION):
                took, ok, empty = send(session, url, sender, message_for(round_no, index, count))
                count += 1
                with lock:
                    latencies.append(took)
                    failures["errors"] += 0 if ok else 1
                    failures["empty"] += 1 if empty else 0
        session.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(senders)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return Batch(latencies, time.perf_counter() - started, failures["errors"], failures["empty"])


def wait_first_answer(url: str, started: float, proc_alive: Callable[[], bool],
                      timeout: float = 300.0) -> float:
    """Seconds from ``started`` (``time.monotonic()``) until ``url`` answers the first message
    with 200 and a non-empty reply; raises when the server died or the time ran out."""
    session = requests.Session()
    while time.monotonic() - started < timeout:
        if not proc_alive():
            raise RuntimeError(f"the server behind {url} exited during start-up")
        try:
            reply = session.post(url, json={"sender": f"startup-{uuid.uuid4().hex[:8]}",
                                            "message": MESSAGES[0]}, timeout=60)
            if reply.status_code == 200 and reply.json():
                return time.monotonic() - started
        except (requests.RequestException, ValueError):
            pass
        time.sleep(0.2)
    raise TimeoutError(f"{url} gave no answer within {timeout:.0f} s")


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now (inside
    ``CLONUS_PORT_RANGE`` when it is set: ``bot.serve.ports``)."""
    from bot.serve.ports import free_port as pick

    return pick()


def peak_rss_mb(pid: Optional[int]) -> float:
    """Peak resident memory (VmHWM) of a process and its direct children, in MB."""
    if pid is None:
        return 0.0
    pids = [pid]
    try:
        pids += [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        pass
    total = 0
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024
