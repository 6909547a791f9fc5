"""bot/nlp/denial_lists.py ``in_word_hyphen``: a hyphen between two words written without
spaces is part of a word, in Latin and in Devanagari script; a spaced dash is a break."""

from __future__ import annotations

import spacy

from bot.nlp.denial_lists import in_word_hyphen


def _hyphens(text: str) -> list[bool]:
    doc = spacy.blank("xx")(text)
    return [in_word_hyphen(doc, i) for i, token in enumerate(doc) if token.text == "-"]


def test_a_hyphen_inside_a_word_is_no_break_in_either_script() -> None:
    assert _hyphens("a post-op infection") == [True]
    assert _hyphens("उँगली-कलाई में दस साल से") == [True]
    assert _hyphens("fine - then sudden weakness") == [False]
    assert _hyphens("उँगली - कलाई") == [False]
    assert _hyphens("2019-2020") == [False]
