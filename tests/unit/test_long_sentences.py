"""Run-on sentences are cut before the context rules read them (bot/nlp/components.py
``LongSentenceSplitter``, ``clonus_long_sentences`` in the pipeline): a message of thousands
of words with no full stop no longer costs the context rules time that grows with the square
of its length, and what people really write reads exactly as before."""

from __future__ import annotations

from typing import Any

import pytest
import spacy

from bot.knowledge.red_flags import load_rules
from bot.nlp.components import LongSentenceSplitter
from bot.nlp.pipeline import MAX_SENTENCE_TOKENS, PACKAGE_NAME


@pytest.fixture(scope="module")
def nlp() -> Any:
    return spacy.load(PACKAGE_NAME)


def test_the_splitter_runs_after_the_sentencizer_and_before_the_rules(nlp) -> None:
    names = nlp.pipe_names
    assert names.index("sentencizer") < names.index("clonus_long_sentences") < names.index("entity_ruler")


def test_no_sentence_is_longer_than_the_limit(nlp) -> None:
    doc = nlp(("my leg keeps jerking and " * 200).strip())
    lengths = [len(s) for s in doc.sents]
    assert max(lengths) <= MAX_SENTENCE_TOKENS
    assert sum(lengths) == len(doc)  # nothing dropped


def test_a_cut_prefers_a_comma_or_a_conjunction(nlp) -> None:
    splitter = LongSentenceSplitter(10)
    blank = spacy.blank("en")
    blank.add_pipe("sentencizer")
    doc = splitter(blank("one two three four five six seven , eight nine ten eleven twelve"))
    assert [s.text for s in doc.sents][0] == "one two three four five six seven ,"
    doc = splitter(blank("a b c d e f g h i j k l m"))
    assert [len(s) for s in doc.sents] == [10, 3]  # no break word: cut at the limit


def test_an_ordinary_long_story_keeps_its_sentences(nlp) -> None:
    text = ("My mum has had MS for twelve years, she uses a stick, the physio comes on Tuesdays, "
            "her ankle bounces when she puts her foot on the step and it settles if she presses "
            "down, the neurologist knows about it and says it is clonus. Is there anything that "
            "helps at home?")
    plain = spacy.blank("en")
    plain.add_pipe("sentencizer")
    assert [s.text for s in nlp(text).sents] == [s.text for s in plain(text).sents]


def test_a_sign_deep_in_a_run_on_message_is_still_found_present(nlp) -> None:
    rules = load_rules()
    padding = "and then we went to the shop and bought some bread " * 40
    text = f"no weakness at all {padding} and now her speech is slurred since an hour"
    assessment = rules.assess(nlp(text))
    assert assessment.escalate, assessment.as_dict()


def test_the_longest_message_scanned_is_read_in_bounded_sentences(nlp) -> None:
    """The red-flag scan reads up to 20,000 characters (MAX_SCAN_CHARS); before the cut this
    message was one 3,000-token sentence (about 27 s of CPU in the context rules; the cost is
    shown by a benchmark, not timed here)."""
    doc = nlp(("clonus " * 3000)[:20000])
    assert len(doc.ents) > 1000
    assert max(len(s) for s in doc.sents) <= MAX_SENTENCE_TOKENS
