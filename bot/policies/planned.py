"""The shared frame of the project's rule-like policies (``CombinedRedFlagPolicy``,
``TopicContextPolicy``): nothing to train, and a prediction that never fails the turn.

A subclass writes ``_predict`` (the plan for the tracker) and ``failure_message`` (what the
log says when it breaks). ``predict_action_probabilities`` runs ``_predict`` and, on any
error, logs it and predicts nothing, so the other policies decide as before.
``_choose`` predicts one action with certainty, with the events that go with it.
"""

from __future__ import annotations

import logging
from typing import Any, Dict, List, Optional, Text

from rasa.core.policies.policy import Policy, PolicyPrediction
from rasa.engine.storage.resource import Resource
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import Event
from rasa.shared.core.generator import TrackerWithCachedStates
from rasa.shared.core.trackers import DialogueStateTracker

logger = logging.getLogger(__name__)


class PlannedPolicy(Policy):
    """A policy whose prediction follows from the tracker alone (see module docstring)."""

    #: What the log says when ``_predict`` raises.
    failure_message = "policy failed; leaving the prediction to the other policies"

    def train(self, training_trackers: List[TrackerWithCachedStates], domain: Domain,
              **kwargs: Any) -> Resource:
        return self._resource  # nothing to learn: the plan follows from the tracker and data

    def predict_action_probabilities(self, tracker: DialogueStateTracker, domain: Domain,
                                     rule_only_data: Optional[Dict[Text, Any]] = None,
                                     **kwargs: Any) -> PolicyPrediction:
        try:
            return self._predict(tracker, domain)
        except Exception:  # noqa: BLE001 - never stop the other policies from answering
            logger.exception(self.failure_message)
            return self._nothing(domain)

    def _predict(self, tracker: DialogueStateTracker, domain: Domain) -> PolicyPrediction:
        raise NotImplementedError

    def _nothing(self, domain: Domain) -> PolicyPrediction:
        """No opinion: every action at zero."""
        return self._prediction(self._default_predictions(domain))

    def _choose(self, domain: Domain, action: str, events: Optional[List[Event]] = None,
                optional_events: Optional[List[Event]] = None) -> PolicyPrediction:
        """``action`` with certainty; ``events`` always applied with it, ``optional_events``
        only when this policy's prediction wins."""
        probabilities = self._default_predictions(domain)
        probabilities[domain.index_for_action(action)] = 1.0
        return self._prediction(probabilities, events=events or None, optional_events=optional_events or None)
