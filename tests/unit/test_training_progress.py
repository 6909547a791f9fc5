"""`make train` progress: what changed since the newest model, the last training time."""

from __future__ import annotations

import json
from pathlib import Path

from bot.training import describe_changes, input_digests, last_record


def test_describes_changed_new_and_removed_inputs() -> None:
    before = {"config.yml": "a", "data/nlu/faq.yml": "b", "data/old.yml": "c"}
    now = {"config.yml": "a", "data/nlu/faq.yml": "B", "data/nlu/new.yml": "d"}
    assert describe_changes(before, now) == ("changed data/nlu/faq.yml; new data/nlu/new.yml; "
                                             "removed data/old.yml")
    assert describe_changes(now, now).startswith("no input changed")


def test_digests_cover_the_training_inputs(tmp_path: Path) -> None:
    (tmp_path / "data" / "nlu").mkdir(parents=True)
    (tmp_path / "config.yml").write_text("a")
    (tmp_path / "data" / "nlu" / "faq.yml").write_text("b")
    first = input_digests(tmp_path)
    assert set(first) == {"config.yml", "data/nlu/faq.yml"}
    (tmp_path / "data" / "nlu" / "faq.yml").write_text("changed")
    assert describe_changes(first, input_digests(tmp_path)) == "changed data/nlu/faq.yml"


def test_last_record_is_the_newest_readable_one(tmp_path: Path) -> None:
    assert last_record(tmp_path) == {}
    (tmp_path / "clonus-aaa.json").write_text(json.dumps({"training_seconds": 300}))
    assert last_record(tmp_path)["training_seconds"] == 300
