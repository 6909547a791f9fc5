"""Language and script detection (bot/nlu/language.py, knowledge/languages.yml)."""

from __future__ import annotations

import pytest

from bot.nlu import language
from bot.nlu.language import ENGLISH, HINDI, HINGLISH, MIXED


@pytest.mark.parametrize("text", [
    "What is clonus?",
    "My dad had a stroke and his ankle keeps jerking when he stands. Is that clonus?",
    "Can he do his physio at home?",
    "is it the same as a tremor",
    "hi there",
    "Thanks, that helps a lot",
    "does MS cause clonus in the legs",
    "",
    "12345 ???",
])
def test_english(text: str) -> None:
    assert language.detect(text) == ENGLISH


@pytest.mark.parametrize("text", [
    "क्लोनस क्या है?",
    "मेरी दादी के पैर में झटके आते हैं, क्या यह clonus है?",
    "पापा को MS है और उनका टखना काँपता रहता है",
    "अचानक कमज़ोरी और बोलने में दिक्कत",
])
def test_devanagari_is_hindi(text: str) -> None:
    assert language.detect(text) == HINDI


@pytest.mark.parametrize("text", [
    "clonus kya hai",
    "clonus kia h",
    "dadi ki ungliyan kaanpti rehti hain, kyu?",
    "mere papa ke pair me jhatke aate hai, kya karein",
    "kya ye MS ki wajah se hota hai?",
    "ghar pe koi upay bataiye",
    "beta 2 saal ka hai aur uske pair akad jaate hain",
    "nhi samjha, phir se batao",
])
def test_hinglish(text: str) -> None:
    assert language.detect(text) == HINGLISH


@pytest.mark.parametrize("text", [
    "My mother has MS and her legs are shaking. uske pair me bahut jhatke aate hai, kya karein?",
    "The doctor said it is clonus. मुझे समझ नहीं आया, what does it mean for his walking?",
])
def test_mixed(text: str) -> None:
    assert language.detect(text) == MIXED


@pytest.mark.parametrize("text", [
    # English words that are also romanised Hindi ("he", "me", "to", "main", "is") alone
    # never make a message Hinglish.
    "he told me to do the main exercises",
    "Is this the same for him?",
    "Sir, can you help me",
])
def test_ambiguous_english_words_stay_english(text: str) -> None:
    assert language.detect(text) == ENGLISH


@pytest.mark.parametrize("value, label", [
    ("hi", HINDI), ("hi-IN", HINDI), ("hi_IN", HINDI), ("Hindi", HINDI), ("हिंदी", HINDI),
    ("en", ENGLISH), ("en-GB", ENGLISH), ("English", ENGLISH),
    ("hinglish", HINGLISH), ("hi-Latn", HINGLISH),
    ("fr", None), ("", None), (None, None), (3, None),
])
def test_explicit_choice(value: object, label: str | None) -> None:
    assert language.chosen(value) == label


def test_hindi_answers_for_every_hindi_label() -> None:
    assert [language.answers_in_hindi(x) for x in language.LABELS] == [False, True, True, True]


def test_word_lists_do_not_overlap() -> None:
    lists = language.word_lists()
    assert not lists.strong & lists.weak
    assert not lists.strong & lists.english, "a strong Hindi word must not be an English word"
