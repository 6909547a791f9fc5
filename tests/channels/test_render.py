"""Platform rendering (pure functions) and the escalation guarantees on the real content."""

from __future__ import annotations

import json
import re
from typing import Any, Dict, List

import pytest

from bot.channels import render
from bot.channels.render import Option, split_message, split_text, units

FAQ_TITLES = ["What is clonus?", "Is a little clonus normal?", "Is clonus the same as a tremor?"]
OPTIONS = [Option(t, t) for t in FAQ_TITLES]
LONG_NUMBER = "your local emergency number (112 works in many countries, and from most mobile phones)"


def words(text: str) -> List[str]:
    return text.split()


def paragraphs(count: int, sentence: str = "Clonus is a rhythmic jerking of a muscle.") -> str:
    return "\n\n".join(" ".join([sentence] * 9) for _ in range(count))


# --- splitting ---------------------------------------------------------------------------

def test_short_text_is_one_message_and_empty_text_none() -> None:
    assert split_text("  What is clonus?  ", 100) == ["What is clonus?"]
    assert split_text("", 100) == [] and split_text(None, 100) == []


@pytest.mark.parametrize("limit", [40, 120, 400, 1600])
def test_parts_fit_and_keep_every_word_in_order(limit: int) -> None:
    text = paragraphs(12) + "\n- one line\n- another line\nSources: FindADoctor guide, 9 Jan 2026."
    parts = split_text(text, limit)
    assert all(0 < units(p) <= limit for p in parts)
    assert words(" ".join(parts)) == words(text)


def test_paragraphs_are_preferred_then_sentences() -> None:
    first, second = "A" * 50 + ".", "B" * 50 + "."
    assert split_text(f"{first}\n\n{second}", 80) == [first, second]
    text = "One sentence here. Another sentence here. A third one here."
    assert split_text(text, 45) == ["One sentence here. Another sentence here.", "A third one here."]


def test_a_word_longer_than_the_limit_is_cut() -> None:
    url = "https://example.org/" + "x" * 300
    parts = split_text(f"see {url} now", 100)
    assert all(units(p) <= 100 for p in parts) and "".join(parts).replace(" ", "") == f"see{url}now"


def test_limits_count_utf16_units() -> None:
    assert units("⚠️") == 2 and units("😀") == 2 and units("é") == 1
    parts = split_text("😀" * 1000, 1600)
    assert all(units(p) <= 1600 for p in parts) and "".join(parts) == "😀" * 1000


@pytest.mark.parametrize("make, limit", [
    (lambda t: render.telegram_messages(1, t, OPTIONS, lambda o: o.payload), render.TELEGRAM_LIMIT),
    (lambda t: render.twilio_messages("+1", "+2", t, OPTIONS), render.TWILIO_LIMIT),
    (lambda t: render.slack_messages("D1", t, OPTIONS), render.SLACK_LIMIT),
    (lambda t: render.messenger_messages("P1", t, OPTIONS), render.MESSENGER_LIMIT),
])
def test_long_answers_are_split_under_each_platform_limit(make: Any, limit: int) -> None:
    text = paragraphs(40) + "\n" + "😀 " * 900  # about 19,000 characters
    rendered = make(text)
    bodies = [b.get("text") or b.get("Body") or b["message"]["text"] for b in rendered.bodies]
    assert len(bodies) > 2
    assert all(0 < units(b) <= limit for b in bodies), [units(b) for b in bodies]
    for block in rendered.bodies[-1].get("blocks", []):
        if block["type"] == "section":
            assert units(block["text"]["text"]) <= limit


def test_a_configured_limit_cannot_exceed_the_platform_limit() -> None:
    parts = split_message(paragraphs(40), 100_000, render.TWILIO_LIMIT)
    assert len(parts) > 1 and all(units(p) <= render.TWILIO_LIMIT for p in parts)


# --- escalations --------------------------------------------------------------------------

URGENT_TEXT = ("⚠️ URGENT: This could be a medical emergency. Call your local emergency number now, "
               "or go to the nearest emergency department. Do not wait to see if it passes.\n"
               f"Number to call: {LONG_NUMBER}.")


def test_an_escalation_is_never_split_below_the_platform_limit() -> None:
    assert render.is_urgent(URGENT_TEXT) and not render.is_urgent("Clonus is ...")
    assert split_message(URGENT_TEXT, 50, render.TWILIO_LIMIT) == [URGENT_TEXT]
    assert len(split_message(URGENT_TEXT.replace("⚠️ ", ""), 50, render.TWILIO_LIMIT)) > 1


def escalation_responses(domain: Dict[str, Any]) -> Dict[str, List[Dict[str, Any]]]:
    return {name: variations for name, variations in domain["responses"].items()
            if any(render.is_urgent(v.get("text")) for v in variations)}


def test_every_escalation_response_is_one_message_with_its_number_on_every_platform(
        domain_dict: Dict[str, Any]) -> None:
    escalations = escalation_responses(domain_dict)
    assert {"utter_red_flag_emergency", "utter_red_flag_urgent", "utter_red_flag_repeat"} <= set(escalations)
    renderers = [
        lambda t: render.telegram_messages(1, t, [], str, limit=30),
        lambda t: render.twilio_messages("+1", "+2", t, [], limit=30),
        lambda t: render.slack_messages("D1", t, [], limit=30),
        lambda t: render.messenger_messages("P1", t, [], limit=30),
    ]
    for name, variations in escalations.items():
        for variation in variations:
            text = variation["text"]
            assert render.is_urgent(text), f"{name}: every variation must start with the marker"
            filled = re.sub(r"\{(channel_)?emergency_number\}", LONG_NUMBER, text)
            for make in renderers:
                bodies = make(filled).bodies
                assert len(bodies) == 1, (name, len(bodies))
                sent = json.dumps(bodies[0], ensure_ascii=False)
                assert "112" in sent and "⚠" in sent, name


