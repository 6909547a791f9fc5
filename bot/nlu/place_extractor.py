"""Place names as a Rasa NLU graph component (before the red-flag detector).

Adds a ``place`` entity for a place the user named ("in Pune", "near Kothrud, Pune",
"Chicago IL"), found by exact gazetteer matches (``bot.places.extract_place``). A message
that is nothing but a place ("Manchester") is an answer to "Where are you?": its intent
becomes ``inform_location``, whatever the classifier guessed (the red-flag detector runs
later and still wins). Resolution (misspellings, "which Manchester?") is the form's job.
"""

from __future__ import annotations

import logging
from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import (
    ENTITIES,
    INTENT,
    INTENT_NAME_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message

from bot import places
from bot.nlu.intents import force_intent

logger = logging.getLogger(__name__)

PLACE_ENTITY = "place"
INFORM_LOCATION_INTENT = "inform_location"
EXTRACTOR = "PlaceExtractor"
#: A bare place never overrides these (the red-flag detector decides on them later).
KEEP_INTENTS = frozenset({"red_flag", "red_flag_urgent"})


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER],
    is_trainable=False,
)
class PlaceExtractor(GraphComponent, EntityExtractorMixin):
    """Adds the ``place`` entity; a place-only message is ``inform_location``."""

    def __init__(self, config: Dict[Text, Any]) -> None:
        # gazetteer indexes at start-up, not on the first message; the spelling pool is
        # for resolve() in the action server only
        places.warm_up(spelling=False)

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "PlaceExtractor":
        return cls(config)

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            try:
                self._process(message)
            except Exception:  # noqa: BLE001 - never lose the message over a place lookup
                logger.exception("place extraction failed for one message")
        return messages

    def _process(self, message: Message) -> None:
        mention = places.extract_place(message.get(TEXT) or "")
        if mention is None:
            return
        entity = {"entity": PLACE_ENTITY, "value": mention.text, "start": mention.start,
                  "end": mention.end, "confidence_entity": 1.0, "extractor": EXTRACTOR}
        message.set(ENTITIES, [*(message.get(ENTITIES) or []), entity], add_to_output=True)
        current = (message.get(INTENT) or {}).get(INTENT_NAME_KEY)
        if mention.whole_message and current not in KEEP_INTENTS and current != INFORM_LOCATION_INTENT:
            force_intent(message, INFORM_LOCATION_INTENT, "PlaceExtractor")
