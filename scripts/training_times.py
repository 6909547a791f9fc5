"""Measure how long training takes on this machine, on a temporary copy of the project
(models/, .rasa/ and the data of this checkout are never touched).

1. full training with an empty Rasa cache (``python -m bot train --force``);
2. retraining after adding one topic (``python -m bot topic new clonus_jaw --from
   tests/fixtures/sample_topic.yml``, then ``python -m bot train``: Rasa's cache reuses
   every component whose inputs did not change);
3. the new topic going live: starting the servers with that model until the REST channel
   answers the new topic's conversation-test question with the new answer;
4. with ``--finetune F``: ``rasa train --finetune <model 1> --epoch-fraction F`` after
   adding the topic, instead of 2;
5. with ``--config FILE``: a full training (empty cache) with another config (e.g. another
   classifier).

The held-in accuracy (tests/nlu/test_nlu.yml plus the new topic's held-in examples) of
every model is measured with ``python -m bot.maintain.evaluate``, so a faster option is only worth
it if its accuracy holds. Results: a markdown table on stdout and in ``--out``.

Usage (one training at a time on a shared machine):
    flock /tmp/clonus-train.lock python scripts/training_times.py [--finetune 0.2] [--config light.yml]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Optional

import project_copy  # scripts/: no bot import before CLONUS_ROOT is set

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "tests" / "fixtures" / "sample_topic.yml"


def copy_project(target: Path) -> Path:
    """A copy with cold feature caches (only the prepared encoder is shared)."""
    return project_copy.copy_project(target, extra=("scripts",))


def env_for(root: Path) -> dict[str, str]:
    return {**os.environ, "CLONUS_ROOT": str(root), "RASA_TELEMETRY_ENABLED": "false",
            "TF_CPP_MIN_LOG_LEVEL": "2", "SQLALCHEMY_SILENCE_UBER_WARNING": "1"}


def timed(cmd: list[str], root: Path, log: Path, check: bool = True) -> float:
    started = time.monotonic()
    with log.open("ab") as out:
        done = subprocess.run(cmd, cwd=root, env=env_for(root), stdout=out, stderr=subprocess.STDOUT)
    if done.returncode != 0:
        if check:
            raise SystemExit(f"failed ({done.returncode}): {' '.join(cmd)}; see {log}")
        raise RuntimeError(last_error(log))
    return time.monotonic() - started


def last_error(log: Path) -> str:
    """The last line of the log that names an exception (ANSI colours removed)."""
    import re

    lines = [re.sub(r"\x1b\[[0-9;]*m", "", line).strip()
             for line in log.read_text(encoding="utf-8", errors="replace").splitlines()]
    found = [line for line in lines if "Exception" in line or "Error:" in line]
    return found[-1] if found else "failed"


def model_of(root: Path) -> Path:
    out = subprocess.run([sys.executable, "-m", "bot", "model"], cwd=root, env=env_for(root),
                         capture_output=True, text=True, check=True)
    return Path(out.stdout.strip().splitlines()[-1])


def accuracy(root: Path, model: Path, log: Path) -> dict[str, Any]:
    out = root / "reports" / f"eval-{model.stem}"
    timed([sys.executable, "-m", "bot.maintain.evaluate", "--model", str(model), "--out", str(out),
           "--data", str(root / "tests" / "nlu" / "test_nlu.yml")], root, log)
    return json.loads((out / "summary.json").read_text())


def add_topic(root: Path, log: Path) -> None:
    timed([sys.executable, "-m", "bot", "topic", "new", "clonus_jaw", "--from", str(SAMPLE)], root, log)
    timed([sys.executable, "-m", "bot.maintain.checks"], root, log)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def go_live(root: Path, model: Path, log: Path) -> float:
    """Seconds from starting the servers with ``model`` to the new topic's answer."""
    import requests
    import yaml

    sample = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    code = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from bot.serve.servers import ServerConfig, Servers\n"
        f"config = ServerConfig(model=Path({str(model)!r}), rasa_port={free_port()}, "
        f"actions_port={free_port()}, tracker_db=Path({str(root / 'tracker.db')!r}))\n"
        "servers = Servers(config)\n"
        "servers.start(timeout=300)\n"
        "print('URL', config.rest_url, flush=True)\n"
        "sys.stdin.read()\n"
        "servers.stop()\n")
    started = time.monotonic()
    with log.open("ab") as out:
        proc = subprocess.Popen([sys.executable, "-c", code], cwd=root, env=env_for(root),
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=out, text=True)
        try:
            url = ""
            for line in proc.stdout:  # type: ignore[union-attr]
                if line.startswith("URL "):
                    url = line.split()[1]
                    break
            if not url:
                raise SystemExit(f"the servers did not start; see {log}")
            reply = requests.post(url, json={"sender": "timing", "message": sample["conversation_test"]},
                                  timeout=60).json()
            took = time.monotonic() - started
            text = "\n".join(m.get("text") or "" for m in reply)
            if sample["plain"].split("\n")[0][:60] not in text:
                raise SystemExit(f"the new topic did not answer: {text[:300]!r}")
            return took
        finally:
            proc.stdin.close()  # type: ignore[union-attr]
            proc.wait(timeout=60)


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--finetune", type=float, default=None, metavar="FRACTION",
                        help="also time rasa train --finetune with this --epoch-fraction")
    parser.add_argument("--config", type=Path, default=None, help="also time a full training with this config")
    parser.add_argument("--skip-full", action="store_true",
                        help="only the --config variant (no full/topic/live measurement)")
    parser.add_argument("--out", type=Path, default=ROOT / "reports" / "training_times.md")
    parser.add_argument("--keep", action="store_true", help="keep the temporary copies")
    args = parser.parse_args(argv)

    rows: list[tuple[str, str, float, Optional[dict[str, Any]]]] = []
    load = os.getloadavg()
    work = Path(tempfile.mkdtemp(prefix="clonus-times-"))
    log = work / "training.log"
    print(f"working in {work} (log: {log}); load average {load[0]:.2f}", flush=True)
    try:
        if not args.skip_full:
            base = copy_project(work / "base")
            full = timed([sys.executable, "-m", "bot", "train", "--force"], base, log)
            base_model = model_of(base)
            rows.append(("full training, empty Rasa cache", "python -m bot train --force", full,
                         accuracy(base, base_model, log)))
            print(f"full training: {full:.0f} s", flush=True)
            saved = work / "base-model.tar.gz"
            shutil.copy2(base_model, saved)

            add_topic(base, log)
            topic = timed([sys.executable, "-m", "bot", "train"], base, log)
            topic_model = model_of(base)
            rows.append(("retrain after adding one topic (cache warm)", "python -m bot topic new ... --from; "
                         "python -m bot train", topic, accuracy(base, topic_model, log)))
            print(f"retrain after adding a topic: {topic:.0f} s", flush=True)
            live = go_live(base, topic_model, log)
            rows.append(("servers start and answer the new topic", "python -m bot run (start-up)", live, None))
            print(f"start-up until the new topic answers: {live:.0f} s", flush=True)
            rows.append(("**a new topic live** (retrain + start-up)", "", topic + live, None))

            if args.finetune:
                tuned = copy_project(work / "finetune")
                add_topic(tuned, log)
                (tuned / "models").mkdir(exist_ok=True)
                cmd = [sys.executable, "-m", "rasa", "train", "--config", "config.yml", "--domain", "domain.yml",
                       "--data", "data", "--out", "models", "--fixed-model-name", "finetuned",
                       "--finetune", str(saved), "--epoch-fraction", str(args.finetune)]
                what = f"retrain after adding one topic: --finetune, epoch fraction {args.finetune}"
                command = "rasa train --finetune MODEL --epoch-fraction " + str(args.finetune)
                try:
                    took = timed(cmd, tuned, log, check=False)
                    rows.append((what, command, took, accuracy(tuned, tuned / "models" / "finetuned.tar.gz", log)))
                    print(f"finetune: {took:.0f} s", flush=True)
                except RuntimeError as refused:
                    rows.append((f"{what}: REFUSED by Rasa ({refused})", command, 0.0, None))
                    print(f"finetune refused: {refused}", flush=True)

        if args.config:
            light = copy_project(work / "light")
            shutil.copy2(args.config, light / "config.yml")
            took = timed([sys.executable, "-m", "bot", "train", "--force"], light, log)
            rows.append((f"full training with {args.config.name}, empty Rasa cache",
                         f"python -m bot train --force (config {args.config.name})", took,
                         accuracy(light, model_of(light), log)))
            print(f"full training with {args.config.name}: {took:.0f} s", flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    lines = [f"Measured {time.strftime('%Y-%m-%d %H:%M')} on {os.cpu_count()} CPUs, load average at start "
             f"{load[0]:.2f}; held-in accuracy includes the new topic's held-in examples when it was added.",
             "", "| what | command | seconds | held-in intent accuracy | FAQ topic accuracy |",
             "|---|---|---:|---:|---:|"]
    for what, cmd, seconds, summary in rows:
        acc = f"{summary['correct']}/{summary['messages']} = {summary['accuracy']:.1%}" if summary else ""
        faq = f"{summary['faq_topic_accuracy']:.1%}" if summary else ""
        shown = f"`{cmd}`" if cmd else ""
        lines.append(f"| {what} | {shown} | {seconds:.0f} | {acc} | {faq} |")
    table = "\n".join(lines)
    print("\n" + table)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(table + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
