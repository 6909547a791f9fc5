"""End-to-end red-flag escalation against the running servers (REST channel)."""

from __future__ import annotations

import contextlib
from typing import Iterator

import pytest

from bot.constants import MAX_MESSAGE_CHARS

from ..conftest import Chat

pytestmark = pytest.mark.e2e

URGENT = "This could be a medical emergency"
EMERGENCY_MESSAGE = "my dad suddenly can't speak properly and his leg is jerking"


def say(chat: Chat, text: str, metadata: dict | None = None) -> list[dict]:
    body = {"sender": chat.sender, "message": text}
    if metadata is not None:
        body["metadata"] = metadata
    reply = chat.post(body)
    assert reply.status_code == 200, reply.text
    return reply.json()


def test_red_flag_as_first_message_escalates_first(chat: Chat) -> None:
    messages = chat.say(EMERGENCY_MESSAGE)
    assert URGENT in messages[0]["text"], messages
    text = chat.texts(messages)
    assert "112" in text  # the widely supported number when the country is unknown
    assert "difficulty speaking" in text  # which sign triggered it


def test_number_from_what_the_user_said(chat: Chat) -> None:
    chat.say("hi, we live in Pune")
    text = chat.texts(chat.say("my mum's face is drooping on one side"))
    assert URGENT in text and "108" in text and "112" in text


def test_number_from_channel_metadata(chat: Chat) -> None:
    text = Chat.texts(say(chat, "he has a stiff neck and a fever and his ankle keeps jerking",
                          metadata={"country": "US"}))
    assert URGENT in text and "911" in text


def test_conversation_beats_metadata(chat: Chat) -> None:
    say(chat, "I'm in London", metadata={"country": "US"})
    text = Chat.texts(say(chat, "i can't breathe properly and my legs are jerking", metadata={"country": "US"}))
    assert "999" in text and "911" not in text


def test_red_flag_in_the_middle_of_a_faq_exchange(chat: Chat) -> None:
    chat.say("what is clonus")
    messages = chat.say("ok. also his speech has gone slurred since this morning")
    assert URGENT in messages[0]["text"]


def test_downplaying_repeats_the_advice(chat: Chat) -> None:
    chat.say(EMERGENCY_MESSAGE)
    text = chat.texts(chat.say("he says he's fine now, can we wait until tomorrow?"))
    assert "don't wait until tomorrow" in text


@pytest.mark.parametrize(
    "text",
    ["no weakness, no numbness, just the ankle bouncing when I stretch it",
     "what if I get numbness?", "which symptoms are red flags?",
     "I had a stroke five years ago and have had ankle clonus since"],
)
def test_mentions_do_not_escalate(chat: Chat, text: str) -> None:
    messages = chat.say(text)
    assert URGENT not in chat.texts(messages)
    assert messages


def test_typed_command_cannot_suppress_an_escalation(chat: Chat) -> None:
    messages = chat.say("/greet my dad suddenly can't speak")
    assert URGENT in messages[0]["text"]


def test_red_flag_after_the_length_limit_still_escalates(chat: Chat) -> None:
    text = "I have a question about clonus. " + "blah " * (MAX_MESSAGE_CHARS // 5) + \
        " Also right now my husband can't lift his arm and his face is drooping."
    assert len(text) > MAX_MESSAGE_CHARS
    assert URGENT in chat.say(text)[0]["text"]


@contextlib.contextmanager
def action_server_stopped(servers) -> Iterator[None]:
    servers.stop_actions()
    try:
        yield
    finally:
        servers.start_actions()
        # loading the spaCy pipeline took 97 s on a 2-core machine running the suite (session
        # 14): the restart is the clean-up, not what the test measures
        servers.wait_actions(300)


def test_escalation_survives_a_dead_action_server(servers) -> None:
    chat = Chat(servers.config.rest_url)
    with action_server_stopped(servers):
        messages = chat.say(EMERGENCY_MESSAGE)
    text = chat.texts(messages)
    assert URGENT in messages[0]["text"], messages
    assert "112" in text


SEE_TODAY = "see a doctor today"


@pytest.mark.parametrize(
    "first, second, expected",
    [
        ("my son has had a fever since yesterday", "now his leg keeps jerking", URGENT),
        ("I started taking sertraline last month", "now I'm sweating a lot and feel agitated", URGENT),
        ("my dad's ankle keeps jerking", "it's getting worse every day", SEE_TODAY),
    ],
    ids=["fever-then-jerking", "serotonergic-then-symptoms", "jerking-then-worse"],
)
def test_signs_spread_over_two_messages_escalate(chat: Chat, first: str, second: str, expected: str) -> None:
    chat.say(first)
    messages = chat.say(second)
    assert expected in messages[0]["text"], messages  # the escalation comes first
    text = chat.texts(messages)
    assert "Why I'm saying this" in text and "None" not in text


def test_a_combined_escalation_names_the_combined_sign(chat: Chat) -> None:
    chat.say("my son has had a fever since yesterday")
    text = chat.texts(chat.say("now his leg keeps jerking"))  # neither message is a sign alone
    assert "you described fever with jerking" in text


@pytest.mark.parametrize(
    "first, second",
    [
        ("my son doesn't have a fever", "his leg keeps jerking"),            # negated
        ("does clonus come with a fever?", "my leg keeps jerking"),          # a question, not a symptom
        ("he had a fever last year", "his leg keeps jerking"),               # in the past
    ],
    ids=["negated", "question", "past"],
)
def test_signs_that_are_not_present_are_not_combined(chat: Chat, first: str, second: str) -> None:
    chat.say(first)
    text = chat.texts(chat.say(second))
    assert URGENT not in text and SEE_TODAY not in text


def test_a_combined_escalation_is_not_repeated_on_the_next_message(chat: Chat) -> None:
    chat.say("my son has had a fever since yesterday")
    assert URGENT in chat.texts(chat.say("now his leg keeps jerking"))
    text = chat.texts(chat.say("what is clonus"))
    assert URGENT not in text and "Clonus" in text


HINDI_EMERGENCIES = [
    "papa ka muh achanak tedha ho gaya hai aur bol nahi pa rahe",  # Hinglish
    "दादी की जुबान लड़खड़ा रही है और हाथ सुन्न हो गया है",  # Devanagari
    "suddenly mummy ka left haath utha nahi pa rahi",  # mixed
]


@pytest.mark.parametrize("text", HINDI_EMERGENCIES)
def test_hindi_escalation_survives_a_dead_action_server(servers, text: str) -> None:
    """Issue 17: an emergency in Hindi or Hinglish escalates first, in whichever answer
    language the slots chose, with the action server stopped."""
    chat = Chat(servers.config.rest_url)
    with action_server_stopped(servers):
        messages = chat.say(text)
    first = messages[0]["text"]
    assert URGENT in first or any("\u0900" <= c <= "\u097f" for c in first), messages
    assert "112" in chat.texts(messages)
