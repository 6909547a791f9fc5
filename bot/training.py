"""Train the Rasa model when (and only when) its inputs changed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from bot import paths
from bot.fingerprint import model_path

#: How many older models to keep in models/.
KEEP_MODELS = 3


def training_record(model: Path) -> Path:
    """Sidecar file recording how long the model took to train."""
    return model.with_name(model.name[: -len(".tar.gz")] + ".json")


def prune(models_dir: Path, keep: int = KEEP_MODELS) -> None:
    models = sorted(models_dir.glob("clonus-*.tar.gz"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in models[keep:]:
        old.unlink(missing_ok=True)
        training_record(old).unlink(missing_ok=True)


def ensure_model(force: bool = False, root: Path = paths.ROOT) -> Path:
    """Return the current model, training it first if it is missing or stale."""
    target = model_path(root)
    if target.exists() and not force:
        print(f"model up to date: {target.relative_to(root)}", flush=True)
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    print(f"training {target.relative_to(root)} (inputs changed or no model yet) ...", flush=True)
    started = time.monotonic()
    env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false"}
    cmd = [
        sys.executable, "-m", "rasa", "train",
        "--config", "config.yml", "--domain", "domain.yml", "--data", "data",
        "--out", str(target.parent), "--fixed-model-name", target.name[: -len(".tar.gz")],
    ]
    subprocess.run(cmd, check=True, cwd=root, env=env)
    if not target.exists():
        raise SystemExit(f"rasa train finished but {target} is missing")
    took = time.monotonic() - started
    record = {"training_seconds": round(took, 1), "trained_at": time.strftime("%Y-%m-%dT%H:%M:%S"),
              "cpus": os.cpu_count()}
    training_record(target).write_text(json.dumps(record), encoding="utf-8")
    print(f"trained in {took:.1f} s: {target.relative_to(root)}", flush=True)
    prune(target.parent)
    return target
