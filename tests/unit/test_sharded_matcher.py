"""``bot/nlp/sharded_matcher.py``: the sharded matchers find exactly what spaCy's full
matchers find, on every held-in and red-flag test message, and the sped-up entity ruler
gives every doc the same entities (labels, ids, ConText status) as the ruler itself."""

from __future__ import annotations

from typing import List

import pytest
import spacy
from spacy.matcher import Matcher

from bot import paths
from bot.maintain.bench_messages import MESSAGES
from bot.maintain.red_flag_sets import load_groups
from bot.maintain.results import load_examples
from bot.nlp.sharded_matcher import (
    ShardedMatcher,
    anchor,
    required_words,
    ruler_order,
    speed_up_entity_ruler,
)


def _texts() -> List[str]:
    """Every red-flag test message, every fourth held-in NLU message, the bench messages."""
    texts = [t for p in sorted((paths.ROOT / "tests" / "nlu").rglob("*.yml")) for t, _ in load_examples(p)][::4]
    for path in sorted((paths.ROOT / "tests" / "red_flags").glob("*.yml")):
        texts += [t for group in load_groups(path).values() for t in group]
    texts += list(MESSAGES) + ["", "?", "clonus", "no no no", "1 2 3 4", "क्लोनस"]
    return list(dict.fromkeys(t.lower() for t in texts))  # the pipeline reads lower case (Rasa's SpacyNLP)


TEXTS = _texts()


@pytest.fixture(scope="module")
def plain():
    return spacy.load("en_clonus_pipeline")


class _Recording:
    """The ruler's own matcher, keeping what it found per doc (the full matcher is the slow
    part of this module: run once per message, while the pipeline runs, not twice)."""

    def __init__(self, matcher: Matcher) -> None:
        self.matcher, self.found = matcher, {}

    def __call__(self, doc, *args, **kwargs):
        matches = self.matcher(doc, *args, **kwargs)
        self.found[doc.text] = sorted(set(matches))
        return matches

    def __len__(self) -> int:
        return len(self.matcher)


@pytest.fixture(scope="module")
def ruler_found(plain):
    """The plain pipeline's entity ruler matches (its full matcher's), per message text."""
    ruler = plain.get_pipe("entity_ruler")
    recording = _Recording(ruler.matcher)
    ruler.matcher = recording
    try:
        docs = list(plain.pipe(TEXTS))
    finally:
        ruler.matcher = recording.matcher
    assert len(recording.found) == len(TEXTS)
    return docs, recording.found


@pytest.fixture(scope="module")
def docs(ruler_found):
    return ruler_found[0]


def test_the_sets_are_there() -> None:
    assert len(TEXTS) > 1500


def test_required_words_only_from_required_literal_specs() -> None:
    assert required_words({"NORM": "clonus"}) == {"clonus"}
    assert required_words({"NORM": {"IN": ["leg", "legs"]}, "OP": "+"}) == {"leg", "legs"}
    assert required_words({"NORM": "clonus", "OP": "?"}) is None
    assert required_words({"NORM": "clonus", "OP": "*"}) is None
    assert required_words({"NORM": "clonus", "OP": "!"}) is None
    assert required_words({"NORM": {"NOT_IN": ["not"]}}) is None
    assert required_words({"NORM": {"REGEX": "^lad"}}) is None
    assert required_words({"LIKE_NUM": True}) is None


def test_anchor_prefers_a_rare_word() -> None:
    pattern = [{"NORM": "my"}, {"NORM": "left", "OP": "?"}, {"NORM": {"IN": ["leg", "foot"]}}]
    assert anchor(pattern) == {"leg", "foot"}
    assert anchor([{"NORM": "spinal", "OP": "?"}, {"IS_PUNCT": True}]) is None


def test_entity_ruler_matches_are_the_full_matchers(plain, ruler_found) -> None:
    ruler = plain.get_pipe("entity_ruler")
    sharded = ShardedMatcher.from_matcher(ruler.matcher)
    assert sharded.patterns == sum(len(p) for p in ruler.matcher._patterns.values()) > 1000
    assert len(sharded.matchers) > 10  # really sharded
    docs, found = ruler_found
    assert sum(1 for doc in docs if found[doc.text]) > 500  # the full matcher's matches
    different = [doc.text for doc in docs if sorted(sharded(doc)) != found[doc.text]]
    assert not different, different[:5]


def test_context_trigger_matches_are_the_full_matchers(plain, docs) -> None:
    rules = plain.get_pipe("clonus_context").rules
    assert rules.sharded is not None
    different = [doc.text for doc in docs if sorted(rules.sharded(doc)) != sorted(set(rules.matcher(doc)))]
    assert not different, different[:5]


