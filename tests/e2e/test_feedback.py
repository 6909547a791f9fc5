""""Was this helpful?" and the summary for the doctor through the running servers (REST and
socket.io, SQLite tracker store): asked after a curated answer once per topic, never after
an escalation, stored in the tracker with the answer key and content version and read back
by ``python -m bot review``; a red flag typed as the comment still escalates first."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any, Dict, List

import pytest

from bot.knowledge import feedback as fb
from bot.maintain import review_feedback
from bot.maintain.review import sqlite_url

from ..conftest import Chat
from .test_socketio import WidgetClient

pytestmark = pytest.mark.e2e

ASK = "Was this answer helpful?"
MISSING = "What was missing?"


def buttons(messages: List[Dict[str, Any]]) -> List[str]:
    return [b.get("payload") for m in messages for b in m.get("buttons") or []]


def ratings_of(db: Path, sender: str) -> List[review_feedback.Rated]:
    rows = [(s, e) for s, e in review_feedback.read_rows(sqlite_url(db)) if s == sender]
    return review_feedback.ratings(rows)


def test_thumbs_down_with_a_comment_is_stored_and_reviewed(chat: Chat, servers: Any) -> None:
    answer = chat.say("what causes clonus")
    texts = chat.texts(answer)
    assert "Source" in texts and texts.rstrip().endswith(ASK), texts
    assert {"/feedback_helpful", "/feedback_not_helpful"} <= set(buttons(answer))
    asked = chat.say("/feedback_not_helpful")
    assert MISSING in chat.texts(asked) and "/deny" in buttons(asked)
    thanks = chat.say("it did not say whether it goes away")
    assert "this helps us improve the answers" in chat.texts(thanks)
    again = chat.say("what causes clonus")                      # once per topic
    assert "Source" in chat.texts(again) and ASK not in chat.texts(again)
    [rated] = ratings_of(servers.config.tracker_db, chat.sender)
    assert (rated.answer, rated.rating, rated.comment, rated.question) == (
        "clonus_causes", fb.NOT_HELPFUL, "it did not say whether it goes away", "what causes clonus")
    assert rated.version in review_feedback.current_versions()["clonus_causes"]


def test_thumbs_up_and_skip(chat: Chat, servers: Any) -> None:
    chat.say("what does clonus feel like")
    assert "Thank you for your feedback" in chat.texts(chat.say("/feedback_helpful"))
    chat.say("is clonus dangerous")
    assert MISSING in chat.texts(chat.say("/feedback_not_helpful"))
    assert "this helps us improve" in chat.texts(chat.say("/deny"))
    rated = {r.answer: r for r in ratings_of(servers.config.tracker_db, chat.sender)}
    assert rated["clonus_feeling"].rating == fb.HELPFUL
    assert rated["clonus_danger"].rating == fb.NOT_HELPFUL and not rated["clonus_danger"].comment


def test_never_asked_with_emergency_advice(chat: Chat) -> None:
    escalation = chat.say("my dad suddenly can't speak and his face is drooping")
    assert escalation[0]["text"].startswith("⚠️ URGENT")
    assert ASK not in chat.texts(escalation)
    later = chat.say("what is clonus")
    assert "Source" in chat.texts(later) and ASK not in chat.texts(later)


def test_a_red_flag_typed_as_the_comment_escalates_first(chat: Chat, servers: Any) -> None:
    chat.say("how is clonus treated")
    chat.say("/feedback_not_helpful")
    reply = chat.say("my wife suddenly has weakness in her left arm and slurred speech")
    assert reply[0]["text"].startswith("⚠️ URGENT"), reply
    [rated] = ratings_of(servers.config.tracker_db, chat.sender)
    assert rated.comment is None
    next_turn = chat.say("what is clonus")                       # the form is over
    assert "Source" in chat.texts(next_turn)


def test_summary_for_the_doctor_over_rest(chat: Chat) -> None:
    chat.say("my son's left ankle keeps jerking since last week, he has no fever")
    chat.say("can clonus go away")
    summary = chat.texts(chat.say("summarise this for my doctor"))
    assert summary.startswith("📋 Summary for your doctor"), summary
    for line in ("About: my son", "Side: left ankle", "since last week", "- fever: said to be absent",
                 "- Can clonus go away?", "It is not a diagnosis"):
        assert line in summary, (line, summary)


def test_summary_with_nothing_described(chat: Chat) -> None:
    assert "There is nothing to summarise yet" in chat.texts(chat.say("summarise this for my doctor"))


def test_socketio_rating_buttons_keep_the_related_topics_and_the_summary_is_one_message(servers: Any) -> None:
    widget = WidgetClient(f"http://127.0.0.1:{servers.config.rasa_port}")
    try:
        session = widget.request_session()
        widget.send("what is clonus", session)
        replies = widget.collect()
        last = replies[-1]
        assert ASK in last.get("text", ""), replies
        payloads = [q["payload"] for q in last.get("quick_replies") or []]
        assert payloads[:2] == ["/feedback_helpful", "/feedback_not_helpful"] and len(payloads) > 2, last
        widget.send("/feedback_helpful", session)
        assert any("Thank you for your feedback" in r.get("text", "") for r in widget.collect())
        widget.send("Summarise this for my doctor", session)
        summary = [r for r in widget.collect() if "Summary for your doctor" in r.get("text", "")]
        assert len(summary) == 1 and "What is clonus?" in summary[0]["text"], summary
    finally:
        widget.close()


def test_feedback_rows_are_in_the_sqlite_store(chat: Chat, servers: Any) -> None:
    chat.say("can i exercise with clonus")
    chat.say("/feedback_helpful")
    with sqlite3.connect(servers.config.tracker_db) as db:
        rows = db.execute("SELECT data FROM events WHERE sender_id = ? AND type_name = 'slot' "
                          "AND data LIKE '%\"feedback\"%'", (chat.sender,)).fetchall()
    assert rows and '"rating": "helpful"' in rows[-1][0] and '"answer": "clonus_exercise"' in rows[-1][0]
