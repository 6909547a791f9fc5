"""Routes requests for personal medicine advice (doses, stopping or changing a medicine)
to the honest ``out_of_scope`` reply, whatever the classifier predicted.

The vocabulary is data: ``knowledge/advice_requests.yml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, List, Optional, Pattern, Text

import yaml
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import (
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message

from bot import paths
from bot.nlu.intents import force_intent

OUT_OF_SCOPE = "out_of_scope"
#: Set on the parse result when the guard fires (for logs and review tools).
ADVICE_REQUEST_KEY = "advice_request"
DEFAULT_FILE = paths.KNOWLEDGE / "advice_requests.yml"
_POSSESSIVE = r"(?:(?:my|his|her|their|the|this|that|your|our|a|an|\w+'s)\s+)?"
_CONNECTOR = r"(?:(?:taking|using|giving|from|on|off|of|to)\s+)?"


def _alternation(words: List[str]) -> str:
    escaped = sorted((re.escape(w).replace(r"\ ", r"\s+") for w in words), key=len, reverse=True)
    return "(?:" + "|".join(escaped) + ")"


@dataclass(frozen=True)
class AdviceMatcher:
    """Compiled patterns for dose and medicine-change requests."""

    dose: Pattern[str]
    change: Pattern[str]
    change_pronoun: Pattern[str]
    medicine: Pattern[str]
    quantity: Optional[Pattern[str]]

    @classmethod
    def from_file(cls, path: Path = DEFAULT_FILE) -> "AdviceMatcher":
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        meds = _alternation(data["medicine_words"])
        dose = re.compile(rf"\b{_alternation(data['dose_words'])}\b|\b\d+(?:\.\d+)?\s?(?:mg|mcg|ml)\b", re.I)
        change = re.compile(
            rf"\b{_alternation(data['change_verbs'])}\s+{_CONNECTOR}{_POSSESSIVE}(?:\w+\s+)?{meds}\b", re.I
        )
        change_pronoun = re.compile(
            rf"\b{_alternation(data['change_verbs'])}\s+(?:taking\s+|using\s+)?(?:it|them|these|those|this|that)\b", re.I
        )
        medicine = re.compile(rf"\b{meds}\b", re.I)
        quantity = None
        if data.get("quantity_question"):
            quantity = re.compile(
                rf"\bhow\s+(?:much|many)\b(?:(?!\bbeats?\b)[^?.!]){{0,40}}?\b(?:take|give|have|use)\b"
                rf"|\bhow\s+(?:much|many)\s+(?:\w+\s+)?{meds}\b",
                re.I,
            )
        return cls(dose=dose, change=change, change_pronoun=change_pronoun, medicine=medicine,
                   quantity=quantity)

    def match(self, text: str) -> Optional[str]:
        """``"dose"``, ``"medicine_change"`` or None."""
        if self.dose.search(text) or (self.quantity is not None and self.quantity.search(text)):
            return "dose"
        if self.change.search(text):
            return "medicine_change"
        if self.change_pronoun.search(text) and self.medicine.search(text):
            return "medicine_change"  # "I was given tramadol, can I quit taking it?"
        return None


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class AdviceGuard(GraphComponent, IntentClassifier):
    """Predicts ``out_of_scope`` for dose and medicine-change requests."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"vocabulary": str(DEFAULT_FILE)}

    def __init__(self, matcher: AdviceMatcher) -> None:
        self._matcher = matcher

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "AdviceGuard":
        path = Path(config.get("vocabulary") or DEFAULT_FILE)
        if not path.is_absolute():
            path = paths.ROOT / path
        return cls(AdviceMatcher.from_file(path))

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            kind = self._matcher.match(message.get(TEXT) or "")
            if kind is None:
                continue
            force_intent(message, OUT_OF_SCOPE, "AdviceGuard")
            message.set(ADVICE_REQUEST_KEY, kind, add_to_output=True)
        return messages
