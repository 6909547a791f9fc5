"""Rising counts: jerking told as numbers that go up is a worsening (session 18, issue 14,
lead; FindADoctor guide 2026: worsening frequency; rules in ``knowledge/context_rules.yml``,
``rising_counts``).

People count what frightens them: "twice a day last week, now ten times a day", "3 yesterday,
8 today", "it went from 2 a day to 12", "Monday 3, Tuesday 6, today 11". A count is a number
("3", "ten", "twice") with a unit after it ("times", "jerks", "a day") or a time of its own
next to it ("yesterday", "today"). A message rises when, in one sentence:

- a count told with an earlier time is smaller than a count told with a later time
  (either order: "now 10 a day, last week 2" rises too);
- a change verb goes from a count to a larger one ("went from 2 a day to 12");
- three or more counts follow one another upwards ("2, 5, 9, 14 times a day").

The later count becomes a ``WORSENING`` entity (``rising_counts.label``) when no concept
covers it; the worsening sign still needs jerking (``knowledge/red_flags.yml``), so counts of
anything else change no level. A falling or equal count is no worsening, nor is a range
("5 to 10 minutes", no change verb) or a clock time ("from 2 to 4pm").

Runs first in ``bot.nlp.components.ContextComponent``, before the statuses: a count inside a
hypothetical or past frame gets that frame's status like any concept.
"""

from __future__ import annotations

from typing import Dict, List, Optional, Sequence, Tuple

from spacy.tokens import Doc, Span

from bot.nlp.triggers import ContextRules, find_triggers

TokenSpan = Tuple[int, int]
#: a count: (first token, end token, value, time: -1 earlier, 1 later, 0 none)
Count = Tuple[int, int, float, int]
#: how far (tokens) a time word may sit from its count, either side
TIME_REACH = 6


def _value(doc: Doc, i: int, words: Dict[str, float]) -> Optional[float]:
    token = doc[i]
    text = token.lower_.replace(",", "")
    if text.isdigit() and len(text) <= 3:
        return float(text)
    # session 20 (issue 14, rf32b): the shorthand "3x a day", "10x" (the number and "times" in one token)
    if text.endswith("x") and text[:-1].isdigit() and len(text) <= 4:
        return float(text[:-1])
    return words.get(token.norm_, words.get(text))


#: a time word across one of these belongs to the next clause: it counts as farther away
CLAUSE_MARKS = frozenset({",", ";", ":", "but", "-", "–", "—"})


def _time_of(doc: Doc, i: int, end: int, earlier: Sequence[TokenSpan], later: Sequence[TokenSpan],
             sent: TokenSpan) -> int:
    """-1, 1 or 0: the nearest earlier or later time word within reach of the count (one in the
    count's own clause first: "five times last night, tonight fifteen")."""
    best: Tuple[int, int] = (TIME_REACH + 1, 0)
    for spans, side in ((earlier, -1), (later, 1)):
        for s, e in spans:
            if s < sent[0] or e > sent[1]:
                continue
            between = range(end, s) if s >= end else range(e, i) if e <= i else None
            if between is None:
                continue
            gap = len(between) + (TIME_REACH if any(doc[k].lower_ in CLAUSE_MARKS for k in between) else 0)
            if gap < best[0]:
                best = (gap, side)
    return best[1]


def _counts(doc: Doc, rules: ContextRules, sent: TokenSpan, found: Dict[str, List[TokenSpan]]) -> List[Count]:
    units = found.get("count_unit", [])
    clock = found.get("count_clock", [])
    earlier, later = found.get("count_earlier", []), found.get("count_later", [])
    out: List[Count] = []
    for i in range(sent[0], sent[1]):
        value = _value(doc, i, rules.count_words)
        if value is None or any(s == i + 1 for s, _ in clock):
            continue
        if i > sent[0] and doc[i - 1].lower_ == "or" and out and out[-1][1] == i - 1:
            continue  # "once or twice a day": one count, a range
        unit = next((e for s, e in units if s == i + 1), None)
        time = _time_of(doc, i, i + 1 if unit is None else unit, earlier, later, sent)
        # a bare number counts only with a time word, or as an item of a series ("2, 5, 9 times")
        if unit is None and time == 0 and not _in_series(doc, i, sent, rules.count_words) and not _after_to(doc, i, sent):
            continue
        out.append((i, i + 1 if unit is None else unit, value, time))
    return out


