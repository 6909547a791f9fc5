"""Session 19 (issue 14, rf31c): kinds of the false alarms the rules alone still raised on the spent sets
narratives_15 and 16, "everyday causes, resolved knocks, word senses", read by the rules alone
(knowledge/context_rules.yml: explained.everyday_for and its new causes, explained.bound_for and bound_not,
well_since, exclusions; knowledge/red_flags.yml: protected_words, VOMITING; bot/nlp/everyday.py).

1. Sight with an everyday cause, habitual or over: eyes rubbed too hard, hay fever, new glasses or varifocals,
   hours at a screen, spinning round, a few pints, standing up too fast.
2. Other signs with an everyday cause: a voice lost shouting that is coming back, legs like jelly after a long hike,
   an arm weak after a jab that is gone.
3. A minor knock told as over (a headache for a day, gone now; the bump gone down); vomiting, sleepiness, confusion or
   jerking after it keep it an emergency (VOMITING, a context concept, blocks the recovery; the sign trauma_then_sick
   counts vomiting or drowsiness after a knock told as over).
4. Word senses: "skipped" is no "slipped", a vehicle in the blind spot, a near accident, "hay-fever".
Twins: the same frames with the sign there now, sudden, on one side, with a denied cause ("no drink"), or with a
sign after the knock. Sentences written for these tests (not from any tests/red_flags/*.yml nor from the web);
FindADoctor guide (2026) red-flag list."""

from __future__ import annotations

import pytest

from tests.unit.conftest import assert_level, assert_not_escalated


@pytest.mark.parametrize("text", [
    # kind 1. sight with an everyday cause
    "I rubbed my eyes too hard this morning and everything went blurry for a bit, it's fine now.",
    "My eyes get blurry and itchy with hay fever every summer. Is that anything to do with my clonus?",
    "Hay fever makes my eyes watery and blurry first thing in the morning all through June.",
    "My new glasses are a bit blurry at the edges. Will I get used to them?",
    "These varifocals make things blurry at the sides, is that normal at first?",
    "My eyes went funny after hours at the laptop, fine again after a break.",
    "We were spinning round in circles with the grandkids and I was seeing double for a moment, then it was gone.",
    "I was seeing double after a few pints on Friday night, I'm fine now.",
    "Everything went blurry when I stood up too fast, it passed in a few seconds.",
    # kind 2. other signs with an everyday cause
    "I lost my voice screaming at the concert and it's coming back now.",
    "My voice went after shouting at the rugby, it is slowly coming back.",
    "My legs felt like jelly after a long hike up the hill.",
    "Walking like a drunk after a 10 mile hike yesterday, legs like jelly, is that just tiredness?",
    "My arm was weak for a day after my flu jab, it's gone now.",
    # kind 3. a minor knock told as over
    "He was hit on the head by a football two weeks ago, had a headache for a day, gone now.",
    "I banged my head on the car boot on Tuesday, the lump has gone down since. What is ankle clonus?",
    "My daughter bumped her head at nursery yesterday, cried, then was playing happily all evening. Should I worry?",
    # kind 4. word senses
    "I skipped breakfast and my ankles are twitchier today, does that happen?",
    "I skipped my lunch break, could that make the spasms worse?",
    "He sipped some water and the cramp eased.",
    "A cyclist was in my blind spot and I nearly caused an accident. I'm fine, just shaken.",
    "A lorry pulled into my blind spot on the motorway. Can stress make clonus worse?",
    "Hay-fever is awful this year, does that affect clonus?",
])
def test_everyday_cause_or_word_sense_is_no_alarm(assess, text):
    assert_not_escalated(assess, text)


@pytest.mark.parametrize("text, sign", [
    # kind 1 twins: now, sudden, one eye, denied cause
    ("My sight went blurry in one eye an hour ago and it hasn't cleared.", "vision"),
    ("I've been seeing double since this morning and I haven't been drinking.", "vision"),
    ("I have hay fever but my vision went blurry suddenly an hour ago.", "vision"),
    ("I got new glasses last week and since this morning everything in my left eye is blurry.", "vision"),
    ("Everything went blurry when I stood up too quickly and it hasn't cleared.", "vision"),
    ("I rubbed my eyes and now my vision is blurry in my right eye and won't clear.", "vision"),
    # kind 2 twins
    ("I lost my voice suddenly an hour ago and my face droops.", "stroke_signs"),
    ("I've been walking like a drunk since lunch and I haven't been drinking.", "coordination"),
    ("I was walking like a drunk for a few minutes at lunch, then fine again.", "coordination"),
    ("My left leg went weak after a long walk and it's still weak.", "weakness"),
    # kind 3 twins: a sign after the knock keeps it an emergency
    ("He bumped his head yesterday and today he's very sleepy and has been sick.", "trauma"),
    ("He knocked his head this morning and now his arm is jerking.", "trauma"),
    ("He banged his head yesterday. The bump has gone down now but he has been sick three times.", "trauma"),
    ("She was hit on the head by a ball two weeks ago, had a headache for a day, gone now, but today she threw up twice.",
     "trauma"),
    ("My son hit his head on Tuesday, the headache went away by the evening, but today he keeps throwing up.", "trauma"),
    # (the knock told as over: the sign trauma_then_sick, knowledge/red_flags.yml)
    ("My son fell off the climbing frame at lunch, he's fine now but he has been sick twice and he's drowsy.",
     "trauma_then_sick"),
    ("She fell down the last two steps this afternoon, she was fine after, but now she's been sick.", "trauma_then_sick"),
    # kind 4 twins
    ("I slipped on the stairs and hit my head.", "trauma"),
    ("I skipped breakfast, fainted and banged my head on the counter.", "trauma"),
    ("I've been blind in my right eye since this morning.", "vision"),
    ("I have a new blind spot in my vision since this morning.", "vision"),
    ("My son has hay fever and a temperature of 39 and is confused.", "fever_neuro"),
])
def test_emergency_twins_stay(assess, text, sign):
    assert_level(assess, text, "emergency", sign)
