"""Scoring the trained model on the red-flag sets (``tests/red_flags/*.yml``), through the
whole NLU pipeline.

One place for what counts as right, shared by the gate test
(``tests/test_red_flag_vignettes.py``), the model card (``bot/maintain/model_card.py``) and
the vignette script (``scripts/red_flag_vignettes.py``):

- an ``emergency`` message must get the intent ``red_flag`` (missed otherwise);
- an ``urgent`` message must escalate (``red_flag`` or ``red_flag_urgent``);
- a ``not_emergency`` message must not escalate (a false alarm otherwise);
- ordinary questions (the held-in NLU test set without its red-flag examples, and the
  hold-out set's ``ordinary`` list) must not escalate either.

Messages are parsed with ``bot.maintain.results.evaluate`` (cached per model and messages,
so the gate test and the model card parse each set once per process).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import yaml

from bot import paths
from bot.maintain.results import TEST_SET, evaluate, load_examples

SETS_DIR = paths.ROOT / "tests" / "red_flags"
ESCALATING = frozenset({"red_flag", "red_flag_urgent"})
GROUPS = ("emergency", "urgent", "not_emergency")
#: Gates: recall 100 %; false alarms on mentions and non-emergency narratives <= 3 %
#: (issue 14), on ordinary questions <= 1 %; on the Hindi sets' negated, past or harmless
#: signs <= 5 % (issue 17).
FALSE_ALARM_GATE = 0.03
HINDI_FALSE_ALARM_GATE = 0.05
ORDINARY_GATE = 0.01
#: What each set is for (shown in the model card); a set not named here is "other".
ROLES = {
    "vignettes.yml": "held-in vignettes",
    "holdout_vignettes.yml": "hold-out (written independently)",
    "narratives.yml": "held-in narratives (story-like, written independently)",
    "narratives_3.yml": "held-in narratives, third set (story-like, written independently, session 7)",
    "narratives_4.yml": "held-in narratives, fourth set (story-like, written independently, session 8; spent: rules built from its failure lines in session 12)",
    "narratives_5.yml": "held-in narratives, fifth set (story-like, written independently, session 9; spent: rules built from its failure lines in session 12)",
    "narratives_6.yml": "held-in narratives, sixth set (story-like, written independently, session 10; spent: rules built from its failure lines in session 12)",
    "narratives_7.yml": "held-in narratives, seventh set (story-like, written independently, session 10; spent: rules built from its failure lines in session 12)",
    "narratives_8.yml": "held-in narratives, eighth set (story-like, mixed writers, written independently, session 10; spent: rules built from its failure lines in session 12)",
    "narratives_9.yml": "held-in narratives, ninth set (forum questions, tricky mentions and stories, written independently, session 11; spent: rules built from its failure lines in session 12)",
    "narratives_10.yml": "held-in narratives, tenth set (forum questions, tricky mentions and stories, varied register, written independently, session 12; spent: its failures were read in session 12)",
    "narratives_11.yml": "held-in narratives, eleventh set (forum questions, tricky mentions and stories, varied register, written independently, session 12; spent: its failures were read in session 13)",
    "narratives_12.yml": "held-in narratives, twelfth set (forum questions, tricky mentions and stories, varied register, signs told through consequences, written independently, session 13; spent: its failures were read in session 15)",
    "narratives_13.yml": "held-in narratives, thirteenth set (stories, signs told in passing and through consequences, someone else's present report, text-speak and non-native English, written blind, session 14; spent: its failures were read in session 17)",
    "narratives_14.yml": "held-in narratives, fourteenth set (stories, signs told in passing, after a shrug and through consequences, someone else's present report, text-speak and non-native English, written blind, session 15; spent: its failures were read in session 18)",
    "narratives_15.yml": "held-in narratives, fifteenth set (stories, signs told in passing and through consequences, after a denial or a shrug, someone else's present report, figurative senses, text-speak and non-native English, written blind, session 16; spent: its failures were read in session 19)",
    "narratives_16.yml": "held-in narratives, sixteenth set (stories, a sign in the last sentence, a carer at the bedside, elderly people, teenagers and babies, alarming words used harmlessly, text-speak and non-native English, written blind, session 17; spent: its failures were read in session 19)",
    "narratives_17.yml": "held-in narratives, seventeenth set (stories, two people in one message, a sign in the middle of a long message, a question first and the present sign after, clock times and dates, the same sign words resolved, tested normal or in a book, rising counts, text-speak and non-native English, written blind, session 18; spent: its failures were read in session 20)",
    "narratives_18.yml": "held-in narratives, eighteenth set (stories, signs told by consequences and with odd wording, after shrugs and denials, alarming words used harmlessly, everyday explanations that are over or do not fit, known spasms with a new sign, answers to an earlier question, bullet points, voice-to-text, typos, text-speak and non-native English, written blind, session 19; spent: its failures were read in session 20)",
    "narratives_19.yml": "held-in narratives, nineteenth set (stories, signs after denials and shrugs, explanations that do not fit, old conditions with a new sign, a bystander with someone now, quotations, clinicians' letters and report jargon, plans, follow-up fragments, bullet points, voice-to-text, typos, text-speak and non-native English, written blind, session 20)",
    "hindi_narratives.yml": "held-in Hindi narratives (Devanagari, Hinglish, mixed; written independently)",
    "hindi_vignettes.yml": "Hindi development vignettes (used to build the Hindi rules)",
    "hindi_dev_stories.yml": "Hindi development stories (used to build the Hindi rules)",
    "hindi_dev_stories_2.yml": "Hindi development stories, set 2 (used to build the Hindi rules)",
    "hindi_dev_stories_3.yml": "Hindi development stories, set 3: negated lists (used to build the Hindi rules)",
    "hindi_dev_stories_4.yml": "Hindi development stories, set 4: single negated, past and someone else's signs (used to build the Hindi rules)",
}
DEV_ROLE = "development stories (used to build the rules)"

Intents = Callable[[list[str]], list[str]]


def role(name: str) -> str:
    return ROLES.get(name, DEV_ROLE if name.startswith("dev_stories") else "other")


def set_files(directory: Path = SETS_DIR) -> list[Path]:
    """The red-flag sets: held-in, hold-out and narratives first, then the development stories."""
    files = sorted(directory.glob("*.yml"))
    order = list(ROLES)
    return sorted(files, key=lambda p: (order.index(p.name) if p.name in order else len(order), p.name))


def load_groups(path: Path) -> dict[str, list[str]]:
    """The texts of each group (``emergency``, ``urgent``, ``not_emergency``) of a set."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {key: [item["text"] if isinstance(item, dict) else str(item) for item in data.get(key) or []]
            for key in GROUPS}


