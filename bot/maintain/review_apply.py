"""``python -m bot review apply FILE``: from an annotated review file to a retrained model.

``python -m bot review --out FILE`` writes the messages the bot failed on and the questions
whose answer got a 👎, each under the bot's own guess. The maintainer moves each message to
the right intent or topic (``faq/<key>``) or deletes it. This command then:

1. reads the labelled messages (the tracker's text, already redacted before it was stored);
2. refuses the whole file when a message is in a test set (``tests/nlu/``,
   ``tests/red_flags/``: held-in sets never become training data), when a label is not an
   intent of the domain or a topic of ``knowledge/topics.yml``, or when a message is already
   training data of another intent;
3. adds the new ones to ``data/nlu/reviewed.yml`` (their own training file, never a test set);
4. runs the validation (``python -m bot.maintain.validate``, what ``make validate`` runs) and
   puts ``reviewed.yml`` back as it was when it fails;
5. retrains (``python -m bot train``); a running ``make run`` then loads the new model by
   itself (``bot/serve/model_reload.py``).

It prints the time each step took (MAINTAINING.md, "From a real failure to a fix").
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path
from typing import Iterable, Optional

import yaml

from bot import paths
from bot.maintain.results import load_examples
from bot.maintain.review import norm

REVIEWED = Path("data") / "nlu" / "reviewed.yml"
HEADER = ('version: "3.1"\n'
          "# Messages from real conversations, labelled by a maintainer and added by\n"
          "# `python -m bot review apply FILE` (MAINTAINING.md). Training data only: never a test set.\n"
          "nlu:\n")


class ApplyError(RuntimeError):
    """The file cannot be applied as it is (the message says why)."""


def test_set_texts(root: Path) -> set[str]:
    """Normalised texts of every held-in and red-flag test message."""
    texts = {norm(t) for path in sorted((root / "tests" / "nlu").glob("*.yml")) for t, _ in load_examples(path)}
    for path in sorted((root / "tests" / "red_flags").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for value in data.values():
            if isinstance(value, list):
                texts |= {norm(str(v["text"] if isinstance(v, dict) else v)) for v in value
                          if isinstance(v, (dict, str)) and (not isinstance(v, dict) or "text" in v)}
    return texts


def known_labels(root: Path) -> set[str]:
    domain = yaml.safe_load((root / "domain.yml").read_text(encoding="utf-8")) or {}
    intents = {str(i if isinstance(i, str) else next(iter(i))) for i in domain.get("intents") or []}
    topics = yaml.safe_load((root / "knowledge" / "topics.yml").read_text(encoding="utf-8")).get("topics") or {}
    return (intents - {"faq", "nlu_fallback"}) | {f"faq/{key}" for key in topics}


def training_labels(root: Path) -> dict[str, str]:
    """Normalised training text -> its intent (every file of data/nlu)."""
    out: dict[str, str] = {}
    for path in sorted((root / "data" / "nlu").glob("*.yml")):
        for text, intent in load_examples(path):
            out.setdefault(norm(text), intent)
    return out


def plan(labelled: Iterable[tuple[str, str]], root: Path) -> list[tuple[str, str]]:
    """The (text, intent) pairs to add; raises ApplyError when the file cannot be applied."""
    tests, labels, training = test_set_texts(root), known_labels(root), training_labels(root)
    problems, new, seen = [], [], set()
    for text, intent in labelled:
        key = norm(text)
        if not key or key in seen:
            continue
        seen.add(key)
        if key in tests:
            problems.append(f"{text!r} is in a test set (tests/nlu or tests/red_flags): remove it from the file")
        elif intent not in labels:
            problems.append(f"{text!r}: {intent!r} is not an intent of domain.yml nor a topic faq/<key>")
        elif key in training and training[key] != intent:
            problems.append(f"{text!r} is already training data of {training[key]}: keep it in one intent")
        elif key not in training:
            new.append((text, intent))
    if problems:
        raise ApplyError("\n".join(["nothing was applied:", *[f"  - {p}" for p in problems]]))
    return new


def merged(existing: str, new: list[tuple[str, str]]) -> str:
    """``reviewed.yml`` with the new examples, one block per intent, sorted."""
    blocks: dict[str, list[str]] = {}
    if existing.strip():
        for block in (yaml.safe_load(existing) or {}).get("nlu") or []:
            lines = [line.strip()[2:] for line in str(block.get("examples", "")).splitlines() if line.strip()]
            blocks.setdefault(str(block["intent"]), []).extend(lines)
    for text, intent in new:
        blocks.setdefault(intent, []).append(text)
    out = [HEADER.rstrip("\n")]
    for intent in sorted(blocks):
        out += [f"- intent: {intent}", "  examples: |", *[f"    - {t}" for t in blocks[intent]]]
    return "\n".join(out) + "\n"


def _run(command: list[str], root: Path) -> tuple[int, float]:
    started = time.monotonic()
    code = subprocess.call(command, cwd=root)
    return code, time.monotonic() - started


def apply(file: Path, root: Path = paths.ROOT, train: bool = True, python: Optional[str] = None) -> int:
    python = python or sys.executable
    started = time.monotonic()
    if not file.is_file():
        raise ApplyError(f"{file} not found: write it with `python -m bot review --out {file}`")
    new = plan(load_examples(file), root)
    target = root / REVIEWED
    before = target.read_text(encoding="utf-8") if target.is_file() else ""
    if not new:
        print(f"{file}: no new labelled message (all are already training data).")
        return 0
    target.write_text(merged(before, new), encoding="utf-8")
    print(f"added {len(new)} labelled message(s) to {REVIEWED}:")
    for text, intent in new:
        print(f"  {intent}: {text}")
    code, took = _run([python, "-m", "bot.maintain.validate"], root)
    if code != 0:
        if before:
            target.write_text(before, encoding="utf-8")
        else:
            target.unlink()
        print(f"validation failed ({took:.0f} s): {REVIEWED} is back as it was; fix the file and apply again")
        return 1
    print(f"validation passed ({took:.0f} s)")
    if train:
        # the files were validated just above (make validate is stricter than Rasa's own check)
        code, took = _run([python, "-m", "bot", "train", "--skip-validation"], root)
        if code != 0:
            print(f"training failed ({took:.0f} s)")
            return 1
        print(f"trained ({took:.0f} s)")
    print(f"done in {time.monotonic() - started:.0f} s. A running `make run` loads the new model by itself "
          "within seconds (its log: 'model watch: now serving ...'); otherwise start `make run` (it serves "
          "the model of the current data). Then ask one of the messages again.")
    return 0


def main(args: argparse.Namespace) -> int:
    if not getattr(args, "file", None):
        print("usage: python -m bot review apply FILE", file=sys.stderr)
        return 2
    try:
        return apply(Path(args.file), train=not getattr(args, "no_train", False))
    except ApplyError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
