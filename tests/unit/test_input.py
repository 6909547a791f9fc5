"""Unit tests for the shared input rules and the NLU input guard."""

from __future__ import annotations

from rasa.shared.nlu.training_data.message import Message

from bot.channels.rest import validate_body
from bot.channels.text import merge_metadata, prepare_text
from bot.constants import INPUT_METADATA_KEY, MAX_MESSAGE_CHARS
from bot.nlu.input_guard import InputGuard, is_readable


def test_whitespace_and_none_become_empty() -> None:
    assert prepare_text(None).text == ""
    assert prepare_text("   \n\t ").text == ""


def test_long_text_is_cut_to_the_documented_limit() -> None:
    prepared = prepare_text("a" * 10_000)
    assert len(prepared.text) == MAX_MESSAGE_CHARS
    assert prepared.truncated and prepared.original_length == 10_000


def test_forced_intents_are_neutralised_but_words_are_kept() -> None:
    prepared = prepare_text('/greet{"x":1}')
    assert prepared.text == 'greet{"x":1}'
    assert prepared.neutralised_command
    assert prepare_text("//faq/what_is_clonus").text == "faq/what_is_clonus"
    assert prepare_text("/").text == ""


def test_allowed_payload_passes_unchanged() -> None:
    prepared = prepare_text("/greet")
    assert prepared.text == "/greet" and not prepared.neutralised_command


def test_metadata_is_merged_and_non_dict_dropped() -> None:
    prepared = prepare_text("hi")
    assert merge_metadata({"country": "IN"}, prepared)["country"] == "IN"
    assert set(merge_metadata("junk", prepared)) == {INPUT_METADATA_KEY}


def test_rest_body_validation() -> None:
    assert validate_body({"sender": "a", "message": "hi"}) == ("a", None)
    assert validate_body({"message": "hi"})[1]
    assert validate_body({"sender": "", "message": "hi"})[1]
    assert validate_body({"sender": "a", "message": 5})[1]
    assert validate_body({"sender": "a" * 500, "message": "hi"})[1]
    assert validate_body(["not", "a", "dict"])[1]
    assert validate_body({"sender": "a", "metadata": "x"})[1]


def test_readability() -> None:
    assert is_readable("what is clonus")
    assert is_readable("clonus kya hai")
    assert not is_readable("")
    assert not is_readable("🙂🙂🙂")
    assert not is_readable("12345 ?!")
    # Devanagari is read since issue 17 (Hindi training data): a topic question reaches the NLU.
    assert is_readable("क्लोनस क्या है")
    assert is_readable("clonus क्या है")
    # Devanagari signs, digits and dandas alone are not letters.
    assert not is_readable("१२३ ।।")
    assert not is_readable("\u093e\u093f\u094d")
    # Scripts the model was not trained on stay unreadable.
    assert not is_readable("கிளோனஸ் என்றால் என்ன")
    assert not is_readable("什么是阵挛")
    assert not is_readable("ما هو الرمع")


def test_input_guard_overrides_unreadable_messages() -> None:
    guard = InputGuard({"min_letters": 2})
    readable = Message({"text": "what is clonus", "intent": {"name": "faq", "confidence": 0.9}})
    hindi = Message({"text": "क्लोनस क्या है", "intent": {"name": "faq", "confidence": 0.9}})
    emoji = Message({"text": "🙂🙂", "intent": {"name": "greet", "confidence": 0.9},
                     "intent_ranking": [{"name": "greet", "confidence": 0.9}]})
    tamil = Message({"text": "கிளோனஸ் என்றால் என்ன", "intent": {"name": "faq", "confidence": 0.9}})
    guard.process([readable, hindi, emoji, tamil])
    assert readable.get("intent")["name"] == "faq"
    assert hindi.get("intent")["name"] == "faq"
    assert tamil.get("intent") == {"name": "nlu_fallback", "confidence": 1.0}
    assert emoji.get("intent") == {"name": "nlu_fallback", "confidence": 1.0}
    assert emoji.get("intent_ranking")[0]["name"] == "nlu_fallback"
