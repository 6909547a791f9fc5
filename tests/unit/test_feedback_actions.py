""""Was this helpful?" actions (actions/feedback.py): asked after a curated answer, at most
once per topic, never in a conversation with an escalation; ratings and comments stored."""

from __future__ import annotations

from typing import Any, Dict, List

from actions.feedback import (
    ActionFeedbackAsk,
    ActionFeedbackComment,
    ActionFeedbackRecord,
    ValidateFeedbackForm,
)
from bot.knowledge import feedback as fb


def answer(key: str, text: str = "An answer.") -> List[Dict[str, Any]]:
    return [{"event": "user", "text": "q", "parse_data": {"intent": {"name": "faq"}}},
            {"event": "bot", "text": text, "metadata": {"utter_action": f"utter_faq/{key}"}}]


def slots(events: List[Dict[str, Any]]) -> Dict[str, Any]:
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


def test_asks_once_per_topic(dispatcher, make_tracker) -> None:
    events = ActionFeedbackAsk().run(dispatcher, make_tracker(events=answer("clonus_causes")), {})
    assert [m["response"] for m in dispatcher.messages] == ["utter_ask_helpful"]
    set_ = slots(events)
    assert set_[fb.SLOT_PENDING] == {"answer": "clonus_causes", "version": fb.content_version("An answer.")}
    assert set_[fb.SLOT_ASKED] == ["clonus_causes"]
    again = type(dispatcher)()
    tracker = make_tracker(events=answer("clonus_causes"), slots={fb.SLOT_ASKED: ["clonus_causes"]})
    assert ActionFeedbackAsk().run(again, tracker, {}) == [] and again.messages == []
    other = type(dispatcher)()
    tracker = make_tracker(events=answer("what_is_clonus"), slots={fb.SLOT_ASKED: ["clonus_causes"]})
    assert slots(ActionFeedbackAsk().run(other, tracker, {}))[fb.SLOT_ASKED] == ["clonus_causes", "what_is_clonus"]


def test_never_asks_in_a_conversation_with_an_escalation(dispatcher, make_tracker) -> None:
    active = make_tracker(events=answer("clonus_danger"), slots={"red_flag_active": True})
    assert ActionFeedbackAsk().run(dispatcher, active, {}) == []
    earlier = [{"event": "user", "text": "his face droops", "parse_data": {"intent": {"name": "red_flag"}}},
               *answer("clonus_danger")]
    assert ActionFeedbackAsk().run(dispatcher, make_tracker(events=earlier), {}) == []
    combined = make_tracker(events=answer("clonus_danger"), slots={"red_flag_log": [{"level": "urgent"}]})
    assert ActionFeedbackAsk().run(dispatcher, combined, {}) == []
    assert dispatcher.messages == []


def test_never_asks_without_a_curated_answer_in_the_turn(dispatcher, make_tracker) -> None:
    events = [*answer("clonus_causes"), {"event": "user", "text": "ok"}]
    assert ActionFeedbackAsk().run(dispatcher, make_tracker(events=events), {}) == []


def test_ratings_and_the_comment_are_stored(dispatcher, make_tracker) -> None:
    pending = {"answer": "clonus_causes", "version": "abc"}
    up = make_tracker(latest_message={"intent": {"name": fb.INTENT_HELPFUL}}, slots={fb.SLOT_PENDING: pending})
    assert slots(ActionFeedbackRecord().run(dispatcher, up, {}))[fb.SLOT_FEEDBACK] == {
        **pending, "rating": "helpful", "comment": None}
    down = make_tracker(latest_message={"intent": {"name": fb.INTENT_NOT_HELPFUL}}, slots={fb.SLOT_PENDING: pending})
    record = slots(ActionFeedbackRecord().run(dispatcher, down, {}))[fb.SLOT_FEEDBACK]
    assert record["rating"] == "not_helpful"
    tracker = make_tracker(slots={fb.SLOT_FEEDBACK: record, fb.SLOT_COMMENT: "how long it lasts"})
    stored = slots(ActionFeedbackComment().run(dispatcher, tracker, {}))
    assert stored[fb.SLOT_FEEDBACK]["comment"] == "how long it lasts" and stored[fb.SLOT_PENDING] is None
    skipped = make_tracker(slots={fb.SLOT_FEEDBACK: record, fb.SLOT_COMMENT: ""})
    assert fb.SLOT_FEEDBACK not in slots(ActionFeedbackComment().run(dispatcher, skipped, {}))
    nothing = make_tracker(latest_message={"intent": {"name": fb.INTENT_HELPFUL}})
    assert fb.SLOT_FEEDBACK not in slots(ActionFeedbackRecord().run(dispatcher, nothing, {}))


def test_skip_or_no_leaves_no_comment(dispatcher, make_tracker) -> None:
    form = ValidateFeedbackForm()
    skip = make_tracker(latest_message={"intent": {"name": "deny"}, "text": "/deny"})
    assert form.validate_feedback_comment("/deny", dispatcher, skip, {}) == {fb.SLOT_COMMENT: ""}
    opening = make_tracker(latest_message={"intent": {"name": fb.INTENT_NOT_HELPFUL}, "text": "/feedback_not_helpful"})
    assert form.validate_feedback_comment("/feedback_not_helpful", dispatcher, opening, {}) == {fb.SLOT_COMMENT: None}
    said = make_tracker(latest_message={"intent": {"name": "faq"}, "text": "how long it lasts"})
    assert form.validate_feedback_comment("how long it lasts", dispatcher, said, {}) == {
        fb.SLOT_COMMENT: "how long it lasts"}


def test_the_widget_keeps_the_related_topics_under_the_rating_buttons() -> None:
    import asyncio

    from bot.channels.socketio import WidgetOutput

    sent: List[Dict[str, Any]] = []
    output = WidgetOutput.__new__(WidgetOutput)

    async def capture(recipient_id: str, message: Dict[str, Any]) -> None:
        sent.append(message)

    output._send_message = capture  # type: ignore[method-assign]
    related = [{"title": "What causes clonus?", "payload": "What causes clonus?"}]
    rating = [{"title": "👍 Yes", "payload": "/feedback_helpful"}, {"title": "👎 No", "payload": "/feedback_not_helpful"}]
    asyncio.run(output.send_text_with_buttons("r", "An answer.", related))
    asyncio.run(output.send_text_with_buttons("r", "Was this answer helpful?", rating))
    assert [q["payload"] for q in sent[-1]["quick_replies"]] == [
        "/feedback_helpful", "/feedback_not_helpful", "What causes clonus?"]
