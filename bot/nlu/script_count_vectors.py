"""``ScriptCountVectorsFeaturizer``: Rasa's ``CountVectorsFeaturizer`` whose word analyzer
keeps Devanagari words whole (issue 17, item 2).

Rasa's word analyzer splits the tokenizer's words again with the pattern ``\\b\\w+\\b``.
Python's ``\\w`` does not match Devanagari vowel signs and the virama (Unicode categories
Mn and Mc), so "क्लोनस" became the fragments "क", "ल", "नस" and Hindi words lost their
meaning. Here a word is a run of word characters *or* Devanagari letters and signs
(U+0900-U+0963, U+0966-U+097F: the block without the dandas "।" "॥", which are
punctuation). For text without Devanagari the pattern finds exactly the same words as
Rasa's, so English features do not change. The character analyzer is not affected: the
pipeline's character n-gram block uses this class too, for the sentence-only prediction below.

At prediction (``process``) it adds only the *sentence* features: Rasa also computes
sequence features (the vectorizer run once per token), which nothing in this pipeline
reads (the linear classifiers take sentence features only), and that was about half of
the featurizer's cost per message. Training (``process_training_data``) is Rasa's own,
unchanged.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.constants import DENSE_FEATURIZABLE_ATTRIBUTES
from rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer import CountVectorsFeaturizer
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from sklearn.feature_extraction.text import CountVectorizer

#: A word: word characters or Devanagari letters, signs and digits (no dandas).
WORD_PATTERN = r"(?u)(?:\w|[\u0900-\u0963\u0966-\u097F])+"


def _patched(vectorizers: Dict[Text, CountVectorizer]) -> Dict[Text, CountVectorizer]:
    for vectorizer in vectorizers.values():
        if vectorizer.analyzer == "word":
            vectorizer.token_pattern = WORD_PATTERN
    return vectorizers


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=True)
class ScriptCountVectorsFeaturizer(CountVectorsFeaturizer):
    """``CountVectorsFeaturizer`` with Devanagari-aware words (see module docstring)."""

    @classmethod
    def _create_shared_vocab_vectorizers(
        cls, parameters: Dict[Text, Any], vocabulary: Optional[Any] = None
    ) -> Dict[Text, CountVectorizer]:
        return _patched(super()._create_shared_vocab_vectorizers(parameters, vocabulary))

    @classmethod
    def _create_independent_vocab_vectorizers(
        cls, parameters: Dict[Text, Any], vocabulary: Optional[Any] = None
    ) -> Dict[Text, CountVectorizer]:
        return _patched(super()._create_independent_vocab_vectorizers(parameters, vocabulary))

    def process(self, messages: List[Message]) -> List[Message]:
        """The sentence features of each message, exactly as Rasa computes them, and no
        sequence features (see the module docstring)."""
        if self.vectorizers is None:
            return super().process(messages)  # Rasa logs the missing training
        for message in messages:
            for attribute in self._attributes:
                tokens = self._get_processed_message_tokens_by_attribute(message, attribute)
                vectorizer = self.vectorizers.get(attribute)
                if not tokens or vectorizer is None or attribute not in DENSE_FEATURIZABLE_ATTRIBUTES:
                    continue
                sentence = vectorizer.transform([" ".join(tokens)])
                sentence.sort_indices()
                self.add_features_to_message(None, sentence.tocoo(), attribute, message)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        """Rasa's own featurization of the training examples (sequence features included)."""
        CountVectorsFeaturizer.process(self, training_data.training_examples)
        return training_data
