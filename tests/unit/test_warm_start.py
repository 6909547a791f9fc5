"""The linear classifiers' warm start (bot/nlu/warm_start.py): the last fit's weights are
mapped onto the new columns and classes by name, a warm-started fit finds the cold fit's
optimum, and a missing, foreign or broken store only means a cold start."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, Iterator, List, Optional

import numpy as np
import pytest
import scipy.sparse
from rasa.shared.nlu.training_data.features import Features as RasaFeatures
from rasa.shared.nlu.training_data.message import Message

from bot import paths
from bot.nlu import warm_start
from bot.nlu.linear import LinearModel

CONFIG = {"C": 100.0, "weighting": "counts", "embedding_weight": 1.0, "max_iter": 5000, "tol": 1e-4,
          "class_weight": None, "random_state": 42}
OLD_WORDS = ["bye", "colour", "count", "hello", "hi", "number", "sky"]
#: the next training's vocabulary: "blue" and "dose" are new and move the other columns
NEW_WORDS = ["blue", "bye", "colour", "count", "dose", "hello", "hi", "number", "sky"]


def message(text: str, words: List[str], intent: str, embedding: Optional[List[float]] = None) -> Message:
    result = Message(data={"text": text, "intent": intent})
    counts = np.array([[text.split().count(word) for word in words]], dtype=float)
    result.add_features(RasaFeatures(scipy.sparse.coo_matrix(counts), "sentence", "text", "counts"))
    vector = np.array([embedding or [float(len(text)), 1.0]])
    result.add_features(RasaFeatures(vector, "sentence", "text", "embedding"))
    return result


OLD = [("hello", "greet"), ("hi", "greet"), ("hello hi", "greet"), ("colour sky", "colour"),
       ("sky colour colour", "colour"), ("colour", "colour"), ("number count", "number"),
       ("count number number", "number"), ("number", "number"), ("bye", "bye"), ("bye bye", "bye"),
       ("bye hi", "bye")]
NEW = [*OLD, ("blue sky", "colour"), ("dose", "dose"), ("dose number", "dose"), ("hi dose", "dose")]


def fit(examples: List[tuple], words: List[str], store: Optional[str]) -> LinearModel:
    messages = [message(text, words, intent) for text, intent in examples]
    return LinearModel.fit(messages, [intent for _, intent in examples], CONFIG, warm_start=store)


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Dict[str, List[str]]]:
    """Warm start on, its store under tmp_path; yields the featurizers' recorded names."""
    monkeypatch.setattr(paths, "BUILD", tmp_path / "build")
    monkeypatch.setattr(warm_start, "_installed", True)
    monkeypatch.setattr(warm_start, "_NAMES", {})
    monkeypatch.delenv("CLONUS_WARM_START", raising=False)
    monkeypatch.delenv("CLONUS_FEATURE_CACHE", raising=False)
    monkeypatch.delenv("CLONUS_WARM_START_DIR", raising=False)
    yield warm_start._NAMES


def test_the_last_fit_is_mapped_by_feature_and_class_name(store: Dict[str, List[str]]) -> None:
    store["counts"] = OLD_WORDS
    old = fit(OLD, OLD_WORDS, "intent")
    store["counts"] = NEW_WORDS
    names = warm_start.column_names([("counts", 9, "sparse"), ("embedding", 2, "dense")])
    classes = ["bye", "colour", "dose", "greet", "number"]
    start = warm_start.initial("intent", classes, names)
    assert start is not None
    coef, intercept = start
    assert coef.shape == (5, 11)
    for row, name in enumerate(classes):
        if name == "dose":  # a new class starts at zero
            assert not coef[row].any()
            continue
        old_row = old.classes.index(name)
        for column, word in enumerate(NEW_WORDS):
            expected = old.coef[old_row, OLD_WORDS.index(word)] if word in OLD_WORDS else 0.0
            assert coef[row, column] == expected, (name, word)
        # the dense block (by position: blocks sorted by name, "counts" before "embedding")
        np.testing.assert_array_equal(coef[row, 9:], old.coef[old_row, 7:])
    assert abs(intercept.sum()) < 1e-9  # centred, as a cold start's zeros
    old_intercepts = [old.intercept[old.classes.index(name)] for name in classes if name != "dose"]
    new_intercepts = [intercept[i] for i, name in enumerate(classes) if name != "dose"]
    np.testing.assert_allclose(np.diff(new_intercepts), np.diff(old_intercepts))


