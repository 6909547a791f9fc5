"""The load test's own messages, its Locust figures and its bounds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from bot import paths
from bot.maintain.loadtest import messages
from bot.maintain.loadtest.messages import ESCALATION_MARK, all_messages, conversation, is_red_flag
from bot.maintain.loadtest.run import bounded, local_only
from bot.maintain.loadtest.stats import RunFigures, best_step, within_limits

HELD_IN = [*sorted((paths.ROOT / "tests" / "nlu").glob("*.yml")),
           *sorted((paths.ROOT / "tests" / "red_flags").glob("*.yml"))]


def norm(text: str) -> str:
    return re.sub(r"[^a-z0-9 ]+", "", text.lower()).strip()


def held_in_lines() -> set[str]:
    lines: set[str] = set()
    for path in HELD_IN:
        for line in path.read_text(encoding="utf-8").splitlines():
            text = re.sub(r"^\s*(- )?(text: )?", "", line).strip().strip("'\"")
            lines.add(norm(text))
    return lines


def test_the_messages_are_not_from_the_held_in_test_sets() -> None:
    assert HELD_IN
    held = held_in_lines()
    assert [m for m in all_messages() if norm(m) in held] == []


def test_the_escalation_mark_is_in_the_urgent_response() -> None:
    domain = yaml.safe_load((paths.ROOT / "domain.yml").read_text(encoding="utf-8"))
    urgent = [r for name, rs in domain["responses"].items() if "urgent" in name for r in rs]
    assert urgent and all(ESCALATION_MARK in r["text"] for r in urgent if "URGENT" in r["text"])


def test_one_conversation_in_twenty_has_a_red_flag_as_its_last_message() -> None:
    flagged = [n for n in range(200) if is_red_flag(n)]
    assert len(flagged) == 200 // messages.RED_FLAG_EVERY
    for number in range(40):
        chat = conversation(number)
        assert 3 <= len(chat) <= 5
        assert (chat[-1] in messages.RED_FLAGS) == is_red_flag(number)
    assert conversation(7) == conversation(7) and conversation(7, seed=1) != conversation(7)


def test_only_loopback_targets_and_bounded_runs() -> None:
    assert local_only(["http://127.0.0.1:5005", "http://localhost:5706"])
    for url in ("http://10.0.0.5:5005", "https://example.org", "http://127.0.0.1.example.org"):
        with pytest.raises(ValueError):
            local_only([url])
    bounded(500, 10, 300)
    for users, rate, seconds in ((0, 1, 10), (5000, 1, 10), (10, 500, 10), (10, 1, 99999)):
        with pytest.raises(ValueError):
            bounded(users, rate, seconds)


def test_figures_from_locust_csv(tmp_path: Path) -> None:
    prefix = tmp_path / "locust"
    header = ("Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,"
              "Min Response Time,Max Response Time,Average Content Size,Requests/s,Failures/s,"
              "50%,66%,75%,80%,90%,95%,98%,99%,99.9%,99.99%,100%\n")
    Path(f"{prefix}_stats.csv").write_text(
        header + "rest,message,100,0,120,130,50,900,300,1.6,0,120,130,140,150,200,400,600,800,900,900,900\n"
        ",Aggregated,200,1,130,140,50,1500,300,3.3,0,130,140,150,160,250,450,700,900,1500,1500,1500\n")
    Path(f"{prefix}_stats_history.csv").write_text(
        "Timestamp,User Count,Type,Name\n1,5,,Aggregated\n2,10,,Aggregated\n3,10,,Aggregated\n")
    figures = RunFigures.from_csv(prefix, 10, 60)
    assert (figures.messages, figures.errors, figures.users_held) == (200, 1, 10)
    assert (figures.p50, figures.p95, figures.p99) == (130, 450, 900)
    assert figures.per_second == pytest.approx(200 / 60)
    assert not within_limits(figures)  # 0.5 % errors


def test_best_step_keeps_p95_under_a_second() -> None:
    def step(users: int, rate: float, p95: float, errors: int = 0) -> RunFigures:
        return RunFigures(users, users, 1000, errors, 60, rate, 100, p95, p95)

    steps = [step(2, 10, 200), step(4, 18, 500), step(8, 25, 1200), step(6, 20, 900, errors=50)]
    assert best_step(steps).users_target == 4  # type: ignore[union-attr]
    assert best_step([step(2, 10, 1500)]) is None
