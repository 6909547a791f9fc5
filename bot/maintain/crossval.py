"""k-fold cross-validation of the NLU training data: the project's one tool for it
(``make crossval``; ``make evaluate`` runs it too).

Every example of ``data/nlu/`` is predicted once by classifiers trained on the other folds
(stratified by label, fixed seed): the intent classifier (with the FallbackClassifier's
threshold: an out-of-scope message is right when it gets ``out_of_scope`` or falls below
the threshold) and the FAQ topic classifier. It scores like the held-in gate (a FAQ
question is right only with the right topic ``faq/<key>``) and counts the "Do you
mean...?" the TopicContextPolicy would ask apart (``bot.maintain.results``).

The fast linear path: the message embeddings are computed once with the bot's own
encoder (``bot/nlu/encoder.py``, the route and token cap of config.yml), and each fold
fits only the linear classifiers (``bot/nlu/linear.py``: logistic regression with
config.yml's ``weighting``, ``embedding_weight`` and ``C``), so five folds take seconds,
not one Rasa training each. The n-gram blocks come from scikit-learn vectorizers built
from config.yml's ``CountVectorsFeaturizer`` entries (the same n-grams, sublinear TF-IDF
with smoothed idf and L2-normalised blocks for ``tfidf``); the tokenisation is
scikit-learn's, not spaCy's, and the guards and the red-flag detector are not run, so
the figures are close to, not equal to, the whole pipeline's.

``python -m bot.maintain.crossval`` prints the figures of config.yml's settings;
``--grid`` prints the table the settings were chosen from (n-grams alone, the embedding
alone, both with several weights and ``C``; accuracy on long messages; how many red-flag
and other messages the intent classifier escalated); ``--routes`` compares the int8
encoder with the exact fp32 graph. The held-in sets (``tests/nlu/``) are never read.
"""

from __future__ import annotations

import argparse
import os

# One BLAS thread: on 2 cores the solver's threads mostly spin.
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
import random  # noqa: E402
import time  # noqa: E402
from collections import defaultdict  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple  # noqa: E402

import numpy as np  # noqa: E402
import scipy.sparse  # noqa: E402
import yaml  # noqa: E402

from bot import paths  # noqa: E402
from bot.maintain.results import Result, asked_topics, clarify_thresholds  # noqa: E402

FAQ = "faq"
FALLBACK = "nlu_fallback"
LONG = (12, 20)  # words: the long-message columns of the grid


@dataclass(frozen=True)
class Setting:
    """One linear classifier's settings: its n-gram blocks, the embedding's weight, C."""

    ngrams: Tuple[Tuple[str, int, int], ...]  # (analyzer, min n, max n) per n-gram block
    weighting: str  # counts | tfidf
    embedding_weight: float  # 0: no embedding
    c: float

    def describe(self) -> str:
        parts = [f"{self.weighting} " + " + ".join(f"{a} {lo}-{hi}" for a, lo, hi in self.ngrams)] if self.ngrams else []
        if self.embedding_weight:
            parts.append(f"MiniLM x{self.embedding_weight:g}")
        return " + ".join(parts)


@dataclass
class CrossValidation:
    result: Result
    figures: dict[str, Any]
    seconds: float
    train_seconds: float
    test_seconds: float
    intent: Tuple[int, int] = (0, 0)  # right, messages: the intent alone (faq as one intent)
    topic: Tuple[int, int] = (0, 0)  # right, FAQ messages: the topic classifier alone
    said: List[str] = field(default_factory=list)  # the intent classifier's answer per example


# --- the data and config.yml -------------------------------------------------------------

def load_training_data(root: Path) -> Any:
    """Rasa's NLU training data of ``data/nlu`` (examples and responses)."""
    from rasa.shared.importers.importer import TrainingDataImporter

    importer = TrainingDataImporter.load_nlu_importer_from_config(
        str(root / "config.yml"), str(root / "domain.yml"), [str(root / "data" / "nlu")])
    return importer.get_nlu_data()


def example_label(message: Any) -> str:
    return str(message.get("intent_response_key") or message.get("intent"))


def components(config: Path) -> List[Dict[str, Any]]:
    return list((yaml.safe_load(config.read_text(encoding="utf-8")) or {}).get("pipeline") or [])


def component(config: Path, name: str) -> Optional[Dict[str, Any]]:
    return next((c for c in components(config) if str(c.get("name", "")).rsplit(".", 1)[-1] == name), None)


