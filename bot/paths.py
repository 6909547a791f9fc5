"""Well-known locations inside the repository."""

from __future__ import annotations

import os
from pathlib import Path

#: Repository root (``bot/`` lives directly below it; the package is installed editable).
ROOT = Path(os.environ.get("CLONUS_ROOT", Path(__file__).resolve().parents[1]))
KNOWLEDGE = ROOT / "knowledge"
DATA = ROOT / "data"
DOMAIN = ROOT / "domain.yml"
CONFIG = ROOT / "config.yml"
MODELS = ROOT / "models"
REPORTS = ROOT / "reports"
BUILD = ROOT / "build"


def shown(path: Path) -> str:
    """``path`` as printed to a maintainer: relative to the project when inside it, else
    absolute (a tracker file or log directory may live anywhere)."""
    resolved = Path(path).resolve()
    root = ROOT.resolve()
    return str(resolved.relative_to(root)) if resolved.is_relative_to(root) else str(resolved)
