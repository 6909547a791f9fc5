"""Unit tests of the shared span helpers (bot/nlp/spans.py) and the strong clause breaks that
``denial_lists.crosses_clause`` and ``conditions.if_list`` share."""

import spacy

from bot.nlp.denial_lists import crosses_clause, strong_break
from bot.nlp.spans import comma_items, text_of, within

NLP = spacy.blank("en")


def test_within_is_inclusive_of_both_ends_and_nothing_more() -> None:
    assert within((2, 4), (2, 4))
    assert within((3, 4), (0, 9))
    assert not within((1, 4), (2, 9))
    assert not within((2, 10), (2, 9))


def test_text_of_gives_the_words_of_a_span() -> None:
    doc = NLP("my left arm went numb")
    assert text_of(doc, (1, 3)) == "left arm"


def test_comma_items_split_at_every_comma_and_keep_the_first_item() -> None:
    doc = NLP("if she slurs , or gets a headache , or falls")
    assert comma_items(doc, 1, len(doc)) == [(1, 3), (4, 8), (9, 11)]
    assert comma_items(doc, 1, 3) == [(1, 3)]


def test_a_hyphen_inside_a_word_is_no_clause_break_but_a_free_dash_is() -> None:
    inside = NLP("post-op he is fine")
    assert [t.text for t in inside][:3] == ["post", "-", "op"]
    assert not strong_break(inside, 1)
    free = NLP("he was fine - now he can't speak")
    dash = [t.text for t in free].index("-")
    assert strong_break(free, dash)
    assert crosses_clause(free, 0, len(free))
    assert not crosses_clause(inside, 0, len(inside))


def test_commas_cross_a_clause_but_are_no_strong_break() -> None:
    doc = NLP("no fever , but a stiff neck")
    assert crosses_clause(doc, 0, 3)
    assert not strong_break(doc, 2)
    assert strong_break(doc, 3)
