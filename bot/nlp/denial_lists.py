"""How far a negation's list reaches (session 8, issue 14); used by ``bot.nlp.context``.

- ``denial_list``: a list that runs past the negation window ("he denies headache, blurred
  vision, slurred speech, facial droop, arm or leg weakness and any numbness") denies every
  item (``negation.list`` in ``knowledge/context_rules.yml``).
- ``denied_after_list``: "blurred vision, numbness, weakness: the GP asked about all of
  those and I have none of them": a denial after a plain list that opens the sentence
  (``negation.after_list``, session 8, rf6).
- ``told_on_its_own``: "no fever, slurred speech since an hour": a later item after a comma
  that carries its own time words is a statement of its own, not a denied item
  (``negation.own_item``).
- ``negation``: the negation status of one concept, using the three above (moved here from
  ``bot.nlp.context`` in session 9 to keep that module under ~400 lines), with the scope
  helpers ``terminated`` and ``crosses_clause``.

Safety bias: only a plain list continues the denial. A subject, a verb of either tense, a
terminator ("but", "now") or other punctuation between the negation and the concept ends
it, so a sign told as a statement after a long denial ("no fever, no rash, but her arm
went weak") stays present.
"""

from __future__ import annotations

from typing import Any, Callable, Dict, List, Optional, Tuple

from spacy.tokens import Doc, Span

from bot.nlp.lists import belongs_to_a_later_clause, list_negation
from bot.nlp.triggers import ContextRules

TokenSpan = Tuple[int, int]
#: words that only join or open the items of a denied list
LIST_WORDS = frozenset({"or", "nor", "any", "no", "not", "never", "without", "nothing"})


def _in_entity(i: int, entities: List[TokenSpan]) -> bool:
    return any(s <= i < e for s, e in entities)


def denial_list(doc: Doc, rules: ContextRules, found: Dict[str, List[TokenSpan]],
                entities: List[TokenSpan], start: int, end: int, min_commas: int = 2) -> bool:
    """The tokens from ``start`` to ``end`` only continue a denied list: at least two
    commas, at most ``rules.list_window`` tokens, items of at most ``rules.list_item_words``
    words besides the concepts (``entities``), and no subject, verb of either tense
    (``found``: the trigger spans), terminator or other punctuation."""
    # the negation's own verb and "any" ("I don't have any A, B, C or D", "haven't got any")
    # open the list (session 8, rf6)
    while start < end and (doc[start].lower_ in rules.own_item_verbs or doc[start].norm_ in rules.own_item_verbs
                           or doc[start].lower_ == "any"):
        start += 1
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
    return commas >= min_commas


#: conditionals whose question covers a plain list ("asked whether I get A, B or C")
ASKING = frozenset({"if", "whether"})


def asked_list(doc: Doc, rules: ContextRules, found: Dict[str, List[TokenSpan]],
               entities: List[TokenSpan], trigger: TokenSpan, start: int) -> bool:
    """Session 9 (issue 14, rf7): "the physio asked whether I get dizziness, blurred sight or
    trouble swallowing": an "if" / "whether" followed by its subject and verb ("I get", "he
    ever had") and a plain list (``denial_list`` with one comma) reaches every item of it."""
    if doc[trigger[0]:trigger[1]].text.lower() not in ASKING:
        return False
    i = trigger[1]
    if i < start and doc[i].lower_ in rules.subjects:
        i += 1
    while i < start and (doc[i].lower_ in {"ever", "still", "also"} or doc[i].lower_ in rules.own_item_verbs
                         or doc[i].norm_ in rules.own_item_verbs):
        i += 1
    words = {doc[k].lower_ for k in range(trigger[1], start)}
    return i < start and bool(words & ({","} | rules.list_joiners)) and \
        denial_list(doc, rules, _without_verbs(found, trigger[1], i), entities, i, start, min_commas=1)


def _without_verbs(found: Dict[str, List[TokenSpan]], start: int, end: int) -> Dict[str, List[TokenSpan]]:
    """``found`` without the tense words of the question's own subject and verb."""
    return {c: [t for t in spans if not (start <= t[0] and t[1] <= end)] for c, spans in found.items()}


#: the time words that make a list item a statement of its own (``recent`` lists)
OWN_TIME = ("onset", "now", "manner")
#: joiners that only a denied list has ("no A, B or C")
DENIED_LIST_JOINERS = frozenset({"or", "nor"})


def told_on_its_own(doc: Doc, rules: ContextRules, found: Dict[str, List[TokenSpan]],
                    trigger: TokenSpan, start: int, end: int) -> bool:
    """The concept at ``start``-``end`` is in a later comma item than the negation
    ``trigger`` ("no" / "not" without a verb after it) and that item has its own time words."""
    words = doc[trigger[0]:trigger[1]].text.lower()
    if words not in rules.own_item_triggers:
        return False
    if trigger[1] < len(doc) and (doc[trigger[1]].lower_ in rules.own_item_verbs
                                  or doc[trigger[1]].norm_ in rules.own_item_verbs):
        return False
    commas = [i for i in range(trigger[1], start) if doc[i].lower_ in (",", ";")]
    if not commas:
        return False
    item_start, item_end = commas[-1] + 1, end
    sent_end = doc[start].sent.end
    while item_end < sent_end and not doc[item_end].is_punct:
        item_end += 1
    # "no numbness, tingling or weakness since this morning": an "or" makes it one denied
    # list whose time words cover every item (no one asserts "tingling or weakness")
    if any(doc[i].lower_ in DENIED_LIST_JOINERS for i in range(trigger[1], item_end)):
        return False
    return any(item_start <= s and e <= item_end
               for category in OWN_TIME for s, e in found.get(category, []))


