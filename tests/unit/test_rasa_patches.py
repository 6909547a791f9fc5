"""The cached action-result validator accepts and rejects exactly what Rasa's does."""

from __future__ import annotations

import pytest
from jsonschema import ValidationError, validate
from rasa.core.actions.action import RemoteAction

from bot.rasa_patches import _validate_action_result

GOOD = {"events": [{"event": "slot", "name": "x", "value": 1}], "responses": [{"text": "hi"}]}
BAD = [{"events": "not a list"}, {"responses": "x"}, {"events": [{"no_event_key": 1}]}]


def test_valid_result_passes() -> None:
    assert _validate_action_result(RemoteAction, GOOD) is True
    validate(GOOD, RemoteAction.action_response_format_spec())


@pytest.mark.parametrize("result", BAD)
def test_invalid_results_fail_like_upstream(result: dict) -> None:
    with pytest.raises(ValidationError):
        validate(result, RemoteAction.action_response_format_spec())
    with pytest.raises(ValidationError):
        _validate_action_result(RemoteAction, result)
