"""ConText-style status of a matched concept: present, negated, hypothetical,
informational or historical. Rules are data (``knowledge/context_rules.yml``).

Safety bias: every rule needs an explicit trigger close to the concept; without one a
concept stays *present* (a false alarm is better than a missed emergency).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Sequence, Set, Tuple

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

PRESENT, NEGATED, HYPOTHETICAL, INFORMATIONAL, HISTORICAL = (
    "present", "negated", "hypothetical", "informational", "historical"
)
CATEGORIES = ("neg_forward", "neg_backward", "pseudo", "time", "resolved", "hypothetical",
              "informational", "exclusion")


def _word(value: Any) -> str:
    """YAML reads unquoted no/yes as booleans: turn them back into words."""
    if value is False:
        return "no"
    if value is True:
        return "yes"
    if value is None:
        return "none"
    return str(value).lower()


@dataclass
class ContextRules:
    """Compiled trigger phrases and scope settings."""

    matcher: PhraseMatcher
    negation_window: int
    terminators: Set[str]
    clause_breaks: Set[str]
    experiencers: Set[str]
    interjection_followers: Set[str]

    @classmethod
    def from_dict(cls, rules: Dict[str, Any], nlp: Language) -> "ContextRules":
        matcher = PhraseMatcher(nlp.vocab, attr="NORM")
        negation = rules.get("negation", {})
        historical = rules.get("historical", {})
        lists = {
            "neg_forward": negation.get("forward", []),
            "neg_backward": negation.get("backward", []),
            "pseudo": negation.get("pseudo", []),
            "time": historical.get("time_markers", []),
            "resolved": historical.get("resolved", []),
            "hypothetical": rules.get("hypothetical", {}).get("forward", []),
            "informational": rules.get("informational", {}).get("triggers", []),
            "exclusion": rules.get("exclusions", []),
        }
        for category, phrases in lists.items():
            docs = [nlp.make_doc(_word(p)) for p in phrases if _word(p).strip()]
            if docs:
                matcher.add(category, docs)

        def words(values: Sequence[Any]) -> Set[str]:
            return {_word(v) for v in values}

        return cls(
            matcher=matcher,
            negation_window=int(negation.get("window", 7)),
            terminators=words(rules.get("terminators", [])),
            clause_breaks=words(rules.get("clause_breaks", [])),
            experiencers=words(rules.get("informational", {}).get("experiencers", [])),
            interjection_followers=words(negation.get("interjection_followers", [])),
        )


def _triggers(doc: Doc, rules: ContextRules) -> Dict[str, List[Tuple[int, int]]]:
    cached = doc.user_data.get("clonus_triggers")
    if cached is not None:
        return cached
    found: Dict[str, List[Tuple[int, int]]] = {c: [] for c in CATEGORIES}
    for match_id, start, end in rules.matcher(doc):
        found[doc.vocab.strings[match_id]].append((start, end))
    doc.user_data["clonus_triggers"] = found
    return found


def _inside(span: Tuple[int, int], others: List[Tuple[int, int]]) -> bool:
    return any(s <= span[0] and span[1] <= e for s, e in others)


def _is_break(doc: Doc, i: int, rules: ContextRules) -> bool:
    word = doc[i].lower_
    if word in rules.clause_breaks:
        return True
    # "and"/"so"/"then" start a new clause only when a new subject follows
    return word in {"and", "so", "then", "&"} and i + 1 < len(doc) and \
        doc[i + 1].lower_ in rules.interjection_followers


def _clause(doc: Doc, ent: Span, rules: ContextRules) -> Tuple[int, int]:
    sent = ent.sent
    start, end = sent.start, sent.end
    for i in range(ent.start - 1, sent.start - 1, -1):
        if _is_break(doc, i, rules):
            start = i + 1
            break
    for i in range(ent.end, sent.end):
        if _is_break(doc, i, rules):
            end = i
            break
    return start, end


def _terminated(doc: Doc, start: int, end: int, rules: ContextRules) -> bool:
    for i in range(start, end):
        if doc[i].lower_ in rules.terminators or doc[i].norm_ in rules.terminators:
            return True
        # "... and he is choking": a new subject starts a new statement
        if doc[i].lower_ in {"and", ",", "&"} and i + 1 < end and \
                doc[i + 1].lower_ in rules.interjection_followers:
            return True
    return False


def _crosses_clause(doc: Doc, start: int, end: int) -> bool:
    """A comma, semicolon, colon or "but" between two positions."""
    return any(doc[i].lower_ in {",", ";", ":", "but", "-", "however"} for i in range(start, end))


def _text(doc: Doc, span: Tuple[int, int]) -> str:
    return doc[span[0]:span[1]].text


def assign_status(doc: Doc, ent: Span, rules: ContextRules) -> Tuple[str, Optional[str]]:
    """(status, trigger text) for one entity."""
    found = _triggers(doc, rules)
    sent = ent.sent
    own = (ent.start, ent.end)
    pseudo = found["pseudo"]

    entity_spans = [(e.start, e.end) for e in doc.ents]

    def usable(trigger: Tuple[int, int]) -> bool:
        # a trigger word inside a matched phrase ("can't" in "can't talk") is no trigger
        overlaps_entity = any(s <= trigger[0] and trigger[1] <= e for s, e in entity_spans) or \
            (trigger[0] < own[1] and own[0] < trigger[1])
        in_sentence = sent.start <= trigger[0] and trigger[1] <= sent.end
        return in_sentence and not overlaps_entity and not _inside(trigger, pseudo)

    # inside an exclusion phrase ("I'm confused about ...", "his weak side")
    for trig in found["exclusion"]:
        if trig[0] < own[1] and own[0] < trig[1]:
            return INFORMATIONAL, _text(doc, trig)

    # negated
    for trig in found["neg_forward"]:
        if not usable(trig) or trig[1] > ent.start:
            continue
        if ent.start - trig[1] > rules.negation_window or _terminated(doc, trig[1], ent.start, rules):
            continue
        if trig[1] < len(doc) and doc[trig[1]].is_punct:
            continue  # elliptical: "I'm not, ..." negates nothing after it
        if doc[trig[0]:trig[1]].text.lower() == "no" and trig[1] < len(doc):
            follower = doc[trig[1]]
            if follower.is_punct or follower.lower_ in rules.interjection_followers:
                continue
        return NEGATED, _text(doc, trig)
    for trig in found["neg_backward"]:
        if usable(trig) and trig[0] >= ent.end and trig[0] - ent.end <= 4 \
                and not _terminated(doc, ent.end, trig[0], rules) \
                and not _crosses_clause(doc, ent.end, trig[0]):
            return NEGATED, _text(doc, trig)

    clause = _clause(doc, ent, rules)
    # historical: a time marker in the clause, or the sign "went away" after it
    for trig in found["time"]:
        if usable(trig) and clause[0] <= trig[0] and trig[1] <= clause[1]:
            return HISTORICAL, _text(doc, trig)
    for trig in found["resolved"]:
        # close after the concept and in the same statement: "the numbness went away"
        if usable(trig) and ent.end <= trig[0] <= ent.end + 6 and \
                not any(doc[i].lower_ in {",", ";", ":"} for i in range(ent.end, trig[0])):
            before = {doc[i].norm_ for i in range(max(ent.end, trig[0] - 3), trig[0])}
            if before & {"not", "never", "no"}:
                continue
            return HISTORICAL, _text(doc, trig)

    # hypothetical: a conditional before the concept, up to a comma ("if he falls and
    # can't swallow" covers both)
    for trig in found["hypothetical"]:
        if usable(trig) and trig[1] <= ent.start and not _crosses_clause(doc, trig[1], ent.start):
            return HYPOTHETICAL, _text(doc, trig)

    # informational: a general question in the sentence, when the concept's own clause
    # reports nobody's experience
    clause_words = {doc[i].lower_ for i in range(*clause)} | {doc[i].norm_ for i in range(*clause)}
    is_question = "?" in sent.text
    if not clause_words & rules.experiencers:
        for trig in found["informational"]:
            in_clause = clause[0] <= trig[0] and trig[1] <= clause[1]
            if usable(trig) and (in_clause or is_question):
                return INFORMATIONAL, _text(doc, trig)
    return PRESENT, None