#: punctuation that ends the list a later denial points back at ("A, B, C: I have none")
LIST_ENDS = frozenset({":", "-", "—", "–"})
#: punctuation that ends the sentence between the list and the denial
SENTENCE_ENDS = frozenset({".", "!", "?"})


def denied_after_list(doc: Doc, rules: ContextRules, found: Dict[str, List[TokenSpan]],
                      entities: List[TokenSpan], trigger: TokenSpan, start: int) -> bool:
    """The concept starting at ``start`` is an item of a plain list (``denial_list``) that
    opens the text or a sentence, or follows a colon or dash (session 10, rf9: "the GP went
    through a list - A, B, C - I have none of them"), and ends at a colon or dash, and the
    denial ``trigger`` ("I have none of them") follows that list in the same sentence."""
    if trigger[0] <= start:
        return False
    list_start = start
    while list_start > 0 and doc[list_start - 1].lower_ not in SENTENCE_ENDS and not (
            doc[list_start - 1].lower_ in LIST_ENDS and not in_word_hyphen(doc, list_start - 1)):
        list_start -= 1
    list_end = next((i for i in range(start, trigger[0]) if doc[i].lower_ in LIST_ENDS), None)
    if list_end is None:
        return False
    if any(doc[i].lower_ in SENTENCE_ENDS for i in range(list_end, trigger[0])):
        return False
    return denial_list(doc, rules, found, entities, list_start, list_end)


#: dashes between words ("not tired, not drunk - keep missing the handle")
DASHES = frozenset({"-", "--", "\u2013", "\u2014"})
#: words after a dash that go on with the denied list ("no fever - or headache")
DASH_LIST_WORDS = frozenset({"or", "nor", "and", "neither", "any"})


def ends_at_dash(doc: Doc, i: int) -> bool:
    """Session 14 (issue 14, rf25): a free-standing dash ends a negation's scope: what follows
    is told on its own ("not tired, not drunk - keep missing the door handle"; FindADoctor 2026:
    a sign after a negation still counts). A hyphen inside a word ("pins-and-needles") and a dash
    that goes on with the list ("no fever - or headache") do not; a next item with its own "no"
    ("no fever - no headache") is denied by that "no"."""
    if doc[i].text not in DASHES or in_word_hyphen(doc, i):
        return False
    return not (i + 1 < len(doc) and doc[i + 1].lower_ in DASH_LIST_WORDS)


def terminated(doc: Doc, start: int, end: int, rules: ContextRules) -> bool:
    for i in range(start, end):
        if doc[i].lower_ in rules.terminators or doc[i].norm_ in rules.terminators:
            return True
        if ends_at_dash(doc, i):
            return True
        # "... and he is choking": a new subject starts a new statement
        if doc[i].lower_ in {"and", ",", "&"} and i + 1 < end and \
                (doc[i + 1].lower_ in rules.interjection_followers
                 or doc[i + 1].norm_ in rules.interjection_followers):
            return True
    return False


def in_word_hyphen(doc: Doc, i: int) -> bool:
    """Token ``i`` is a hyphen inside a word ("post-op", "pre-school"): no clause break
    (session 9, rf7: it cut a date off the sign, "a post-op infection two years ago")."""
    return doc[i].text == "-" and 0 < i < len(doc) - 1 and not doc[i - 1].whitespace_ \
        and not doc[i].whitespace_ and _letters(doc[i - 1].text) and _letters(doc[i + 1].text)


def _letters(text: str) -> bool:
    """Only letters, Devanagari vowel signs and viramas included (``is_alpha`` is false for
    "उँगली": a hyphen between two Devanagari words is inside a word too)."""
    return bool(text) and all(c.isalpha() or "\u0900" <= c <= "\u097f" for c in text)


#: words that end a clause more strongly than a comma (``bot.nlp.conditions`` stops a condition there)
STRONG_BREAKS = frozenset({";", ":", "but", "-", "however"})


def strong_break(doc: Doc, i: int) -> bool:
    """Token ``i`` is one of ``STRONG_BREAKS`` (a hyphen inside a word such as "post-op" is not)."""
    return doc[i].lower_ in STRONG_BREAKS and not in_word_hyphen(doc, i)


def crosses_clause(doc: Doc, start: int, end: int) -> bool:
    """A comma, semicolon, colon or "but" between two positions."""
    return any(doc[i].lower_ == "," or strong_break(doc, i) for i in range(start, end))


