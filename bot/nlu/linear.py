"""Fast linear classifiers: logistic regression on the featurizers' sentence features.

``LinearIntentClassifier`` predicts the intent; ``LinearResponseSelector`` picks the
curated answer of a retrieval intent (``faq/<topic>``) and writes the same
``response_selector`` output as Rasa's ``ResponseSelector``, so ``utter_faq``, the
evaluation and the review tools work unchanged, except the ``responses`` list (every
variation of the chosen answer's text, in every language and channel): ``utter_faq``
takes the answer from the domain by its ``utter_action``, and nothing else read the list,
which was half of every stored user message (each turn's save and read, and the
conversation sent with every custom action call).

Why not DIET and ResponseSelector: on 2 cores they took ~390 s to train and had to be
retrained from scratch after any change to ``data/nlu`` (Rasa refuses ``--finetune``
when a topic is added). These train in seconds, and scored as well on the held-in test
set (MAINTAINING.md, "How fast the bot trains"). ``C``, ``weighting`` and
``embedding_weight`` were chosen by 5-fold cross-validation on the training data only
(``python -m bot.maintain.crossval --grid``).

Sparse feature blocks (n-gram counts, regex matches) and the dense sentence embedding
(``bot/nlu/embedding_featurizer.py``) are weighted differently: see ``Features``
(``bot/nlu/linear_features.py``).

The weights are stored as plain numpy arrays (``allow_pickle=False``) and the classes as
JSON, so loading a model file never unpickles anything.
"""

from __future__ import annotations

