"""The model card (``bot/maintain/model_card.py``): README.md shows the tables of the card of
the current model (rebuilt here, so the README cannot go stale), and the card has every
section it promises."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot import paths
from bot.maintain import model_card


@pytest.fixture(scope="module")
def card(model_file: Path) -> model_card.Card:
    return model_card.build(model_file)


@pytest.mark.model
def test_readme_shows_the_tables_of_the_current_model(card: model_card.Card) -> None:
    shown = model_card.readme_block((paths.ROOT / "README.md").read_text(encoding="utf-8"))
    assert shown is not None, "README.md has lost its model-card markers"
    assert shown.strip() == card.tables().strip(), (
        "README.md shows other figures than the current model's card: run "
        "`python -m bot model-card --readme` and commit README.md")


@pytest.mark.model
def test_card_has_every_section(card: model_card.Card, tmp_path: Path, model_file: Path) -> None:
    text = card.markdown()
    for name in (p.name for p in model_card.sets.set_files()):
        assert f"| `{name}` |" in text, name
    assert card.fingerprint in text and len(card.fingerprint) == 12
    for heading in ("## Red flags and held-in accuracy", "## Cross-validated accuracy",
                    "## Commands", "ordinary questions", "out-of-scope given the honest fallback"):
        assert heading in text, heading
    assert "- Generated: 20" in text
    recall = {s.name: s.recall for s in card.red_flags}
    assert recall["vignettes.yml"] == 1.0 and recall["holdout_vignettes.yml"] == 1.0


def test_cross_validation_is_quoted_with_its_date(tmp_path: Path) -> None:
    summary = tmp_path / "summary.json"
    assert model_card.last_cross_validation(summary) is None
    summary.write_text(json.dumps({"title": "3-fold cross-validation", "messages": 10, "correct": 9,
                                   "accuracy": 0.9, "faq_topic_accuracy": 0.95,
                                   "out_of_scope_fallback_rate": 1.0, "generated": "2026-12-01 10:00 UTC",
                                   "note": "seed 42"}))
    card = model_card.Card(model=Path("clonus-0123456789ab.tar.gz"), red_flags=[],
                           ordinary=model_card.sets.OrdinaryScore(0, []), accuracy=[],
                           cross_validation=model_card.last_cross_validation(summary), generated="now")
    text = card.markdown()
    assert "| 3-fold cross-validation of `data/nlu/` | 10 | 9/10 (90.0%) | 95.0% | 100.0% |" in text
    assert "generated 2026-12-01 10:00 UTC" in text
    assert "2026-12-01" not in card.tables()  # the README tables carry no date


def test_readme_block_is_replaced_between_the_markers() -> None:
    begin, end = model_card.MARKERS
    text = f"intro\n{begin}\nold table\n{end}\nrest\n"
    new = model_card.with_readme_block(text, "| new |")
    assert model_card.readme_block(new) == "| new |"
    assert new.startswith("intro\n") and new.endswith("\nrest\n")


def test_only_development_failures_are_quoted() -> None:
    """The README is read by the people who write the rules: a test set's failures appear as
    counts, a development set's as sentences."""
    score = model_card.sets.SetScore
    card = model_card.Card(
        model=Path("clonus-0123456789ab.tar.gz"),
        red_flags=[score("narratives_4.yml", 2, 2, missed=["a test sentence that was missed"],
                         alarms=["a test sentence that alarmed"]),
                   score("dev_stories_12.yml", 2, 2, missed=["a development sentence that was missed"])],
        ordinary=model_card.sets.OrdinaryScore(3, ["an ordinary held-in question"]), accuracy=[],
        cross_validation=None, generated="now")
    text = card.markdown()
    assert "a development sentence that was missed" in text
    for hidden in ("a test sentence that was missed", "a test sentence that alarmed",
                   "an ordinary held-in question"):
        assert hidden not in text, hidden
    assert "`narratives_4.yml`: 1 missed, 0 urgent ignored, 1 false alarms" in text
