"""Session 12 (issue 14, rf16): the time/course false-alarm kinds of the spent independent sets
(/work/notes/s12/rf16.md; kinds only, our own sentences), read by the rules alone
(knowledge/context_rules.yml, bot/nlp/episodes.py, bot/nlp/recovery.py, bot/nlp/context.py).

No alarm: a sign dated by another sentence or clause of the story ("back then", "at the time",
"that was in 2019", "were all in 2021", "the last one in 2012"), a sign that went away ("went on
day three", "came round straight away", "by Saturday she was back to normal", "hasn't had
another"), a long-standing or explained sign ("I never could, since I was a child", "no
different now", "because I was sitting on it"), a slow course ("but improving week by week",
"a couple more beats than before" over a year). Each kind has its emergency twin: the same
history and a sign new today, now or suddenly, or a comparison ("just like in 2019") that
dates nothing. Sentences written for these tests."""

from __future__ import annotations

import pytest

from tests.unit.conftest import sign_keys


@pytest.mark.parametrize("text", [
    # past frame carried by "back then" / "at the time" to a later sentence
    "in 2013 i spent a month in hospital with a brain infection. i was very muddled back then and had awful headaches. now i only have some jerking in my calf.",
    "my grandad had a stroke in 2016. his mouth was crooked at the time and he slurred his words. he has done well since.",
    # the next sentence dates what was told
    "her face went droopy and she couldn't find her words. that was in 2019, when she had her stroke. now she only has a jumpy foot.",
    # the next clause dates a list or a count
    "grandpa's slurred speech, confusion and weak leg were all in 2021, that was his stroke. now his foot bounces a bit.",
    "i had three knocks to the head playing football, the last one in 2012. could that give me clonus?",
    # a child's age with a past verb; "back home" is no return of the sign
    "my son had a febrile seizure when he was one and hasn't had another. does that raise his risk of clonus?",
    "she was in hospital in october with a chest infection that left her muddled for days. she's back at home now and back to her knitting.",
    # it went away
    "the fever went on day three in hospital and my legs are spasmy as they always are with my cp.",
    "my brother fainted at football on saturday, came round straight away and has been totally himself since then.",
    "on wednesday mum was muddled with a water infection; by saturday she was back to normal.",
    # long-standing or explained
    "i can't swallow big tablets. i never could, since i was a child.",
    "my eye has been blurry for eight years since a fall, no different now.",
    "my foot went numb because i was sitting on it; it was fine again after a minute.",
    "migraines since my teens: shimmering lights, then the headache, the same every time.",
    # slow course, improving
    "my mum's speech is slow after her stroke but improving week by week.",
    "my clonus has very gradually increased over the past year, a couple more beats than before.",
    "her arms shake when she gets up, it's been like that for years since her ms got worse.",
])
def test_round11_time_and_course_kinds_do_not_escalate(assess, text: str) -> None:
    result = assess(text)
    assert not result.escalate, result.as_dict()


@pytest.mark.parametrize("text, sign", [
    ("in 2013 i spent a month in hospital with a brain infection. i was very muddled back then. since this morning i'm muddled again and have a high fever.", "fever_neuro"),
    ("my grandad had a stroke in 2016. his mouth was crooked at the time. an hour ago his mouth suddenly went crooked again and he can't talk.", "stroke_signs"),
    # a comparison dates nothing; "just now" in the story keeps the sign new
    ("her face went droopy and she couldn't find her words just like in 2019, when she had her stroke.", "stroke_signs"),
    ("her face went droopy just now and she couldn't find her words. that was in 2019 too, when she had her stroke.", "stroke_signs"),
    ("our son had a fit with a fever at 16 months. tonight he has a fever again and is fitting and won't wake.", "fever_neuro"),
    ("my brother fainted at football on saturday and came round straight away, but today he collapsed and isn't responding.", "fever_neuro"),
    ("the fever went on day three but since this afternoon he's burning up again and his legs are jerking.", "fever_with_jerks"),
    ("i never could swallow big tablets, but since lunch i can't swallow anything and my speech is slurred.", "breathing_swallowing"),
    ("my foot went numb because i was sitting on it, but now my whole left side is numb and weak and my face is drooping.", "stroke_signs"),
    ("my mum's speech is slow after her stroke but improving; today it suddenly got slurred and her arm went weak.", "speech"),
    ("his parkinson's is progressing slowly, but this morning his face suddenly drooped on one side.", "stroke_signs"),
    # a past episode in the story does not date today's collapse told in the past tense
    ("dad had a stroke in 2019. he collapsed in the kitchen and is shaking all over and won't wake up.", "fever_neuro"),
    ("he collapsed and was shaking all over, just like back then when he had his fit in 2019, and he still isn't waking up.", "fever_neuro"),
])
def test_round11_twins_stay_emergencies(assess, text: str, sign: str) -> None:
    result = assess(text)
    assert result.level == "emergency", result.as_dict()
    assert sign in sign_keys(result), result.as_dict()


def test_slow_course_with_a_daily_worsening_stays_urgent(assess) -> None:
    """A slow course over a year does not hide a change every day since yesterday."""
    result = assess("my clonus has very gradually increased over the past year, but since yesterday it gets worse every day")
    assert result.escalate, result.as_dict()


def test_a_recovery_statement_after_not_is_none(assess) -> None:
    """recovery.py: "hasn't been back to normal since" is no recovery (the shared negation check)."""
    result = assess("on wednesday mum was muddled with a water infection and she has not been back to normal since")
    assert result.level == "emergency", result.as_dict()


@pytest.mark.parametrize("text", [
    # a later mention of the same past episode ("a convulsion like that", "the bell's palsy")
    "our baby had a febrile convulsion in the winter of 2023 and has been fine since. could a convulsion like that lead to clonus?",
    "i had bell's palsy in 2021, my mouth drooped for two months, then gradually came back. is my eyelid twitch left over from the bell's palsy?",
    # a medicine taken in the dated story
    "in 2021 i had serotonin syndrome after my doctor raised my citalopram and i took tramadol for a tooth: sweating, jerking, a fever. i'm only on citalopram now.",
])
def test_round11_the_same_past_episode_does_not_escalate(assess, text: str) -> None:
    result = assess(text)
    assert not result.escalate, result.as_dict()


@pytest.mark.parametrize("text, sign", [
    ("our baby had a febrile convulsion in 2023. tonight she had a convulsion like that again and won't wake.", "fever_neuro"),
    ("he had a seizure in 2019. the seizure he is having now won't stop.", "fever_neuro"),
    ("i had bell's palsy in 2021 and it gradually came back, but this morning the other side of my face suddenly drooped.", "stroke_signs"),
    ("in 2021 i had serotonin syndrome. this week my doctor added tramadol to my citalopram and now i'm sweating and jerking.", "serotonin_syndrome"),
])
def test_round11_the_same_past_episode_twins_stay_emergencies(assess, text: str, sign: str) -> None:
    result = assess(text)
    assert result.level == "emergency", result.as_dict()
    assert sign in sign_keys(result), result.as_dict()
