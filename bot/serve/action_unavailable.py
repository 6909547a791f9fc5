"""When a custom action fails, say so politely instead of leaving the answer out.

Rasa 3.6 logs a failed custom action (the action server is down, did not answer within
``CLONUS_ACTION_TIMEOUT``, or answered an error) and goes on without its events: the
user gets the rest of the turn, or nothing from that part, and no word that something is
missing. With this patch the turn says ``utter_action_unavailable`` (``domain.yml``, in the
user's language through the ``answer_language`` slot) in place of the failed action's
answer, once per turn however many actions failed, and the turn's later custom actions
are not called (they fail at once: an action server that timed out would make each of
them wait ``CLONUS_ACTION_TIMEOUT`` again, and a turn holds its conversation's lock).
Everything else is unchanged: the
failed action's events are still dropped (a form's validation that could not run
validates nothing), a rejection (``ActionExecutionRejection``) is still a rejection, and
the rest of the turn (an emergency escalation, which is a response and needs no action
server) still arrives.

Two small wrappers, installed by ``bot.rasa_patches.apply``: ``RemoteAction.run`` notes
its failure in a context variable (and raises as before); ``MessageProcessor._run_action``
reads the note after the action and utters the response.
"""

from __future__ import annotations

import contextvars
import logging
from typing import Any, Optional

from bot.constants import UTTER_ACTION_UNAVAILABLE

logger = logging.getLogger(__name__)

#: The names of the custom actions that failed while the current action ran.
_failed: contextvars.ContextVar[Optional[list[str]]] = contextvars.ContextVar(
    "clonus_failed_actions", default=None)
_applied = False


def said_this_turn(tracker: Any) -> bool:
    """Whether the current turn (since the last user message) already said it."""
    from rasa.shared.core.events import BotUttered, UserUttered

    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            return False
        if isinstance(event, BotUttered) and (event.metadata or {}).get(
                "utter_action") == UTTER_ACTION_UNAVAILABLE:
            return True
    return False


async def say_unavailable(processor: Any, tracker: Any, output_channel: Any, nlg: Any) -> None:
    """Utter ``utter_action_unavailable`` into the turn (tracker and channel)."""
    from rasa.core.actions.action import ActionBotResponse

    if said_this_turn(tracker):
        return
    events = await ActionBotResponse(UTTER_ACTION_UNAVAILABLE).run(
        output_channel, nlg, tracker, processor.domain)
    tracker.update_with_events(events, processor.domain)
    await processor.execute_side_effects(events, tracker, output_channel)


def apply() -> None:
    """Install both wrappers once."""
    global _applied
    if _applied:
        return
    from rasa.core.actions.action import ActionExecutionRejection, RemoteAction
    from rasa.core.processor import MessageProcessor
    from rasa.shared.exceptions import RasaException

    remote_run = RemoteAction.run
    run_action = MessageProcessor._run_action

    async def run(self: Any, output_channel: Any, nlg: Any, tracker: Any, domain: Any) -> Any:
        try:
            if said_this_turn(tracker):
                raise RasaException(f"not calling {self.name()}: an earlier custom action "
                                    "of this turn failed")
            return await remote_run(self, output_channel, nlg, tracker, domain)
        except ActionExecutionRejection:
            raise
        except Exception as error:
            failed = _failed.get()
            if failed is not None:
                failed.append(self.name())
            logger.error("custom action %s failed (%s: %s): the turn says %s",
                         self.name(), type(error).__name__, error, UTTER_ACTION_UNAVAILABLE)
            raise

    async def _run_action(self: Any, action: Any, tracker: Any, output_channel: Any,
                          nlg: Any, prediction: Any) -> bool:
        token = _failed.set([])
        try:
            keep_going = await run_action(self, action, tracker, output_channel, nlg,
                                          prediction)
            failed = _failed.get()
        finally:
            _failed.reset(token)
        if failed:
            await say_unavailable(self, tracker, output_channel, nlg)
        return keep_going

    run.__wrapped__ = remote_run  # type: ignore[attr-defined]
    _run_action.__wrapped__ = run_action  # type: ignore[attr-defined]
    RemoteAction.run = run  # type: ignore[method-assign]
    MessageProcessor._run_action = _run_action  # type: ignore[method-assign]
    _applied = True
