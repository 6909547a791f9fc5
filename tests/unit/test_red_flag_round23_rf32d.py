"""Session 20 (issue 14, rf32d): kinds of the false alarms the rules alone still raised on the spent sets
narratives_17 and 18, "everyday causes that are over, normal development, habits, figures of speech", read by the
rules alone (knowledge/context_rules.yml: explained.everyday_for with drink for speech, someone else's glasses for
sight and a limb gone dead for weakness, explained.over, explained.bound_for with development_causes and bound_still,
exclusions; knowledge/red_flags.yml: the blur pattern; bot/nlp/everyday.py).

1. Drink that is over: slurring after drinks, told as normal since or talking normally the next morning.
2. Numbness or a leg that would not stand from posture, come back fully.
3. The dentist's numbing asked about as a thing.
4. Sight through someone else's glasses, clear again; a general question about blurred vision.
5. Figures of speech: a mind gone blank from nerves, a task "giving me a headache", something that "wrecks" me.
6. A near miss: nearly fell, nothing hit.
7. Normal development: a child who has only just started walking, still wobbly.
Not done: a minor knock today with every sign denied (kind 8 of the brief).
Twins: the same frames with the sign there now, sudden, on one side, with a denied cause ("haven't had anything to
drink"), or with a sign after the knock. Sentences written for these tests (not from any tests/red_flags/*.yml nor
from the web); FindADoctor guide (2026) red-flag list."""

from __future__ import annotations

import pytest

from tests.unit.conftest import assert_level, assert_not_escalated


@pytest.mark.parametrize("text", [
    # kind 1. drink that is over
    "We had a few beers at the works do on Friday and I was slurring by the end of the night. I've been completely "
    "fine since, does alcohol affect spasticity?",
    "After a lot of wine at the wedding my wife was a bit slurry last night, this morning she's talking normally, "
    "just tired.",
    # kind 2. posture
    "My leg went dead because I was sitting on it watching a film, it came back fully after a few minutes.",
    "Knelt on the floor grouting tiles for an hour and my feet had pins and needles, couldn't stand for a second, "
    "then it was fine after walking about.",
    # kind 3. the dentist's numbing
    "When does the numbing usually wear off after a filling? My clonus makes the dentist chair awkward.",
    # kind 4. sight with an obvious cause
    "I put on my sister's specs by mistake and everything went blurry, took them off and it's clear again.",
    "Can blurry vision be linked to clonus?",
    # kind 5. figures of speech
    "I had to give a presentation and my mind went blank for a moment from nerves, but I'm talking fine now.",
    "The school run is giving me a pounding headache, anyway how do I stretch my calves?",
    "Toddlers wreck me, I'm exhausted. My ankle clonus has been about the same for years.",
    # kind 6. a near miss
    "I almost fell down the stairs carrying laundry but caught the banister, nothing hit, just a bit shaken.",
    # kind 7. normal development
    "My daughter is 12 months and has just started walking, she's still quite wobbly on her feet, is that normal?",
])
def test_everyday_cause_stage_or_figure_is_no_alarm(assess, text):
    assert_not_escalated(assess, text)


@pytest.mark.parametrize("text,sign", [
    ("I haven't had anything to drink but my words are coming out slurred since this afternoon.", "speech"),
    ("I had one beer at lunch but now my speech is slurred and my left arm feels weak.", "speech"),
    ("I fell asleep on the sofa with my arm under me and it's been numb for three hours now and my face feels droopy "
     "on the same side.", "numbness"),
    ("The dentist numbing wore off hours ago but now the right side of my face has dropped.", "stroke_signs"),
    ("I'm wearing my own glasses and suddenly I can't see out of my left eye.", "vision"),
    ("My mind went blank and I can't get my words out, it started twenty minutes ago.", "speech"),
    ("Mum fell off the step ladder and hit her head, she's been sick and is very drowsy.", "trauma_then_sick"),
    ("I nearly fell off the ladder and then banged my head on the wall, now I've got a terrible headache and I'm "
     "being sick.", "trauma"),
    ("He just started walking last month but since this morning he's suddenly wobbly and keeps falling to his left "
     "side.", "coordination"),
    ("My 18 month old was walking fine yesterday and today she can't stand at all.", "weakness"),
    ("He got a cricket ball to the head this afternoon and now he's vomiting and very sleepy.", "trauma_then_sick"),
])
def test_emergency_twins_stay(assess, text, sign):
    assert_level(assess, text, "emergency", sign)
