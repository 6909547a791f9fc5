"""The phrase mini-language's compiler (bot/nlp/patterns.py): groups of single words become
one token with a set, so a phrase with many groups stays a handful of patterns and matches
exactly what its spelled-out variants match."""

from __future__ import annotations

from typing import List

import spacy
from spacy.matcher import Matcher

from bot.nlp.patterns import expand, phrase_words, to_patterns

NLP = spacy.blank("en")
LONG = ("(for|over) (about|nearly|more than|well over)? (#num|a few|several) (years|decades) (now)? "
        "(,)? (ever)? since (a|the|my|his|her) * (accident|crash|injury|fall|operation)")


def norms(text: str) -> List[str]:
    return [t.norm_ for t in NLP.make_doc(text.lower())]


def spans(patterns: list, text: str) -> set:
    matcher = Matcher(NLP.vocab)
    matcher.add("X", patterns)
    doc = NLP.make_doc(text.lower())
    return {(start, end) for _, start, end in matcher(doc)}


def spelled_out(phrase: str) -> list:
    """One pattern per plain variant (the compiler before sets)."""
    out = []
    for words in expand(phrase):
        out.extend(to_patterns(" ".join(words), norms))
    return out


def test_groups_do_not_multiply_into_thousands_of_patterns() -> None:
    assert len(expand(LONG)) > 1000
    assert len(to_patterns(LONG, norms)) <= 20


def test_compact_patterns_match_what_the_variants_match() -> None:
    texts = [
        "i have had this for about ten years now, ever since my accident on the bike",
        "for several decades since the bad crash at work",
        "over a few years since her fall",
        "for years since my fall",  # no number: no match either way
        "for 12 years , since his operation",
    ]
    compact, variants = to_patterns(LONG, norms), spelled_out(LONG)
    for text in texts:
        assert spans(compact, text) == spans(variants, text), text


def test_multi_token_words_in_a_group_are_spelled_out() -> None:
    # "can't" is two tokens ("ca", "n't" -> norms "can", "not"): no single-token set for it
    patterns = to_patterns("(can't|unable to) (walk|talk)", norms)
    assert spans(patterns, "he can't talk") and spans(patterns, "unable to walk")
    assert not spans(patterns, "he can talk")


def test_phrase_words_lists_every_word_once() -> None:
    assert phrase_words("(a|b) c (a|d)?") == ["a", "b", "c", "d"]
