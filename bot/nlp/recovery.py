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

from spacy.tokens import Doc

TokenSpan = Tuple[int, int]
NEGATION_WORDS = frozenset({"not", "no", "never", "n't", "nothing"})
PRESENT, HISTORICAL = "present", "historical"
BLOCKING = frozenset({PRESENT, HISTORICAL})


def _negated(doc: Doc, span: TokenSpan) -> bool:
    start = max(0, span[0] - 3)
    return any(doc[i].norm_ in NEGATION_WORDS or doc[i].lower_ in NEGATION_WORDS for i in range(start, span[0]))


def recovered_since(doc: Doc, reading: Any, clause_of: Any) -> None:
    """Make past the concepts a later "been himself since" tells recovered (see the module)."""
    rules = reading.rules
    triggers: List[TokenSpan] = [t for t in reading.found.get("well_since", []) if not _negated(doc, t)]
    if not triggers or not rules.well_since_for:
        return
    candidates = [e for e in doc.ents if e._.status == PRESENT and e.label_ in rules.well_since_for
                  and any(t[0] >= e.end for t in triggers)]
    if not candidates:
        return
    chosen = set()
    for ent in candidates:
        if ent.label_ not in rules.well_since_any_time:
            clause = clause_of(ent)
            if any(reading.any_in(c, clause) for c in ("onset", "now", "manner")):
                continue
            # only an episode dated days ago or earlier in its sentence ("last Wednesday", "in
            # 2019"): "his speech went slurred at lunch. He's been fine since" stays a warning
            sent = (ent.sent.start, ent.sent.end)
            dated = reading.any_in("time", sent) or any(
                e.label_ == "DAYS_AGO" and sent[0] <= e.start and e.end <= sent[1] for e in doc.ents)
            if not dated:
                continue
        chosen.add((ent.start, ent.end))
    # any other concept present or past anywhere (not only framing words) keeps the story as
    # it is: a sign wrongly read as past must not lose the knock that carried the alarm
    blockers = [e for e in doc.ents if e._.status in BLOCKING and (e.start, e.end) not in chosen
                and e.label_ not in rules.well_since_neutral]
    if blockers or not chosen:
        return
    for ent in doc.ents:
        if (ent.start, ent.end) in chosen:
            trig = next(t for t in triggers if t[0] >= ent.end)
            ent._.status = HISTORICAL
            ent._.trigger = doc[trig[0]:trig[1]].text
            ent._.resolved = True
