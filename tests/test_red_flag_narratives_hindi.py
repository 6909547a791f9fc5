"""The trained model on the held-in Hindi red-flag narratives
(``tests/red_flags/hindi_narratives.yml``, issue 17 "Done when"), through the whole NLU
pipeline, per script (Devanagari ``hi``, romanised ``hi-latn``, code-mixed ``mixed``):
every emergency gets the intent ``red_flag`` (recall 100 %) and at most 5 % of the negated,
past, long-standing or hypothetical signs escalate. Figures: reports/red_flags_hindi_narratives.txt.
The set was written independently of the Hindi rule files and of hindi_vignettes.yml
(tests/test_red_flag_vignettes_hindi.py scores that one)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from bot import paths
from bot.maintain import red_flag_sets as sets

pytestmark = pytest.mark.model

SET = sets.SETS_DIR / "hindi_narratives.yml"
SCRIPTS = ("hi", "hi-latn", "mixed")
REPORT = paths.REPORTS / "red_flags_hindi_narratives.txt"

#: Gates not met yet (script, gate) -> reason with the measured figure: an expected failure
#: that turns into an error (strict) as soon as the script passes, so the mark must then go.
#: Measured on model 4830c175b5b8 (session 9, hindirf: Devanagari recall 17/18 -> 18/18, mixed
#: false alarms 4/20 -> 2/20 after the Hindi rule changes of the judge's kinds); recall in every
#: script and hi-latn false alarms are live gates. The alarms left are kinds of the shared
#: English rules (the trauma sign with the jerking denied, a hyphen between two limbs) and a
#: classifier guess kept on a fever of yesterday (MAINTAINING.md, Hindi red flags, session 9).
NOT_YET: dict[tuple[str, str], str] = {}
#: Model 21fe9135e33a (session 9, hindirf's rules and hindi4's data): every script 18/18
#: emergencies and 1/20 false alarms.


def by_script(group: str) -> dict[str, list[str]]:
    """The texts of one group (``emergency``, ``not_emergency``) of the set, per script."""
    data = yaml.safe_load(SET.read_text(encoding="utf-8")) or {}
    out: dict[str, list[str]] = {script: [] for script in SCRIPTS}
    for item in data.get(group) or []:
        out[item["script"]].append(item["text"])
    return out


@pytest.fixture(scope="module")
def found(model_file: Path) -> dict[str, Any]:
    """Per script: the missed emergencies and the false alarms (also written to reports/)."""
    intents = sets.model_intents(model_file)
    emergencies, others = by_script("emergency"), by_script("not_emergency")
    out: dict[str, Any] = {}
    lines = []
    for script in SCRIPTS:
        em, ne = emergencies[script], others[script]
        missed = [t for t, i in zip(em, intents(em), strict=True) if i != "red_flag"]
        alarms = [t for t, i in zip(ne, intents(ne), strict=True) if i in sets.ESCALATING]
        out[script] = {"emergencies": len(em), "others": len(ne), "missed": missed, "alarms": alarms}
        lines += [f"{script}: emergencies escalated {sets.rate(len(em) - len(missed), len(em))}",
                  f"{script}: false alarms on non-emergencies {sets.rate(len(alarms), len(ne))}",
                  *[f"  MISSED: {t}" for t in missed], *[f"  FALSE ALARM: {t}" for t in alarms]]
    paths.REPORTS.mkdir(exist_ok=True)
    REPORT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n" + "\n".join(lines))
    return out


def _params(gate: str) -> list:
    return [pytest.param(script, marks=[pytest.mark.xfail(strict=True, reason=NOT_YET[(script, gate)])]
                         if (script, gate) in NOT_YET else [])
            for script in SCRIPTS]


@pytest.mark.parametrize("script", _params("recall"))
def test_every_hindi_narrative_emergency_escalates(found: dict[str, Any], script: str) -> None:
    score = found[script]
    assert score["emergencies"] >= 15
    assert not score["missed"], score["missed"]


@pytest.mark.parametrize("script", _params("false_alarms"))
def test_few_false_alarms_on_negated_or_past_hindi_signs(found: dict[str, Any], script: str) -> None:
    score = found[script]
    assert score["others"] >= 15
    assert len(score["alarms"]) <= sets.HINDI_FALSE_ALARM_GATE * score["others"], score["alarms"]
