"""The faster training fingerprints of bot/train_rasa.py: equal content gives equal
fingerprints, any change of content (a value, a position, the shape, the dtype, the kind,
a token's field) gives another one. Whether the trained model stays the same is tested by
training: tests/e2e/test_fast_retrain.py."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse
from rasa.nlu.tokenizers.tokenizer import Token
from rasa.shared.nlu.training_data.features import Features

from bot import train_rasa


@pytest.fixture(autouse=True, scope="module")
def _installed() -> None:
    train_rasa.install()


def _sparse(values: list[list[float]], dtype: type = np.float64) -> Features:
    return Features(scipy.sparse.coo_matrix(np.array(values, dtype=dtype)), "sentence", "text", "CountVectorsFeaturizer")


def test_rasa_uses_the_project_fingerprints() -> None:
    assert Features.fingerprint is train_rasa.features_fingerprint
    assert Token.fingerprint is train_rasa.token_fingerprint


def test_sparse_features() -> None:
    base = _sparse([[0, 1, 0], [2, 0, 3]]).fingerprint()
    assert _sparse([[0, 1, 0], [2, 0, 3]]).fingerprint() == base
    # the same values in another format (CSR) are the same content
    same = Features(scipy.sparse.csr_matrix(np.array([[0, 1, 0], [2, 0, 3]], dtype=np.float64)),
                    "sentence", "text", "CountVectorsFeaturizer")
    assert same.fingerprint() == base
    others = [
        _sparse([[0, 1, 0], [2, 0, 4]]),           # a value
        _sparse([[1, 0, 0], [2, 0, 3]]),           # a position
        _sparse([[0, 1, 0, 0], [2, 0, 3, 0]]),     # the shape
        _sparse([[0, 1, 0], [2, 0, 3]], np.float32),  # the dtype
        Features(scipy.sparse.coo_matrix(np.array([[0, 1, 0], [2, 0, 3]], dtype=np.float64)),
                 "sequence", "text", "CountVectorsFeaturizer"),  # the kind
        Features(scipy.sparse.coo_matrix(np.array([[0, 1, 0], [2, 0, 3]], dtype=np.float64)),
                 "sentence", "text", "RegexFeaturizer"),  # the origin
        Features(scipy.sparse.coo_matrix(np.array([[0, 1, 0], [2, 0, 3]], dtype=np.float64)),
                 "sentence", "response", "CountVectorsFeaturizer"),  # the attribute
    ]
    assert len({f.fingerprint() for f in others} | {base}) == len(others) + 1


def test_dense_features() -> None:
    vector = np.arange(6, dtype=np.float32).reshape(1, 6)
    base = Features(vector, "sentence", "text", "emb").fingerprint()
    assert Features(vector.copy(), "sentence", "text", "emb").fingerprint() == base
    changed = vector.copy()
    changed[0, 5] += 1e-6
    assert Features(changed, "sentence", "text", "emb").fingerprint() != base
    assert Features(vector.reshape(2, 3), "sentence", "text", "emb").fingerprint() != base
    assert Features(vector.astype(np.float64), "sentence", "text", "emb").fingerprint() != base


def test_tokens() -> None:
    base = Token("clonus", 4, lemma="clonus", data={"pos": "NOUN"}).fingerprint()
    assert Token("clonus", 4, lemma="clonus", data={"pos": "NOUN"}).fingerprint() == base
    for other in (Token("clonus", 5, lemma="clonus", data={"pos": "NOUN"}),
                  Token("Clonus", 4, lemma="clonus", data={"pos": "NOUN"}),
                  Token("clonus", 4, lemma="clonu", data={"pos": "NOUN"}),
                  Token("clonus", 4, lemma="clonus", data={"pos": "VERB"}),
                  Token("clonus", 4, lemma="clonus", data={})):
        assert other.fingerprint() != base
    # data JSON cannot hold as it is: written as text, still stable
    odd = Token("x", 0, data={"vector": np.array([1.0, 2.0])})
    assert odd.fingerprint() == Token("x", 0, data={"vector": np.array([1.0, 2.0])}).fingerprint()
    # keys JSON cannot sort: Rasa's own fingerprint
    mixed = Token("x", 0, data={1: "a", "b": 2})
    assert mixed.fingerprint() == Token("x", 0, data={1: "a", "b": 2}).fingerprint()
