"""bot/serve/env.py: positive numbers from the environment, and its three users."""

from __future__ import annotations

import pytest

from bot.serve.env import positive_integer, positive_number


@pytest.mark.parametrize("text, expected", [("7.5", 7.5), (" 3 ", 3.0), ("0.01", 0.01),
                                            ("1e2", 100.0)])
def test_positive_number(text: str, expected: float) -> None:
    assert positive_number("X", 20.0, env={"X": text}) == expected


@pytest.mark.parametrize("env", [{}, {"X": ""}, {"X": "   "}])
def test_unset_or_blank_means_the_default(env: dict[str, str]) -> None:
    assert positive_number("X", 20.0, env=env) == 20.0
    assert positive_integer("X", 4, env=env) == 4


@pytest.mark.parametrize("text", ["0", "-1", "abc", "nan", "inf", "-inf", "1,5"])
def test_not_a_positive_number_is_refused_by_name(text: str) -> None:
    with pytest.raises(ValueError, match="^X must be a positive number"):
        positive_number("X", 20.0, env={"X": text})


@pytest.mark.parametrize("text, expected", [("1", 1), ("12", 12), (" 4 ", 4)])
def test_positive_integer(text: str, expected: int) -> None:
    assert positive_integer("N", 4, env={"N": text}) == expected


@pytest.mark.parametrize("text", ["0", "-2", "2.5", "two", "1e3"])
def test_not_a_whole_number_of_at_least_one_is_refused_by_name(text: str) -> None:
    with pytest.raises(ValueError, match="^N must be a whole number of at least 1"):
        positive_integer("N", 4, env={"N": text})


def test_reads_the_process_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLONUS_TEST_SETTING", "2.5")
    assert positive_number("CLONUS_TEST_SETTING", 1.0) == 2.5
    monkeypatch.delenv("CLONUS_TEST_SETTING")
    assert positive_number("CLONUS_TEST_SETTING", 1.0) == 1.0


@pytest.mark.parametrize("name, read", [
    ("CLONUS_MAX_TURNS", "bot.serve.admission:max_turns"),
    ("CLONUS_TURN_QUEUE_TIMEOUT", "bot.serve.admission:queue_timeout"),
    ("CLONUS_ACTION_TIMEOUT", "bot.rasa_patches:action_timeout"),
])
def test_the_settings_use_it(name: str, read: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib

    module, function = read.split(":")
    setting = getattr(importlib.import_module(module), function)
    monkeypatch.setenv(name, "3")
    assert setting() == 3
    for bad in ("0", "nan", "x"):
        monkeypatch.setenv(name, bad)
        with pytest.raises(ValueError, match=f"^{name} must be"):
            setting()
