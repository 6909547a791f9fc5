"""How long from a labelled review file (or a new topic) to the fix answering, end to end,
with the servers running the whole time (issue 16 item 5, issue 13's "a new topic live").

On a temporary copy of the project (this checkout's data, models/ and .rasa/ are never
changed; the current model and Rasa's cache are copied so the caches are as warm as in
the checkout; build/encoder and build/cache are shared, both content-keyed):

1. start the servers the way ``make run`` does (model watch on, ports from
   ``CLONUS_PORT_RANGE``) with the current model and ask every labelled message: the
   answer before the fix;
2. the maintainer's command: ``python -m bot review apply FILE`` (validate + train), or
   with ``--topic``: ``python -m bot topic new clonus_jaw --from tests/fixtures/sample_topic.yml``
   then ``python -m bot train`` (what ``make topic`` + ``make train`` run; Rasa's own
   validation included);
3. wait for the running Rasa server to load the new model (its log: "now serving");
4. ask again until every message gets its right answer.

Prints the seconds of each step (validate, train, reload, first right answer, total) and
the load average at the start and at the end. A message counts as answered right when a
reply starts like one of the variations of the label's response (``utter_faq/<key>`` for
a topic, ``utter_<intent>`` otherwise). A benchmark, not a test.

Usage:
    CLONUS_PORT_RANGE=59000-59199 .venv/bin/python scripts/fix_live.py FILE
    CLONUS_PORT_RANGE=59000-59199 .venv/bin/python scripts/fix_live.py --topic
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Optional

from project_copy import copy_project  # scripts/: no bot import before CLONUS_ROOT is set

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "tests" / "fixtures" / "sample_topic.yml"


def copy_current_model(target: Path) -> Path:
    out = subprocess.run([sys.executable, "-m", "bot", "model"], cwd=ROOT, capture_output=True, text=True,
                         check=True, env={**os.environ, "CLONUS_ROOT": str(ROOT)})
    model = Path(out.stdout.strip().splitlines()[-1])
    if not model.is_file():
        raise SystemExit(f"no model of the current data ({model}): run `make train` first")
    (target / "models").mkdir(exist_ok=True)
    for path in (model, model.with_name(model.name[: -len(".tar.gz")] + ".json")):
        if path.exists():
            shutil.copy2(path, target / "models" / path.name)
    return target / "models" / model.name


def expected_starts(root: Path, label: str) -> list[str]:
    """The first line of each variation of the label's response (domain or FAQ responses)."""
    import yaml

    name = f"utter_{label}"
    starts: list[str] = []
    for path in [root / "domain.yml", *sorted((root / "data").rglob("*.yml"))]:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for variation in (data.get("responses") or {}).get(name) or []:
            text = str(variation.get("text") or "").strip()
            if text:
                starts.append(_norm(text.splitlines()[0])[:60])
    return starts


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


class Bot:
    """The running servers of the copy, as ``python -m bot run`` starts them (model watch on)."""

    def __init__(self, root: Path, model: Path, log_dir: Path) -> None:
        from bot.serve.model_reload import WATCH_ENV
        from bot.serve.ports import free_port
        from bot.serve.servers import ServerConfig, Servers

        self.log = log_dir / "rasa.log"
        self.config = ServerConfig(model=model, rasa_port=free_port(), actions_port=free_port(),
                                   tracker_db=root / "tracker.db", log_dir=log_dir,
                                   extra_env={"CLONUS_ROOT": str(root), WATCH_ENV: str(root / "models"),
                                              "CLONUS_MODEL_WATCH_INTERVAL": "0.5"})
        self.servers = Servers(self.config)
        self.turn = 0

    def answers(self, text: str, starts: list[str]) -> tuple[bool, str]:
        import requests

        self.turn += 1
        reply = requests.post(self.config.rest_url, json={"sender": f"fix-live-{self.turn}", "message": text},
                              timeout=60).json()
        texts = [_norm(m.get("text") or "") for m in reply]
        return any(t.startswith(s) for t in texts for s in starts), " | ".join(t[:50] for t in texts)

    def served(self) -> str:
        found = re.findall(r"model watch: now serving (\S+)", self.log.read_text(encoding="utf-8", errors="replace"))
        return found[-1] if found else ""


