"""An event named earlier and referred back to as happening now (session 19, issue 14, lead; rules in
``knowledge/context_rules.yml``, ``referred_back``; FindADoctor guide 2026: sudden stroke-like symptoms,
nervous-system changes).

"What are the signs of a stroke? I think I'm having one", "what does a seizure look like, my son is having one
now": the condition is named inside a question (a hypothetical or informational mention, or only a ``CONDITION``),
and the person's own report is a pronoun. A present "is having one" / "is in the middle of one" after a condition
of ``referred_back.conditions`` named at most ``reach`` tokens before adds that condition's concept (``STROKE``,
``UNRESPONSIVE``) over the words from the verb on; its status is then read like any concept's ("if he is having
one" stays hypothetical). "He had one last year", "having one of his spasms" are none (no phrase matches).

Runs first in ``bot.nlp.components.ContextComponent``, with the rising counts.
"""

from __future__ import annotations

from typing import List, Optional

from spacy.tokens import Doc, Span

from bot.nlp.triggers import ContextRules, find_triggers

#: the words the added concept starts at ("my son is having one": from "having")
_VERBS = frozenset({"having", "getting", "middle", "in"})
#: the words that may follow the phrase (a full stop, a comma, the end of the message are fine too):
#: "having one of his bad days", "having it checked today" are no reference
_MAY_FOLLOW = frozenset({"now", "right", "as", "at", "and", "again", "i", "he", "she", "we", "they", "please", "help",
                         "what", "it", "its", "it's", "this", "think", "so", "but", "or", "here", "today", "tonight"})


def _condition_before(doc: Doc, start: int, rules: ContextRules) -> Optional[str]:
    """The concept of the nearest condition of ``referred_back`` named before ``start`` (within reach)."""
    for i in range(start - 1, max(-1, start - 1 - rules.referred_reach), -1):
        label = rules.referred_conditions.get(doc[i].lower_)
        if label is not None:
            return label
    return None


def add_referred_events(doc: Doc, rules: ContextRules) -> None:
    """Add the concept of a condition named earlier over a later "is having one" (see the module)."""
    if not rules.referred_conditions or not any(t.lower_ in rules.referred_conditions for t in doc):
        return
    new: List[Span] = []
    for start, end in find_triggers(doc, rules).get("referred_having", []):
        label = _condition_before(doc, start, rules)
        # ("having one of his bad days", "having one of those spasms": no reference)
        if label is None or (end < len(doc) and doc[end].is_alpha and doc[end].lower_ not in _MAY_FOLLOW):
            continue
        first = next((i for i in range(start, end) if doc[i].lower_ in _VERBS), start)
        if any(e.start < end and first < e.end for e in [*doc.ents, *new]):
            continue
        new.append(Span(doc, first, end, label=label))
    if new:
        doc.ents = sorted([*doc.ents, *new], key=lambda e: e.start)
