"""The Devanagari-aware word n-grams (bot/nlu/script_count_vectors.py, issue 17): Hindi
words stay whole, English words are exactly those of Rasa's own featurizer."""

from __future__ import annotations

import re

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
