"""The one hook list on Rasa's SQLTrackerStore (bot/serve/tracker_hooks.py): order and
that a new SQLite store is both tuned and wrapped by the privacy hook."""

from __future__ import annotations

from pathlib import Path

from bot import rasa_patches
from bot.privacy import server as privacy_server
from bot.serve import sqlite_tracker, tracker_hooks


def test_the_sqlite_tuning_runs_before_the_privacy_hook() -> None:
    assert tracker_hooks.store_hooks() == (sqlite_tracker.on_new_store,
                                           privacy_server.on_new_store)


def test_a_new_sqlite_store_is_tuned_and_its_tuned_save_is_wrapped(
        tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("CLONUS_PURGE_INTERVAL", "0")  # no purge thread in a unit test
    rasa_patches.apply()
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.domain import Domain

    store = SQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(tmp_path / "t.db"))
    assert store.engine.url.database.endswith("t.db")
    assert store._retrieve.__func__ is sqlite_tracker._retrieve  # tuned
    # the privacy hook wrapped the tuned save (not Rasa's own)
    wrapped = [cell.cell_contents for cell in store.save.__func__.__closure__ or ()]
    assert any(getattr(inner, "__func__", None) is sqlite_tracker._save for inner in wrapped)
    assert SQLTrackerStore.__init__.__wrapped__ is not None
    assert tracker_hooks.install() == tracker_hooks.store_hooks()  # installed once
