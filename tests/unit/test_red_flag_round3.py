"""Session 9 (issue 14, rf7): the judge's kinds still open after round 2 (K8-K13 of the
session-8 report; kinds only, no sentence of the independent sets nor the judge's own
examples), read by the rules alone (knowledge/red_flags.yml, knowledge/context_rules.yml,
bot/nlp/context.py, bot/nlp/denial_lists.py).

Not emergencies: a past event whose date or recovery is in another clause or behind a
hyphenated word, holidays and decades, a passing episode dated by a year; the accident
behind a lifelong condition, a knock weeks ago that a doctor checked; someone else's story
("a friend's son", "nothing like my uncle's stroke"), fiction told as an episode, a sign
acted out in a drill today or a workshop scenario, an essay's topic, what a doctor told us to
look out for, a medicine not started yet; a serotonergic medicine in a story whose jerking
went away. Their twins stay emergencies or urgent: a relative's stroke and a sign now, a
drill where someone really collapses, a knock today with jerking, a start dated days ago
after an old story, jerking new today after a knock a doctor checked. Sentences written
for these tests."""

from __future__ import annotations

import pytest

from tests.unit.conftest import sign_keys


@pytest.mark.parametrize("text", [
    # K8: dates and recoveries that reach the sign
    "i had a bad headache from a post-op wound infection four years ago, nothing since",
    "in 2018 my sight went blurry for a few seconds and it never came back",
    "last christmas his arm went weak for a day, it's been much better since the physio",
    "back in the nineties my mum had slurred speech after a stroke, she has had clonus since",
    # K9: the accident behind a lifelong condition, a knock a doctor checked
    "my son is paraplegic after a rugby accident years ago and his ankles jerk every day",
    "she bumped her head at nursery two weeks ago, the gp checked her and she's fine, what causes ankle clonus?",
    # K11: other people's stories, fiction, drills, topics, advice, plans
    "a colleague's daughter got clonus after a bad fall off a horse. how common is that?",
    "my gran's stroke was totally different: her mouth drooped and she couldn't speak. my calf just twitches",
    "in an episode of a medical drama a man suddenly lost his vision after a crash",
    "at the stroke awareness session today a nurse acted out a drooping face and slurred words",
    "for next week's course the scenario is a clubber who took mdma and starts twitching",
    "i'm doing a presentation for college about slurred speech and face drooping",
    "the nurse told us to watch for weakness in one arm and confusion, anything else?",
    "i'm going to start fluoxetine on monday and i read it can cause clonus",
    # K13: the jerking went away after the change
    "my ankle jerks stopped after the psychiatrist switched my antidepressant, all good now",
])
def test_round3_look_alikes_do_not_escalate(assess, text: str) -> None:
    result = assess(text)
    assert not result.escalate, result.as_dict()


@pytest.mark.parametrize("text", [
    "my grandad's stroke looked nothing like this, but right now my dad can't lift his arm",
    "at the first aid course today one of the trainees really collapsed and he is not responding",
    "during the drill today we acted out a stroke and then my colleague suddenly couldn't speak",
    "a friend's son is staying with us and an hour ago he fell off the trampoline and hit his head",
    "she was back to her normal self after the flu in march, but since this morning she is confused and burning up",
    "two days post-op and ten minutes ago my speech went slurred",
    "my son banged his head on the table this morning and now his legs keep jerking",
    "the doctor told us to look out for confusion and since an hour he is confused",
])
def test_round3_emergencies_in_the_same_frames_escalate(assess, text: str) -> None:
    result = assess(text)
    assert result.level == "emergency", result.as_dict()


def test_a_start_dated_days_ago_is_not_dated_by_an_older_year(assess) -> None:
    result = assess("my jerks went away last year, but six days ago my gp put me on sertraline "
                    "and now my calves jerk again")
    assert result.level == "urgent" and "serotonergic_with_jerks" in sign_keys(result), result.as_dict()


def test_the_serotonergic_sign_needs_jerking_that_did_not_go_away(assess) -> None:
    """JERK told as a habit since the change still counts (also_past); JERK that went away
    does not."""
    gone = assess("the jerking stopped after my gp changed my antidepressant")
    assert not gone.escalate, gone.as_dict()
    habit = assess("since i started sertraline last week my ankles jerk when i stretch")
    assert habit.level == "urgent", habit.as_dict()


def test_new_jerking_after_a_knock_a_doctor_checked_is_an_emergency(assess) -> None:
    """The knock is read as recovered, but jerking new today after it is FindADoctor's new
    clonus after trauma (sign trauma_then_jerking)."""
    result = assess("he had a knock on the head a fortnight ago, the gp checked him and he's fine, "
                    "but today his legs started jerking")
    assert result.level == "emergency", result.as_dict()


def test_a_hyphen_inside_a_word_is_no_clause_break_but_a_dash_is(assess) -> None:
    assert not assess("i had a post-op fever and confusion in 2015, all fine since").escalate
    assert assess("i had a fever in 2015 - today she is burning up and confused").level == "emergency"


