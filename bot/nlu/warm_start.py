"""Warm start of the linear classifiers' fit (``bot/nlu/linear.py``) from their last fit,
mapped by feature name and class name (issues 13 and 16: retraining time).

The intent classifier's L-BFGS fit was the largest part of a retraining (MAINTAINING.md,
"From a labelled file to the fix answering"). Its objective (multinomial logistic loss +
L2) is strictly convex in the weights (up to moving every intercept by the same amount,
which changes no probability; the start's intercepts are centred as a cold start's are),
so it has one optimum whatever the starting point. A fit that starts from the previous
training's weights stops at the same tolerance near it, in fewer iterations: within that
tolerance of a cold fit's weights, not bit for bit (MAINTAINING.md, "Warm start of the
linear classifiers": the same held-in labels, confidences within 3.3e-3).

The count-vector vocabularies are rebuilt (sorted) at every training, so columns move:
the previous weights are mapped by *name*. In the training process
(``bot/train_rasa.py`` calls ``install``), each count-vector and regex featurizer records
the name of every column of its sentence features after featurizing the training data
(``featurizer node -> names``); a dense block (the sentence embeddings) names its
columns by position. After each fit the classifier keeps its weights with those names
and its class names in ``build/cache/linear/<component>/`` (``remember``); the next fit
starts from the stored weights of the columns and classes it still has, zeros for new
ones (``initial``). Only a starting point: a wrong, missing or unreadable file costs
time, never changes which optimum is approached, and Rasa's cache decisions never read it.

Off (cold start, nothing read or written) unless training runs through
``bot.train_rasa`` (plain ``rasa train`` never warm-starts), and with
``CLONUS_FEATURE_CACHE=0`` or ``CLONUS_WARM_START=0``. The store is a build output: delete
``build/cache/linear/`` at any time (the next fit is cold and refills it).
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

import numpy as np

logger = logging.getLogger(__name__)

#: featurizer node (``Features.origin``) -> the names of its sentence feature columns
_NAMES: Dict[str, List[str]] = {}
_installed = False
#: how many fits of one component are kept (a test's small project beside the real one)
KEEP = 4
SEPARATOR = "\x1f"


def enabled() -> bool:
    return (_installed and os.environ.get("CLONUS_FEATURE_CACHE", "1") != "0"
            and os.environ.get("CLONUS_WARM_START", "1") != "0")


def store_dir(component: str) -> Path:
    """``build/cache/linear/<component>`` (``CLONUS_WARM_START_DIR``: another parent)."""
    from bot import paths

    parent = os.environ.get("CLONUS_WARM_START_DIR")
    return (Path(parent) if parent else paths.BUILD / "cache" / "linear") / component


def record(featurizer: Any) -> None:
    """Remember the column names of a featurizer's text sentence features (this process)."""
    from rasa.shared.nlu.constants import TEXT

    origin = getattr(featurizer, "_identifier", None)
    if not isinstance(origin, str):
        return
    vectorizers = getattr(featurizer, "vectorizers", None)
    patterns = getattr(featurizer, "known_patterns", None)
    try:
        if vectorizers is not None and vectorizers.get(TEXT) is not None:
            vocabulary = vectorizers[TEXT].vocabulary_
            names = [""] * len(vocabulary)
            for name, column in vocabulary.items():
                names[int(column)] = str(name)
            _NAMES[origin] = names
        elif patterns:
            _NAMES[origin] = [str(pattern["name"]) for pattern in patterns]
    except (AttributeError, IndexError, KeyError, TypeError):  # not trained: no names, a cold block
        _NAMES.pop(origin, None)


