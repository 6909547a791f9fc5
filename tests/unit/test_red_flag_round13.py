"""Session 12 (issue 14, rf18): how ConText scopes a trigger (the mechanisms behind the missed kinds
of /work/notes/s12/rf18.md), read by the rules alone (knowledge/red_flags.yml,
knowledge/context_rules.yml, bot/nlp/denial_lists.py, bot/nlp/frames.py, bot/nlp/stories.py).

- a pseudo-cleft with a negated verdict ("what isn't right is X") asserts X; "what I haven't had is X"
  still denies it;
- a negation right before a usual frame ("not my usual jerks - ...") denies the frame, not the sign;
- "wasn't there" / "not there" said of part of what one sees is the vision sign, not its denial;
- "what if X is from the new Y?" asks what causes a sign that is there; "what if I ever ..." stays
  conditional;
- not answering the people with him is unresponsiveness; not answering a phone, texts or the GP is not;
- "no other signs" at the end of a story is no search-style question;
- a dose raised days ago re-dates a medicine taken for months; "from 2 weeks"; "a new twitch ...
  started" dated days ago; "N days since" (urgent, not emergency).
Sentences written for these tests (not from any independent set nor from dev_stories_25)."""

from __future__ import annotations

import pytest

from tests.unit.conftest import sign_keys


@pytest.mark.parametrize("text", [
    # a pseudo-cleft with a negated verdict
    "his clonus is the same as ever. what isn't normal is his speech, it's been slurred since noon.",
    "the bit that's not right is my right arm, it went weak twenty minutes ago.",
    # a denied usual frame
    "not her usual twitching - her arm started jerking out of nowhere an hour ago and it won't stop.",
    "this is nothing like his normal spasms, his leg began jerking suddenly ten minutes ago.",
    # absence of part of the visual field
    "watching tv, the left half of the screen just wasn't there, since about twenty minutes.",
    "i looked at the clock and the numbers are all gone on the right side.",
    # not answering the people with him, with jerking or on the floor
    "my husband is on the kitchen floor and doesn't respond when i talk to him.",
    "she won't answer us and her legs are jerking.",
    "no reaction when we shake him, his arm keeps twitching.",
])
def test_round13_mechanism_kinds_escalate(assess, text: str) -> None:
    result = assess(text)
    assert result.level == "emergency", result.as_dict()


def test_a_what_if_about_the_cause_of_a_present_sign_is_present(assess) -> None:
    result = assess("what if the jerking is from the new tramadol? i'm sweating loads and burning up now.")
    assert result.level == "emergency", result.as_dict()
    assert "serotonin_syndrome" in sign_keys(result), result.as_dict()


@pytest.mark.parametrize("text", [
    # a negation that does deny
    "what i don't have is any numbness or weakness, just my usual clonus for years.",
    # a usual frame that is not denied
    "my usual ankle jerks tonight, same as every evening, nothing new.",
    "not my usual kind of week, busy at work, and my calves twitch as they always do.",
    # a "what if" about the future or a medicine not taken
    "what if i ever got twitching from sertraline? i'm not on it, just wondering.",
    "what if his clonus gets worse next year? the neurologist brought it up.",
    "what if my ankle jerks are caused by the venlafaxine? been on it six years, same dose, no other symptoms.",
    # not answering a phone, texts or the gp
    "my brother won't answer his phone, he's probably at work. his clonus has been the same for years.",
    "my son doesn't answer my texts. can clonus run in families?",
    "the gp didn't answer so i'm asking here: is ankle clonus normal with ms? i've had it for years.",
    # dated years ago
    "on sertraline for years, the dose went up in 2018, my legs twitch at night like always.",
    # a real question about signs
    "no other problems, just tired. is clonus dangerous? what are the signs?",
])
def test_round13_twins_do_not_escalate(assess, text: str) -> None:
    result = assess(text)
    assert not result.escalate, result.as_dict()


@pytest.mark.parametrize("text, sign", [
    ("on fluoxetine since the summer, the dose was raised on thursday, and now my legs jerk at night.", "serotonergic_with_jerks"),
    ("i am taking citalopram from 2 weeks and my ankles twitch now.", "serotonergic_with_jerks"),
    ("three days ago a new jerking in my thigh started, never had that before.", "first_ever_jerking_days"),
    ("it's been five days since my ankle started jerking, never before, nothing else.", "first_ever_jerking_days"),
    ("since 5 days my finger twitches when i type, never had it before, no other signs.", "first_ever_jerking_days"),
])
def test_round13_dated_days_ago_is_urgent(assess, text: str, sign: str) -> None:
    result = assess(text)
    assert result.level == "urgent", result.as_dict()
    assert sign in sign_keys(result), result.as_dict()


@pytest.mark.parametrize("text, escalates", [
    # vocabulary (not a mechanism): eyes no longer pointing the same way, a face that has drooped
    ("her eyes are not looking the same way since this morning.", True),
    ("his eyes are pointing in different directions since the fall an hour ago.", True),
    ("my eyes have never pointed the same way, i had a squint as a child.", False),
    ("the part that isn't right is her face, it has drooped on one side since lunch.", True),
    ("the shelf has drooped on one side, can clonus come from lifting?", False),
    ("her face has always drooped on one side since her bell's palsy in 2010.", False),
])
def test_round13_vision_and_face_vocabulary(assess, text: str, escalates: bool) -> None:
    result = assess(text)
    assert (result.level == "emergency") is escalates, result.as_dict()
