"""Red-flag detection as a Rasa NLU graph component (last in the pipeline).

For every message it:
- assesses the spaCy doc of the project pipeline (concepts with their ConText status,
  signs from ``knowledge/red_flags.yml``) and adds the result to the parse as
  ``red_flags`` (level, signs, every concept with its status);
- adds entities: ``red_flag`` (each present sign), ``red_flag_sign`` and
  ``red_flag_sign_hi`` (the most severe signs' labels in English and in Hindi), ``country`` / ``emergency_number`` (a place the user named) and
  ``channel_emergency_number`` (the channel's country metadata, else the deployment
  default ``CLONUS_DEFAULT_COUNTRY``), so the emergency response can name the number
  without the action server;
- makes the escalation win: an emergency sets the intent ``red_flag``, an urgent sign
  ``red_flag_urgent``; a classifier's red-flag guess the rules do not confirm is kept
  only on evidence (``bot.nlu.safety_net``: a present warning-sign concept, or a
  confident guess on a message that reads like a current report), else withdrawn.

Runs after every other classifier, so neither the fallback, the advice guard nor a
user-typed ``/intent`` (neutralised by the channels) can suppress an escalation.
"""

from __future__ import annotations

import logging
import os
from typing import Any, Dict, List, Optional, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.nlu.utils.spacy_utils import SpacyModel
from rasa.shared.nlu.constants import (
    ENTITIES,
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message

from bot.constants import INPUT_METADATA_KEY
from bot.knowledge.emergency_numbers import find_country, load_numbers, warm_up
from bot.knowledge.red_flags import (
    PARSE_KEY,
    RED_FLAG_INTENT,
    RED_FLAG_INTENTS,
    RED_FLAG_URGENT_INTENT,
    SLOT_RED_FLAG_SIGN,
    SLOT_RED_FLAG_SIGN_HI,
    Assessment,
    load_rules,
    sign_labels,
)
from bot.nlu.intents import force_intent
from bot.nlu.safety_net import DEFAULT_MIN_CONFIDENCE, SafetyNet

logger = logging.getLogger(__name__)

EXTRACTOR = "RedFlagDetector"
SPACY_DOC_KEY = "text_spacy_doc"


def _entity(name: str, value: str, start: int = 0, end: int = 0, **extra: Any) -> Dict[str, Any]:
    return {"entity": name, "value": value, "start": start, "end": end,
            "confidence_entity": 1.0, "extractor": EXTRACTOR, **extra}


def channel_country(metadata: Any, default: Optional[str]) -> Optional[str]:
    """Country code from channel metadata (``country`` or a ``locale``/``language`` such as
    ``en-IN``), else the deployment default."""
    if isinstance(metadata, dict):
        for key in ("country", "countryCode", "country_code"):
            value = metadata.get(key)
            if isinstance(value, str) and len(value.strip()) == 2:
                return value.strip().upper()
        for key in ("locale", "language", "lang"):
            value = metadata.get(key)
            if isinstance(value, str) and len(value) >= 5 and value[2] in "-_":
                return value[3:5].upper()
    return default.upper() if default else None


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER],
    is_trainable=False,
    model_from="SpacyNLP",
)
class RedFlagDetector(GraphComponent, EntityExtractorMixin):
    """Adds red-flag assessment, entities and the escalation intent to every parse."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"default_country_env": "CLONUS_DEFAULT_COUNTRY",
                "safety_net_confidence": DEFAULT_MIN_CONFIDENCE}

    def __init__(self, config: Dict[Text, Any]) -> None:
        self._rules = load_rules()
        self._safety_net = SafetyNet(self._rules, float(config.get("safety_net_confidence", DEFAULT_MIN_CONFIDENCE)))
        self._numbers = load_numbers()
        self._default_country = os.environ.get(config.get("default_country_env") or "", "") or None
        warm_up()  # the gazetteer index is built at start-up, not on the first message

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "RedFlagDetector":
        return cls({**cls.get_default_config(), **config})

    def process(self, messages: List[Message], model: SpacyModel) -> List[Message]:
        for message in messages:
            try:
                self._process(message, model)
            except Exception:  # noqa: BLE001 - never lose the message; the classifier result stands
                logger.exception("red-flag detection failed for one message")
        return messages

    def _doc(self, message: Message, model: SpacyModel) -> Any:
        metadata = message.get("metadata") or {}
        scan = (metadata.get(INPUT_METADATA_KEY) or {}).get("scan_text") if isinstance(metadata, dict) else None
        if isinstance(scan, str) and scan:
            return model.model(scan.lower())  # the full text of a message cut before NLU
        doc = message.get(SPACY_DOC_KEY)
        if doc is None:
            doc = model.model((message.get(TEXT) or "").lower())
        return doc

    def _process(self, message: Message, model: SpacyModel) -> None:
        assessment = self._rules.assess(self._doc(message, model))
        message.set(PARSE_KEY, assessment.as_dict(), add_to_output=True)
        entities = list(message.get(ENTITIES) or [])
        entities += self._sign_entities(assessment)
        entities += self._place_entities(message)
        message.set(ENTITIES, entities, add_to_output=True)
        self._set_intent(message, assessment)

    def _sign_entities(self, assessment: Assessment) -> List[Dict[str, Any]]:
        return [_entity("red_flag", s.key, role=s.level) for s in assessment.signs
                if assessment.escalate and s.level == assessment.level]

    def _add_escalation_entities(self, message: Message, intent: str,
                                 assessment: Optional[Assessment] = None) -> None:
        """The sign's label (in English and in Hindi: the Hindi answers name it in Hindi)
        and the level, for the escalation responses' slots."""
        signs = assessment.signs if assessment is not None else []
        level = "emergency" if intent == RED_FLAG_INTENT else "urgent"
        labels = []
        for hindi, default in ((False, self._rules.default_label), (True, self._rules.default_label_hi)):
            labels.append((assessment.sign_label(level, hindi) if assessment is not None else None)
                          or sign_labels(signs[:1], hindi) or default)
        entities = list(message.get(ENTITIES) or [])
        entities += [_entity(SLOT_RED_FLAG_SIGN, labels[0]), _entity(SLOT_RED_FLAG_SIGN_HI, labels[1]),
                     _entity("red_flag_level", level)]
        message.set(ENTITIES, entities, add_to_output=True)

    def _place_entities(self, message: Message) -> List[Dict[str, Any]]:
        out = []
        code = find_country(message.get(TEXT) or "")
        country = self._numbers.by_code(code)
        if country is not None:
            out.append(_entity("country", country.code))
            out.append(_entity("emergency_number", country.numbers_text()))
        channel = self._numbers.by_code(channel_country(message.get("metadata"), self._default_country))
        # always set, so the emergency response never lacks a number to show
        number = channel.numbers_text() if channel is not None else self._numbers.fallback_text
        out.append(_entity("channel_emergency_number", number))
        return out

    def _set_intent(self, message: Message, assessment: Assessment) -> None:
        intent = message.get(INTENT) or {}
        current = intent.get(INTENT_NAME_KEY)
        wanted: Optional[str]
        if assessment.level == "emergency":
            wanted = RED_FLAG_INTENT
        elif assessment.level == "urgent":
            # the classifier's emergency guess on an urgent sign stands only when a present
            # sign concept that the urgent signs do not explain could reach an emergency:
            # "worse every day" and one serotonergic medicine with jerking stay urgent
            # (issue 14 item 5)
            explained = {c for s in assessment.signs for c in (*s.all_of, *s.any_of)}
            others = [c for c in assessment.present_signs if c not in explained]
            could_be_emergency = self._rules.highest_level(others) == "emergency"
            wanted = RED_FLAG_INTENT if current == RED_FLAG_INTENT and could_be_emergency else RED_FLAG_URGENT_INTENT
        elif current in RED_FLAG_INTENTS:
            # the classifier guessed a red flag the rules do not confirm: keep it only on
            # evidence (bot/nlu/safety_net.py)
            confidence = float(intent.get(PREDICTED_CONFIDENCE_KEY) or 0.0)
            kept = self._safety_net.keep(assessment, current, confidence)
            logger.debug("classifier red-flag guess %s", self._safety_net.why(assessment, kept))
            if kept is None:
                self._withdraw(message)
                return
            self._add_escalation_entities(message, kept)
            if kept != current:
                force_intent(message, kept, EXTRACTOR)
            return
        else:
            return
        self._add_escalation_entities(message, wanted, assessment)
        force_intent(message, wanted, EXTRACTOR)

    @staticmethod
    def _withdraw(message: Message) -> None:
        """The best intent of the ranking that is no escalation takes over."""
        ranking = [r for r in message.get(INTENT_RANKING_KEY) or []]
        fallback = next((r for r in ranking if r.get(INTENT_NAME_KEY) not in RED_FLAG_INTENTS), None)
        if fallback is not None:
            message.set(INTENT, fallback, add_to_output=True)
            message.set(INTENT_RANKING_KEY, [fallback] + [r for r in ranking if r is not fallback],
                        add_to_output=True)
