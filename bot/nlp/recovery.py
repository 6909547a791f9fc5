"""A recovery told after the event: "he banged his head yesterday ... he's been himself
since", "by Friday he was talking normally and he's been his usual self all week" (session 11,
issue 14, rf14; rules in ``knowledge/context_rules.yml``, ``well_since``).

Run after every concept has its ConText status (``bot.nlp.components.ContextComponent``): a
present concept of ``well_since.for`` told before such a statement, in any sentence, becomes
historical, but only in a message where no other concept (jerking, drowsiness, a sign ...)
is present or past: a new sign anywhere keeps the whole story an emergency. A concept whose clause
tells a recent time ("an hour ago", "today", "suddenly"), or whose sentence is not dated days
ago or earlier ("last Wednesday", "in 2019"), stays present (a passing episode of a stroke
sign is a warning), except for the concepts of ``well_since.any_time`` (a knock "this
morning" after which the child has been himself since: FindADoctor 2026 names clonus after
an injury, not the knock alone). A statement preceded by a negation ("hasn't been himself
since") is no recovery.
"""

from __future__ import annotations

from typing import Any, List, Tuple

from spacy.tokens import Doc, Span

from bot.nlp.context import HISTORICAL, PRESENT, clause_of

TokenSpan = Tuple[int, int]
#: a recovery statement after one of these ("hasn't been himself since") is none
NEGATION_WORDS = frozenset({"not", "no", "never", "n't", "nothing"})
BLOCKING = frozenset({PRESENT, HISTORICAL})


def _dated_or_any_time(doc: Doc, reading: Any, ent: Span) -> bool:
    """Whether ``ent`` may be read as recovered: a concept of ``any_time``, or one whose clause
    tells no recent time and whose sentence is dated days ago or earlier."""
    rules = reading.rules
    if ent.label_ in rules.well_since_any_time:
        return True
    clause = clause_of(doc, ent, rules)
    if any(reading.any_in(c, clause) for c in ("onset", "now", "manner")):
        return False
    # only an episode dated days ago or earlier in its sentence ("last Wednesday", "in
    # 2019"): "his speech went slurred at lunch. He's been fine since" stays a warning
    sent = (ent.sent.start, ent.sent.end)
    return bool(reading.any_in("time", sent)) or any(
        e.label_ == "DAYS_AGO" and sent[0] <= e.start and e.end <= sent[1] for e in doc.ents)


def recovered_since(doc: Doc, reading: Any) -> None:
    """Make past the concepts a later "been himself since" tells recovered (see the module)."""
    rules = reading.rules
    triggers: List[TokenSpan] = [t for t in reading.found.get("well_since", [])
                                 if not reading._preceded_by(t, NEGATION_WORDS)]
    if not triggers or not rules.well_since_for:
        return
    chosen: List[Span] = [e for e in doc.ents if e._.status == PRESENT and e.label_ in rules.well_since_for
                          and any(t[0] >= e.end for t in triggers) and _dated_or_any_time(doc, reading, e)]
    if not chosen:
        return
    # any other concept present or past anywhere (not only framing words) keeps the story as
    # it is: a sign wrongly read as past must not lose the knock that carried the alarm
    bounds = {(c.start, c.end) for c in chosen}
    if any(e._.status in BLOCKING and (e.start, e.end) not in bounds
           and e.label_ not in rules.well_since_neutral for e in doc.ents):
        return
    for ent in chosen:
        trig = next(t for t in triggers if t[0] >= ent.end)
        ent._.status = HISTORICAL
        ent._.trigger = doc[trig[0]:trig[1]].text
        ent._.resolved = True
