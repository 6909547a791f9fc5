"""One model or two for Hindi and Hinglish (issue 17, item 2): the measurement.

Trains the linear classifiers the fast way of ``bot.maintain.crossval`` (the bot's own
encoder, scikit-learn n-grams, config.yml's settings) on ``data/nlu`` and scores labelled
files with them, for several ways of handling Hindi:

- ``one``: one model on all the data, the sentence embedding for every message;
- ``one-gate-hi``: one model, no embedding for Devanagari messages (the encoder knows no
  Hindi: its features would drown the character n-grams);
- ``one-gate-hi-latn``: one model, no embedding for Devanagari or romanised Hindi (mixed
  messages, Hindi with English sentences, keep it);
- ``one-gate-all-hi``: one model, no embedding for Devanagari, romanised or mixed Hindi;
- ``two``: an English model (the English data, with the embedding) for English messages
  and a Hindi model (the Hindi data only, ``data/nlu/hindi/``, no embedding) for the rest,
  chosen by the detected language (``bot.nlu.language.detect``);
- ``english-only``: the English data only (the model before the Hindi data).

A message counts as right as in the held-in gate: the intent (with the FallbackClassifier
threshold: out-of-scope is right when it falls back), and for a FAQ question the topic.
The guards and the red-flag detector are not run: close to, not equal to, the whole
pipeline (measure the chosen one with ``bot.maintain.evaluate``).

Usage: python scripts/hindi_model_choice.py [--files F ...] [--variants V ...]
"""

from __future__ import annotations

import argparse
import dataclasses
import os

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from pathlib import Path  # noqa: E402
from typing import Dict, List, Sequence, Tuple  # noqa: E402

import numpy as np  # noqa: E402

from bot import paths  # noqa: E402
from bot.maintain import crossval  # noqa: E402
from bot.maintain.results import is_correct, load_examples  # noqa: E402
from bot.nlu.language import ENGLISH, HINDI, HINGLISH, detect  # noqa: E402

ROOT = paths.ROOT
HINDI_DATA = ROOT / "data" / "nlu" / "hindi"
FAQ = "faq"
FALLBACK = "nlu_fallback"
DEFAULT_FILES = [ROOT / "tests/nlu/dev/hindi.yml", ROOT / "tests/nlu/test_nlu.yml",
                 ROOT / "tests/nlu/narratives.yml", ROOT / "tests/nlu/narratives_2.yml"]
VARIANTS = ("english-only", "one", "one-gate-hi", "one-gate-hi-latn", "one-gate-all-hi", "two")


def training(root: Path) -> Tuple[List[str], List[str], List[str], List[bool]]:
    """Texts, full labels, intents and whether each example is from the Hindi files."""
    hindi = root / HINDI_DATA.relative_to(ROOT)
    hindi_texts = {text for path in hindi.glob("*.yml") for text, _ in load_examples(path)}
    examples = [m for m in crossval.load_training_data(root).nlu_examples if m.get("text") and m.get("intent")]
    texts = [str(m.get("text")) for m in examples]
    return (texts, [crossval.example_label(m) for m in examples], [str(m.get("intent")) for m in examples],
            [t in hindi_texts for t in texts])


CACHE = ROOT / "build" / "hindi_model_choice_embeddings.npz"


def embeddings(texts: List[str]) -> np.ndarray:
    """The bot's embeddings of ``texts``; those computed before are read from ``CACHE``
    (valid for the current encoder: delete it after ``make install`` changes the encoder).
    Not gated: each variant gates its own copy."""
    known: Dict[str, np.ndarray] = {}
    if CACHE.exists():
        with np.load(CACHE, allow_pickle=False) as cached:
            known = dict(zip([str(t) for t in cached["texts"]], cached["vectors"], strict=True))
    missing = sorted({t for t in texts if t not in known})
    if missing:
        from bot.nlu.encoder import DEFAULT_MAX_TOKENS, DEFAULT_ROUTE, get_encoder

        settings = crossval.component(paths.CONFIG, "SentenceEmbeddingFeaturizer") or {}
        encoder = get_encoder(settings.get("route", DEFAULT_ROUTE), int(settings.get("max_tokens", DEFAULT_MAX_TOKENS)))
        known.update(zip(missing, np.asarray(encoder.encode(missing)), strict=True))  # never gated here
        CACHE.parent.mkdir(exist_ok=True)
        np.savez(CACHE, texts=np.array(list(known)), vectors=np.stack(list(known.values())))
    return np.stack([known[t] for t in texts])


