"""Session 14 (issue 14, rf25): frames that END or CARRY OVER, read by the rules alone
(knowledge/context_rules.yml, bot/nlp/denial_lists.py, bot/nlp/context.py).

1. A free-standing dash, a colon or a contrast ("this time", "this isn't that", "this is
   different") ends a negation or a "used to" frame: the sign after it is present. Twins where the
   frame goes on ("no fever - no headache - no weakness, just the ankle jerks"; "used to: blurred
   vision, numbness (all gone since 2019)").
2. Someone else's story (a hospital drama, a film, a colleague at an old job, a stranger seen
   collapsing) carries over the next sentences told in the past, unless the writer comes back to
   themselves or to someone with them now.
3. A comparison asked about ("which is worse", "what's worse", "is it worse to") is no worsening;
   "much worse since lunch", "worse today than it's ever been" still are.
Sentences written for these tests (not from any narratives*.yml nor from the web); FindADoctor
guide (2026) red-flag list."""

from __future__ import annotations

import pytest

from tests.unit.conftest import sign_keys


@pytest.mark.parametrize("text,sign", [
    # 1. a dash, colon or contrast ends the negation or the past frame
    ("not tired, not drunk - keep missing the door handle when i reach for it.", "coordination"),
    ("not drinking, not on anything - my speech is slurred and thick.", "speech"),
    ("i've had migraines on and off since my teens, i know them well. this isn't that: it hit like a bang at "
     "the back of my head, the worst headache of my life, all of a sudden while i was hoovering.",
     "severe_headache"),
    ("never had anything like it before — now my words come out wrong.", "speech"),
    ("no stress, no late nights - but my left arm just went dead and heavy.", "weakness"),
    ("not dizzy, not sick: my face is drooping on the left side.", "stroke_signs"),
    ("i used to have numb toes from the diabetes years ago - this time it's my whole right side gone numb.",
     "numbness"),
    ("used to get aura with migraines, this is different: i can't see out of my right eye at all.", "vision"),
    ("had the odd twitch as a teenager; this time my leg started jerking suddenly an hour ago and won't stop.",
     "sudden_onset"),
    ("no fever, no rash - but this morning she suddenly couldn't move her right arm.", "weakness"),
    # 2. the writer comes back to themselves or someone with them now
    ("watched a documentary on strokes last night, and now my own face feels droopy and my speech is slurred.",
     "speech"),
    ("at my old job i saw a colleague have a seizure. right now my husband is jerking all over and won't answer me.",
     "fever_neuro"),
    ("we were watching a medical drama when suddenly my dad's words came out garbled and his arm went limp.",
     "speech"),
    ("reading a book about strokes and suddenly i can't see out of my left eye.", "vision"),
    ("at my old job a colleague had a stroke, and right now my wife's face is drooping and she can't talk.",
     "stroke_signs"),
])
def test_round18_rf25_frame_ends_sign_is_an_emergency(assess, text: str, sign: str) -> None:
    result = assess(text)
    assert result.level == "emergency", result.as_dict()
    assert sign in sign_keys(result), result.as_dict()


@pytest.mark.parametrize("text", [
    # 1. twins: the negation or the past frame really goes on
    "no fever - no headache - no weakness, just the ankle jerks when i flex my foot.",
    "used to: blurred vision, numbness (all gone since 2019).",
    "not tired, not drunk, not dizzy - just curious why my ankle bounces when i push it.",
    "used to get migraines years ago with blurred vision; none for a decade now. does clonus link to migraine?",
    "no slurred speech - no droopy face - nothing like that, just the usual calf spasms.",
    "never had a seizure: no jerking, no fits, only the tight hamstrings.",
    "years ago i used to get numbness in my hands - sorted by wrist splints. is clonus related?",
    "not weak, not numb: only the foot tapping after a long walk, same as always.",
    # 2. someone else's story carries over the next sentences
    "watched a documentary on strokes last night; the man's face drooped and his speech went. is clonus ever a stroke sign?",
    "we watched a hospital drama and the patient suddenly couldn't move his arm. then his words came out slurred. how realistic is that?",
    "reading a novel where the heroine's vision suddenly goes dark in one eye, and then she collapses. could clonus do that?",
    "years ago at my old job a coworker collapsed and was shaking on the floor. he was unresponsive for a minute. anyway, is ankle clonus dangerous?",
    # 3. a comparison asked about
    "which is worse, clonus in the ankle or in the knee?",
    "which one is worse for spasms, baclofen or tizanidine?",
    "what's worse for clonus, heat or cold?",
    "is it worse to stretch in the morning or at night?",
    "i wonder which is worse: stiffness or the jerking?",
    "is clonus worse than spasticity?",
])
def test_round18_rf25_frame_goes_on_no_escalation(assess, text: str) -> None:
    result = assess(text)
    assert not result.escalate, result.as_dict()


@pytest.mark.parametrize("text,level", [
    # 3. twins: a worsening told as such still escalates
    ("my clonus is much worse since lunch and i keep dropping things.", "emergency"),
    ("it's worse today than it's ever been, the jerks won't settle.", "urgent"),
])
def test_round18_rf25_worsening_still_escalates(assess, text: str, level: str) -> None:
    result = assess(text)
    assert result.level == level, result.as_dict()
    assert "worsening" in sign_keys(result), result.as_dict()


def test_round18_a_contrast_in_the_same_sentence_as_used_to(assess) -> None:
    # session 14 (lead): "this isn't that" is a negation look-alike and is kept as a contrast
    result = assess("used to get migraines years ago, this isn't that: the worst headache of my life, all of a sudden.")
    assert result.level == "emergency", result.as_dict()
    assert assess("used to get migraines years ago, this isn't that bad, just a dull ache.").level != "emergency"


# A known gap of this round closed in session 16 (issue 14, rf28b): "at my old job" dates the event (a
# historical time marker), whatever the bare infinitive "have" says.
def test_round18_rf25_gap_closed_old_job_story(assess) -> None:
    result = assess("at my old job i saw a colleague have a seizure, it was scary. he was jerking all over. "
                    "does clonus look like that?")
    assert not result.escalate, result.as_dict()


# Known gaps left by this round (strict: a fix turns them into passing tests to move above).
@pytest.mark.xfail(strict=True, reason=(
    "rf25: 'in a lecture today' -- 'today' "
    "reads as the writer's own present and cancels the story frame"))
@pytest.mark.parametrize("text", [
    "in a lecture today the professor showed a video: the woman's face drooped on one side, she lost her speech. what causes clonus?",
])
def test_round18_rf25_known_gap_story_frames(assess, text: str) -> None:
    result = assess(text)
    assert not result.escalate, result.as_dict()
