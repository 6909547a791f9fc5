"""The answer to "which number do I call?" (talk check, session 19: it was the out-of-scope
answer): domain.yml's utter_emergency_number gives the number for a place named in the
conversation, else the channel's country or the deployment default, in English and in Hindi,
with the source of the numbers (knowledge/emergency_numbers.yml), without the action server."""

from __future__ import annotations

from typing import Any, Dict

import pytest
import yaml

from bot import paths
from tests.test_hindi_answers import CHANNEL, DEVANAGARI, INDIA, UK, say

SOURCE = "ITU list of emergency numbers"


@pytest.fixture(scope="module")
def answers() -> Dict[str, Any]:
    return yaml.safe_load(paths.DOMAIN.read_text(encoding="utf-8"))["responses"]


def test_no_place_named_gives_the_channels_number_and_the_source(answers: Dict[str, Any]) -> None:
    text = say(answers, "utter_emergency_number")
    assert text.startswith(f"For a medical emergency, call {CHANNEL}.") and SOURCE in text
    assert "None" not in text and "tell me which one" in text


def test_a_place_named_gives_that_countrys_number(answers: Dict[str, Any]) -> None:
    text = say(answers, "utter_emergency_number", country="GB", emergency_number=UK)
    assert UK in text and CHANNEL not in text and SOURCE in text


def test_hindi_users_get_hindi_with_india_numbers_and_the_number_slot(answers: Dict[str, Any]) -> None:
    text = say(answers, "utter_emergency_number", answer_language="hi", channel_emergency_number="911")
    assert DEVANAGARI.search(text) and "911" in text and "112" in text and "108" in text
    text = say(answers, "utter_emergency_number", answer_language="hi", country="IN", emergency_number=INDIA)
    assert DEVANAGARI.search(text) and INDIA in text and "None" not in text


def test_the_question_is_answered_first_and_without_an_action() -> None:
    rules = yaml.safe_load((paths.DATA / "rules" / "emergency_numbers.yml").read_text(encoding="utf-8"))
    steps = rules["rules"][0]["steps"]
    assert steps == [{"intent": "ask_emergency_number"}, {"action": "utter_emergency_number"}]
    start = yaml.safe_load((paths.DATA / "rules" / "conversation_start.yml").read_text(encoding="utf-8"))
    first = [r["steps"] for r in start["rules"] if r["steps"][0] == {"intent": "ask_emergency_number"}]
    assert first == [[{"intent": "ask_emergency_number"}, {"action": "utter_emergency_number"},
                      {"action": "utter_disclaimer"}]]


def test_a_hindi_user_in_another_country_gets_that_number(answers: Dict[str, Any]) -> None:
    text = say(answers, "utter_emergency_number", answer_language="hi", country="GB", emergency_number=UK)
    assert UK in text and text.startswith("For a medical emergency there")
