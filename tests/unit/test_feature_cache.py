"""The training caches of per-message results (bot/nlu/vector_cache.py, bot/nlu/doc_cache.py):
a hit gives exactly what computing gives, a changed text or a changed producer (encoder
files, spaCy pipeline package) misses, and a broken or foreign cache file is never trusted."""

from __future__ import annotations

from pathlib import Path
from typing import List

import numpy as np
import pytest
import spacy
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from spacy.language import Language

from bot.nlu import doc_cache, vector_cache
from bot.nlu import encoder as encoder_module
from bot.nlu.doc_cache import DocCache
from bot.nlu.embedding_featurizer import SentenceEmbeddingFeaturizer
from bot.nlu.vector_cache import VectorCache


class Counting:
    """A fake producer: a vector from the text, counting its calls."""

    def __init__(self, width: int = 4, offset: float = 0.0) -> None:
        self.calls: List[str] = []
        self.width = width
        self.offset = offset

    def __call__(self, text: str) -> np.ndarray:
        self.calls.append(text)
        return np.arange(self.width, dtype=np.float32) * len(text) + self.offset


def test_vector_cache_hit_after_miss_across_processes(tmp_path: Path) -> None:
    compute = Counting()
    first = VectorCache("t", "enc-a", 4, tmp_path)
    computed = first.get_many(["one", "two", "one"], compute)
    assert compute.calls == ["one", "two"] and (first.hits, first.misses) == (1, 2)
    first.save()
    again = Counting()
    second = VectorCache("t", "enc-a", 4, tmp_path)  # as a new training reads it
    cached = second.get_many(["two", "one"], again)
    assert again.calls == [] and second.hits == 2
    assert np.array_equal(cached[0], computed[1]) and np.array_equal(cached[1], computed[0])
    assert cached[0].dtype == np.float32


def test_vector_cache_changed_text_misses(tmp_path: Path) -> None:
    cache = VectorCache("t", "enc-a", 4, tmp_path)
    cache.get_many(["my ankle jerks"], Counting())
    cache.save()
    compute = Counting()
    VectorCache("t", "enc-a", 4, tmp_path).get_many(["my ankle jerks.", "My ankle jerks"], compute)
    assert compute.calls == ["my ankle jerks.", "My ankle jerks"]


def test_vector_cache_changed_producer_misses(tmp_path: Path) -> None:
    cache = VectorCache("t", "enc-a", 4, tmp_path)
    cache.get_many(["hello"], Counting())
    cache.save()
    compute = Counting(offset=1.0)
    other = VectorCache("t", "enc-b", 4, tmp_path)
    [vector] = other.get_many(["hello"], compute)
    assert compute.calls == ["hello"] and vector[0] == 1.0
    assert other.path != cache.path


def test_vector_cache_ignores_a_file_of_another_producer(tmp_path: Path) -> None:
    cache = VectorCache("t", "enc-a", 4, tmp_path)
    cache.get_many(["hello"], Counting())
    cache.save()
    impostor = VectorCache("t", "enc-b", 4, tmp_path)
    cache.path.replace(impostor.path)  # enc-a's vectors under enc-b's name
    compute = Counting()
    VectorCache("t", "enc-b", 4, tmp_path).get_many(["hello"], compute)
    assert compute.calls == ["hello"]


def test_vector_cache_ignores_a_corrupt_file(tmp_path: Path) -> None:
    cache = VectorCache("t", "enc-a", 4, tmp_path)
    cache.directory.mkdir(parents=True)
    cache.path.write_bytes(b"not an npz")
    compute = Counting()
    VectorCache("t", "enc-a", 4, tmp_path).get_many(["hello"], compute)
    assert compute.calls == ["hello"]


def test_vector_cache_never_stores_a_failure(tmp_path: Path) -> None:
    def failing(text: str) -> np.ndarray:
        raise RuntimeError("encoder broke")

    cache = VectorCache("t", "enc-a", 4, tmp_path)
    with pytest.raises(RuntimeError):
        cache.get_many(["hello"], failing)
    with pytest.raises(ValueError):
        cache.get_many(["hello"], Counting(width=3))
    assert cache.vectors == {}


def test_encoder_fingerprint_follows_the_files(tmp_path: Path) -> None:
    (tmp_path / "model.int8.onnx").write_bytes(b"graph-1")
    (tmp_path / "tokenizer.json").write_text("{}")
    before = encoder_module.content_fingerprint(tmp_path, "int8", 64)
    assert encoder_module.content_fingerprint(tmp_path, "int8", 32) != before
    (tmp_path / "model.int8.onnx").write_bytes(b"graph-2")
    encoder_module.content_fingerprint.cache_clear()
    assert encoder_module.content_fingerprint(tmp_path, "int8", 64) != before
    (tmp_path / "model.int8.onnx").write_bytes(b"graph-1")
    (tmp_path / "tokenizer.json").write_text('{"x": 1}')
    encoder_module.content_fingerprint.cache_clear()
    assert encoder_module.content_fingerprint(tmp_path, "int8", 64) != before


