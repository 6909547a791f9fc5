"""Signs told with an everyday cause (session 19, issue 14, rf31c; rules in ``knowledge/context_rules.yml``,
``explained``):

- ``undenied_cause``: the first everyday cause of a category in a scope that no negation denies ("seeing
  double since this morning, no drink", "I haven't been drinking": no cause);
- ``bound_to_cause``: a sign told with a cause that explains it with no recovery told (``explained.bound_for``:
  eyes blurry with hay fever every June, new glasses blurry at the edges, legs like jelly after a long hike) is
  no sign now, unless its sentence holds a word of onset, "now", return, "still", a sudden or recent date, or
  one side or one eye (``explained.bound_not``).

``reading`` is ``bot.nlp.context._Reading`` (the doc's filtered triggers).
"""

from __future__ import annotations

from typing import Any, Optional

from spacy.tokens import Span

from bot.nlp.spans import TokenSpan
from bot.nlp.spans import text_of as _text
from bot.nlp.spans import within as _within

#: anchors that keep a sign told with its cause present in its sentence
_NOW_ANCHORS = ("onset", "now", "with_now", "manner", "recurrence", "explained_bound_not")
#: concepts that date a sentence now (a date days ago, "yesterday after the hike", does not)
_DATED_NOW = ("SUDDEN", "SUDDEN_JERK", "TODAY_ONSET", "RECENT_START", "FIRST_EVER")


def undenied_cause(reading: Any, category: str, scope: TokenSpan) -> Optional[TokenSpan]:
    """The first cause of ``category`` inside ``scope`` with no negation in the three words before it and not
    inside a concept ("drunk" of "walking like a drunk" is the sign's own word, no cause)."""
    return next((t for t in reading.found[category] if _within(t, scope) and not reading._negated_before(t)
                 and not any(_within(t, e) for e in reading.entity_spans)), None)


def bound_to_cause(reading: Any, ent: Span) -> Optional[str]:
    """The text of an everyday cause that explains ``ent`` in its sentence with no recovery told
    (``explained.bound_for``), or None when the sentence tells the sign as new, now, sudden, back, still there,
    or on one side (see the module)."""
    kinds = reading.rules.explained_bound.get(ent.label_, ())
    if not kinds:
        return None
    sent = (ent.sent.start, ent.sent.end)
    cause_kind, cause = next(((k, c) for k, c in ((k, undenied_cause(reading, k, sent)) for k in kinds)
                              if c is not None), (None, None))
    if cause is None:
        return None
    # (a day word right after the cause dates the cause: "after a long hike yesterday")
    if any(t[0] != cause[1] for c in _NOW_ANCHORS for t in reading.found[c] if _within(t, sent)) or any(
            _within(s, sent) for label in _DATED_NOW for s in reading.entity_spans_of(label)):
        return None
    # (session 20, rf32d: "still" is no return for a cause that is a stage, "only just started walking, his legs are
    # still wobbly": ``explained.bound_still``)
    if cause_kind not in reading.rules.explained_bound_still and any(reading.doc[i].lower_ == "still" for i in range(*sent)):
        return None
    return _text(reading.doc, cause)