def predict(texts: List[str], labels: List[str], intents: List[str], embeddings: np.ndarray,
            train: Sequence[int], test: Sequence[int], use_embedding: bool) -> List[str]:
    """Predicted full labels of ``test`` by classifiers trained on ``train``."""
    config = paths.CONFIG
    intent_setting = crossval.configured(config, "LinearIntentClassifier")
    topic_setting = crossval.configured(config, "LinearResponseSelector")
    if not use_embedding:
        intent_setting = dataclasses.replace(intent_setting, embedding_weight=0.0)
        topic_setting = dataclasses.replace(topic_setting, embedding_weight=0.0)
    threshold = crossval.fallback_threshold(config)
    intent_classes, intent_p = crossval.fit_predict(intent_setting, texts, intents, embeddings, train, test)
    faq_train = [i for i in train if intents[i] == FAQ]
    topic_classes, topic_p = crossval.fit_predict(topic_setting, texts, labels, embeddings, faq_train, test)
    out = []
    for row in range(len(test)):
        best = int(np.argmax(intent_p[row]))
        name = intent_classes[best] if intent_p[row][best] >= threshold else FALLBACK
        out.append(topic_classes[int(np.argmax(topic_p[row]))] if name == FAQ else name)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=Path, nargs="+", default=DEFAULT_FILES)
    parser.add_argument("--variants", nargs="+", choices=VARIANTS, default=list(VARIANTS))
    parser.add_argument("--errors", choices=VARIANTS, help="also list this variant's mistakes on the Hindi dev set")
    parser.add_argument("--root", type=Path, default=ROOT, help="where data/nlu and config.yml are")
    args = parser.parse_args()
    texts, labels, intents, from_hindi = training(args.root)
    tests: List[Tuple[str, str, str]] = []  # (file, text, expected)
    for path in args.files:
        tests += [(path.name, text, intent) for text, intent in load_examples(path)]
    all_texts = texts + [t for _, t, _ in tests]
    labels_all = labels + [e for _, _, e in tests]
    intents_all = intents + [e.split("/")[0] for _, _, e in tests]
    raw = embeddings(all_texts)
    languages = [detect(t) for t in all_texts]
    test_rows = list(range(len(texts), len(all_texts)))
    english_rows = [i for i in range(len(texts)) if not from_hindi[i]]
    hindi_rows = [i for i in range(len(texts)) if from_hindi[i]]
    print(f"training: {len(texts)} examples ({len(hindi_rows)} Hindi/Hinglish); test: {len(tests)} messages")

    def gated(labels_off: set) -> np.ndarray:
        keep = np.array([[lang not in labels_off] for lang in languages], dtype=float)
        return raw * keep

    results: Dict[str, List[str]] = {}
    for variant in args.variants:
        if variant == "english-only":
            results[variant] = predict(all_texts, labels_all, intents_all, raw, english_rows, test_rows, True)
        elif variant == "one":
            results[variant] = predict(all_texts, labels_all, intents_all, raw, list(range(len(texts))), test_rows, True)
        elif variant == "one-gate-hi":
            results[variant] = predict(all_texts, labels_all, intents_all, gated({HINDI}), list(range(len(texts))),
                                       test_rows, True)
        elif variant == "one-gate-hi-latn":
            results[variant] = predict(all_texts, labels_all, intents_all, gated({HINDI, HINGLISH}),
                                       list(range(len(texts))), test_rows, True)
        elif variant == "one-gate-all-hi":
            off = {lang for lang in set(languages) if lang != ENGLISH}
            results[variant] = predict(all_texts, labels_all, intents_all, gated(off), list(range(len(texts))),
                                       test_rows, True)
        else:  # two models, routed by the detected language
            en_test = [i for i in test_rows if languages[i] == ENGLISH]
            hi_test = [i for i in test_rows if languages[i] != ENGLISH]
            got = dict(zip(en_test, predict(all_texts, labels_all, intents_all, raw, english_rows, en_test, True), strict=True))
            got.update(zip(hi_test, predict(all_texts, labels_all, intents_all, raw, hindi_rows, hi_test, False), strict=True))
            results[variant] = [got[i] for i in test_rows]
    groups: Dict[str, List[int]] = {}
    for n, (name, text, _) in enumerate(tests):
        script = detect(text) if name == "hindi.yml" else "all"
        groups.setdefault(f"{name} [{script}]", []).append(n)
    header = f"{'set':34}" + "".join(f"{v:>17}" for v in args.variants)
    print(header)
    for group, rows in sorted(groups.items()):
        cells = []
        for variant in args.variants:
            right = sum(is_correct(tests[r][2], results[variant][r]) for r in rows)
            cells.append(f"{right}/{len(rows)} {right / len(rows):6.1%}")
        print(f"{group:34}" + "".join(f"{c:>17}" for c in cells))
    if args.errors:
        for n, (name, text, expected) in enumerate(tests):
            if name == "hindi.yml" and not is_correct(expected, results[args.errors][n]):
                print(f"  {expected:32} -> {results[args.errors][n]:32} {text}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
