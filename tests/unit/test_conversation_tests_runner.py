"""The conversation-test runner gives the test tracker the red-flag detector's assessment of
each story message (bot/maintain/conversation_tests.py), as a live conversation has it:
without it the warning-signs line after an answer (issue 14 item 3) could not be tested."""

from __future__ import annotations

from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.knowledge.red_flags import PARSE_KEY
from bot.maintain.conversation_tests import with_assessment


def test_the_assessment_of_the_text_reaches_the_tracker() -> None:
    tracker = DialogueStateTracker("t", slots=[])
    tracker.update(UserUttered("no numbness, is clonus dangerous?", {"name": "faq"}))
    assessment = {"escalate": False, "concepts": [{"label": "NUMBNESS", "status": "negated"}]}
    with_assessment(tracker, {"intent": {"name": "faq"}, PARSE_KEY: assessment})
    assert tracker.latest_message.parse_data[PARSE_KEY] == assessment
    # the event in the tracker is the one the policies read
    assert [e for e in tracker.events if isinstance(e, UserUttered)][-1].parse_data[PARSE_KEY] == assessment


def test_a_parse_without_assessment_changes_nothing() -> None:
    tracker = DialogueStateTracker("t", slots=[])
    tracker.update(UserUttered("hello", {"name": "greet"}))
    with_assessment(tracker, {"intent": {"name": "greet"}})
    assert PARSE_KEY not in tracker.latest_message.parse_data
