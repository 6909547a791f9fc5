"""The linear intent classifier and response selector (bot/nlu/linear.py): what they learn,
how they weigh features, that a saved model loads back identically without unpickling, and
that the response selector's output is what Rasa's ``utter_faq`` reads."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import List, Optional

import numpy as np
import pytest
import scipy.sparse
from rasa.core.actions.action import ActionRetrieveResponse
from rasa.engine.graph import ExecutionContext
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.training_data.features import Features as RasaFeatures
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.linear import (
    WEIGHTS,
    Features,
    LinearIntentClassifier,
    LinearModel,
    LinearResponseSelector,
)

VOCABULARY = ["hello", "hi", "colour", "sky", "number", "count", "bye"]


def featurized(text: str, intent: Optional[str] = None, key: Optional[str] = None,
               regex: Optional[List[float]] = None) -> Message:
    """A message with word-count sentence features (and optionally a second, 'regex' block)."""
    data = {"text": text}
    if intent:
        data["intent"] = intent
    if key:
        data["intent_response_key"] = key
    message = Message(data=data)
    counts = np.array([[text.split().count(word) for word in VOCABULARY]], dtype=float)
    message.add_features(RasaFeatures(scipy.sparse.coo_matrix(counts), "sentence", "text", "counts"))
    message.add_features(RasaFeatures(scipy.sparse.coo_matrix(counts), "sequence", "text", "counts"))
    if regex is not None:
        message.add_features(RasaFeatures(scipy.sparse.coo_matrix([regex]), "sentence", "text", "regex"))
    return message


TRAINING = [
    featurized("hello", "greet"), featurized("hi", "greet"), featurized("hello hi", "greet"),
    featurized("colour sky", "faq", "faq/colour"), featurized("sky colour colour", "faq", "faq/colour"),
    featurized("colour", "faq", "faq/colour"),
    featurized("number count", "faq", "faq/number"), featurized("count number number", "faq", "faq/number"),
    featurized("number", "faq", "faq/number"),
    featurized("bye", "goodbye"), featurized("bye bye", "goodbye"), featurized("bye hi", "goodbye"),
]


@pytest.fixture
def storage(tmp_path: Path) -> LocalModelStorage:
    return LocalModelStorage(tmp_path)


def context() -> ExecutionContext:
    from rasa.engine.graph import GraphSchema

    return ExecutionContext(GraphSchema({}), "test")


def training_data() -> TrainingData:
    return TrainingData(TRAINING, responses={"utter_faq/colour": [{"text": "Blue."}],
                                             "utter_faq/number": [{"text": "Seven."}]})


def test_intent_classifier_learns_and_ranks(storage: LocalModelStorage) -> None:
    resource = Resource("intent")
    classifier = LinearIntentClassifier.create({"ranking_length": 2}, storage, resource, context())
    classifier.train(training_data())
    [greeting, question] = classifier.process([featurized("hello there"), featurized("what colour is the sky")])
    assert greeting.get("intent")["name"] == "greet"
    assert question.get("intent")["name"] == "faq"
    ranking = question.get("intent_ranking")
    assert len(ranking) == 2 and ranking[0] == question.get("intent")
    assert ranking[0]["confidence"] >= ranking[1]["confidence"]


def test_saved_model_loads_back_identically_without_pickle(storage: LocalModelStorage) -> None:
    resource = Resource("intent")
    trained = LinearIntentClassifier.create({}, storage, resource, context())
    trained.train(training_data())
    loaded = LinearIntentClassifier.load({}, storage, resource, context())
    probe = [featurized("count the sky"), featurized("bye hello")]
    assert np.allclose(trained.model.probabilities(probe), loaded.model.probabilities(probe))
    with storage.read_from(resource) as directory:
        with np.load(directory / WEIGHTS, allow_pickle=False) as arrays:  # plain arrays only
            assert set(arrays.files) == {"coef", "intercept"}


def test_untrained_classifier_leaves_messages_alone(storage: LocalModelStorage) -> None:
    classifier = LinearIntentClassifier.load({}, storage, Resource("never-trained"), context())
    [message] = classifier.process([featurized("hello")])
    assert message.get("intent") is None


def test_probabilities_match_scikit_learn_for_two_classes() -> None:
    from sklearn.linear_model import LogisticRegression

    messages = [featurized("hello"), featurized("hi hello"), featurized("bye"), featurized("bye bye")]
    labels = ["greet", "greet", "goodbye", "goodbye"]
    config = {"C": 10.0, "weighting": "counts", "max_iter": 1000, "tol": 1e-6, "class_weight": None,
              "random_state": 0}
    model = LinearModel.fit(messages, labels, config)
    matrix = scipy.sparse.vstack([m.get_sparse_features("text")[1].features for m in messages]).tocsr()
    reference = LogisticRegression(C=10.0, max_iter=1000, tol=1e-6, random_state=0).fit(matrix, labels)
    expected = reference.predict_proba(matrix)[:, [reference.classes_.tolist().index(c) for c in model.classes]]
    assert np.allclose(model.probabilities(messages), expected, atol=1e-6)


def test_tfidf_weighs_each_featurizer_block_separately() -> None:
    messages = [featurized("hello hello sky", regex=[1.0, 0.0]), featurized("sky", regex=[0.0, 0.0]),
                featurized("number")]  # the last has no regex block at all: zeros
    features, matrix = Features.fit(messages, "tfidf")
    assert features.blocks == [("counts", len(VOCABULARY), "sparse"), ("regex", 2, "sparse")]
    dense = matrix.toarray()
    counts, regex = dense[:, :len(VOCABULARY)], dense[:, len(VOCABULARY):]
    assert np.allclose(np.linalg.norm(counts, axis=1), 1.0)
    assert np.allclose(np.linalg.norm(regex[0]), 1.0) and not regex[1:].any()
    hello, sky = VOCABULARY.index("hello"), VOCABULARY.index("sky")
    # "sky" is in two of three messages, "hello" in one: rarer words weigh more, counts grow slowly
    assert counts[0, hello] > counts[0, sky] > 0
    assert counts[0, hello] / counts[0, sky] < 2 * features.idf[hello] / features.idf[sky]


def test_features_from_another_training_are_refused() -> None:
    features, _ = Features.fit([featurized("hello")], "counts")
    other = Message(data={"text": "x"})
    other.add_features(RasaFeatures(scipy.sparse.coo_matrix(np.ones((1, 3))), "sentence", "text", "counts"))
    with pytest.raises(ValueError, match="different trainings"):
        features.transform([other])
    with pytest.raises(ValueError, match="weighting"):
        Features("binary", [])


def test_response_selector_output_is_what_utter_faq_reads(storage: LocalModelStorage) -> None:
    resource = Resource("selector")
    selector = LinearResponseSelector.create({"retrieval_intent": "faq"}, storage, resource, context())
    selector.train(training_data())
    selector = LinearResponseSelector.load({"retrieval_intent": "faq"}, storage, resource, context())
    [message] = selector.process([featurized("what number do you count to")])
    output = message.as_dict_nlu()["response_selector"]
    assert output["all_retrieval_intents"] == ["faq"]
    response = output["faq"]["response"]
    assert response["intent_response_key"] == "faq/number"
    assert response["utter_action"] == "utter_faq/number"
    assert "responses" not in response  # the answer's texts come from the domain (below)
    ranking = output["faq"]["ranking"]
    assert [r["intent_response_key"] for r in ranking] == ["faq/number", "faq/colour"]
    assert ranking[0]["confidence"] == response["confidence"] > 0.5

    parse = {"text": "what number", "intent": {"name": "faq", "confidence": 1.0}, "entities": [],
             "response_selector": output}
    tracker = DialogueStateTracker.from_events("s", [UserUttered("what number", parse_data=parse)])
    assert ActionRetrieveResponse("utter_faq").get_full_retrieval_name(tracker) == "utter_faq/number"
    from rasa.core.channels.channel import CollectingOutputChannel
    from rasa.core.nlg import TemplatedNaturalLanguageGenerator
    from rasa.shared.core.domain import Domain

    domain = Domain.from_dict({"intents": ["faq"], "responses": {"utter_faq/number": [{"text": "Seven."}]}})
    events = asyncio.run(ActionRetrieveResponse("utter_faq").run(
        CollectingOutputChannel(), TemplatedNaturalLanguageGenerator(domain.responses), tracker, domain))
    assert [e.text for e in events] == ["Seven."]


def with_embedding(message: Message, vector: List[float]) -> Message:
    """Adds a dense sentence feature, as bot/nlu/embedding_featurizer.py does."""
    message.add_features(RasaFeatures(np.array([vector], dtype=np.float32), "sentence", "text", "embedding"))
    return message


def test_dense_embedding_block_gets_no_idf_and_its_own_weight() -> None:
    embeddings = [[0.6, -0.8, 0.0], [-1.0, 0.0, 0.0], [0.0, 0.0, 0.0]]  # the last: the zero fallback
    messages = [with_embedding(featurized(text), vector)
                for text, vector in zip(["hello sky", "sky", "number"], embeddings, strict=True)]
    for weighting in ("counts", "tfidf"):
        features, matrix = Features.fit(messages, weighting, embedding_weight=2.0)
        assert features.blocks == [("counts", len(VOCABULARY), "sparse"), ("embedding", 3, "dense")]
        dense = matrix.toarray()[:, len(VOCABULARY):]
        # negative numbers survive (no log, no idf), the zero vector stays zero, weight x2
        assert np.allclose(dense, 2.0 * np.array(embeddings)), weighting
        if weighting == "tfidf":
            assert np.allclose(features.idf[len(VOCABULARY):], 1.0)
    _, unweighted = Features.fit(messages, "counts")
    assert np.allclose(unweighted.toarray()[:, len(VOCABULARY):], embeddings)


def test_embedding_weight_round_trips_through_a_saved_model(storage: LocalModelStorage) -> None:
    resource = Resource("with-embedding")
    training = [with_embedding(m, [1.0, 0.0] if m.get("intent") == "greet" else [0.0, 1.0])
                for m in (featurized(t.get("text"), t.get("intent")) for t in TRAINING)]
    config = {"weighting": "tfidf", "embedding_weight": 3.0, "C": 10.0}
    classifier = LinearIntentClassifier.create(config, storage, resource, context())
    classifier.train(TrainingData(training))
    loaded = LinearIntentClassifier.load(config, storage, resource, context())
    assert loaded.model.features.embedding_weight == 3.0
    assert loaded.model.features.blocks == classifier.model.features.blocks
    # an unknown word, told apart by the embedding alone
    probe = [with_embedding(featurized("zzz"), [1.0, 0.0])]
    assert np.allclose(classifier.model.probabilities(probe), loaded.model.probabilities(probe))
    [message] = loaded.process(probe)
    assert message.get("intent")["name"] == "greet"
    with storage.read_from(resource) as directory:
        with np.load(directory / WEIGHTS, allow_pickle=False) as arrays:
            assert set(arrays.files) == {"coef", "intercept", "idf"}


def test_a_model_saved_before_the_embedding_block_still_loads(storage: LocalModelStorage) -> None:
    resource = Resource("old")
    classifier = LinearIntentClassifier.create({}, storage, resource, context())
    classifier.train(training_data())
    with storage.write_to(resource) as directory:  # rewrite the meta the way older models have it
        meta = json.loads((directory / "meta.json").read_text())
        meta["blocks"] = [block[:2] for block in meta["blocks"]]
        meta.pop("embedding_weight")
        (directory / "meta.json").write_text(json.dumps(meta))
    loaded = LinearIntentClassifier.load({}, storage, resource, context())
    assert loaded.model.features.blocks == [("counts", len(VOCABULARY), "sparse")]
    assert loaded.model.features.embedding_weight == 1.0


@pytest.mark.parametrize("weighting", ["counts", "tfidf"])
def test_prediction_features_equal_the_training_features(weighting: str) -> None:
    """transform (numpy, for prediction) and fit (sparse matrices, for scikit-learn) agree."""
    messages = [with_embedding(featurized("hello hello sky", regex=[1.0, 0.0]), [0.3, -0.4, 1.2]),
                with_embedding(featurized("sky count", regex=[0.0, 2.0]), [0.0, 0.0, 0.0]),
                featurized("number number number"),  # no embedding, no regex block
                with_embedding(featurized("bye"), [-1.0, 2.0, 0.5])]
    features, matrix = Features.fit(messages, weighting, embedding_weight=3.0)
    assert np.allclose(features.transform(messages), matrix.toarray(), atol=1e-12)


def _densified(features: Features, messages: List[Message]) -> np.ndarray:
    out = np.zeros((len(messages), features.width))
    for row, blocks in enumerate(features.sparse_rows(messages)):
        for start, values, columns in blocks:
            if columns is None:
                out[row, start:start + len(values)] = values
            else:
                out[row, start + columns] = values
    return out


def _awkward(text: str) -> Message:
    """Word counts stored the odd ways a sparse matrix may hold them: a count split over
    two duplicate entries, and an explicit zero."""
    message = Message(data={"text": text})
    counts = [text.split().count(word) for word in VOCABULARY]
    rows, cols, data = [], [], []
    for column, count in enumerate(counts):
        if count:
            rows += [0, 0]
            cols += [column, column]
            data += [count - 0.5, 0.5]
    rows.append(0)
    cols.append(VOCABULARY.index("bye"))
    data.append(0.0)
    matrix = scipy.sparse.coo_matrix((data, (rows, cols)), shape=(1, len(VOCABULARY)))
    message.add_features(RasaFeatures(matrix, "sentence", "text", "counts"))
    return message


@pytest.mark.parametrize("weighting", ["counts", "tfidf"])
def test_sparse_rows_are_transform_without_its_zeros(weighting: str) -> None:
    """What prediction multiplies (only the non-zero columns) is ``transform``'s row."""
    messages = [with_embedding(featurized("hello hello sky", regex=[1.0, 0.0]), [0.3, -0.4, 1.2]),
                with_embedding(featurized("sky count", regex=[0.0, 2.0]), [0.0, 0.0, 0.0]),
                featurized("number number number"),  # no embedding, no regex block
                with_embedding(_awkward("count sky sky"), [-1.0, 2.0, 0.5]),
                with_embedding(featurized("zzz"), [1.0, 1.0, 1.0])]  # no known word
    features, _ = Features.fit(messages, weighting, embedding_weight=3.0)
    assert np.allclose(_densified(features, messages), features.transform(messages), rtol=0, atol=1e-15)
    assert all(len(columns) == np.count_nonzero(values) for blocks in features.sparse_rows(messages)
               for _, values, columns in blocks if columns is not None)


