"""Session 17 (issue 14, lead): a fever told by the thermometer's bare number after the person ("tonight I'm
39.5", "she's at 40.1", "it hit 101.8": FindADoctor 2026 fever with neurological changes, Dr.Oracle 2025), a
decimal from 38.0 to 42.9 (Celsius, "38,5" too) or 100.4 to 106.9 (Fahrenheit) only (knowledge/red_flags.yml,
FEVER); and a stiff neck told with an intensifier ("my neck is so stiff") or as not being able to look down
(STIFF_NECK). Twins: the same numbers with another unit (a week of pregnancy, a weight; a context_rules.yml exclusion),
an age, a normal reading, a fever that has gone, not looking down from a height, a neck stiff from sleeping on it. And a headache told as a blow ("like a bat to
the skull", "like being kicked in the head": SEVERE_PAIN with HEAD_SITE); twins: a brick wall (a shock), an old knock, "strong like a rock". And not coming round between fits (a kind
rf29b found): UNRESPONSIVE; twins: fits as a toddler with waking between them, a baby waking between feeds. Sentences written for these tests (not from any narratives*.yml
nor from the web)."""

from __future__ import annotations

import pytest

from tests.unit.conftest import assert_level, assert_not_escalated, sign_keys


@pytest.mark.parametrize("text, sign", [
    ("Never get fevers, but tonight I'm 39.5 and my neck is so stiff I can't look down", "fever_stiff_neck"),
    ("my daughter is 38,9 and her legs keep jerking", "fever_with_jerks"),
    ("he's at 40.1 now and keeps jerking", "fever_with_jerks"),
    ("it hit 101.8 an hour ago and now he doesn't know where he is", None),
    ("Mum's temp went up to 39.2 this evening and her arm is twitching on its own", "fever_with_jerks"),
    ("started sertraline last month, I'm 38.7 and shivering with jerky legs", None),
])
def test_a_fever_told_by_its_reading_counts(assess, text: str, sign) -> None:
    result = assess(text)
    assert result.level == "emergency", (text, result.level, sign_keys(result))
    assert "FEVER" in result.present_signs, result.as_dict()
    if sign:
        assert_level(assess, text, "emergency", sign)


@pytest.mark.parametrize("text", [
    "I'm 39.5 weeks pregnant and the baby's kicks feel jerky at night",
    "she's 40.2 kg now and her legs jerk a bit when she falls asleep",
    "I'm 39 and my ankle clonus has been the same for years",  # an age: no decimal
    "his temperature is 36.8, completely normal, no jerking",
    "I was 38.5 last week with the flu, it's gone now and no stiff neck at all",
    "I've got a temperature with this cold and I can't look down from the balcony, heights scare me",
    "my neck is so stiff from sleeping on it funny, no fever, no headache",
])
def test_the_same_numbers_that_are_no_fever_now_do_not_escalate(assess, text: str) -> None:
    assert_not_escalated(assess, text)


@pytest.mark.parametrize("text", [
    "my head suddenly hurt like a bat to the skull and now I feel sick",
    "out of nowhere it was like being kicked in the head by a horse, worst ever",
    "felt like I'd been hit with a hammer on the back of my head twenty minutes ago",
    "like a cricket ball to the head, the pain came in seconds while I was lifting",
])
def test_a_blow_simile_for_a_headache_is_a_severe_headache(assess, text: str) -> None:
    assert_level(assess, text, "emergency", "severe_headache_told")


@pytest.mark.parametrize("text", [
    "the diagnosis felt like a brick wall, I still can't believe it, my ankle clonus is mild though",
    "my son got hit in the head by a cricket ball three years ago and he's fine, is clonus linked to that?",
    "he's strong like a rock, his legs are a bit stiff in the mornings",
])
def test_blow_words_that_are_no_headache_do_not_escalate(assess, text: str) -> None:
    assert_not_escalated(assess, text)


@pytest.mark.parametrize("text", [
    "I'm scared she's going to have another fit, she's had two this morning and hasn't woken up properly between them",
    "three seizures since lunch and he isn't coming round between them",
    "she keeps fitting and hasn't woken up fully in between the attacks",
])
def test_not_coming_round_between_fits_is_an_emergency(assess, text: str) -> None:
    result = assess(text)
    assert result.level == "emergency", result.as_dict()


@pytest.mark.parametrize("text", [
    "he had two fits as a toddler years ago and always woke up fine between them, is clonus related to that?",
    "my baby wakes up between feeds and her legs twitch a little when she stretches",
])
def test_waking_between_things_that_is_no_emergency(assess, text: str) -> None:
    assert_not_escalated(assess, text)
