"""Where the NLU's time goes, per message and per pipeline component, in-process (no
servers): the model's Agent parses ``make bench``'s messages (``bot/maintain/bench_messages.py``)
through Rasa's own graph (``processor.parse_message``), and every graph node's run is
timed on the way. CPU time of this process (onnxruntime runs on the calling thread), so
the figures move less with the machine's load than wall time; wall time is printed too.

``time`` (default): one code tree, the figures of this checkout.
``time --against REV``: the same, in child processes that alternate between this checkout
and REV's code (``git archive`` into ``build/nlu-profile/``, no worktree; the venv,
its spaCy pipeline package and build/encoder are shared), so before and after come
from the same run and the same load. ``--base-model`` when REV needs another model file.
``dump OUT``: the full parse (intent, rankings, entities, red flags, response selector,
language ...) of every message of the held-in, development and red-flag sets, the
training data and the bench messages, as JSON lines: two dumps that are equal mean
identical predictions (``diff`` them; confidences are rounded to 12 digits).

Usage: python scripts/nlu_profile.py [time] [--rounds 5] [--against REV] [--model PATH]
       python scripts/nlu_profile.py dump reports/nlu-parse-dump.jsonl
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse  # noqa: E402
import asyncio  # noqa: E402
import json  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections import defaultdict  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any, Callable, Dict, Iterator, List, Optional  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path and not os.environ.get("NLU_PROFILE_CHILD"):
    sys.path.insert(0, str(ROOT))


def _load(model: Optional[Path]) -> Any:
    from bot.fingerprint import model_path
    from bot.maintain.results import load_agent, quiet_warnings

    quiet_warnings()
    return load_agent(model or model_path())


def _nlu_nodes(agent: Any) -> Dict[str, Any]:
    """The graph nodes the parse runs (the minimal schema of the NLU target), by name."""
    processor = agent.processor
    runner = processor.graph_runner
    schema = runner._graph_schema.minimal_graph_schema([processor.model_metadata.nlu_target])
    return {name: runner._instantiated_nodes[name] for name in schema.nodes}


def _short(node_name: str) -> str:
    """``run_bot.nlu.linear.LinearIntentClassifier4`` -> ``LinearIntentClassifier4``."""
    return node_name.replace("run_", "").split(".")[-1]


def _timed(fn: Callable[..., Any], sink: Dict[str, float], name: str) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            sink[name] = sink.get(name, 0.0) + time.process_time() - start
    return wrapper


def measure(model: Optional[Path], rounds: int) -> Dict[str, Any]:
    """Per-component CPU ms per message (mean over messages and rounds, and the median of
    the per-round means), whole-parse CPU and wall ms, for the bench messages."""
    from rasa.core.channels.channel import UserMessage

    from bot.maintain.bench_messages import MESSAGES

    agent = _load(model)
    sink: Dict[str, float] = {}
    nodes = _nlu_nodes(agent)
    for name, node in nodes.items():
        node._fn = _timed(node._fn, sink, _short(name))

    async def parse(text: str) -> None:
        await agent.processor.parse_message(UserMessage(text, sender_id="nlu-profile"))

    async def run() -> Dict[str, Any]:
        for text in MESSAGES:  # warm-up: first-use costs (caches, lazy imports) are not per-message
            await parse(text)
        per_round: Dict[str, List[float]] = defaultdict(list)
        cpu: List[float] = []
        wall: List[float] = []
        for _ in range(rounds):
            sink.clear()
            round_cpu = 0.0
            for text in MESSAGES:
                start_cpu, start_wall = time.process_time(), time.perf_counter()
                await parse(text)
                cpu.append((time.process_time() - start_cpu) * 1000)
                wall.append((time.perf_counter() - start_wall) * 1000)
                round_cpu += cpu[-1]
            for name, seconds in sink.items():
                per_round[name].append(seconds * 1000 / len(MESSAGES))
            per_round["(whole parse)"].append(round_cpu / len(MESSAGES))
        return {"components": {k: statistics.median(v) for k, v in per_round.items()},
                "cpu_p50": statistics.median(cpu), "wall_p50": statistics.median(wall),
                "cpu_mean": statistics.fmean(cpu), "messages": len(MESSAGES), "rounds": rounds}

    return asyncio.run(run())


def _row_order(results: List[Dict[str, Any]]) -> List[str]:
    names: List[str] = []
    for result in results:
        for name in result["components"]:
            if name not in names and name != "(whole parse)":
                names.append(name)
    return names


def print_table(labels: List[str], results: List[Dict[str, Any]]) -> None:
    whole = [r["components"]["(whole parse)"] for r in results]
    print(f"{'component (CPU ms per message, median of rounds)':52}" + "".join(f"{lab:>14}" for lab in labels))
    for name in _row_order(results):
        cells = "".join(f"{r['components'].get(name, 0.0):14.3f}" for r in results)
        print(f"  {name:50}{cells}")
    rest = [w - sum(v for k, v in r["components"].items() if k != "(whole parse)") for w, r in zip(whole, results, strict=True)]
    print(f"  {'(graph runner and parse_message around the nodes)':50}" + "".join(f"{x:14.3f}" for x in rest))
    print(f"  {'whole parse, mean CPU ms per message':50}" + "".join(f"{x:14.3f}" for x in whole))
    print(f"  {'whole parse, p50 CPU ms':50}" + "".join(f"{r['cpu_p50']:14.3f}" for r in results))
    print(f"  {'whole parse, p50 wall ms':50}" + "".join(f"{r['wall_p50']:14.3f}" for r in results))


def _base_tree(rev: str) -> Path:
    """REV's files under build/nlu-profile/<sha>/ (git archive; build/encoder linked)."""
    sha = subprocess.run(["git", "rev-parse", rev], cwd=ROOT, check=True, capture_output=True,
                         text=True).stdout.strip()
    target = ROOT / "build" / "nlu-profile" / sha[:12]
    if not (target / "bot").is_dir():
        target.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(["git", "archive", sha], cwd=ROOT, check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    (target / "build").mkdir(exist_ok=True)
    link = target / "build" / "encoder"
    if not link.exists():
        link.symlink_to(ROOT / "build" / "encoder")
    return target


def _child(tree: Path, model: Path, rounds: int) -> Dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": str(tree), "NLU_PROFILE_CHILD": "1"}
    out = subprocess.run([sys.executable, str(Path(__file__).resolve()), "child", "--model", str(model),
                          "--rounds", str(rounds)], cwd=tree, env=env, check=True, capture_output=True,
                         text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def _merge(results: List[Dict[str, Any]]) -> Dict[str, Any]:
    """The median over repeated child runs of each figure."""
    names = {n for r in results for n in r["components"]}
    return {"components": {n: statistics.median(r["components"].get(n, 0.0) for r in results) for n in names},
            **{k: statistics.median(r[k] for r in results) for k in ("cpu_p50", "wall_p50", "cpu_mean")}}


def against(rev: str, model: Path, base_model: Path, rounds: int, repeats: int) -> None:
    base = _base_tree(rev)
    runs: Dict[str, List[Dict[str, Any]]] = {"before": [], "after": []}
    for _ in range(repeats):  # alternate, so both see the same load
        runs["before"].append(_child(base, base_model, rounds))
        runs["after"].append(_child(ROOT, model, rounds))
    print(f"before = {rev} ({base.name}), after = this checkout; {repeats} alternating processes each, "
          f"{rounds} rounds of the bench messages per process; load average {os.getloadavg()}")
    before, after = _merge(runs["before"]), _merge(runs["after"])
    print_table(["before", "after"], [before, after])
    print(f"  {'after / before (whole parse CPU)':50}{after['cpu_mean'] / before['cpu_mean']:28.2f}")


# --- dump: the full parse of every message, for comparing predictions ------------------

def dump_texts() -> Iterator[tuple[str, str, Optional[dict]]]:
    """(source, text, metadata) of every message the dump parses."""
    import yaml

    from bot import paths
    from bot.constants import INPUT_METADATA_KEY, MAX_MESSAGE_CHARS
    from bot.maintain.bench_messages import MESSAGES
    from bot.maintain.red_flag_sets import load_groups
    from bot.maintain.results import load_examples

    for path in sorted((paths.ROOT / "tests" / "nlu").rglob("*.yml")):
        for text, _ in load_examples(path):
            yield path.name, text, None
    for path in sorted((paths.ROOT / "tests" / "red_flags").glob("*.yml")):
        for group, texts in load_groups(path).items():
            for text in texts:
                yield f"{path.name}:{group}", text, None
    for path in sorted((paths.ROOT / "data").rglob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if "nlu" in data:
            for text, _ in load_examples(path):
                yield path.name, text, None
    for text in MESSAGES:
        yield "bench", text, None
    # the channel's cut: a long message whose full text is scanned for red flags
    story = " ".join(MESSAGES) + " and since an hour ago he suddenly cannot speak and his face droops."
    for text in (story, story.upper()):
        cut = text[:MAX_MESSAGE_CHARS // 10]
        yield "scan_text", cut, {INPUT_METADATA_KEY: {"scan_text": text, "truncated": True}}
    for text in ("", "   ", "🙂🙂", "???", "/greet", "ok", "क्लोनस क्या है", "mera pair kaanp raha hai"):
        yield "edge", text, None


def _rounded(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 12)
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in sorted(value.items())}
    if isinstance(value, (list, tuple)):
        return [_rounded(v) for v in value]
    return value


def dump(model: Optional[Path], out: Path) -> None:
    from rasa.core.channels.channel import UserMessage

    agent = _load(model)
    seen = set()

    async def run() -> int:
        count = 0
        with out.open("w", encoding="utf-8") as stream:
            for source, text, metadata in dump_texts():
                key = (text, json.dumps(metadata, sort_keys=True))
                if key in seen:
                    continue
                seen.add(key)
                parse = await agent.processor.parse_message(UserMessage(text, sender_id="dump", metadata=metadata))
                stream.write(json.dumps({"source": source, "parse": _rounded(parse)}, ensure_ascii=False,
                                        sort_keys=True) + "\n")
                count += 1
        return count

    print(f"{asyncio.run(run())} parses written to {out}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("mode", nargs="?", default="time", choices=["time", "dump", "child"])
    parser.add_argument("out", nargs="?", type=Path, help="dump: the JSON-lines file to write")
    parser.add_argument("--model", type=Path, default=None)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--against", metavar="REV", help="compare with REV's code in the same run")
    parser.add_argument("--base-model", type=Path, default=None, help="REV's model (default: --model)")
    parser.add_argument("--repeats", type=int, default=3, help="alternating processes per side (--against)")
    args = parser.parse_args()
    if args.mode == "dump":
        if args.out is None:
            parser.error("dump needs the output file")
        dump(args.model, args.out)
        return 0
    if args.mode == "child":
        print(json.dumps(measure(args.model, args.rounds)))
        return 0
    if args.against:
        from bot.fingerprint import model_path

        model = (args.model or model_path()).resolve()
        against(args.against, model, (args.base_model or model).resolve(), args.rounds, args.repeats)
        return 0
    result = measure(args.model, args.rounds)
    print(f"{result['messages']} bench messages x {result['rounds']} rounds; load average {os.getloadavg()}")
    print_table(["this"], [result])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
