"""``make evaluate`` (``python -m bot.maintain.evaluate``): the held-in evaluation writes every
report it promises and exits 1 below the gate; the cross-validation splits and scores
folds (on a tiny project with a tiny config here: the real one takes minutes)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from bot.maintain import crossval
from bot.maintain import report as nlu_report
from bot.maintain.evaluate import main
from bot.maintain.results import ACCURACY_GATE, NARRATIVE_GATE, load_examples

TEST_SET = Path(__file__).parent / "nlu" / "test_nlu.yml"
PNG = b"\x89PNG\r\n\x1a\n"


def _check_files(out: Path) -> dict:
    for name in nlu_report.FILES:
        assert (out / name).is_file() and (out / name).stat().st_size > 0, name
    for name in ("confusion_matrix.png", "confidence_histogram.png"):
        data = (out / name).read_bytes()
        assert data.startswith(PNG) and len(data) > 5000, name
    return json.loads((out / "summary.json").read_text())


@pytest.mark.model
def test_held_in_evaluation_writes_every_report(model_file: Path, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    out, stories = tmp_path / "held-in", tmp_path / "narratives"
    code = main(["--model", str(model_file), "--out", str(out), "--narratives-out", str(stories)])
    printed = capsys.readouterr().out
    summary = _check_files(out)
    narratives = _check_files(stories)  # the story-like sets, each reported separately
    second = _check_files(tmp_path / "narratives-narratives_2")
    passed = (summary["accuracy"] >= ACCURACY_GATE and narratives["accuracy"] >= NARRATIVE_GATE
              and second["accuracy"] >= NARRATIVE_GATE)
    assert code == (0 if passed else 1)
    assert summary["gate"] == ACCURACY_GATE and narratives["gate"] == second["gate"] == NARRATIVE_GATE
    assert "Held-in narratives narratives.yml (story-like messages):" in printed
    assert "Held-in narratives narratives_2.yml (story-like messages):" in printed
    examples = load_examples(TEST_SET)
    assert summary["messages"] == len(examples)
    assert f"intent accuracy {summary['correct']}/{summary['messages']}" in printed
    assert f"gate {ACCURACY_GATE:.0%}" in printed

    report = (out / "intent_report.md").read_text()
    assert "| intent | precision | recall | F1 | support |" in report
    for intent, count in Counter(intent for _, intent in examples).items():
        assert f"| `{intent}` |" in report and f"| {count} |" in report, intent
    wrong = (out / "misclassified.md").read_text()
    assert f"{summary['messages'] - summary['correct']} of {summary['messages']} messages" in wrong
    rows = [line for line in wrong.splitlines() if line.startswith("| ") and "`" in line]
    assert len(rows) == summary["messages"] - summary["correct"]


@pytest.mark.model
def test_evaluation_fails_below_the_gate(model_file: Path, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "mislabelled.yml"
    data.write_text('version: "3.1"\nnlu:\n- intent: greet\n  examples: |\n'
                    "    - what causes clonus\n    - is clonus dangerous\n    - hello there\n")
    assert main(["--model", str(model_file), "--data", str(data), "--out", str(tmp_path / "r")]) == 1
    assert "is below the gate" in capsys.readouterr().out
    summary = _check_files(tmp_path / "r")
    assert summary["messages"] == 3 and summary["correct"] == 1


def test_folds_are_stratified_disjoint_and_complete() -> None:
    labels = ["a"] * 10 + ["b"] * 7 + ["c"] * 2
    folds = crossval.split(labels, 3)
    assert sorted(i for fold in folds for i in fold) == list(range(len(labels)))
    for fold in folds:
        counts = Counter(labels[i] for i in fold)
        assert 3 <= counts["a"] <= 4 and 2 <= counts["b"] <= 3
    assert crossval.split(labels, 3) == folds          # same seed, same folds
    with pytest.raises(ValueError):
        crossval.split(labels, 1)


TINY_CONFIG = """recipe: default.v1
language: en
assistant_id: tiny
pipeline:
  - name: WhitespaceTokenizer
  - name: CountVectorsFeaturizer
  - name: bot.nlu.linear.LinearIntentClassifier
  - name: bot.nlu.linear.LinearResponseSelector
    retrieval_intent: faq
    weighting: tfidf
  - name: FallbackClassifier
    threshold: 0.3
policies: []
"""
TINY_DOMAIN = 'version: "3.1"\nintents:\n  - greet\n  - faq\nresponses:\n  utter_greet:\n    - text: hi\n'
TINY_NLU = """version: "3.1"
nlu:
- intent: greet
  examples: |
    - hello
    - hi
    - hey there
    - good morning
    - hello bot
    - hi there
- intent: faq/colour
  examples: |
    - what colour is the sky
    - which colour is grass
    - what colour are bananas
    - tell me a colour
    - what colour is snow
    - favourite colour
- intent: faq/number
  examples: |
    - what number comes after two
    - count to three
    - what is the biggest number
    - tell me a number
    - how many legs has a cat
    - what number is lucky
responses:
  utter_faq/colour:
    - text: Blue.
  utter_faq/number:
    - text: Seven.
"""


def test_cross_validation_writes_the_reports(tmp_path: Path) -> None:
    root = tmp_path / "tiny"
    (root / "data" / "nlu").mkdir(parents=True)
    (root / "config.yml").write_text(TINY_CONFIG)
    (root / "domain.yml").write_text(TINY_DOMAIN)
    (root / "data" / "nlu" / "nlu.yml").write_text(TINY_NLU)
    out = tmp_path / "cv"
    cv = crossval.run(folds=2, out=out, root=root, verbose=False)
    summary = _check_files(out)
    assert summary["messages"] == cv.result.total == 18
    expected = Counter(e for _, e, _, _ in cv.result.rows)
    assert expected == {"greet": 6, "faq/colour": 6, "faq/number": 6}
    assert "2-fold stratified cross-validation" in (out / "intent_report.md").read_text()
    assert cv.intent[1] == 18 and cv.topic[1] == 12  # the intent alone, the topic alone
    assert sum(summary["answers"].values()) == 18
    assert not list((root / ".rasa").glob("**/*")) if (root / ".rasa").exists() else True


def test_one_run_parses_each_red_flag_set_once() -> None:
    """The gate tests and the model card score the same sets: the parse cache must hold every
    group of every set (plus the held-in NLU sets and the ordinary questions), or the card
    parses them all a second time (CI time)."""
    from bot.maintain import red_flag_sets as sets
    from bot.maintain.results import _evaluate

    groups = sum(1 for path in sets.set_files() for texts in sets.load_groups(path).values() if texts)
    assert _evaluate.cache_info().maxsize >= groups + 8, groups