def model_intents(model: Path) -> Intents:
    """The intent the whole NLU pipeline of ``model`` gives each message (cached)."""

    def intents(texts: list[str]) -> list[str]:
        return [got for _, _, got, _ in evaluate(model, [(t, "") for t in texts]).rows]

    return intents


def rate(part: int, whole: int) -> str:
    return f"{part}/{whole} = {part / max(whole, 1):.1%}"


@dataclass
class SetScore:
    """The outcome of one red-flag set."""

    name: str
    emergencies: int
    others: int
    urgent: int = 0
    missed: list[str] = field(default_factory=list)
    alarms: list[str] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    urgent_as_urgent: int = 0
    urgent_as_emergency: int = 0

    @property
    def recall(self) -> float:
        return (self.emergencies - len(self.missed)) / self.emergencies if self.emergencies else 1.0

    @property
    def false_alarm_rate(self) -> float:
        return len(self.alarms) / self.others if self.others else 0.0

    @property
    def passes(self) -> bool:
        return not self.missed and not self.ignored and len(self.alarms) <= FALSE_ALARM_GATE * self.others

    def lines(self) -> list[str]:
        """The report block (reports/red_flags.txt)."""
        out = [f"{self.name}: emergencies escalated {rate(self.emergencies - len(self.missed), self.emergencies)}",
               f"{self.name}: false alarms on non-emergencies {rate(len(self.alarms), self.others)}"]
        if self.urgent:
            out.append(f"{self.name}: urgent stories escalated {rate(self.urgent - len(self.ignored), self.urgent)} "
                       f"(as urgent: {self.urgent_as_urgent}, as emergency: {self.urgent_as_emergency})")
        out += [f"  MISSED: {t}" for t in self.missed] + [f"  FALSE ALARM: {t}" for t in self.alarms]
        out += [f"  URGENT IGNORED: {t}" for t in self.ignored]
        return out


def score_set(path: Path, intents: Intents) -> SetScore:
    groups = load_groups(path)
    emergencies, urgent, others = groups["emergency"], groups["urgent"], groups["not_emergency"]
    got_e, got_u, got_n = intents(emergencies), intents(urgent), intents(others)
    return SetScore(
        name=path.name, emergencies=len(emergencies), others=len(others), urgent=len(urgent),
        missed=[t for t, i in zip(emergencies, got_e, strict=True) if i != "red_flag"],
        alarms=[t for t, i in zip(others, got_n, strict=True) if i in ESCALATING],
        ignored=[t for t, i in zip(urgent, got_u, strict=True) if i not in ESCALATING],
        urgent_as_urgent=got_u.count("red_flag_urgent"), urgent_as_emergency=got_u.count("red_flag"))


def ordinary_questions(root: Path = paths.ROOT) -> list[str]:
    """Questions that must not escalate: the held-in NLU test set (without its red-flag and
    'can it wait?' examples) and the hold-out set's ``ordinary`` list."""
    texts = [t for t, intent in load_examples(root / TEST_SET)
             if intent not in ESCALATING | {"downplay_emergency"}]
    held_out = yaml.safe_load((root / "tests" / "red_flags" / "holdout_vignettes.yml").read_text(encoding="utf-8"))
    texts += [v["text"] if isinstance(v, dict) else str(v) for v in held_out.get("ordinary") or []]
    return texts


@dataclass
class OrdinaryScore:
    total: int
    alarms: list[str]

    @property
    def rate(self) -> float:
        return len(self.alarms) / self.total if self.total else 0.0

    @property
    def passes(self) -> bool:
        return len(self.alarms) <= ORDINARY_GATE * self.total

    def lines(self) -> list[str]:
        return [f"ordinary questions: false alarms {rate(len(self.alarms), self.total)}",
                *[f"  FALSE ALARM: {t}" for t in self.alarms]]


def score_ordinary(intents: Intents, root: Path = paths.ROOT) -> OrdinaryScore:
    texts = ordinary_questions(root)
    return OrdinaryScore(len(texts), [t for t, i in zip(texts, intents(texts), strict=True) if i in ESCALATING])
