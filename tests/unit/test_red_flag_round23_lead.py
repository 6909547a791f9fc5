"""Session 20 (issue 14, lead's review of round 23), read by the rules alone (knowledge/red_flags.yml).

1. A headache compared with every earlier one ("I've never had a headache like this", "a headache like I've never
   had", "unlike any other") is FindADoctor's (2026) severe headache: an emergency, even with "never" in it (a miss on
   main found by rf32b); "like it" or "like that" about someone else's or no headache is not counted.
2. rf32a's "worst ever" of the thunderclap told in a list counts only where it ends its phrase: "my worst ever clonus
   week" grades a week, not a headache, even with migraines named elsewhere; "worst ever, vomited" still counts.
3. rf32d's near fall ("nearly fell off the ladder") silenced a near fall to one side, the balance sign of a stroke
   (one emergency of the blind narratives_19 went from emergency to information: the lead read that one line): a fall
   "over" is no exclusion when a side follows; the past forms ("leaned and nearly fell over to the left") are loss of
   coordination, and one hand or arm "asleep" now is numbness.
Sentences written for these tests (not from any tests/red_flags/*.yml nor from the web)."""

from __future__ import annotations

import pytest

from tests.unit.conftest import assert_level, assert_not_escalated, sign_keys

#: the signs of FindADoctor's (2026) severe headache (the sudden one, told in a list, with other signs)
HEADACHE_SIGNS = {"severe_headache", "severe_headache_told", "thunderclap_told"}


@pytest.mark.parametrize("text", [
    "I've never had a headache like this, it came on suddenly ten minutes ago",
    "never had a headache like this before, came on out of nowhere while I was at the sink",
    "My husband says he has never had a headache like this one and he's gone very pale.",
    "this headache is unlike any other I've had, it started an hour ago",
    "I get tension headaches, but this is a headache like I've never had, all over, since lunch.",
    "- 41M\n- get migraines\n- this one: worst ever, vomited, came on in a second",
    "headache, worst ever, came on suddenly in the gym",
])
def test_headache_unlike_any_before_is_an_emergency(assess, text: str) -> None:
    result = assess(text)
    assert result.level == "emergency", (text, result.level, sign_keys(result))
    assert sign_keys(result) & HEADACHE_SIGNS, (text, sign_keys(result))


@pytest.mark.parametrize("text", [
    "my worst ever clonus week, I also get headaches now and then. Should I change my stretches?",
    "It was my worst ever week for spasms, and I get migraines too. Can one set off the other?",
    "Worst ever flare of my MS last spring, and I had migraines back then too. It's settled now.",
    "My sister had never had a headache like that until her aneurysm years ago, she's fine now. What causes them?",
    "I've never had a headache like it, thankfully. What does a thunderclap headache feel like?",
])
def test_worst_ever_of_something_else_is_not_a_headache(assess, text: str) -> None:
    assert_not_escalated(assess, text)


@pytest.mark.parametrize("text, sign", [
    ("Grandad got up from his chair and leaned and nearly fell over to the right, about ten minutes ago.", "coordination"),
    ("She tipped to the left twice when she tried to walk to the kitchen just now.", "coordination"),
    ("My wife says her right hand is 'asleep' and it started half an hour ago, no reason for it.", "numbness"),
])
def test_a_near_fall_to_one_side_or_a_hand_asleep_now_is_an_emergency(assess, text: str, sign: str) -> None:
    assert_level(assess, text, "emergency", sign)


@pytest.mark.parametrize("text", [
    "I nearly fell over the cat this morning, I'm fine, just made me jump.",
    "nearly fell over on the ice yesterday but caught the railing, no harm done",
    "My left arm fell asleep from lying on it, it was fine after I shook it.",
    "Nearly fell off the step stool reaching for the top shelf, caught myself, all fine.",
])
def test_a_near_fall_or_a_limb_asleep_from_posture_stays_quiet(assess, text: str) -> None:
    assert_not_escalated(assess, text)
