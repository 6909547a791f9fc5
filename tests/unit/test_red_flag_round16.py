"""Session 13 (issue 14, rf21): a wide vocabulary pass over the serotonergic picture and sudden clonus
itself, read by the rules alone (knowledge/red_flags.yml, knowledge/context_rules.yml).

- wiseGEEK (2019): starting, raising or combining a serotonergic drug, told with brand names and lay
  words for the change ("went from 50 to 100", "2nd week on", "restarted", "bumped up", "came off X and
  onto Y"); with jerking only it is urgent, with sweating, shivering, fever or agitation (Dr.Oracle
  2025) an emergency (team grading, issue 14 item 5);
- FindADoctor (2026): clonus that begins suddenly, told with lay verbs of rhythmic jerking; first ever
  today is an emergency, first ever dated days ago and "worse every day" are urgent;
- twins: a change of an unrelated medicine does not re-date an antidepressant taken for years; a
  combination taken for years is no recent combination; usual and figurative jerking.
Sentences written for these tests (not from any independent set nor from dev_stories_28)."""

from __future__ import annotations

import pytest

from tests.unit.conftest import sign_keys


@pytest.mark.parametrize("text", [
    "the gp bumped my cipralex up on monday and i'm wringing wet and my arms keep twitching.",
    "went from 100 to 150 of sertraline, now i'm soaked through and my legs are jumping.",
    "2nd week on zoloft and i'm boiling, my calves are twitching.",
    "restarted my venlafaxine yesterday, he's shivering and his legs jerk.",
    "she took codeine with her prozac and she's sweating and muddled.",
])
def test_round16_serotonergic_change_with_features_is_an_emergency(assess, text: str) -> None:
    result = assess(text)
    assert result.level == "emergency", result.as_dict()


@pytest.mark.parametrize("text", [
    "2nd week on fluoxetine and my legs jerk.",
    "restarted my citalopram last week, now my ankles are twitching.",
    "my doctor put me on cipralex last week, my foot jerks.",
    "came off sertraline and onto venlafaxine on friday, now my legs twitch.",
    "my duloxetine got bumped up on saturday and my calves keep jerking.",
    "went from 50 to 100 of zoloft on monday, since then my ankle jerks.",
    "added st john's wort to my sertraline last week and my arms keep twitching.",
    "my sertraline went up on monday and my legs twitch.",
])
def test_round16_serotonergic_change_with_jerking_only_is_urgent(assess, text: str) -> None:
    result = assess(text)
    assert result.level == "urgent", result.as_dict()
    assert "serotonergic_with_jerks" in sign_keys(result), result.as_dict()


@pytest.mark.parametrize("text", [
    "they switched my blood pressure pills last week; i've been on citalopram for 8 years and my ankle clonus is as always.",
    "my inhaler was changed on monday. i've taken sertraline for years and my usual clonus is the same.",
    "my statin was increased on tuesday. i've been on fluoxetine for twelve years and my legs twitch like they always have.",
    "i've been on lithium and sertraline for over ten years and my legs jerk like they always have.",
])
def test_round16_unrelated_change_or_old_combination_is_not_a_change(assess, text: str) -> None:
    result = assess(text)
    assert not result.escalate, result.as_dict()


@pytest.mark.parametrize("text", [
    "my ankle has been juddering for 20 minutes now and it won't settle.",
    "within the last few hours my knee has started bouncing by itself.",
    "his hand began trembling rhythmically this evening, he's never had tremors.",
    "the jerking in her foot came on this morning, totally new.",
])
def test_round16_sudden_clonus_in_lay_words_is_an_emergency(assess, text: str) -> None:
    result = assess(text)
    assert result.level == "emergency", result.as_dict()


@pytest.mark.parametrize("text", [
    "three days ago my calf began juddering for the first time.",
    "my foot started ticking up and down a few days ago, new for me.",
    "my leg bouncing is getting worse day by day.",
])
def test_round16_new_jerking_days_ago_or_worse_every_day_is_urgent(assess, text: str) -> None:
    result = assess(text)
    assert result.level == "urgent", result.as_dict()


@pytest.mark.parametrize("text", [
    "my foot bounces when i sit, it always has.",
    "i'm bouncing my leg because i'm nervous about my exam.",
    "the clock is ticking and i need to book the neurologist.",
    "his leg has shuddered on the pedal like this since his spinal injury in 2015.",
    "is it safe to take st john's wort with sertraline? i haven't started it.",
    "on sertraline for years, i'm boiling the kettle and my legs twitch like they always do.",
    "i've been on prozac for years and i sweat at the gym, is that normal?",
])
def test_round16_twins_do_not_escalate(assess, text: str) -> None:
    result = assess(text)
    assert not result.escalate, result.as_dict()
