"""Session 10 (issue 14, rf9): the kinds still open after session 9 in two judges' reports
(/work/notes/s9/judge_report_n5.md, judge_report_en.md; kinds only, no sentence of the
independent sets nor the judges' own examples), read by the rules alone
(knowledge/red_flags.yml, knowledge/context_rules.yml, bot/nlp/context.py).

Each fix comes with its twin on the other side: a head "splitting open" told in its own clause
and a habitual tension headache; a serotonergic medicine begun weeks ago ("was given", "got
given", "on X for two weeks") and one taken for years; "it's new to me" days ago (urgent) and
today (emergency); "can't get her socks on" (no speech sign) and "can't get his words out"; a
start spread over days "out of the blue" (urgent) and one this morning (emergency); words out
of their meaning (restlessness as an explanation, a sleep-start simile, "weak feet" as a
build, a babbling infant, a diagnosis in a dated story, "I keep reading") and the same words
about a real emergency. Sentences written for these tests."""

from __future__ import annotations

import pytest

from bot.knowledge.red_flags import load_rules
from bot.nlu.safety_net import SafetyNet
from tests.unit.conftest import sign_keys


@pytest.mark.parametrize("text", [
    # K2: the head in its own clause
    "my head, it felt like it was splitting open at the back, and my legs are twitching",
    "she held her head and said it felt like it was being torn apart",
    "his head - he said it was like something exploded inside it",
    # ":" ends the scope of "nothing like"
    "this is nothing like my usual clonus: my speech went slurred ten minutes ago",
    # "can't get" with words or air stays a sign
    "he can't get his words out and his foot is jerking",
    "her spasms are worse and she can't get air in properly",
    # a sudden start today stays an emergency when something else is dated over days
    "over the last few days i've had a cold, and this morning out of nowhere my knee started jerking",
])
def test_round5_emergencies_escalate(assess, text: str) -> None:
    result = assess(text)
    assert result.level == "emergency", result.as_dict()


@pytest.mark.parametrize("text", [
    # K5: a serotonergic start in other words
    "my dad was given tramadol on monday and he takes sertraline, since yesterday his legs twitch",
    "i got given citalopram ten days ago and my calves jerk at night",
    "she's been on venlafaxine for two weeks now and her ankles jerk when she sits",
    # K6: "new to me", dated days ago
    "it's new to me: since saturday my knee jerks whenever i kneel",
    # urgent told with words that looked like an emergency
    "my ankle clonus is worse every day and i can't get my boots on",
    "over the past few days, out of the blue, my son's calves began jerking, he's never had this",
])
def test_round5_urgent_stays_urgent(assess, text: str) -> None:
    result = assess(text)
    assert result.level == "urgent", result.as_dict()


@pytest.mark.parametrize("text", [
    "i've been on sertraline for years and my ankle clonus from ms is the same as ever",
    "i get tension headaches most fridays and have for years, and my calf twitches when i'm tired",
    "i can't get to sleep because my legs twitch, like most nights for years",
    "my husband gets sudden jerks in his legs as he's nodding off, for the thirty years we've been together",
    "grandma has been a bit muddled in the evenings for a year, the gp knows, and her knee jumps",
    "my calves twitch in long meetings, i think it's just restlessness",
    "most nights my legs jerk as i drop off, like falling down a hole",
    "my feet wobble on tiptoe, always have. the physio calls them weak feet",
    "she's babbling and clapping, and her ankle clonus is from her tone",
    "dad was muddled with a fever in hospital in may, they called it delirium, and he's been himself since june",
    "i keep reading that clonus with trouble breathing is serious. my mum's clonus hasn't changed",
    "the nurse asked whether i have headaches, double vision or trouble swallowing; no to all. "
    "just my usual ankle clonus since the injury",
])
def test_round5_look_alikes_do_not_escalate(assess, text: str) -> None:
    result = assess(text)
    assert not result.escalate, result.as_dict()


def test_a_serotonergic_medicine_of_weeks_is_a_start_and_of_years_is_not(assess) -> None:
    weeks = assess("i've been taking citalopram for three weeks and my legs jerk")
    assert "serotonergic_with_jerks" in sign_keys(weeks), weeks.as_dict()
    years = assess("i've been taking citalopram for three years and my legs jerk")
    assert "serotonergic_with_jerks" not in sign_keys(years), years.as_dict()


def test_a_sudden_start_over_days_is_urgent_and_today_an_emergency(assess) -> None:
    days = assess("over the last few days, out of the blue, my daughter's knees started jerking. she has never had this.")
    assert days.level == "urgent" and "sudden_onset" not in sign_keys(days), days.as_dict()
    today = assess("out of the blue this morning my daughter's knees started jerking. she has never had this.")
    assert today.level == "emergency", today.as_dict()


def test_clothes_are_no_speech_sign_but_words_are(assess) -> None:
    socks = assess("she can't get her socks on")
    assert "speech" not in sign_keys(socks), socks.as_dict()
    words = assess("she can't get the words out")
    assert "speech" in sign_keys(words), words.as_dict()


def test_restlessness_with_jerking_and_sweating_is_still_an_emergency(assess) -> None:
    result = assess("my legs are jerking and he is terribly restless and sweating tonight")
    assert result.level == "emergency", result.as_dict()


def test_a_fall_down_the_stairs_is_still_trauma(assess) -> None:
    result = assess("my dad fell down the stairs an hour ago and now his leg is jerking")
    assert result.level == "emergency", result.as_dict()