def _recording(original: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(original)  # Rasa checks the return type annotation (fingerprintable)
    def process_training_data(self: Any, training_data: Any) -> Any:
        result = original(self, training_data)
        record(self)
        return result

    process_training_data._records_names = True  # type: ignore[attr-defined]
    return process_training_data


def install() -> None:
    """Make the count-vector and regex featurizers record their column names (this process)."""
    global _installed
    if _installed:
        return
    from rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer import (
        CountVectorsFeaturizer,
    )
    from rasa.nlu.featurizers.sparse_featurizer.regex_featurizer import RegexFeaturizer

    from bot.nlu.script_count_vectors import ScriptCountVectorsFeaturizer

    for cls in (CountVectorsFeaturizer, ScriptCountVectorsFeaturizer, RegexFeaturizer):
        method = vars(cls).get("process_training_data")
        if method is not None and not getattr(method, "_records_names", False):
            cls.process_training_data = _recording(method)  # type: ignore[method-assign]
    _installed = True


def column_names(blocks: Sequence[Tuple[str, int, str]]) -> np.ndarray:
    """``featurizer<US>name`` of every column ("" when unknown: never mapped)."""
    from bot.nlu.linear_features import DENSE

    names: List[str] = []
    for origin, width, kind in blocks:
        known = _NAMES.get(origin)
        if kind == DENSE:
            names.extend(f"{origin}{SEPARATOR}#{i}" for i in range(width))
        elif known is not None and len(known) == width:
            names.extend(f"{origin}{SEPARATOR}{name}" for name in known)
        else:
            names.extend([""] * width)
    return np.array(names, dtype=str)


def remember(component: str, classes: Sequence[str], names: np.ndarray, coef: np.ndarray,
             intercept: np.ndarray) -> None:
    """Keep a fit's weights (newest ``KEEP`` per component; failures only logged)."""
    if not enabled():
        return
    directory = store_dir(component)
    try:
        directory.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256(np.ascontiguousarray(coef).tobytes() + "\n".join(classes).encode()).hexdigest()[:16]
        target = directory / f"{digest}.npz"
        partial = directory / f".{digest}.{os.getpid()}.npz"
        np.savez(partial, classes=np.array(list(classes), dtype=str), names=names, coef=coef, intercept=intercept)
        os.replace(partial, target)
        for old in sorted(directory.glob("*.npz"), key=lambda p: p.stat().st_mtime, reverse=True)[KEEP:]:
            old.unlink(missing_ok=True)
    except OSError as error:
        logger.warning("warm start: could not keep the fit in %s (%s)", directory, error)


def _load(path: Path) -> Optional[Tuple[List[str], np.ndarray, np.ndarray, np.ndarray]]:
    try:
        with np.load(path, allow_pickle=False) as arrays:
            classes, names = [str(c) for c in arrays["classes"]], arrays["names"]
            coef, intercept = arrays["coef"], arrays["intercept"]
    except (OSError, ValueError, KeyError, EOFError) as error:
        logger.debug("warm start: %s unreadable (%s)", path, error)
        return None
    if (coef.ndim != 2 or coef.shape != (len(classes), len(names)) or intercept.shape != (len(classes),)
            or not np.all(np.isfinite(coef)) or not np.all(np.isfinite(intercept))):
        return None
    return classes, names, coef, intercept


def initial(component: str, classes: Sequence[str], names: np.ndarray) -> Optional[Tuple[np.ndarray, np.ndarray]]:
    """The starting weights ``(coef, intercept)`` for ``classes`` x ``names`` from the kept
    fit that shares the most weights with them; None (a cold start) when none does."""
    if not enabled() or not store_dir(component).is_dir():
        return None
    position = {name: i for i, name in enumerate(names) if name}
    best: Optional[Tuple[int, Tuple[List[str], np.ndarray, np.ndarray, np.ndarray]]] = None
    for path in store_dir(component).glob("*.npz"):
        loaded = _load(path)
        if loaded is None:
            continue
        shared_classes = len(set(loaded[0]) & set(classes))
        shared_columns = sum(1 for name in loaded[1] if name in position)
        score = shared_classes * shared_columns
        if score > 0 and (best is None or score > best[0]):
            best = (score, loaded)
    if best is None:
        return None
    old_classes, old_names, old_coef, old_intercept = best[1]
    old_rows = {name: i for i, name in enumerate(old_classes)}
    new_columns, old_columns = [], []
    for j, name in enumerate(old_names):
        i = position.get(str(name))
        if i is not None:
            new_columns.append(i)
            old_columns.append(j)
    coef = np.zeros((len(classes), len(names)))
    intercept = np.zeros(len(classes))
    for row, name in enumerate(classes):
        old = old_rows.get(name)
        if old is not None:
            coef[row, new_columns] = old_coef[old, old_columns]
            intercept[row] = old_intercept[old]
    # The loss does not change when every intercept moves by the same amount (softmax), so
    # the fit keeps their mean: centre them, as a cold start (zeros) has.
    intercept -= intercept.mean()
    logger.info("warm start: %d of %d classes and %d of %d columns from the last fit",
                sum(1 for c in classes if c in old_rows), len(classes), len(new_columns), len(names))
    return coef, intercept
