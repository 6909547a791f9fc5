"""The advice guard: dose and medicine-change requests go to out_of_scope; ordinary
questions about clonus treatment and medicines are left alone."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.advice_guard import AdviceGuard, AdviceMatcher


@pytest.fixture(scope="module")
def matcher() -> AdviceMatcher:
    return AdviceMatcher.from_file()


@pytest.mark.parametrize(
    "text, kind",
    [
        ("how many mg of baclofen should I take", "dose"),
        ("can i double my tizanidine dose if it's not working", "dose"),
        ("is 10mg of diazepam too much", "dose"),
        ("how much gabapentin can my mom take", "dose"),
        ("what's the max dosage for tizanidine", "dose"),
        ("should my mom stop her baclofen", "medicine_change"),
        ("can I switch from tizanidine to baclofen", "medicine_change"),
        ("can i come off sertraline", "medicine_change"),
        ("my doctor gave me tramadol, can I quit taking it", "medicine_change"),
        ("can I stop taking my antidepressants because of the jerks", "medicine_change"),
    ],
)
def test_advice_requests_are_caught(matcher: AdviceMatcher, text: str, kind: str) -> None:
    assert matcher.match(text) == kind


@pytest.mark.parametrize(
    "text",
    [
        "what medicines treat clonus",
        "is there medication for clonus",
        "can antidepressants cause clonus",
        "how many beats of clonus is abnormal",
        "does baclofen help clonus",
        "what can I do to reduce clonus at home",
        "can stretching reduce the jerking",
        "is tizanidine used for clonus",
        "how much exercise is safe with clonus",
        "can clonus change over time",
        "clonus started on sertraline, will it stop",
    ],
)
def test_ordinary_questions_pass(matcher: AdviceMatcher, text: str) -> None:
    assert matcher.match(text) is None


def test_component_sets_out_of_scope(matcher: AdviceMatcher) -> None:
    guard = AdviceGuard(matcher)
    asked = Message({"text": "can I double my baclofen", "intent": {"name": "faq", "confidence": 1.0}})
    fine = Message({"text": "does baclofen help", "intent": {"name": "faq", "confidence": 1.0}})
    guard.process([asked, fine])
    assert asked.get("intent") == {"name": "out_of_scope", "confidence": 1.0}
    assert asked.get("advice_request") == "medicine_change"
    assert fine.get("intent")["name"] == "faq"