def test_a_diagnosis_word_now_is_still_confusion(assess) -> None:
    result = assess("grandad is muddled with a fever today, the nurse thinks it is delirium")
    assert result.level == "emergency", result.as_dict()


# --- second batch: variants of the judges' kinds written after the dev set passed ---------

@pytest.mark.parametrize("text", [
    # K1 not woken after a resuscitation, in other words
    "after they resuscitated her she never woke up properly and now her arms are jerking",
    "he had cpr at the pool today and still isn't awake; his hands are jerking",
    # K18 the referee's verdict does not deny the clash of heads
    "the ref said no head injury after my son's clash of heads today, now his leg is twitching",
])
def test_round5_second_batch_emergencies(assess, text: str) -> None:
    result = assess(text)
    assert result.level == "emergency", result.as_dict()


@pytest.mark.parametrize("text", [
    "since last friday my ankle jumps when i walk downhill, first time this has happened",
    "since sunday my foot bounces when i press the pedal, i've never had anything wrong with my legs",
])
def test_round5_second_batch_first_ever_days_ago_is_urgent(assess, text: str) -> None:
    result = assess(text)
    assert result.level == "urgent", result.as_dict()


@pytest.mark.parametrize("text", [
    "years ago my uncle was resuscitated after a heart attack and woke up the next day",
    "i never wake up properly before 9 and my calf twitches",
    "my ankle clonus has been constant for as long as i've had ms",
    "my ankle clonus is constant but no worse than it has been for years",
    "that was nothing like the stroke my grandad had, when his face dropped. mine is a twitchy eyelid",
    "i keep seeing posts saying sudden weakness with clonus means a stroke. my clonus is unchanged",
])
def test_round5_second_batch_look_alikes(assess, text: str) -> None:
    result = assess(text)
    assert not result.escalate, result.as_dict()


def test_constant_and_worse_every_hour_still_escalates(assess) -> None:
    result = assess("my son's clonus is constant now and getting worse every hour")
    assert result.escalate, result.as_dict()


# --- K21: the "now" of a new checking habit does not anchor a story for the safety net -----

@pytest.mark.parametrize("text", [
    "I watched a programme about clonus and now I test my ankle every night. Nothing happens.",
    "Since reading about clonus I now check my son's ankles each morning, they never jerk.",
])
def test_a_new_checking_habit_is_no_anchor_for_the_net(assess, text: str) -> None:
    result = assess(text)
    assert not result.anchored and not result.escalate, result.as_dict()
    assert SafetyNet(load_rules()).keep(result, "red_flag", 0.999) is None


def test_now_of_a_current_jerk_still_anchors_for_the_net(assess) -> None:
    result = assess("I watched a programme about clonus and now my ankle is jerking.")
    assert result.anchored, result.as_dict()
    assert SafetyNet(load_rules()).keep(result, "red_flag", 0.999) == "red_flag"


# --- third batch: lists, media frames, later recoveries, watch-for advice ------------------

@pytest.mark.parametrize("text", [
    # K12: a list between dashes, then denied
    "the gp went through a list - slurred speech, drooping face, weak arm - i don't have any of them",
    # K11: a media frame without a subject
    "watched a reel about a girl whose face drooped after a fall. just wondering if that's common",
    # K8: the recovery in a later clause after "but"
    "after her stroke my mum's speech was slurred, but since speech therapy she talks fine",
    # N1-e: confusion named as something to watch for
    "the nurses said to look for confusion when grandma's infection flares. she's chatty and normal now",
    # K10: an infant babbling at eight months
    "babbling at 8 months and crawling, but her feet jerk when she's tired, doctor knows",
])
def test_round5_third_batch_look_alikes(assess, text: str) -> None:
    result = assess(text)
    assert not result.escalate, result.as_dict()


@pytest.mark.parametrize("text", [
    "the gp went through a list - slurred speech, drooping face, weak arm - and he has all of them right now",
    "watched a reel about clonus and now my own face is drooping on one side",
    "after her stroke this morning my mum's speech was slurred, and she still can't talk properly",
    "the nurses said grandma is confused and has a fever now",
])
def test_round5_third_batch_emergency_twins(assess, text: str) -> None:
    result = assess(text)
    assert result.level == "emergency", result.as_dict()


@pytest.mark.parametrize("text", [
    "for the past three days, out of nowhere, my son's ankles have started jerking, he's never had it",
    "for the past two days my calf has been twitching suddenly and violently, i'm scared",
    "been on prozac for about a week and my leg keeps twitching",
])
def test_round5_days_old_starts_are_urgent_not_information(assess, text: str) -> None:
    """A sudden start spread over days is no emergency any more, but it still escalates."""
    result = assess(text)
    assert result.level == "urgent", result.as_dict()


def test_a_sudden_weakness_tonight_after_days_of_jerking_is_an_emergency(assess) -> None:
    result = assess("for the past three days my leg has jerked, and tonight out of nowhere my arm went weak")
    assert result.level == "emergency", result.as_dict()


def test_first_ever_told_with_the_day_it_began_is_urgent_and_today_an_emergency(assess) -> None:
    days = assess("when i stand on my toes now my calf beats, i'm 50 and never had this before monday")
    assert days.level == "urgent", days.as_dict()
    today = assess("my calf started jerking this morning, i'm 50 and never had this before")
    assert today.level == "emergency", today.as_dict()
