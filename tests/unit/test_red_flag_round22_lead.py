"""Session 19 (issue 14, lead): merge review of round 22.

1. rf31c's sign ``trauma_then_sick`` (vomiting or drowsiness after a knock) counted the knock also when it was
   dated long ago, so a head injury in 2015 and a drowsy spell from a new baclofen dose, or an accident years ago
   and a stomach bug tonight, were emergencies. ``past_gone_only`` (knowledge/red_flags.yml): a past knock counts
   only when it was told as over by a recovery ("he's fine now but he has been sick"), not when it is dated.
2. A condition named in a question and referred back to as happening now ("what are the signs of a stroke? I think
   I'm having one") was information (found by rf31b): bot/nlp/referred.py, ``referred_back`` in
   knowledge/context_rules.yml; "had one last year", "having one of his spasm days", "having it checked" are none.
3. A medicine dated "since last month" covered the jerking told later in the same sentence "over the past few days"
   (found by rf31a): a span counted back from now ("over the past few days", "in the last couple of days") dates
   its concept like "this week" (bot/nlp/context.py, ``recent_dates``).
4. Talk check: a clinician's list followed by "just wondering if clonus is one of them?" was an emergency (the
   list-back word with "I" put the list on someone): "is X one of them", "among those" ask about the list
   (bot/nlp/mentions.py, ``_asks_membership``); "he has one of them now" still puts it on someone.
Sentences written for these tests (not from any narratives*.yml nor from the web); FindADoctor guide (2026)."""

from __future__ import annotations

import pytest

from bot.knowledge.red_flags import Sign
from tests.unit.conftest import assert_level, assert_not_escalated


@pytest.mark.parametrize("text", [
    "My son has had clonus since his head injury in 2015. The new baclofen dose makes him drowsy.",
    "He was in a car accident years ago. Tonight he has a stomach bug and has been sick twice.",
    "He hit his head at rugby last season and recovered fully. Today he has a tummy bug and threw up twice.",
    "Dad's spasms started after his fall in 2019. These days his tablets make him a bit drowsy in the afternoons.",
])
def test_an_old_knock_and_sickness_or_drowsiness_now_is_no_emergency(assess, text: str) -> None:
    assert_not_escalated(assess, text)


@pytest.mark.parametrize("text", [
    "he fell off the climbing frame at lunch, he's fine now but he has been sick twice and he's drowsy",
    "She banged her head on the door this morning. The bump has gone down but she has vomited three times.",
    "my toddler fell down the stairs an hour ago and now he's really sleepy",
    "He knocked his head on the cupboard earlier, seemed okay, but now he keeps throwing up.",
])
def test_a_recent_knock_then_sickness_or_drowsiness_stays_an_emergency(assess, text: str) -> None:
    assert_level(assess, text, "emergency", "trauma_then_sick")


def test_past_gone_only_counts_a_past_concept_only_when_it_went_away() -> None:
    sign = Sign(key="k", label="l", label_hi="l", level="emergency", source="s", all_of=("TRAUMA",),
                any_of=("VOMITING",), also_past=("TRAUMA",), past_gone_only=True)
    past = frozenset({"TRAUMA"})
    assert sign.fires({"VOMITING"}, past, kept=frozenset())          # told as over: it went away
    assert not sign.fires({"VOMITING"}, past, kept=frozenset({"TRAUMA"}))  # dated: it did not "go away"
    assert sign.fires({"VOMITING", "TRAUMA"}, frozenset(), kept=frozenset())


@pytest.mark.parametrize(("text", "sign"), [
    ("What are the signs of a stroke, I think I'm having one", "stroke_signs"),
    ("what are the signs of a stroke? i think my dad is having one", "stroke_signs"),
    ("Is a TIA dangerous? I think I'm having one right now", "stroke_signs"),
    ("what does a seizure look like? my son is having one now", "fever_neuro"),
    ("how long do fits last, my daughter is in the middle of one", "fever_neuro"),
])
def test_a_condition_referred_back_to_as_happening_now_is_an_emergency(assess, text: str, sign: str) -> None:
    assert_level(assess, text, "emergency", sign)


@pytest.mark.parametrize("text", [
    "what are the signs of a stroke? my dad had one last year",
    "my husband had a stroke in 2019. He is having one of his spasm days, any tips?",
    "my dad had a stroke. he is having it checked today",
    "what should I do if he is having one? he had a seizure last month",
    "What is a seizure? My daughter asked after a film we watched.",
])
def test_a_condition_named_without_a_present_reference_is_no_emergency(assess, text: str) -> None:
    assert_not_escalated(assess, text)


@pytest.mark.parametrize("text", [
    "I've been taking sertraline since last month and over the past few days my fingers twitch",
    "She's been on citalopram since March and in the last couple of days her arms keep jerking, no fever",
])
def test_a_span_counted_back_from_now_dates_the_jerking_after_an_older_medicine_date(assess, text: str) -> None:
    assert_level(assess, text, "urgent", "serotonergic_recent_jerking")


def test_a_medicine_taken_for_years_with_no_recent_jerking_stays_information(assess) -> None:
    assert_not_escalated(assess, "I've been taking sertraline since 2015 and my clonus has been the same for years.")


@pytest.mark.parametrize("text", [
    "My GP gave me a list of things to ring 999 for, slurred speech, face drooping. I'm fine, just wondering if "
    "clonus is one of them?",
    "The leaflet lists sweating, fever and agitation. Is jerking one of them too?",
])
def test_asking_whether_something_is_on_the_list_is_no_emergency(assess, text: str) -> None:
    assert_not_escalated(assess, text)


@pytest.mark.parametrize("text", [
    "The nurse told us what to watch for: slurred speech, a drooping face. He has one of them now.",
    "My GP gave me a list of things to ring 999 for, slurred speech, face drooping. I have both of them right now.",
])
def test_a_list_put_on_someone_stays_an_emergency(assess, text: str) -> None:
    assert_level(assess, text, "emergency", "stroke_signs")
