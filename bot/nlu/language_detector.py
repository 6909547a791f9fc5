"""Language and script of every message, in its parse (issue 17, item 1).

Adds ``language`` to the parse: the detected label (``en``, ``hi``, ``hi-latn``,
``mixed``; ``bot.nlu.language.detect``), an explicit request in the message ("Hindi me
batao"; ``bot.nlu.language_request``) and the channel's choice (the widget's ``language``
custom data or a locale, ``bot.nlu.language.chosen``). Changes nothing else; the slots
are set from it by ``bot.policies.language_slots``, inside Rasa (no action server).
"""

from __future__ import annotations

import logging
from typing import Any, Dict, List, Optional, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.language import chosen, detect
from bot.nlu.language_request import requested

logger = logging.getLogger(__name__)

#: Where the detection goes in a message's parse.
PARSE_KEY = "language"
#: Channel metadata keys that may carry a language choice (the widget's custom data).
METADATA_KEYS = ("language", "lang", "locale")


def channel_choice(metadata: Any) -> Optional[str]:
    """The language label a channel chose for the user (custom data, locale), or None."""
    if not isinstance(metadata, dict):
        return None
    for key in METADATA_KEYS:
        label = chosen(metadata.get(key))
        if label is not None:
            return label
    return None


def annotate(text: Optional[str], metadata: Any) -> Dict[str, Optional[str]]:
    """The ``language`` entry of a parse."""
    return {"detected": detect(text or ""), "requested": requested(text),
            "channel": channel_choice(metadata)}


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class LanguageDetector(GraphComponent, IntentClassifier):
    """Adds the message's language to its parse (see module docstring)."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {}

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "LanguageDetector":
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            try:
                message.set(PARSE_KEY, annotate(message.get(TEXT), message.get("metadata")),
                            add_to_output=True)
            except Exception:  # noqa: BLE001 - the message is answered in English then
                logger.exception("language detection failed for one message")
        return messages
