"""k-fold cross-validation of the NLU training data with the project's own config.yml.

Why our own k-fold rather than ``rasa test nlu --cross-validation``: it scores exactly like
the held-in gate (a FAQ question is right only with the right topic ``faq/<key>``, the
honest fallback is right for an out-of-scope message), it runs the project's real pipeline
(including the guards and the red-flag detector), and the folds are trained one after the
other, so a 2-core machine is not overloaded.

Every example of ``data/nlu/`` is tested once, by a model trained on the other folds
(stratified by label, fixed seed). The curated answers (``data/nlu/responses/``) are in
every fold's training data. Rasa's training cache is switched off for the folds, so
``.rasa/`` does not fill up with throw-away models.
"""

from __future__ import annotations

import os
import random
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

from bot import paths
from bot.maintain.results import Result, evaluate


@dataclass
class CrossValidation:
    result: Result
    figures: dict[str, Any]
    seconds: float
    train_seconds: float
    test_seconds: float


def load_training_data(root: Path) -> Any:
    """Rasa's NLU training data of ``data/nlu`` (examples and responses)."""
    from rasa.shared.importers.importer import TrainingDataImporter

    importer = TrainingDataImporter.load_nlu_importer_from_config(
        str(root / "config.yml"), str(root / "domain.yml"), [str(root / "data" / "nlu")])
    return importer.get_nlu_data()


def example_label(message: Any) -> str:
    return str(message.get("intent_response_key") or message.get("intent"))


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


def train_fold(training: Any, workdir: Path, name: str, root: Path, config: Path) -> Path:
    """Train an NLU model on ``training`` (what ``rasa train nlu`` does, in this process),
    without Rasa's training cache."""
    from rasa.model_training import train_nlu
    from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLWriter

    data = workdir / f"{name}.yml"
    RasaYAMLWriter().dump(data, training)
    saved = {k: os.environ.get(k) for k in ("RASA_MAX_CACHE_SIZE", "RASA_CACHE_DIRECTORY")}
    os.environ.update({"RASA_MAX_CACHE_SIZE": "0", "RASA_CACHE_DIRECTORY": str(workdir / "cache")})
    try:
        train_nlu(str(config), str(data), str(workdir), fixed_model_name=name,
                  domain=str(root / "domain.yml"))
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    model = workdir / f"{name}.tar.gz"
    if not model.exists():
        raise RuntimeError(f"training the cross-validation model {name} failed")
    return model


def run(folds: int = 3, out: Optional[Path] = None, root: Path = paths.ROOT,
        config: Optional[Path] = None, seed: int = 42, verbose: bool = True) -> CrossValidation:
    """Cross-validate; write the reports of ``bot.maintain.report`` to ``out`` when given."""
    from rasa.shared.nlu.training_data.training_data import TrainingData

    from bot.maintain import report as nlu_report
    from bot.maintain.review import fallback_threshold

    config = config or root / "config.yml"
    started = time.monotonic()
    data = load_training_data(root)
    examples = list(data.nlu_examples)
    labels = [example_label(m) for m in examples]
    result = Result()
    train_seconds = test_seconds = 0.0
    with tempfile.TemporaryDirectory(prefix="clonus-cv-") as tmp:
        for number, fold in enumerate(split(labels, folds, seed), 1):
            held_out = set(fold)
            training = TrainingData(
                training_examples=[m for i, m in enumerate(examples) if i not in held_out],
                entity_synonyms=data.entity_synonyms, regex_features=data.regex_features,
                lookup_tables=data.lookup_tables, responses=data.responses)
            if verbose:
                print(f"cross-validation fold {number}/{folds}: training on {len(examples) - len(fold)} "
                      f"examples, testing on {len(fold)} ...", flush=True)
            tick = time.monotonic()
            model = train_fold(training, Path(tmp), f"fold{number}", root, config)
            train_seconds += time.monotonic() - tick
            tick = time.monotonic()
            scored = evaluate(model, [(str(examples[i].get("text")), labels[i]) for i in fold], config)
            test_seconds += time.monotonic() - tick
            result.add(scored)
            if verbose:
                print(f"  fold {number}: {scored.correct}/{scored.total} = {scored.accuracy:.1%} "
                      f"({time.monotonic() - started:.0f} s so far)", flush=True)
            model.unlink(missing_ok=True)
    seconds = time.monotonic() - started
    figures = nlu_report.headline(result)
    if out is not None:
        note = (f"{folds}-fold stratified cross-validation of `data/nlu/` ({len(examples)} examples, "
                f"seed {seed}) with `{config.name}`; each example is predicted by a model that "
                f"did not see it. Took {seconds:.0f} s ({train_seconds:.0f} s training).")
        figures = nlu_report.write(result, out, f"{folds}-fold cross-validation",
                                   fallback_threshold(config), note=note)
    return CrossValidation(result, figures, seconds, train_seconds, test_seconds)
