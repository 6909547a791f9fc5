"""Session 10 (issue 14, lead): a question that the same message answers with someone who has
the sign now, read by the rules alone (knowledge/context_rules.yml, bot/nlp/context.py).

Two forms the earlier rounds did not reach: a factual "if" told in the simple past after a
question about what to do ("is it ok to drive home if my vision went blurry?"), and a general
question followed by "happened to my <relative> ... just now" with no subject. Their twins
stay below emergency: "what if" and "would ... if" questions, a general question that nobody
has now, and "never happened to my dad". Sentences written for these tests."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("text", [
    "is it ok to drive home if my vision went blurry all of a sudden and my leg keeps jerking?",
    "can i just sleep it off if my arm suddenly went weak and my foot is twitching?",
    "should we wait till morning if my husband's words started coming out slurred and his hand jerks",
    "is it safe to go back to work if my face went droopy on one side after lunch?",
    "does jerking in your leg and your face drooping on one side mean anything? happened to my mum at lunch just now",
    "what does it mean when your words come out jumbled? happened to my grandad twenty minutes ago",
])
def test_asked_now_escalates(assess, text: str) -> None:
    result = assess(text)
    assert result.level == "emergency", result.as_dict()


@pytest.mark.parametrize("text", [
    "what if my vision went blurry while driving, would that be a stroke?",
    "would it be dangerous if my leg went numb on a long flight?",
    "does your face drooping on one side mean a stroke? asking for a first aid course",
    "what does it mean when your speech slurs? this never happened to my dad, just curious",
    "is it normal if your calf jumps when you stretch? mine does every evening",
])
def test_asked_in_general_stays_calm(assess, text: str) -> None:
    result = assess(text)
    assert result.level != "emergency", result.as_dict()
