"""Curated answers in context (bot/policies/topic_context.py): "Do you mean...?", follow-ups,
thanks + a question, a fresh "can it wait?", the warning signs after a mention."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot import paths
from bot.knowledge.files import load_hindi_titles, load_topics
from bot.policies.topic_context import TopicContextPolicy, is_clear, topic_ranking

CLEAR = [("clonus_exercise", 0.9), ("clonus_self_care", 0.05)]
CLOSE = [("clonus_treatment", 0.42), ("clonus_self_care", 0.38), ("clonus_exercise", 0.1)]
WEAK = [("clonus_treatment", 0.3), ("clonus_prognosis", 0.1), ("clonus_danger", 0.02)]


def user(text: str, intent: str, topics: Sequence[Tuple[str, float]] = CLEAR,
         concepts: Optional[Dict[str, str]] = None, forced_by: Optional[str] = None,
         confidence: float = 0.9, ranking: Optional[List[str]] = None) -> UserUttered:
    parse: Dict[str, Any] = {
        "text": text, "entities": [],
        "intent": {"name": intent, "confidence": confidence},
        "intent_ranking": [{"name": n, "confidence": 0.1} for n in (ranking or [intent])],
        "response_selector": {"faq": {"ranking": [
            {"intent_response_key": f"faq/{k}", "confidence": c} for k, c in topics]}},
        "red_flags": {"escalate": False, "concepts": [
            {"label": k, "status": v} for k, v in (concepts or {}).items()]},
    }
    if forced_by:
        parse["intent_forced_by"] = forced_by
    return UserUttered(text, intent=parse["intent"], parse_data=parse)


ANSWERED = [user("can I exercise with clonus?", "faq"), ActionExecuted("utter_disclaimer"),
            ActionExecuted("utter_faq"), ActionExecuted("action_listen")]


@pytest.fixture(scope="module")
def domain() -> Domain:
    """The model's domain: domain.yml plus the curated answers (which make ``utter_faq``)."""
    from rasa.shared.importers.importer import TrainingDataImporter

    importer = TrainingDataImporter.load_from_config(
        str(paths.CONFIG), str(paths.DOMAIN), [str(paths.DATA)])
    return importer.get_domain()


@pytest.fixture
def policy(tmp_path: Path) -> TopicContextPolicy:
    return TopicContextPolicy.create({**TopicContextPolicy.get_default_config()},
                                     LocalModelStorage(tmp_path), Resource("p"),
                                     ExecutionContext(GraphSchema({}), "t"))


def tracker(domain: Domain, events: list, **slots: Any) -> DialogueStateTracker:
    start = [ActionExecuted("action_session_start"), *[SlotSet(k, v) for k, v in slots.items()]]
    return DialogueStateTracker.from_events("u", [*start, *events], domain.slots)


def turn(policy: TopicContextPolicy, domain: Domain, events: list, **slots: Any) -> List[str]:
    """What the bot does after the last user message, step by step (policy alone)."""
    done: List[str] = []
    for _ in range(8):
        prediction = policy.predict_action_probabilities(tracker(domain, events, **slots), domain)
        if prediction.max_confidence == 0:
            return done
        action = domain.action_names_or_texts[prediction.max_confidence_index]
        done.append(action)
        events = [*events, *prediction.optional_events, ActionExecuted(action)]
        if action == "action_listen":
            return done
    raise AssertionError(f"no end to the turn: {done}")


def test_topic_helpers() -> None:
    parse = user("x", "faq", CLOSE).parse_data
    assert topic_ranking(parse)[0] == ("clonus_treatment", 0.42)
    assert is_clear(CLEAR, 0.5, 0.1)
    assert not is_clear(CLOSE, 0.5, 0.1)   # close
    assert not is_clear(WEAK, 0.5, 0.1)    # weak
    assert not is_clear([], 0.5, 0.1)


def test_a_clear_question_is_left_to_the_rules(policy, domain) -> None:
    assert turn(policy, domain, [user("can I swim with clonus?", "faq")]) == []


