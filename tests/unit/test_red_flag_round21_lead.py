"""Session 18 (issue 14, lead): rising counts (bot/nlp/counts.py, ``rising_counts`` in
knowledge/context_rules.yml). Jerking counted upwards ("twice a day last week, now ten times a
day", "3 yesterday, 8 today", "gone from 2 a day to 12") is clonus getting more frequent
(FindADoctor 2026: worsening frequency): urgent, not an emergency. Twins: falling or equal counts,
a range, a clock time, a dose going up, ages, page numbers, a count of something that is not
jerking. Sentences written for these tests (not from any narratives*.yml nor from the web)."""

from __future__ import annotations

import pytest

from tests.unit.conftest import assert_level, assert_not_escalated, sign_keys


@pytest.mark.parametrize("text", [
    "The jerks were twice a day last week, now it's 10 times a day.",
    "My ankle clonus: 3 yesterday, 8 today, and it's only lunchtime.",
    "Her leg spasms have gone from 2 a day to 12 a day since the weekend.",
    "Counting his twitches for the nurse: Monday 3, Tuesday 6, today 11.",
    "Now he gets ten jerks an hour, last week it was maybe two an hour.",
    "Jerking in my foot 2, 5, 9 times a day over three days.",
    "i had clonus like 4 times yesterday n today already 9 times",
    "Day one 4 jerks, day two 7 jerks, day three 12 jerks.",
    "my wrist clonus went up from 5 times a day to about 20",
    "The twitching in her calf was once a day at first, this week it's six or seven times a day.",
    # talk check: "it was twice" alone was read as double vision (an emergency)
    "It was twice a day last week, now it's about 10 times a day, his ankle jerks.",
])
def test_a_rising_count_of_jerking_is_urgent(assess, text: str) -> None:
    assert_level(assess, text, "urgent", "worsening")
    assert "WORSENING" in assess(text).present_signs, assess(text).as_dict()


@pytest.mark.parametrize("text", [
    "The jerks were 10 times a day last week, now only twice a day after physio.",
    "My spasms are 3 a day, same as last week.",
    "It was ten times a day when I started, now it's down to three after baclofen.",
    "I took 2 tablets a day last week and now 3 a day, my clonus is the usual.",
    "The clonus lasts from 5 to 10 seconds each time, it's been like that for years.",
    "My son was 2 last year and now he's 3, his legs jerk when he sleeps like they always have.",
    "We were there from 2 to 4pm at the clinic; my clonus is the same as ever.",
    "My kids are 2, 5 and 9 and my clonus is the same as always.",
    "Pages 3, 5, 9 of the leaflet talk about spasms, is that normal?",
    "I walked 2 miles yesterday and 4 today, my clonus is no different.",
    "Headaches twice a week last month, now most days, no jerking at all.",
])
def test_falling_equal_or_other_numbers_do_not_escalate(assess, text: str) -> None:
    assert_not_escalated(assess, text)


@pytest.mark.parametrize("text", [
    # a rise with a sign of its own stays an emergency
    "The jerks were twice a day yesterday, 15 today, and now his face droops on one side.",
    # a falling count does not hide a present sign
    "The spasms are down from 10 a day to 3, but since an hour ago her speech is slurred.",
])
def test_counts_never_hide_an_emergency(assess, text: str) -> None:
    result = assess(text)
    assert result.level == "emergency", (text, result.level, sign_keys(result))


@pytest.mark.parametrize("text", [
    "My speech went slurred for a minute at lunch, then it was fine again.",
    "Her words came out all jumbled for about 2 minutes while we were talking, then she was fine.",
    "my left hand went weak for a few seconds and i dropped my phone, then it was ok.",
    "Mum's face drooped on one side for a couple of minutes, then it went back to normal.",
    "I lost the vision in one eye briefly, like a curtain, and then it came back.",
    "his arm went dead for about five minutes earlier, seems fine now",
])
def test_a_stroke_like_sign_that_passed_within_minutes_is_still_an_emergency(assess, text: str) -> None:
    """A passing episode (seconds or minutes, no past date) of a stroke-like sign is a warning
    (FindADoctor 2026: sudden stroke-like symptoms; ``historical.passing_warning_for``)."""
    result = assess(text)
    assert result.level == "emergency", (text, result.level, sign_keys(result))


@pytest.mark.parametrize("text", [
    "After the stroke his speech was slurred for months, but with therapy it's fine now.",
    "Last Tuesday my vision went blurry for a minute after the eye test, then fine.",
    "Years ago my face drooped for a week with Bell's palsy, then it went back to normal.",
    "My speech went slurred for a minute after the dentist numbed my mouth, then fine again.",
    "In 2019 my arm went weak for a few minutes, it was a migraine, and it has never happened since.",
])
def test_a_recovery_over_weeks_a_dated_episode_or_an_everyday_cause_stays_past(assess, text: str) -> None:
    assert_not_escalated(assess, text)


@pytest.mark.parametrize("text", [
    "everything looked twice since this morning",
    "it looks twice, two of the TV, since an hour ago",
    "suddenly it was double, like two of everything",
])
def test_things_seen_twice_or_double_stay_a_change_in_vision(assess, text: str) -> None:
    assert_level(assess, text, "emergency", "vision")
