"""The model watcher (bot/serve/model_reload.py): which trained model it loads, when, and
that a model that fails to load leaves the served one in place. The load itself through a
running server is tested in tests/e2e/test_model_reload_live.py."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path
from types import SimpleNamespace

import pytest

from bot.serve import model_reload as mr


def _model(directory: Path, name: str, when: float, record: bool = True) -> Path:
    archive = directory / f"clonus-{name}.tar.gz"
    archive.write_bytes(b"model")
    os.utime(archive, (when, when))
    if record:
        rec = directory / f"clonus-{name}.json"
        rec.write_text("{}")
        os.utime(rec, (when + 1, when + 1))
    return archive


def _agent(served: Path) -> SimpleNamespace:
    return SimpleNamespace(processor=SimpleNamespace(model_path=served))


def _watcher(directory: Path, agent: SimpleNamespace, fail: bool = False) -> mr.ModelWatcher:
    def build(_agent: object, archive: Path) -> SimpleNamespace:
        if fail:
            raise ValueError("broken archive")
        return SimpleNamespace(model_path=archive)

    def install(target: SimpleNamespace, processor: SimpleNamespace) -> None:
        target.processor = processor

    return mr.ModelWatcher(directory, lambda: agent, build=build, install=install)


def test_newest_model_needs_its_record(tmp_path: Path) -> None:
    _model(tmp_path, "old", 1000)
    _model(tmp_path, "writing", 3000, record=False)  # archive not finished: no record yet
    assert mr.newest_model(tmp_path).archive.name == "clonus-old.tar.gz"
    assert mr.newest_model(tmp_path / "missing") is None


def test_a_newer_model_is_loaded_and_swapped_in(tmp_path: Path) -> None:
    served = _model(tmp_path, "a", 1000)
    agent = _agent(served)
    watcher = _watcher(tmp_path, agent)
    assert asyncio.run(watcher.check_once()) is None  # nothing newer
    new = _model(tmp_path, "b", 2000)
    assert asyncio.run(watcher.check_once()) == new
    assert agent.processor.model_path == new
    assert asyncio.run(watcher.check_once()) is None  # already served


def test_an_older_model_does_not_replace_the_served_one(tmp_path: Path) -> None:
    _model(tmp_path, "old", 1000)
    served = _model(tmp_path, "current", 5000, record=False)  # started with --model, no record
    agent = _agent(served)
    assert asyncio.run(_watcher(tmp_path, agent).check_once()) is None
    assert agent.processor.model_path == served


def test_a_model_that_fails_to_load_keeps_the_old_one(tmp_path: Path) -> None:
    served = _model(tmp_path, "a", 1000)
    agent = _agent(served)
    watcher = _watcher(tmp_path, agent, fail=True)
    _model(tmp_path, "broken", 2000)
    assert asyncio.run(watcher.check_once()) is None
    assert agent.processor.model_path == served
    assert list(watcher.failed) == [tmp_path / "clonus-broken.tar.gz"]
    # not retried until it is trained again (its record changes)
    calls = []
    watcher.build = lambda a, p: calls.append(p) or SimpleNamespace(model_path=p)
    assert asyncio.run(watcher.check_once()) is None and calls == []
    os.utime(tmp_path / "clonus-broken.json", (3000, 3000))
    assert asyncio.run(watcher.check_once()) == tmp_path / "clonus-broken.tar.gz"


def test_watching_is_off_unless_asked(tmp_path: Path) -> None:
    assert mr.from_environment(lambda: None, env={}) is None
    watcher = mr.from_environment(lambda: None, env={mr.WATCH_ENV: str(tmp_path), mr.INTERVAL_ENV: "0.2"})
    assert watcher is not None and watcher.directory == tmp_path and watcher.interval == 0.2
    with pytest.raises(ValueError):
        mr.from_environment(lambda: None, env={mr.WATCH_ENV: str(tmp_path), mr.INTERVAL_ENV: "0"})


def test_the_production_stack_does_not_watch() -> None:
    """Only `python -m bot run` asks for the watcher; the stack's servers do not."""
    root = Path(__file__).resolve().parents[2]
    assert mr.WATCH_ENV not in (root / "bot" / "serve" / "stack.py").read_text(encoding="utf-8")
    assert "WATCH_ENV" in (root / "bot" / "cli.py").read_text(encoding="utf-8")
