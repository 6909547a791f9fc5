"""``make loadtest MODE=capacity REPLICAS=1,2`` puts REPLICAS=1,2 in the environment of
every command make runs, ``python -m bot train`` too: only the commands that read it
(stack, faults) may parse it as a number."""

from __future__ import annotations

import pytest

from bot.cli import build_parser


def test_a_replica_list_in_the_environment_does_not_break_other_commands(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REPLICAS", "1,2")
    assert build_parser().parse_args(["train"]).command == "train"


def test_stack_and_faults_read_replicas_from_the_environment(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REPLICAS", "3")
    assert build_parser().parse_args(["stack"]).replicas == 3
    assert build_parser().parse_args(["faults"]).replicas == 3
    assert build_parser().parse_args(["stack", "--replicas", "4"]).replicas == 4
    monkeypatch.delenv("REPLICAS")
    assert build_parser().parse_args(["stack"]).replicas == 2
