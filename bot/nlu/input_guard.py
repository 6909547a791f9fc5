"""Routes messages the bot cannot read to the honest fallback.

Empty or whitespace-only messages, emoji-only messages and messages in a script
the bot was not trained on (for example Devanagari) carry no English words. A
classifier still picks *some* intent for them, which could produce a confident
but invented answer; this component replaces the prediction with
``nlu_fallback`` so the rule for ``utter_default`` answers instead.
"""

from __future__ import annotations

import re
from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME
from rasa.shared.nlu.constants import (
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.intents import force_intent

#: At least this many Latin letters must appear for the text to be classified.
_LATIN_LETTERS = re.compile(r"[A-Za-z]")


def is_readable(text: Text | None, min_letters: int = 2) -> bool:
    """True if the text has enough Latin letters for the English NLU model."""
    if not text:
        return False
    return len(_LATIN_LETTERS.findall(text)) >= min_letters


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class InputGuard(GraphComponent, IntentClassifier):
    """Sends unreadable input (no Latin letters) to ``nlu_fallback``."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        """``min_letters``: Latin letters needed before the classifier is trusted."""
        return {"min_letters": 2}

    def __init__(self, config: Dict[Text, Any]) -> None:
        self._min_letters = int(config.get("min_letters", 2))

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "InputGuard":
        return cls({**cls.get_default_config(), **config})

    def process(self, messages: List[Message]) -> List[Message]:
        """Overrides the intent of unreadable messages with ``nlu_fallback``."""
        for message in messages:
            if is_readable(message.get(TEXT), self._min_letters):
                continue
            force_intent(message, DEFAULT_NLU_FALLBACK_INTENT_NAME, "InputGuard")
        return messages
