"""``SentenceEmbeddingFeaturizer``: the all-MiniLM-L6-v2 sentence embedding of each message
as a dense *sentence* feature of TEXT (``bot/nlu/encoder.py``), beside the sparse
features of the other featurizers; the linear classifiers (``bot/nlu/linear.py``) read it.

``QuestionEmbeddingFeaturizer`` adds a second one: the embedding of the message's question
(its last sentence with a "?", ``bot.nlu.encoder.question_part``), so that in a story with
the question at the end the question is heard beside the background (issue 13). For a
one-sentence message it is the message's own embedding (remembered by the encoder, not
computed twice).

Registered like Rasa's own dense featurizers (a MESSAGE_FEATURIZER that trains nothing).
The encoder is loaded once per process, when the component is created. It never fails a
message: an empty (or whitespace-only) text gets a zero vector, and so does a message the
encoder cannot handle, with a warning in the log.

``zero_for_languages`` gates the embedding by the message's language
(``bot.nlu.language.detect``): the encoder was trained on English and knows no Hindi, so
for the listed labels (e.g. ``hi``, Devanagari) it would add 384 numbers that say nothing
about the message and drown the character n-grams the classifiers can read. Those
messages get a zero vector instead (and skip the encoder's cost). English is never gated.
"""

from __future__ import annotations

import logging
import os
from typing import Any, Dict, List, Optional, Text

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.featurizers.dense_featurizer.dense_featurizer import DenseFeaturizer
from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, TEXT
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu import encoder as encoder_module
from bot.nlu import language
from bot.nlu.vector_cache import VectorCache

