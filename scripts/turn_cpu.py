"""CPU seconds per turn of our Rasa server and of the action server, over REST.

Starts the servers the way ``make run`` does (``bot.serve.servers``: action server, SQLite
tracker store in a temporary file; ports from ``CLONUS_PORT_RANGE`` when it is set), warms
them up, then drives ``--turns`` messages (the benchmark's messages, conversations of the
benchmark's length) from ``--senders`` senders and prints the CPU time (user + system, from
``/proc/<pid>/stat``, children included) each process used per turn, with the wall time and
the load average. CPU time per turn is much less sensitive to a busy machine than latency,
so two code versions can be compared in one sitting (run the script once per version).

``--baseline DIR`` runs a second pair of servers from another checkout of the project
(e.g. ``git worktree add /tmp/base main``, with ``build`` linked to this one's) at the same
time, with the same model, and sends each turn to both, alternately (one sender): both
versions see the same machine, so the ratio of their CPU per turn is what to read.
With ``--senders N`` (N > 1) and ``--baseline``, it measures throughput instead: ``--rounds``
rounds, in each one batch of N concurrent senders to each version (the order reversed every
other round), and prints messages per second and CPU per turn of each version, and their
ratio round by round (``bot.serve.offload`` was measured this way).

``--profile out.txt`` also records the Rasa server with py-spy during the measured turns
(``py-spy record --format raw``; the baseline's in ``out.baseline.txt``; the samples include
the event loop's idle waits, so read a part's share against the ``handle_message`` total;
with ``--gil``, only samples of the thread holding the GIL, per thread: with
``bot.serve.offload`` the threads ``clonus-graph`` and ``clonus-store`` next to the loop's;
py-spy must be installed in the venv:
``.venv/bin/python -m pip install py-spy``, not a project dependency).

    .venv/bin/python scripts/turn_cpu.py --turns 400 [--model models/clonus-<fp>.tar.gz] [--baseline DIR]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Optional

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import uuid  # noqa: E402
from contextlib import ExitStack  # noqa: E402

import requests  # noqa: E402

from bot import paths  # noqa: E402
from bot.maintain.load import TURNS_PER_CONVERSATION, message_for, run_batch, send  # noqa: E402
from bot.serve.ports import free_port  # noqa: E402
from bot.serve.servers import ServerConfig, Servers  # noqa: E402

TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: Optional[int]) -> float:
    """User + system CPU seconds of ``pid`` and its waited-for children (0 when gone)."""
    if pid is None:
        return 0.0
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    # after the command: state(0) ... utime(11) stime(12) cutime(13) cstime(14)
    return sum(int(fields[i]) for i in (11, 12, 13, 14)) / TICKS


def latest_model() -> Path:
    models = sorted((paths.ROOT / "models").glob("clonus-*.tar.gz"), key=lambda p: p.stat().st_mtime)
    if not models:
        raise SystemExit("no model in models/: run `make train` or pass --model")
    return models[-1]


def start_servers(stack: ExitStack, model: Path, tmp: str, name: str, root: Optional[Path]) -> tuple[Servers, str]:
    """A pair of servers (``root``: from another checkout; its cwd decides which code runs)."""
    config = ServerConfig(model=model, rasa_port=free_port(), actions_port=free_port(),
                          tracker_db=Path(tmp) / f"{name}.db", log_dir=paths.BUILD / "turn_cpu" / name)
    if root is not None:
        config.endpoints, config.credentials = root / "endpoints.yml", root / "credentials.yml"
    servers = stack.enter_context(Servers(config))
    saved = paths.ROOT
    paths.ROOT = root or saved  # Servers starts its processes in paths.ROOT
    try:
        servers.start(timeout=600)
    finally:
        paths.ROOT = saved
    run_batch(config.rest_url, 1, 4, round_no=-1, tag=f"warm-{name}")  # 32 turns, not measured
    return servers, config.rest_url


def alternate(urls: list[str], turns: int) -> list[list[float]]:
    """One sender, each turn sent to every url in turn (conversations of the bench's length)."""
    session = requests.Session()
    latencies: list[list[float]] = [[] for _ in urls]
    senders = [""] * len(urls)
    for count in range(turns):
        if count % TURNS_PER_CONVERSATION == 0:
            senders = [f"cpu-{i}-{uuid.uuid4().hex[:10]}" for i in range(len(urls))]
        text = message_for(0, 0, count)
        for i, url in enumerate(urls):
            took, ok, _ = send(session, url, senders[i], text)
            if not ok:
                raise SystemExit(f"{url} failed on {text!r}")
            latencies[i].append(took)
    return latencies


def concurrent_rounds(pairs: list, pids: list, senders: int, per_sender: int,
                      rounds: int) -> int:
    """Batches of ``senders`` concurrent senders to each version in turn; prints msg/s."""
    totals = [[0, 0.0, 0.0, []] for _ in pairs]  # turns, wall, Rasa CPU, latencies
    ratios = []
    load_before = os.getloadavg()
    for round_no in range(rounds):
        order = list(range(len(pairs)))
        if round_no % 2:
            order.reverse()
        rates = [0.0] * len(pairs)
        for i in order:
            cpu0 = cpu_seconds(pids[i][0])
            batch = run_batch(pairs[i][2], senders, per_sender, round_no=round_no, tag=f"cpu{i}")
            if batch.errors:
                raise SystemExit(f"{pairs[i][0]}: {batch.errors} requests failed")
            turns = len(batch.latencies)
            rates[i] = turns / batch.wall
            totals[i][0] += turns
            totals[i][1] += batch.wall
            totals[i][2] += cpu_seconds(pids[i][0]) - cpu0
            totals[i][3].extend(batch.latencies)
        ratios.append(rates[0] / rates[1])
        print(f"round {round_no + 1}: " + ", ".join(f"{pairs[i][0]} {rates[i]:.1f} msg/s"
                                                    for i in range(len(pairs))), flush=True)
    for (name, _, _), (turns, wall, cpu, lat) in zip(pairs, totals, strict=True):
        print(f"{name:9s} {turns / wall:6.1f} msg/s with {senders} senders, Rasa server "
              f"{1000 * cpu / turns:6.2f} ms CPU per turn ({cpu / wall:.2f} cores), "
              f"p50 latency {sorted(lat)[len(lat) // 2]:.1f} ms")
    rate = [t[0] / t[1] for t in totals]
    print(f"throughput this / baseline: {rate[0] / rate[1]:.2f} (rounds "
          + ", ".join(f"{r:.2f}" for r in ratios) + ")")
    print("load average before {:.2f} {:.2f} {:.2f}, after {:.2f} {:.2f} {:.2f}".format(
        *load_before, *os.getloadavg()))
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", type=Path, default=None, help="model (default: the newest in models/)")
    parser.add_argument("--turns", type=int, default=320, help="measured turns (rounded up to whole conversations)")
    parser.add_argument("--senders", type=int, default=1)
    parser.add_argument("--baseline", type=Path, default=None, help="another checkout to compare with")
    parser.add_argument("--gil", action="store_true",
                        help="with --profile: only the threads holding the GIL, one stack per thread")
    parser.add_argument("--rounds", type=int, default=4, help="with --senders > 1 and --baseline")
    parser.add_argument("--profile", type=Path, default=None, help="py-spy raw profile of the Rasa server")
    args = parser.parse_args()
    model = (args.model or latest_model()).resolve()
    per_sender = -(-args.turns // (args.senders * TURNS_PER_CONVERSATION))
    with tempfile.TemporaryDirectory() as tmp, ExitStack() as stack:
        pairs = [("this", *start_servers(stack, model, tmp, "this", None))]
        if args.baseline:
            pairs.append(("baseline", *start_servers(stack, model, tmp, "baseline", args.baseline.resolve())))
        pids = [(s.rasa.pid if s.rasa else None, s.actions.pid if s.actions else None) for _, s, _ in pairs]
        if args.baseline and args.senders > 1:
            return concurrent_rounds(pairs, pids, args.senders, per_sender, args.rounds)
        spies = []
        if args.profile:  # the baseline's profile goes to <name>.baseline<suffix>
            exe = shutil.which("py-spy", path=str(Path(sys.executable).parent)) or "py-spy"
            outs = [args.profile, args.profile.with_suffix(".baseline" + args.profile.suffix)]
            gil = ["--threads", "--gil"] if args.gil else []
            spies = [subprocess.Popen([exe, "record", "-p", str(rasa_pid), "-r", "200", "--format", "raw",
                                       *gil, "-o", str(out), "--nonblocking"],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                     for (rasa_pid, _), out in zip(pids, outs)]  # noqa: B905 - one or two
            time.sleep(1.0)
        load_before = os.getloadavg()
        before = [(cpu_seconds(r), cpu_seconds(a)) for r, a in pids]
        started = time.perf_counter()
        if args.baseline:
            latencies = alternate([url for _, _, url in pairs], per_sender * TURNS_PER_CONVERSATION)
        else:
            batch = run_batch(pairs[0][2], args.senders, per_sender, round_no=0, tag="cpu")
            if batch.errors:
                raise SystemExit(f"{batch.errors} requests failed")
            latencies = [batch.latencies]
        wall = time.perf_counter() - started
        after = [(cpu_seconds(r), cpu_seconds(a)) for r, a in pids]
        load_after = os.getloadavg()
        for spy in spies:
            spy.send_signal(2)  # SIGINT: py-spy writes the profile and exits
        for spy in spies:
            spy.wait(timeout=60)
    turns = len(latencies[0])
    print(f"model {model.name}; {turns} turns per version, {args.senders} sender(s), wall {wall:.1f} s")
    rasa_ms = []
    for (name, _, _), (r0, a0), (r1, a1), lat in zip(pairs, before, after, latencies, strict=True):
        rasa_ms.append(1000 * (r1 - r0) / turns)
        print(f"{name:9s} Rasa server {rasa_ms[-1]:6.2f} ms CPU per turn, action server "
              f"{1000 * (a1 - a0) / turns:5.2f} ms; p50 latency {sorted(lat)[len(lat) // 2]:.1f} ms")
    if len(rasa_ms) == 2:
        print(f"Rasa server CPU per turn, this / baseline: {rasa_ms[0] / rasa_ms[1]:.2f}")
    print("load average before {:.2f} {:.2f} {:.2f}, after {:.2f} {:.2f} {:.2f}".format(
        *load_before, *load_after))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