def test_close_topics_ask_do_you_mean_with_buttons(policy, domain) -> None:
    events = [*ANSWERED, user("what helps with it", "faq", CLOSE)]
    assert turn(policy, domain, events) == ["utter_clarify_topic", "action_listen"]
    prediction = policy.predict_action_probabilities(tracker(domain, events), domain)
    slots = {e.key: e.value for e in prediction.optional_events}
    titles = load_topics()
    assert slots["clarify_option_1"] == titles["clonus_treatment"].title
    assert slots["clarify_option_2"] == titles["clonus_self_care"].title
    assert slots["clarify_count"] == "2"  # the third (0.1) is not within reach of the second


@pytest.mark.parametrize("text", ["इसमें क्या मदद करता है?", "isme kya madad karta hai?"])
def test_a_hindi_question_gets_hindi_buttons(policy, domain, text: str) -> None:
    """Session 17 (talk check): a Hindi "Do you mean...?" offered the English titles; now the
    topics' Hindi titles (knowledge/translations.yml), which the NLU knows as faq/<key>."""
    events = [*ANSWERED, user(text, "faq", CLOSE)]
    assert turn(policy, domain, events) == ["utter_clarify_topic", "action_listen"]
    slots = {e.key: e.value for e in policy.predict_action_probabilities(
        tracker(domain, events), domain).optional_events}
    hindi = load_hindi_titles()
    assert slots["clarify_option_1"] == hindi["clonus_treatment"]
    assert slots["clarify_option_2"] == hindi["clonus_self_care"]


def test_a_hindi_question_after_choosing_english_gets_english_buttons(policy, domain) -> None:
    events = [*ANSWERED, user("इसमें क्या मदद करता है?", "faq", CLOSE)]
    slots = {e.key: e.value for e in policy.predict_action_probabilities(
        tracker(domain, events, language_choice="en"), domain).optional_events}
    assert slots["clarify_option_1"] == load_topics()["clonus_treatment"].title


def test_the_first_message_gets_the_disclaimer_before_the_question(policy, domain) -> None:
    steps = turn(policy, domain, [user("what helps", "faq", WEAK)])
    assert steps == ["utter_disclaimer", "utter_clarify_topic", "action_listen"]


def test_a_short_follow_up_after_an_answer_is_answered(policy, domain) -> None:
    events = [*ANSWERED, user("and his tai chi?", "out_of_scope", CLEAR)]
    assert turn(policy, domain, events) == ["utter_faq", "action_feedback_ask", "action_listen"]


def test_an_unclear_follow_up_asks(policy, domain) -> None:
    events = [*ANSWERED, user("any pills for that?", "nlu_fallback", CLOSE)]
    assert turn(policy, domain, events) == ["utter_clarify_topic", "action_listen"]


def test_out_of_scope_without_an_answer_before_stays_out_of_scope(policy, domain) -> None:
    assert turn(policy, domain, [user("and his tai chi?", "out_of_scope", CLEAR)]) == []


def test_a_long_message_is_not_a_follow_up(policy, domain) -> None:
    text = "what is the best way to apply for disability benefits for my father who has had MS for years now"
    assert turn(policy, domain, [*ANSWERED, user(text, "out_of_scope", CLEAR)]) == []


def test_a_guard_decision_is_never_overridden(policy, domain) -> None:
    events = [*ANSWERED, user("how many mg of baclofen?", "out_of_scope", CLEAR, forced_by="AdviceGuard")]
    assert turn(policy, domain, events) == []


def test_thanks_with_a_question_thanks_briefly_then_answers(policy, domain) -> None:
    events = [*ANSWERED, user("thanks so much! can he still go swimming?", "faq", CLEAR)]
    assert turn(policy, domain, events) == ["utter_thank_brief", "utter_faq", "action_feedback_ask", "action_listen"]


def test_a_greeting_with_a_question_greets_then_answers(policy, domain) -> None:
    steps = turn(policy, domain, [user("hello there! what helps with clonus at night?", "greet", CLEAR)])
    assert steps == ["utter_greet", "utter_disclaimer", "utter_faq", "action_feedback_ask", "action_listen"]


def test_thanks_heard_alone_but_asking_more_gets_the_answer(policy, domain) -> None:
    events = [*ANSWERED, user("thanks a lot, and is it dangerous for him?", "thank", CLEAR)]
    assert turn(policy, domain, events) == ["utter_thank_brief", "utter_faq", "action_feedback_ask", "action_listen"]


