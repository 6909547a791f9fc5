"""``python -m bot review`` on a tracker store built here: what is listed, grouping and
counting, --since, the YAML to annotate, where the store comes from (SQLite, PostgreSQL)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot import paths
from bot.maintain.review import (
    ReviewError,
    database_url,
    fallback_threshold,
    main,
    messages,
    read_events,
    review,
    sqlite_url,
    store_from_endpoints,
    to_yaml,
)

DAY = dt.datetime(2026, 11, 10, 12, tzinfo=dt.timezone.utc).timestamp()


def user(text: str, intent: str, confidence: float, ranking: list[tuple[str, float]] | None = None,
         topic: tuple[str, float] | None = None) -> dict[str, Any]:
    parse: dict[str, Any] = {"text": text, "intent": {"name": intent, "confidence": confidence},
                             "intent_ranking": [{"name": n, "confidence": c} for n, c in ranking or []]}
    if topic:
        parse["response_selector"] = {"faq": {"response": {"intent_response_key": topic[0],
                                                           "confidence": topic[1]}}}
    return {"event": "user", "text": text, "parse_data": parse,
            "metadata": {"email": "someone@example.org"}}


def action(name: str) -> dict[str, Any]:
    return {"event": "action", "name": name}


def make_store(path: Path, conversations: dict[str, list[tuple[float, dict[str, Any]]]]) -> Path:
    """A SQLite file with Rasa's ``events`` table."""
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE events (id INTEGER NOT NULL PRIMARY KEY, sender_id VARCHAR(255) NOT NULL, "
                   "type_name VARCHAR(255) NOT NULL, timestamp FLOAT, intent_name VARCHAR(255), "
                   "action_name VARCHAR(255), data TEXT)")
        for sender, events in conversations.items():
            for when, event in events:
                db.execute("INSERT INTO events (sender_id, type_name, timestamp, intent_name, action_name, data) "
                           "VALUES (?, ?, ?, ?, ?, ?)",
                           (sender, event["event"], when, (event.get("parse_data") or {}).get("intent", {}).get("name"),
                            event.get("name"), json.dumps({**event, "timestamp": when})))
    return path


@pytest.fixture
def store(tmp_path: Path) -> Path:
    day_before = DAY - 86400 * 3
    return make_store(tmp_path / "tracker.db", {
        "secret-sender-1": [
            (DAY, user("What is the capital of Mongolia?", "out_of_scope", 0.97)),
            (DAY, action("utter_out_of_scope")), (DAY, action("action_listen")),
            (DAY + 1, user("what causes clonus", "faq", 1.0, topic=("faq/clonus_causes", 0.99))),
            (DAY + 1, action("utter_faq")),
            (DAY + 2, user("can clonus affect the jaw", "faq", 1.0, topic=("faq/clonus_feeling", 0.19))),
            (DAY + 2, action("utter_faq")),
        ],
        "secret-sender-2": [
            (DAY, user("what is the capital of  mongolia", "out_of_scope", 0.91)),
            (DAY, action("utter_out_of_scope")),
            (DAY + 5, user("tell me more", "nlu_fallback", 0.55,
                           ranking=[("nlu_fallback", 0.55), ("affirm", 0.34), ("deny", 0.2)])),
            (DAY + 5, action("utter_default")),
            (DAY + 6, user("my wife suddenly can't move her arm", "red_flag", 1.0)),
            (DAY + 6, action("utter_red_flag_emergency")),
            (DAY + 7, user("hmm", "affirm", 0.71)),
            (DAY + 7, action("action_default_fallback")),
        ],
        "secret-sender-3": [
            (day_before, user("is it genetic", "iam_patient", 0.41)),
            (day_before, action("utter_audience_patient")),
        ],
    })


def test_lists_fallback_low_confidence_and_escalations_grouped_and_counted(store: Path) -> None:
    groups = review(messages(read_events(sqlite_url(store))), threshold=0.55)
    by_text = {g.key: g for g in groups}
    assert set(by_text) == {"what is the capital of mongolia", "tell me more", "my wife suddenly can t move her arm",
                            "can clonus affect the jaw", "hmm", "is it genetic"}
    mongolia = by_text["what is the capital of mongolia"]
    assert mongolia.count == 2 and mongolia.reason == "fallback"
    assert by_text["tell me more"].reason == "fallback"
    assert by_text["tell me more"].guess == "affirm"            # the classifier's own best guess
    assert set(by_text["tell me more"].reasons) == {"fallback", "low confidence"}
    assert by_text["hmm"].reason == "fallback"                  # action_default_fallback answered it
    assert by_text["my wife suddenly can t move her arm"].reason == "escalated"
    jaw = by_text["can clonus affect the jaw"]
    assert jaw.reason == "low confidence" and jaw.guess == "faq/clonus_feeling"
    assert by_text["is it genetic"].reason == "low confidence"
    assert groups[0].reason == "escalated"                      # escalations are listed first


