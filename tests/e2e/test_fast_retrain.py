"""The fast retraining path gives the model a full training gives (issue 16, review apply).

On a tiny project (tests/fixtures/mini_project: the NLU pipeline of config.yml, from the
spaCy pipeline to the two linear classifiers, on four intents; RulePolicy only):

1. fast path, first training: ``python -m bot.train_rasa train`` (the project's training
   fingerprints), an empty Rasa cache, the feature caches on;
2. fast path, retraining after two reviewed messages are added, with the warm caches of 1
   (what ``review apply`` does);
3. reference: Rasa's own ``rasa train`` on the data of 2, an empty Rasa cache, the feature
   caches off (``CLONUS_FEATURE_CACHE=0``).

2 and 3 must hold the same featurizer vocabularies and classifier weights, and give the
same predictions. Three trainings of a small project: about 2-4 minutes.
"""

from __future__ import annotations

import asyncio
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml

from bot import paths

pytestmark = pytest.mark.e2e

FIXTURE = paths.ROOT / "tests" / "fixtures" / "mini_project"
#: the components of config.yml that make the classifiers' features and the classifiers
TRAINED = ("SpacyNLP", "SpacyTokenizer", "RegexFeaturizer", "CountVectorsFeaturizer",
           "EmbeddingFeaturizer", "LinearIntentClassifier", "LinearResponseSelector", "FallbackClassifier")
MESSAGES = ["hello there", "can my son play football with clonus", "what is clonus exactly",
            "bye for now", "hallo, anybody there", "is jogging ok"]


def _project(root: Path, reviewed: bool) -> None:
    config = yaml.safe_load(paths.CONFIG.read_text(encoding="utf-8"))
    config["pipeline"] = [c for c in config["pipeline"] if str(c["name"]).endswith(TRAINED)]
    config["policies"] = [{"name": "RulePolicy"}]
    (root / "data").mkdir(parents=True, exist_ok=True)
    (root / "config.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    shutil.copy2(FIXTURE / "domain.yml", root / "domain.yml")
    shutil.copy2(FIXTURE / "data.yml", root / "data" / "data.yml")
    if reviewed:
        shutil.copy2(FIXTURE / "reviewed.yml", root / "data" / "reviewed.yml")


def _train(root: Path, module: str, cache: Path, feature_cache: bool, name: str) -> tuple[Path, str]:
    env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "RASA_CACHE_DIRECTORY": str(cache),
           "CLONUS_FEATURE_CACHE": "1" if feature_cache else "0", "CLONUS_ROOT": str(paths.ROOT),
           "TF_CPP_MIN_LOG_LEVEL": "2"}
    done = subprocess.run([sys.executable, "-m", module, "train", "--config", "config.yml", "--domain",
                           "domain.yml", "--data", "data", "--out", "models", "--fixed-model-name", name],
                          cwd=root, env=env, capture_output=True, text=True, timeout=900)
    log = done.stdout + done.stderr
    assert done.returncode == 0, log[-4000:]
    return root / "models" / f"{name}.tar.gz", log


def _components(model: Path) -> dict[str, Any]:
    """Per trained component file of the classifiers and featurizers: its parsed content."""
    out: dict[str, Any] = {}
    with tarfile.open(model) as archive:
        for member in archive.getmembers():
            name = member.name.lstrip("/")
            if not member.isfile() or not name.startswith("components/train_"):
                continue
            if "Policy" in name:
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


def _predictions(model: Path) -> list[tuple[str, list[tuple[str, float]], list[tuple[str, float]]]]:
    from rasa.core.agent import Agent

    agent = Agent.load(str(model))

    async def parse() -> list[dict[str, Any]]:
        return [await agent.parse_message(text) for text in MESSAGES]

    result = []
    for parsed in asyncio.run(parse()):
        selector = (parsed.get("response_selector") or {}).get("faq") or {}
        result.append((parsed["intent"]["name"],
                       [(r["name"], r["confidence"]) for r in parsed["intent_ranking"]],
                       [(r["intent_response_key"], r["confidence"]) for r in selector.get("ranking", [])]))
    return result


def test_fast_retraining_gives_the_model_of_a_full_training(tmp_path: Path) -> None:
    fast, full = tmp_path / "fast", tmp_path / "full"
    _project(fast, reviewed=False)
    _train(fast, "bot.train_rasa", tmp_path / "cache-fast", True, "first")
    _project(fast, reviewed=True)
    fast_model, fast_log = _train(fast, "bot.train_rasa", tmp_path / "cache-fast", True, "retrained")
    assert "Restored component 'RulePolicy' from cache" in fast_log  # the warm path was taken
    _project(full, reviewed=True)
    full_model, _ = _train(full, "rasa", tmp_path / "cache-full", False, "full")

    fast_parts, full_parts = _components(fast_model), _components(full_model)
    assert sorted(fast_parts) == sorted(full_parts)
    assert any("LinearIntentClassifier" in name and name.endswith("weights.npz") for name in fast_parts)
    assert any("LinearResponseSelector" in name and name.endswith("weights.npz") for name in fast_parts)
    for name, content in full_parts.items():
        if isinstance(content, dict) and all(isinstance(v, np.ndarray) for v in content.values()):
            assert sorted(content) == sorted(fast_parts[name]), name
            for key, array in content.items():
                np.testing.assert_allclose(fast_parts[name][key], array, rtol=1e-7, atol=1e-9, err_msg=f"{name}:{key}")
        else:
            assert fast_parts[name] == content, name
    for (fast_intent, fast_ranking, fast_topics), (full_intent, full_ranking, full_topics) in zip(
            _predictions(fast_model), _predictions(full_model), strict=True):
        assert fast_intent == full_intent
        for fast_list, full_list in ((fast_ranking, full_ranking), (fast_topics, full_topics)):
            assert [name for name, _ in fast_list] == [name for name, _ in full_list]
            np.testing.assert_allclose([c for _, c in fast_list], [c for _, c in full_list], atol=1e-6)
