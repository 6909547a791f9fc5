"""Figures below a gate never print as the gate: percentages are floored, not rounded
(``bot.maintain.results.percent`` / ``fraction_percent``), in the model card and the reports."""

from __future__ import annotations

from bot.maintain import model_card
from bot.maintain.report import headline_text
from bot.maintain.results import fraction_percent, percent


def test_a_share_below_the_gate_is_floored() -> None:
    assert percent(170 / 189) == "89.9%"
    assert percent(round(170 / 189, 4)) == "89.9%"  # 0.8995, as the headline figures store it
    assert percent(0.89999) == "89.9%"


def test_exact_figures_are_not_pushed_down_by_float_noise() -> None:
    assert percent(0.9) == "90.0%"
    assert percent(0.57) == "57.0%"
    assert percent(1.0) == "100.0%"
    assert percent(0.0) == "0.0%"


def test_fractions_are_floored_from_the_counts() -> None:
    assert fraction_percent(170, 189) == "89.9%"
    assert fraction_percent(171, 190) == "90.0%"
    assert fraction_percent(488, 502) == "97.2%"
    assert fraction_percent(1, 0) == "n/a"


def test_the_model_card_row_does_not_round_up_to_the_gate() -> None:
    figures = {"messages": 189, "correct": 170, "accuracy": round(170 / 189, 4),
               "faq_topic_accuracy": 0.99995, "out_of_scope_fallback_rate": 0.7778}
    row = model_card._accuracy_row("narratives", figures)
    assert "170/189 (89.9%)" in row
    assert "90.0%" not in row and "100.0%" not in row
    assert model_card._frac(43, 44) == "43/44 (97.7%)"


def test_the_report_verdict_uses_the_counts() -> None:
    figures = {"messages": 10001, "correct": 9000, "accuracy": round(9000 / 10001, 4),  # rounds to 0.9
               "faq_topic_accuracy": 0.9, "out_of_scope_fallback_rate": 0.9, "macro_f1": 0.9, "weighted_f1": 0.9}
    text = headline_text(figures, gate=0.90)
    assert "BELOW THE GATE" in text
    assert "9000/10001 = 89.9%" in text
