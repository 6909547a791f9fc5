"""The same matches as a spaCy ``Matcher``, for a fraction of its cost per message.

spaCy's ``Matcher`` starts every one of its patterns at every token of a doc. The red-flag
concepts (about 5,800 token patterns in the ``entity_ruler``) and the context triggers
(about 9,000 in ``bot.nlp.triggers``) made that the largest cost of a message's NLU
(MAINTAINING.md, "What one message costs"). Almost every pattern needs one particular
word somewhere in the doc ("clonus", "(spinal|spine)" ...): a pattern can only match a doc
that contains, as a token NORM, one word of each of its required (not optional) literal
token specs. ``ShardedMatcher`` files each pattern under one such word set (its *anchor*,
preferring rare words), builds one small ``Matcher`` per anchor at load time, and for a doc
runs only the matchers whose anchor words occur in it, plus the patterns without an anchor.
A pattern that was not run could not have matched, so the set of ``(key, start, end)``
matches is exactly the full matcher's (``tests/unit/test_sharded_matcher.py`` compares
them on every test message).

What is not the same: the *order* of the matches. ``find_triggers`` sorts them per
category; ``speed_up_entity_ruler`` sorts them as the ``EntityRuler`` does and hands a doc
whose order could matter (two labels on one span) to the ruler's own matcher.
"""

from __future__ import annotations

import logging
from typing import Any, Dict, FrozenSet, Iterable, List, Optional, Sequence, Tuple, Union

from spacy.attrs import NORM
from spacy.matcher import Matcher
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.vocab import Vocab

logger = logging.getLogger(__name__)

Match = Tuple[int, int, int]
#: Quantifiers of a token spec that make it required: it matches at least one token.
REQUIRED_OPS = (None, "1", "+")
#: Words too frequent to be a good anchor (a pattern filed under one runs on most docs).
FREQUENT = frozenset({
    "a", "an", "the", "i", "my", "me", "he", "she", "his", "her", "it", "is", "are", "was",
    "be", "been", "to", "of", "in", "on", "and", "or", "not", "no", "do", "does", "can",
    "have", "has", "had", "with", "for", "at", "this", "that", "what", "how", "when", "?",
    ",", ".", "!", "so", "but", "if", "you", "we", "they", "them", "there", "now", "very",
    "hai", "ki", "ka", "ke", "se", "mein", "है", "की", "का", "के", "से", "में", "और",
})


def required_words(spec: Dict[str, Any]) -> Optional[FrozenSet[str]]:
    """The NORM words of which a token spec needs one, when it is required and literal
    (``{"NORM": "word"}`` or ``{"NORM": {"IN": [...]}}``); else None."""
    if spec.get("OP") not in REQUIRED_OPS:
        return None
    value = spec.get("NORM")
    if isinstance(value, str):
        return frozenset([value])
    if isinstance(value, dict) and set(value) == {"IN"} and value["IN"] and \
            all(isinstance(w, str) for w in value["IN"]):
        return frozenset(value["IN"])
    return None


def anchor(pattern: Sequence[Dict[str, Any]]) -> Optional[FrozenSet[str]]:
    """The words of which a doc must contain one for ``pattern`` to match: the required
    literal spec with the fewest frequent words, then the fewest words; None if it has none."""
    best: Optional[Tuple[Tuple[int, int], FrozenSet[str]]] = None
    for spec in pattern:
        words = required_words(spec)
        if words is None:
            continue
        score = (sum(1 for w in words if w in FREQUENT), len(words))
        if best is None or score < best[0]:
            best = (score, words)
    return None if best is None else best[1]


