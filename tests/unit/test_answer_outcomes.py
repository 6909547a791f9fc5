"""The reports count "Do you mean...?" apart (bot/maintain/results.py): a right answer, a
question whose buttons include the right topic, one whose buttons do not, a wrong answer;
the evaluation asks exactly when the TopicContextPolicy would."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Sequence, Tuple

import pytest

from bot.maintain.report import answers_text, headline
from bot.maintain.results import (
    CLARIFY_OTHER,
    CLARIFY_RIGHT,
    RIGHT,
    WRONG,
    Result,
    answer_outcome,
    asked_topics,
    clarify_thresholds,
)
from bot.policies.topic_context import TopicContextPolicy

THRESHOLDS = (0.5, 0.1)
CLEAR = [("clonus_exercise", 0.9), ("clonus_self_care", 0.05)]
CLOSE = [("clonus_treatment", 0.42), ("clonus_self_care", 0.38), ("clonus_exercise", 0.3)]
CLOSE_TWO = [("clonus_treatment", 0.42), ("clonus_self_care", 0.38), ("clonus_exercise", 0.1)]


def parse(intent: str, topics: Sequence[Tuple[str, float]], escalate: bool = False,
          ranking: Sequence[str] = ()) -> dict[str, Any]:
    return {"intent": {"name": intent, "confidence": 0.9},
            "intent_ranking": [{"name": n, "confidence": 0.1} for n in (ranking or [intent])],
            "response_selector": {"faq": {"ranking": [
                {"intent_response_key": f"faq/{k}", "confidence": c} for k, c in topics]}},
            "red_flags": {"escalate": escalate, "concepts": []}}


@pytest.mark.parametrize("expected, got, options, outcome", [
    ("faq/clonus_exercise", "faq/clonus_exercise", None, RIGHT),
    ("faq/clonus_exercise", "faq/clonus_self_care", None, WRONG),
    ("faq/clonus_exercise", "faq/clonus_self_care", ("clonus_self_care", "clonus_exercise"), CLARIFY_RIGHT),
    # the classifier was right, but the bot asks: not a right answer
    ("faq/clonus_exercise", "faq/clonus_exercise", ("clonus_exercise", "clonus_self_care"), CLARIFY_RIGHT),
    ("faq/clonus_exercise", "faq/clonus_treatment", ("clonus_treatment", "clonus_self_care"), CLARIFY_OTHER),
    ("out_of_scope", "nlu_fallback", None, RIGHT),
    ("out_of_scope", "nlu_fallback", ("clonus_treatment", "clonus_self_care"), CLARIFY_OTHER),
    ("greet", "faq/clonus_exercise", None, WRONG),
])
def test_each_answer_is_counted_in_one_kind(expected: str, got: str, options: Any, outcome: str) -> None:
    assert answer_outcome(expected, got, options) == outcome


def test_the_evaluation_asks_when_the_policy_would() -> None:
    assert asked_topics(parse("faq", CLEAR), THRESHOLDS) is None               # clear: answered
    assert asked_topics(parse("faq", CLOSE), THRESHOLDS) == ("clonus_treatment", "clonus_self_care",
                                                             "clonus_exercise")
    assert asked_topics(parse("faq", CLOSE_TWO), THRESHOLDS) == ("clonus_treatment", "clonus_self_care")
    # unsure of everything, but leaning to a topic
    leaning = parse("nlu_fallback", CLOSE_TWO, ranking=["nlu_fallback", "faq", "greet"])
    assert asked_topics(leaning, THRESHOLDS) == ("clonus_treatment", "clonus_self_care")
    assert asked_topics(parse("nlu_fallback", CLOSE_TWO, ranking=["nlu_fallback", "greet"]), THRESHOLDS) is None
    # an emergency never waits behind a question; other intents get the rules' answer
    assert asked_topics(parse("red_flag", CLOSE), THRESHOLDS) is None
    assert asked_topics(parse("faq", CLOSE, escalate=True), THRESHOLDS) is None
    assert asked_topics(parse("out_of_scope", CLOSE), THRESHOLDS) is None
    # the thresholds decide: a stricter lead turns the clear answer into a question
    assert asked_topics(parse("faq", CLEAR), (0.5, 0.9)) is not None


def test_the_thresholds_are_the_policys(tmp_path: Path) -> None:
    defaults = TopicContextPolicy.get_default_config()
    config = tmp_path / "config.yml"
    config.write_text("policies:\n  - name: bot.policies.topic_context.TopicContextPolicy\n", encoding="utf-8")
    assert clarify_thresholds(config) == (defaults["topic_confidence"], defaults["topic_margin"])
    config.write_text("policies:\n  - name: bot.policies.topic_context.TopicContextPolicy\n"
                      "    topic_confidence: 0.6\n    topic_margin: 0.2\n", encoding="utf-8")
    assert clarify_thresholds(config) == (0.6, 0.2)


def test_reports_count_the_kinds_apart_and_folds_add_up() -> None:
    first = Result(rows=[("a", "faq/clonus_exercise", "faq/clonus_exercise", 0.9),
                         ("b", "faq/clonus_exercise", "faq/clonus_self_care", 0.4)],
                   asked=[None, ("clonus_self_care", "clonus_exercise")])
    second = Result(rows=[("c", "faq/clonus_danger", "faq/clonus_self_care", 0.45),
                          ("d", "faq/clonus_danger", "faq/clonus_self_care", 0.9)],
                    asked=[("clonus_self_care", "clonus_exercise"), None])
    first.add(second)
    counts = first.outcomes()
    assert counts == {RIGHT: 1, CLARIFY_RIGHT: 1, CLARIFY_OTHER: 1, WRONG: 1}
    assert headline(first)["answers"] == counts
    text = answers_text(headline(first))
    assert "answered right 1/4" in text and "with the right topic among the buttons 1/4" in text
    # rows without the policy's view (older callers) count as answers
    assert Result(rows=[("e", "greet", "greet", 0.9)]).outcomes()[RIGHT] == 1
