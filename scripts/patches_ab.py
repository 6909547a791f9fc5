"""CPU per turn with and without the serving patches that cut Python work per turn, in one
process (no HTTP, no worker threads), alternating, so both see the same machine.

Loads the model with Rasa's ``Agent`` on a SQLite tracker store tuned as the server's
(``bot.serve.sqlite_tracker``), the predict graph in the sequential runner, structlog at INFO
as ``rasa run`` has it, and talks the benchmark's conversations (``bot.maintain.bench_messages``,
8 turns each). Round by round (the order reversed every other round) it runs a block of
conversations with the patches of ``bot.serve.prior_states``, ``event_lookup``,
``rule_lookup`` (the grouped lookup against RulePolicy's own) and ``log_copies`` installed,
and a block with Rasa's own methods, and prints the process CPU time per turn of each block
and the medians. A benchmark, not a test (MAINTAINING.md, "Less Python per turn").

    .venv/bin/python scripts/patches_ab.py [--model models/clonus-<fp>.tar.gz] [--rounds 8]
"""

from __future__ import annotations

import argparse
import asyncio
import copy
import logging
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", type=Path, default=None, help="model (default: the newest in models/)")
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--conversations", type=int, default=5, help="per block")
    args = parser.parse_args()

    logging.disable(logging.WARNING)
    from rasa.core import processor
    from rasa.core.agent import Agent
    from rasa.core.policies import memoization, rule_policy
    from rasa.core.policies.rule_policy import RulePolicy
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import Event
    from rasa.utils.log_utils import configure_structlog

    from bot import paths
    from bot.maintain.bench_messages import MESSAGES
    from bot.serve import (
        event_lookup,
        graph_runner,
        log_copies,
        prior_states,
        rule_lookup,
        sqlite_tracker,
    )

    configure_structlog(logging.INFO)
    processor.DaskGraphRunner = graph_runner.SequentialGraphRunner  # type: ignore[misc]
    model = args.model or max(paths.ROOT.joinpath("models").glob("clonus-*.tar.gz"), key=os.path.getmtime)
    agent = Agent.load(str(model))
    store = SQLTrackerStore(agent.domain, dialect="sqlite", db=os.path.join(tempfile.mkdtemp(), "t.db"))
    sqlite_tracker.tune_sqlite_store(store)
    agent.tracker_store = agent.processor.tracker_store = store

    rasa_own = (Domain.states_for_tracker_history, Event.__dict__["resolve_by_type"], RulePolicy._get_possible_keys)
    log_copies.install()
    log_only_copy = memoization.copy

    def patched(on: bool) -> None:
        if on:
            Domain.states_for_tracker_history = prior_states.states_for_tracker_history  # type: ignore[assignment]
            Event.resolve_by_type = staticmethod(event_lookup.resolve_by_type)  # type: ignore[assignment]
            RulePolicy._get_possible_keys = rule_lookup.get_possible_keys  # type: ignore[method-assign]
            memoization.copy = rule_policy.copy = log_only_copy  # type: ignore[attr-defined]
        else:
            Domain.states_for_tracker_history, Event.resolve_by_type, RulePolicy._get_possible_keys = rasa_own
            memoization.copy = rule_policy.copy = copy  # type: ignore[attr-defined]

    async def block(tag: str) -> float:
        started, turns = time.process_time(), 0
        for number in range(args.conversations):
            for turn in range(8):
                await agent.handle_text(MESSAGES[(number * 5 + turn) % len(MESSAGES)], sender_id=f"{tag}-{number}")
                turns += 1
        return (time.process_time() - started) / turns * 1000

    async def run() -> None:
        patched(True)
        await block("warm")
        figures: dict[str, list[float]] = {"patched": [], "rasa": []}
        for round_no in range(args.rounds):
            for name in (("patched", "rasa") if round_no % 2 == 0 else ("rasa", "patched")):
                patched(name == "patched")
                figures[name].append(await block(f"{name}-{round_no}"))
        patched(True)
        for name, values in figures.items():
            print(f"{name:8s} ms CPU per turn: {' '.join(f'{v:.2f}' for v in values)}  median {statistics.median(values):.2f}")
        print(f"patched / rasa (medians): {statistics.median(figures['patched']) / statistics.median(figures['rasa']):.2f}; "
              f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")

    asyncio.run(run())


if __name__ == "__main__":
    main()
