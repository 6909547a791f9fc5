"""Real people's turns end to end (REST): follow-ups, thanks or a greeting with a question,
a fresh "can it wait?", warning signs only mentioned, and "Do you mean...?" whose buttons
lead to the answer (bot/policies/topic_context.py)."""

from __future__ import annotations

import pytest

from bot.constants import RATING_PAYLOADS
from bot.knowledge.files import load_topics

from ..conftest import Chat

pytestmark = pytest.mark.e2e

#: The opening words of the plain answers (data/nlu/responses/faq.yml).
TREATMENT = "Yes, there are treatments."
EXERCISE = "You usually do not need to avoid activity."
SEE_A_DOCTOR = "Get medical help urgently if clonus:"
WHAT_IS = "Clonus (also called clonospasm) means"
WATCH_FOR = "If any of these start suddenly"
DOWNPLAY_TEXT = "If you're not sure whether it's serious"
URGENT = "This could be a medical emergency"


def test_a_follow_up_about_tablets_gets_the_treatment_answer(chat: Chat) -> None:
    assert WHAT_IS in chat.texts(chat.say("what is clonus?"))
    text = chat.texts(chat.say("ok. and which tablets help with that?"))
    assert TREATMENT in text, text


def test_a_follow_up_about_a_class_gets_the_exercise_answer(chat: Chat) -> None:
    chat.say("my grandfather has clonus in his left ankle since his stroke, is there any treatment?")
    text = chat.texts(chat.say("can he still go to his aqua aerobics class?"))
    assert EXERCISE in text, text


def test_thanks_and_a_question_gets_a_short_thanks_then_the_answer(chat: Chat) -> None:
    chat.say("what is clonus?")
    messages = chat.say("thank you, that helps. can she still do yoga with it?")
    assert messages[0]["text"] == "You're welcome.", messages
    assert EXERCISE in chat.texts(messages[1:])


def test_a_greeting_and_a_question_gets_the_answer(chat: Chat) -> None:
    text = chat.texts(chat.say("hello! what exactly is clonus?"))
    assert WHAT_IS in text, text


def test_a_fresh_can_it_wait_gets_the_answer_not_the_downplay_text(chat: Chat) -> None:
    text = chat.texts(chat.say("my ankle jerks now and then, can it wait until my neurology appointment next month?"))
    assert SEE_A_DOCTOR in text and DOWNPLAY_TEXT not in text and URGENT not in text, text


def test_signs_only_mentioned_get_the_answer_then_the_warning_line(chat: Chat) -> None:
    messages = chat.say("no numbness and no weakness, just the ankle jerking. can I still go swimming?")
    text = chat.texts(messages)
    assert URGENT not in text, text
    # the answer, the warning line, then perhaps "Was this helpful?" (issue 16)
    said = [m for m in messages if not (m.get("buttons") and
                                        {b["payload"] for b in m["buttons"]} <= RATING_PAYLOADS)]
    assert EXERCISE in text and WATCH_FOR in said[-1]["text"], messages
    assert "112" in said[-1]["text"]  # the number, as in every escalation text


def test_an_emergency_never_waits_behind_a_clarification(chat: Chat) -> None:
    messages = chat.say("what helps? his speech suddenly went slurred an hour ago and his foot is jerking")
    assert URGENT in messages[0]["text"], messages
    assert not any(m.get("buttons") and "Do you mean" in (m.get("text") or "") for m in messages)


def test_do_you_mean_buttons_are_topic_questions_that_get_answered(chat: Chat) -> None:
    titles = {t.title for t in load_topics().values()}
    messages = chat.say("what about his legs")  # vague: no topic stands out
    asked = [m for m in messages if "Do you mean" in (m.get("text") or "")]
    assert asked, f"expected a clarifying question: {messages}"
    buttons = asked[0]["buttons"]
    assert 3 <= len(buttons) <= 4
    assert buttons[-1] == {"title": "Something else", "payload": "/ask_topics"}
    for button in buttons[:-1]:
        assert button["title"] in titles and button["payload"] == button["title"]
    answer = chat.texts(chat.say(buttons[0]["payload"]))
    assert "Source" in answer and "Do you mean" not in answer, answer
    listed = chat.texts(chat.say("/ask_topics"))
    assert "Is clonus dangerous?" in listed or "dangerous" in listed, listed