def test_the_sharded_matcher_runs_fewer_patterns_on_a_short_message(plain) -> None:
    rules = plain.get_pipe("clonus_context").rules
    assert len(rules.sharded.shards_for(plain("what is clonus"))) < len(rules.sharded.matchers) / 10


def _entities(doc):
    return [(e.start, e.end, e.label_, e.ent_id_, e._.status, e._.trigger) for e in doc.ents]


def test_sped_up_ruler_gives_the_same_entities_and_statuses(docs) -> None:
    fast = spacy.load("en_clonus_pipeline")
    assert speed_up_entity_ruler(fast)
    assert speed_up_entity_ruler(fast)  # a second call changes nothing
    for doc, fast_doc in zip(docs, fast.pipe(TEXTS), strict=True):
        assert _entities(fast_doc) == _entities(doc), doc.text
        assert fast_doc._.context_frames == doc._.context_frames, doc.text
        assert (fast_doc._.current_report, fast_doc._.recent_anchor) == \
            (doc._.current_report, doc._.recent_anchor), doc.text


def test_ruler_order_is_the_rulers_and_gives_up_on_a_shared_span() -> None:
    assert ruler_order([(1, 0, 2), (2, 3, 4), (3, 1, 4), (1, 2, 2)]) == [(3, 1, 4), (1, 0, 2), (2, 3, 4)]
    assert ruler_order([(1, 0, 2), (1, 0, 2)]) == [(1, 0, 2)]
    assert ruler_order([(1, 0, 2), (2, 0, 2)]) is None


def test_a_shared_span_goes_through_the_rulers_own_matcher() -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "A", "pattern": [{"NORM": "jerking"}]},
                        {"label": "B", "pattern": [{"NORM": "jerking"}]},
                        {"label": "C", "pattern": [{"NORM": "leg"}, {"NORM": "jerking"}]},
                        {"label": "D", "pattern": [{"NORM": "ankle"}]}])
    text = "my leg jerking and jerking"
    expected = [(e.start, e.end, e.label_) for e in nlp(text).ents]
    calls = []
    original = ruler.match

    def spy(doc):
        calls.append(doc.text)
        return original(doc)

    ruler.match = spy  # what the sped-up ruler falls back to
    assert speed_up_entity_ruler(nlp)
    assert [(e.start, e.end, e.label_) for e in nlp(text).ents] == expected
    assert calls == [text]
    assert [(e.start, e.end, e.label_) for e in nlp("my ankle").ents] == [(1, 2, "D")]
    assert calls == [text]  # no shared span: the sharded matches alone


def test_a_matcher_with_callbacks_is_not_sharded(plain) -> None:
    matcher = Matcher(plain.vocab)
    matcher.add("X", [[{"NORM": "a"}]], on_match=lambda *args: None)
    with pytest.raises(ValueError):
        ShardedMatcher.from_matcher(matcher)


def test_no_ruler_no_change() -> None:
    assert not speed_up_entity_ruler(spacy.blank("en"))


def test_the_full_trigger_matcher_is_built_only_when_asked_for() -> None:
    # adding ~7,000 patterns with word sets to one Matcher took most of the load time; only
    # the sharded matcher runs on messages
    from bot.nlp.triggers import ContextRules

    nlp = spacy.blank("en")
    rules = ContextRules.from_dict({"negation": {"forward": ["(no|not|never) (sign|signs) of", "denies"]},
                                    "hypothetical": {"forward": ["what if", "(could|would) (it|this) be"]}},
                                   nlp)
    assert rules._full is None
    doc = nlp("no sign of weakness , what if it is a stroke")
    assert sorted(rules.sharded(doc)) == sorted(set(rules.matcher(doc)))
    assert rules._full is not None and rules.matcher is rules._full
    assert {doc.vocab.strings[key] for key, _, _ in rules.sharded(doc)} == {"neg_forward", "hypothetical"}


def test_every_trigger_pattern_is_valid(plain) -> None:
    # the sharded matchers do not validate (the patterns are checked here and, for the
    # entity ruler's, when the pipeline is built)
    from spacy.schemas import validate_token_pattern

    rules = plain.get_pipe("clonus_context").rules
    assert sum(len(p) for p in rules.patterns.values()) > 1000
    errors = [e for patterns in rules.patterns.values() for p in patterns for e in validate_token_pattern(p)]
    assert not errors, errors[:5]
