"""bot/paths.py ``shown``: a path printed to a maintainer, relative inside the project and
absolute outside it (``python -m bot run --tracker-db /tmp/t.db`` crashed on start-up when
it printed the tracker's path relative to the project)."""

from __future__ import annotations

from pathlib import Path

from bot import paths


def test_inside_the_project_the_path_is_relative() -> None:
    assert paths.shown(paths.ROOT / "build" / "tracker.db") == str(Path("build") / "tracker.db")


def test_outside_the_project_the_path_is_absolute(tmp_path: Path) -> None:
    assert paths.shown(tmp_path / "t.db") == str((tmp_path / "t.db").resolve())