@pytest.mark.parametrize("weighting", ["counts", "tfidf"])
def test_probabilities_are_the_dense_products(weighting: str) -> None:
    """The sparse product gives the dense product's probabilities (to float rounding) and
    the same ranking."""
    training = [with_embedding(m, [1.0, 0.2] if m.get("intent") == "greet" else [0.1, 1.0])
                for m in (featurized(t.get("text"), t.get("intent"), regex=[1.0, 0.0]) for t in TRAINING)]
    model = LinearModel.fit(training, [m.get("intent") for m in training],
                            {"C": 10.0, "weighting": weighting, "embedding_weight": 2.0, "max_iter": 1000,
                             "tol": 1e-6, "class_weight": None, "random_state": 0})
    probe = [with_embedding(featurized(text, regex=[0.0, 1.0]), vector) for text, vector in
             [("hello sky", [0.5, 0.5]), ("bye bye count", [0.0, 1.0]), ("zzz", [0.0, 0.0])]]
    probe.append(_awkward("colour sky number"))
    scores = model.features.transform(probe) @ model.coef.T + model.intercept
    features_scores = np.exp(scores - scores.max(axis=1, keepdims=True))
    expected = features_scores / features_scores.sum(axis=1, keepdims=True)
    got = model.probabilities(probe)
    assert np.allclose(got, expected, rtol=0, atol=1e-12)
    assert (np.argsort(-got, axis=1, kind="stable") == np.argsort(-expected, axis=1, kind="stable")).all()


def test_sparse_rows_refuse_features_from_another_training() -> None:
    features, _ = Features.fit([featurized("hello")], "counts")
    other = Message(data={"text": "x"})
    other.add_features(RasaFeatures(scipy.sparse.coo_matrix(np.ones((1, 3))), "sentence", "text", "counts"))
    with pytest.raises(ValueError, match="different trainings"):
        features.sparse_rows([other])


def test_stored_columns_read_coo_and_other_formats_alike() -> None:
    """Unsorted, repeated and zero entries: the COO path (numpy) and the CSR path agree."""
    from bot.nlu.linear_features import _stored_columns

    data, cols = [2.0, 1.0, 0.0, 1.5, 0.5, -3.0], [7, 2, 5, 7, 2, 0]
    coo = scipy.sparse.coo_matrix((data, ([0] * 6, cols)), shape=(1, 9))
    for matrix in (coo, coo.tocsr(), coo.tocsc(), coo.todok()):
        columns, values = _stored_columns(matrix)
        assert columns.tolist() == [0, 2, 7] and values.tolist() == [-3.0, 1.5, 3.5]
    columns, values = _stored_columns(scipy.sparse.coo_matrix((1, 4)))
    assert columns.size == 0 and values.size == 0
