"""The benchmark's pure helpers: percentile, table, ratios, budgets, the message plan.
No timing here: these check arithmetic and formatting only."""

from __future__ import annotations

import pytest

from bot.maintain.bench_messages import GREETINGS_AND_THANKS, MESSAGES, SHORT_QUESTIONS, STORIES
from bot.maintain.bench_stats import (
    BotFigures,
    budgets,
    format_ratios,
    format_round_ratios,
    format_table,
    percentile,
)
from bot.maintain.load import message_for


def test_percentile_interpolates_between_ranks() -> None:
    values = [40.0, 10.0, 30.0, 20.0]  # unsorted on purpose
    assert percentile(values, 0) == 10.0
    assert percentile(values, 100) == 40.0
    assert percentile(values, 50) == pytest.approx(25.0)
    assert percentile(list(range(1, 101)), 95) == pytest.approx(95.05)
    assert percentile([7.0], 95) == 7.0


@pytest.mark.parametrize("values,pct", [([], 50), ([1.0], -1), ([1.0], 101)])
def test_percentile_rejects_bad_input(values: list[float], pct: float) -> None:
    with pytest.raises(ValueError):
        percentile(values, pct)


def figures(name: str, single: list[float], multi_count: int, wall: float, rss: float,
            startup: float) -> BotFigures:
    bot = BotFigures(name)
    bot.add_single(single, errors=0, empty=0)
    bot.add_multi([10.0] * multi_count, wall, errors=1, empty=2)
    bot.rss_mb = rss
    bot.startup_s = startup
    return bot


def test_throughput_is_messages_over_summed_wall_time() -> None:
    bot = BotFigures("x")
    bot.add_multi([1.0] * 30, 2.0, 0, 0)
    bot.add_multi([1.0] * 30, 4.0, 0, 0)
    assert bot.throughput == pytest.approx(10.0)
    assert BotFigures("empty").throughput == 0.0


def test_table_has_one_row_per_bot_with_the_figures() -> None:
    ours = figures("ours", [10.0, 20.0, 30.0], 100, 2.0, 900.0, 12.34)
    starter = figures("starter", [30.0, 40.0, 50.0], 50, 2.0, 1200.0, 35.0)
    lines = format_table([ours, starter]).splitlines()
    assert lines[0].split()[:4] == ["bot", "p50", "ms", "p95"]
    row = lines[3].split()
    assert row[0] == "ours"
    assert row[1:4] == ["20.0", "29.0", "50.0"]  # p50, p95, msg/s
    assert row[-3:] == ["900", "12.3", "1/2"]  # RSS, start-up, errors/empty
    assert lines[4].split()[0] == "starter"
    # right-aligned columns: the p50 figure ends where its heading ends
    assert lines[3].index("20.0") + len("20.0") == lines[0].index("p50 ms") + len("p50 ms")


def test_budgets_judge_each_ratio() -> None:
    starter = figures("starter", [30.0, 40.0, 50.0], 50, 2.0, 1200.0, 35.0)
    good = figures("ours", [10.0, 20.0, 30.0], 100, 2.0, 900.0, 12.0)
    assert [b.met for b in budgets(good, starter)] == [True, True, True]
    slow = figures("ours", [50.0, 60.0, 70.0], 60, 2.0, 1600.0, 12.0)  # 1.2x throughput only
    judged = budgets(slow, starter)
    assert [b.met for b in judged] == [False, False, False]
    assert judged[0].value == pytest.approx(1.5)
    assert judged[1].value == pytest.approx(1.2)
    assert all(line.startswith("MISSED") for line in (b.line() for b in judged))


def test_ratios_name_every_column() -> None:
    ours = figures("ours", [10.0, 20.0, 30.0], 100, 2.0, 900.0, 10.0)
    starter = figures("starter", [30.0, 40.0, 50.0], 50, 2.0, 1200.0, 40.0)
    text = format_ratios(ours, starter)
    assert "0.50x" in text  # p50 20 / 40
    assert "2.00x" in text  # throughput 50 / 25
    assert "0.25x" in text  # start-up 10 / 40


def test_message_set_mixes_short_long_and_smalltalk() -> None:
    assert all(40 <= len(story.split()) <= 80 for story in STORIES)
    assert set(STORIES) <= set(MESSAGES)
    assert set(GREETINGS_AND_THANKS) <= set(MESSAGES)
    assert set(SHORT_QUESTIONS) <= set(MESSAGES)
    assert len(MESSAGES) == len(set(MESSAGES))


def test_the_message_plan_depends_on_round_sender_and_count_only() -> None:
    first = [message_for(2, sender, n) for sender in range(8) for n in range(16)]
    again = [message_for(2, sender, n) for sender in range(8) for n in range(16)]
    assert first == again
    # one sender's batch walks the list in order, so every message is sent
    assert {message_for(0, 0, n) for n in range(len(MESSAGES))} == set(MESSAGES)
    assert message_for(0, 0, 0) != message_for(1, 0, 0)


def test_round_ratios_pair_the_rounds_of_both_bots() -> None:
    ours, starter = BotFigures("ours"), BotFigures("starter")
    for mine, theirs in ((10.0, 20.0), (30.0, 20.0), (20.0, 20.0)):
        ours.add_single([mine], 0, 0)
        starter.add_single([theirs], 0, 0)
        ours.add_multi([1.0] * 30, 1.0, 0, 0)
        starter.add_multi([1.0] * 20, 1.0, 0, 0)
    lines = format_round_ratios(ours, starter).splitlines()
    assert lines[0].split() == ["p50", "1", "sender", "median", "1.00x,", "rounds", "0.50", "1.50", "1.00"]
    assert lines[1].endswith("rounds 1.50 1.50 1.50")
