"""Session 7 (issue 14): emergencies told in plain words and their near twins, read by the
rules alone (knowledge/red_flags.yml, knowledge/context_rules.yml, bot/nlp/context.py).

The kinds: a sudden onset without "suddenly"; numbness told as "no feeling" after an old,
harmless tingling story; part of the field of vision gone after a shrug; a second-hand
report in Indian English ("he say he can not see"); and the twins that share their words
but are old, habitual, generic or about something else. Sentences written for these tests
(not taken from any red-flag set)."""

from __future__ import annotations

import pytest

from bot.knowledge.red_flags import Assessment


def present(result: Assessment) -> set:
    return {c.label for c in result.concepts if c.status == "present"}


@pytest.mark.parametrize("text", [
    "one moment he was fine, the next his foot was beating up and down and it still is",
    "from one minute to the next my calf started jerking in a rhythm",
    "she was perfectly okay till lunch and now her ankle won't stop jerking",
    "right in the middle of dinner my dad's knee began jerking over and over",
    "halfway through my shift my thigh went into regular jerks, still going",
    "it came on mid-sentence, my hand jerking again and again",
    "in the space of a few minutes both his feet began twitching in pulses",
    "my leg started shaking in jerks all at one go while I was walking",
    "no build up at all, my arm just started jerking on its own",
])
def test_a_sudden_onset_in_plain_words_is_an_emergency(assess, text: str) -> None:
    result = assess(text)
    assert result.level == "emergency", result.as_dict()
    assert "SUDDEN" in present(result)


@pytest.mark.parametrize("text, concept", [
    ("my feet have tingled for years, but since lunch there is no feeling down my left arm", "NUMBNESS"),
    ("my hands tingle when I type, always have. tonight my arm has lost all feeling", "NUMBNESS"),
    ("for the last hour I can't feel the floor under my right foot", "NUMBNESS"),
    ("the feeling has gone from his whole right leg since he got up", "NUMBNESS"),
    ("probably nothing, but part of what I'm looking at has gone dark since this afternoon", "VISION"),
    ("a chunk of what I see out of one eye has disappeared, started 20 minutes ago", "VISION"),
    ("half of the page went missing while I was reading and my foot is jerking", "VISION"),
    ("my brother say his face one side is not moving from today morning", "FACE_DROOP"),
])
def test_lay_phrasings_of_numbness_vision_and_face(assess, text: str, concept: str) -> None:
    result = assess(text)
    assert concept in present(result), result.as_dict()
    assert result.level == "emergency"


@pytest.mark.parametrize("text", [
    "my father is 70. he say he can not see from one eye since morning",
    "sister say her left eye vision is blur since 1 hour and her legs are jerking",
    "my wife telling she is not able to feel her right side from morning",
])
def test_a_second_hand_report_in_indian_english_is_present(assess, text: str) -> None:
    """"he say ..." reports what the person says now (not the conditional "say he falls")."""
    assert assess(text).level == "emergency", assess(text).as_dict()


def test_the_conditional_say_is_still_hypothetical(assess) -> None:
    result = assess("say he falls and can't see, what do we do?")
    assert not result.escalate, result.as_dict()


@pytest.mark.parametrize("text", [
    # several things at the same time, a mood, a treatment's effect, growing out of a habit
    "I got three bills all at once this month and my eyelid keeps twitching",
    "one minute she's fine, the next she's crying. her legs tremble when she's hungry",
    "I've been on baclofen a month and can't feel any difference in my legs yet",
    "my son twitches his feet when hes asleep, always has. will he grow out of it",
    # a habit tied to a state or an activity
    "I can't feel my toes when it's freezing out, they come back once I'm inside",
    # the function works again
    "her vision was blurry in one eye, the surgeon did her cataract, now she is seeing clearly",
    # a generic statement, read or heard
    "I read that a curtain coming down over one eye can be a warning sign of stroke. Is it the same with clonus?",
    # the same onset words told of the past
    "out of nowhere, back in 2018, my calf started jerking and it has been the same ever since",
])
def test_near_twins_do_not_escalate(assess, text: str) -> None:
    result = assess(text)
    assert not result.escalate, result.as_dict()


def test_a_generic_statement_needs_a_clause_of_nobody(assess) -> None:
    """"my arm is numb, can that be a sign of stroke?" and a generic sentence followed by
    someone's own sign stay present."""
    assert assess("my arm is numb and that can be a sign of stroke, right?").level == "emergency"
    result = assess("I heard that numbness can be a sign of stroke. Dad's arm has been numb since lunch")
    assert result.level == "emergency", result.as_dict()
    for text in ["slurred speech can be a sign of stroke and my dad has it now",
                 "I read that slurred speech can be a warning sign. My dad has that today."]:
        assert assess(text).level == "emergency", assess(text).as_dict()
