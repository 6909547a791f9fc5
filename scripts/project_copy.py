"""A temporary copy of the project for the benchmarks that train (``scripts/fix_live.py``,
``scripts/training_times.py``): this checkout's data, models/ and .rasa/ are never changed.

Kept in scripts/ and free of ``bot`` imports on purpose: a benchmark copies the project
first and sets ``CLONUS_ROOT`` to the copy *before* it imports ``bot`` (``bot.paths``
reads it once, at import).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Iterable

ROOT = Path(__file__).resolve().parents[1]
#: what every copy needs to train and to run
PROJECT = ("bot", "config.yml", "domain.yml", "endpoints.yml", "credentials.yml", "data", "knowledge",
           "actions", "tests/nlu", "tests/test_stories.yml", "tests/fixtures")


def copy_project(target: Path, extra: Iterable[str] = (), shared: Iterable[str] = ("encoder",)) -> Path:
    """Copy ``PROJECT`` and ``extra`` (paths relative to the checkout) into ``target``, and
    link ``build/<name>`` of each ``shared`` build directory (content-keyed, so safe to
    share: ``encoder``, the prepared sentence encoder; ``cache``, the feature caches and
    the classifiers' warm-start store). Returns ``target``."""
    for name in (*PROJECT, *extra):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    (target / "build").mkdir(parents=True, exist_ok=True)
    for name in shared:
        if (ROOT / "build" / name).exists():
            (target / "build" / name).symlink_to(ROOT / "build" / name, target_is_directory=True)
    return target
