"""A negation's list that runs past the negation window (session 8, issue 14): "he denies
headache, blurred vision, slurred speech, facial droop, arm or leg weakness and any
numbness" denies every item. Settings in ``knowledge/context_rules.yml``
(``negation.list``); used by ``bot.nlp.context``.

Safety bias: only a plain list continues the denial. A subject, a verb of either tense, a
terminator ("but", "now") or other punctuation between the negation and the concept ends
it, so a sign told as a statement after a long denial ("no fever, no rash, but her arm
went weak") stays present.
"""

from __future__ import annotations

from typing import Dict, List, Tuple

from spacy.tokens import Doc

from bot.nlp.triggers import ContextRules

TokenSpan = Tuple[int, int]
#: words that only join or open the items of a denied list
LIST_WORDS = frozenset({"or", "nor", "any", "no", "not", "never", "without", "nothing"})


def _in_entity(i: int, entities: List[TokenSpan]) -> bool:
    return any(s <= i < e for s, e in entities)


def denial_list(doc: Doc, rules: ContextRules, found: Dict[str, List[TokenSpan]],
                entities: List[TokenSpan], start: int, end: int) -> bool:
    """The tokens from ``start`` to ``end`` only continue a denied list: at least two
    commas, at most ``rules.list_window`` tokens, items of at most ``rules.list_item_words``
    words besides the concepts (``entities``), and no subject, verb of either tense
    (``found``: the trigger spans), terminator or other punctuation."""
    if not rules.list_window or end - start > rules.list_window:
        return False
    for category in ("present_tense", "past_tense"):
        if any(start <= s and e <= end for s, e in found.get(category, [])):
            return False
    commas = item = 0
    for i in range(start, end):
        token = doc[i]
        word = token.lower_
        if word == ",":
            commas, item = commas + 1, 0
        elif word in rules.list_joiners or word in LIST_WORDS:
            item = 0
        elif word in rules.subjects or word in rules.terminators or token.norm_ in rules.terminators \
                or token.is_punct:
            return False
        elif not _in_entity(i, entities):
            item += 1
            if item > rules.list_item_words:
                return False
    return commas >= 2