def test_a_planned_start_is_no_change_but_a_start_is(assess) -> None:
    assert not assess("i am due to start sertraline next week and my ankles jerk").escalate
    assert assess("i started sertraline five days ago and my ankles jerk").level == "urgent"


def test_the_safety_net_needs_more_than_a_medicine_named_in_a_resolved_story(assess) -> None:
    """K13: a serotonergic medicine present is evidence for the classifier's safety net only
    with a present concept of its signs (``net_evidence_with`` in red_flags.yml)."""
    from bot.knowledge.red_flags import load_rules
    from bot.nlu.safety_net import SafetyNet

    net = SafetyNet(load_rules())
    gone = assess("the twitching in my feet went away after my gp changed my antidepressant, all fine")
    assert net.keep(gone, "red_flag", 0.99) is None, gone.as_dict()
    with_jerks = assess("i started sertraline and i feel shivery and my legs keep jerking")
    assert net.keep(with_jerks, "red_flag", 0.5) == "red_flag", with_jerks.as_dict()


def test_an_accident_years_ago_is_no_new_trauma_for_todays_spasms(assess) -> None:
    """trauma_then_jerking needs the knock dated days or weeks ago (DAYS_AGO)."""
    result = assess("i had a car accident years ago and today my clonus is bad, what helps?")
    assert "trauma_then_jerking" not in sign_keys(result), result.as_dict()


# --- kinds of the session-9 judge report (judge_report_en.md), our own wording ---------

@pytest.mark.parametrize("text", [
    # a list asked about with "whether" / "if"
    "the gp asked whether i ever get numbness, blurred eyesight or trouble swallowing; no to all",
    "she asked if he had weakness, slurred speech or a drooping face and he said no",
    # a decade
    "my grandad had slurred words in the 1960s",
    "my great aunt had a drooping face back in the seventies",
    # the accident behind a lifelong condition, told with the age
    "wheelchair user since a car accident at 19, now 50. night spasms are normal for me",
    # what to keep an eye out for
    "the doctor told us to keep an eye out for confusion and jerky hands in my uncle. he is himself today",
    # a planned start
    "my neurologist plans to start me on sertraline. i read online it can cause clonus",
    # a function that is back
    "last month i had pins and needles down one side. sensation is back and i feel fine",
    # constant since a year
    "my ankle clonus has been constant since 2012 when my ms was diagnosed",
    # a relative's stroke told as different, a role play, a pretend sign
    "my dad's stroke was nothing like this: his leg went weak and he couldn't talk. i only get a twitchy calf",
    "role play: at a festival a girl took mdma and starts twitching. this is for a training evening",
    "at today's first aid class the instructor pretended to have slurred speech and sudden jerks",
])
def test_judge_s9_look_alikes_do_not_escalate(assess, text: str) -> None:
    result = assess(text)
    assert not result.escalate, result.as_dict()


@pytest.mark.parametrize("text", [
    "the gp asked whether i get numbness, and since this morning my face is drooping",
    "she asked if he had any weakness, then suddenly he could not lift his arm",
    "the doctor told us to keep an eye out for confusion and today he is confused and burning up",
    "my neurologist plans to start me on sertraline but i already started it myself 3 days ago and now i'm sweating and my legs jerk",
    "my dad's stroke was nothing like this, but right now my mum's speech is slurred",
])
def test_judge_s9_emergencies_in_the_same_frames_escalate(assess, text: str) -> None:
    result = assess(text)
    assert result.level == "emergency", result.as_dict()


def test_new_frames_make_no_current_report(assess) -> None:
    """A role play or someone else's different stroke is no current report, so the
    classifier's safety net cannot keep a confident guess on it."""
    for text in ("role play: at a gig a lad took mdma and starts jerking",
                 "my aunt's stroke was nothing like this: she couldn't talk"):
        assert not assess(text).current_report, assess(text).as_dict()


@pytest.mark.parametrize("text", [
    "they restarted his heart at the pool. he hasn't woken up yet and his arm is twitching",
    "since lunch grandpa is burning up and much more muddled than his normal",
])
def test_judge_s9_missed_wordings_are_emergencies(assess, text: str) -> None:
    """Not woken "yet" after a resuscitation; "than his normal" is a comparison, no denial."""
    assert assess(text).level == "emergency", assess(text).as_dict()


def test_a_normal_temperature_told_before_the_word_is_no_fever(assess) -> None:
    """The phrase "a normal temperature" (normal_function) negates the FEVER that ends it."""
    calm = assess("my sertraline dose went up last week and my legs jerk in a rhythm, a normal temperature, i feel calm")
    assert calm.level == "urgent", calm.as_dict()
    hot = assess("my sertraline dose went up last week, my legs jerk and i have a high temperature")
    assert hot.level == "emergency", hot.as_dict()
