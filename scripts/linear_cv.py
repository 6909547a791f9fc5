"""How the settings of the linear classifiers (config.yml, bot/nlu/linear.py) were chosen:
5-fold stratified cross-validation on the training data (data/nlu) only. The held-in
test set (tests/nlu/test_nlu.yml) is not read, so it stays a fair measure.

Features: scikit-learn vectorizers stand in for the pipeline's n-gram featurizers
(CountVectorsFeaturizer on words and word pairs, and on character 2-4-grams), so those
figures are close to, not equal to, the bot's. The sentence embedding is the bot's own
(bot/nlu/encoder.py, the route and token cap of config.yml), L2-normalised and multiplied
by the embedding weight, as bot/nlu/linear.py does. For the intent, a message counts as
right when the prediction is right with a confidence of at least the FallbackClassifier
threshold, or when it is an out-of-scope message and the prediction is ``out_of_scope``
or below the threshold. Besides all messages, the table gives the accuracy on the longer
ones (more than 12 words, and more than 20 words: few in the training data, so rough).

Usage: python scripts/linear_cv.py              (about 20 minutes on 2 cores)
       python scripts/linear_cv.py --routes     (the chosen settings with each encoder
                                                 route: int8 against the exact fp32 graph)
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

# One BLAS thread: on 2 cores the solver's threads mostly spin (7 s of system time per fit).
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
from dataclasses import dataclass
from typing import Callable, Dict, List, Optional, Sequence, Tuple

import numpy as np
import scipy.sparse
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import FeatureUnion, make_union

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

THRESHOLD = 0.55  # config.yml, FallbackClassifier
LONG = (12, 20)  # words: the long-message columns

VECTORIZERS: Dict[str, Callable[[], FeatureUnion]] = {
    "counts, words": lambda: make_union(CountVectorizer(), CountVectorizer(analyzer="char_wb", ngram_range=(2, 4))),
    "counts, words + pairs": lambda: make_union(CountVectorizer(ngram_range=(1, 2)),
                                                CountVectorizer(analyzer="char_wb", ngram_range=(2, 4))),
    "tfidf, words": lambda: make_union(TfidfVectorizer(sublinear_tf=True),
                                       TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True)),
    "tfidf, words + pairs": lambda: make_union(TfidfVectorizer(sublinear_tf=True, ngram_range=(1, 2)),
                                               TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4),
                                                               sublinear_tf=True)),
}


@dataclass(frozen=True)
class Setting:
    ngrams: Optional[str]  # a VECTORIZERS key, or None for the embedding alone
    embedding_weight: float  # 0: no embedding
    c: float

    def describe(self) -> str:
        parts = [self.ngrams] if self.ngrams else []
        if self.embedding_weight:
            parts.append(f"MiniLM x{self.embedding_weight:g}")
        return " + ".join(parts)


def training_examples() -> Tuple[List[str], List[str], List[str]]:
    """Texts, intents and (for ``faq``) topic keys of data/nlu."""
    from rasa.shared.nlu.training_data.loading import load_data

    data = load_data(str(ROOT / "data" / "nlu"))
    examples = [e for e in data.intent_examples if e.get("text") and e.get("intent")]
    return ([e.get("text") for e in examples], [e.get("intent") for e in examples],
            [e.get("intent_response_key") or e.get("intent") for e in examples])


def embed(texts: Sequence[str], route: str, max_tokens: int) -> np.ndarray:
    from bot.nlu.encoder import get_encoder

    return get_encoder(route, max_tokens).encode(list(texts))


def pipeline_components() -> Dict[str, Dict]:
    """config.yml's pipeline components by their class name."""
    from ruamel.yaml import YAML

    config = YAML(typ="safe").load((ROOT / "config.yml").read_text(encoding="utf-8"))
    return {component["name"].rsplit(".", 1)[-1]: component for component in config["pipeline"]}


def pipeline_encoder_settings() -> Tuple[str, int]:
    """The route and token cap config.yml gives the featurizer."""
    from bot.nlu.encoder import DEFAULT_MAX_TOKENS, DEFAULT_ROUTE

    component = pipeline_components().get("SentenceEmbeddingFeaturizer", {})
    return component.get("route", DEFAULT_ROUTE), int(component.get("max_tokens", DEFAULT_MAX_TOKENS))


def chosen_setting(component: str) -> Setting:
    """The setting config.yml gives a linear classifier (its n-grams: words and pairs)."""
    config = pipeline_components()[component]
    return Setting(f"{config.get('weighting', 'counts')}, words + pairs", float(config.get("embedding_weight", 1.0)),
                   float(config.get("C", 100.0)))


def cross_validate(texts: Sequence[str], labels: Sequence[str], embeddings: np.ndarray, setting: Setting,
                   with_fallback: bool, folds: int = 5) -> Tuple[np.ndarray, List[str]]:
    """Per message under 5-fold cross-validation: 1 when right, and what the classifier
    said (``nlu_fallback`` below the threshold)."""
    texts_array = np.array(texts, dtype=object)
    right = np.zeros(len(texts))
    said = [""] * len(texts)
    for train, test in StratifiedKFold(folds, shuffle=True, random_state=0).split(texts, labels):
        blocks_train, blocks_test = [], []
        if setting.ngrams:
            vectors = VECTORIZERS[setting.ngrams]()
            blocks_train.append(vectors.fit_transform(texts_array[train]))
            blocks_test.append(vectors.transform(texts_array[test]))
        if setting.embedding_weight:
            blocks_train.append(scipy.sparse.csr_matrix(embeddings[train] * setting.embedding_weight))
            blocks_test.append(scipy.sparse.csr_matrix(embeddings[test] * setting.embedding_weight))
        model = LogisticRegression(C=setting.c, max_iter=5000)
        model.fit(scipy.sparse.hstack(blocks_train, format="csr"), [labels[i] for i in train])
        probabilities = model.predict_proba(scipy.sparse.hstack(blocks_test, format="csr"))
        predicted = model.classes_[probabilities.argmax(axis=1)]
        for guess, confidence, i in zip(predicted, probabilities.max(axis=1), test, strict=True):
            if with_fallback and confidence < THRESHOLD:
                right[i] = labels[i] == "out_of_scope"
                said[i] = "nlu_fallback"
            else:
                right[i] = guess == labels[i]
                said[i] = str(guess)
    return right, said


