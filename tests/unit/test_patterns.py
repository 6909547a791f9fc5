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


# several-word options factored on their shared words before they are spelled out
# (MAINTAINING.md section 8, "Loading the spaCy pipeline")
FACTORED = ("(each|every) (day|week) (it 's been|it has been|they 've been|they have been|it 's got|"
            "it has got|it gets|they get|it is|they 're|it 's) (a little|a bit|even)? (more|worse|more intense)")


def test_several_word_options_are_factored_on_their_shared_words() -> None:
    compact, variants = to_patterns(FACTORED, norms), spelled_out(FACTORED)
    assert len(compact) <= 24 < len(variants)
    assert any(isinstance(spec["NORM"], dict) and {"'s", "has"} <= set(spec["NORM"]["IN"])
               for pattern in compact for spec in pattern if "NORM" in spec)


def test_a_factored_group_matches_exactly_what_its_options_match() -> None:
    compact, variants = to_patterns(FACTORED, norms), spelled_out(FACTORED)
    texts = [
        "every day it 's been worse", "each week it has got a bit more intense", "every day they 're more",
        "each day it 's more", "every week they 've been even worse", "every day they have been a little more",
        "every day it gets worse", "each week they get more intense", "every day it is a bit worse",
        "every day it has been worse", "every day they 's been worse",  # "they 's" is no option
        "every day it have been worse", "every day they has got worse", "every day it 's gotten worse",
        "every day they are worse",
    ]
    for text in texts:
        assert spans(compact, text) == spans(variants, text), text
    assert spans(compact, texts[0]) and not spans(compact, "every day they 's been worse")
    assert not spans(compact, "every day it have been worse")


def test_contraction_options_keep_their_own_tokens() -> None:
    # "'ve" is two tokens ("'", "ve") and "can't" two ("can", "not"): spelled out, not a set's member
    for phrase in ["(they 've been|they have been|they were) worse", "he (can't walk|cannot walk|can walk)",
                   "(i 'm|i am|we 're|we are) (not able to|unable to) walk"]:
        compact, variants = to_patterns(phrase, norms), spelled_out(phrase)
        for text in ["they 've been worse", "they have been worse", "they were worse", "they 've worse",
                     "they ' been worse", "he can't walk", "he cannot walk", "he can walk", "he can not walk",
                     "i 'm unable to walk", "we are not able to walk", "we 're unable to walk", "i am walk"]:
            assert spans(compact, text) == spans(variants, text), (phrase, text)
        assert len(compact) <= len(variants)
    assert len(to_patterns("(i 'm|i am|we 're|we are) (not able to|unable to) walk", norms)) < 8


def test_nested_and_optional_groups_are_factored_exactly() -> None:
    phrase = ("(since (the weekend|last weekend|last week|then|last (monday|friday)|(monday|friday))|lately)? "
              "(it|he) (has (got|become)|is getting|gets) worse (than before|than ever)?")
    compact, variants = to_patterns(phrase, norms), spelled_out(phrase)
    assert len(compact) < len(variants)
    for text in ["since last monday it has got worse", "since monday he gets worse than ever",
                 "since the weekend it is getting worse", "since last weekend it has become worse than before",
                 "since the monday it gets worse", "since last then it gets worse", "lately he gets worse",
                 "it gets worse", "since then he has getting worse", "he is got worse", "since last friday he is getting worse than"]:
        assert spans(compact, text) == spans(variants, text), text
    optional = "walk (a bit|a little|slightly)? (better|worse)"
    compact, variants = to_patterns(optional, norms), spelled_out(optional)
    assert len(compact) == 2  # "a (bit|little)" and the optional "(slightly)?"
    for text in ["walk worse", "walk a bit better", "walk a little worse", "walk slightly better",
                 "walk a slightly worse", "walk bit worse"]:
        assert spans(compact, text) == spans(variants, text), text
