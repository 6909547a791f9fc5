"""The sentence encoder (bot/nlu/encoder.py) against reference embeddings.

The fixture tests/fixtures/encoder_reference.json was made once by
``python scripts/encoder_fixture.py``: six messages of ours, tokenised with the model's
tokenizer.json and embedded by the plain numpy float64 BERT + mean pooling + L2
normalisation of bot/nlu/bert_numpy.py from the hash-checked model.safetensors. That
implementation was first checked against the one external figure we have: the similarity
matrix sentence-transformers' documentation prints for all-MiniLM-L6-v2 on three
sentences (checked again here, and at every install). The fixture does not change when
the code does, so a change in the tokenizer, the graph, the pooling or the normalisation
shows up here. Needs ``make install`` (build/encoder/); reads no network.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict, List

import numpy as np
import pytest

from bot import paths
from bot.nlu import encoder as encoder_module
from bot.nlu.encoder import SentenceEncoder, tail_start
from bot.nlu.encoder_build import PUBLISHED_SENTENCES, PUBLISHED_SIMILARITIES

FIXTURE = paths.ROOT / "tests" / "fixtures" / "encoder_reference.json"


@pytest.fixture(scope="module")
def reference() -> List[Dict[str, Any]]:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))["examples"]


def _encoder(route: str, max_tokens: int = encoder_module.DEFAULT_MAX_TOKENS) -> SentenceEncoder:
    try:
        return encoder_module.get_encoder(route, max_tokens)
    except encoder_module.EncoderUnavailable as error:
        pytest.fail(f"{error}")


def test_fixture_was_made_from_the_pinned_files(reference: List[Dict[str, Any]]) -> None:
    from bot.nlu.encoder_build import load_pins

    fixture = json.loads(FIXTURE.read_text(encoding="utf-8"))
    pins = load_pins()
    assert fixture["weights_sha256"] == pins.files["model.safetensors"]["sha256"]
    assert fixture["tokenizer_sha256"] == pins.files["tokenizer.json"]["sha256"]
    for example in reference:
        assert len(example["embedding"]) == encoder_module.DIMENSION
        assert abs(np.linalg.norm(example["embedding"]) - 1.0) < 1e-6


def test_tokens_are_the_reference_tokens(reference: List[Dict[str, Any]]) -> None:
    encoder = _encoder("fp32")
    for example in reference:
        assert encoder.token_ids(example["text"]) == example["ids"], example["text"]


def test_exact_route_equals_the_reference(reference: List[Dict[str, Any]]) -> None:
    got = _encoder("fp32").encode([e["text"] for e in reference])
    assert got.dtype == np.float32 and got.shape == (len(reference), encoder_module.DIMENSION)
    assert np.abs(got - np.array([e["embedding"] for e in reference])).max() < 1e-5


def test_int8_route_stays_close_to_the_reference(reference: List[Dict[str, Any]]) -> None:
    """int8 is an approximation: it must point the same way (a broken quantisation, e.g. one
    scale per matrix, falls to cosines near 0.85 on some messages), and tell messages apart
    the way the exact embeddings do."""
    expected = np.array([e["embedding"] for e in reference])
    got = _encoder("int8").encode([e["text"] for e in reference])
    assert np.allclose(np.linalg.norm(got, axis=1), 1.0, atol=1e-5)
    assert (got * expected).sum(axis=1).min() > 0.95
    for i in range(len(reference)):  # each message is nearest to its own reference
        assert int(np.argmax(expected @ got[i])) == i


def test_published_similarities_are_reproduced() -> None:
    for route, tolerance in (("fp32", 5e-5 + 1e-6), ("int8", 0.03)):
        embeddings = _encoder(route).encode(list(PUBLISHED_SENTENCES))
        assert np.abs(embeddings @ embeddings.T - np.array(PUBLISHED_SIMILARITIES)).max() < tolerance, route


def test_numpy_reference_reproduces_the_published_similarities() -> None:
    from bot.nlu.encoder_build import check_reference

    check_reference(encoder_module.ENCODER_DIR)  # raises when it does not


def test_a_long_message_keeps_its_last_sentences() -> None:
    encoder = _encoder("fp32", max_tokens=16)
    story = "I walked to the shop yesterday with my sister and her dog. Then my foot started shaking. What is it?"
    ids = encoder.token_ids(story)
    assert len(ids) <= 16 and ids[0] == encoder.cls_id and ids[-1] == encoder.sep_id
    kept = encoder.tokenizer.decode(ids)
    assert kept == "then my foot started shaking. what is it?"
    short = encoder.token_ids("what is clonus")
    assert short == _encoder("fp32").token_ids("what is clonus")  # short messages are untouched


def test_tail_start_prefers_sentences_then_words() -> None:
    tokens = ["a", "b", ".", "c", "##d", "e", "?"]
    words = [0, 1, 2, 3, 3, 4, 5]
    assert tail_start(tokens, words, 10) == 0      # fits: nothing cut
    assert tail_start(tokens, words, 4) == 3       # "c ##d e ?" is the last sentence
    assert tail_start(tokens, words, 3) == 5       # no sentence fits: start at a word ("e ?")
    assert tail_start(["x", "##y", "##z"], [0, 0, 0], 2) == 1  # one long word: plain cut


def test_missing_files_say_how_to_prepare_them(tmp_path: Path) -> None:
    with pytest.raises(encoder_module.EncoderUnavailable, match="make install"):
        SentenceEncoder(tmp_path)


def test_question_part_is_the_last_sentence_with_a_question_mark() -> None:
    story = "My dad had a stroke in 2019. He walks with a stick! Can clonus be treated? Thanks a lot."
    assert encoder_module.question_part(story) == "Can clonus be treated?"
    assert encoder_module.question_part(story, 2) == "He walks with a stick! Can clonus be treated?"
    assert encoder_module.question_part("Mum has MS. tell me about exercise") == "tell me about exercise"
    assert encoder_module.question_part("what is clonus?") == "what is clonus?"  # one sentence: itself
    assert encoder_module.question_part("  ") == "  "
    assert encoder_module.question_part("v1.2 of the leaflet?") == "v1.2 of the leaflet?"  # no space: no break


def test_a_repeated_message_gives_the_same_numbers_from_the_cache() -> None:
    encoder = _encoder("int8")
    first = encoder.encode(["does clonus go away"])
    first[0, 0] += 1.0  # the caller's copy: changing it leaves the cache alone
    again = encoder.encode(["does clonus go away"])
    fresh = encoder._run(encoder.token_ids("does clonus go away"))
    assert np.array_equal(again[0], fresh)
    for n in range(2 * encoder_module.RECENT):
        encoder.encode([f"message number {n}"])
    assert len(encoder._recent) <= encoder_module.RECENT