def red_flag_cell(labels: Sequence[str], said: Sequence[str]) -> str:
    """The classifier's share in escalation (the RedFlagDetector's concept rules escalate
    on their own too): red-flag messages it escalated, and other messages it escalated."""
    from bot.knowledge.red_flags import RED_FLAG_INTENTS

    flagged = [s in RED_FLAG_INTENTS for s in said]
    red = [label in RED_FLAG_INTENTS for label in labels]
    caught = sum(f and r for f, r in zip(flagged, red, strict=True))
    false = sum(f and not r for f, r in zip(flagged, red, strict=True))
    return f"{caught}/{sum(red)}, {false} false"


def row(task: str, setting: Setting, right: np.ndarray, lengths: np.ndarray, red_flags: str = "-") -> str:
    cells = [f"{right.mean():.1%}"]
    for words in LONG:
        long_ = lengths > words
        cells.append(f"{right[long_].mean():.1%} ({int(long_.sum())})" if long_.any() else "-")
    cells.append(red_flags)
    return f"| {task} | {setting.describe()} | {setting.c:g} | " + " | ".join(cells) + " |"


def settings(c_values: Sequence[float], weights: Sequence[float], baselines: bool = True,
             ngrams: str = "tfidf, words + pairs") -> List[Setting]:
    """The n-grams alone (the two settings the bot used before the embedding), the embedding
    alone, and both with the embedding weighted by each of ``weights`` (the n-gram blocks of
    ``tfidf`` are unit rows like the embedding, so the weight is their ratio; ``counts``
    blocks are raw counts, so there the embedding weighs less; by default only x2)."""
    grid: List[Setting] = []
    if baselines:
        grid += [Setting(ngrams, 0.0, c) for ngrams in ("counts, words + pairs", "tfidf, words + pairs")
                 for c in c_values]
        grid += [Setting(None, 1.0, c) for c in c_values]
    grid += [Setting(ngrams, weight, c) for weight in weights for c in c_values]
    if baselines and ngrams != "counts, words + pairs":
        grid += [Setting("counts, words + pairs", 2.0, c) for c in c_values]
    return grid


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--routes", action="store_true",
                        help="only config.yml's settings (and the embedding alone), with the int8 "
                             "and with the fp32 encoder")
    parser.add_argument("--task", choices=("intent", "faq", "both"), default="both")
    parser.add_argument("--c-values", type=float, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--weights", type=float, nargs="+", default=[1, 2, 3],
                        help="embedding weights to try with tfidf n-grams")
    parser.add_argument("--ngrams", choices=("tfidf", "counts"), default="tfidf",
                        help="the n-grams that --weights combine with the embedding")
    parser.add_argument("--no-baselines", action="store_true",
                        help="only n-grams + embedding (e.g. to extend the grid)")
    args = parser.parse_args(argv)
    texts, intents, keys = training_examples()
    lengths = np.array([len(t.split()) for t in texts])
    faq = [i for i, intent in enumerate(intents) if intent == "faq"]
    route, max_tokens = pipeline_encoder_settings()
    header = ["| classifier | features | C | 5-fold accuracy | > 12 words (n) | > 20 words (n) "
              "| escalated: red flags, others |",
              "|---|---|---:|---:|---:|---:|---:|"]
    rows: List[str] = []

    def report(task: str, setting: Setting, result: Tuple[np.ndarray, List[str]], lengths_: np.ndarray,
               labels: Optional[Sequence[str]] = None) -> None:
        right, said = result
        rows.append(row(task, setting, right, lengths_, red_flag_cell(labels, said) if labels else "-"))
        print(rows[-1], flush=True)

    if args.routes:
        chosen = {"intent": chosen_setting("LinearIntentClassifier"), "faq": chosen_setting("LinearResponseSelector")}
        for name in ("int8", "fp32"):
            embeddings = embed(texts, name, max_tokens)
            for setting in (chosen["intent"], Setting(None, 1.0, 100)):
                result = cross_validate(texts, intents, embeddings, setting, with_fallback=True)
                report(f"intent, {name} encoder", setting, result, lengths, intents)
            for setting in (chosen["faq"], Setting(None, 1.0, 1000)):
                result = cross_validate([texts[i] for i in faq], [keys[i] for i in faq], embeddings[faq], setting,
                                        with_fallback=False)
                report(f"FAQ topic, {name} encoder", setting, result, lengths[faq])
    else:
        embeddings = embed(texts, route, max_tokens)
        grid = settings(args.c_values, args.weights, not args.no_baselines, f"{args.ngrams}, words + pairs")
        for setting in grid if args.task in ("intent", "both") else []:
            result = cross_validate(texts, intents, embeddings, setting, with_fallback=True)
            report(f"intent (with fallback at {THRESHOLD})", setting, result, lengths, intents)
        for setting in grid if args.task in ("faq", "both") else []:
            result = cross_validate([texts[i] for i in faq], [keys[i] for i in faq], embeddings[faq], setting,
                                    with_fallback=False)
            report("FAQ topic", setting, result, lengths[faq])
    print(f"\nencoder: {route} route, at most {max_tokens} tokens; {len(texts)} training messages\n")
    print("\n".join(header + rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
