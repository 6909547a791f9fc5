"""The sentence-embedding featurizer (bot/nlu/embedding_featurizer.py): a dense 1 x 384
sentence feature of TEXT beside the sparse ones, the same at training and prediction,
zeros (never a crash) for empty or failing messages, and usable by the linear classifier.
Needs ``make install`` (build/encoder/)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import List, Sequence

import numpy as np
import pytest
import scipy.sparse
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu import encoder as encoder_module
from bot.nlu.embedding_featurizer import QuestionEmbeddingFeaturizer, SentenceEmbeddingFeaturizer
from bot.nlu.linear import LinearIntentClassifier


def context(node: str = "run_SentenceEmbeddingFeaturizer3") -> ExecutionContext:
    return ExecutionContext(GraphSchema({}), "test", node_name=node)


@pytest.fixture(scope="module")
def featurizer() -> SentenceEmbeddingFeaturizer:
    try:
        return SentenceEmbeddingFeaturizer.create({}, None, Resource("embedding"), context())  # type: ignore[arg-type]
    except encoder_module.EncoderUnavailable as error:
        pytest.fail(str(error))


def sentence_features(message: Message) -> List[Features]:
    return [f for f in message.features if f.type == "sentence" and f.attribute == "text"]


def test_adds_one_dense_sentence_feature_beside_the_sparse_ones(featurizer: SentenceEmbeddingFeaturizer) -> None:
    message = Message(data={"text": "my ankle keeps jerking"})
    sparse = Features(scipy.sparse.coo_matrix(np.ones((1, 5))), "sentence", "text", "CountVectorsFeaturizer1")
    message.add_features(sparse)
    featurizer.process([message])
    [counts, embedding] = sentence_features(message)
    assert counts is sparse
    assert embedding.is_dense() and embedding.features.shape == (1, encoder_module.DIMENSION)
    assert embedding.origin == "run_SentenceEmbeddingFeaturizer3"
    assert not [f for f in message.features if f.type == "sequence"]
    assert abs(np.linalg.norm(embedding.features) - 1.0) < 1e-5
    assert np.array_equal(embedding.features, featurizer.encoder.encode(["my ankle keeps jerking"]))


def test_training_and_prediction_give_the_same_numbers(featurizer: SentenceEmbeddingFeaturizer) -> None:
    texts = ["what is clonus", "hi", "who treats it?"]
    training = TrainingData([Message(data={"text": t, "intent": "x"}) for t in texts])
    featurizer.process_training_data(training)
    predicted = featurizer.process([Message(data={"text": t}) for t in texts])
    for trained, live in zip(training.training_examples, predicted, strict=True):
        assert np.array_equal(sentence_features(trained)[0].features, sentence_features(live)[0].features)


@pytest.mark.parametrize("text", ["", "   \n\t", "😀😀", "?!", "a" * 5000, "word " * 3000, "\x00\x01"])
def test_odd_messages_never_fail(featurizer: SentenceEmbeddingFeaturizer, text: str) -> None:
    [message] = featurizer.process([Message(data={"text": text})])
    [embedding] = sentence_features(message)
    assert embedding.features.shape == (1, encoder_module.DIMENSION)
    assert np.all(np.isfinite(embedding.features))
    if not text.strip():
        assert not embedding.features.any()  # nothing to embed: the zero vector


def test_a_message_without_text_is_left_alone(featurizer: SentenceEmbeddingFeaturizer) -> None:
    [message] = featurizer.process([Message(data={"action_name": "utter_greet"})])
    assert not message.features


class _BrokenEncoder:
    def encode(self, texts: Sequence[str]) -> np.ndarray:
        raise RuntimeError("graph exploded")


def test_an_encoder_failure_gives_zeros_and_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    broken = SentenceEmbeddingFeaturizer({}, "broken", encoder=_BrokenEncoder())  # type: ignore[arg-type]
    with caplog.at_level(logging.WARNING, logger="bot.nlu.embedding_featurizer"):
        [message] = broken.process([Message(data={"text": "what is clonus"})])
    assert not sentence_features(message)[0].features.any()
    assert "sentence encoder failed" in caplog.text and "what is clonus" not in caplog.text  # no user text in logs


def test_the_encoder_is_loaded_once() -> None:
    first = SentenceEmbeddingFeaturizer.create({}, None, Resource("a"), context("a"))  # type: ignore[arg-type]
    second = SentenceEmbeddingFeaturizer.create({}, None, Resource("b"), context("b"))  # type: ignore[arg-type]
    assert first.encoder is second.encoder


def test_the_fingerprint_follows_the_route_and_the_token_cap() -> None:
    prints = {SentenceEmbeddingFeaturizer.fingerprint_addon(config)
              for config in ({}, {"route": "fp32"}, {"max_tokens": 32})}
    assert len(prints) == 3 and not any("not-prepared" in p for p in prints)
    with pytest.raises(ValueError, match="route"):
        SentenceEmbeddingFeaturizer({"route": "fp16"}, "x")


def test_the_linear_classifier_learns_from_the_embedding_alone(featurizer: SentenceEmbeddingFeaturizer,
                                                               tmp_path: Path) -> None:
    """No word of the probes is in the training examples: only the embedding can tell."""
    examples = {"greet": ["hello", "good morning", "hey there"],
                "goodbye": ["bye", "see you later", "farewell"],
                "weather": ["is it raining", "will it be sunny tomorrow", "what is the forecast"]}
    training = TrainingData([Message(data={"text": t, "intent": i}) for i, ts in examples.items() for t in ts])
    featurizer.process_training_data(training)
    classifier = LinearIntentClassifier.create({"C": 100.0, "embedding_weight": 2.0},
                                               LocalModelStorage(tmp_path), Resource("intent"), context("c"))
    classifier.train(training)
    probes = featurizer.process([Message(data={"text": t}) for t in ("hi!", "take care, so long", "any snow coming")])
    assert [m.get("intent")["name"] for m in classifier.process(probes)] == ["greet", "goodbye", "weather"]


def test_the_question_featurizer_embeds_the_question_of_a_story(featurizer: SentenceEmbeddingFeaturizer) -> None:
    question = QuestionEmbeddingFeaturizer.create({}, None, Resource("q"), context("run_QuestionEmbeddingFeaturizer4"))  # type: ignore[arg-type]
    assert question.encoder is featurizer.encoder  # loaded once, shared
    story = "My wife has had MS since 2015 and her ankle bounces. She loves her yoga class. Can clonus be treated?"
    [message] = question.process(featurizer.process([Message(data={"text": story})]))
    [whole, asked] = sentence_features(message)
    assert asked.origin == "run_QuestionEmbeddingFeaturizer4" and asked.features.shape == (1, encoder_module.DIMENSION)
    assert np.array_equal(asked.features, featurizer.encoder.encode(["Can clonus be treated?"]))
    assert not np.array_equal(whole.features, asked.features)
    [short] = question.process(featurizer.process([Message(data={"text": "can clonus be treated"})]))
    [whole, asked] = sentence_features(short)
    assert np.array_equal(whole.features, asked.features)  # one sentence: the message itself
    [empty] = question.process([Message(data={"text": ""})])
    assert not sentence_features(empty)[0].features.any()


def test_the_question_featurizer_has_its_own_fingerprint() -> None:
    prints = {QuestionEmbeddingFeaturizer.fingerprint_addon(config) for config in ({}, {"sentences": 2})}
    assert len(prints) == 2
    assert SentenceEmbeddingFeaturizer.fingerprint_addon({}) not in prints


def _vector(component: SentenceEmbeddingFeaturizer, text: str) -> np.ndarray:
    return sentence_features(component.process([Message(data={"text": text})])[0])[0].features


def test_gated_languages_get_a_zero_embedding_and_english_never(featurizer: SentenceEmbeddingFeaturizer) -> None:
    """issue 17: the English encoder knows no Hindi, so Devanagari messages may be given no
    embedding (``zero_for_languages``); other messages keep theirs, and English cannot be
    gated. The whole message's language decides, also for the question featurizer."""
    gated = SentenceEmbeddingFeaturizer({"zero_for_languages": ["hi"]}, "gated", encoder=featurizer.encoder)
    assert not np.any(_vector(gated, "क्लोनस क्या है"))
    assert np.array_equal(_vector(gated, "what is clonus"), _vector(featurizer, "what is clonus"))
    assert np.array_equal(_vector(gated, "clonus kya hai"), _vector(featurizer, "clonus kya hai"))
    assert np.any(_vector(featurizer, "क्लोनस क्या है"))  # not gated by default
    question = QuestionEmbeddingFeaturizer({"zero_for_languages": ["hi"]}, "q", encoder=featurizer.encoder)
    assert not np.any(_vector(question, "मेरे पापा को एमएस है। क्लोनस क्या है?"))
    assert np.any(_vector(question, "My dad has MS. What is clonus?"))
    with pytest.raises(ValueError):
        SentenceEmbeddingFeaturizer.validate_config({"zero_for_languages": ["en"]})
    with pytest.raises(ValueError):
        SentenceEmbeddingFeaturizer.validate_config({"zero_for_languages": ["fr"]})
    SentenceEmbeddingFeaturizer.validate_config({"zero_for_languages": ["hi", "hi-latn", "mixed"]})
