"""A concept phrase that runs on into a new clause is read again as the phrases of each clause
(session 19, issue 14, rf31a; rules in ``knowledge/context_rules.yml``, ``clause_split``).

A gap of the pattern language may swallow "and they keep": in "I can't feel either leg and they
keep kicking on their own" the jerking phrase "leg * kicking on their own" took the leg away from
the numbness "can't feel * leg" (the longer match wins), and the "n't" before it denied the
jerking of the next clause. When a concept of ``clause_split.labels`` holds a joiner ("and", ",")
followed by a subject pronoun after its first token, the ruler's matches are taken again, none
crossing that joiner: the longest that overlap the old concept and no other concept replace it
("can not feel either leg" NUMBNESS; the jerking after "and they" if a phrase of its own holds it).
The sign "can't feel my legs" then counts (FindADoctor guide 2026: sudden numbness) and the new
clause's jerking is out of the negation's reach (``terminated``: "and" with a new subject).

Runs first in ``bot.nlp.components.ContextComponent`` (before the rising counts and the
statuses), and only on a message with such a concept (rare): the ruler's matcher runs again on
that message alone.
"""

from __future__ import annotations

from typing import Any, Callable, Dict, Iterable, List, Optional, Tuple

from spacy.tokens import Doc, Span

Match = Tuple[int, int, int]


def clause_cut(doc: Doc, ent: Span, joiners: Iterable[str], subjects: Iterable[str]) -> Optional[int]:
    """The index of the first joiner inside ``ent`` (not its first or last token) that a subject
    pronoun follows inside ``ent``, or None."""
    joiners, subjects = set(joiners), set(subjects)
    for i in range(ent.start + 1, ent.end - 2):
        if doc[i].lower_ in joiners and (doc[i + 1].lower_ in subjects or doc[i + 1].norm_ in subjects):
            return i
    return None


def _pick(matches: List[Match], old: Span, cut: int, taken: set) -> List[Match]:
    """The matches, longest first (the ruler's order), that overlap ``old``, do not cross ``cut``
    and overlap no token of another concept nor each other."""
    chosen: List[Match] = []
    used = set(taken)
    for key, start, end in matches:
        if end <= old.start or start >= old.end or start <= cut < end:
            continue
        tokens = set(range(start, end))
        if tokens & used:
            continue
        chosen.append((key, start, end))
        used |= tokens
    return chosen


def _kept_tail(doc: Doc, old: Span, cut: int, new: List[Span]) -> List[Span]:
    """The old concept over its last clause ("they keep kicking on their own") when no new match
    of its label lies there and no new match holds those tokens: the phrase's own words (its
    jerking) are never lost by the split."""
    tail = (cut + 1, old.end)
    if any(e.label_ == old.label_ and e.start >= tail[0] for e in new):
        return []
    if any(e.start < tail[1] and tail[0] < e.end for e in new):
        return []
    return [Span(doc, tail[0], tail[1], label=old.label_)]


def split_at_new_clause(doc: Doc, rules: Dict[str, Any], match: Callable[[Doc], List[Match]],
                        label_of: Callable[[int], str]) -> None:
    """Replace each concept of ``rules['labels']`` that runs over "and" + a subject pronoun by the
    ruler's matches of its clauses (``match``: the entity ruler's matcher, ``label_of``: a match
    key's label)."""
    labels = set(rules.get("labels") or [])
    if not labels or not doc.ents:
        return
    cuts = [(ent, clause_cut(doc, ent, rules.get("joiners", []), rules.get("subjects", [])))
            for ent in doc.ents if ent.label_ in labels]
    cuts = [(ent, cut) for ent, cut in cuts if cut is not None]
    if not cuts:
        return
    matches = match(doc)
    ents = list(doc.ents)
    for old, cut in cuts:
        rest = [e for e in ents if (e.start, e.end) != (old.start, old.end)]
        others = {i for e in rest for i in range(e.start, e.end)}
        new = [Span(doc, start, end, label=label_of(key)) for key, start, end in _pick(matches, old, cut, others)]
        ents = rest + new + _kept_tail(doc, old, cut, new)
    doc.ents = sorted(ents, key=lambda e: e.start)


def ruler_matcher(nlp: Any, name: str = "entity_ruler") -> Optional[Tuple[Callable[[Doc], List[Match]], Callable[[int], str]]]:
    """The pipeline's entity ruler as (matches of a doc, longest first; label of a match key), or
    None when the pipeline has no ruler."""
    if name not in nlp.pipe_names:
        return None
    ruler = nlp.get_pipe(name)

    def label_of(key: int) -> str:
        ent_ids = getattr(ruler, "_ent_ids", {})
        return ent_ids[key][0] if key in ent_ids else nlp.vocab.strings[key]

    return ruler.match, label_of
