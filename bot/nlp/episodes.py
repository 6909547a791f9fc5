"""A past episode told over several sentences or clauses of one story (session 12, issue 14,
rf16; rules in ``knowledge/context_rules.yml``, ``past_episode``).

Run after every concept has its ConText status (``bot.nlp.components.ContextComponent``). A
present concept (not a framing one: ``well_since.neutral``) becomes historical when its story
dates it in another sentence or clause:

- its sentence points back at a date told before it ("I had a bleed in 2016. I had a
  thunderclap headache back then"): a ``back_reference`` not opened by a comparison word
  ("just like back then"), a date (``historical`` time markers) earlier in the message;
- the next sentence opens by dating what was just told ("That was in 2019."): ``dated_next``
  at its start and a date in it;
- the next clause of its sentence holds a date and nothing of its own ("slurring, confusion
  and a weak arm were all in 2019", "three concussions, the last in 2010");
- the next sentence says it has always been so and tells no concept of its own ("I never
  could, since childhood"): ``next_sentence`` with a long-standing phrase or a date;
- it is a later mention of the same concept told as past before ("the seizure", "a fit like
  that", "left over from the Bell's palsy": ``same_episode_before`` / ``same_episode_after``).

In the first three cases the concept's clause is told in the past tense only or has no verb.
Never when the concept's sentence holds a recent, now or sudden word ("today", "now",
"suddenly": recent onset wins), nor when a return ("again", "it's back") follows it.
"""

from __future__ import annotations

from typing import Any, List, Optional, Tuple

from spacy.tokens import Doc, Span

from bot.nlp.context import HISTORICAL, PRESENT, clause_of
from bot.nlp.spans import text_of, within

TokenSpan = Tuple[int, int]
#: anchors that keep a concept new whatever the story says (``recent`` in context_rules.yml)
_ANCHORS = ("onset", "now", "manner", "with_now")
#: phrases that date or tell a habit, for a sentence that says "it has always been so"
_LONG = ("long_standing", "long_standing_ref", "time")
#: a lead-in word before a sentence's dating phrase ("And that was in 2019")
_LEAD_INS = frozenset({"and", "but", "so", "well", "oh"})


def _anchored(reading: Any, scope: TokenSpan) -> bool:
    return any(reading.any_in(c, scope) for c in _ANCHORS)


def _past_or_verbless(reading: Any, clause: TokenSpan) -> bool:
    return not reading.any_in("present_tense", clause)


def _opening(doc: Doc, reading: Any, category: str, sent: Span) -> Optional[TokenSpan]:
    """A trigger of ``category`` that opens ``sent`` (after at most one lead-in word)."""
    start = sent.start + (1 if sent.start < sent.end and doc[sent.start].lower_ in _LEAD_INS else 0)
    return next((t for t in reading.found.get(category, []) if t[0] == start and t[1] <= sent.end), None)


def _next_sentence(doc: Doc, sent: Span) -> Optional[Span]:
    return doc[sent.end].sent if sent.end < len(doc) else None


def _concepts_in(doc: Doc, scope: TokenSpan, neutral: set) -> bool:
    return any(within((e.start, e.end), scope) and e.label_ not in neutral for e in doc.ents)


def _next_clause(doc: Doc, reading: Any, clause: TokenSpan, sent: TokenSpan) -> Optional[TokenSpan]:
    """The clause after ``clause`` in its sentence, when a comma or a dash opens it."""
    start = clause[1]
    if start >= sent[1] or doc[start].lower_ not in {",", "-", "—", ";"}:
        return None
    breaks = reading.rules.clause_breaks
    end = next((i for i in range(start + 1, sent[1]) if doc[i].lower_ in breaks), sent[1])
    return (start + 1, end) if start + 1 < end else None


def _dating_trigger(doc: Doc, reading: Any, ent: Span, clause: TokenSpan) -> Optional[str]:
    """The text that dates ``ent`` from another sentence or clause, or None (see the module)."""
    rules, found = reading.rules, reading.found
    sent = (ent.sent.start, ent.sent.end)
    not_after = rules.past_not_after

    def plain(trig: TokenSpan) -> bool:
        # "just like back then", "the same as in 2019" compare, they do not date
        return not any(doc[i].lower_ in not_after for i in range(max(0, trig[0] - 2), trig[0]))

    past = _past_or_verbless(reading, clause)
    if past:
        for trig in found.get("back_reference", []):
            if within(trig, sent) and plain(trig) and any(t[1] <= sent[0] for t in found["time"]):
                return text_of(doc, trig)
        nxt = _next_clause(doc, reading, clause, sent)
        if nxt is not None and doc[nxt[0]].lower_ not in not_after and not _anchored(reading, nxt) \
                and not reading.any_in("present_tense", nxt) \
                and not {doc[i].lower_ for i in range(*nxt)} & rules.subjects:
            dated = reading.any_in("time", nxt)
            if dated is not None:
                return text_of(doc, dated)
    following = _next_sentence(doc, ent.sent)
    if following is None:
        return None
    scope = (following.start, following.end)
    if _anchored(reading, scope) or reading.any_in("recurrence", scope):
        return None
    opening = _opening(doc, reading, "dated_next", following)
    if past and opening is not None:
        dated = reading.any_in("time", scope)
        if dated is not None:
            return text_of(doc, dated)
    opening = _opening(doc, reading, "past_next_sentence", following)
    if opening is not None and not _concepts_in(doc, scope, rules.well_since_neutral):
        if any(reading.any_in(c, scope) for c in _LONG):
            return text_of(doc, opening)
    return None


def _same_past_episode(doc: Doc, reading: Any, ent: Span) -> Optional[str]:
    """The trigger of an earlier past mention of the same concept that ``ent`` points back at
    ("the seizure", "a fit like that"), or None."""
    before = ent.start > 0 and doc[ent.start - 1].lower_ in reading.rules.same_episode_before
    after = any(t[0] == ent.end for t in reading.found.get("same_episode_after", []))
    if not (before or after):
        return None
    earlier = [e for e in doc.ents if e.end <= ent.start and e.label_ == ent.label_
               and e.text.lower() == ent.text.lower() and e._.status == HISTORICAL]
    return earlier[-1]._.trigger if earlier else None


def dated_elsewhere(doc: Doc, reading: Any) -> None:
    """Make past the present concepts a past episode told elsewhere in the story dates."""
    rules = reading.rules
    returns: List[TokenSpan] = [t for t in reading.found.get("recurrence", [])
                                if "?" not in doc[t[0]].sent.text]
    for ent in doc.ents:
        if ent._.status != PRESENT or ent.label_ in rules.well_since_neutral:
            continue
        if _anchored(reading, (ent.sent.start, ent.sent.end)) or any(t[0] >= ent.start for t in returns):
            continue
        trigger = _dating_trigger(doc, reading, ent, clause_of(doc, ent, rules)) or \
            _same_past_episode(doc, reading, ent)
        if trigger is not None:
            ent._.status = HISTORICAL
            ent._.trigger = trigger
