"""Session 20 (issue 14, rf32b): kinds of the urgent stories the rules alone missed or over-read on the spent sets
narratives_17 and 18, "new or worsening clonus over days or weeks; a serotonergic medicine with jerking alone", read
by the rules alone (knowledge/red_flags.yml: DAYS_AGO "since the 3rd", DAYS_SPAN "the last two or three weeks", LATELY
"for about two weeks", WEEKS_AGO "over the past month", NEW_JERK_DAYS, JERK "shake in a rhythm" and "rhythmic beats",
WORSENING "each day it happens more"; knowledge/context_rules.yml: gradual.not_with for recent weeks, long_standing.not_for;
bot/nlp/counts.py: "3x"; bot/nlp/courses.py: an intermittent habit dated earlier in its sentence or the one before).

1. A serotonergic medicine since a date with jerking "on and off" and nothing else: urgent (the jerking is current).
2. A rising count in shorthand ("4x a day last week, now 12x"): urgent.
3. A new bouncing over the last weeks, "slowly" getting more frequent: a slow course over recent weeks is a worsening.
4. Rhythmic beats over the past month, "It's new": urgent (first_ever_jerking_weeks).
5. Jerking when standing "for about two weeks", "never did that before": urgent.
6. Clonus stable for years "but this month ... steadily worse each week": urgent.
7. "new twitchy movements ... since the weekend when I lean on ...": urgent.
8. "each day it happens more": a worsening.
9. "shake in a rhythm": jerking.
10. New jerking that began "the last two or three weeks", "never had it before", nothing acute: urgent, not an emergency.
Twins: the same frames with an acute sign now (sweating and shivering on the medicine, sudden weakness, words that will
not come, a seizure, fever with confusion, a first jerking an hour ago) stay emergencies; no change (the same for years,
a steady count, caffeine, a slow change over years) is not escalated. Sentences written for these tests (not from any
tests/red_flags/*.yml nor from the web); FindADoctor guide (2026) and wiseGEEK (2019) red-flag lists."""

from __future__ import annotations

import pytest

from tests.unit.conftest import assert_level, assert_not_escalated


@pytest.mark.parametrize(("text", "sign"), [
    # kind 1
    ("I've been taking tramadol since the 8th and my fingers have been twitching on and off. Nothing else at all, no fever.",
     'serotonergic_recent_jerking'),
    # kind 1
    ("Started sertraline from the 20th. My thighs jump now and then during the day, I'm fine otherwise.",
     'serotonergic_recent_jerking'),
    # kind 2
    ("The jerks in my calf were 4x a day last week and now it's 12x a day. Nothing else has changed.",
     'worsening'),
    # kind 2
    ('My ankle bounces a lot more: 1x a day at the start of the week, today 6x.',
     'worsening'),
    # kind 3
    ("I had my gallbladder out in the summer. Over the last 3 weeks my foot has started a bouncing and it's slowly happening more often.",
     'worsening'),
    # kind 6
    ("My ankle clonus has been there for years after my accident, but this month it's been steadily worse each week.",
     'worsening'),
    # kind 7
    ("I've had new twitchy movements in my hands since the weekend when I lean on the table.",
     'first_ever_jerking_days'),
    # kind 8
    ('Two days ago my knee began jerking rhythmically when I bent it, and each day it happens more.',
     'worsening'),
    # kind 9
    ('His legs shake in a rhythm when he stands on tiptoe, new this fortnight and a bit worse each day.',
     'worsening'),
    # kind 4
    ("For the past month my ankle has done rhythmic beats when I rest my foot on the step. It's new.",
     'first_ever_jerking_weeks'),
    # kind 5
    ("For about two weeks my wife's knee jerks over and over when she stands up. She never did that before.",
     'first_ever_jerking_days'),
    # kind 10
    ('My toes started doing a flicking thing the last two or three weeks. Never had it before, walking fine.',
     'first_ever_jerking_days'),
])
def test_new_or_worsening_course_is_urgent(assess, text, sign):
    assert_level(assess, text, "urgent", sign)


@pytest.mark.parametrize(("text", "sign"), [
    ("I've been on tramadol since the 8th and my fingers have been twitching on and off, and now I'm drenched in sweat and shivering.",
     'serotonin_syndrome'),
    ("The jerks in my calf were 4x a day last week and now it's 12x a day, and this morning my arm suddenly went weak.",
     'weakness'),
    ("Over the last 3 weeks my foot has started a bouncing and it's slowly happening more often, and now I can't get my words out.",
     'speech'),
    ("For about two weeks my wife's knee jerks over and over when she stands up, and just now she had a seizure.",
     'fever_neuro'),
    ("My toes started doing a flicking thing the last two or three weeks, and today I have a fever and I'm confused.",
     'fever_with_jerks'),
    ("My leg started jerking an hour ago, I've never had that before.",
     'first_ever_jerking'),
])
def test_emergency_twins_stay(assess, text, sign):
    assert_level(assess, text, "emergency", sign)


@pytest.mark.parametrize("text", [
    'My ankle clonus has been the same for years since my spinal injury. Is there anything new for it?',
    'My calf twitches about 4x a day, the same as it has for months. Should I worry?',
    "My eyelid twitches when I've had a lot of coffee, always has. Is that clonus?",
    "I've been on tramadol for years and my fingers twitch on and off, as they always have. Any advice?",
    'My clonus has gradually got a bit worse over the last few years. What can I ask my neurologist?',
    'My foot has done rhythmic beats on the pedal for years when I drive, nothing new.',
])
def test_unchanged_course_is_not_escalated(assess, text):
    assert_not_escalated(assess, text)
