"""Fingerprint of everything a trained model depends on, and where that model lives.

``make train`` / ``make run`` / ``make test`` train only when no model with the
current fingerprint exists, so one test run trains at most once and unchanged data
reuses the model.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from bot import paths

#: Files and folders whose content decides the trained model.
TRAINING_INPUTS = ("config.yml", "domain.yml", "data", "bot/nlu", "bot/policies", "knowledge/models.yml")


def _files(root: Path) -> list[Path]:
    found: list[Path] = []
    for entry in TRAINING_INPUTS:
        path = root / entry
        if path.is_file():
            found.append(path)
        elif path.is_dir():
            found.extend(p for p in sorted(path.rglob("*")) if p.is_file() and p.suffix in {".yml", ".yaml", ".py", ".md"})
    return found


def training_fingerprint(root: Path = paths.ROOT) -> str:
    """Hash of the training inputs, the spaCy pipeline and the Rasa version."""
    import rasa

    from bot.nlp.pipeline import source_fingerprint

    digest = hashlib.sha256()
    digest.update(f"rasa={rasa.__version__};pipeline={source_fingerprint()}".encode())
    for path in _files(root):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def model_path(root: Path = paths.ROOT) -> Path:
    """Where the model for the current inputs is (or will be) stored."""
    return root / "models" / f"clonus-{training_fingerprint(root)}.tar.gz"
