"""Negated lists in Hindi (issue 17, item 4): one "nahi" after a list of signs denies them all.

Hindi puts the negation after the list: "koi kamzori ya sunnpan ya bolne me dikkat nahi
hai", "कमजोरी, सुन्नपन या सिर दर्द, ऐसा कुछ नहीं हुआ", "उनको कोई सुन्नपन, कोई कमजोरी, कोई
लकवा नहीं है". The backward negation of ``bot.nlp.context`` reaches only the last item (4
tokens, no comma); this walk carries it back over the items before it.

The walk goes forward from a concept over nothing but list material (data in
``knowledge/context_rules_hi.yml``, ``negation.list_fillers`` and ``list_joiners``): other
concepts, list joiners ("ya", "या", "aur"), commas and filler words ("koi", "कुछ", "ऐसा",
"दोनों", "hona"); one unknown word per item is allowed only right after a joiner ("या
speech problem") or between a comma and a joiner ("बेहोशी, दौरा या ..."). It stops at anything else, and always at a verb or a time word (any trigger of
the tense, time and condition categories), a person, a terminator or a clause break: "kamzori
aa gayi aur sunnpan nahi hai" keeps the weakness present (recall first). The list is negated
only when the walk ends right on a list-closing negation (``negation.list_end``) that is no
part of a pseudo-negation ("kuch samajh nahi aa raha") or of a concept's own phrase.
"""

from __future__ import annotations

from typing import Dict, List, Optional, Protocol, Set, Tuple

from spacy.tokens import Doc

from bot.nlp.triggers import ContextRules

TokenSpan = Tuple[int, int]


class _Reading(Protocol):
    """What the walk needs of ``bot.nlp.context._Reading`` (the doc's filtered triggers)."""

    doc: Doc
    rules: ContextRules
    found: Dict[str, List[TokenSpan]]
    entity_spans: List[TokenSpan]

#: trigger categories whose words end a list: verbs, tense, time and condition words
STOP_CATEGORIES = ("present_tense", "past_tense", "onset", "now", "recurrence", "time", "long_standing",
                   "resolved", "resolved_ref", "hypothetical", "hyp_backward", "habitual", "followed")
#: the punctuation that separates list items (not "." or "।", which end a sentence)
LIST_PUNCT = frozenset({",", "/", "-", ";"})
#: unknown words allowed in one gap between two items, right after a joiner
MAX_UNKNOWN = 1


def _stopped_positions(reading: "_Reading") -> Set[int]:
    out: Set[int] = set()
    for category in STOP_CATEGORIES:
        for start, end in reading.found.get(category, []):
            out.update(range(start, end))
    return out


def _closes_list(reading: "_Reading", i: int, pseudo: List[TokenSpan]) -> bool:
    token = reading.doc[i]
    if not ({token.lower_, token.norm_} & reading.rules.list_negation_ends):
        return False
    inside = any(s <= i < e for s, e in pseudo) or any(s <= i < e for s, e in reading.entity_spans)
    return not inside


def _is_word(text: str) -> bool:
    """Letters only (Devanagari vowel signs count: ``str.isalpha`` says no to them)."""
    return all(c.isalpha() or "\u0900" <= c <= "\u097f" for c in text)


def _separates(reading: "_Reading", i: int) -> bool:
    token = reading.doc[i]
    return token.text in LIST_PUNCT or bool({token.lower_, token.norm_} & reading.rules.list_joiners)


def _mid_list(reading: "_Reading", i: int) -> bool:
    """A word between a comma and a joiner or comma ("बेहोशी, दौरा या ..."): an item of the list."""
    doc = reading.doc
    return 0 < i < len(doc) - 1 and doc[i - 1].text in LIST_PUNCT and _separates(reading, i + 1)


def list_negation(reading: "_Reading", ent_start: int, ent_end: int) -> Optional[str]:
    """The list-closing negation that denies the concept at ``ent_start:ent_end`` with the
    list it opens or belongs to, else None."""
    rules, doc = reading.rules, reading.doc
    if not rules.list_negation_ends:
        return None
    sent_end = doc[ent_start].sent.end
    starts = {s: e for s, e in reading.entity_spans}
    stopped = _stopped_positions(reading)
    pseudo = reading.found.get("pseudo", [])
    blocked = rules.experiencers | rules.terminators | rules.clause_breaks
    i, unknown, after_joiner, crossed = ent_end, 0, False, False
    while i < sent_end:
        token = doc[i]
        words = {token.lower_, token.norm_}
        if _closes_list(reading, i, pseudo):
            return token.text if crossed else None
        if i in starts and starts[i] > i:
            i, unknown, after_joiner, crossed = starts[i], 0, False, True
            continue
        if token.text in LIST_PUNCT:  # a comma may be a clause break too: here it parts items
            after_joiner, crossed = False, True
        elif i in stopped or words & blocked:
            return None
        elif words & rules.list_joiners:
            after_joiner, crossed = True, True
        elif words & rules.list_fillers:
            pass
        elif unknown < MAX_UNKNOWN and _is_word(token.text) and (after_joiner or _mid_list(reading, i)):
            unknown += 1
        else:
            return None
        i += 1
    return None


def belongs_to_a_later_clause(reading: "_Reading", ent_end: int, trig_start: int) -> bool:
    """A Hindi "nahi" after another concept and a verb of this one ("kamzori aa gayi aur
    sunnpan nahi hai", "muh tedha ho gaya aur bukhar nahi hai") negates the later concept
    only: the verb closes this concept's statement (recall first)."""
    doc, rules = reading.doc, reading.rules
    trigger = doc[trig_start]
    if not ({trigger.lower_, trigger.norm_} & rules.list_negation_ends):
        return False
    later = any(ent_end <= s < trig_start for s, _ in reading.entity_spans)
    if not later:
        return False
    stopped = _stopped_positions(reading)
    inside = {i for s, e in reading.entity_spans for i in range(s, e)}
    return any(i not in inside and (i in stopped or {doc[i].lower_, doc[i].norm_} & rules.experiencers)
               for i in range(ent_end, trig_start))

