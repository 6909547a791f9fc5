"""End-to-end doctor search against the running servers (REST channel, real action
server, the embedded SQLite directory filled from the labelled sample data)."""

from __future__ import annotations

import pytest

from ..conftest import Chat

pytestmark = pytest.mark.e2e

ASK_WHERE = "Which city or town should I look in?"
SAMPLE = "SAMPLE DATA"
URGENT = "This could be a medical emergency"
NO_SEARCH = "I won't look for appointments now"


def test_specialist_from_earlier_context_ms(chat: Chat) -> None:
    chat.say("I have MS and my legs jerk at night")
    text = chat.texts(chat.say("which doctor should I see?"))
    assert "MS clinic" in text and "multiple sclerosis" in text
    assert ASK_WHERE in text


def test_child_with_cerebral_palsy_then_place(chat: Chat) -> None:
    text = chat.texts(chat.say("my son has cerebral palsy and his ankle jerks, who treats that?"))
    assert "paediatric neurologist" in text and "cerebral palsy" in text
    assert ASK_WHERE in text
    text = chat.texts(chat.say("Pune"))
    assert "Pune" in text and SAMPLE in text
    assert "Paediatric" in text or "paediatric" in text


def test_serotonergic_medicine_gets_the_safety_check_first(chat: Chat) -> None:
    chat.say("I've been taking sertraline for a year")
    text = chat.texts(chat.say("who should I see about my clonus?"))
    assert "serotonin syndrome" in text and "prescribed" in text
    assert "do not stop or change any medicine" in text


def test_place_given_up_front(chat: Chat) -> None:
    messages = chat.say("is there an MS specialist in Pune?")
    text = chat.texts(messages)
    assert ASK_WHERE not in text
    assert "MS clinic" in text and "Pune, India" in text and SAMPLE in text


def test_ambiguous_place_then_choice_and_its_emergency_number(chat: Chat) -> None:
    chat.say("find a neurologist near me")
    messages = chat.say("Manchester")
    asked = next(m for m in messages if "more than one place" in (m.get("text") or ""))
    titles = [b["title"] for b in asked["buttons"]]
    assert any("United Kingdom" in t for t in titles) and any("United States" in t for t in titles)
    us = next(b["payload"] for b in asked["buttons"] if "United States" in b["title"])
    text = chat.texts(chat.say(us))
    assert "Manchester" in text and "United States" in text
    # the resolved country now feeds the emergency number
    text = chat.texts(chat.say("my wife suddenly can't move her right arm"))
    assert URGENT in text and "911" in text


def test_misspelt_place_is_corrected_and_said(chat: Chat) -> None:
    chat.say("find a neurologist near me")
    text = chat.texts(chat.say("Pnue"))
    assert '"Pnue"' in text and "Pune, India" in text


def test_nonsense_place_is_refused_politely_then_accepted(chat: Chat) -> None:
    chat.say("can you recommend a neurologist")
    text = chat.texts(chat.say("asdfgh qwerty"))
    assert "couldn't find" in text
    text = chat.texts(chat.say("Mumbai"))
    assert "Mumbai, India" in text


def test_user_gives_up(chat: Chat) -> None:
    chat.say("find me a neurologist")
    text = chat.texts(chat.say("never mind, forget it"))
    assert "stopped the doctor search" in text
    text = chat.texts(chat.say("what is clonus"))
    assert ASK_WHERE not in text and "clonus" in text.lower()


def test_corrected_place_searches_again(chat: Chat) -> None:
    chat.say("find a neurologist in Pune")
    text = chat.texts(chat.say("sorry, I meant Mumbai"))
    assert "Mumbai, India" in text and SAMPLE in text


def test_no_entries_in_the_city_says_so_and_gives_a_search_link(chat: Chat) -> None:
    chat.say("find a neurologist near me")
    text = chat.texts(chat.say("Nagpur"))
    assert "no neurologist" in text and "Nagpur, India itself" in text
    assert "https://" in text and SAMPLE in text


def test_no_entries_in_the_country_gives_only_a_search_link(chat: Chat) -> None:
    chat.say("find a neurologist near me")
    text = chat.texts(chat.say("Lagos"))
    assert "won't make one up" in text and "https://" in text and "Lagos" in text
    assert SAMPLE not in text


def test_no_doctor_search_during_an_emergency(chat: Chat) -> None:
    assert URGENT in chat.texts(chat.say("my dad suddenly can't speak properly and his leg is jerking"))
    text = chat.texts(chat.say("ok, can you find a neurologist near me?"))
    assert NO_SEARCH in text and ASK_WHERE not in text and SAMPLE not in text


def test_red_flag_inside_the_form_escalates_and_ends_the_search(chat: Chat) -> None:
    assert ASK_WHERE in chat.texts(chat.say("which doctor should my dad see for his clonus"))
    messages = chat.say("wait, he suddenly can't lift his left arm and his speech is slurred")
    assert URGENT in messages[0]["text"]
    text = chat.texts(messages)
    assert ASK_WHERE not in text
    text = chat.texts(chat.say("Pune"))
    assert SAMPLE not in text
