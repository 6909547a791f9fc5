"""Performance patches for Rasa 3.6, applied when the project's channels are imported
(that is, in every ``rasa run`` that uses ``credentials.yml``): the action-result validator
below, the SQLite tracker store's WAL mode and kept connection (``bot.serve.sqlite_tracker``);
the tracker store fails closed instead of forking a conversation into memory
(``bot.serve.tracker_failclosed``); the privacy hooks of the tracker store: "delete my
data" and the retention purge (``bot.privacy.server``); and admission control, at most
``CLONUS_MAX_TURNS`` turns at once per process, the others queued in order
(``bot.serve.admission``); a failed custom action makes the turn say that this part is
temporarily unavailable (``bot.serve.action_unavailable``); the model's predict graph runs
in a plain sequential runner instead of dask (``bot.serve.graph_runner``), and RulePolicy
finds the matching rules without re-reading every rule at every step (``bot.serve.rule_lookup``);
the policies' state lists come from one kept replay of the conversation instead of one replay
per policy and prediction (``bot.serve.prior_states``), and events find their class without
walking Rasa's class tree each time (``bot.serve.event_lookup``); the policies no longer
deep-copy their state lists for debug log lines that are not written (``bot.serve.log_copies``);
graph runs and the SQLite tracker store's database work run in two worker threads, off the
event loop (``bot.serve.offload``; ``CLONUS_OFFLOAD=0`` turns that off); and
``action_feedback_ask`` runs in-process instead of over HTTP (``bot.serve.local_actions``).

``RemoteAction._validate_action_result`` calls ``jsonschema.validate`` for every custom
action result, which re-checks the (draft 2020-12) schema itself each time: about half
of the Rasa server's CPU time under load. The patch compiles the validator once and
validates every result exactly as before (same schema, same errors).

The custom-action request timeout, hard-coded to 300 s in Rasa 3.6 (longer than the
conversation lock), becomes ``CLONUS_ACTION_TIMEOUT`` seconds (default 20): an action that
does not answer in time is treated like an unreachable action server, and the conversation
lock (``bot.serve.lock_store``, lifetime checked to be longer) always outlives it.
"""

from __future__ import annotations

from typing import Any, Dict, Optional, Text

from bot.serve.env import positive_number

#: Default seconds Rasa waits for the action server (Rasa's own default is 300).
DEFAULT_ACTION_TIMEOUT = 20.0

_validator: Optional[Any] = None
_applied = False


def _validate_action_result(self: Any, result: Dict[Text, Any]) -> bool:
    from jsonschema import ValidationError, validators
    from jsonschema.exceptions import best_match
    from rasa.shared.constants import DOCS_BASE_URL

    global _validator
    if _validator is None:
        schema = self.action_response_format_spec()
        cls = validators.validator_for(schema)
        cls.check_schema(schema)
        _validator = cls(schema)
    error = best_match(_validator.iter_errors(result))
    if error is not None:
        assert isinstance(error, ValidationError)
        error.message += (
            ". Failed to validate Action server response from API, make sure your response "
            "from the Action endpoint is valid. For more information about the format visit "
            f"{DOCS_BASE_URL}/custom-actions"
        )
        raise error
    return True


def action_timeout() -> float:
    """Seconds Rasa waits for one custom action (``CLONUS_ACTION_TIMEOUT``)."""
    return positive_number("CLONUS_ACTION_TIMEOUT", DEFAULT_ACTION_TIMEOUT)


def apply() -> None:
    """Install the patches once."""
    global _applied
    if _applied:
        return
    from bot.serve import tracker_failclosed, tracker_hooks

    tracker_hooks.install()  # SQLite tuning, then the privacy hooks, on every SQL store
    tracker_failclosed.apply()
    from bot.serve import (
        action_unavailable,
        admission,
        event_lookup,
        graph_runner,
        local_actions,
        log_copies,
        offload,
        prior_states,
        rule_lookup,
    )

    admission.apply()
    action_unavailable.apply()
    graph_runner.install()  # the predict graph runs without dask (bot.serve.graph_runner)
    rule_lookup.install()  # RulePolicy's rule lookup, the same result with less work
    prior_states.install()  # the policies' state lists from one kept replay per conversation
    event_lookup.install()  # event classes by type name without walking the class tree
    log_copies.install()  # no deep copies of the state lists for debug lines not written
    offload.apply()  # graph runs and SQLite store work in worker threads
    local_actions.apply()  # action_feedback_ask without the HTTP round trip
    from rasa.core.actions import action
    from rasa.core.actions.action import RemoteAction

    RemoteAction._validate_action_result = _validate_action_result  # type: ignore[assignment]
    # RemoteAction.run reads this module global at call time
    action.DEFAULT_REQUEST_TIMEOUT = action_timeout()  # type: ignore[attr-defined]
    _applied = True
