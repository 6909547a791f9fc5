"""Red-flag signs spread over several messages (bot/policies/combined_red_flags.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, List

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot import paths
from bot.knowledge.red_flags import load_rules
from bot.policies.combined_red_flags import CombinedRedFlagPolicy, combined_signs

RULES = load_rules()


@pytest.mark.parametrize(
    "turns, level, sign",
    [
        ([{"FEVER"}, {"JERK"}], "emergency", "fever_with_jerks"),
        ([{"SEROTONERGIC"}, {"SWEATING"}], "emergency", "serotonin_syndrome"),
        ([{"JERK"}, set(), {"WORSENING"}], "urgent", "worsening"),
        ([{"SUDDEN"}, {"BODY_PART", "JERK"}], "emergency", "sudden_onset"),
    ],
)
def test_a_sign_the_last_message_completes_fires(turns: List[set], level: str, sign: str) -> None:
    found, signs = combined_signs(RULES, turns)
    assert found == level and sign in [s.key for s in signs]


@pytest.mark.parametrize(
    "turns",
    [
        [{"FEVER"}],                         # one message: the NLU detector's job
        [{"FEVER"}, set()],                  # the last message adds nothing
        [{"FEVER", "JERK"}, {"BODY_PART"}],  # fired earlier already (escalated then)
        [{"JERK"}, {"BODY_PART"}],           # context concepts only
        [{"FEVER"}, {"SWEATING"}],           # no sign needs these two
    ],
)
def test_nothing_new_fires(turns: List[set]) -> None:
    assert combined_signs(RULES, turns) == (None, [])


def user(text: str, intent: str, concepts: Dict[str, str]) -> UserUttered:
    parse: Dict[str, Any] = {"intent": {"name": intent, "confidence": 0.9}, "entities": [], "text": text,
                             "red_flags": {"concepts": [{"label": k, "status": v} for k, v in concepts.items()]}}
    return UserUttered(text, intent=parse["intent"], parse_data=parse)


@pytest.fixture(scope="module")
def domain() -> Domain:
    return Domain.load(str(paths.ROOT / "domain.yml"))


@pytest.fixture
def policy(tmp_path: Path) -> CombinedRedFlagPolicy:
    config = {**CombinedRedFlagPolicy.get_default_config()}
    return CombinedRedFlagPolicy.create(config, LocalModelStorage(tmp_path), Resource("p"),
                                        ExecutionContext(GraphSchema({}), "t"))


def predicted(policy: CombinedRedFlagPolicy, domain: Domain, events: list) -> Any:
    tracker = DialogueStateTracker.from_events("u", [ActionExecuted("action_session_start"), *events], domain.slots)
    prediction = policy.predict_action_probabilities(tracker, domain)
    if prediction.max_confidence == 0:
        return None, prediction
    return domain.action_names_or_texts[prediction.max_confidence_index], prediction


def test_the_escalation_comes_first_then_the_details(policy: CombinedRedFlagPolicy, domain: Domain) -> None:
    events = [user("my son has a fever", "faq", {"FEVER": "present"}), ActionExecuted("utter_faq"),
              ActionExecuted("action_listen"), user("now his leg keeps jerking", "faq", {"JERK": "present"})]
    action, prediction = predicted(policy, domain, events)
    assert action == "utter_red_flag_emergency"
    slots = {e.key: e.value for e in prediction.events if isinstance(e, SlotSet)}
    assert slots == {"red_flag_active": True, "red_flag_sign": "fever with jerking",
                     "red_flag_sign_hi": "बुखार के साथ झटके", "red_flag_level": "emergency"}
    steps = []
    for _ in range(3):
        events.append(ActionExecuted(action))
        action, _ = predicted(policy, domain, events)
        steps.append(action)
    assert steps == ["action_red_flag_details", "utter_red_flag_details", "action_listen"]
    events.append(ActionExecuted("action_listen"))
    events.append(user("what is clonus", "faq", {"JERK": "informational"}))
    assert predicted(policy, domain, events)[0] is None  # not repeated


@pytest.mark.parametrize("status", ["negated", "hypothetical", "informational", "historical"])
def test_concepts_not_present_are_not_combined(policy: CombinedRedFlagPolicy, domain: Domain, status: str) -> None:
    events = [user("fever?", "faq", {"FEVER": status}), ActionExecuted("utter_faq"),
              ActionExecuted("action_listen"), user("his leg keeps jerking", "faq", {"JERK": "present"})]
    assert predicted(policy, domain, events)[0] is None


def test_single_message_escalations_and_forms_are_left_to_the_rules(policy: CombinedRedFlagPolicy,
                                                                     domain: Domain) -> None:
    first = [user("my son has a fever", "faq", {"FEVER": "present"}), ActionExecuted("utter_faq"),
             ActionExecuted("action_listen")]
    assert predicted(policy, domain, [*first, user("jerking", "red_flag", {"JERK": "present"})])[0] is None
    in_form = [*first[:1], ActionExecuted("specialist_form"),
               # an active form
               *[e for e in DialogueStateTracker.from_dict("x", [{"event": "active_loop", "name": "specialist_form"}])
                 .events],
               ActionExecuted("action_listen"), user("his leg keeps jerking", "inform_location", {"JERK": "present"})]
    assert predicted(policy, domain, in_form)[0] is None


def test_an_error_leaves_the_decision_to_the_other_policies(policy: CombinedRedFlagPolicy, domain: Domain,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_: Any) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(policy, "_predict", broken)
    assert predicted(policy, domain, [user("x", "faq", {})])[0] is None