def pipeline_ngrams(config: Path) -> Tuple[Tuple[str, int, int], ...]:
    """config.yml's ``CountVectorsFeaturizer`` blocks (Rasa's, or the Devanagari-aware
    ``ScriptCountVectorsFeaturizer``) as (analyzer, min n, max n)."""
    names = ("CountVectorsFeaturizer", "ScriptCountVectorsFeaturizer")
    return tuple((str(c.get("analyzer", "word")), int(c.get("min_ngram", 1)), int(c.get("max_ngram", 1)))
                 for c in components(config) if str(c.get("name", "")).rsplit(".", 1)[-1] in names)


def configured(config: Path, name: str) -> Setting:
    """The setting config.yml gives a linear classifier (``LinearIntentClassifier`` or
    ``LinearResponseSelector``); no embedding when the pipeline has no encoder."""
    from bot.nlu.linear import _default_config

    settings = {**_default_config(), **(component(config, name) or {})}
    weight = float(settings["embedding_weight"]) if component(config, "SentenceEmbeddingFeaturizer") else 0.0
    return Setting(pipeline_ngrams(config), str(settings["weighting"]), weight, float(settings["C"]))


def fallback_threshold(config: Path) -> float:
    fallback = component(config, "FallbackClassifier")
    return float(fallback.get("threshold", 0.3)) if fallback else 0.0


def embed(texts: Sequence[str], config: Path, route: Optional[str] = None) -> Optional[List[np.ndarray]]:
    """The bot's dense sentence features of ``texts``, one array per embedding featurizer of
    the pipeline: the message (``SentenceEmbeddingFeaturizer``) and, when configured, its
    question (``QuestionEmbeddingFeaturizer``); None without an encoder in the pipeline."""
    featurizer = component(config, "SentenceEmbeddingFeaturizer")
    if featurizer is None:
        return None
    from bot.nlu.encoder import DEFAULT_MAX_TOKENS, DEFAULT_ROUTE, get_encoder, question_part

    question = component(config, "QuestionEmbeddingFeaturizer")
    key = (tuple(texts), route or featurizer.get("route", DEFAULT_ROUTE),
           int(featurizer.get("max_tokens", DEFAULT_MAX_TOKENS)),
           None if question is None else int(question.get("sentences", 1)))
    if key not in _EMBEDDINGS:  # the grid cross-validates many settings on the same texts
        _EMBEDDINGS.clear()
        encoder = get_encoder(key[1], key[2])
        blocks = [np.asarray(encoder.encode(list(texts)))]
        if key[3] is not None:
            blocks.append(np.asarray(encoder.encode([question_part(t, key[3]) for t in texts])))
        _EMBEDDINGS[key] = blocks
    gated = set(featurizer.get("zero_for_languages") or [])
    if not gated:
        return _EMBEDDINGS[key]
    from bot.nlu.language import detect

    # As the featurizers do: no embedding for messages in a gated language.
    keep = np.array([[detect(text) not in gated] for text in texts], dtype=float)
    return [block * keep for block in _EMBEDDINGS[key]]


_EMBEDDINGS: Dict[Tuple[Any, ...], List[np.ndarray]] = {}


def dense_blocks(config: Path) -> str:
    """What "MiniLM" stands for in the settings' descriptions."""
    if component(config, "SentenceEmbeddingFeaturizer") is None:
        return "No sentence embedding."
    if component(config, "QuestionEmbeddingFeaturizer") is None:
        return "MiniLM: the message's embedding."
    return "MiniLM: the message's embedding and its question's (two blocks, each with that weight)."


# --- folds and one classifier ------------------------------------------------------------

def split(labels: list[str], folds: int, seed: int = 42) -> list[list[int]]:
    """Indices of each fold, stratified: every label is spread evenly over the folds."""
    if folds < 2:
        raise ValueError("cross-validation needs at least 2 folds")
    by_label: dict[str, list[int]] = defaultdict(list)
    for index, label in enumerate(labels):
        by_label[label].append(index)
    rng = random.Random(seed)
    out: list[list[int]] = [[] for _ in range(folds)]
    offset = 0
    for label in sorted(by_label):
        indices = by_label[label]
        rng.shuffle(indices)
        for position, index in enumerate(indices):
            out[(position + offset) % folds].append(index)
        offset += len(indices)
    return [sorted(fold) for fold in out]


