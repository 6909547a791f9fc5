"""``SpacyNLP`` that fingerprints the installed pipeline's content, not only its name, and
runs the entity ruler's patterns sharded by their words (``bot/nlp/sharded_matcher.py``).

Rasa's own ``SpacyNLP`` fingerprints the model *name*; when the project's pipeline
changes under the same name, Rasa would reuse cached training outputs. This
subclass keeps the class name (Rasa wires spaCy consumers to a provider whose
class is called ``SpacyNLP``) and adds the package's recorded source fingerprint.
"""

from __future__ import annotations

import logging
from typing import Any, Dict, List, Optional, Text, Tuple

from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.utils import spacy_utils

from bot.nlp.sharded_matcher import speed_up_entity_ruler
from bot.nlu import doc_cache

logger = logging.getLogger(__name__)

#: Pipelines loaded in this process, by name and package fingerprint. A model loaded again
#: by the running server (a retrained model, ``bot/serve/model_reload.py``) reuses the
#: pipeline it has instead of loading it again: loading it was 38 s of a 43 s reload at
#: load average 13. A reinstalled pipeline has another fingerprint and is loaded anew.
_LOADED: Dict[Tuple[Text, Text], Any] = {}


def _pipeline_fingerprint(model_name: Text) -> Text:
    import spacy

    try:
        meta = spacy.info(model_name)
    except Exception:  # noqa: BLE001 - a missing package is reported by load_model
        return "unknown"
    if not isinstance(meta, dict):
        return "unknown"
    return f"{meta.get('version', '?')}+{meta.get('clonus_fingerprint', '?')}"


@DefaultV1Recipe.register(
    [
        DefaultV1Recipe.ComponentType.MODEL_LOADER,
        DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER,
    ],
    is_trainable=False,
    model_from="SpacyNLP",
)
class SpacyNLP(spacy_utils.SpacyNLP):
    """Provides the project's spaCy pipeline; fingerprinted by content."""

    @classmethod
    def fingerprint_addon(cls, config: Dict[str, Any]) -> Optional[str]:
        """Changes whenever the installed pipeline package changes."""
        return _pipeline_fingerprint(config.get("model", ""))

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "SpacyNLP":
        """Loads the pipeline; its fingerprint carries the package's content hash. The
        entity ruler's patterns are sharded here, once (the same entities, a fraction of
        the cost per message: ``bot/nlp/sharded_matcher.py``)."""
        name = config.get("model")
        fingerprint = _pipeline_fingerprint(name)
        model = _LOADED.get((name, fingerprint))
        if model is None:
            model = cls.load_model(name)
            if fingerprint != "unknown":
                _LOADED[(name, fingerprint)] = model
        cls.ensure_proper_language_model(model.model)
        speed_up_entity_ruler(model.model)  # idempotent: a reused pipeline is sharded already
        versioned = spacy_utils.SpacyModel(model=model.model, model_name=f"{name}=={fingerprint}")
        return cls(versioned, {**cls.get_default_config(), **config})

    def _process_content_bearing_samples(self, model: Any, samples_to_pipe: List[Tuple[int, Text]]
                                         ) -> List[Tuple[int, Any]]:
        """Training only: each distinct text once, through the on-disk Doc cache
        (``bot/nlu/doc_cache.py``) keyed by the pipeline package's content."""
        texts = [text for _, text in samples_to_pipe]
        if not texts:
            return []
        if doc_cache.enabled():
            try:
                cache = doc_cache.DocCache(doc_cache.package_fingerprint(self._config.get("model", "")))
            except Exception:  # noqa: BLE001 - no cache is slower, never wrong
                logger.warning("no spaCy doc cache: every training text is processed", exc_info=True)
            else:
                docs = cache.docs(model, texts)
                logger.info("spaCy docs of %d training texts: %d distinct from the cache, %d processed",
                            len(texts), cache.hits, cache.misses)
                return [(index, doc) for (index, _), doc in zip(samples_to_pipe, docs, strict=True)]
        return super()._process_content_bearing_samples(model, samples_to_pipe)
