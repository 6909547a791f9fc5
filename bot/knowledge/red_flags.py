"""Red-flag assessment: which signs a message describes as present, and the advice level.

Signs and levels are data (``knowledge/red_flags.yml``); concept detection and status
come from the project's spaCy pipeline (entity ruler + ``clonus_context``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, Iterable, List, Mapping, Optional, Tuple

from bot import paths
from bot.knowledge.files import read_yaml

RED_FLAGS_FILE = paths.KNOWLEDGE / "red_flags.yml"
PRESENT = "present"
HISTORICAL = "historical"
RED_FLAG_INTENT = "red_flag"
RED_FLAG_URGENT_INTENT = "red_flag_urgent"
RED_FLAG_INTENTS = frozenset({RED_FLAG_INTENT, RED_FLAG_URGENT_INTENT})
#: Where the NLU detector puts ``Assessment.as_dict()`` in a message's parse.
PARSE_KEY = "red_flags"
ACTION_RED_FLAG_DETAILS = "action_red_flag_details"
SLOT_RED_FLAG_LOG = "red_flag_log"
SLOT_RED_FLAG_SIGN = "red_flag_sign"
#: the same signs named in Hindi, for the Hindi variations of the escalation (issue 17)
SLOT_RED_FLAG_SIGN_HI = "red_flag_sign_hi"
SLOT_RED_FLAG_ACTIVE = "red_flag_active"
SLOT_RED_FLAG_LEVEL = "red_flag_level"
#: Concepts that give context but are not warning signs on their own (red_flags.yml).
CONTEXT_CONCEPTS = frozenset(str(c) for c in read_yaml(RED_FLAGS_FILE).get("context_concepts", []))


@dataclass(frozen=True)
class Sign:
    key: str
    label: str
    #: the label in Hindi (``label_hi`` in red_flags.yml)
    label_hi: str
    level: str
    source: str
    all_of: Tuple[str, ...]
    any_of: Tuple[str, ...]
    #: concepts that also count when told in the past ("used to ..., now ...")
    also_past: Tuple[str, ...] = ()
    #: present concepts that stop the sign (session 8, rf6: first-ever jerking dated days
    #: ago is the urgent sign first_ever_jerking_days, not the emergency)
    none_of: Tuple[str, ...] = ()
    #: session 9 (rf7): ``also_past`` counts only concepts that did not go away ("the jerks
    #: stopped after my GP switched my antidepressant")
    past_not_gone: bool = False
    #: session 19: ``also_past`` counts only concepts told as over by a recovery ("he fell at lunch, he's fine
    #: now but he has been sick"), not those dated long ago ("a head injury in 2015", "an accident years ago")
    past_gone_only: bool = False

    def fires(self, present: set[str], past: frozenset[str] = frozenset(),
              kept: Optional[frozenset[str]] = None) -> bool:
        """``past``: historical concepts; ``kept``: those of them that did not go away."""
        earlier = kept if self.past_not_gone and kept is not None else past
        if self.past_gone_only:
            earlier = past - kept if kept is not None else frozenset()
        have = present | (earlier & set(self.also_past))
        if present & set(self.none_of):
            return False
        return set(self.all_of) <= have and (not self.any_of or bool(have & set(self.any_of)))


@dataclass(frozen=True)
class Level:
    key: str
    rank: int
    response: Optional[str]
    advice: str
    if_worse: str


@dataclass
class Concept:
    label: str
    text: str
    status: str
    trigger: Optional[str]
    start: int
    end: int


@dataclass
class Assessment:
    """What one message says: its concepts (with status), the signs that fire, the level."""

    concepts: List[Concept] = field(default_factory=list)
    signs: List[Sign] = field(default_factory=list)
    level: str = "information"
    #: readings found anywhere in the message (``doc._.context_frames``)
    frames: List[str] = field(default_factory=list)
    #: short, told by the person or about someone now, no such reading (``doc._.current_report``)
    current_report: bool = False
    #: something in it is anchored in the present ("today", "now", "suddenly": ``doc._.recent_anchor``)
    anchored: bool = False

    @property
    def escalate(self) -> bool:
        return self.level in ("emergency", "urgent")

    @property
    def sign_concepts(self) -> List[Concept]:
        return [c for c in self.concepts if c.label not in CONTEXT_CONCEPTS]

    @property
    def present_signs(self) -> List[str]:
        """Labels of the warning-sign concepts the message describes as present."""
        return sorted({c.label for c in self.sign_concepts if c.status == PRESENT})

    @property
    def mentions_only(self) -> bool:
        """Warning-sign words were used, but none is present (negated, hypothetical...)."""
        signs = self.sign_concepts
        return bool(signs) and not any(c.status == PRESENT for c in signs)

    def sign_label(self, level: str, hindi: bool = False) -> Optional[str]:
        """The labels of the signs at this level ("numbness; difficulty speaking"), in
        Hindi with ``hindi``."""
        return sign_labels([s for s in self.signs if s.level == level], hindi)

    def as_dict(self) -> Dict[str, Any]:
        return {
            "level": self.level,
            "escalate": self.escalate,
            "signs": [{"sign": s.key, "label": s.label, "level": s.level, "source": s.source}
                      for s in self.signs],
            "concepts": [c.__dict__ for c in self.concepts],
            "frames": list(self.frames),
            "current_report": self.current_report,
            "anchored": self.anchored,
        }


@dataclass(frozen=True)
class RedFlagRules:
    signs: Tuple[Sign, ...]
    levels: Dict[str, Level]
    #: a concept that stands for several ("sudden jerking": SUDDEN and JERK)
    implies: Mapping[str, Tuple[str, ...]] = field(default_factory=dict)
    #: the sign text of an escalation without a sign of these rules (English, Hindi)
    default_label: str = "symptoms that can be a warning sign"
    default_label_hi: str = "ऐसे लक्षण जो खतरे का संकेत हो सकते हैं"
    #: concepts that count as evidence for the classifier's safety net only with one of these
    #: present (``net_evidence_with``: a medicine is no warning sign on its own)
    net_evidence_with: Mapping[str, Tuple[str, ...]] = field(default_factory=dict)

    def with_implied(self, labels: Iterable[str]) -> set[str]:
        """The labels and every concept they stand for."""
        out = set(labels)
        for label in list(out):
            out.update(self.implies.get(label, ()))
        return out

    def rank(self, level: str) -> int:
        return self.levels[level].rank if level in self.levels else 0

    def highest_level(self, concepts: Iterable[str]) -> str:
        """The most severe level of the signs that name any of these concepts
        ("information" when none does): how far they can escalate at most."""
        wanted = self.with_implied(concepts)
        levels = [s.level for s in self.signs if wanted & (set(s.all_of) | set(s.any_of))]
        return max(levels, key=self.rank, default="information")

    def assess(self, doc: Any) -> Assessment:
        """Assess a spaCy doc processed by the project pipeline."""
        concepts = [
            Concept(e.label_, e.text, getattr(e._, "status", PRESENT), getattr(e._, "trigger", None),
                    e.start_char, e.end_char)
            for e in doc.ents
        ]
        present = self.with_implied(c.label for c in concepts if c.status == PRESENT)
        past = frozenset(self.with_implied(c.label for c in concepts if c.status == HISTORICAL))
        # those that did not go away ("the jerks stopped after ...": ``ent._.resolved``, set by
        # the context component; session 9, rf7)
        kept = frozenset(self.with_implied(
            e.label_ for e in doc.ents
            if getattr(e._, "status", PRESENT) == HISTORICAL and not getattr(e._, "resolved", False)))
        fired = [s for s in self.signs if s.fires(present, past, kept)]
        fired.sort(key=lambda s: -self.rank(s.level))
        level = fired[0].level if fired else "information"
        frames = [str(f) for f in getattr(getattr(doc, "_", None), "context_frames", None) or []]
        report = bool(getattr(getattr(doc, "_", None), "current_report", False))
        anchored = bool(getattr(getattr(doc, "_", None), "recent_anchor", False))
        return Assessment(concepts=concepts, signs=fired, level=level, frames=frames,
                          current_report=report, anchored=anchored)


def sign_labels(signs: Iterable[Sign], hindi: bool = False) -> Optional[str]:
    """The labels of up to three signs, each once, joined by "; " (None without a sign)."""
    labels: List[str] = []
    for sign in signs:
        label = sign.label_hi if hindi else sign.label
        if label not in labels:
            labels.append(label)
    return "; ".join(labels[:3]) if labels else None


def parse_concepts(parse_data: Optional[Mapping[str, Any]], statuses: Iterable[str]) -> List[Mapping[str, Any]]:
    """The concepts of one message's parse (``parse_data``) whose status is in ``statuses``."""
    wanted = frozenset(statuses)
    concepts = ((parse_data or {}).get(PARSE_KEY) or {}).get("concepts") or []
    return [c for c in concepts if isinstance(c, Mapping) and c.get("status", PRESENT) in wanted]