@pytest.mark.parametrize("text, intent", [("hi there!", "greet"), ("thank you so much doctor", "thank"),
                                          ("thanks, that helps a lot", "thank")])
def test_courtesy_alone_is_left_to_the_rules(policy, domain, text: str, intent: str) -> None:
    assert turn(policy, domain, [*ANSWERED, user(text, intent, CLEAR)]) == []


def test_a_fresh_can_it_wait_gets_the_answer_not_the_downplay_text(policy, domain) -> None:
    steps = turn(policy, domain, [user("can this wait till my appointment?", "downplay_emergency",
                                       [("clonus_when_to_see_doctor", 0.8)])])
    assert steps == ["utter_disclaimer", "utter_faq", "action_feedback_ask", "action_listen"]


def test_downplaying_an_active_escalation_is_left_to_the_rules(policy, domain) -> None:
    events = [user("it's fine now, can it wait?", "downplay_emergency", CLEAR)]
    assert turn(policy, domain, events, red_flag_active=True) == []


def test_mentioned_signs_get_the_watch_for_line_after_the_answer(policy, domain) -> None:
    events = [*ANSWERED, user("no numbness or weakness, can he still swim?", "faq", CLEAR,
                              concepts={"NUMBNESS": "negated", "WEAKNESS": "negated", "JERK": "present"})]
    assert turn(policy, domain, events) == ["utter_faq", "utter_red_flag_watch_for", "action_feedback_ask", "action_listen"]


def test_a_present_sign_gets_no_watch_for_line(policy, domain) -> None:
    events = [*ANSWERED, user("his leg is weak, can he swim?", "faq", CLEAR,
                              concepts={"WEAKNESS": "present"})]
    assert turn(policy, domain, events) == []


@pytest.mark.parametrize("intent", ["red_flag", "red_flag_urgent"])
def test_escalations_are_never_planned(policy, domain, intent: str) -> None:
    assert turn(policy, domain, [*ANSWERED, user("help", intent, WEAK)]) == []


def test_an_escalating_assessment_is_never_planned(policy, domain) -> None:
    event = user("what helps", "faq", WEAK)
    event.parse_data["red_flags"]["escalate"] = True
    assert turn(policy, domain, [*ANSWERED, event]) == []


def test_inside_a_form_nothing_is_planned(policy, domain) -> None:
    from rasa.shared.core.events import ActiveLoop

    events = [ActiveLoop("specialist_form"), user("what helps", "faq", WEAK)]
    assert turn(policy, domain, events) == []


def test_low_confidence_that_leaned_to_a_topic_asks(policy, domain) -> None:
    event = user("the thing with his foot", "nlu_fallback", WEAK, ranking=["nlu_fallback", "faq", "deny"])
    assert turn(policy, domain, [*ANSWERED[:1], *ANSWERED[1:], event])[:1] == ["utter_clarify_topic"]


def test_low_confidence_without_a_topic_lean_keeps_the_honest_fallback(policy, domain) -> None:
    event = user("asdf qwer", "nlu_fallback", WEAK, ranking=["nlu_fallback", "greet"])
    assert turn(policy, domain, [event]) == []


def test_an_error_predicts_nothing(policy, domain, monkeypatch) -> None:
    monkeypatch.setattr(TopicContextPolicy, "plan", lambda self, tracker: 1 / 0)
    assert turn(policy, domain, [user("what helps", "faq", WEAK)]) == []


def test_an_escalation_outranks_this_policy_and_both_outrank_the_rules() -> None:
    """Distinct priorities (Rasa warns about a tie): the combined red-flag policy's
    escalation wins over a planned turn whatever the order of config.yml, and both win over
    RulePolicy; config.yml does not override them."""
    import yaml
    from rasa.core.policies.rule_policy import RulePolicy

    from bot.policies.combined_red_flags import CombinedRedFlagPolicy

    red_flags = CombinedRedFlagPolicy.get_default_config()["priority"]
    topics = TopicContextPolicy.get_default_config()["priority"]
    assert red_flags > topics > RulePolicy.get_default_config()["priority"]
    config = yaml.safe_load((paths.ROOT / "config.yml").read_text(encoding="utf-8"))
    assert not [p for p in config["policies"] if "priority" in p]
