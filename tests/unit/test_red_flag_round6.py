"""Session 10 (issue 14, rf11): the kinds of the session-10 judge report on a fresh set
(/work/notes/s10/judge_report_n6.md; kinds only, no sentence of the independent sets nor the
judge's own examples), read by the rules alone (knowledge/red_flags.yml,
knowledge/context_rules.yml, bot/nlp/context.py).

Emergencies: speech that comes out broken, answers that make no sense, lay verbs and idioms of
fast rhythmic jerking, toppling to one side, not knowing a close relative, household things put
where they cannot belong, the corner of the mouth sagging, a serotonergic pair with "boiling
up", "... I've never felt before", a headache of a severity never known, a start told by an
event of the last hours, an "is it normal" question with a sign that goes on "ever since".
Urgent: "was given <drug>", a verbless "never before", "for the first time" as an aside,
"for the past week", and jerking dated days ago that is "still at it today". Their twins stay
below: broken English, a nervous habit of years, a room that is boiling, a habit "after every
match", a real "what if", a toddler learning to walk. Sentences written for these tests."""

from __future__ import annotations

import pytest

from tests.unit.conftest import sign_keys


@pytest.mark.parametrize("text", [
    # K15 speech and confusion
    "since lunch his sentences are coming out all broken",
    "she cannot put her words together this evening",
    "her answers make no sense tonight and her calf keeps jumping",
    "grandpa has no idea who his own daughter is tonight",
    "my wife could not tell me our son's name an hour ago",
    "he keeps putting his keys in the fridge and his hand is jerking",
    "she is calling me by my brother's name and her arm twitches",
    # K15 jerking told by a percussion verb or a speed idiom, with a first-ever phrase
    "my foot is drumming up and down by itself and it's never done that before",
    "his knee is going ten to the dozen, he has never had anything like it",
    "woke up to quick rhythmic kicks in my ankle that i've never felt before",
    # K15 balance, face, headache
    "my dad keeps toppling over to the right",
    "the corner of her mouth, i mean, it's sagging on the left",
    "i have a headache of a severity i have never known",
    # K14 a start told by an event
    "during the news his ankle started jerking and it has not stopped",
    "since she woke up her calf has been twitching",
    # K16 an "is it normal" question with a first-person sign that goes on
    "is it normal to get a blinding headache out of nowhere while lying in bed? my hand has twitched ever since",
])
def test_round6_emergencies_escalate(assess, text: str) -> None:
    result = assess(text)
    assert result.level == "emergency", result.as_dict()


@pytest.mark.parametrize("text", [
    # K15 twins
    "my dad's english comes out broken because he learned it late, what is clonus?",
    "my toddler still topples over a lot while learning to walk, is that normal?",
    "my husband's foot goes ten to the dozen when he's nervous, he has done it for years",
    # K14 twins: a habit after every match, a long-standing clonus on waking
    "since he came in from football his calf has been twitching, he does this after every match",
    "my knee jerks when i wake up, as it has every morning for years since my ms",
    # K16 twin: a second-person question, nobody affected
    "is it normal to get a twitch in your leg out of the blue when you fall asleep?",
    # a real what-if
    "what if his speech comes out broken one day, what should we do?",
])
def test_round6_look_alikes_do_not_reach_emergency(assess, text: str) -> None:
    result = assess(text)
    assert result.level != "emergency", result.as_dict()


def test_boiling_up_with_a_serotonergic_pair_is_serotonin_syndrome_and_a_hot_room_is_not(assess) -> None:
    """Dr.Oracle (2025): a serotonergic drug with fever is serotonin syndrome; "boiling up" of
    the person is the fever, "it's boiling in here" is the room."""
    person = assess("took mdma and i'm on fluoxetine, now i'm boiling up and my legs jerk")
    assert "serotonin_syndrome" in sign_keys(person), person.as_dict()
    room = assess("it's boiling in here, the heating is stuck. i take sertraline, can it cause clonus?")
    assert not room.escalate, room.as_dict()


