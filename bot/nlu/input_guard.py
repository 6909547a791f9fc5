"""Routes messages the bot cannot read to the honest fallback.

Empty or whitespace-only messages, emoji-only messages and messages in a script
the bot was not trained on (for example Tamil or Chinese) carry no words the model
knows. A classifier still picks *some* intent for them, which could produce a confident
but invented answer; this component replaces the prediction with
``nlu_fallback`` so the rule for ``utter_default`` answers instead.

The model reads English and Hindi (issue 17): Latin letters (English, romanised Hindi)
and Devanagari letters both count. Emergencies never depend on this guard: the
red-flag detector runs after it and escalates in every language it knows.
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

#: Letters of the scripts the model is trained on: Latin, and Devanagari's independent
#: vowels and consonants (U+0904-U+0939, U+093D, U+0950, U+0958-U+0961, U+0972-U+097F;
#: vowel signs, digits and the dandas are not letters). At least ``min_letters`` of them
#: must appear for the text to be classified.
_LETTERS = re.compile(r"[A-Za-z\u0904-\u0939\u093D\u0950\u0958-\u0961\u0972-\u097F]")


def is_readable(text: Text | None, min_letters: int = 2) -> bool:
    """True if the text has enough Latin or Devanagari letters for the NLU model."""
    if not text:
        return False
    return len(_LETTERS.findall(text)) >= min_letters


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class InputGuard(GraphComponent, IntentClassifier):
    """Sends unreadable input (no Latin or Devanagari letters) to ``nlu_fallback``."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        """``min_letters``: Latin or Devanagari letters needed before the classifier is trusted."""
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
