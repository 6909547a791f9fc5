"""Shared by the rule-based NLU components that override the classifier's intent."""

from __future__ import annotations

from rasa.shared.nlu.constants import (
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    PREDICTED_CONFIDENCE_KEY,
)
from rasa.shared.nlu.training_data.message import Message

from bot.constants import INTENT_FORCED_BY_KEY


def force_intent(message: Message, name: str, by: str) -> None:
    """Make ``name`` the intent (confidence 1.0) and put it first in the ranking; ``by``
    (the component) is recorded in the parse, so the dialogue knows a guard decided."""
    intent = {INTENT_NAME_KEY: name, PREDICTED_CONFIDENCE_KEY: 1.0}
    ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get(INTENT_NAME_KEY) != name]
    message.set(INTENT, intent, add_to_output=True)
    message.set(INTENT_RANKING_KEY, [intent, *ranking], add_to_output=True)
    message.set(INTENT_FORCED_BY_KEY, by, add_to_output=True)
