"""Helpfulness in ``python -m bot review`` (bot/maintain/review_feedback.py) and
``python -m bot review apply FILE`` (bot/maintain/review_apply.py), on a tracker store and
a project built here."""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot import paths
from bot.knowledge import feedback as fb
from bot.maintain import review_apply, review_feedback
from bot.maintain.review import main
from tests.unit.test_review import DAY, make_store, user


def slot(value: Any) -> dict[str, Any]:
    return {"event": "slot", "name": fb.SLOT_FEEDBACK, "value": value}


def bot_answer(key: str, text: str) -> dict[str, Any]:
    return {"event": "bot", "text": text, "metadata": {"utter_action": f"utter_faq/{key}"}}


@pytest.fixture
def store(tmp_path: Path) -> Path:
    causes = {"answer": "clonus_causes", "version": "0123456789ab"}
    current = fb.content_version(yaml.safe_load((paths.DATA / "nlu" / "responses" / "faq.yml").read_text())
                                 ["responses"]["utter_faq/what_is_clonus"][0]["text"])
    what = {"answer": "what_is_clonus", "version": current}
    return make_store(tmp_path / "tracker.db", {
        "a": [(DAY, user("why does my leg do this", "faq", 0.9, topic=("faq/clonus_causes", 0.8))),
              (DAY + 1, user("/feedback_not_helpful", fb.INTENT_NOT_HELPFUL, 1.0)),
              (DAY + 1, slot({**causes, "rating": "not_helpful", "comment": None})),
              (DAY + 2, user("it did not say if it is permanent", "faq", 0.5)),
              (DAY + 2, slot({**causes, "rating": "not_helpful", "comment": "it did not say if it is permanent"})),
              (DAY + 3, user("what is clonus", "faq", 1.0, topic=("faq/what_is_clonus", 0.99))),
              (DAY + 4, user("/feedback_helpful", fb.INTENT_HELPFUL, 1.0)),
              (DAY + 4, slot({**what, "rating": "helpful", "comment": None}))],
        "b": [(DAY, user("what is clonus exactly", "faq", 1.0, topic=("faq/what_is_clonus", 0.99))),
              (DAY + 1, user("/feedback_helpful", fb.INTENT_HELPFUL, 1.0)),
              (DAY + 1, slot({**what, "rating": "helpful", "comment": None}))],
    })


def test_the_curated_answer_of_the_turn_and_its_version() -> None:
    events = [bot_answer("what_is_clonus", "Clonus is ..."), {"event": "user", "text": "x"},
              bot_answer("clonus_causes", "It is caused by  ...")]
    assert fb.last_curated_answer(events) == {"answer": "clonus_causes",
                                              "version": fb.content_version("It is caused by ...")}
    assert fb.last_curated_answer([*events, {"event": "user"}]) is None
    assert fb.content_version("a  b\n") == fb.content_version("a b") != fb.content_version("a c")


def test_ratings_per_answer_with_comments_and_the_question(store: Path) -> None:
    from bot.maintain.review import sqlite_url

    rated = review_feedback.ratings(review_feedback.read_rows(sqlite_url(store)))
    assert len(rated) == 3
    down = [r for r in rated if r.rating == fb.NOT_HELPFUL]
    assert [(r.answer, r.comment, r.question) for r in down] == [
        ("clonus_causes", "it did not say if it is permanent", "why does my leg do this")]
    scores = review_feedback.by_answer(rated, review_feedback.current_versions())
    assert [(s.answer, s.helpful, s.not_helpful, s.earlier_wording) for s in scores] == [
        ("clonus_causes", 0, 1, 1), ("what_is_clonus", 2, 0, 0)]
    text = review_feedback.render(scores)
    assert "faq/clonus_causes  [1 of an earlier wording]" in text
    assert "missing: it did not say if it is permanent" in text


