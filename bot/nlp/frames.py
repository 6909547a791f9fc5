"""Conditional frames broken by the facts told with them (session 12, issue 14, rf15; rules in
``knowledge/context_rules.yml``, ``hypothetical.broken_by`` and ``recent.onset``).

- ``anchored_condition``: an "if" whose clause dates a start in the past ("is it bad if I can't
  swallow my tablets since lunch", "what does it mean if his arm has jerked for the last hour"):
  the sign is told as present, the "if" only asks what it means (recall first: FindADoctor 2026).
  "if he can't swallow later", "if it ever happens" carry no such anchor and stay conditional.
- ``real_event``: a hypothetical frame whose sentence puts the sign on someone now
  ("hypothetically, if someone's face dropped like my dad's just did").

``reading`` is ``bot.nlp.context._Reading`` (the doc's filtered triggers).
"""

from __future__ import annotations

from typing import Any, Tuple

TokenSpan = Tuple[int, int]
#: words of an onset anchor that date a start in the past ("since lunch", "an hour ago")
_PAST_WORDS = frozenset({"since", "ago", "back", "past", "last"})


def anchored_condition(reading: Any, trig: TokenSpan, clause: TokenSpan) -> bool:
    """An onset anchor dated in the past follows the conditional in the concept's clause."""
    doc = reading.doc
    anchors = reading.found["onset"] + reading.entity_spans_of("RECENT_START") + reading.entity_spans_of("DAYS_AGO")
    return any(trig[1] <= t[0] and t[1] <= clause[1]
               and {doc[i].lower_ for i in range(*t)} & _PAST_WORDS
               for t in anchors)


def real_event(reading: Any, sent: TokenSpan) -> bool:
    """The sentence tells that the sign is happening, or just happened, to someone."""
    return reading.any_in("real_event", sent) is not None


def frame_broken(reading: Any, trig: TokenSpan, sent: TokenSpan, clause: TokenSpan) -> bool:
    """The conditional ``trig`` does not make its concept hypothetical (see the module)."""
    return anchored_condition(reading, trig, clause) or real_event(reading, sent)
