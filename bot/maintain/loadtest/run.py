"""``make loadtest``: run Locust headless against the assistant, print the figures, check the
database (``python -m bot.maintain.loadtest --help``).

Two modes:

- ``capacity``: no think time; a stepped search over the number of users (``--steps``,
  each step ``--duration`` seconds long, stopped at the first step over the limits) for each
  replica count (default 1 and 2); the capacity is the highest messages/s of a step with
  p95 < 1 s and errors <= 0.1 %; prints the 2:1 ratio.
- ``soak``: ``--users`` (500) users, ``--wait`` (10-40 s) between a user's messages, for
  ``--duration`` (300 s).

Each Locust run prints users held, messages/s, p50/p95/p99 and errors, then the database
check (``dbcheck.py``). Bounded: at most ``MAX_USERS`` users, ``MAX_SPAWN_RATE`` users/s and
``MAX_SECONDS`` per run, and only against 127.0.0.1 / localhost. Output (journals, Locust
CSV files, the summary) in ``reports/loadtest/<mode>/``.
"""

from __future__ import annotations

import argparse
import os
import secrets
import subprocess
import time
from pathlib import Path
from typing import Optional, Sequence
from urllib.parse import urlparse

from bot import paths
from bot.maintain.loadtest.dbcheck import CheckReport, check, conversation_id, load_events
from bot.maintain.loadtest.journal import read_journal
from bot.maintain.loadtest.stats import RunFigures, best_step, within_limits
from bot.maintain.loadtest.target import LB_PORT, LoadStack, Target

LOCUST_VENV = paths.BUILD / "locust-venv"
LOCUSTFILE = Path(__file__).with_name("locustfile.py")
MAX_USERS = 2000
MAX_SPAWN_RATE = 50.0
MAX_SECONDS = 1800
LOCAL_HOSTS = ("127.0.0.1", "localhost")
#: socket.io replies are sent before Rasa saves the turn: wait this long before checking
SETTLE_SECONDS = 3.0


def local_only(urls: Sequence[str]) -> list[str]:
    """The URLs if every one points at this machine's loopback; else ValueError."""
    for url in urls:
        if urlparse(url).hostname not in LOCAL_HOSTS:
            raise ValueError(f"refusing {url!r}: the load test runs only against 127.0.0.1 / localhost")
    return list(urls)


def bounded(users: int, spawn_rate: float, seconds: int) -> None:
    if not 1 <= users <= MAX_USERS:
        raise ValueError(f"users must be 1..{MAX_USERS}")
    if not 0 < spawn_rate <= MAX_SPAWN_RATE:
        raise ValueError(f"spawn rate must be in (0, {MAX_SPAWN_RATE}] users/s")
    if not 1 <= seconds <= MAX_SECONDS:
        raise ValueError(f"a run lasts 1..{MAX_SECONDS} s")


def load() -> str:
    """The machine's load averages (other engineers share it)."""
    return "load average " + " ".join(f"{value:.2f}" for value in os.getloadavg())


def run_locust(target: Target, users: int, spawn_rate: float, seconds: int, wait: str,
               out: Path, quiet: float = 0.5) -> tuple[RunFigures, Path]:
    """One headless Locust run; returns its figures and its journal."""
    bounded(users, spawn_rate, seconds)
    urls = local_only(target.urls)
    out.mkdir(parents=True, exist_ok=True)
    journal = out / "journal.jsonl"
    journal.unlink(missing_ok=True)
    env = {**os.environ, "PYTHONPATH": str(paths.ROOT), "LOADTEST_TARGETS": ",".join(urls),
           "LOADTEST_JOURNAL": str(journal), "LOADTEST_RUN": secrets.token_hex(4),
           "LOADTEST_WAIT": wait, "LOADTEST_QUIET": str(quiet)}
    command = [str(LOCUST_VENV / "bin" / "locust"), "-f", str(LOCUSTFILE), "--headless",
               "--host", urls[0], "-u", str(users), "-r", str(spawn_rate),
               "-t", f"{seconds}s", "--stop-timeout", "40", "--csv", str(out / "locust"),
               "--only-summary", "--loglevel", "WARNING", "--exit-code-on-error", "0"]
    with open(out / "locust.log", "w", encoding="utf-8") as log:
        done = subprocess.run(command, cwd=paths.ROOT, env=env, stdout=log,
                              stderr=subprocess.STDOUT, timeout=seconds + 300)
    if done.returncode != 0:
        raise RuntimeError(f"locust exited with {done.returncode}: see {out / 'locust.log'}")
    return RunFigures.from_csv(out / "locust", users, seconds), journal


def check_database(journal: Path, db_url: str) -> CheckReport:
    conversations = list(read_journal(journal))
    senders = sorted({conversation_id(c) for c in conversations})
    return check(conversations, load_events(db_url, senders))