def test_review_out_adds_the_thumbs_down_questions(store: Path, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "review.yml"
    args = argparse.Namespace(db=str(store), endpoints=None, since=None, out=str(out), command=None, file=None)
    assert main(args) == 0
    printed = capsys.readouterr().out
    assert "Helpfulness of the curated answers - 3 rating(s) of 2 answer(s)" in printed
    data = yaml.safe_load(out.read_text())
    blocks = {b["intent"]: b["examples"] for b in data["nlu"]}
    assert "- why does my leg do this" in blocks["faq/clonus_causes"]
    assert "missing: it did not say if it is permanent" in out.read_text()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the project's data, domain, topics and test sets."""
    root = tmp_path / "project"
    for part in ("data", "tests/nlu", "tests/red_flags", "knowledge"):
        shutil.copytree(paths.ROOT / part, root / part)
    shutil.copy(paths.ROOT / "domain.yml", root / "domain.yml")
    return root


def labelled(path: Path, blocks: dict[str, list[str]]) -> Path:
    lines = ['version: "3.1"', "nlu:"]
    for intent, texts in blocks.items():
        lines += [f"- intent: {intent}", "  examples: |", *[f"    - {t}" for t in texts]]
    path.write_text("\n".join(lines) + "\n")
    return path


def test_apply_adds_labelled_messages_to_reviewed_yml(project: Path, tmp_path: Path) -> None:
    file = labelled(tmp_path / "review.yml", {"faq/clonus_prognosis": ["will the jerking in my leg ever go for good"],
                                              "out_of_scope": ["who won the cricket yesterday"]})
    new = review_apply.plan(yaml_pairs(file), project)
    assert new == [("will the jerking in my leg ever go for good", "faq/clonus_prognosis"),
                   ("who won the cricket yesterday", "out_of_scope")]
    text = review_apply.merged("", new)
    again = review_apply.merged(text, [("is clonus for life", "faq/clonus_prognosis")])
    blocks = {b["intent"]: b["examples"] for b in yaml.safe_load(again)["nlu"]}
    assert blocks["faq/clonus_prognosis"].split("\n")[:2] == ["- will the jerking in my leg ever go for good",
                                                             "- is clonus for life"]


def yaml_pairs(path: Path) -> list[tuple[str, str]]:
    from bot.maintain.results import load_examples

    return load_examples(path)


def test_apply_refuses_test_set_messages_unknown_labels_and_conflicts(project: Path, tmp_path: Path) -> None:
    from bot.maintain.results import load_examples

    held_in = load_examples(project / "tests" / "nlu" / "test_nlu.yml")[0][0]
    red_flag = yaml.safe_load((project / "tests" / "red_flags" / "holdout_vignettes.yml").read_text())["emergency"][0]["text"]
    tests = review_apply.test_set_texts(project)
    training_text, training_intent = next((t, i) for t, i in load_examples(project / "data" / "nlu" / "faq.yml")
                                          if review_apply.norm(t) not in tests)
    other = "faq/clonus_danger" if training_intent != "faq/clonus_danger" else "faq/clonus_causes"
    file = labelled(tmp_path / "bad.yml", {"faq/clonus_causes": [held_in], "red_flag": [red_flag],
                                           "faq/no_such_topic": ["a new message"], other: [training_text]})
    with pytest.raises(review_apply.ApplyError) as error:
        review_apply.plan(load_examples(file), project)
    message = str(error.value)
    assert message.count("is in a test set") == 2
    assert "'faq/no_such_topic' is not an intent" in message
    assert f"already training data of {training_intent}" in message


def test_apply_puts_reviewed_yml_back_when_validation_fails(project: Path, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    file = labelled(tmp_path / "review.yml", {"out_of_scope": ["who won the cricket yesterday"]})
    monkeypatch.setattr(review_apply, "_run", lambda command, root: (1, 0.1))
    assert review_apply.apply(file, root=project) == 1
    assert not (project / review_apply.REVIEWED).exists()
    monkeypatch.setattr(review_apply, "_run", lambda command, root: (0, 0.1))
    assert review_apply.apply(file, root=project) == 0
    assert "who won the cricket yesterday" in (project / review_apply.REVIEWED).read_text()