def test_was_given_a_serotonergic_drug_is_a_change_and_a_walking_stick_is_no_sign(assess) -> None:
    """wiseGEEK (2019): starting a serotonergic drug with jerking (K5)."""
    drug = assess("my mum was given tramadol after her operation four days ago, she's on sertraline and her feet twitch in bursts")
    assert "serotonergic_with_jerks" in sign_keys(drug), drug.as_dict()
    stick = assess("my dad was given a walking stick after his operation, his calves have twitched at night for years")
    assert not stick.escalate, stick.as_dict()


@pytest.mark.parametrize("text", [
    "since monday my husband's knee jerks when he climbs the stairs, never before",
    "over the past week i have noticed, for the first time, that my ankle pulses rhythmically when i sit",
    "for the past week my calf has been twitching, i've never had that before",
    # K22: a continuation "still ... today" of jerking dated days ago is no onset today
    "my son's leg has been jerking since thursday, it never happened before, and it's still at it today",
])
def test_first_ever_jerking_dated_days_ago_is_urgent(assess, text: str) -> None:
    """Lead's policy (session 8): first-ever jerking dated days ago is urgent (K6, K22)."""
    result = assess(text)
    assert result.level == "urgent", result.as_dict()
    assert "first_ever_jerking_days" in sign_keys(result), result.as_dict()


def test_still_tonight_does_not_hide_a_start_this_morning(assess) -> None:
    """The twin of K22: begun this morning, never before, still going tonight stays an emergency."""
    result = assess("her leg started jerking this morning, never had this before, still going tonight")
    assert result.level == "emergency", result.as_dict()


def test_an_everyday_asked_if_in_the_story_is_no_hypothetical_frame() -> None:
    """The net withdraws a guess on a message framed as hypothetical (bot/nlu/safety_net.py):
    "I asked if she wanted soup" tells what happened, a "what if" stays hypothetical."""
    import spacy

    nlp = spacy.load("en_clonus_pipeline")
    story = nlp("my mum is talking nonsense. i asked if she wanted soup and she said the dog is green.")
    assert "hypothetical" not in story._.context_frames
    what_if = nlp("what if his speech comes out broken one day?")
    assert "hypothetical" in what_if._.context_frames


@pytest.mark.parametrize("text", [
    # K8: a past event dated by a season, a day of a month or a child's age; a sign nearly gone
    "last fall my dad had a tia, his speech was slurred for an hour and came back fully. he's been well since",
    "on 12 june my wife had a first seizure, the scan was fine and she has had none since",
    "when my daughter was three she had a febrile seizure. she is seven now and healthy",
    "the numbness in my hand from my neck is nearly gone after physio, should i keep stretching?",
    # K23: a recurrence only asked about
    "fell off a horse in 2014 and broke my back. wondering whether the clonus can come back.",
])
def test_round6_past_or_asked_is_no_emergency(assess, text: str) -> None:
    result = assess(text)
    assert result.level != "emergency", result.as_dict()


@pytest.mark.parametrize("text", [
    "his speech went slurred an hour ago and it has not come back",
    "she had a seizure ten minutes ago",
    "the numbness in my hand is spreading up my arm",
    "i fell down the stairs this morning and now my clonus has come back",
])
def test_round6_twins_now_stay_emergencies(assess, text: str) -> None:
    result = assess(text)
    assert result.level == "emergency", result.as_dict()


def test_worse_with_flu_asked_is_no_worsening_and_worse_since_flu_is(assess) -> None:
    """K24: a question whether an illness makes it worse is no progression; told as happening
    it is FindADoctor's (2026) worsening."""
    asked = assess("clonus in my ankles since my stroke in 2019. does it get worse with flu? i don't have it now")
    assert not asked.escalate, asked.as_dict()
    told = assess("my ankle clonus is getting worse every day since i caught flu")
    assert "worsening" in sign_keys(told), told.as_dict()


def test_toppling_whenever_he_stands_is_now_and_for_years_is_not(assess) -> None:
    """K15: "keeps tipping sideways whenever he stands up" is a balance lost now (FindADoctor
    2026); the same told "for years since his MS" is long-standing."""
    now = assess("he keeps tipping sideways whenever he stands up, should we wait for the gp?")
    assert "coordination" in sign_keys(now), now.as_dict()
    years = assess("he keeps falling over whenever he stands up, he has for years since his ms")
    assert years.level != "emergency", years.as_dict()
