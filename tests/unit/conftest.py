"""Fixtures and helpers of the unit tests: the red-flag rules alone on the installed spaCy pipeline."""

from __future__ import annotations

from typing import Callable

import pytest
import spacy

from bot.knowledge.red_flags import Assessment, load_rules


@pytest.fixture(scope="session")
def assess() -> Callable[[str], Assessment]:
    """The rules' assessment of a message (lower-cased, as the detector reads it), with the
    pipeline loaded once for every test module that asks for it."""
    nlp = spacy.load("en_clonus_pipeline")
    rules = load_rules()
    return lambda text: rules.assess(nlp(text.lower()))


def sign_keys(result: Assessment) -> set:
    """The keys of the signs an assessment found (the red-flag rule tests compare them)."""
    return {s.key for s in result.signs}


def assert_level(assess: Callable[[str], Assessment], text: str, level: str, sign: str) -> None:
    """The rules read ``text`` at ``level`` with the sign ``sign`` among the signs found."""
    result = assess(text)
    assert result.level == level, (text, result.level, sign_keys(result))
    assert sign in sign_keys(result), (text, sign_keys(result))


def assert_not_escalated(assess: Callable[[str], Assessment], text: str) -> None:
    """The rules read ``text`` as neither an emergency nor urgent."""
    result = assess(text)
    assert result.level not in ("emergency", "urgent"), (text, result.level, sign_keys(result))
