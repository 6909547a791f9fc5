"""The project spaCy pipeline and the sign rules: concepts, ConText status (negation
scopes, hypotheticals, information questions, past events), multi-sentence messages."""

from __future__ import annotations

import pytest
import spacy

from bot.knowledge.red_flags import load_rules


@pytest.fixture(scope="module")
def assess():
    nlp = spacy.load("en_clonus_pipeline")
    rules = load_rules()
    return lambda text: rules.assess(nlp(text.lower()))


def statuses(result) -> dict:
    return {c.label: c.status for c in result.concepts}


@pytest.mark.parametrize(
    "text, sign",
    [
        ("my dad's leg suddenly started jerking and now he cant talk properly", "speech"),
        ("her face looks droopy on one side", "stroke_signs"),
        ("sudenly my leg is jerkin and i feel numbnes", "numbness"),
        ("cant breathe, leg jerking", "breathing_swallowing"),
        ("I've got the worst headache of my life and my ankle is bouncing", "severe_headache"),
        ("everything's blurry and my foot keeps jerking", "vision"),
        ("he fell off his bike and now his ankle jerks", "trauma"),
        ("she has a fever and seems confused", "fever_neuro"),
        ("i can't keep my balance today", "coordination"),
        ("my right arm is weak since this morning", "weakness"),
    ],
)
def test_present_signs_escalate(assess, text: str, sign: str) -> None:
    result = assess(text)
    assert result.level == "emergency", result.as_dict()
    assert sign in {s.key for s in result.signs}


def test_negation_covers_a_list_but_stops_at_but(assess) -> None:
    result = assess("no weakness, no numbness, just the ankle bouncing")
    assert statuses(result)["WEAKNESS"] == "negated"
    assert statuses(result)["NUMBNESS"] == "negated"
    assert not result.escalate
    result = assess("no fever but he can't speak properly")
    assert statuses(result)["FEVER"] == "negated"
    assert statuses(result)["SPEECH"] == "present"
    assert result.level == "emergency"


def test_negation_ends_where_a_new_statement_starts(assess) -> None:
    result = assess("the spasms come every few minutes instead of once a day and he's choking on his food")
    assert statuses(result)["SWALLOWING"] == "present"


@pytest.mark.parametrize(
    "text",
    [
        "No, he is slurring his words",
        "i dont know why his speech is slurred",
        "I'm not sure, but her face is drooping",
        "feel like i'm drunk but i'm not, can't walk straight",
        "I've never had such a bad headache",
    ],
)
def test_things_that_look_like_negation_do_not_negate(assess, text: str) -> None:
    assert assess(text).level == "emergency", assess(text).as_dict()


@pytest.mark.parametrize(
    "text, status",
    [
        ("I deny any numbness or weakness", "negated"),
        ("he denies numbness", "negated"),
        ("weakness is absent", "negated"),
        ("what if I get numbness?", "hypothetical"),
        ("if he falls and can't swallow, what do we do", "hypothetical"),
        ("which symptoms are red flags, like numbness?", "informational"),
        ("can clonus cause numbness", "informational"),
        ("I had numbness last year but it went away", "historical"),
        ("I had a stroke five years ago and have had ankle clonus since", "historical"),
    ],
)
def test_mentions_do_not_escalate(assess, text: str, status: str) -> None:
    result = assess(text)
    assert not result.escalate, result.as_dict()
    assert status in {c.status for c in result.concepts}


def test_a_sign_that_has_not_gone_away_is_present(assess) -> None:
    assert assess("the numbness hasn't gone away").level == "emergency"


def test_own_experience_beats_a_question(assess) -> None:
    assert assess("I have numbness, is it a sign of a stroke?").level == "emergency"
    assert not assess("my dad has clonus, can it cause numbness?").escalate


def test_signs_combine_across_sentences(assess) -> None:
    result = assess("Started sertraline last week. Now I'm sweating. And my legs keep jerking.")
    assert result.level == "emergency"
    assert "serotonin_syndrome" in {s.key for s in result.signs}


def test_serotonergic_drug_and_jerks_alone_is_urgent(assess) -> None:
    result = assess("I started escitalopram last week and now my ankle jerks")
    assert result.level == "urgent"


def test_ordinary_questions_do_not_escalate(assess) -> None:
    for text in ["what is clonus", "is clonus the same as a tremor", "can I exercise with clonus",
                 "does clonus mean I have MS", "how do doctors test for clonus"]:
        assert not assess(text).escalate, text
