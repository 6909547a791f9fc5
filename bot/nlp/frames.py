"""Conditional frames broken by the facts told with them (session 12, issue 14, rf15; rules in
``knowledge/context_rules.yml``, ``hypothetical.broken_by`` and ``recent.onset``).

- ``anchored_condition``: an "if" whose clause dates a start in the past ("is it bad if I can't
  swallow my tablets since lunch", "what does it mean if his arm has jerked for the last hour"):
  the sign is told as present, the "if" only asks what it means (recall first: FindADoctor 2026).
  "if he can't swallow later", "if it ever happens" carry no such anchor and stay conditional.
- ``dose_changed_lately`` (session 12, rf18): a serotonergic medicine taken since last month or for
  years whose dose went up, or which was combined, days ago ("on fluoxetine since last month, dose
  went up on Monday"): the change dates the medicine anew, the older start does not make it past
  (wiseGEEK 2019: increasing a serotonergic drug).
- ``undenied`` (session 12, rf18): "not my usual jerks - these started an hour ago", "nothing like his
  usual twitching": a long-standing frame right after a negation is denied, so it dates nothing.
- ``real_event``: a hypothetical frame whose sentence puts the sign on someone now
  ("hypothetically, if someone's face dropped like my dad's just did").

``reading`` is ``bot.nlp.context._Reading`` (the doc's filtered triggers).
"""

from __future__ import annotations

from typing import Any, List, Tuple

from bot.nlp.denial_lists import FRAME_DENIAL_FILLERS

TokenSpan = Tuple[int, int]
#: words of an onset anchor that date a start in the past ("since lunch", "an hour ago")
_PAST_WORDS = frozenset({"since", "ago", "back", "past", "last"})


def _past_anchors(reading: Any) -> List[TokenSpan]:
    """The doc's onset anchors that date a start in the past (computed once per doc)."""
    anchors = reading.memo.get("past_anchors")
    if anchors is None:
        doc = reading.doc
        spans = reading.found["onset"] + reading.entity_spans_of("RECENT_START") + reading.entity_spans_of("DAYS_AGO")
        anchors = reading.memo["past_anchors"] = [t for t in spans if {doc[i].lower_ for i in range(*t)} & _PAST_WORDS]
    return anchors


def anchored_condition(reading: Any, trig: TokenSpan, clause: TokenSpan) -> bool:
    """An onset anchor dated in the past follows the conditional in the concept's clause."""
    return any(trig[1] <= t[0] and t[1] <= clause[1] for t in _past_anchors(reading))


def real_event(reading: Any, sent: TokenSpan) -> bool:
    """The sentence tells that the sign is happening, or just happened, to someone."""
    return reading.any_in("real_event", sent) is not None


def frame_broken(reading: Any, trig: TokenSpan, sent: TokenSpan, clause: TokenSpan) -> bool:
    """The conditional ``trig`` does not make its concept hypothetical (see the module)."""
    return anchored_condition(reading, trig, clause) or real_event(reading, sent)


#: a change this close to a date (tokens) is dated by it ("dose went up on Monday")
_CHANGE_DATE_GAP = 4
_RECENT_DATES = ("DAYS_AGO", "TODAY_ONSET", "RECENT_START")


def dose_changed_lately(reading: Any, ent: Any) -> bool:
    """A serotonergic medicine followed, in its sentence, by a change dated days ago or today."""
    if ent.label_ != "SEROTONERGIC":
        return False
    end = ent.sent.end
    changes = [s for s in reading.entity_spans_of("DRUG_CHANGE") if ent.end <= s[0] and s[1] <= end]
    dates = [s for label in _RECENT_DATES for s in reading.entity_spans_of(label) if ent.end <= s[0] and s[1] <= end]
    return any(-_CHANGE_DATE_GAP <= d[0] - c[1] <= _CHANGE_DATE_GAP or -_CHANGE_DATE_GAP <= c[0] - d[1] <= _CHANGE_DATE_GAP
               for c in changes for d in dates)


#: negations that deny a long-standing frame right after them ("not my usual", "nothing like his usual")
_FRAME_DENIALS = frozenset({"not", "no", "nothing", "never"})


def undenied(doc: Any, spans: List[TokenSpan]) -> List[TokenSpan]:
    """The long-standing frames of ``spans`` not denied by the word(s) right before them."""
    def denied(span: TokenSpan) -> bool:
        i = span[0] - 1
        if i >= 1 and doc[i].lower_ in FRAME_DENIAL_FILLERS:
            i -= 1
        return i >= 0 and doc[i].norm_ in _FRAME_DENIALS
    return [t for t in spans if not denied(t)]
