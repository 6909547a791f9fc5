"""Benchmark (``make bench``): our assistant side by side with Rasa's starter bot.

These machines are shared and noisy, so an absolute time means little: the benchmark runs
Rasa's own starter bot (``rasa init``, the same Rasa and venv; ``bot/maintain/starter.py``) in
the same run, sends both exactly the same messages (``bot/maintain/bench_messages.py``) over
the REST channel with the same sender pattern and warm-up, and alternates the two bots batch
by batch (ABBA order) so that load drift affects both alike. Our servers start the way
``make run`` does (action server, SQLite tracker store).

Prints a table (p50 / p95 with one sender, msg/s with 8 senders, peak RSS of each Rasa server,
start-up to the first answer), the ratios ours/starter and the budgets of the NLU issue
(``bench_stats.budgets``). A benchmark, not a test: it prints what it measured and exits 0
unless something broke.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path
from typing import Callable

from bot import paths
from bot.maintain.bench_messages import MESSAGES, STORIES
from bot.maintain.bench_stats import (
    BotFigures,
    budgets,
    format_ratios,
    format_round_ratios,
    format_table,
)
from bot.maintain.load import (
    TURNS_PER_CONVERSATION,
    free_port,
    peak_rss_mb,
    run_batch,
    wait_first_answer,
)
from bot.maintain.starter import StarterServer, ensure_starter_model, rasa_version
from bot.serve.servers import ServerConfig, Servers
from bot.training import ensure_model, training_record

#: Conversations per batch: one sender holds 8 one after the other; each of 8 senders holds 2.
SINGLE_CONVERSATIONS = 8
MULTI_SENDERS = 8
MULTI_CONVERSATIONS = 2
LOG_DIR = paths.BUILD / "bench" / "logs"


def load_line(label: str) -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {label}: {one:.2f} {five:.2f} {fifteen:.2f} ({os.cpu_count()} CPUs)"


def warm_up(url: str, tag: str) -> None:
    """One sender, every message of the list once (not measured)."""
    run_batch(url, 1, -(-len(MESSAGES) // TURNS_PER_CONVERSATION), round_no=-1, tag=f"warm-{tag}")


def measure(bots: list[tuple[BotFigures, str]], rounds: int,
            progress: Callable[[str], None] = print) -> None:
    """``rounds`` rounds; in each, a one-sender batch of every bot, then an 8-sender batch of
    every bot, the bots' order reversed every other round (ABBA)."""
    for round_no in range(rounds):
        order = bots if round_no % 2 == 0 else bots[::-1]
        for figures, url in order:
            batch = run_batch(url, 1, SINGLE_CONVERSATIONS, round_no, f"{figures.name}-1")
            figures.add_single(batch.latencies, batch.errors, batch.empty)
        for figures, url in order:
            batch = run_batch(url, MULTI_SENDERS, MULTI_CONVERSATIONS, round_no,
                              f"{figures.name}-8")
            figures.add_multi(batch.latencies, batch.wall, batch.errors, batch.empty)
        progress(f"  round {round_no + 1}/{rounds} done ({load_line('now')})")


def main(args: argparse.Namespace) -> int:
    model = ensure_model()
    starter_model = ensure_starter_model()
    record = training_record(model)
    training = json.loads(record.read_text()) if record.exists() else {}
    for old in LOG_DIR.glob("*.log"):
        old.unlink()
    ours = BotFigures("ours")
    starter = BotFigures("starter")
    print(f"\nbenchmark: our assistant vs Rasa's starter bot (Rasa {rasa_version()}); "
          f"logs in {LOG_DIR.relative_to(paths.ROOT)}/", flush=True)
    print(load_line("at the start"), flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        config = ServerConfig(model=model, rasa_port=args.port or free_port(),
                              actions_port=args.actions_port or free_port(),
                              tracker_db=Path(tmp) / "bench.db", log_dir=LOG_DIR)
        starter_db = Path(tmp) / "starter.db" if args.starter_tracker == "sqlite" else None
        starter_server = StarterServer(starter_model, args.starter_port or free_port(),
                                       env=config.env(), tracker_db=starter_db,
                                       log=LOG_DIR / "starter.log")
        with Servers(config) as servers, starter_server:
            # start-up, one server after the other so that they do not compete
            started = time.monotonic()
            servers.start()
            ours.startup_s = wait_first_answer(
                config.rest_url, started, lambda: servers.rasa is not None and servers.rasa.poll() is None)
            started = time.monotonic()
            starter_server.start()
            starter.startup_s = wait_first_answer(
                starter_server.rest_url, started,
                lambda: starter_server.proc is not None and starter_server.proc.poll() is None)
            print(f"  started: ours {ours.startup_s:.1f} s, starter {starter.startup_s:.1f} s",
                  flush=True)
            bots = [(ours, config.rest_url), (starter, starter_server.rest_url)]
            for figures, url in bots:
                warm_up(url, figures.name)
            measure(bots, args.rounds, progress=lambda line: print(line, flush=True))
            ours.rss_mb = peak_rss_mb(servers.rasa.pid if servers.rasa else None)
            actions_rss = peak_rss_mb(servers.actions.pid if servers.actions else None)
            starter.rss_mb = peak_rss_mb(starter_server.proc.pid if starter_server.proc else None)
    print_report(ours, starter, args, actions_rss, training)
    return 0


def print_report(ours: BotFigures, starter: BotFigures, args: argparse.Namespace,
                 actions_rss: float, training: dict) -> None:
    long_words = sorted(len(story.split()) for story in STORIES)
    print(f"\n== our assistant vs Rasa's starter bot: REST, the same {len(MESSAGES)} messages "
          f"({len(STORIES)} of {long_words[0]}-{long_words[-1]} words), {TURNS_PER_CONVERSATION} "
          f"turns per conversation, {args.rounds} alternating rounds ==")
    print(f"starter: rasa init project, tracker store {args.starter_tracker} "
          f"({'as it ships' if args.starter_tracker == 'memory' else 'SQLite, like ours'}), "
          "no action server; ours: SQLite tracker store + action server (make run)")
    print(format_table([ours, starter]))
    print(f"(our action server's peak RSS: {actions_rss:.0f} MB, not in the Rasa column)")
    print("\nours / starter:")
    print(format_ratios(ours, starter))
    print("ours / starter in each round (the spread is the machine's noise):")
    print(format_round_ratios(ours, starter))
    print("\nbudgets (NLU issue):")
    for budget in budgets(ours, starter):
        print(f"  {budget.line()}")
    print(load_line("at the end"))
    if training:
        print(f"our training: {training['training_seconds']:.0f} s (recorded when this model was "
              f"trained, {training.get('cpus')} CPUs)")
    if starter.empty:
        print(f"({starter.empty} of the starter's replies were empty: its policies chose to listen, "
              "as they do for messages outside its small domain; they count in its figures)")
    if ours.errors or starter.errors or ours.empty:
        print("WARNING: some requests failed or got no reply; see the logs in "
              f"{LOG_DIR.relative_to(paths.ROOT)}/")