def test_threshold_decides_low_confidence(store: Path) -> None:
    found = messages(read_events(sqlite_url(store)))
    assert "can clonus affect the jaw" not in {g.key for g in review(found, threshold=0.1)}
    assert "what causes clonus" in {g.key for g in review(found, threshold=0.995)}


def test_since_filters_by_day(store: Path) -> None:
    since = dt.datetime(2026, 11, 9, tzinfo=dt.timezone.utc).timestamp()
    keys = {g.key for g in review(messages(read_events(sqlite_url(store), since)), 0.55)}
    assert "is it genetic" not in keys and "tell me more" in keys


def _args(**kwargs: Any) -> argparse.Namespace:
    return argparse.Namespace(**{"db": None, "endpoints": None, "since": None, "out": None, **kwargs})


def test_cli_prints_texts_only_and_writes_yaml_to_annotate(store: Path, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "review.yml"
    assert main(_args(db=str(store), since="2026-11-01", out=str(out))) == 0
    printed = capsys.readouterr().out
    assert "Reviewed 8 user message(s)" in printed and "7 to look at (6 distinct)" in printed
    assert "below 0.55 (the FallbackClassifier threshold in config.yml)" in printed
    assert "      2  out_of_scope" in printed
    written = out.read_text(encoding="utf-8")
    for text in (printed, written):
        assert "secret-sender" not in text and "someone@example.org" not in text
    from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLReader

    data = RasaYAMLReader().reads(written)
    examples = {(m.get("text"), m.get("intent"), m.get("intent_response_key")) for m in data.nlu_examples}
    assert ("can clonus affect the jaw", "faq", "faq/clonus_feeling") in examples
    assert ("tell me more", "affirm", None) in examples
    assert ("What is the capital of Mongolia?", "out_of_scope", None) in examples
    assert "# suggested intent: faq/clonus_feeling" in written


def test_yaml_keeps_odd_texts_as_one_example_each(capsys: pytest.CaptureFixture[str]) -> None:
    from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLReader

    odd = ["# not a comment: really?", "line one\nline two", "[click me](javascript:alert(1))",
           "red\x1b[31m alert\x07 \u202eevil", "- a list? | > & *anchor"]
    found = messages([("s", "user", user(text, "out_of_scope", 1.0)) for text in odd])
    written = to_yaml(review(found, 0.55), 0.55, None)
    data = RasaYAMLReader().reads(written)
    assert sorted(m.get("text") for m in data.nlu_examples) == sorted([
        "# not a comment: really?", "line one line two", "(click me)(javascript:alert(1))",
        "red [31m alert evil", "- a list? | > & *anchor"])
    assert not any(m.get("entities") for m in data.nlu_examples)
    assert "\x1b" not in written and "\u202e" not in written
    groups = review(found, 0.55)
    from bot.maintain.review import render

    shown = render(groups, len(found), 0.55, "test", None)
    assert "\x1b" not in shown and "\x07" not in shown and "\u202e" not in shown


def test_bad_options_and_missing_store_are_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(_args(db=str(tmp_path / "nope.db"))) == 1
    assert "no tracker store at" in capsys.readouterr().err
    assert main(_args(db=str(tmp_path / "nope.db"), since="last week")) == 1
    assert "use a date such as 2026-11-01" in capsys.readouterr().err


def test_store_location_from_endpoints(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sqlite_store = make_store(tmp_path / "conversations.db", {})
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text("tracker_store:\n  type: SQL\n  dialect: sqlite\n  db: conversations.db\n")
    url = database_url(store_from_endpoints(endpoints), tmp_path)
    assert str(sqlite_store.resolve()) in url and "mode=ro" in url

    monkeypatch.setenv("REVIEW_TEST_DB_PASSWORD", "s3cret")
    endpoints.write_text("tracker_store:\n  type: SQL\n  dialect: postgresql\n  url: db.internal\n"
                         "  port: 5433\n  db: rasa\n  username: rasa\n  password: ${REVIEW_TEST_DB_PASSWORD}\n")
    url = database_url(store_from_endpoints(endpoints), tmp_path)
    assert url.render_as_string(hide_password=False) == "postgresql://rasa:s3cret@db.internal:5433/rasa"

    endpoints.write_text("tracker_store:\n  type: redis\n  url: localhost\n")
    with pytest.raises(ReviewError, match="SQL tracker stores"):
        database_url(store_from_endpoints(endpoints), tmp_path)


def test_the_threshold_comes_from_config(tmp_path: Path) -> None:
    config = yaml.safe_load(paths.CONFIG.read_text())
    real = next(c["threshold"] for c in config["pipeline"] if c["name"] == "FallbackClassifier")
    assert fallback_threshold(paths.CONFIG) == real
    other = tmp_path / "config.yml"
    other.write_text("pipeline:\n  - name: FallbackClassifier\n    threshold: 0.7\n")
    assert fallback_threshold(other) == 0.7
