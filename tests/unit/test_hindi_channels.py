"""Channels in Hindi (issue 17, item 5): long messages are never cut inside a Devanagari
syllable, and numbered options are picked with Hindi numerals and ordinal words too."""

from __future__ import annotations

import unicodedata

import pytest
import yaml

from bot import paths
from bot.channels import render
from bot.channels.graphemes import clusters
from bot.channels.options import option_number
from bot.channels.platform import OptionMemory

#: a long Hindi answer of the FAQ: the real text the SMS channel sends
FAQ = yaml.safe_load((paths.DATA / "nlu" / "responses" / "faq.yml").read_text(encoding="utf-8"))
HINDI_ANSWER = next(v["text"] for v in FAQ["responses"]["utter_faq/clonus_causes"]
                    if (v.get("condition") or [{}])[0].get("value") == "hi")
CONJUNCTS = "क्षत्रिय स्त्री श्रृंखला ज़्यादा हिन्दी"


def test_clusters_keep_syllables_and_conjuncts_whole() -> None:
    assert clusters("क्षिति") == ["क्षि", "ति"]
    assert clusters("स्त्री") == ["स्त्री"]
    assert clusters("हिंदी") == ["हिं", "दी"]
    assert clusters("ज़्यादा") == ["ज़्या", "दा"]  # nukta, virama and the vowel sign stay with it
    for text in (CONJUNCTS, HINDI_ANSWER, "abc 👍🏽 ok"):
        assert "".join(clusters(text)) == text


def _starts_clean(part: str) -> bool:
    """No part may begin with a mark or a consonant glued to the virama before it."""
    return unicodedata.category(part[0]) not in ("Mn", "Mc") and part[0] != "\u094D"


@pytest.mark.parametrize("limit", [1, 2, 3, 5, 7, 11, 40, 153])
def test_a_word_longer_than_the_limit_is_cut_between_syllables(limit: int) -> None:
    word = CONJUNCTS.replace(" ", "")  # one "word" without spaces: only the hard cut applies
    parts = render.split_text(word, limit)
    assert "".join(parts) == word
    expected = set(clusters(word))
    for part in parts:
        assert _starts_clean(part) and not part.endswith("\u094D"), (limit, part)
        # each part is made of whole clusters
        assert "".join(clusters(part)) == part and set(clusters(part)) <= expected, (limit, part)


def test_the_plain_codepoint_cut_would_have_broken_a_syllable() -> None:
    """The test above can fail: cutting by code point splits "क्ष" after the virama."""
    word = CONJUNCTS.replace(" ", "")
    naive = [word[i:i + 3] for i in range(0, len(word), 3)]
    assert any(not _starts_clean(p) or p.endswith("\u094D") for p in naive)


def test_a_hindi_answer_is_split_on_sentences_and_never_inside_a_syllable() -> None:
    parts = render.split_text(HINDI_ANSWER, 160)  # one SMS segment of GSM text, for the test
    assert len(parts) > 1 and all(render.units(p) <= 160 for p in parts)
    assert " ".join(parts).split() == HINDI_ANSWER.split()
    for part in parts:
        assert _starts_clean(part) and not part.endswith("\u094D")
    assert any(p.endswith("।") for p in parts[:-1])  # a Hindi full stop ends a part


def test_long_titles_are_truncated_between_syllables() -> None:
    title = "क्या क्लोनस और कंपकंपी (tremor) एक ही हैं?"
    for limit in range(3, len(title)):
        short = render._truncate(title, limit)
        assert len(short) <= limit and short.endswith("…")
        assert title.startswith(short[:-1].rstrip()) and not short[:-1].rstrip().endswith("\u094D")


@pytest.mark.parametrize("text,number", [
    ("1", 1), ("2", 2), (" 3. ", 3), ("#2", 2), ("2)", 2), ("12", 12),
    ("१", 1), ("२", 2), ("३", 3), ("३.", 3), ("१२", 12),
    ("pehla", 1), ("Pehla", 1), ("pahla", 1), ("doosra", 2), ("dusra", 2), ("teesra", 3), ("tisra", 3),
    ("पहला", 1), ("दूसरा", 2), ("तीसरा", 3), ("दूसरा वाला", 2), ("teesra wala", 3), ("doosri", 2),
    ("option 2", 2), ("विकल्प २", 2), ("second", 2), ("no. 3", 3),
])
def test_option_numbers_in_every_script(text: str, number: int) -> None:
    assert option_number(text) == number


@pytest.mark.parametrize("text", [
    "", "hello", "2 days ago", "1 2", "pehla aur doosra", "मेरा दूसरा सवाल", "no", "123", "२ दिन से",
    "teesra din hai", "the second one hurts",
])
def test_text_that_is_not_just_a_choice_stays_text(text: str) -> None:
    assert option_number(text) is None


def test_the_option_memory_takes_hindi_choices() -> None:
    memory = OptionMemory()
    memory.show("c", ["क", "ख", "ग"], first_in_turn=True)
    assert memory.resolve("c", "२") == "ख"
    memory.show("c", ["क", "ख", "ग"], first_in_turn=True)
    assert memory.resolve("c", "teesra") == "ग"
    memory.show("c", ["क", "ख", "ग"], first_in_turn=True)
    assert memory.resolve("c", "पहला") == "क"
    assert memory.resolve("c", "doosra") == "doosra"  # cleared by the previous message
    memory.show("c", ["क", "ख"], first_in_turn=True)
    assert memory.resolve("c", "तीसरा") == "तीसरा"  # no such option


def test_numbered_options_under_a_hindi_message_say_how_to_answer_in_hindi() -> None:
    options = [render.Option("मुझे ख़ुद क्लोनस है", "मुझे ख़ुद क्लोनस है"), render.Option("कुछ और", "/ask_topics")]
    body = render.twilio_messages("+91", "+1", "आपके बारे में कौन-सी बात सबसे सही है?", options).bodies[0]["Body"]
    assert body.endswith("1. मुझे ख़ुद क्लोनस है\n2. कुछ और\n" + render.NUMBERED_HINT_HI)
    english = render.twilio_messages("+1", "+2", "Which best describes you?", [render.Option("Yes", "Yes")])
    assert english.bodies[0]["Body"].endswith(render.NUMBERED_HINT)
