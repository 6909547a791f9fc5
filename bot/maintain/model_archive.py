"""The trained NLU component files of a Rasa model archive, parsed, for comparing two models
(``scripts/warm_start_check.py``, ``tests/e2e/test_fast_retrain.py``)."""

from __future__ import annotations

import io
import json
import tarfile
from pathlib import Path
from typing import Any

import numpy as np


def trained_components(model: Path) -> dict[str, Any]:
    """Per trained featurizer and classifier file of ``model`` (policies apart): its content
    (``.npz``: name -> array; ``.json``: the parsed JSON; anything else: the bytes)."""
    out: dict[str, Any] = {}
    with tarfile.open(model) as archive:
        for member in archive.getmembers():
            name = member.name.lstrip("/")
            if not member.isfile() or not name.startswith("components/train_") or "Policy" in name:
                continue
            data = archive.extractfile(member).read()  # type: ignore[union-attr]
            if name.endswith(".npz"):
                with np.load(io.BytesIO(data), allow_pickle=False) as arrays:
                    out[name] = {key: arrays[key] for key in arrays.files}
            elif name.endswith(".json"):
                out[name] = json.loads(data)
            else:
                out[name] = data
    return out
