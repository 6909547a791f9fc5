"""The trained model on the held-in test sets: ``tests/nlu/test_nlu.yml`` (intent accuracy
>= 90 %, FAQ topics >= 97 %, honest fallback for out-of-scope >= 95 %) and the story-like
``tests/nlu/narratives.yml`` and the independent ``narratives_2.yml`` (>= 90 % each). FAQ messages must get their topic; out-of-scope
messages must get the honest fallback. Figures: reports/nlu_accuracy.txt and
reports/nlu_narratives.txt and reports/nlu_narratives_2.txt."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot import paths
from bot.maintain.evaluate import summary
from bot.maintain.results import (
    ACCURACY_GATE,
    NARRATIVE_GATE,
    NARRATIVE_SETS,
    OUT_OF_SCOPE_GATE,
    TEST_SET,
    TOPIC_GATE,
    Result,
    evaluate,
    load_examples,
)

pytestmark = pytest.mark.model


def scored(model_file: Path, test_set: Path, report_name: str) -> tuple[Result, str]:
    """The model on one held-in set; the summary is written to reports/ and printed."""
    result = evaluate(model_file, load_examples(paths.ROOT / test_set))
    report = summary(result)
    paths.REPORTS.mkdir(exist_ok=True)
    (paths.REPORTS / report_name).write_text(report + "\n", encoding="utf-8")
    print("\n" + report)
    return result, report


def test_intent_accuracy_on_the_held_in_set(model_file: Path) -> None:
    result, report = scored(model_file, TEST_SET, "nlu_accuracy.txt")
    assert result.total >= 300
    assert result.accuracy >= ACCURACY_GATE, report
    topics_ok, topics = result.accuracy_where(lambda e: e.startswith("faq/"))
    assert topics_ok >= TOPIC_GATE * topics, report
    oos_ok, oos = result.accuracy_where(lambda e: e == "out_of_scope")
    assert oos_ok >= OUT_OF_SCOPE_GATE * oos, report


#: Narrative sets below their 90 % gate (reason): reported, and an expected failure that
#: turns into an error (strict) as soon as the set passes, so the mark must then go.
#: narratives.yml passes since model ad1b3aa5db0a (174/189 = 92.1 %; its misses were grouped
#: into kinds for the new training data of data/nlu/faq_stories_kinds.yml, no sentence reused);
#: narratives_2.yml (independent, nobody read its misses) since model 986a5af083bb (171/189 = 90.4 %).
NOT_YET: dict[str, str] = {}


@pytest.mark.parametrize("test_set, report_name", [
    pytest.param(path, f"nlu_{path.stem}.txt",
                 marks=[pytest.mark.xfail(strict=True, reason=NOT_YET[path.name])] if path.name in NOT_YET else [])
    for path in NARRATIVE_SETS])
def test_accuracy_on_the_narrative_sets(model_file: Path, test_set: Path, report_name: str) -> None:
    result, report = scored(model_file, test_set, report_name)
    assert result.total >= 150
    assert result.accuracy >= NARRATIVE_GATE, report
