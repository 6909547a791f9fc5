"""The trained model on the held-in red-flag vignettes (tests/red_flags/vignettes.yml),
through the whole NLU pipeline: every emergency must get the intent ``red_flag``; at
most 5 % of mere mentions (negated, denied, hypothetical, informational, past) may
escalate; at most 2 % of ordinary questions (the held-in NLU test set) may escalate.
Figures are written to reports/red_flags.txt."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
import yaml

from bot import paths
from bot.maintain.results import load_examples

pytestmark = pytest.mark.model

VIGNETTES = paths.ROOT / "tests" / "red_flags" / "vignettes.yml"
ESCALATING = {"red_flag", "red_flag_urgent"}


@pytest.fixture(scope="module")
def parse(model_file: Path):
    from rasa.core.agent import Agent

    agent = Agent.load(str(model_file))

    def _parse(texts: list[str]) -> list[dict]:
        async def run() -> list[dict]:
            return [await agent.parse_message(t) for t in texts]

        return asyncio.run(run())

    return _parse


def test_vignettes(parse) -> None:
    data = yaml.safe_load(VIGNETTES.read_text(encoding="utf-8"))
    emergencies = [v["text"] for v in data["emergency"]]
    mentions = [v["text"] for v in data["not_emergency"]]
    ordinary = [t for t, intent in load_examples(paths.ROOT / "tests" / "nlu" / "test_nlu.yml")
                if intent not in ESCALATING | {"downplay_emergency"}]
    assert len(emergencies) >= 80 and len(mentions) >= 60

    missed = [t for t, p in zip(emergencies, parse(emergencies), strict=True) if p["intent"]["name"] != "red_flag"]
    alarms = [t for t, p in zip(mentions, parse(mentions), strict=True) if p["intent"]["name"] in ESCALATING]
    ordinary_alarms = [t for t, p in zip(ordinary, parse(ordinary), strict=True) if p["intent"]["name"] in ESCALATING]

    report = "\n".join([
        f"emergencies escalated: {len(emergencies) - len(missed)}/{len(emergencies)}",
        f"false alarms on mentions: {len(alarms)}/{len(mentions)} = {len(alarms) / len(mentions):.1%}",
        f"false alarms on ordinary questions: {len(ordinary_alarms)}/{len(ordinary)} = "
        f"{len(ordinary_alarms) / len(ordinary):.1%}",
        *[f"MISSED: {t}" for t in missed],
        *[f"FALSE ALARM: {t}" for t in alarms + ordinary_alarms],
    ])
    paths.REPORTS.mkdir(exist_ok=True)
    (paths.REPORTS / "red_flags.txt").write_text(report + "\n", encoding="utf-8")
    print("\n" + report)
    assert not missed, report
    assert len(alarms) <= 0.05 * len(mentions), report
    assert len(ordinary_alarms) <= 0.02 * len(ordinary), report
