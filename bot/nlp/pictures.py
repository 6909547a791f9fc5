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