def vectorizer(ngrams: Tuple[str, int, int], weighting: str) -> Any:
    from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

    analyzer, low, high = ngrams
    # scikit-learn's default word pattern (two or more word characters), with Devanagari
    # vowel signs counted as word characters (bot/nlu/script_count_vectors.py): the same
    # words for English text.
    pattern = r"(?u)(?:\w|[\u0900-\u0963\u0966-\u097F]){2,}"
    if weighting == "tfidf":
        return TfidfVectorizer(analyzer=analyzer, ngram_range=(low, high), sublinear_tf=True, token_pattern=pattern)
    return CountVectorizer(analyzer=analyzer, ngram_range=(low, high), token_pattern=pattern)


def fit_predict(setting: Setting, texts: Sequence[str], labels: Sequence[str],
                embeddings: Optional[Sequence[np.ndarray]], train: Sequence[int],
                test: Sequence[int]) -> Tuple[List[str], np.ndarray]:
    """Train on ``train``, return the classes and the probabilities of ``test``.
    ``embeddings``: one array per dense block (each L2-normalised, times the weight)."""
    from sklearn.linear_model import LogisticRegression

    from bot.nlu.linear import _default_config

    blocks_train, blocks_test = [], []
    texts_array = np.array(texts, dtype=object)
    for ngrams in setting.ngrams:
        vectors = vectorizer(ngrams, setting.weighting)
        blocks_train.append(vectors.fit_transform(texts_array[list(train)]))
        blocks_test.append(vectors.transform(texts_array[list(test)]))
    if setting.embedding_weight and embeddings is not None:
        for dense in ([embeddings] if isinstance(embeddings, np.ndarray) else embeddings):
            for rows, blocks in ((train, blocks_train), (test, blocks_test)):
                block = dense[list(rows)]
                norms = np.linalg.norm(block, axis=1, keepdims=True)
                norms[norms == 0] = 1.0
                blocks.append(scipy.sparse.csr_matrix(block / norms * setting.embedding_weight))
    defaults = _default_config()
    classes = sorted({labels[i] for i in train})
    if len(classes) < 2:  # nothing to choose between
        return classes, np.ones((len(test), len(classes)))
    model = LogisticRegression(C=setting.c, max_iter=defaults["max_iter"], tol=defaults["tol"],
                               random_state=defaults["random_state"])
    model.fit(scipy.sparse.hstack(blocks_train, format="csr"), [labels[i] for i in train])
    probabilities = model.predict_proba(scipy.sparse.hstack(blocks_test, format="csr"))
    return [str(c) for c in model.classes_], probabilities


def ranking(classes: Sequence[str], row: np.ndarray) -> List[Tuple[str, float]]:
    order = np.argsort(-row, kind="stable")
    return [(classes[i], float(row[i])) for i in order]


# --- the cross-validation ----------------------------------------------------------------

