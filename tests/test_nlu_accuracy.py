"""The trained model on the held-in test set (tests/nlu/test_nlu.yml): the gate is 90 %
intent accuracy. FAQ messages must get their topic; out-of-scope messages must get the
honest fallback. The figures are written to reports/nlu_accuracy.txt."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot import paths
from bot.maintain.evaluate import summary
from bot.maintain.results import ACCURACY_GATE as GATE  # the one gate, also used by `make evaluate`
from bot.maintain.results import evaluate, load_examples

TEST_SET = paths.ROOT / "tests" / "nlu" / "test_nlu.yml"

pytestmark = pytest.mark.model


def test_intent_accuracy_on_the_held_in_set(model_file: Path) -> None:
    result = evaluate(model_file, load_examples(TEST_SET))
    report = summary(result)
    paths.REPORTS.mkdir(exist_ok=True)
    (paths.REPORTS / "nlu_accuracy.txt").write_text(report + "\n", encoding="utf-8")
    print("\n" + report)
    assert result.total >= 300
    assert result.accuracy >= GATE, report
