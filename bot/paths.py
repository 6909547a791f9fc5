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