class FakeEncoder:
    def __init__(self) -> None:
        self.calls = 0
        self.directory, self.route, self.max_tokens = Path("/nowhere"), "int8", 64

    def encode(self, texts: List[str]) -> np.ndarray:
        self.calls += len(texts)
        return np.stack([np.full(encoder_module.DIMENSION, len(t), dtype=np.float32) for t in texts])


def test_featurizer_training_reads_the_cache_and_gives_the_same_numbers(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(vector_cache, "CACHE_DIR", tmp_path)
    fingerprint = {"value": "enc-a"}
    monkeypatch.setattr(encoder_module, "content_fingerprint", lambda *a: fingerprint["value"])
    texts = ["what is clonus", "hi", "who treats it?"]

    def train(encoder: FakeEncoder) -> List[np.ndarray]:
        featurizer = SentenceEmbeddingFeaturizer({}, "run_emb", encoder=encoder)  # type: ignore[arg-type]
        data = TrainingData([Message(data={"text": t, "intent": "x"}) for t in texts])
        featurizer.process_training_data(data)
        return [m.features[0].features for m in data.training_examples]

    cold_encoder = FakeEncoder()
    cold = train(cold_encoder)
    assert cold_encoder.calls == 3
    plain = SentenceEmbeddingFeaturizer({}, "run_emb", encoder=FakeEncoder())  # type: ignore[arg-type]
    for text, vector in zip(texts, cold, strict=True):
        assert np.array_equal(vector, plain.embedding(text))
    warm_encoder = FakeEncoder()
    warm = train(warm_encoder)
    assert warm_encoder.calls == 0
    assert all(np.array_equal(a, b) for a, b in zip(cold, warm, strict=True))
    fingerprint["value"] = "enc-b"  # another encoder: nothing reused
    changed = FakeEncoder()
    train(changed)
    assert changed.calls == 3


def small_pipeline(word: str = "clonus") -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "SIGN", "pattern": word}])  # type: ignore[attr-defined]
    return nlp


def signature(doc: spacy.tokens.Doc) -> tuple:
    return (doc.text, [(t.text, t.whitespace_, t.norm_, t.is_sent_start) for t in doc],
            [(e.start, e.end, e.label_) for e in doc.ents])


def test_doc_cache_hit_equals_the_pipeline(tmp_path: Path) -> None:
    nlp = small_pipeline()
    texts = ["Is clonus serious? He jerks.", "hello", "Is clonus serious? He jerks."]
    first = DocCache("pipe-a", tmp_path)
    docs = first.docs(nlp, texts)
    assert (first.hits, first.misses) == (0, 2)
    second = DocCache("pipe-a", tmp_path)
    again = second.docs(small_pipeline(), texts)  # a new process: another vocab
    assert (second.hits, second.misses) == (2, 0)
    direct = [nlp(t) for t in texts]
    assert [signature(d) for d in docs] == [signature(d) for d in again] == [signature(d) for d in direct]
    assert [e.label_ for e in again[0].ents] == ["SIGN"]


def test_doc_cache_changed_text_or_pipeline_misses(tmp_path: Path) -> None:
    DocCache("pipe-a", tmp_path).docs(small_pipeline(), ["my foot shakes"])
    changed_text = DocCache("pipe-a", tmp_path)
    changed_text.docs(small_pipeline(), ["my foot shakes!"])
    assert changed_text.misses == 1
    changed_pipeline = DocCache("pipe-b", tmp_path)
    [doc] = changed_pipeline.docs(small_pipeline("foot"), ["my foot shakes"])
    assert changed_pipeline.misses == 1 and [e.text for e in doc.ents] == ["foot"]


def test_doc_cache_refuses_a_database_of_another_pipeline(tmp_path: Path) -> None:
    DocCache("pipe-a", tmp_path).docs(small_pipeline(), ["my foot shakes"])
    impostor = DocCache("pipe-b", tmp_path)
    DocCache("pipe-a", tmp_path).path.replace(impostor.path)
    cache = DocCache("pipe-b", tmp_path)
    [doc] = cache.docs(small_pipeline("foot"), ["my foot shakes"])
    assert cache.hits == 0 and [e.text for e in doc.ents] == ["foot"]


