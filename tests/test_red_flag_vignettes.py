"""The trained model on the red-flag sets, through the whole NLU pipeline.

- ``tests/red_flags/vignettes.yml`` (held-in), ``holdout_vignettes.yml`` (written
  independently) and ``narratives.yml`` (story-like messages written independently of the
  rules, never used to build them; skipped while the file is absent): every emergency must
  get the intent ``red_flag``; at most 5 % of the messages that are not emergencies
  (mentions, old or normal things) may escalate.
- A set's ``urgent`` stories (getting worse every day, a serotonergic medicine just started
  with jerking only) may not be ignored.
- The development stories (``dev_stories*.yml``, used to build the rules; the former
  narrative set is ``dev_stories_6.yml``) through the whole NLU: every emergency escalates
  (a set listed in ``DEV_RECALL_NOT_YET`` is an expected failure until it does); their
  false alarms are reported and held at most at ``DEV_FALSE_ALARMS_AT_MOST`` (5 % by
  default).
- Ordinary questions (the held-in NLU test set, and the hold-out ``ordinary`` list): at most
  1 % may escalate.

Figures are written to reports/red_flags.txt (one block per set)."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any, Callable

import pytest
import yaml

from bot import paths
from bot.maintain.results import TEST_SET, load_examples

pytestmark = pytest.mark.model

SETS = paths.ROOT / "tests" / "red_flags"
ESCALATING = {"red_flag", "red_flag_urgent"}
#: Gates: recall 100 %; false alarms on mentions and non-emergencies <= 5 % (the issue's
#: target is 3 %: the hold-out set is at 2/65 = 3.1 %), on ordinary questions <= 1 %.
FALSE_ALARM_GATE = 0.05
ORDINARY_GATE = 0.01
REPORT = paths.REPORTS / "red_flags.txt"


@pytest.fixture(scope="module")
def parse(model_file: Path) -> Callable[[list[str]], list[dict]]:
    from rasa.core.agent import Agent

    agent = Agent.load(str(model_file))

    def _parse(texts: list[str]) -> list[dict]:
        async def run() -> list[dict]:
            return [await agent.parse_message(t) for t in texts]

        return asyncio.run(run())

    return _parse


@pytest.fixture(scope="module")
def report() -> Any:
    blocks: dict[str, str] = {}
    yield blocks
    paths.REPORTS.mkdir(exist_ok=True)
    REPORT.write_text("\n\n".join(blocks[k] for k in sorted(blocks)) + "\n", encoding="utf-8")


def intents(parse: Callable[[list[str]], list[dict]], texts: list[str]) -> list[str]:
    return [p["intent"]["name"] for p in parse(texts)]


def rate(part: int, whole: int) -> str:
    return f"{part}/{whole} = {part / max(whole, 1):.1%}"


#: The independent narrative set: written by another engineer without looking at the rules
#: (issue 14 item 4); the lead plugs it in as tests/red_flags/narratives.yml.
NARRATIVES = "narratives.yml"
#: Development sets through the whole NLU that do not meet recall yet (reason), and their
#: measured false alarms (at most); see tests/unit/test_red_flag_stories.py for the rules alone.
DEV_RECALL_NOT_YET: dict[str, str] = {}
DEV_FALSE_ALARMS_AT_MOST: dict[str, int] = {}
DEV_SETS = sorted(p.name for p in SETS.glob("dev_stories*.yml"))


def check_set(parse, report, name: str, min_emergencies: int, min_others: int,
              max_false_alarms: int | None = None) -> None:
    """Recall on emergencies and urgent stories (100 %), false alarms at most the gate."""
    data = yaml.safe_load((SETS / name).read_text(encoding="utf-8"))
    emergencies = [v["text"] for v in data["emergency"]]
    others = [v["text"] for v in data["not_emergency"]]
    urgent = [v["text"] for v in data.get("urgent") or []]
    assert len(emergencies) >= min_emergencies and len(others) >= min_others

    missed = [t for t, i in zip(emergencies, intents(parse, emergencies), strict=True) if i != "red_flag"]
    alarms = [t for t, i in zip(others, intents(parse, others), strict=True) if i in ESCALATING]
    urgent_got = intents(parse, urgent)
    ignored = [t for t, i in zip(urgent, urgent_got, strict=True) if i not in ESCALATING]
    lines = [f"{name}: emergencies escalated {rate(len(emergencies) - len(missed), len(emergencies))}",
             f"{name}: false alarms on non-emergencies {rate(len(alarms), len(others))}"]
    if urgent:
        lines.append(f"{name}: urgent stories escalated {rate(len(urgent) - len(ignored), len(urgent))} "
                     f"(as urgent: {urgent_got.count('red_flag_urgent')}, as emergency: "
                     f"{urgent_got.count('red_flag')})")
    lines += [f"  MISSED: {t}" for t in missed] + [f"  FALSE ALARM: {t}" for t in alarms]
    lines += [f"  URGENT IGNORED: {t}" for t in ignored]
    report[name] = "\n".join(lines)
    print("\n" + report[name])
    assert not missed, report[name]
    assert not ignored, report[name]
    ceiling = FALSE_ALARM_GATE * len(others) if max_false_alarms is None else max_false_alarms
    assert len(alarms) <= ceiling, report[name]


@pytest.mark.parametrize("name, min_emergencies, min_others", [
    ("vignettes.yml", 80, 60),
    ("holdout_vignettes.yml", 80, 60),
    (NARRATIVES, 75, 75),
])
def test_every_emergency_escalates_and_few_false_alarms(parse, report, name: str,
                                                        min_emergencies: int, min_others: int) -> None:
    if not (SETS / name).is_file():
        pytest.skip(f"{name} is not in tests/red_flags yet (written independently, plugged in by the lead)")
    check_set(parse, report, name, min_emergencies, min_others)


@pytest.mark.parametrize("name", [
    pytest.param(n, marks=pytest.mark.xfail(strict=True, reason=DEV_RECALL_NOT_YET[n]))
    if n in DEV_RECALL_NOT_YET else n for n in DEV_SETS])
def test_development_stories_through_the_whole_nlu(parse, report, name: str) -> None:
    check_set(parse, report, name, 1, 1, DEV_FALSE_ALARMS_AT_MOST.get(name))


def test_ordinary_questions_rarely_escalate(parse, report) -> None:
    held_out = yaml.safe_load((SETS / "holdout_vignettes.yml").read_text(encoding="utf-8"))
    ordinary = [t for t, intent in load_examples(paths.ROOT / TEST_SET)
                if intent not in ESCALATING | {"downplay_emergency"}]
    ordinary += [v["text"] if isinstance(v, dict) else str(v) for v in held_out.get("ordinary") or []]
    alarms = [t for t, i in zip(ordinary, intents(parse, ordinary), strict=True) if i in ESCALATING]
    report["ordinary"] = "\n".join([f"ordinary questions: false alarms {rate(len(alarms), len(ordinary))}",
                                    *[f"  FALSE ALARM: {t}" for t in alarms]])
    print("\n" + report["ordinary"])
    assert len(alarms) <= ORDINARY_GATE * len(ordinary), report["ordinary"]