def test_a_warm_started_fit_finds_the_cold_fits_optimum(store: Dict[str, List[str]],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    store["counts"] = OLD_WORDS
    fit(OLD, OLD_WORDS, "intent")
    store["counts"] = NEW_WORDS
    assert warm_start.initial("intent", ["bye", "colour", "dose", "greet", "number"],
                              warm_start.column_names([("counts", 9, "sparse"), ("embedding", 2, "dense")])) is not None
    warm = fit(NEW, NEW_WORDS, "intent")
    monkeypatch.setenv("CLONUS_WARM_START", "0")
    cold = fit(NEW, NEW_WORDS, "intent")
    assert warm.classes == cold.classes
    # Both stop where the gradient is below tol: the same point up to that tolerance.
    np.testing.assert_allclose(warm.coef, cold.coef, atol=1e-2)
    probes = [message(text, NEW_WORDS, "") for text in ("hello", "blue sky", "dose", "bye hi", "count dose", "sky")]
    warm_p, cold_p = warm.probabilities(probes), cold.probabilities(probes)
    assert (warm_p.argmax(axis=1) == cold_p.argmax(axis=1)).all()
    np.testing.assert_allclose(warm_p, cold_p, atol=1e-3)


def test_no_store_without_the_training_entry_point_or_when_turned_off(
        store: Dict[str, List[str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store["counts"] = OLD_WORDS
    monkeypatch.setenv("CLONUS_WARM_START", "0")
    fit(OLD, OLD_WORDS, "intent")
    monkeypatch.setenv("CLONUS_FEATURE_CACHE", "0")
    monkeypatch.delenv("CLONUS_WARM_START")
    fit(OLD, OLD_WORDS, "intent")
    monkeypatch.delenv("CLONUS_FEATURE_CACHE")
    monkeypatch.setattr(warm_start, "_installed", False)  # plain `rasa train`, crossval: never
    fit(OLD, OLD_WORDS, "intent")
    assert not (tmp_path / "build").exists()
    monkeypatch.setattr(warm_start, "_installed", True)
    fit(OLD, OLD_WORDS, "intent")
    assert len(list((tmp_path / "build" / "cache" / "linear" / "intent").glob("*.npz"))) == 1


def test_broken_foreign_or_unnamed_stores_mean_a_cold_start(store: Dict[str, List[str]], tmp_path: Path) -> None:
    names = warm_start.column_names([("counts", 7, "sparse")])
    assert not any(names)  # the featurizer recorded no names: no column can be mapped
    store["counts"] = OLD_WORDS
    names = warm_start.column_names([("counts", 7, "sparse")])
    assert warm_start.initial("intent", ["bye", "greet"], names) is None  # nothing kept yet
    directory = tmp_path / "build" / "cache" / "linear" / "intent"
    directory.mkdir(parents=True)
    (directory / "broken.npz").write_bytes(b"not a numpy file")
    np.savez(directory / "wrong-shape.npz", classes=np.array(["bye", "greet"]), names=names,
             coef=np.ones((3, 7)), intercept=np.zeros(2))
    np.savez(directory / "foreign.npz", classes=np.array(["other"]), names=np.array(["x\x1fy"] * 7),
             coef=np.ones((1, 7)), intercept=np.zeros(1))
    assert warm_start.initial("intent", ["bye", "greet"], names) is None
    np.savez(directory / "good.npz", classes=np.array(["bye", "greet"]), names=names,
             coef=np.ones((2, 7)), intercept=np.array([1.0, 3.0]))
    coef, intercept = warm_start.initial("intent", ["bye", "greet"], names)
    assert (coef == 1).all() and list(intercept) == [-1.0, 1.0]


def test_the_featurizers_record_their_column_names(store: Dict[str, List[str]]) -> None:
    class Vectorizer:
        vocabulary_ = {"sky": 2, "bye": 0, "hi": 1}

    class CountVectors:
        _identifier = "words"
        vectorizers = {"text": Vectorizer()}

    class Regex:
        _identifier = "regex"
        vectorizers = None
        known_patterns = [{"name": "zip", "pattern": "[0-9]{5}"}, {"name": "year", "pattern": "[0-9]{4}"}]

    warm_start.record(CountVectors())
    warm_start.record(Regex())
    assert store == {"words": ["bye", "hi", "sky"], "regex": ["zip", "year"]}
    names = warm_start.column_names([("regex", 2, "sparse"), ("vectors", 3, "dense"), ("words", 3, "sparse"),
                                     ("unknown", 2, "sparse")])
    assert [str(n).replace("\x1f", "/") for n in names] == [
        "regex/zip", "regex/year", "vectors/#0", "vectors/#1", "vectors/#2", "words/bye", "words/hi", "words/sky",
        "", ""]


def test_the_training_entry_point_makes_rasas_featurizers_record_names(
        store: Dict[str, List[str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``bot.train_rasa.install`` wraps the featurizers' ``process_training_data``: Rasa still
    sees a fingerprintable return type (it refuses to train otherwise), and the recorded
    names are the columns of the sentence features, in order."""
    import typing

    from rasa.engine.graph import ExecutionContext, GraphSchema
    from rasa.engine.storage.local_model_storage import LocalModelStorage
    from rasa.engine.storage.resource import Resource
    from rasa.nlu.featurizers.sparse_featurizer.regex_featurizer import RegexFeaturizer
    from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
    from rasa.shared.nlu.training_data.training_data import TrainingData

    from bot.nlu.script_count_vectors import ScriptCountVectorsFeaturizer

    monkeypatch.setattr(warm_start, "_installed", False)  # the fixture pretends: install for real
    warm_start.install()
    warm_start.install()  # once per class, however often it is called
    assert warm_start._installed
    for cls in (ScriptCountVectorsFeaturizer, RegexFeaturizer):
        assert typing.get_type_hints(cls.process_training_data)["return"] is TrainingData
    messages = [Message(data={"text": t, "intent": "x"}) for t in ("sky is blue", "blue bird", "hello sky")]
    WhitespaceTokenizer(WhitespaceTokenizer.get_default_config()).process(messages)
    featurizer = ScriptCountVectorsFeaturizer.create(
        {**ScriptCountVectorsFeaturizer.get_default_config(), "alias": "words"}, LocalModelStorage(tmp_path),
        Resource("words"), ExecutionContext(GraphSchema({}), "test"))
    data = TrainingData(messages)
    featurizer.train(data)
    featurizer.process_training_data(data)
    assert store["words"] == ["bird", "blue", "hello", "is", "sky"]
    sentence = [f for f in messages[0].features if f.type == "sentence" and f.attribute == "text"][0]
    assert sentence.origin == "words" and sentence.features.shape[1] == len(store["words"])
    assert sorted(sentence.features.tocoo().col) == [1, 3, 4]  # "sky is blue": blue, is, sky
    assert not getattr(getattr(ScriptCountVectorsFeaturizer.process_training_data, "__wrapped__", None),
                       "_records_names", False)  # wrapped once, not twice


def test_the_fingerprints_alone_leave_the_warm_start_off(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only the training command (``python -m bot.train_rasa``) turns it on: a test that
    installs the training fingerprints in its own process keeps fitting cold."""
    from bot import train_rasa

    monkeypatch.setattr(warm_start, "_installed", False)
    train_rasa.install()
    assert not warm_start.enabled()
