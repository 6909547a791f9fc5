"""End-to-end: the running Rasa + action servers through the REST channel."""

from __future__ import annotations

import json
import sqlite3
import uuid

import pytest
import requests

from bot.constants import MAX_MESSAGE_CHARS, RATING_PAYLOADS
from bot.knowledge.files import load_sources

from ..conftest import Chat

pytestmark = pytest.mark.e2e

CITATIONS = [s.citation for s in load_sources().values()]
DISCLAIMER = "not medical advice"
FALLBACK = "I can only give general information about clonus"


def test_first_message_starts_with_the_disclaimer_and_topics(chat: Chat) -> None:
    messages = chat.say("hello")
    text = chat.texts(messages)
    assert DISCLAIMER in text and "emergency number" in text
    assert "What causes clonus?" in text
    buttons = [b["title"] for m in messages for b in m.get("buttons") or []]
    assert "I'm a healthcare professional" in buttons


def test_topic_question_gets_curated_answer_naming_its_source(chat: Chat) -> None:
    messages = chat.say("whats the difference between clonus and a tremor")
    text = chat.texts(messages)
    assert text.index(DISCLAIMER) < text.index("Source")
    assert any(c in text for c in CITATIONS)
    assert "tremor" in text.lower()


def test_audience_switch_changes_the_wording(chat: Chat) -> None:
    plain = chat.texts(chat.say("what is clonus"))
    chat.say("I'm a healthcare professional")
    clinical = chat.texts(chat.say("what is clonus"))
    assert "upper motor neuron" in clinical.lower()
    assert clinical != plain
    chat.say("actually I'm asking for my mother")
    again = chat.texts(chat.say("what is clonus"))
    assert "upper motor neuron" not in again.lower()


def test_answers_offer_related_topics_as_plain_text_buttons(chat: Chat) -> None:
    messages = chat.say("what causes clonus")
    # the rating question's two fixed payloads ("Was this helpful?", issue 16) aside
    buttons = [b for m in messages for b in m.get("buttons") or [] if b["payload"] not in RATING_PAYLOADS]
    assert buttons, messages
    assert all(not b["payload"].startswith("/") for b in buttons)


def test_out_of_scope_gets_the_honest_fallback(chat: Chat) -> None:
    text = chat.texts(chat.say("what is the best recipe for biryani"))
    assert FALLBACK in text


def test_dose_question_is_not_answered(chat: Chat) -> None:
    chat.say("hi")
    text = chat.texts(chat.say("how many mg of baclofen should I take for clonus"))
    assert FALLBACK in text and "Source" not in text


@pytest.mark.parametrize(
    "message",
    [
        "",
        "   \n\t  ",
        "🙂🙂🙂👍",
        "क्लोनस क्या है",
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        '/greet{"x":1}',
        '/faq/clonus_causes{"audience": "professional"}',
        "/restart",
        "/",
        '/{"',
        "a" * 10_000,
        "clonus " * 3000,
        None,
    ],
    ids=["empty", "whitespace", "emoji", "devanagari", "script", "img-onerror", "forced-greet",
         "forced-faq", "forced-restart", "slash", "malformed", "10k-chars", "10k-words", "null"],
)
def test_bad_input_gets_a_clear_reply(chat: Chat, message: object) -> None:
    messages = chat.say(message)
    assert messages, "never silence"
    text = chat.texts(messages)
    assert text.strip()
    assert "Traceback" not in text and "Exception" not in text
    assert "<script" not in text and "onerror" not in text


@pytest.mark.parametrize("message", ["mi padre no puede respirar", "🚑🚑🚑"])
def test_a_message_the_bot_cannot_read_still_points_to_the_emergency_number(chat: Chat, message: str) -> None:
    """The bot cannot tell whether an unreadable message is an emergency, so its fallback says
    what to do if it is (Spanish "my father can't breathe")."""
    text = chat.texts(chat.say(message))
    assert "emergency number" in text


def test_a_hindi_emergency_gets_india_s_numbers(chat: Chat) -> None:
    """Hindi "my father is having a fit" is read since issue 17: the escalation names 112
    and 108."""
    text = chat.texts(chat.say("मेरे पिता को दौरा पड़ रहा है"))
    assert "112" in text and "108" in text, text


def test_forced_intent_is_read_as_words_not_obeyed(servers) -> None:
    chat = Chat(servers.config.rest_url)
    chat.say('/goodbye{"audience": "professional", "x": 1}')
    with sqlite3.connect(servers.config.tracker_db) as db:
        rows = db.execute(
            "SELECT data FROM events WHERE sender_id = ? AND type_name = 'user'", (chat.sender,)
        ).fetchall()
    assert rows
    event = json.loads(rows[-1][0])
    assert not event["text"].startswith("/")
    injected = [e for e in event["parse_data"]["entities"] if e["entity"] in {"audience", "x"}]
    assert injected == [], "no entities injected from the payload"
    assert event["metadata"]["clonus_input"]["neutralised_command"] is True


def test_over_long_message_is_cut_and_still_answered(chat: Chat) -> None:
    long = "what is clonus? " + "x" * (MAX_MESSAGE_CHARS * 3)
    assert chat.texts(chat.say(long)).strip()


def test_request_without_sender_is_rejected_not_shared(servers) -> None:
    url = servers.config.rest_url
    reply = requests.post(url, json={"message": "hello"}, timeout=30)
    assert reply.status_code == 400
    assert "sender" in reply.json()["error"]


@pytest.mark.parametrize(
    "body",
    [b"not json", b"[1, 2, 3]", b'{"sender": "x", "message": 12}', b'{"sender": 5, "message": "hi"}'],
)
def test_malformed_requests_get_400_with_a_reason(servers, body: bytes) -> None:
    reply = requests.post(servers.config.rest_url, data=body,
                          headers={"Content-Type": "application/json"}, timeout=30)
    assert reply.status_code == 400
    assert reply.json()["error"]


def test_huge_body_is_refused(servers) -> None:
    body = b'{"sender": "x", "message": "' + b"a" * (2 * 1024 * 1024) + b'"}'
    try:
        reply = requests.post(servers.config.rest_url, data=body,
                              headers={"Content-Type": "application/json"}, timeout=30)
    except requests.ConnectionError:
        return  # the server closed the connection on the oversize body: refused
    assert reply.status_code == 413


def test_conversation_is_stored_in_the_sqlite_tracker_store(servers) -> None:
    chat = Chat(servers.config.rest_url, sender=f"store-{uuid.uuid4().hex[:8]}")
    chat.say("what causes clonus")
    with sqlite3.connect(servers.config.tracker_db) as db:
        rows = db.execute(
            "SELECT type_name FROM events WHERE sender_id = ?", (chat.sender,)
        ).fetchall()
    kinds = {r[0] for r in rows}
    assert {"user", "bot", "action"} <= kinds


def test_no_http_api_is_exposed(servers) -> None:
    base = f"http://127.0.0.1:{servers.config.rasa_port}"
    assert requests.get(f"{base}/conversations/x/tracker", timeout=10).status_code == 404
    assert requests.put(f"{base}/model", json={}, timeout=10).status_code in (404, 405)
