"""The language slots, set inside Rasa every turn (issue 17, item 1).

On the first prediction after a user message this policy predicts no action (all
probabilities 0, so it never wins) and returns *events*, which Rasa applies whichever
policy wins, before the predicted action runs (``PolicyPrediction.events``): so the first
response of the turn, the red-flag escalation included, is already chosen with the new
slots, with or without the action server.

- ``language``: the detected label of the message (``en``, ``hi``, ``hi-latn``, ``mixed``;
  ``bot.nlu.language_detector`` puts it in the parse).
- ``language_choice``: an explicit choice that persists for the conversation: a request in
  the message ("Hindi me batao", "in English please", a button) or, when none was made,
  the channel's choice (the widget's ``language`` custom data).
- ``answer_language`` (``en`` / ``hi``; the responses' condition): the choice when there is
  one, else Hindi for Hindi, Hinglish and mixed messages, English otherwise.
"""

from __future__ import annotations

import logging
from typing import Any, Dict, List, Optional, Text

from rasa.core.policies.policy import Policy, PolicyPrediction
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.shared.core.constants import ACTION_EXTRACT_SLOTS
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SlotSet, UserUttered
from rasa.shared.core.generator import TrackerWithCachedStates
from rasa.shared.core.trackers import DialogueStateTracker

from bot.nlu.language import ENGLISH, HINDI, answers_in_hindi
from bot.nlu.language_detector import PARSE_KEY, annotate

logger = logging.getLogger(__name__)

SLOT_LANGUAGE = "language"
SLOT_CHOICE = "language_choice"
SLOT_ANSWER = "answer_language"


def first_prediction_of_turn(tracker: DialogueStateTracker) -> bool:
    """No action but slot extraction has run since the latest user message."""
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            return True
        if isinstance(event, ActionExecuted) and event.action_name != ACTION_EXTRACT_SLOTS:
            return False
    return False


def answer_language(detected: Optional[str], choice: Optional[str]) -> str:
    """``hi`` or ``en``: the choice when there is one, else the detected language's."""
    if choice in (ENGLISH, HINDI):
        return str(choice)
    if choice is not None:  # "hi-latn" chosen by a channel: Hindi answers
        return HINDI if answers_in_hindi(choice) else ENGLISH
    return HINDI if detected and answers_in_hindi(detected) else ENGLISH


def slot_events(tracker: DialogueStateTracker) -> List[SlotSet]:
    """The slot changes the latest user message brings."""
    message = tracker.latest_message
    if message is None:
        return []
    info: Dict[str, Any] = (message.parse_data or {}).get(PARSE_KEY) or annotate(message.text, message.metadata)
    detected = info.get("detected")
    choice = tracker.get_slot(SLOT_CHOICE)
    new_choice = info.get("requested") or (None if choice else info.get("channel"))
    if new_choice:
        choice = answer_language(None, new_choice)
    wanted = {SLOT_LANGUAGE: detected, SLOT_CHOICE: choice, SLOT_ANSWER: answer_language(detected, choice)}
    return [SlotSet(name, value) for name, value in wanted.items()
            if value is not None and tracker.get_slot(name) != value]


def turn_answer_language(tracker: DialogueStateTracker) -> str:
    """The ``answer_language`` this turn's responses are chosen with: the slot as the latest
    user message sets it (this policy's events are applied before the first action runs,
    so another policy planning the turn reads the value here, not the slot before it)."""
    try:
        for event in slot_events(tracker):
            if event.key == SLOT_ANSWER:
                return str(event.value)
    except Exception:  # noqa: BLE001 - the slot as it stands
        logger.exception("answer language of the turn failed")
    return str(tracker.get_slot(SLOT_ANSWER) or ENGLISH)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True)
class LanguageSlotPolicy(Policy):
    """Sets the language slots as events of a prediction that never wins."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"priority": 1}

    def train(self, training_trackers: List[TrackerWithCachedStates], domain: Domain,
              **kwargs: Any) -> Resource:
        return self._resource  # nothing to learn

    def predict_action_probabilities(self, tracker: DialogueStateTracker, domain: Domain,
                                     rule_only_data: Optional[Dict[Text, Any]] = None,
                                     **kwargs: Any) -> PolicyPrediction:
        events: List[SlotSet] = []
        try:
            if first_prediction_of_turn(tracker):
                events = slot_events(tracker)
        except Exception:  # noqa: BLE001 - the slots keep their values; answers go on
            logger.exception("language slots failed for one message")
        return self._prediction(self._default_predictions(domain), events=events)
