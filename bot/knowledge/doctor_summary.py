"""The summary for the doctor: what the user described in this conversation, as plain text
(issue 16; the action is ``actions/doctor_summary.py``).

Facts come from two places, both the project's spaCy pipeline:

- the red-flag ``Assessment`` already in each user message's parse (``red_flags``: concepts
  with their ConText status): warning signs (present / denied / past), body parts,
  conditions, a child, serotonergic medicines;
- phrases of ``knowledge/doctor_summary.yml`` (who it is about, since when, which side),
  compiled with ``bot/nlp/patterns.py`` and matched on the pipeline's tokens, plus the
  medicine names of ``knowledge/advice_requests.yml``.

Questions asked are the titles of the curated answers given; the questions to ask the
doctor are the answers' own "ask a doctor" sentences. Every label is a domain response
(``utter_summary_*``, named in ``actions/doctor_summary.py``), filled by ``render``. Nothing is added that the user did not type:
no diagnosis, no advice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable, Dict, Iterable, List, Mapping, Optional, Tuple

from bot import paths
from bot.constants import ANSWER_LANGUAGE_SLOT as LANGUAGE_SLOT
from bot.knowledge.files import read_yaml
from bot.knowledge.red_flags import CONTEXT_CONCEPTS, PARSE_KEY

SUMMARY_FILE = paths.KNOWLEDGE / "doctor_summary.yml"
ADVICE_FILE = paths.KNOWLEDGE / "advice_requests.yml"
ACTION = "action_doctor_summary"
INTENT = "summarise_for_doctor"
#: Sign concepts that are medicines, listed with the medicines instead.
MEDICINE_CONCEPTS = frozenset({"SEROTONERGIC"})
#: Concepts shown as facts, not as warning signs.
FACT_CONCEPTS = {"BODY_PART": "body_parts", "CONDITION": "conditions", "CHILD": "people"}

Template = Callable[..., str]


@dataclass
class Facts:
    people: List[str] = field(default_factory=list)
    about_self: bool = False
    body_parts: List[str] = field(default_factory=list)
    since: List[str] = field(default_factory=list)
    sides: List[str] = field(default_factory=list)
    conditions: List[str] = field(default_factory=list)
    #: concept label -> (the user's words, status: present / negated / historical)
    signs: Dict[str, Tuple[str, str]] = field(default_factory=dict)
    medicines: List[str] = field(default_factory=list)
    #: topic keys of the curated answers given, in order
    topics: List[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.people or self.about_self or self.body_parts or self.since or self.sides
                    or self.conditions or self.signs or self.medicines or self.topics)


def _add(items: List[str], text: str) -> None:
    text = " ".join(text.split())
    if text and text.lower() not in (i.lower() for i in items):
        items.append(text)


@lru_cache(maxsize=1)
def _nlp() -> Any:
    import spacy

    return spacy.load("en_clonus_pipeline")


@lru_cache(maxsize=1)
def _matcher() -> Tuple[Any, frozenset]:
    from spacy.matcher import Matcher

    from bot.nlp.patterns import to_patterns

    nlp = _nlp()
    normalizer = nlp.get_pipe("clonus_normalizer")

    def norms(text: str) -> List[str]:
        return [normalizer.fix(t.norm_) for t in nlp.make_doc(text.lower())]

    matcher = Matcher(nlp.vocab)
    data = read_yaml(SUMMARY_FILE)
    for label, phrases in (data.get("phrases") or {}).items():
        matcher.add(label, [p for phrase in phrases for p in to_patterns(str(phrase), norms)])
    excluded = {str(w).lower() for w in data.get("not_medicine_names") or []}
    names = [str(w) for w in read_yaml(ADVICE_FILE).get("medicine_words") or [] if str(w).lower() not in excluded]
    matcher.add("MEDICINE", [p for name in names for p in to_patterns(name, norms)])
    return matcher, frozenset(names)


def warm_up() -> None:
    """Load the spaCy pipeline and the phrase matcher now (the action server's start-up),
    not on the first summary: loading takes seconds, and an action has a deadline."""
    _matcher()


def status_words() -> Dict[str, str]:
    """ConText status -> the status key of the summary (present, denied, past)."""
    return {str(k): str(v) for k, v in (read_yaml(SUMMARY_FILE).get("statuses") or {}).items()}


def _phrases(text: str) -> List[Tuple[str, str]]:
    """(label, matched text) of the summary phrases in one message, longest match first."""
    from spacy.util import filter_spans

    matcher, _ = _matcher()
    doc = _nlp()(text.lower())
    spans = [doc[start:end] for _, start, end in matcher(doc)]
    labels = {(start, end): doc.vocab.strings[match] for match, start, end in matcher(doc)}
    return [(labels[(s.start, s.end)], text[s.start_char:s.end_char]) for s in sorted(filter_spans(spans), key=lambda s: s.start)]


def extract(messages: Iterable[Tuple[str, Mapping[str, Any]]], topics: Iterable[str] = ()) -> Facts:
    """The facts of the user's messages ((text, parse data) pairs, in order)."""
    facts = Facts(topics=list(dict.fromkeys(topics)))
    statuses = status_words()
    for text, parse in messages:
        if not text or text.startswith("/"):
            continue
        for concept in ((parse or {}).get(PARSE_KEY) or {}).get("concepts") or []:
            label, words, status = concept.get("label"), str(concept.get("text") or ""), concept.get("status")
            if label in FACT_CONCEPTS:
                if status != "negated":
                    _add(getattr(facts, FACT_CONCEPTS[label]), words)
            elif label in MEDICINE_CONCEPTS:
                _add(facts.medicines, words)
            elif label not in CONTEXT_CONCEPTS and status in statuses:
                before = facts.signs.get(label)
                if before is None or before[1] != "present":  # present is never overwritten
                    facts.signs[label] = (words, status)
        for label, words in _phrases(text):
            if label == "PERSON":
                _add(facts.people, words)
            elif label == "SELF":
                facts.about_self = True
            elif label == "SIDE":
                _add(facts.sides, words)
            elif label == "SINCE":
                _add(facts.since, words)
            elif label == "MEDICINE":
                _add(facts.medicines, words)
    return facts


def ask_doctor_lines(answer_texts: Iterable[str]) -> List[str]:
    """The sentences of curated answers that suggest asking a doctor."""
    out: List[str] = []
    for text in answer_texts:
        for sent in _nlp()(text).sents:
            norms = {t.norm_ for t in sent}
            if "ask" in norms and norms & {"doctor", "gp", "doctors"}:
                _add(out, sent.text.strip())
    return out


def render(facts: Facts, template: Template, labels: Mapping[str, str], titles: Mapping[str, str],
           ask_doctor: List[str]) -> str:
    """The plain-text summary. ``labels`` names the domain response of each part (the
    action's ``LABELS``); ``template(name, **values)`` fills one. One message with single
    line breaks (the widget shows a message part per paragraph)."""
    statuses = status_words()

    def part(role: str, **values: str) -> str:
        return template(labels[role], **values)

    nothing = part("nothing")
    who = list(facts.people) or ([part("about_self")] if facts.about_self else [])
    lines = [part("title"),
             part("about", value="; ".join(who) or nothing),
             part("body_parts", value="; ".join(facts.body_parts) or nothing),
             part("since", value="; ".join(facts.since) or nothing),
             part("sides", value="; ".join(facts.sides) or nothing)]
    if facts.conditions:
        lines.append(part("conditions", value="; ".join(facts.conditions)))
    lines.append(part("medicines", value="; ".join(facts.medicines) or nothing))
    if facts.signs:
        lines.append(part("signs"))
        for label, (words, status) in facts.signs.items():
            name = label.lower().replace("_", " ")
            sign = name if words.lower() == name else f'{name} ("{words}")'
            lines.append(part("sign_line", sign=sign, status=part(f"status_{statuses[status]}")))
    asked = [titles.get(key, key) for key in facts.topics]
    if asked:
        lines.append(part("questions"))
        lines += [part("question_line", value=q) for q in asked]
    if ask_doctor:
        lines.append(part("ask_doctor"))
        lines += [part("question_line", value=q) for q in ask_doctor]
    lines.append(part("footer"))
    return "\n".join(lines)


def _language_of(variant: Mapping[str, Any]) -> str:
    """The ``answer_language`` a response variation is for ("" when it names none)."""
    for condition in variant.get("condition") or []:
        if isinstance(condition, Mapping) and condition.get("name") == LANGUAGE_SLOT:
            return str(condition.get("value") or "")
    return ""


def domain_template(responses: Mapping[str, Any], language: str = "en") -> Template:
    """``template(name, **values)`` over a domain's responses: the variation for ``language``
    (the ``answer_language`` slot), else the first variation without a language."""

    def template(name: str, **values: str) -> str:
        variants = [v for v in responses.get(name) or [] if isinstance(v, Mapping)]
        if not variants:
            raise KeyError(f"the domain has no response {name}")
        chosen = next((v for v in variants if _language_of(v) == language),
                      next((v for v in variants if not _language_of(v)), variants[0]))
        return str(chosen.get("text") or "").format(**values)

    return template


def answer_texts(responses: Mapping[str, Any], keys: Iterable[str], language: str = "en") -> List[str]:
    return [str(v.get("text") or "") for key in keys for v in responses.get(f"utter_faq/{key}") or []
            if isinstance(v, Mapping) and _language_of(v) in ("", language)]


def summary_from_events(events: Iterable[Mapping[str, Any]], responses: Mapping[str, Any],
                        labels: Mapping[str, str], titles: Mapping[str, str],
                        language: str = "en") -> Optional[str]:
    """The summary of a conversation's events (None when nothing was described yet), with
    the labels of ``language`` (the ``answer_language`` slot: "en" or "hi")."""
    messages: List[Tuple[str, Mapping[str, Any]]] = []
    topics: List[str] = []
    for event in events:
        if event.get("event") == "user":
            parse = event.get("parse_data") or {}
            if ((parse.get("intent") or {}).get("name")) != INTENT:
                messages.append((str(event.get("text") or ""), parse))
        elif event.get("event") == "bot":
            action = str((event.get("metadata") or {}).get("utter_action") or "")
            if action.startswith("utter_faq/"):
                topics.append(action.split("/", 1)[1])
    facts = extract(messages, topics)
    if facts.empty:
        return None
    return render(facts, domain_template(responses, language), labels, titles,
                  ask_doctor_lines(answer_texts(responses, facts.topics, language)))