logger = logging.getLogger(__name__)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class SentenceEmbeddingFeaturizer(DenseFeaturizer, GraphComponent):
    """Adds a 1 x 384 dense sentence feature to TEXT (no sequence features)."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {**DenseFeaturizer.get_default_config(),
                "route": encoder_module.DEFAULT_ROUTE,  # int8 or fp32 (bot/nlu/encoder.py)
                "max_tokens": encoder_module.DEFAULT_MAX_TOKENS,
                # language labels (bot/nlu/language.py) whose messages get a zero embedding
                "zero_for_languages": []}

    @staticmethod
    def required_packages() -> List[Text]:
        return ["onnxruntime", "tokenizers"]

    @classmethod
    def validate_config(cls, config: Dict[Text, Any]) -> None:
        if config.get("route", encoder_module.DEFAULT_ROUTE) not in encoder_module.GRAPHS:
            raise ValueError(f"route must be one of {sorted(encoder_module.GRAPHS)}")
        unknown = set(config.get("zero_for_languages") or []) - set(language.LABELS)
        if unknown or language.ENGLISH in set(config.get("zero_for_languages") or []):
            raise ValueError(f"zero_for_languages takes labels of {language.LABELS[1:]}, not {sorted(unknown)}"
                             if unknown else "English messages must keep their embedding")

    @classmethod
    def fingerprint_addon(cls, config: Dict[str, Any]) -> Optional[str]:
        """Changes when the prepared encoder changes, so Rasa's cache is not reused."""
        defaults = cls.get_default_config()
        return encoder_module.encoder_fingerprint(route=config.get("route", defaults["route"]),
                                                  max_tokens=config.get("max_tokens", defaults["max_tokens"]))

    def __init__(self, config: Dict[Text, Any], name: Text,
                 encoder: Optional[encoder_module.SentenceEncoder] = None) -> None:
        super().__init__(name, {**self.get_default_config(), **config})
        self.encoder = encoder or encoder_module.get_encoder(self._config["route"], int(self._config["max_tokens"]))
        self.zero_for = frozenset(self._config.get("zero_for_languages") or [])

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "SentenceEmbeddingFeaturizer":
        return cls(config, execution_context.node_name)

    def embedding(self, text: Any) -> np.ndarray:
        """The 1 x 384 embedding of one text; zeros for no text or on any encoder error."""
        if not isinstance(text, str) or not text.strip():
            logger.debug("no text to embed: zero sentence embedding")
            return np.zeros((1, encoder_module.DIMENSION), dtype=np.float32)
        try:
            return self._strict_embedding(text)
        except Exception:  # noqa: BLE001 - one odd message must never take the bot down
            logger.warning("sentence encoder failed on a message of %d characters: zero embedding",
                           len(text), exc_info=True)
            return np.zeros((1, encoder_module.DIMENSION), dtype=np.float32)

    def text_to_embed(self, text: Any) -> Any:
        """The part of the message this featurizer embeds: all of it."""
        return text

    def _vector(self, text: Any, cache: Optional[VectorCache] = None) -> np.ndarray:
        """The feature of one message: zeros for a gated language (the whole message's
        language decides, also for the question part), else the embedding of
        ``text_to_embed(text)``, from ``cache`` when given and it has it."""
        if self.zero_for and isinstance(text, str) and language.detect(text) in self.zero_for:
            return np.zeros((1, encoder_module.DIMENSION), dtype=np.float32)
        target = self.text_to_embed(text)
        if cache is not None and isinstance(target, str) and target.strip():
            try:
                return cache.get_many([target], self._strict_embedding)[0].reshape(1, -1).copy()
            except Exception:  # noqa: BLE001 - as in ``embedding``: zeros, logged, not cached
                pass
        return self.embedding(target)

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            if message.get(TEXT) is None:
                continue
            message.add_features(Features(self._vector(message.get(TEXT)), FEATURE_TYPE_SENTENCE,
                                          TEXT, self._identifier))
        return messages

    def _strict_embedding(self, text: str) -> np.ndarray:
        """The embedding, raising instead of falling back to zeros (a fallback is never cached)."""
        vector = self.encoder.encode([text])
        if vector.shape != (1, encoder_module.DIMENSION) or not np.all(np.isfinite(vector)):
            raise ValueError(f"the encoder returned shape {vector.shape} or non-finite numbers")
        return vector

    def _training_cache(self) -> Optional[VectorCache]:
        """The on-disk cache of training embeddings (``bot/nlu/vector_cache.py``), keyed by
        the encoder's content; None when disabled (``CLONUS_FEATURE_CACHE=0``) or unusable."""
        if os.environ.get("CLONUS_FEATURE_CACHE", "1") == "0":
            return None
        try:
            encoder = self.encoder
            fingerprint = encoder_module.content_fingerprint(encoder.directory, encoder.route, encoder.max_tokens)
            return VectorCache("embeddings", fingerprint, encoder_module.DIMENSION)
        except Exception:  # noqa: BLE001 - no cache is slower, never wrong
            logger.warning("no embedding cache: every training example is encoded", exc_info=True)
            return None

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        """As ``process``, but each text's embedding comes from the training cache when the
        same encoder already computed it (the numbers are the encoder's own, stored)."""
        cache = self._training_cache()
        if cache is None:
            self.process(training_data.training_examples)
            return training_data
        for message in training_data.training_examples:
            text = message.get(TEXT)
            if text is None:
                continue
            message.add_features(Features(self._vector(text, cache), FEATURE_TYPE_SENTENCE, TEXT,
                                          self._identifier))
        try:
            cache.save()
        except OSError:
            logger.warning("could not write the embedding cache %s", cache.path, exc_info=True)
        logger.info("sentence embeddings of the training data: %d from the cache, %d computed",
                    cache.hits, cache.misses)
        return training_data


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class QuestionEmbeddingFeaturizer(SentenceEmbeddingFeaturizer):
    """A second 1 x 384 dense sentence feature: the embedding of the message's question
    (``bot.nlu.encoder.question_part``: the last sentence up to the last "?")."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {**SentenceEmbeddingFeaturizer.get_default_config(), "sentences": 1}

    @classmethod
    def fingerprint_addon(cls, config: Dict[str, Any]) -> Optional[str]:
        sentences = config.get("sentences", cls.get_default_config()["sentences"])
        return f"{super().fingerprint_addon(config)}:question{sentences}"

    def text_to_embed(self, text: Any) -> Any:
        if not isinstance(text, str):
            return text
        return encoder_module.question_part(text, int(self._config["sentences"]))