def children_cpu() -> float:
    """User + system CPU seconds of the finished child processes (the steps) so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_step(cmd: list[str], root: Path, log: Path) -> tuple[float, str]:
    started = time.monotonic()
    with log.open("ab") as out:
        done = subprocess.run(cmd, cwd=root, env={**os.environ, "CLONUS_ROOT": str(root)},
                              stdout=subprocess.PIPE, stderr=out, text=True)
    with log.open("a", encoding="utf-8") as out:
        out.write(done.stdout)
    if done.returncode != 0:
        raise SystemExit(f"failed ({done.returncode}): {' '.join(cmd)}; see {log}\n{done.stdout[-2000:]}")
    return time.monotonic() - started, done.stdout


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("file", nargs="?", type=Path, help="a labelled review file (python -m bot review --out)")
    parser.add_argument("--topic", action="store_true", help="add tests/fixtures/sample_topic.yml instead")
    parser.add_argument("--keep", action="store_true", help="keep the temporary copy (logs)")
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds to wait for the right answers")
    args = parser.parse_args(argv)
    if bool(args.file) == args.topic:
        parser.error("give a labelled FILE or --topic")

    work = Path(tempfile.mkdtemp(prefix="clonus-fix-live-"))
    root = work / "project"
    copy_project(root, extra=("tests/red_flags", ".rasa"), shared=("encoder", "cache"))
    model = copy_current_model(root)
    os.environ["CLONUS_ROOT"] = str(root)  # before importing bot: paths.ROOT is the copy
    sys.path.insert(0, str(ROOT))
    from bot.maintain.results import load_examples

    if args.topic:
        import yaml

        sample = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
        labelled = [(sample["conversation_test"], f"faq/{sample['key']}")]
        steps = [("scaffold", [sys.executable, "-m", "bot", "topic", "new", sample["key"], "--from", str(SAMPLE)]),
                 ("train", [sys.executable, "-m", "bot", "train"])]
    else:
        shutil.copy2(args.file, work / "labelled.yml")
        labelled = load_examples(work / "labelled.yml")
        steps = [("review apply", [sys.executable, "-m", "bot", "review", "apply", str(work / "labelled.yml")])]
    log = work / "steps.log"
    bot = Bot(root, model, work / "logs")
    load_start = os.getloadavg()
    print(f"working in {work}; load average {load_start[0]:.2f} {load_start[1]:.2f} {load_start[2]:.2f}", flush=True)
    try:
        started_servers = bot.servers.start(timeout=300)
        rasa_pid = bot.servers.rasa.pid if bot.servers.rasa else None
        print(f"servers up in {started_servers:.0f} s with {model.name} (Rasa pid {rasa_pid}); before the fix:",
              flush=True)
        expected = {label: expected_starts(root, label) for _, label in labelled}
        for text, label in labelled:
            right, shown = bot.answers(text, expected[label] or ["\x00"])
            print(f"  {'right' if right else 'WRONG'}  {label}: {text!r} -> {shown[:120]}", flush=True)
        figures: dict[str, float] = {}
        t0 = time.monotonic()
        for name, cmd in steps:
            cpu = children_cpu()
            took, out = run_step(cmd, root, log)
            figures[name] = took
            figures[f"  {name}: CPU seconds (user + sys)"] = children_cpu() - cpu
            for step, pattern in (("validate", r"validation passed \((\d+) s\)"), ("train", r"trained \((\d+) s\)")):
                found = re.search(pattern, out)
                if found:
                    figures[f"  of which {step} (as printed)"] = float(found.group(1))
            print(f"{name}: {took:.1f} s", flush=True)
        from bot.serve.model_reload import newest_model

        expected = {label: expected_starts(root, label) for _, label in labelled}  # a new topic's answer
        written = newest_model(root / "models")  # the record is written once the archive is complete
        if written is None or written.archive.name == model.name:
            raise SystemExit("the command trained no new model")
        deadline = time.monotonic() + args.timeout
        while bot.served() != written.archive.name and time.monotonic() < deadline:
            time.sleep(0.2)  # the server's log says when it serves the new model
        served_at = time.time()
        pending = list(labelled)
        while pending and time.monotonic() < deadline:
            text, label = pending[0]
            right, shown = bot.answers(text, expected[label])
            if right:
                pending.pop(0)
                continue
            time.sleep(1.0)
        answered_at = time.time()
        figures["reload: model written -> the running server serves it"] = served_at - written.recorded
        figures["first right answer of every message after the model was written"] = answered_at - written.recorded
        figures["total: command start -> fix answering"] = time.monotonic() - t0 - (time.time() - answered_at)
        load_end = os.getloadavg()
        same = bot.servers.rasa is not None and bot.servers.rasa.poll() is None and bot.servers.rasa.pid == rasa_pid
        print(f"\nserved by the same Rasa process throughout (pid {rasa_pid}): {'yes' if same else 'NO'}; "
              f"model {bot.served() or model.name}")
        print("\n| step | seconds |\n|---|---:|")
        for name, value in figures.items():
            print(f"| {name} | {value:.1f} |")
        print(f"\nload average at start {load_start[0]:.2f} / {load_start[1]:.2f} / {load_start[2]:.2f}, "
              f"at end {load_end[0]:.2f} / {load_end[1]:.2f} / {load_end[2]:.2f}; {os.cpu_count()} CPUs")
        if pending:
            print(f"NOT answered right within {args.timeout:.0f} s: {pending}")
            return 1
        return 0 if same else 1
    finally:
        bot.servers.stop()
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"kept {work}")


if __name__ == "__main__":
    raise SystemExit(main())
