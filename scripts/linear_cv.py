"""How the settings of the linear classifiers (config.yml, bot/nlu/linear.py) were chosen:
5-fold stratified cross-validation on the training data (data/nlu) only. The held-in
test set (tests/nlu/test_nlu.yml) is not read, so it stays a fair measure.

Scikit-learn vectorizers stand in for the pipeline's featurizers (CountVectorsFeaturizer
on words and word pairs, and on character 2-4-grams), so the figures are close to, not
equal to, the bot's. For the intent, a message counts as right when the prediction is
right with a confidence of at least the FallbackClassifier threshold, or when it is an
out-of-scope message and the prediction is ``out_of_scope`` or below the threshold.

Usage: python scripts/linear_cv.py      (about 6 minutes on 2 cores)
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

# One BLAS thread: on 2 cores the solver's threads mostly spin (7 s of system time per fit).
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
from typing import Callable, Dict, List, Sequence

import numpy as np
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import FeatureUnion, make_union

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

THRESHOLD = 0.55  # config.yml, FallbackClassifier

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


def training_examples() -> tuple[list[str], list[str], list[str]]:
    """Texts, intents and (for ``faq``) topic keys of data/nlu."""
    from rasa.shared.nlu.training_data.loading import load_data

    data = load_data(str(ROOT / "data" / "nlu"))
    examples = [e for e in data.intent_examples if e.get("text") and e.get("intent")]
    return ([e.get("text") for e in examples], [e.get("intent") for e in examples],
            [e.get("intent_response_key") or e.get("intent") for e in examples])


def cross_validate(texts: Sequence[str], labels: Sequence[str], vectorizer: str, c: float,
                   with_fallback: bool, folds: int = 5) -> float:
    texts_array = np.array(texts, dtype=object)
    right = 0
    for train, test in StratifiedKFold(folds, shuffle=True, random_state=0).split(texts, labels):
        vectors = VECTORIZERS[vectorizer]()
        model = LogisticRegression(C=c, max_iter=5000)
        model.fit(vectors.fit_transform(texts_array[train]), [labels[i] for i in train])
        probabilities = model.predict_proba(vectors.transform(texts_array[test]))
        predicted = model.classes_[probabilities.argmax(axis=1)]
        for guess, confidence, i in zip(predicted, probabilities.max(axis=1), test, strict=True):
            if with_fallback and confidence < THRESHOLD:
                right += labels[i] == "out_of_scope"
            else:
                right += guess == labels[i]
    return right / len(texts)


def main() -> int:
    texts, intents, keys = training_examples()
    faq = [i for i, intent in enumerate(intents) if intent == "faq"]
    rows: List[str] = ["| classifier | features | C | 5-fold accuracy |", "|---|---|---:|---:|"]
    for vectorizer in VECTORIZERS:
        for c in (10, 30, 100, 1000):
            score = cross_validate(texts, intents, vectorizer, c, with_fallback=True)
            rows.append(f"| intent (with fallback at {THRESHOLD}) | {vectorizer} | {c} | {score:.1%} |")
            print(rows[-1], flush=True)
    for vectorizer in VECTORIZERS:
        for c in (10, 100, 1000):
            score = cross_validate([texts[i] for i in faq], [keys[i] for i in faq], vectorizer, c,
                                   with_fallback=False)
            rows.append(f"| FAQ topic | {vectorizer} | {c} | {score:.1%} |")
            print(rows[-1], flush=True)
    print("\n" + "\n".join(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