#: what separates the items of a series of counts ("2, 5, 9", "3 then 6 then 11", "2 -> 5")
SERIES_JOINERS = frozenset({",", "then", "->", "→", "and", "/"})


#: words between "to" and the number of a change ("went from 5 a day to about 20")
HEDGES = frozenset({"about", "around", "over", "nearly", "almost", "like", "roughly", "maybe", "at", "least"})


def _after_to(doc: Doc, i: int, sent: TokenSpan) -> bool:
    """Whether the bare number at ``i`` ends a "from ... to" change ("to about 20")."""
    k = i - 1
    while k > sent[0] and doc[k].lower_ in HEDGES:
        k -= 1
    return k >= sent[0] and doc[k].lower_ == "to"


def _in_series(doc: Doc, i: int, sent: TokenSpan, words: Dict[str, float]) -> bool:
    """Whether the bare number at ``i`` is joined to another number right before or after it."""
    after = i + 2 < sent[1] and doc[i + 1].lower_ in SERIES_JOINERS and _value(doc, i + 2, words) is not None
    before = i - 2 >= sent[0] and doc[i - 1].lower_ in SERIES_JOINERS and _value(doc, i - 2, words) is not None
    return after or before


def _rising(doc: Doc, counts: List[Count], changes: Sequence[TokenSpan]) -> Optional[Count]:
    """The later, larger count of a rise in one sentence, or None."""
    for a, b in zip(counts, counts[1:], strict=False):
        # "went from 2 a day to 12": a change verb before the first count, "to" between them
        if any(e <= a[0] and a[0] - e <= 1 for _, e in changes) and any(
                doc[k].lower_ == "to" for k in range(a[1], b[0])) and b[2] > a[2]:
            return b
    timed = [c for c in counts if c[3]]
    for a in timed:
        for b in timed:
            if a[3] == -1 and b[3] == 1 and b[2] > a[2]:
                return b
    for k in range(len(counts) - 2):
        run = counts[k:k + 3]
        # a series with a unit somewhere ("2, 5, 9 times a day"; not "page 3, 5, 9")
        if all(x[2] < y[2] and y[0] - x[1] <= 3 for x, y in zip(run, run[1:], strict=False)) and any(
                c[1] > c[0] + 1 or c[3] for c in run):
            return run[-1]
    return None


def add_rising_counts(doc: Doc, rules: ContextRules) -> None:
    """Add a ``WORSENING`` entity over the later count of every rise (see the module)."""
    if not rules.count_words:
        return
    # (most messages hold no number at all: nothing to compare)
    if not any(_value(doc, i, rules.count_words) is not None for i in range(len(doc))):
        return
    found = find_triggers(doc, rules)
    if not (found.get("count_unit") or found.get("count_earlier") or found.get("count_later")):
        return
    new: List[Span] = []
    for sent in doc.sents:
        bounds = (sent.start, sent.end)
        rise = _rising(doc, _counts(doc, rules, bounds, found), found.get("count_change", []))
        if rise is None:
            continue
        start, end = rise[0], rise[1]
        if any(e.start < end and start < e.end for e in [*doc.ents, *new]):
            end = start + 1  # "ten jerks": the number alone, the jerking keeps its concept
            if any(e.start < end and start < e.end for e in [*doc.ents, *new]):
                continue
        new.append(Span(doc, start, end, label=rules.count_label))
    if new:
        doc.ents = sorted([*doc.ents, *new], key=lambda e: e.start)
