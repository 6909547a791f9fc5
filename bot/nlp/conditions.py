"""The reach of a condition over a list of alternatives (session 12, issue 14, rf17).

"If it ever started suddenly, or she got a bad headache or went weak on one side, I guess
that would be serious?", "if a resident suddenly can't speak, has a droopy face or a weak arm
we call 999": the "if" of a question or a plan covers every item of its list, not only the
first one before the comma. ``if_list`` says whether a conditional trigger reaches a concept
across commas: each comma item after the first must continue the condition, i.e. open with
"or" / "nor" / "and if" (", or she got ...") or, without a subject of its own, hold an "or"
(", has a droopy face or a weak arm": a verb opens it). An item with a subject of its own (", I guess that would
be serious"), a stronger break (";", ":", "but", "however", a dash; not a hyphen inside a word) or a time anchor of its own ("now",
"today", "an hour ago", "suddenly" told after the condition) ends the reach: recall first.
"""

from __future__ import annotations

from typing import Dict, List, Tuple

from spacy.tokens import Doc

from bot.nlp.denial_lists import strong_break
from bot.nlp.spans import comma_items
from bot.nlp.triggers import ContextRules

TokenSpan = Tuple[int, int]

#: conditional triggers whose list may go on after a comma
CONDITIONS = frozenset({"if", "what if", "even if", "in case", "suppose", "supposing", "imagine",
                        "say", "let's say", "lets say", "what happens if", "for when"})
#: words that open a comma item continuing the condition
CONTINUERS = frozenset({"or", "nor"})
#: a long dash ends a condition too, besides the clause breaks of ``denial_lists.STRONG_BREAKS``
_LONG_DASHES = frozenset({"—"})
#: words that open an item without a subject that goes on with the condition's subject
#: (", has a droopy face or a weak arm"); any other opener ("her face started ...") is a
#: statement of its own
VERB_OPENERS = frozenset({"has", "have", "had", "gets", "get", "got", "goes", "go", "went", "is", "are",
                          "was", "were", "becomes", "become", "became", "loses", "lose", "lost", "can",
                          "ca", "could", "cannot", "develops", "develop", "developed", "starts", "start",
                          "started", "seems", "seem", "looks", "look", "feels", "feel", "suddenly",
                          "then", "also", "ever", "maybe", "perhaps", "stops", "stopped", "slurs",
                          "collapses", "collapsed", "falls", "fell", "passes", "passed"})
#: session 16 (issue 14, rf28b): words that open an item naming one more sign of the list without a
#: subject or verb (", a lopsided face or mixed-up words", ", slurred speech or a weak arm"): like a
#: verb opener, the item must hold an "or"; a possessive ("her face ...") or a pronoun opens a
#: statement of its own and ends the reach (recall first)
NOUN_OPENERS = frozenset({"a", "an", "any", "some", "one", "more", "sudden", "slurred", "garbled", "muddled",
                          "jumbled", "mixed", "droopy", "drooping", "lopsided", "crooked", "wonky", "weak",
                          "numb", "blurred", "blurry", "double", "loss", "trouble", "difficulty", "problems",
                          "confusion", "weakness", "numbness", "high", "very", "really", "bad", "severe"})
#: time words that make an item a statement of its own
OWN_TIME = ("onset", "now", "with_now")
#: session 17 (issue 14, rf29b): words an item of signs may hold besides the signs themselves ("If someone on
#: an SSRI gets a fever, sweating and twitching, is that an emergency?": the "if" reaches "sweating and twitching",
#: an item of signs only, when the condition's first item names a sign too)
SIGN_ITEM_WORDS = frozenset({"and", "or", "&", "/", "plus", "a", "an", "some", "any", "bad", "high", "very",
                             "really", "lots", "of", "heavy", "severe", "sudden"})
#: concepts that date or frame a story: an item that holds one is a statement of its own
TIME_CONCEPTS = frozenset({"TODAY_ONSET", "RECENT_START", "DAYS_AGO", "DAYS_SPAN", "NO_ONSET_FRAME", "SUDDEN",
                            "SUDDEN_JERK", "FIRST_EVER", "FIRST_EVER_DAYS", "CONTINUING", "TODAY_DATE"})


def labels_by_token(doc: Doc) -> Dict[int, str]:
    """The concept label of every token inside a concept."""
    return {i: ent.label_ for ent in doc.ents for i in range(ent.start, ent.end)}


def _signs_only(doc: Doc, covered: Dict[int, str], begin: int, stop: int) -> bool:
    """Session 17 (issue 14, rf29b): the item ``begin``..``stop`` names signs only (concepts, joiners and
    the few words of ``SIGN_ITEM_WORDS``), opens with a sign and holds no dating concept (``covered``:
    ``labels_by_token``)."""
    if begin >= stop or begin not in covered:
        return False
    for i in range(begin, stop):
        if i in covered:
            if covered[i] in TIME_CONCEPTS:
                return False
        elif doc[i].lower_ not in SIGN_ITEM_WORDS:
            return False
    return True


def if_list(doc: Doc, rules: ContextRules, found: Dict[str, List[TokenSpan]],
            trigger: TokenSpan, start: int) -> bool:
    """The conditional ``trigger`` reaches the concept at ``start`` across commas (see module)."""
    if doc[trigger[0]:trigger[1]].text.lower() not in CONDITIONS:
        return False
    if any(strong_break(doc, i) or doc[i].lower_ in _LONG_DASHES for i in range(trigger[1], start)):
        return False
    sent_end = doc[start].sent.end
    items = comma_items(doc, trigger[1], start)
    if len(items) < 2 or items[0][0] >= items[0][1]:
        return False
    stop = start
    # session 17 (rf29b): the condition's first item names a sign ("gets a fever"), so items of signs only go on with it
    first_sign = any(items[0][0] <= e.start and e.end <= items[0][1] and e.label_ not in TIME_CONCEPTS
                     for e in doc.ents)
    covered = labels_by_token(doc) if first_sign else {}
    for begin, _ in items[1:]:
        # the item runs to its own comma or to the end of the sentence
        stop = next((i for i in range(begin, sent_end) if doc[i].lower_ in {",", ";", ".", "?", "!"}), sent_end)
        if doc[begin].lower_ in CONTINUERS or (doc[begin].lower_ == "and" and begin + 1 < len(doc)
                                                and doc[begin + 1].lower_ == "if"):
            continue
        if first_sign and _signs_only(doc, covered, begin, stop):
            continue
        if doc[begin].lower_ not in VERB_OPENERS and doc[begin].lower_ not in NOUN_OPENERS:
            return False
        # an alternative ("or a weak arm"), not "or so"
        if not any(doc[i].lower_ in {"or", "nor"} and not (i + 1 < len(doc) and doc[i + 1].lower_ == "so")
                   for i in range(begin, stop)):
            return False
    anchors = [t for c in OWN_TIME for t in found.get(c, [])]
    return not any(items[1][0] <= t[0] < max(stop, start) for t in anchors)