@lru_cache(maxsize=None)
def load_rules(path: Path = RED_FLAGS_FILE) -> RedFlagRules:
    data = read_yaml(path)
    signs = tuple(
        Sign(key=key, label=str(v["label"]), label_hi=str(v["label_hi"]), level=str(v["level"]),
             source=str(v["source"]),
             all_of=tuple(v.get("all_of", [])), any_of=tuple(v.get("any_of", [])),
             also_past=tuple(v.get("also_past", [])), none_of=tuple(v.get("none_of", [])),
             past_not_gone=bool(v.get("past_not_gone", False)),
             past_gone_only=bool(v.get("past_gone_only", False)))
        for key, v in data["signs"].items()
    )
    levels = {
        key: Level(key=key, rank=int(v["rank"]), response=v.get("response"), advice=str(v["advice"]),
                   if_worse=str(v["if_worse"]))
        for key, v in data["levels"].items()
    }
    implies = {str(k): tuple(str(c) for c in v) for k, v in (data.get("implies") or {}).items()}
    evidence = {str(k): tuple(str(c) for c in v) for k, v in (data.get("net_evidence_with") or {}).items()}
    return RedFlagRules(signs=signs, levels=levels, implies=implies,
                        default_label=str(data["default_label"]), default_label_hi=str(data["default_label_hi"]),
                        net_evidence_with=evidence)