def run(folds: int = 5, out: Optional[Path] = None, root: Path = paths.ROOT,
        config: Optional[Path] = None, seed: int = 42, verbose: bool = True,
        intent_setting: Optional[Setting] = None, topic_setting: Optional[Setting] = None,
        route: Optional[str] = None) -> CrossValidation:
    """Cross-validate config.yml's classifiers (or the settings given); write the reports
    of ``bot.maintain.report`` to ``out`` when given."""
    from bot.maintain import report as nlu_report

    config = config or root / "config.yml"
    started = time.monotonic()
    examples = [m for m in load_training_data(root).nlu_examples if m.get("text") and m.get("intent")]
    texts = [str(m.get("text")) for m in examples]
    labels = [example_label(m) for m in examples]
    intents = [str(m.get("intent")) for m in examples]
    intent_setting = intent_setting or configured(config, "LinearIntentClassifier")
    topic_setting = topic_setting or configured(config, "LinearResponseSelector")
    threshold, thresholds = fallback_threshold(config), clarify_thresholds(config)
    embeddings = embed(texts, config, route)
    if verbose:
        print(f"cross-validation: {folds} folds of {len(texts)} examples; embeddings in "
              f"{time.monotonic() - started:.0f} s", flush=True)
    rows: Dict[int, Tuple[str, str, str, float, Optional[Tuple[str, ...]]]] = {}
    said = [""] * len(texts)
    intent_right = topic_right = topics = 0
    train_seconds = 0.0
    for number, fold in enumerate(split(labels, folds, seed), 1):
        held_out = set(fold)
        train = [i for i in range(len(texts)) if i not in held_out]
        tick = time.monotonic()
        intent_classes, intent_probabilities = fit_predict(intent_setting, texts, intents, embeddings, train, fold)
        faq_train = [i for i in train if intents[i] == FAQ]
        topic_classes, topic_probabilities = fit_predict(topic_setting, texts, labels, embeddings, faq_train, fold)
        train_seconds += time.monotonic() - tick
        for position, i in enumerate(fold):
            intent_ranking = ranking(intent_classes, intent_probabilities[position])
            topic_ranking = ranking(topic_classes, topic_probabilities[position])
            best, confidence = intent_ranking[0]
            name = FALLBACK if confidence < threshold else best
            said[i] = name
            intent_right += (name == intents[i]) or (intents[i] == "out_of_scope" and name == FALLBACK)
            if intents[i] == FAQ:
                topics += 1
                topic_right += bool(topic_ranking) and topic_ranking[0][0] == labels[i]
            got, conf = (topic_ranking[0] if name == FAQ and topic_ranking else (name, confidence))
            parse = {"intent": {"name": name, "confidence": confidence},
                     "intent_ranking": ([{"name": FALLBACK, "confidence": threshold}] if name == FALLBACK else [])
                     + [{"name": n, "confidence": c} for n, c in intent_ranking],
                     "response_selector": {FAQ: {"ranking": [
                         {"intent_response_key": k, "confidence": c} for k, c in topic_ranking]}}}
            rows[i] = (texts[i], labels[i], got, conf, asked_topics(parse, thresholds))
        if verbose:
            print(f"  fold {number}/{folds} done ({time.monotonic() - started:.0f} s so far)", flush=True)
    ordered = [rows[i] for i in sorted(rows)]
    result = Result(rows=[r[:4] for r in ordered], asked=[r[4] for r in ordered])
    seconds = time.monotonic() - started
    figures = {**nlu_report.headline(result), "intent_accuracy": round(intent_right / max(len(texts), 1), 4),
               "topic_accuracy": round(topic_right / max(topics, 1), 4)}
    if out is not None:
        note = (f"{folds}-fold stratified cross-validation of `data/nlu/` ({len(texts)} examples, seed {seed}) "
                f"with the classifiers of `{config.name}` (the fast linear path, `bot/maintain/crossval.py`): "
                f"intent {intent_right}/{len(texts)} = {intent_right / max(len(texts), 1):.1%} "
                f"({intent_setting.describe()}, C {intent_setting.c:g}), FAQ topic {topic_right}/{topics} = "
                f"{topic_right / max(topics, 1):.1%} ({topic_setting.describe()}, C {topic_setting.c:g}). "
                f"{dense_blocks(config)} Took {seconds:.0f} s.")
        figures = {**nlu_report.write(result, out, f"{folds}-fold cross-validation", threshold, note=note),
                   "intent_accuracy": figures["intent_accuracy"], "topic_accuracy": figures["topic_accuracy"]}
    return CrossValidation(result, figures, seconds, train_seconds, seconds - train_seconds,
                           (intent_right, len(texts)), (topic_right, topics), said)


def headline_text(cv: CrossValidation) -> str:
    (i_ok, i_n), (t_ok, t_n) = cv.intent, cv.topic
    return (f"intent {i_ok}/{i_n} = {i_ok / max(i_n, 1):.1%}; FAQ topic {t_ok}/{t_n} = {t_ok / max(t_n, 1):.1%}; "
            f"together (a FAQ question right only with its topic) {cv.result.correct}/{cv.result.total} = "
            f"{cv.result.accuracy:.1%}")


# --- the grid the settings were chosen from ----------------------------------------------

def escalations(labels: Sequence[str], said: Sequence[str]) -> str:
    """Red-flag messages the intent classifier escalated, and other messages it escalated."""
    from bot.knowledge.red_flags import RED_FLAG_INTENTS

    flagged = [s in RED_FLAG_INTENTS for s in said]
    red = [label in RED_FLAG_INTENTS for label in labels]
    caught = sum(f and r for f, r in zip(flagged, red, strict=True))
    return f"{caught}/{sum(red)}, {sum(f and not r for f, r in zip(flagged, red, strict=True))} false"


def grid(c_values: Sequence[float], weights: Sequence[float], weighting: str,
         ngrams: Tuple[Tuple[str, int, int], ...]) -> List[Setting]:
    """The n-grams alone (counts and TF-IDF), the embedding alone, and n-grams of
    ``weighting`` with the embedding weighted by each of ``weights``."""
    settings = [Setting(ngrams, w, 0.0, c) for w in ("counts", "tfidf") for c in c_values]
    settings += [Setting((), weighting, 1.0, c) for c in c_values]
    settings += [Setting(ngrams, weighting, weight, c) for weight in weights for c in c_values]
    return settings


