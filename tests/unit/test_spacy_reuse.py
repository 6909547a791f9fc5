"""A model loaded again in the same process (the running server loading a retrained model,
bot/serve/model_reload.py) reuses the spaCy pipeline already loaded, unless the installed
pipeline changed (another package fingerprint)."""

from __future__ import annotations

from typing import Any

import pytest

from bot.nlu import spacy_nlp
from bot.nlu.spacy_nlp import SpacyNLP


def test_the_pipeline_is_loaded_once_per_fingerprint(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(spacy_nlp, "_LOADED", {})
    real = SpacyNLP.load_model
    loads: list[str] = []

    def counting(name: str) -> Any:
        loads.append(name)
        return real(name)

    monkeypatch.setattr(SpacyNLP, "load_model", staticmethod(counting))
    first = SpacyNLP.create({"model": "en_clonus_pipeline"}, None, None, None)  # type: ignore[arg-type]
    second = SpacyNLP.create({"model": "en_clonus_pipeline"}, None, None, None)  # type: ignore[arg-type]
    assert loads == ["en_clonus_pipeline"]
    assert second.provide().model is first.provide().model
    assert second.provide().model_name == first.provide().model_name
    assert first.provide().model_name.startswith("en_clonus_pipeline==")

    # a reinstalled pipeline (another version or content) is loaded anew
    monkeypatch.setattr(spacy_nlp, "_pipeline_fingerprint", lambda name: "9.9.9+changed")
    third = SpacyNLP.create({"model": "en_clonus_pipeline"}, None, None, None)  # type: ignore[arg-type]
    assert loads == ["en_clonus_pipeline", "en_clonus_pipeline"]
    assert third.provide().model is not first.provide().model
    assert third.provide().model_name == "en_clonus_pipeline==9.9.9+changed"
