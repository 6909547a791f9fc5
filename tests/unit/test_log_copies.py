"""bot/serve/log_copies.py: the policies' debug-log deep copies are skipped only while
structlog drops debug events, and in those modules ``copy`` serves nothing else."""

from __future__ import annotations

import importlib
import inspect
import logging
import re

import pytest

from bot.serve import log_copies


@pytest.mark.parametrize("name", log_copies.MODULES)
def test_copy_builds_only_debug_log_arguments_in_the_patched_modules(name: str) -> None:
    source = inspect.getsource(importlib.import_module(name))
    uses = [line.strip() for line in source.splitlines() if re.search(r"\bcopy\.", line)]
    assert uses, "the module no longer copies anything: the patch can go"
    assert all(re.fullmatch(r'"[a-z_.]+", \w+=copy\.deepcopy\(\w+\)', use) for use in uses), uses


def test_deepcopy_returns_the_object_only_while_debug_is_dropped() -> None:
    from rasa.utils.log_utils import configure_structlog

    log_copies.install()
    from rasa.core.policies import memoization, rule_policy

    states = [{"user": {"intent": "greet"}}]
    try:
        configure_structlog(logging.INFO)
        assert not log_copies.debug_logged()
        assert memoization.copy.deepcopy(states) is states
        assert rule_policy.copy.deepcopy(states) is states
        configure_structlog(logging.DEBUG)
        assert log_copies.debug_logged()
        copied = memoization.copy.deepcopy(states)
        assert copied == states and copied is not states and copied[0] is not states[0]
    finally:
        configure_structlog(logging.INFO)
    assert memoization.copy.copy is __import__("copy").copy  # the rest of the module as is
