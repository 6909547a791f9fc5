"""The Devanagari-aware word n-grams (bot/nlu/script_count_vectors.py, issue 17): Hindi
words stay whole, English words are exactly those of Rasa's own featurizer."""

from __future__ import annotations

import re

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer import CountVectorsFeaturizer
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.script_count_vectors import WORD_PATTERN, ScriptCountVectorsFeaturizer

RASA_PATTERN = r"(?u)\b\w+\b"


def test_devanagari_words_stay_whole() -> None:
    text = "क्लोनस क्या है? मेरी दादी के हाथ काँपते हैं।"
    assert re.findall(WORD_PATTERN, text) == ["क्लोनस", "क्या", "है", "मेरी", "दादी", "के", "हाथ", "काँपते", "हैं"]
    assert "क" in re.findall(RASA_PATTERN, text)  # what Rasa's pattern did: consonant fragments


def test_english_and_romanised_words_are_unchanged() -> None:
    for text in ["what's clonus? it_is 12 don't", "papa ke pair me jhatke aa rahe h", "MS-related ankle clonus!!"]:
        assert re.findall(WORD_PATTERN, text) == re.findall(RASA_PATTERN, text)


def featurize(cls: type, texts: list[str], tmp_path) -> list:  # noqa: ANN001
    tmp_path.mkdir(parents=True)
    storage = LocalModelStorage(tmp_path)
    context = ExecutionContext(GraphSchema({}), "test")
    tokenizer = WhitespaceTokenizer(WhitespaceTokenizer.get_default_config())
    messages = [Message(data={"text": t}) for t in texts]
    tokenizer.process(messages)
    featurizer = cls.create({**cls.get_default_config()}, storage, Resource(cls.__name__), context)
    featurizer.train(TrainingData(messages))
    featurizer.process(messages)
    return [m.get_sparse_features("text")[1].features.toarray() for m in messages], featurizer


def test_the_featurizer_uses_whole_hindi_words(tmp_path) -> None:  # noqa: ANN001
    texts = ["क्लोनस क्या है", "what is clonus"]
    (ours, _), script = featurize(ScriptCountVectorsFeaturizer, texts, tmp_path / "a")
    vocabulary = script.vectorizers["text"].vocabulary_
    assert {"क्लोनस", "क्या", "है", "what", "is", "clonus"} <= set(vocabulary)
    assert ours.sum() == 3
    _, rasa = featurize(CountVectorsFeaturizer, ["what is clonus"], tmp_path / "b")
    assert set(rasa.vectorizers["text"].vocabulary_) == {"what", "is", "clonus"}


@pytest.mark.parametrize("settings", [{"max_ngram": 2}, {"analyzer": "char_wb", "min_ngram": 2, "max_ngram": 4}])
def test_prediction_adds_rasas_sentence_features_and_no_sequence_features(
        tmp_path, settings: dict) -> None:  # noqa: ANN001
    """``process`` (prediction) gives exactly the sentence features of Rasa's own
    ``process`` and skips the sequence features nothing reads; training is Rasa's. The
    same for the character n-grams (config.yml's second block), whose vocabulary is the one
    Rasa's own featurizer learns."""
    storage = LocalModelStorage(tmp_path)
    context = ExecutionContext(GraphSchema({}), "test")
    tokenizer = WhitespaceTokenizer(WhitespaceTokenizer.get_default_config())
    training = [Message(data={"text": t, "intent": "x"}) for t in
                ["what is clonus", "क्लोनस क्या है", "is clonus serious", "my 2 legs jerk"]]
    tokenizer.process(training)
    config = {**ScriptCountVectorsFeaturizer.get_default_config(), **settings}
    featurizer = ScriptCountVectorsFeaturizer.create(config, storage, Resource("words"), context)
    featurizer.train(TrainingData(training))
    if settings.get("analyzer") == "char_wb":
        rasa = CountVectorsFeaturizer.create({**CountVectorsFeaturizer.get_default_config(), **settings},
                                             storage, Resource("chars"), context)
        rasa.train(TrainingData(training))
        assert featurizer.vectorizers["text"].vocabulary_ == rasa.vectorizers["text"].vocabulary_
    featurizer.process_training_data(TrainingData(training))
    assert all(m.get_sparse_features("text")[0] is not None for m in training)  # training: Rasa's own

    texts = ["is clonus what", "क्लोनस है", "unknown words only", "my 12 legs", "!!!"]
    fast, full = ([Message(data={"text": t}) for t in texts] for _ in range(2))
    tokenizer.process(fast)
    tokenizer.process(full)
    featurizer.process(fast)
    CountVectorsFeaturizer.process(featurizer, full)
    for ours, rasas in zip(fast, full, strict=True):
        sequence, sentence = ours.get_sparse_features("text")
        rasa_sequence, rasa_sentence = rasas.get_sparse_features("text")
        assert sequence is None
        if rasa_sentence is None:
            assert sentence is None
            continue
        assert rasa_sequence is not None
        assert sentence.features.shape == rasa_sentence.features.shape
        assert (sentence.features != rasa_sentence.features).nnz == 0
        assert sentence.origin == rasa_sentence.origin
