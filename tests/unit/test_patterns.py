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


MIXED = ("(does|do|did|can't|cannot|won't) (not)? (understand|follow|get|make sense of) "
         "(what|anything|a word|whatever) (i|we|you|anyone) (say|said|tell him|ask)")


def test_a_group_with_several_token_words_keeps_its_one_token_words_as_one_set() -> None:
    # spelling out every word of such a group multiplied phrases into thousands of patterns
    # (the whole pipeline's ruler had 44,168; the same matches now take 30,986)
    compact = to_patterns(MIXED, norms)
    assert len(expand(MIXED)) > 1000
    assert len(compact) <= 4 * 2 * 2 * 2  # per group: its set and each several-token word
    assert any(isinstance(spec["NORM"], dict) and {"does", "do", "did"} <= set(spec["NORM"]["IN"])
               for pattern in compact for spec in pattern if "NORM" in spec)


def test_mixed_groups_match_what_the_variants_match() -> None:
    texts = [
        "he does not understand what i say",
        "she can't follow anything we said",
        "mum cannot make sense of a word you tell him",
        "he won't get whatever anyone ask",
        "he did understand what i say",
        "dad does understand a word i said",
        "he can not follow what we tell him",
        "it does not matter what i say",  # no match either way
    ]
    compact, variants = to_patterns(MIXED, norms), spelled_out(MIXED)
    for text in texts:
        assert spans(compact, text) == spans(variants, text), text
    assert spans(compact, texts[0]) and spans(compact, texts[1]) and not spans(compact, texts[-1])


def test_an_optional_group_of_several_token_words_stays_optional() -> None:
    phrase = "(can't|cannot)? walk"
    compact, variants = to_patterns(phrase, norms), spelled_out(phrase)
    for text in ["he can't walk", "walk", "he cannot walk", "he can walk"]:
        assert spans(compact, text) == spans(variants, text), text