#: words between a negation and the frame it denies ("not like my usual", "nothing quite like his
#: usual"): ``denies_a_frame`` here and ``bot.nlp.frames.undenied`` skip them
FRAME_DENIAL_FILLERS = frozenset({"like", "quite", "exactly", "just"})
#: frame concepts a negation may deny on their own ("not my usual jerks": the usual is denied)
FRAME_LABELS = frozenset({"NO_ONSET_FRAME"})
#: the owner and word of a usual frame ("my normal", "the regular")
_FRAME_OWNERS = frozenset({"my", "his", "her", "their", "our", "the", "your"})
_USUAL_WORDS = frozenset({"usual", "normal", "regular", "typical", "ordinary", "everyday", "old", "same"})
#: concepts whose absence is the sign itself ("the right half just wasn't there")
ABSENCE_SIGNS = frozenset({"VISION"})


def denies_a_frame(reading: Any, trigger: TokenSpan, ent: Span) -> bool:
    """Session 12 (issue 14, rf18): a negation right before a frame concept ("not my usual
    jerks - these started an hour ago", "not the usual twitching") denies the frame, not the
    sign it frames: the sign is told as new (FindADoctor 2026: clonus that begins suddenly).
    The frame itself is still denied (``ent`` is the frame)."""
    doc, after = reading.doc, trigger[1]
    # session 13 (issue 14, rf22): "it's not like my normal clonus", "not quite my usual jerks"
    # (FindADoctor 2026: clonus that begins suddenly)
    if after + 1 < ent.start and doc[after].lower_ in FRAME_DENIAL_FILLERS:
        after += 1
    # "not my normal clonus", "not the regular twitching": the same frame told with another word
    if after + 1 < ent.start and doc[after].lower_ in _FRAME_OWNERS and doc[after + 1].lower_ in _USUAL_WORDS:
        return True
    return any(e.label_ in FRAME_LABELS and e.start == after and e.end <= ent.start for e in doc.ents)


def absence_is_the_sign(doc: Doc, trigger: TokenSpan, ent: Span) -> bool:
    """Session 12 (issue 14, rf18): "wasn't there", "not there" said of part of what one sees
    tells that part of the visual field is missing (FindADoctor 2026: changes in vision): for a
    vision concept such a negation is the sign, not its denial."""
    if ent.label_ not in ABSENCE_SIGNS:
        return False
    words = [doc[i].lower_ for i in range(trigger[0], min(len(doc), trigger[1] + 1))]
    return "there" in words


def negation(reading: Any, ent: Span, usable: Callable[[TokenSpan], bool]) -> Optional[str]:
    """The negation trigger that denies ``ent`` (None: not negated): a forward trigger in
    its window or its denied list, a Hindi one right before it, a denial after a list, a
    backward one right after it, or a Hindi negation closing a list (``bot.nlp.lists``).
    ``reading`` is ``bot.nlp.context._Reading`` (the doc's filtered triggers)."""
    doc, rules, found = reading.doc, reading.rules, reading.found
    for trig in found["neg_forward"]:
        if not usable(trig) or trig[1] > ent.start:
            continue
        if denies_a_frame(reading, trig, ent) or absence_is_the_sign(doc, trig, ent):
            continue  # session 12 (issue 14, rf18)
        if terminated(doc, trig[1], ent.start, rules) \
                or told_on_its_own(doc, rules, found, trig, ent.start, ent.end):
            continue
        if ent.start - trig[1] > rules.negation_window and \
                not denial_list(doc, rules, found, reading.entity_spans, trig[1], ent.start):
            continue
        if trig[1] < len(doc) and doc[trig[1]].is_punct:
            continue  # elliptical: "I'm not, ..." negates nothing after it
        if doc[trig[0]:trig[1]].text.lower() == "no" and trig[1] < len(doc):
            follower = doc[trig[1]]
            if follower.is_punct or follower.lower_ in rules.interjection_followers:
                continue
        return doc[trig[0]:trig[1]].text
    # right before the concept: Hindi puts "nahi" before the verb ("zubaan nahi ladkhadati")
    for trig in found["neg_adjacent"]:
        if usable(trig) and trig[1] == ent.start:
            return doc[trig[0]:trig[1]].text
    for trig in found["neg_after_list"]:
        if usable(trig) and denied_after_list(doc, rules, found, reading.entity_spans, trig, ent.start):
            return doc[trig[0]:trig[1]].text
    for trig in found["neg_backward"]:
        if absence_is_the_sign(doc, trig, ent):
            continue  # session 12 (issue 14, rf18)
        if usable(trig) and trig[0] >= ent.end and trig[0] - ent.end <= 4 \
                and not terminated(doc, ent.end, trig[0], rules) \
                and not crosses_clause(doc, ent.end, trig[0]) \
                and not belongs_to_a_later_clause(reading, ent.end, trig[0]):
            return doc[trig[0]:trig[1]].text
    # a Hindi negation after a list of signs ("koi kamzori ya sunnpan nahi"): bot/nlp/lists.py
    return list_negation(reading, ent.start, ent.end)
