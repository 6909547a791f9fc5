"""Session 11 (issue 14, rf14): the false-alarm kinds the lead described from the spent
independent sets (/work/notes/s11/rf14.md; kinds only, no sentence of the independent sets
nor the lead's own paraphrases), read by the rules alone (knowledge/red_flags.yml,
knowledge/context_rules.yml, bot/nlp/context.py, bot/nlp/recovery.py).

No alarm: a child's knock followed by "he's been himself since" in a later sentence (K1), a
dated episode recovered since or told with a season (K2), a symptom tied to a position or a
habit after sport (K5), blurry only without glasses (K5), a slow course "each year" followed by
a clinician (K7), someone from the writer's class or a hospital drama (K4), a baby babbling in
a list of what it does normally (K8). Each has its emergency twin told in the same frame, and
"the one I have today" after the usual headaches is a severe headache. The same kinds left open
in dev_stories_17 and dev_stories_19 (a temperature that went within a day with spasms no worse
than usual, a crooked smile explained, a child's first made-up words, years "from" a known
condition) are tested last. Sentences written for these tests."""

from __future__ import annotations

import pytest

from tests.unit.conftest import sign_keys


@pytest.mark.parametrize("text", [
    # K1: a knock, then a recovery told in a later sentence
    "my two-year-old knocked her head on the table this morning. she cried a bit and has been herself since, eating and playing. how long will the bump last?",
    "he fell off the sofa on saturday and bumped his head. he's been totally normal since and the nurse had a look.",
    "our son banged his head at school on tuesday. no sick, no sleepiness, running and chatting as usual since then.",
    # K2: a dated episode and a recovery since
    "my mum fainted at the bus stop last friday, the gp checked her, and she's been her usual self all week. can low blood pressure cause clonus?",
    "on monday my husband's words came out slurred with a high temperature; by wednesday he was speaking normally and he's been himself ever since.",
    "in the spring my father was very muddled with a chest infection and spent a week in hospital. is his ankle clonus linked?",
    # K5: position, habit after sport, glasses
    "my fingers go numb when i lean on my elbow at work, it goes as soon as i move.",
    "my daughter had a temperature yesterday but it's gone today. her knee twitches after netball, is that normal?",
    "things look blurry when i take my glasses off, could that be linked to my clonus?",
    # K7: a slow course, followed
    "my toes have slowly got more numb each year and the diabetes nurse checks them every few months.",
    # K4: someone else, a programme
    "a girl in my son's class had a seizure at school last week. the teacher said she is fine now. should he worry?",
    "we watched a medical drama where a man's face drooped and he couldn't talk. is that what a stroke looks like?",
    # K8: a baby babbling in a list of normal things
    "my eight-month-old has a slight temperature but he's feeding, laughing, babbling and kicking as usual, no stiffness.",
    # the usual headaches and today's usual one
    "i get headaches now and then, but the one i have today is the same dull ache as always.",
])
def test_round9_false_alarm_kinds_do_not_escalate(assess, text: str) -> None:
    result = assess(text)
    assert not result.escalate, result.as_dict()


@pytest.mark.parametrize("text, sign", [
    # K1 twins: a knock, then a new sign
    ("my two-year-old knocked her head on the table this morning. she was herself at first but for the last half hour her arm has been jerking", "trauma"),
    ("he fell off the sofa on saturday and bumped his head. he's been totally normal since, until tonight, when he started fitting and won't wake up", "fever_neuro"),
    ("our son banged his head at school on tuesday and he hasn't been himself since, he is confused and keeps being sick", "fever_neuro"),
    # K2 twins: a passing stroke sign today stays a warning; a new sign today
    ("an hour ago my husband's words came out slurred. he's been himself since, is that ok?", "speech"),
    ("dad's speech went slurred at lunch. he's been fine since, is that ok?", "speech"),
    ("in the spring my father was very muddled with a chest infection and got better, but today he is muddled again with a high fever", "fever_neuro"),
    # K5 twins: the same symptom, new today
    ("i slept on my arm and this morning my hand went numb and it still hasn't come back after three hours", "numbness"),
    ("my daughter has had a temperature since yesterday and this afternoon her leg started jerking and won't stop", "fever_with_jerks"),
    ("everything went blurry in my right eye an hour ago, even with my glasses on", "vision"),
    # K7 twin: a sudden change in a slow course
    ("my toes have slowly got more numb each year, but since this morning my whole left leg is numb", "numbness"),
    # K4 twins: someone with the sign now, a real event while watching
    ("a girl in my son's class is having a seizure right now and isn't responding", "fever_neuro"),
    ("we were watching a medical drama when my husband's face suddenly drooped and he couldn't talk", "stroke_signs"),
    # K8 twin: a baby with a temperature and a sign now
    ("my eight-month-old has a temperature and now he's jerking and won't wake up properly", "fever_with_jerks"),
    # the usual headaches, and today's sudden, worst one
    ("i get headaches now and then, but the one i have today came on all of a sudden and it's the worst ever", "severe_headache"),
])
def test_round9_twins_stay_emergencies(assess, text: str, sign: str) -> None:
    result = assess(text)
    assert result.level == "emergency", result.as_dict()
    assert sign in sign_keys(result), result.as_dict()


def test_a_recovery_since_does_not_clear_a_knock_when_another_sign_is_present(assess) -> None:
    """The recovery statement clears the knock only in a message where nothing else is present."""
    result = assess("she bumped her head yesterday and has been herself since. her speech is slurred now")
    assert result.level == "emergency", result.as_dict()
    assert "trauma" in sign_keys(result) and "speech" in sign_keys(result), result.as_dict()


def test_not_himself_since_is_no_recovery(assess) -> None:
    result = assess("grandad had a fall on sunday and he has not been himself since")
    assert result.level == "emergency", result.as_dict()


@pytest.mark.parametrize("text", [
    # K2: a temperature that went within a day, spasms no worse than usual
    "the fever went within a day and his leg spasms are no worse than usual for his cp",
    # K5: a crooked smile explained
    "my smile looked lopsided in the video because i was yawning. is my jaw clonus worse when tired?",
    # K8: a toddler's first made-up words
    "our toddler is saying her first made-up words and loves clapping",
    # K7: years from a known condition
    "i've had tingling in my hands 5 years from my ms and i'm asking about clonus",
])
def test_round9_dev_set_kinds_do_not_escalate(assess, text: str) -> None:
    result = assess(text)
    assert not result.escalate, result.as_dict()


@pytest.mark.parametrize("text, sign", [
    ("the fever went within a day but tonight it is back and he is jerking", "fever_with_jerks"),
    ("my smile went lopsided an hour ago and it's still like that", "stroke_signs"),
    ("my husband is suddenly saying made-up words", "speech"),
    ("tingling in my hands 5 years from my ms, but since this morning my right arm is numb", "numbness"),
])
def test_round9_dev_set_kinds_twins_stay_emergencies(assess, text: str, sign: str) -> None:
    result = assess(text)
    assert result.level == "emergency", result.as_dict()
    assert sign in sign_keys(result), result.as_dict()
