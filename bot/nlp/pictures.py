"""Known long-term conditions whose usual features are no new sign (moved from
``bot.nlp.context`` in session 9 to keep that module under ~400 lines; rules in
``knowledge/context_rules.yml``, ``chronic_picture`` and ``liver_picture``).

- ``chronic_picture``: weakness, numbness or poor balance in a message that tells of a
  lifelong, past-dated or relapsing condition (cerebral palsy, a spinal cord injury, MS ...).
- ``liver_picture``: confusion or irritability in a message that tells of known liver disease
  with a history, a follow-up or a habit, never with fever, a stiff neck or unresponsiveness.

Both return the text of the phrase that places the concept in the known picture (None: it
stays as the other rules read it). ``reading`` is ``bot.nlp.context._Reading``.
"""

from __future__ import annotations

from typing import Any, Optional, Tuple

from spacy.tokens import Span

TokenSpan = Tuple[int, int]


def _text(doc: Any, span: TokenSpan) -> str:
    return doc[span[0]:span[1]].text


def _within(span: TokenSpan, scope: TokenSpan) -> bool:
    return scope[0] <= span[0] and span[1] <= scope[1]


def chronic_picture(reading: Any, ent: Span, clause: TokenSpan) -> Optional[str]:
    """Weakness, numbness or poor balance in a message that tells of a known long-term
    condition, with no time anchor in the sentence and no word of change in the clause."""
    rules, found = reading.rules, reading.found
    if ent.label_ not in rules.chronic_features:
        return None
    sent = (ent.sent.start, ent.sent.end)
    if reading.any_in("onset", sent) or reading.any_in("now", clause) or reading.any_in("change", clause):
        return None
    if any(_within(s, clause) for s in reading.entity_spans_of("WORSENING")):
        return None
    if _new_in_sentence(reading, sent) or _spared_side(reading, ent, clause):
        return None
    for category in sorted(rules.chronic_frames):
        if found.get(category):
            return _text(reading.doc, found[category][0])
    # MS and the like, or a condition of the vocabulary: only with a date, a habit, a
    # long-standing or followed phrase somewhere in the message
    named = found["relapsing_condition"] or reading.entity_spans_of("CONDITION")
    support = next((found[c][0] for c in sorted(rules.relapsing_with) if found.get(c)), None)
    if named and support is not None:
        return _text(reading.doc, support)
    return None


#: session 17 (issue 14, rf29a): concepts that date a start within the last hours or today
_RECENT_STARTS = ("RECENT_START", "TODAY_ONSET")


#: words after "my good leg" that tell it is still fine ("my good arm is fine"): no new sign there
_STILL_FINE = frozenset({"fine", "ok", "okay", "normal", "strong", "good", "great", "well", "unaffected", "perfect"})


def _new_in_sentence(reading: Any, sent: TokenSpan) -> bool:
    """Session 17 (issue 14, rf29a): the feature's own sentence tells a start of its own, in any of
    its clauses: a start within hours or today ("Just now my good leg gave way and I can't move
    it") or a sudden manner ("suddenly"). A known condition told in another sentence ("clonus from a
    stroke years ago.") does not make that sign part of its picture (FindADoctor 2026: sudden
    weakness or numbness)."""
    if reading.any_in("manner", sent):
        return True
    return any(_within(s, sent) for label in _RECENT_STARTS for s in reading.entity_spans_of(label))


def _spared_side(reading: Any, ent: Span, clause: TokenSpan) -> bool:
    """Session 17 (issue 14, rf29a): the sign is told of the side the condition spared ("my good
    leg", "the other arm", "the good one"), named in its clause or before it in its sentence, and
    not told to be fine ("my legs are weak, my good arm is fine" stays the known picture)."""
    doc = reading.doc
    end = ent.sent.end
    for trig in reading.found.get("unaffected_side", []):
        if not (_within(trig, clause) or (ent.sent.start <= trig[0] and trig[1] <= ent.start)):
            continue
        if not any(doc[i].lower_ in _STILL_FINE for i in range(trig[1], min(trig[1] + 4, end))):
            return True
    return False


def liver_picture(reading: Any, ent: Span, clause: TokenSpan) -> Optional[str]:
    """Confusion in a message that tells of known liver disease with a history, a clinician
    who follows it or a habit, and no fever, stiff neck or unresponsiveness anywhere."""
    rules, found = reading.rules, reading.found
    if ent.label_ not in rules.liver_features or not found["liver_condition"]:
        return None
    # a fever, stiff neck ... anywhere, unless denied right before it ("no fever")
    if any(not reading._negated_before(span) for label in rules.liver_not_with
           for span in reading.entity_spans_of(label)):
        return None
    sent = (ent.sent.start, ent.sent.end)
    if reading.any_in("onset", sent) or reading.any_in("now", clause) or reading.any_in("change", clause):
        return None
    for category in sorted(rules.liver_frames):
        if found.get(category):
            return _text(reading.doc, found[category][0])
    return None
