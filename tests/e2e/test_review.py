"""``python -m bot review`` on the tracker store of real conversations with the running bot
(REST channel): a fallback, red flags, low-confidence answers; grouped, counted, no sender
ids, a YAML file Rasa can read back."""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from bot import paths
from bot.maintain.review import fallback_threshold

from ..conftest import Chat

pytestmark = pytest.mark.e2e

FALLBACK = "what is the capital of mongolia"         # out_of_scope: the honest fallback
NOT_UNDERSTOOD = "tell me more"                       # nlu_fallback -> utter_default
RED_FLAG = "my husband suddenly cannot speak and his arm is weak"
# questions near a topic but not about one: the response selector is unsure of the topic
UNSURE = ["can clonus affect the jaw", "my leg does the thing again", "what about his legs",
          "and the other thing"]
UNDERSTOOD = "what causes clonus"


def _review(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false"}
    return subprocess.run([sys.executable, "-m", "bot", "review", *args], cwd=paths.ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def _confidences(db: Path, senders: set[str]) -> dict[str, float]:
    """Independent of bot.maintain.review: the topic confidence of each FAQ answer we got."""
    found = {}
    with sqlite3.connect(db) as connection:
        rows = connection.execute("SELECT sender_id, data FROM events WHERE type_name = 'user'").fetchall()
    for sender, data in rows:
        if sender in senders:
            event: dict[str, Any] = json.loads(data)
            response = event["parse_data"].get("response_selector", {}).get("faq", {}).get("response", {})
            if event["parse_data"]["intent"]["name"] == "faq":
                found[event["text"]] = float(response["confidence"])
    return found


def test_review_lists_what_the_bot_failed_on(servers: Any, tmp_path: Path) -> None:
    first, second = Chat(servers.config.rest_url), Chat(servers.config.rest_url)
    assert "general information about clonus" in first.texts(first.say(FALLBACK))
    second.say(FALLBACK.capitalize() + "?")
    second.say(NOT_UNDERSTOOD)
    assert "emergency" in first.texts(first.say(RED_FLAG)).lower()
    for text in UNSURE:
        second.say(text)
    first.say(UNDERSTOOD)

    db = servers.config.tracker_db
    threshold = fallback_threshold(paths.CONFIG)
    confidences = _confidences(db, {first.sender, second.sender})
    unsure = {text for text in UNSURE if confidences[text] < threshold}
    assert unsure, f"none of {UNSURE} was low-confidence any more: {confidences}; pick new ones"
    assert confidences[UNDERSTOOD] >= threshold

    out = tmp_path / "to_annotate.yml"
    done = _review("--db", str(db), "--out", str(out))
    assert done.returncode == 0, done.stdout + done.stderr
    printed = done.stdout
    sections = printed.split("\n\n")
    escalated = next(s for s in sections if s.startswith("Escalated"))
    fallback = next(s for s in sections if s.startswith("Hit the fallback"))
    low = next(s for s in sections if s.startswith("Low confidence:"))
    assert RED_FLAG in escalated
    row = next(line for line in fallback.splitlines() if line.lower().rstrip("?").endswith(FALLBACK))
    assert row.split()[0] == "2", row            # two conversations, one line, counted
    assert NOT_UNDERSTOOD in fallback
    for text in UNSURE:
        assert (text in low) == (text in unsure), (text, confidences[text], low)
    assert UNDERSTOOD not in printed
    written = out.read_text(encoding="utf-8")
    for sender in (first.sender, second.sender):
        assert sender not in printed and sender not in written

    from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLReader

    examples = {m.get("text"): m for m in RasaYAMLReader().reads(written).nlu_examples}
    assert RED_FLAG in examples and NOT_UNDERSTOOD in examples
    for text in unsure:
        assert examples[text].get("intent") == "faq"   # suggested: the topic the bot picked

    tomorrow = (dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=1)).date().isoformat()
    later = _review("--db", str(db), "--since", tomorrow)
    assert later.returncode == 0 and "Reviewed 0 user message(s)" in later.stdout
    today = dt.datetime.now(dt.timezone.utc).date().isoformat()
    assert RED_FLAG in _review("--db", str(db), "--since", today).stdout