class ShardedMatcher:
    """Runs only the patterns a doc's words allow; returns the full matcher's matches as a
    list of unique ``(key, start, end)`` in no particular order."""

    def __init__(self, vocab: Vocab, keyed_patterns: Iterable[Tuple[Union[int, str], List[Dict[str, Any]]]]) -> None:
        by_anchor: Dict[Optional[FrozenSet[str]], List[Tuple[Union[int, str], List[Dict[str, Any]]]]] = {}
        for key, pattern in keyed_patterns:
            by_anchor.setdefault(anchor(pattern), []).append((key, pattern))
        self.matchers: List[Matcher] = []
        self.always: List[int] = []
        self.index: Dict[int, List[int]] = {}
        self.patterns = 0
        for words, members in by_anchor.items():
            matcher = Matcher(vocab, validate=False)  # validated where the patterns are built
            grouped: Dict[Union[int, str], List[List[Dict[str, Any]]]] = {}
            for key, pattern in members:
                grouped.setdefault(key, []).append(pattern)
            for key, patterns in grouped.items():
                matcher.add(key, patterns)
            self.patterns += len(members)
            position = len(self.matchers)
            self.matchers.append(matcher)
            if words is None:
                self.always.append(position)
            else:
                for word in words:
                    self.index.setdefault(get_string_id(word), []).append(position)

    @classmethod
    def from_matcher(cls, matcher: Matcher) -> "ShardedMatcher":
        """The patterns of an existing matcher (no callbacks nor greedy filters allowed:
        those depend on the whole set of matches)."""
        if any(matcher._callbacks.values()) or any(matcher._filter.values()):
            raise ValueError("a matcher with on_match callbacks or greedy filters cannot be sharded")
        return cls(matcher.vocab, ((key, pattern) for key, patterns in matcher._patterns.items()
                                   for pattern in patterns))

    def shards_for(self, doc: Doc) -> List[int]:
        """The matchers to run on ``doc``, in a fixed order."""
        active = set(self.always)
        if len(doc):
            for norm in set(doc.to_array(NORM).tolist()):
                active.update(self.index.get(norm, ()))
        return sorted(active)

    def __call__(self, doc: Doc) -> List[Match]:
        found: Dict[Match, None] = {}
        for position in self.shards_for(doc):
            for match in self.matchers[position](doc):
                found[match] = None
        return list(found)


def ruler_order(matches: Iterable[Match]) -> Optional[List[Match]]:
    """``EntityRuler.match``'s result from its matches (no empty spans, unique, longest
    first, then earliest), or None when two labels share one span: their order would come
    from the full matcher's output order, which a sharded matcher does not reproduce."""
    final = {(key, start, end) for key, start, end in matches if start != end}
    spans = {(start, end) for _, start, end in final}
    if len(spans) != len(final):
        return None
    return sorted(final, key=lambda m: (m[2] - m[1], -m[1]), reverse=True)


def speed_up_entity_ruler(nlp: Any, name: str = "entity_ruler") -> bool:
    """Lets the pipeline's ``EntityRuler`` find its token patterns with a ``ShardedMatcher``
    (built now, at load time). Its entities are unchanged: same matches, same order (a doc
    where two labels share a span goes through the ruler's own matcher). False, changing
    nothing, when the pipeline has no such ruler or its patterns cannot be sharded."""
    if name not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe(name)
    if getattr(ruler, "_clonus_sharded", False):
        return True
    if not hasattr(ruler, "matcher") or not hasattr(ruler, "match") or len(ruler.phrase_matcher):
        return False  # phrase patterns: keep the ruler as it is (none in the project's pipeline)
    try:
        sharded = ShardedMatcher.from_matcher(ruler.matcher)
    except (ValueError, AttributeError) as error:
        logger.warning("entity ruler left as it is: %s", error)
        return False
    original = ruler.match

    def match(doc: Doc) -> List[Match]:
        ordered = ruler_order(sharded(doc))
        return original(doc) if ordered is None else ordered

    ruler.match = match
    ruler._clonus_sharded = True
    logger.info("entity ruler: %d token patterns in %d shards", sharded.patterns, len(sharded.matchers))
    return True
