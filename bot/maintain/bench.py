"""Benchmark (``make bench``): starts the servers the way ``make run`` does and prints
figures. Targets on a 2-core machine: p50 <= 50 ms for one sender, >= 30 msg/s with 8
senders, Rasa server RSS <= 1.5 GB, ready in <= 40 s. A benchmark, not a test: it
prints what it measured and exits 0 unless something broke.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Optional

import requests

from bot.serve.servers import ServerConfig, Servers
from bot.training import ensure_model, training_record

QUESTIONS = [
    "what is clonus", "what causes clonus", "is clonus the same as a tremor",
    "does clonus mean i have ms", "can medicines cause clonus", "is a little clonus normal",
    "how do doctors test for clonus", "how is clonus treated", "can clonus go away",
    "can i exercise with clonus", "home remedies for clonus", "is clonus dangerous",
    "why is it only on one side", "clonus vs myoclonus", "hello", "thanks",
]


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]


def peak_rss_mb(pid: Optional[int]) -> float:
    """Peak resident memory (VmHWM) of a process and its children, in MB."""
    if pid is None:
        return 0.0
    total = 0
    pids = [pid]
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        pids += [int(c) for c in children]
    except OSError:
        pass
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


#: Messages per conversation: a realistic chat is short, and a tracker that grows
#: without end measures the tracker store, not the assistant.
TURNS_PER_CONVERSATION = 8


def run_load(url: str, senders: int, total: int) -> tuple[list[float], float, int]:
    """Send ``total`` messages from ``senders`` concurrent users (each starting a new
    conversation every few turns); latencies in ms."""
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    per_sender = max(1, total // senders)

    def worker(index: int) -> None:
        nonlocal errors
        session = requests.Session()
        sender = ""
        for i in range(per_sender):
            if i % TURNS_PER_CONVERSATION == 0:
                sender = f"bench-{index}-{uuid.uuid4().hex[:8]}"
            text = QUESTIONS[(i + index) % len(QUESTIONS)]
            started = time.perf_counter()
            try:
                reply = session.post(url, json={"sender": sender, "message": text}, timeout=30)
                ok = reply.status_code == 200 and reply.json()
            except requests.RequestException:
                ok = False
            took = (time.perf_counter() - started) * 1000
            with lock:
                latencies.append(took)
                errors += 0 if ok else 1

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(senders)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, time.perf_counter() - started, errors


def main(args: argparse.Namespace) -> int:
    model = ensure_model()
    record = training_record(model)
    training = json.loads(record.read_text()) if record.exists() else {}
    with tempfile.TemporaryDirectory() as tmp:
        config = ServerConfig(model=model, rasa_port=args.port, actions_port=args.actions_port,
                              tracker_db=Path(tmp) / "bench.db")
        with Servers(config) as servers:
            started = time.monotonic()
            servers.start()
            first = None
            while first is None:
                try:
                    reply = requests.post(config.rest_url, json={"sender": "warm", "message": "what is clonus"}, timeout=30)
                    if reply.status_code == 200 and reply.json():
                        first = time.monotonic() - started
                except requests.RequestException:
                    time.sleep(0.2)
            run_load(config.rest_url, 1, 20)  # warm-up
            one, one_wall, one_err = run_load(config.rest_url, 1, args.requests)
            eight, eight_wall, eight_err = run_load(config.rest_url, 8, args.requests)
            rasa_rss = peak_rss_mb(servers.rasa.pid if servers.rasa else None)
            actions_rss = peak_rss_mb(servers.actions.pid if servers.actions else None)

    def line(name: str, values: list[float], wall: float, errors: int) -> str:
        return (f"{name:<10} p50 {percentile(values, 50):6.1f} ms  p95 {percentile(values, 95):6.1f} ms  "
                f"p99 {percentile(values, 99):6.1f} ms  mean {statistics.mean(values):6.1f} ms  "
                f"{len(values) / wall:6.1f} msg/s  errors {errors}")

    print(f"\n== clonus assistant benchmark (REST channel, mixed topic questions, "
          f"{TURNS_PER_CONVERSATION} turns per conversation) ==")
    print(line("1 sender", one, one_wall, one_err))
    print(line("8 senders", eight, eight_wall, eight_err))
    print(f"peak RSS   Rasa server {rasa_rss:7.0f} MB   action server {actions_rss:6.0f} MB")
    print(f"start-up   {first:.1f} s from launch to the first answer")
    if training:
        print(f"training   {training['training_seconds']:.0f} s (recorded when this model was trained, "
              f"{training.get('cpus')} CPUs)")
    else:
        print("training   not recorded (model trained before recording existed; run `make train` after `rm -r models`)")
    print("targets    p50 <= 50 ms (1 sender), >= 30 msg/s (8 senders), RSS <= 1500 MB, ready <= 40 s")
    return 0