import json
import logging
import warnings
import zlib
from typing import Any, Dict, List, Optional, Sequence, Text, Tuple

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.nlu.constants import (
    RESPONSE_SELECTOR_PREDICTION_KEY,
    RESPONSE_SELECTOR_PROPERTY_NAME,
    RESPONSE_SELECTOR_RANKING_KEY,
    RESPONSE_SELECTOR_RETRIEVAL_INTENTS,
    RESPONSE_SELECTOR_UTTER_ACTION_KEY,
)
from rasa.nlu.featurizers.featurizer import Featurizer
from rasa.shared.nlu.constants import (
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    INTENT_RESPONSE_KEY,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu import warm_start as warm_start_store
from bot.nlu.linear_features import DENSE, SPARSE, Features

logger = logging.getLogger(__name__)

# Rasa warns at every training that the FAQ examples need "a ResponseSelector"; it checks
# for that exact class, and LinearResponseSelector below is the one that learns from them.
warnings.filterwarnings("ignore", message="You have defined training data with examples for training a response selector")

WEIGHTS = "weights.npz"
META = "meta.json"
__all__ = ["DENSE", "SPARSE", "Features", "LinearModel", "LinearIntentClassifier", "LinearResponseSelector"]
class LinearModel:
    """Multinomial logistic regression, fitted with scikit-learn, applied with numpy."""

    def __init__(self, classes: List[str], coef: np.ndarray, intercept: np.ndarray, features: Features) -> None:
        self.classes = classes
        self.coef = coef
        self.intercept = intercept
        self.features = features

    @classmethod
    def fit(cls, messages: Sequence[Message], labels: List[str], config: Dict[Text, Any],
            warm_start: Optional[str] = None) -> "LinearModel":
        """Fit on the messages' features. ``warm_start``: a component name whose last fit
        (``bot/nlu/warm_start.py``) is the starting point, mapped by feature and class name;
        the optimum is the same (strictly convex), reached to the same tolerance in fewer
        iterations."""
        from sklearn.linear_model import LogisticRegression

        features, matrix = Features.fit(messages, config["weighting"], config.get("embedding_weight", 1.0))
        classes = sorted(set(labels))
        if len(classes) == 1:  # nothing to choose between
            return cls(classes, np.zeros((1, matrix.shape[1])), np.zeros(1), features)
        model = LogisticRegression(C=config["C"], max_iter=config["max_iter"], tol=config["tol"],
                                   class_weight=config["class_weight"], random_state=config["random_state"])
        names = warm_start_store.column_names(features.blocks) if warm_start else None
        start = warm_start_store.initial(warm_start, classes, names) if warm_start else None
        if start is not None:  # one row per class, sorted as scikit-learn orders them
            coef, intercept = start
            if len(classes) == 2:  # scikit-learn's binary model: class 1 against class 0
                coef, intercept = coef[1:] - coef[:1], intercept[1:] - intercept[:1]
            model.set_params(warm_start=True)
            model.coef_, model.intercept_ = coef, intercept
        model.fit(matrix, labels)
        logger.info("%s: %s start, %d L-BFGS iterations", warm_start or "fit", "warm" if start is not None else "cold",
                     int(np.max(model.n_iter_)))
        coef, intercept = model.coef_, model.intercept_
        if len(classes) == 2:  # scikit-learn keeps one row for two classes: make it softmax-shaped
            coef = np.vstack([np.zeros_like(coef), coef])
            intercept = np.concatenate([[0.0], intercept])
        if warm_start and names is not None:
            warm_start_store.remember(warm_start, [str(c) for c in model.classes_], names, coef, intercept)
        return cls([str(c) for c in model.classes_], coef, intercept, features)

    def probabilities(self, messages: Sequence[Message]) -> np.ndarray:
        """Softmax of the class scores: only the columns a message has are multiplied
        (``Features.sparse_rows``), the same scores as ``transform(messages) @ coef.T``."""
        scores = np.tile(self.intercept.astype(np.float64), (len(messages), 1))
        for row, blocks in enumerate(self.features.sparse_rows(messages)):
            for start, values, columns in blocks:
                if columns is None:
                    scores[row] += self.coef[:, start:start + len(values)] @ values
                elif len(columns):
                    scores[row] += self.coef[:, start + columns] @ values
        scores -= scores.max(axis=1, keepdims=True)
        exp = np.exp(scores)
        return exp / exp.sum(axis=1, keepdims=True)

    def ranking(self, messages: Sequence[Message], length: int) -> List[List[Tuple[str, float]]]:
        """Per message, ``(label, confidence)`` best first, at most ``length`` (0: all)."""
        result = []
        for row in self.probabilities(messages):
            order = np.argsort(-row, kind="stable")
            if length > 0:
                order = order[:length]
            result.append([(self.classes[i], float(row[i])) for i in order])
        return result

    def save(self, model_storage: ModelStorage, resource: Resource, extra: Dict[str, Any]) -> None:
        arrays = {"coef": self.coef, "intercept": self.intercept}
        if self.features.idf is not None:
            arrays["idf"] = self.features.idf
        meta = {"classes": self.classes, "weighting": self.features.weighting,
                "blocks": self.features.blocks, "embedding_weight": self.features.embedding_weight, **extra}
        with model_storage.write_to(resource) as directory:
            np.savez(directory / WEIGHTS, **arrays)  # plain arrays: loaded with allow_pickle=False
            (directory / META).write_text(json.dumps(meta), encoding="utf-8")

    @classmethod
    def load(cls, model_storage: ModelStorage, resource: Resource) -> Tuple[Optional["LinearModel"], Dict[str, Any]]:
        try:
            with model_storage.read_from(resource) as directory:
                meta = json.loads((directory / META).read_text(encoding="utf-8"))
                with np.load(directory / WEIGHTS, allow_pickle=False) as arrays:
                    idf = arrays["idf"] if "idf" in arrays.files else None
                    blocks = [(b[0], b[1], b[2] if len(b) > 2 else SPARSE) for b in meta.pop("blocks")]
                    features = Features(meta.pop("weighting"), blocks, idf, meta.pop("embedding_weight", 1.0))
                    model = cls(meta.pop("classes"), arrays["coef"], arrays["intercept"], features)
                return model, meta
        except (ValueError, FileNotFoundError, KeyError) as error:
            logger.debug("no trained linear model in %s (%s)", resource.name, error)
            return None, {}


def _default_config() -> Dict[Text, Any]:
    return {"C": 100.0, "weighting": "counts", "embedding_weight": 1.0, "max_iter": 5000, "tol": 1e-4,
            "class_weight": None, "random_state": 42, "ranking_length": 10}


class _LinearComponent(GraphComponent):
    @classmethod
    def required_components(cls) -> List[type]:
        return [Featurizer]

    @staticmethod
    def required_packages() -> List[Text]:
        return ["sklearn"]

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return _default_config()

    def __init__(self, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
                 model: Optional[LinearModel] = None, meta: Optional[Dict[str, Any]] = None) -> None:
        self.config = {**self.get_default_config(), **config}
        self.model_storage = model_storage
        self.resource = resource
        self.model = model
        self.meta = meta or {}

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "_LinearComponent":
        return cls(config, model_storage, resource)

    def _store_name(self) -> str:
        """The warm-start store of this component (``bot/nlu/warm_start.py``)."""
        return self.resource.name  # the graph node: train_bot.nlu.linear.<class><index>

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "_LinearComponent":
        model, meta = LinearModel.load(model_storage, resource)
        return cls(config, model_storage, resource, model, meta)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class LinearIntentClassifier(_LinearComponent, IntentClassifier):
    """Predicts the intent (``faq`` for every curated topic) and a ranking."""

    def train(self, training_data: TrainingData) -> Resource:
        examples = [e for e in training_data.intent_examples if e.get(INTENT) and e.get(TEXT)]
        if examples:
            self.model = LinearModel.fit(examples, [e.get(INTENT) for e in examples], self.config,
                                         warm_start=self._store_name())
            self.model.save(self.model_storage, self.resource, {})
        return self.resource

    def process(self, messages: List[Message]) -> List[Message]:
        if self.model is None or not messages:
            return messages
        rankings = self.model.ranking(messages, self.config["ranking_length"])
        for message, ranking in zip(messages, rankings, strict=True):
            entries = [{INTENT_NAME_KEY: name, PREDICTED_CONFIDENCE_KEY: conf} for name, conf in ranking]
            message.set(INTENT, entries[0], add_to_output=True)
            message.set(INTENT_RANKING_KEY, entries, add_to_output=True)
        return messages


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class LinearResponseSelector(_LinearComponent):
    """Picks the topic of a retrieval intent: ``faq/what_is_clonus`` -> ``utter_faq/what_is_clonus``."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {**_default_config(), "retrieval_intent": "faq"}

    def train(self, training_data: TrainingData) -> Resource:
        retrieval_intent = self.config["retrieval_intent"]
        examples = [e for e in training_data.intent_examples
                    if e.get(INTENT) == retrieval_intent and e.get(INTENT_RESPONSE_KEY) and e.get(TEXT)]
        if examples:
            keys = [e.get(INTENT_RESPONSE_KEY) for e in examples]
            self.model = LinearModel.fit(examples, keys, self.config, warm_start=self._store_name())
            self.meta = {"retrieval_intents": sorted(training_data.retrieval_intents)}
            self.model.save(self.model_storage, self.resource, self.meta)
        return self.resource

    def process(self, messages: List[Message]) -> List[Message]:
        if self.model is None or not messages:
            return messages
        rankings = self.model.ranking(messages, self.config["ranking_length"])
        for message, ranking in zip(messages, rankings, strict=True):
            key, confidence = ranking[0]
            prediction = {
                RESPONSE_SELECTOR_PREDICTION_KEY: {
                    PREDICTED_CONFIDENCE_KEY: confidence,
                    INTENT_RESPONSE_KEY: key,
                    RESPONSE_SELECTOR_UTTER_ACTION_KEY: f"utter_{key}",
                },
                RESPONSE_SELECTOR_RANKING_KEY: [
                    {"id": zlib.crc32(name.encode("utf-8")), PREDICTED_CONFIDENCE_KEY: conf, INTENT_RESPONSE_KEY: name}
                    for name, conf in ranking
                ],
            }
            properties = message.get(RESPONSE_SELECTOR_PROPERTY_NAME, {})
            properties[RESPONSE_SELECTOR_RETRIEVAL_INTENTS] = self.meta.get("retrieval_intents", [])
            properties[self.config["retrieval_intent"]] = prediction
            message.set(RESPONSE_SELECTOR_PROPERTY_NAME, properties, add_to_output=True)
        return messages