def test_package_fingerprint_follows_the_package_files_and_sources(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import bot.nlp.pipeline

    package = tmp_path / "en_x"
    (package / "ner").mkdir(parents=True)
    (package / "ner" / "patterns.jsonl").write_text('{"label": "A"}')
    monkeypatch.setattr(spacy.util, "get_package_path", lambda name: package)
    source = {"value": "src-1"}
    monkeypatch.setattr(bot.nlp.pipeline, "source_fingerprint", lambda: source["value"])
    before = doc_cache.package_fingerprint("en_x")
    assert doc_cache.package_fingerprint("en_x") == before
    (package / "ner" / "patterns.jsonl").write_text('{"label": "B"}')
    after_file = doc_cache.package_fingerprint("en_x")
    assert after_file != before
    source["value"] = "src-2"
    assert doc_cache.package_fingerprint("en_x") != after_file


def test_project_spacy_component_gives_rasa_own_training_docs(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The real pipeline (en_clonus_pipeline, `make install`), through the cache cold and
    warm, gives the Docs Rasa's own code gives: tokens, norms, concepts and their status."""
    from rasa.nlu.utils.spacy_utils import SpacyNLP as RasaSpacyNLP

    from bot.nlu.spacy_nlp import SpacyNLP

    monkeypatch.setattr(vector_cache, "CACHE_DIR", tmp_path)
    component = SpacyNLP.create({"model": "en_clonus_pipeline"}, None, None, None)  # type: ignore[arg-type]
    nlp = component.provide().model
    samples = [(0, "My son's foot keeps jerking when he stands, is that clonus?"),
               (1, "no fever and no stiff neck, but she had a seizure last year"), (3, "hi"),
               (4, "My son's foot keeps jerking when he stands, is that clonus?")]

    def full(doc: spacy.tokens.Doc) -> tuple:
        return (signature(doc), [(t.lemma_, t.pos_) for t in doc],
                [(e.text, e.label_, e._.status, e._.trigger) for e in doc.ents])

    expected = [(i, full(d)) for i, d in RasaSpacyNLP._process_content_bearing_samples(nlp, samples)]
    assert any(e for _, (_, _, e) in expected), "the sample should contain a concept"
    cold = [(i, full(d)) for i, d in component._process_content_bearing_samples(nlp, samples)]
    warm = [(i, full(d)) for i, d in component._process_content_bearing_samples(nlp, samples)]
    assert cold == warm == expected
    assert len(list((tmp_path / "spacy").glob("*.sqlite"))) == 1


def test_doc_cache_keeps_only_the_newest_pipelines(tmp_path: Path) -> None:
    for name in ("p1", "p2", "p3", "p4"):
        DocCache(name, tmp_path).docs(small_pipeline(), ["hello"])
    kept = {p.name for p in (tmp_path / "spacy").glob("*.sqlite")}
    assert len(kept) == vector_cache.KEEP and DocCache("p4", tmp_path).path.name in kept
    assert DocCache("p1", tmp_path).path.name not in kept


def test_the_question_featurizer_and_the_language_gate_through_the_cache(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Training with the cache gives each featurizer exactly what ``process`` gives at run
    time: the question featurizer's vector is that of the question part, and a gated
    language gets zeros (the cache is keyed by the text that is embedded)."""
    from bot.nlu.embedding_featurizer import QuestionEmbeddingFeaturizer

    monkeypatch.setattr(vector_cache, "CACHE_DIR", tmp_path)
    monkeypatch.setattr(encoder_module, "content_fingerprint", lambda *a: "enc-q")
    texts = ["My dad has MS and stiff legs. Can stretching help?", "क्लोनस क्या है?", "hi"]
    for cls in (SentenceEmbeddingFeaturizer, QuestionEmbeddingFeaturizer):
        for _ in range(2):  # cold, then warm
            featurizer = cls({"zero_for_languages": ["hi"]}, "run_q", encoder=FakeEncoder())  # type: ignore[arg-type]
            data = TrainingData([Message(data={"text": t, "intent": "x"}) for t in texts])
            featurizer.process_training_data(data)
            live = featurizer.process([Message(data={"text": t}) for t in texts])
            for trained, served in zip(data.training_examples, live, strict=True):
                assert np.array_equal(trained.features[0].features, served.features[0].features)
            assert not np.any(data.training_examples[1].features[0].features)  # Hindi: gated
    question = QuestionEmbeddingFeaturizer({}, "q", encoder=FakeEncoder())  # type: ignore[arg-type]
    vector = question.process([Message(data={"text": texts[0]})])[0].features[0].features
    assert vector[0, 0] == len("Can stretching help?")  # the fake encodes a text's length
