"""The fast retraining path gives the model a full training gives (issue 16, review apply).

On a tiny project (tests/fixtures/mini_project: the NLU pipeline of config.yml, from the
spaCy pipeline to the two linear classifiers, on four intents; RulePolicy only):

1. fast path, first training: ``python -m bot.train_rasa train`` (the project's training
   fingerprints), an empty Rasa cache, the feature caches on;
2. fast path, retraining after two reviewed messages are added, with the warm caches of 1
   (what ``review apply`` does), the classifiers' warm start off (``CLONUS_WARM_START=0``);
3. the same as 2 with the warm start on (the default): the classifiers start their fit
   from those of 1 (``bot/nlu/warm_start.py``);
4. reference: Rasa's own ``rasa train`` on the data of 2, an empty Rasa cache, the feature
   caches off (``CLONUS_FEATURE_CACHE=0``).

2 and 4 must hold the same featurizer vocabularies and classifier weights, and give the
same predictions. 3 must hold the same featurizers and give the same intents and topics:
its fit stops at the same gradient tolerance near the same optimum as a cold fit, so its
weights and confidences differ from 4's within that tolerance, not bit for bit (printed).
Four trainings of a small project: about 3-5 minutes.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml

from bot import paths
from bot.maintain.model_archive import trained_components

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


def _train(root: Path, module: str, cache: Path, feature_cache: bool, name: str,
           warm_start: bool = True) -> tuple[Path, str]:
    env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "RASA_CACHE_DIRECTORY": str(cache),
           "CLONUS_FEATURE_CACHE": "1" if feature_cache else "0", "CLONUS_ROOT": str(paths.ROOT),
           "CLONUS_WARM_START_DIR": str(cache / "linear"), "CLONUS_WARM_START": "1" if warm_start else "0",
           "TF_CPP_MIN_LOG_LEVEL": "2"}
    done = subprocess.run([sys.executable, "-m", module, "train", "--config", "config.yml", "--domain",
                           "domain.yml", "--data", "data", "--out", "models", "--fixed-model-name", name],
                          cwd=root, env=env, capture_output=True, text=True, timeout=900)
    log = done.stdout + done.stderr
    assert done.returncode == 0, log[-4000:]
    return root / "models" / f"{name}.tar.gz", log


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


def _same_parts(fast: dict[str, Any], full: dict[str, Any], classifiers: bool) -> None:
    """Equal component files; with ``classifiers`` False, the linear classifiers' weights apart."""
    assert sorted(fast) == sorted(full)
    assert any("LinearIntentClassifier" in name and name.endswith("weights.npz") for name in fast)
    assert any("LinearResponseSelector" in name and name.endswith("weights.npz") for name in fast)
    for name, content in full.items():
        if isinstance(content, dict) and all(isinstance(v, np.ndarray) for v in content.values()):
            assert sorted(content) == sorted(fast[name]), name
            for key, array in content.items():
                if classifiers or "Linear" not in name or key not in ("coef", "intercept"):
                    np.testing.assert_allclose(fast[name][key], array, rtol=1e-7, atol=1e-9, err_msg=f"{name}:{key}")
        else:
            assert fast[name] == content, name


def test_fast_retraining_gives_the_model_of_a_full_training(tmp_path: Path) -> None:
    fast, full = tmp_path / "fast", tmp_path / "full"
    _project(fast, reviewed=False)
    _, first_log = _train(fast, "bot.train_rasa", tmp_path / "cache-fast", True, "first")
    assert "warm start:" not in first_log  # nothing kept yet: a cold fit
    shutil.copytree(tmp_path / "cache-fast", tmp_path / "cache-cold")  # the same warm caches for 2 and 3
    _project(fast, reviewed=True)
    cold_model, cold_log = _train(fast, "bot.train_rasa", tmp_path / "cache-cold", True, "cold", warm_start=False)
    assert "Restored component 'RulePolicy' from cache" in cold_log  # the warm path was taken
    assert "warm start:" not in cold_log
    warm_model, warm_log = _train(fast, "bot.train_rasa", tmp_path / "cache-fast", True, "warm")
    assert "Restored component 'RulePolicy' from cache" in warm_log
    assert warm_log.count("warm start:") == 2, warm_log[-4000:]  # both classifiers started from 1
    _project(full, reviewed=True)
    full_model, _ = _train(full, "rasa", tmp_path / "cache-full", False, "full")

    full_parts = trained_components(full_model)
    _same_parts(trained_components(cold_model), full_parts, classifiers=True)
    _same_parts(trained_components(warm_model), full_parts, classifiers=False)
    full_predictions = _predictions(full_model)
    for (cold_intent, cold_ranking, cold_topics), (full_intent, full_ranking, full_topics) in zip(
            _predictions(cold_model), full_predictions, strict=True):
        assert cold_intent == full_intent
        for cold_list, full_list in ((cold_ranking, full_ranking), (cold_topics, full_topics)):
            assert [name for name, _ in cold_list] == [name for name, _ in full_list]
            np.testing.assert_allclose([c for _, c in cold_list], [c for _, c in full_list], atol=1e-6)
    for text, (warm_intent, warm_ranking, warm_topics), (full_intent, full_ranking, full_topics) in zip(
            MESSAGES, _predictions(warm_model), full_predictions, strict=True):
        assert warm_intent == full_intent, text  # the fallback decision included
        assert warm_topics[0][0] == full_topics[0][0], text
        gap = max(abs(a - b) for a, b in zip([c for _, c in warm_ranking + warm_topics],
                                             [c for _, c in full_ranking + full_topics], strict=True))
        print(f"{text!r}: {warm_intent}, {warm_topics[0][0]}; largest confidence difference warm - cold {gap:.4f}")
