"""The trained model on the Hindi red-flag vignettes (tests/red_flags/hindi_vignettes.yml,
issue 17) and the Hindi development stories (hindi_dev_stories.yml, session 6; hindi_dev_stories_2.yml, session 7; hindi_dev_stories_3.yml, session 8;
hindi_dev_stories_4.yml, session 9): through the
whole NLU pipeline, per script (Devanagari, Hinglish, mixed), every emergency gets the
intent ``red_flag``, at most 5 % of the negated, past or hypothetical signs and no ordinary
question escalate. Figures go to reports/red_flags_hindi.txt."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot import paths

pytestmark = pytest.mark.model

SETS = [paths.ROOT / "tests" / "red_flags" / name for name in ("hindi_vignettes.yml", "hindi_dev_stories.yml",
                                                          "hindi_dev_stories_2.yml", "hindi_dev_stories_3.yml",
                                                          "hindi_dev_stories_4.yml")]
ESCALATING = {"red_flag", "red_flag_urgent"}
FALSE_ALARM_GATE = 0.05
#: Sets whose false-alarm gate is not met yet -> reason with the measured figure. Strict: the
#: test fails when such a set passes, so the entry must then go.
NOT_YET = {
    "hindi_dev_stories_4.yml": "issue 17 (session 9): someone else's past stroke or paralysis told with a "
                               "general question stays present (rules), 1/13 per script",
}
REPORT = paths.REPORTS / "red_flags_hindi.txt"


@pytest.fixture(scope="module")
def agent(model_file: Path) -> Any:
    from rasa.core.agent import Agent

    return Agent.load(str(model_file))


@pytest.fixture(scope="module")
def report() -> Any:
    blocks: list[str] = []
    yield blocks
    paths.REPORTS.mkdir(exist_ok=True)
    REPORT.write_text("\n".join(blocks) + "\n", encoding="utf-8")


@pytest.fixture(scope="module", params=SETS, ids=lambda p: p.name)
def results(request: Any, agent: Any, report: list[str]) -> dict[str, Any]:
    data = yaml.safe_load(request.param.read_text(encoding="utf-8"))

    async def run() -> dict[str, list[tuple[str, str, str]]]:
        out: dict[str, list[tuple[str, str, str]]] = {}
        for part in ("emergency", "not_emergency", "ordinary"):
            out[part] = [(v["script"], v["text"], (await agent.parse_message(v["text"]))["intent"]["name"])
                         for v in data.get(part) or []]
        return out

    found = asyncio.run(run())
    lines = [f"== {request.param.name}"]
    for script in ("hi", "hi-latn", "mixed"):
        em = [(t, i) for s, t, i in found["emergency"] if s == script]
        ne = [(t, i) for s, t, i in found["not_emergency"] if s == script]
        od = [(t, i) for s, t, i in found["ordinary"] if s == script]
        missed = [t for t, i in em if i != "red_flag"]
        alarms = [t for t, i in ne + od if i in ESCALATING]
        lines.append(f"{script}: emergencies escalated {len(em) - len(missed)}/{len(em)}; "
                     f"false alarms {len([t for t, i in ne if i in ESCALATING])}/{len(ne)} negated or past, "
                     f"{len([t for t, i in od if i in ESCALATING])}/{len(od)} ordinary")
        lines += [f"  MISSED: {t}" for t in missed] + [f"  FALSE ALARM: {t}" for t in alarms]
    report.extend(lines)
    print("\n" + "\n".join(lines))
    return found


def test_every_hindi_emergency_escalates(results) -> None:
    missed = [(s, t, i) for s, t, i in results["emergency"] if i != "red_flag"]
    assert not missed, missed


def test_few_hindi_false_alarms(request: Any, results) -> None:
    over = []
    for script in ("hi", "hi-latn", "mixed"):
        others = [i for s, _, i in results["not_emergency"] if s == script]
        alarms = [i for i in others if i in ESCALATING]
        if len(alarms) > FALSE_ALARM_GATE * len(others):
            over.append((script, alarms))
    ordinary = [(t, i) for _, t, i in results["ordinary"] if i in ESCALATING]
    name = request.node.callspec.id
    if name in NOT_YET:
        assert not ordinary, ordinary
        assert over, f"{name} meets its false-alarm gate now: remove it from NOT_YET"
        pytest.xfail(NOT_YET[name])
    assert not over, over
    assert not ordinary, ordinary
