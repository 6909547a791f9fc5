"""Train the Rasa model when (and only when) its inputs changed.

Progress: before training, which inputs changed since the newest model and how long
the last training took; during training, Rasa's own log (each component as it starts
and finishes); after, the time taken. Rasa's
cache (``.rasa/cache``) reuses every component whose inputs did not change.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from bot import paths
from bot.fingerprint import _files, model_path

#: How many older models to keep in models/.
KEEP_MODELS = 3


def training_record(model: Path) -> Path:
    """Sidecar file recording how long the model took to train."""
    return model.with_name(model.name[: -len(".tar.gz")] + ".json")


def input_digests(root: Path) -> dict[str, str]:
    """A short hash of every training input (to say what changed before the next training)."""
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()[:12]
            for p in _files(root)}


def last_record(models_dir: Path) -> dict:
    """The record of the newest model trained here (empty when there is none)."""
    records = sorted(models_dir.glob("clonus-*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    for record in records:
        try:
            return json.loads(record.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
    return {}


def describe_changes(before: dict[str, str], now: dict[str, str], limit: int = 8) -> str:
    changed = sorted(p for p in now if p in before and before[p] != now[p])
    added = sorted(p for p in now if p not in before)
    removed = sorted(p for p in before if p not in now)
    parts = [f"{label} {', '.join(items[:limit])}{' ...' if len(items) > limit else ''}"
             for label, items in (("changed", changed), ("new", added), ("removed", removed)) if items]
    return "; ".join(parts) or "no input changed (config, Rasa or spaCy pipeline version)"


def prune(models_dir: Path, keep: int = KEEP_MODELS) -> None:
    models = sorted(models_dir.glob("clonus-*.tar.gz"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in models[keep:]:
        old.unlink(missing_ok=True)
        training_record(old).unlink(missing_ok=True)


def ensure_model(force: bool = False, root: Path = paths.ROOT, skip_validation: bool = False) -> Path:
    """Return the current model, training it first if it is missing or stale.

    ``skip_validation``: the caller has just validated these very files with the stricter
    ``make validate`` (``review apply`` does), so Rasa's own validation before training
    would only repeat it."""
    target = model_path(root)
    if target.exists() and not force:
        print(f"model up to date: {target.relative_to(root)}", flush=True)
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    digests = input_digests(root)
    last = last_record(target.parent)
    print(f"training {target.relative_to(root)} (inputs changed or no model yet) ...", flush=True)
    if last.get("inputs"):
        print(f"  since the newest model: {describe_changes(last['inputs'], digests)}", flush=True)
    if last.get("training_seconds"):
        print(f"  the last training here took {last['training_seconds']:.0f} s; components whose "
              "inputs did not change come from Rasa's cache (.rasa/cache)", flush=True)
    started = time.monotonic()
    env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false"}
    cmd = [  # rasa train, with faster training fingerprints (bot/train_rasa.py)
        sys.executable, "-m", "bot.train_rasa", "train",
        "--config", "config.yml", "--domain", "domain.yml", "--data", "data",
        "--out", str(target.parent), "--fixed-model-name", target.name[: -len(".tar.gz")],
        *(["--skip-validation"] if skip_validation else []),
    ]
    subprocess.run(cmd, check=True, cwd=root, env=env)
    if not target.exists():
        raise SystemExit(f"rasa train finished but {target} is missing")
    took = time.monotonic() - started
    record = {"training_seconds": round(took, 1), "trained_at": time.strftime("%Y-%m-%dT%H:%M:%S"),
              "cpus": os.cpu_count(), "inputs": digests}
    training_record(target).write_text(json.dumps(record), encoding="utf-8")
    print(f"trained in {took:.1f} s: {target.relative_to(root)}", flush=True)
    prune(target.parent)
    return target
