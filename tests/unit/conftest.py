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
