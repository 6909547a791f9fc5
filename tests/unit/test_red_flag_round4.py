"""Session 9 (issue 14, rf8): the missed-emergency kinds K14-K19 of the session-9 judge
report (/work/notes/s9/judge_report_n5.md; kinds only, no sentence of the independent sets
nor the judge's own examples), read by the rules alone (knowledge/red_flags.yml,
knowledge/context_rules.yml, bot/nlp/context.py).

Emergencies: jerking whose start is dated within the last hours (lead's policy, sign
recent_onset_jerking), invented words and words that won't come, a limb that slides off a
support by itself, missing one's own nose, a face that melts, seeing two of everything, a hit
taken in a match, a second-person question followed by someone who has it now, a factual
"if" about what to do now, text-speak. Their twins stay below emergency: the usual episode of
a long-standing, followed or habitual clonus dated within the hours, a start dated days ago,
a question about "your" body with nobody affected, a real "what if", a toddler's made-up
words. Sentences written for these tests."""

from __future__ import annotations

import pytest

from tests.unit.conftest import sign_keys


@pytest.mark.parametrize("text", [
    # K14: jerking begun within the hours
    "my calf started twitching about twenty minutes ago",
    "an hour ago my husband's ankle began jerking at the table",
    "her knee has been bouncing since this morning",
    "my foot began jerking a few minutes back and won't settle",
    "my thigh has been jumping for the last hour",
    # K15: lay words
    "my mum is coming out with invented words and her hand twitches",
    "his words just won't come and his foot is jerking",
    "her hand slipped off the table by itself and her leg twitches",
    "he keeps missing his own nose when he tries to touch it",
    "half of her face looks like it is melting",
    "i'm seeing two of everything and my ankle jerks",
    "my daughter took a nasty knock at hockey today and her arm is jerking",
    # K16: a second-person question, then someone who has it now
    "is it normal for your arm to jerk out of nowhere? my dad's is doing it right now",
    "what does it mean when your words come out slurred? that happened to my wife ten minutes ago",
    # K17: a factual "if"
    "is it safe to go to bed if my leg has suddenly gone weak?",
    # K19: text-speak
    "my arm startd jerkin 15 mins ago, nevr had dis b4",
])
def test_round4_emergencies_escalate(assess, text: str) -> None:
    result = assess(text)
    assert result.level == "emergency", result.as_dict()


@pytest.mark.parametrize("text", [
    # K14 twins: long-standing, followed or habitual clonus whose episode is dated within the hours
    "i've had clonus in my ankle for ten years since my spinal injury, my usual episode started twenty minutes ago",
    "my neurologist follows my clonus; it kicked in half an hour ago when i stood up, as usual",
    "my leg jerks every time i stretch it, it did it again ten minutes ago. i've had this for years",
    # K16 twins: second person, nobody affected
    "is it normal for your leg to jerk when you are falling asleep?",
    "what does it mean when your ankle bounces when the doctor taps it?",
    # K17 twin: a real what-if
    "what if my arm went weak suddenly one day, should i call an ambulance?",
    # K15 twin: a toddler's made-up words
    "my toddler makes up funny words all day, is that normal?",
])
def test_round4_look_alikes_do_not_reach_emergency(assess, text: str) -> None:
    result = assess(text)
    assert result.level != "emergency", result.as_dict()


def test_a_recent_start_is_the_recent_onset_sign_and_days_ago_stays_urgent(assess) -> None:
    """Lead's policy: a start within the hours is a sudden onset; first-ever jerking dated days
    ago stays urgent (first_ever_jerking_days)."""
    hours = assess("my calf began twitching forty minutes ago")
    assert "recent_onset_jerking" in sign_keys(hours), hours.as_dict()
    days = assess("my calf began twitching four days ago, i've never had this before")
    assert days.level == "urgent", days.as_dict()


def test_a_recent_start_without_jerking_is_no_sign(assess) -> None:
    result = assess("i went for a run forty minutes ago, what is clonus?")
    assert not result.escalate, result.as_dict()


def test_text_speak_first_ever_is_read(assess) -> None:
    """K19: "nevr had dis b4" is "never had this before" (spelling map); days ago it is urgent."""
    result = assess("my knee jerks since monday, nevr had dis b4")
    assert result.level == "urgent", result.as_dict()


def test_not_woken_since_a_resuscitation_is_unresponsive_without_still(assess) -> None:
    """K1: "has not come round" after CPR or resuscitation is a nervous-system change."""
    after_cpr = assess("after resuscitation on the ward he hasn't come round and his arms keep jerking")
    assert after_cpr.level == "emergency", after_cpr.as_dict()



@pytest.mark.xfail(strict=True, reason="issue 14: a known false alarm kept for recall: rf7's UNRESPONSIVE "
                   "pattern 'has not woken up yet' (for 'after an arrest this afternoon. She hasn't woken up "
                   "yet', the resuscitation told in another sentence) also fires on a child still asleep")
def test_a_child_not_up_yet_is_no_emergency(assess) -> None:
    asleep = assess("my son hasn't woken up yet and his legs twitch in his sleep, is that normal?")
    assert not asleep.escalate, asleep.as_dict()


@pytest.mark.parametrize("text", [
    "ten minutes ago the doctor tested my reflexes and my ankle jerked a few times",
    "i woke up an hour ago with the usual morning spasms in my calves",
    "my clonus has been bad since this morning, it's my ms, it does this when i'm tired",
    "i watched a video half an hour ago about ankle clonus, how is it treated?",
])
def test_a_usual_episode_a_reflex_test_or_something_read_is_no_recent_onset(assess, text: str) -> None:
    """NO_ONSET_FRAME blocks recent_onset_jerking (lead's policy: the usual, habit and known
    markers win); "not the usual" does not."""
    result = assess(text)
    assert "recent_onset_jerking" not in sign_keys(result), result.as_dict()


def test_not_the_usual_is_still_a_recent_onset(assess) -> None:
    result = assess("my calf began twitching forty minutes ago and it is not the usual cramp")
    assert result.level == "emergency", result.as_dict()


def test_first_ever_wordings_of_the_missed_urgent_kind(assess) -> None:
    """K6 (urgent): "never had that." and "first time I've had this." are first-ever; "the first
    time I've had it checked" is not."""
    bare = assess("since tuesday my knee jerks when i go downstairs. i'm 45 and never had that.")
    assert bare.level == "urgent", bare.as_dict()
    today = assess("my foot jerked twice just now, first time i've had this.")
    assert "first_ever_jerking" in sign_keys(today), today.as_dict()
    checked = assess("my knee jerks when i go downstairs. i've had it for years, "
                     "is it the first time i've had it checked?")
    assert not checked.escalate, checked.as_dict()
