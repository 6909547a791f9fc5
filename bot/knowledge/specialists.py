"""Which kind of specialist fits the user's situation (``knowledge/specialists.yml``).

The situation comes from the whole conversation: the spaCy concepts (with their ConText
status) that the project's NLU pipeline adds to every parse under ``red_flags.concepts``.
Only concepts the user has (present) or had (historical) count; negated, hypothetical
and informational mentions ("I don't have MS", "could it be MS?") do not.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Dict, Iterable, List, Mapping, Optional, Tuple

from bot import paths
from bot.knowledge.files import read_yaml
from bot.knowledge.red_flags import parse_concepts

SPECIALISTS_FILE = paths.KNOWLEDGE / "specialists.yml"
#: ConText statuses that describe the user's own situation.
COUNTED_STATUSES = frozenset({"present", "historical"})
#: The most situations explained in one answer.
MAX_EXPLAINED = 2


@dataclass(frozen=True)
class Specialty:
    key: str
    label: str
    search_term: str


@dataclass(frozen=True)
class Situation:
    key: str
    response: str
    search: Tuple[str, ...]
    source: str
    #: concept label -> accepted concept texts (empty: any text)
    concepts: Tuple[Tuple[str, Tuple[str, ...]], ...] = ()

    def applies(self, concepts: Iterable[Tuple[str, str]]) -> bool:
        for label, text in concepts:
            for wanted_label, texts in self.concepts:
                if label == wanted_label and (not texts or text in texts):
                    return True
        return False


@dataclass(frozen=True)
class Choice:
    """The situations that apply (most specific first) and what to search."""

    situations: Tuple[Situation, ...]

    @property
    def primary(self) -> Situation:
        return self.situations[0]

    @property
    def responses(self) -> List[str]:
        """Explanations to send, without repeats (child and cerebral palsy share one)."""
        out: List[str] = []
        for situation in self.situations:
            if situation.response not in out:
                out.append(situation.response)
        return out[:MAX_EXPLAINED]

    @property
    def search(self) -> Tuple[str, ...]:
        return self.primary.search


@dataclass(frozen=True)
class SpecialistMap:
    specialties: Dict[str, Specialty]
    situations: Tuple[Situation, ...]
    default: Situation
    sources: Dict[str, str]

    def choose(self, concepts: Iterable[Tuple[str, str]]) -> Choice:
        """Situations that apply to ``(label, lower-case text)`` concepts, in file order."""
        concepts = list(concepts)
        found = tuple(s for s in self.situations if s.applies(concepts))
        return Choice(found or (self.default,))

    def label(self, specialty: str) -> str:
        item = self.specialties.get(specialty)
        return item.label if item else specialty

    def responses(self) -> List[str]:
        """Every response the map can send (checked against the domain by tests)."""
        return sorted({s.response for s in (*self.situations, self.default)})


def _situation(raw: Mapping[str, Any]) -> Situation:
    concepts = tuple(
        (str(label), () if texts == "any" else tuple(str(t).lower() for t in texts))
        for label, texts in (raw.get("concepts") or {}).items()
    )
    return Situation(str(raw["key"]), str(raw["response"]), tuple(raw["search"]),
                     str(raw["source"]), concepts)


@lru_cache(maxsize=None)
def load_map() -> SpecialistMap:
    """Parse and check ``knowledge/specialists.yml`` (once)."""
    data = read_yaml(SPECIALISTS_FILE)
    specialties = {key: Specialty(key, str(v["label"]), str(v["search_term"]))
                   for key, v in data["specialties"].items()}
    situations = tuple(_situation(raw) for raw in data["situations"])
    default = _situation(data["default"])
    sources = {str(k): str(v) for k, v in data["sources"].items()}
    for situation in (*situations, default):
        unknown = [s for s in situation.search if s not in specialties]
        if unknown or situation.source not in sources:
            raise ValueError(f"{SPECIALISTS_FILE}: situation {situation.key!r} names an unknown "
                             f"specialty {unknown} or source {situation.source!r}")
    return SpecialistMap(specialties, situations, default, sources)


def conversation_concepts(parses: Iterable[Optional[Mapping[str, Any]]]) -> List[Tuple[str, str]]:
    """``(label, text)`` of the concepts the user has or had, from parse results
    (``parse_data`` of each user message, oldest first)."""
    return [(str(concept.get("label")), str(concept.get("text", "")).lower())
            for parse in parses for concept in parse_concepts(parse, COUNTED_STATUSES)]