def grid_table(root: Path, config: Path, settings: Sequence[Tuple[str, Setting, Setting]], folds: int,
               route: Optional[str] = None, printer: Callable[[str], None] = print) -> List[str]:
    """One cross-validation per (name, intent setting, topic setting): a markdown table."""
    examples = [m for m in load_training_data(root).nlu_examples if m.get("text") and m.get("intent")]
    lengths = np.array([len(str(m.get("text")).split()) for m in examples])
    intents = [str(m.get("intent")) for m in examples]
    lines = ["| name | intent features | C | intent | topic features | C | FAQ topic | together "
             "| > 12 words | > 20 words | escalated: red flags, others |",
             "|---|---|---:|---:|---|---:|---:|---:|---:|---:|---:|"]
    printer("\n".join(lines))
    for name, intent_setting, topic_setting in settings:
        cv = run(folds, None, root, config, verbose=False, intent_setting=intent_setting,
                 topic_setting=topic_setting, route=route)
        right = np.array([cv.result.rows[i][2] == cv.result.rows[i][1] or
                          (cv.result.rows[i][1] == "out_of_scope" and cv.result.rows[i][2] in ("out_of_scope", FALLBACK))
                          for i in range(cv.result.total)])
        long_cells = [f"{right[lengths > w].mean():.1%} ({int((lengths > w).sum())})" if (lengths > w).any() else "-"
                      for w in LONG]
        line = (f"| {name} | {intent_setting.describe()} | {intent_setting.c:g} | {cv.intent[0] / cv.intent[1]:.1%} "
                f"| {topic_setting.describe()} | {topic_setting.c:g} | {cv.topic[0] / max(cv.topic[1], 1):.1%} "
                f"| {cv.result.accuracy:.1%} | " + " | ".join(long_cells)
                + f" | {escalations(intents, cv.said)} |")
        lines.append(line)
        printer(line)
    return lines


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.maintain.crossval", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--config", type=Path, default=paths.CONFIG)
    parser.add_argument("--out", type=Path, default=None, help="write the reports here (e.g. reports/cross-validation)")
    parser.add_argument("--grid", action="store_true", help="the table of settings (minutes)")
    parser.add_argument("--routes", action="store_true", help="config.yml's settings with the int8 and fp32 encoder")
    parser.add_argument("--task", choices=("intent", "faq", "both"), default="both",
                        help="with --grid: vary the intent classifier, the topic classifier or both")
    parser.add_argument("--c-values", type=float, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--weights", type=float, nargs="+", default=[1, 2, 3])
    parser.add_argument("--weighting", choices=("counts", "tfidf"), default="tfidf",
                        help="with --grid: the n-gram weighting combined with the embedding")
    args = parser.parse_args(argv)
    import warnings

    for category in (DeprecationWarning, PendingDeprecationWarning, FutureWarning, UserWarning):
        warnings.filterwarnings("ignore", category=category)
    intent_now, topic_now = configured(args.config, "LinearIntentClassifier"), configured(args.config,
                                                                                          "LinearResponseSelector")
    if args.grid or args.routes:
        if args.routes:
            for route in ("int8", "fp32"):
                grid_table(paths.ROOT, args.config, [(f"config.yml, {route}", intent_now, topic_now)], args.folds, route)
            return 0
        candidates = grid(args.c_values, args.weights, args.weighting, pipeline_ngrams(args.config))
        settings = [(f"intent: {s.describe()}", s, topic_now) for s in candidates if args.task != "faq"]
        settings += [(f"topic: {s.describe()}", intent_now, s) for s in candidates if args.task != "intent"]
        grid_table(paths.ROOT, args.config, settings, args.folds)
        return 0
    cv = run(args.folds, args.out, config=args.config)
    print(f"\n{args.folds}-fold cross-validation of the training data: {headline_text(cv)}")
    from bot.maintain import report as nlu_report

    print(f"  answers: {nlu_report.answers_text(cv.figures)}")
    labels = [row[1].split("/", 1)[0] for row in cv.result.rows]
    print(f"  the intent classifier escalated (red flags, others): {escalations(labels, cv.said)}")
    print(f"  {dense_blocks(args.config)}")
    print(f"  intent: {intent_now.describe()}, C {intent_now.c:g}; topic: {topic_now.describe()}, C {topic_now.c:g}; "
          f"{cv.seconds:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