def test_escalations_are_the_same_on_every_channel(domain_dict: Dict[str, Any]) -> None:
    for name, variations in escalation_responses(domain_dict).items():
        assert not any(v.get("channel") for v in variations), f"{name} has a channel variation"


def test_channel_variations_never_bypass_conditions(domain_dict: Dict[str, Any]) -> None:
    """Rasa prefers an unconditional channel variation to every conditional variation
    (audience wording, emergency number): such a variation must carry a condition too."""
    for name, variations in domain_dict["responses"].items():
        if any(v.get("condition") for v in variations):
            for variation in variations:
                if variation.get("channel"):
                    assert variation.get("condition"), f"{name}: channel variation without condition"


def test_sms_never_suggests_an_opt_out_keyword(domain_dict: Dict[str, Any]) -> None:
    for name, variations in domain_dict["responses"].items():
        default = [v for v in variations if not v.get("channel")]
        sms = [v for v in variations if v.get("channel") == "twilio"] or default
        for variation in sms:
            assert not re.search(r'type \\?"(stop|cancel|quit|end|unsubscribe)\\?"',
                                 variation.get("text") or "", re.I), name


# --- buttons --------------------------------------------------------------------------------

def test_twilio_numbered_options_show_titles_never_payloads() -> None:
    options = [Option("Yes please", "/affirm"), Option("No", "/deny")]
    rendered = render.twilio_messages("+1", "+2", "Shall I?", options, start=4)
    body = rendered.bodies[0]["Body"]
    assert body == f"Shall I?\n\n4. Yes please\n5. No\n{render.NUMBERED_HINT}"
    assert "/affirm" not in body and rendered.numbered == ["/affirm", "/deny"]
    assert rendered.bodies[0]["To"] == "+1" and rendered.bodies[0]["From"] == "+2"


def test_telegram_keyboard_goes_with_the_last_part() -> None:
    rendered = render.telegram_messages(7, paragraphs(3), OPTIONS, lambda o: o.payload, limit=300)
    assert len(rendered.bodies) > 1
    assert all("reply_markup" not in b for b in rendered.bodies[:-1])
    rows = rendered.bodies[-1]["reply_markup"]["inline_keyboard"]
    assert [row[0]["callback_data"] for row in rows] == FAQ_TITLES
    assert all(len(row) == 1 for row in rows)


def test_telegram_long_payloads_become_short_tokens() -> None:
    from bot.channels.telegram import EXPIRED_BUTTON, CallbackData

    data = CallbackData()
    short = Option("What is clonus?", "What is clonus?")
    long = Option("Manchester", "Manchester, New Hampshire, United States of America (Hillsborough County)")
    assert data.encode(short) == short.payload
    token = data.encode(long)
    assert len(token.encode("utf-8")) <= render.TELEGRAM_CALLBACK_BYTES
    assert data.decode(token) == long.payload
    assert data.decode("#o:" + "0" * 24) == EXPIRED_BUTTON
    assert data.decode("What is clonus?") == "What is clonus?"


def test_slack_text_is_escaped_and_buttons_are_blocks() -> None:
    text = "Fever & confusion <now> see [the guide](https://example.org/a?b=1&c=2)"
    rendered = render.slack_messages("D1", text, [Option("x" * 100, "payload")] + OPTIONS * 9,
                                     thread_ts="123.4")
    body = rendered.bodies[-1]
    assert body["text"] == ("Fever &amp; confusion &lt;now&gt; see "
                            "<https://example.org/a?b=1&c=2|the guide>")
    assert body["thread_ts"] == "123.4"
    actions = [b for b in body["blocks"] if b["type"] == "actions"]
    assert [len(a["elements"]) for a in actions] == [25, 3]
    first = actions[0]["elements"][0]
    assert len(first["text"]["text"]) <= render.SLACK_BUTTON_TITLE and first["value"] == "payload"
    ids = [e["action_id"] for a in actions for e in a["elements"]]
    assert len(set(ids)) == len(ids)


def test_messenger_short_titles_are_plain_quick_replies() -> None:
    options = [Option("Yes", "yes"), Option("No", "no")]
    rendered = render.messenger_messages("P1", "Shall I?", options)
    message = rendered.bodies[0]["message"]
    assert message["text"] == "Shall I?" and rendered.numbered is None
    assert message["quick_replies"] == [
        {"content_type": "text", "title": "Yes", "payload": "yes"},
        {"content_type": "text", "title": "No", "payload": "no"}]


def test_messenger_long_titles_are_numbered_and_listed() -> None:
    rendered = render.messenger_messages("P1", "Related:", OPTIONS * 5)
    message = rendered.bodies[-1]["message"]
    replies = message["quick_replies"]
    assert len(replies) == render.MESSENGER_QUICK_REPLIES
    assert all(len(r["title"]) <= render.MESSENGER_TITLE for r in replies)
    assert replies[2]["title"].startswith("3. Is clonus") and replies[2]["payload"] == FAQ_TITLES[2]
    assert "3. Is clonus the same as a tremor?" in message["text"]
    assert rendered.numbered == [o.payload for o in (OPTIONS * 5)[:13]]


def test_markdown_links_become_plain_urls() -> None:
    text = "Search [here](https://www.openstreetmap.org/search?query=x) or https://a.b"
    assert render.plain_links(text) == "Search here: https://www.openstreetmap.org/search?query=x or https://a.b"
    body = render.twilio_messages("+1", "+2", text, []).bodies[0]["Body"]
    assert "](" not in body