def one_run(target: Target, users: int, spawn_rate: float, seconds: int, wait: str,
            out: Path, label: str, lines: list[str]) -> tuple[RunFigures, CheckReport]:
    before = load()
    figures, journal = run_locust(target, users, spawn_rate, seconds, wait, out)
    time.sleep(SETTLE_SECONDS)
    report = check_database(journal, target.db_url)
    lines += [f"{label}: {figures.line()}",
              f"  {report.summary()}",
              f"  machine: {before} before, {load()} after"]
    lines += [f"    {problem}" for problem in report.problems[:20]]
    print("\n".join(lines[-3 - min(20, len(report.problems)):]), flush=True)
    return figures, report


def replicas_label(replicas: int) -> str:
    return f"{replicas} replica(s)" if replicas else "the running system"


def capacity(target: Target, replicas: int, steps: Sequence[int], step_seconds: int,
             spawn_rate: float, out: Path, lines: list[str]) -> tuple[Optional[RunFigures], bool]:
    """The stepped search for one replica count; returns the best step and whether the
    database was clean in every step."""
    done: list[RunFigures] = []
    clean = True
    for users in steps:
        figures, report = one_run(target, users, spawn_rate, step_seconds, "0",
                                  out / f"replicas-{replicas}" / f"users-{users}",
                                  f"capacity, {replicas_label(replicas)}, {users} users", lines)
        done.append(figures)
        clean = clean and not report.problems
        if not within_limits(figures):
            break
    best = best_step(done)
    lines.append(f"capacity with {replicas_label(replicas)}: " + (
        f"{best.per_second:.1f} messages/s (p95 {best.p95:.0f} ms, {best.users_target} users)"
        if best else "no step stayed within p95 < 1 s"))
    print(lines[-1], flush=True)
    return best, clean


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.maintain.loadtest",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--mode", choices=("capacity", "soak"), default="soak")
    parser.add_argument("--replicas", default="", help="capacity: e.g. 1,2 (default); soak: 2")
    parser.add_argument("--users", type=int, default=None,
                        help="soak: users (500); capacity: the largest step")
    parser.add_argument("--duration", type=int, default=None,
                        help="soak: seconds (300); capacity: seconds per step (60)")
    parser.add_argument("--wait", default="10,40", help="soak: min,max seconds between messages")
    parser.add_argument("--spawn-rate", type=float, default=10.0)
    parser.add_argument("--steps", default="1,2,4,6,8,12,16,24,32,48", help="capacity users per step")
    parser.add_argument("--target", default="", help="comma-separated base URLs of a running "
                        "system (e.g. make stack's http://127.0.0.1:5005); needs --db-url")
    parser.add_argument("--db-url", default="", help="SQLAlchemy URL of its tracker database")
    parser.add_argument("--model", default="", help="model archive (default: the current one)")
    parser.add_argument("--port-base", type=int,
                        default=int(os.environ.get("LOADTEST_PORT_BASE", LB_PORT)),
                        help="the load test's stack: LB on this port, replicas on the next, "
                        "PostgreSQL +30, actions +50, Redis +60 (default 5705)")
    parser.add_argument("--out", default=str(paths.REPORTS / "loadtest"))
    args = parser.parse_args(argv)
    default_replicas = "1,2" if args.mode == "capacity" else "2"
    counts = [int(n) for n in (args.replicas or default_replicas).split(",") if n.strip()]
    out = Path(args.out) / args.mode
    lines: list[str] = [f"make loadtest MODE={args.mode} ({time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())})"]
    ok = True

    def measure(target: Target, replicas: int) -> Optional[RunFigures]:
        nonlocal ok
        if args.mode == "capacity":
            steps = [int(n) for n in args.steps.split(",") if not args.users or int(n) <= args.users]
            best, clean = capacity(target, replicas, steps, args.duration or 60,
                                   args.spawn_rate, out, lines)
            ok = ok and clean
            return best
        figures, report = one_run(target, args.users or 500, args.spawn_rate, args.duration or 300,
                                  args.wait, out / f"replicas-{replicas}",
                                  f"soak, {replicas_label(replicas)}", lines)
        ok = ok and not report.problems and figures.error_share <= 0.001
        return figures

    best: dict[int, Optional[RunFigures]] = {}
    if args.target:
        if not args.db_url:
            parser.error("--target needs --db-url")
        target = Target(urls=local_only(args.target.split(",")), db_url=args.db_url)
        best[0] = measure(target, 0)  # 0: the replicas of the running system
    else:
        model = Path(args.model) if args.model else _current_model()
        with LoadStack(model, max(counts), port_base=args.port_base) as stack:
            target = stack.start()
            for replicas in counts:
                stack.serve_with(replicas)
                best[replicas] = measure(target, replicas)
    if args.mode == "capacity" and best.get(1) and best.get(2):
        ratio = best[2].per_second / best[1].per_second  # type: ignore[union-attr]
        lines.append(f"capacity ratio 2:1 replicas = {ratio:.2f}")
        print(lines[-1])
    out.mkdir(parents=True, exist_ok=True)
    (out / "summary.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"summary: {out / 'summary.txt'}")
    return 0 if ok else 1


def _current_model() -> Path:
    from bot.fingerprint import model_path

    model = model_path()
    if not model.exists():
        raise SystemExit(f"no trained model at {model}: run `make train`")
    return model
