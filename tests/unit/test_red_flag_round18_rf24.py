"""Session 14 (issue 14, rf24): onsets of jerking told in plain words, read by the rules alone
(knowledge/red_flags.yml: SUDDEN, SUDDEN_JERK, FIRST_EVER, NEW_JERK_FIRST).

- "just started" is an onset of the jerking now: "his knee just started jerking", "the twitching in
  my arm just started", "..., it just started." after a pronoun; its twins use "just started" for
  something that is no sign ("it just started raining", "I just started a new job", "just started
  physio for my usual clonus");
- "first-ever" before the jerking and "for the first time" after the jerking and its manner or
  place ("my ankle jerked on its own for the first time") are a first-ever onset; the twins are
  "the first time I saw the neurologist", "first time posting here", "for the first time in years
  my spasms settled".
FindADoctor (2026): clonus that begins suddenly, new clonus. Sentences written for these tests
(not from any narratives*.yml nor from the web)."""

from __future__ import annotations

import pytest

from tests.unit.conftest import sign_keys

ONSET = {"sudden_onset", "recent_onset_jerking", "first_ever_jerking"}


@pytest.mark.parametrize("text", [
    "my son's leg just started jerking and he's crying, what do i do?",
    "the twitching in my arm just started, it won't settle.",
    "i was sitting on the sofa and my right ankle began bouncing on its own, and it just started.",
    "her foot is going up and down by itself, it just started.",
    "my dad's hand just began shaking uncontrollably while he was eating.",
    "we were at the park and his knee just started jerking, he's never been like this.",
    "the jerking in my left thigh only just started, maybe five minutes back.",
    "my calf has just started jumping and i can't make it stop.",
    "i'm typing this because my wrist has just started twitching nonstop.",
    "grandma's leg just started kicking out on its own at the table.",
    "his left foot has just begun bouncing up and down and won't stop.",
])
def test_round18_rf24_just_started_is_an_onset(assess, text: str) -> None:
    result = assess(text)
    assert result.level == "emergency", result.as_dict()
    assert sign_keys(result) & ONSET, result.as_dict()


@pytest.mark.parametrize("text", [
    "first-ever jerking in my right leg, it's happening as i write.",
    "first time ever my ankle has jerked like this, it keeps going.",
    "never had this before: my arm is twitching and won't stop.",
    "my ankle jerked on its own for the first time and it's still going.",
    "her leg started shaking by itself for the first time, right now.",
    "my hand twitched uncontrollably for the first time tonight.",
    "his foot is bouncing up and down, he has never had this before.",
    "my knee started jumping for the first time while i was standing at the sink.",
    "this is my first ever episode of leg jerking and it hasn't stopped.",
    "i've never had anything like it, my calf keeps flicking on its own.",
])
def test_round18_rf24_first_ever_onset(assess, text: str) -> None:
    result = assess(text)
    assert result.level == "emergency", result.as_dict()
    assert sign_keys(result) & {"first_ever_jerking", "first_ever_jerking_today", "sudden_onset"}, result.as_dict()


@pytest.mark.parametrize("text", [
    # "just started" of something that is no sign
    "it just started raining and my clonus always gets worse in the cold, why?",
    "i just started a new job and i'm worried about telling them about my clonus.",
    "just started physio for my usual clonus, what exercises help?",
    "my daughter just started school, her ankle clonus is known to her paediatrician.",
    "i just started reading about clonus, what causes it?",
    "we just started using a night splint for his spasticity, any tips?",
    "he just started walking with a frame, his clonus is the same as ever.",
    "i've just started a blog about living with ms and leg spasms.",
    "my son just started jumping on the trampoline at school, his clonus is the same.",
    "the baby just started kicking, i'm 20 weeks, is it normal?",
    # "first" of something that is no onset
    "the first time i saw the neurologist she tested my reflexes and my ankle jerked.",
    "first time posting here, my son has had clonus since birth. any advice?",
    "first time ever posting, i've had ankle clonus for ten years.",
    "the first time my clonus was diagnosed was in 2015.",
    "it was the first time my physio saw my clonus, she said it was mild.",
    "first-time mum here, is it normal for a newborn's chin to tremble?",
    "for the first time in years my spasms have settled with the new stretches.",
    "i went swimming for the first time since my injury and my legs jerked like they always do.",
])
def test_round18_rf24_twins_do_not_escalate(assess, text: str) -> None:
    result = assess(text)
    assert result.level == "information", result.as_dict()
