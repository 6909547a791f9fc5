"""The summary for the doctor (bot/knowledge/doctor_summary.py, actions/doctor_summary.py):
conversations parsed by the project's spaCy pipeline and red-flag rules, the way the NLU
puts them in each message's parse."""

from __future__ import annotations

from typing import Any, Dict, List

import pytest
import yaml

from actions.doctor_summary import LABELS
from bot import paths
from bot.knowledge import doctor_summary as ds
from bot.knowledge.files import load_topics


@pytest.fixture(scope="module")
def responses() -> Dict[str, Any]:
    domain = yaml.safe_load(paths.DOMAIN.read_text(encoding="utf-8"))["responses"]
    faq = yaml.safe_load((paths.DATA / "nlu" / "responses" / "faq.yml").read_text(encoding="utf-8"))["responses"]
    return {**domain, **faq}


@pytest.fixture(scope="module")
def user() -> Any:
    import spacy

    from bot.knowledge.red_flags import load_rules

    nlp, rules = spacy.load("en_clonus_pipeline"), load_rules()

    def event(text: str, intent: str = "faq") -> Dict[str, Any]:
        return {"event": "user", "text": text,
                "parse_data": {"intent": {"name": intent}, "red_flags": rules.assess(nlp(text.lower())).as_dict()}}

    return event


def answered(key: str) -> Dict[str, Any]:
    return {"event": "bot", "text": "...", "metadata": {"utter_action": f"utter_faq/{key}"}}


def summary(events: List[Dict[str, Any]], responses: Dict[str, Any]) -> str:
    titles = {key: topic.title for key, topic in load_topics().items()}
    text = ds.summary_from_events(events, responses, LABELS, titles)
    assert text is not None
    return text


def test_a_child_with_denied_signs_medicines_and_a_question(user, responses) -> None:
    text = summary([
        user("My son is 6 and his left ankle keeps jerking since last week. He has cerebral palsy."),
        user("No weakness, no fever, he isn't confused. He takes baclofen and his GP added sertraline 3 days ago."),
        answered("clonus_vs_tremor"),
        user("he had a bad headache last year"),
        user("summarise this for my doctor", intent=ds.INTENT),
    ], responses)
    assert text.startswith("📋 Summary for your doctor")
    assert "About: my son" in text
    assert "Body parts mentioned: ankle" in text
    assert "Side: left ankle" in text
    assert "since last week" in text and "3 days ago" in text
    assert "Conditions mentioned: cerebral palsy" in text
    assert "baclofen" in text and "sertraline" in text
    assert "- weakness: said to be absent" in text
    assert "- fever: said to be absent" in text
    assert '- headache ("bad headache"): in the past' in text
    assert "- Is clonus the same as a tremor?" in text
    # the curated answer's own "ask a doctor" sentence
    assert "Questions you may want to ask the doctor:\n- For advice about your own symptoms, ask a doctor." in text
    assert "summarise this" not in text


def test_the_writer_both_sides_and_a_present_sign(user, responses) -> None:
    text = summary([
        user("I have had clonus in both legs for a few months"),
        user("since this morning my speech is slurred"),
    ], responses)
    assert "About: the person writing" in text
    assert "Side: both legs" in text
    assert "for a few months" in text and "since this morning" in text
    assert "described as present" in text
    assert "Medicines mentioned: (nothing described yet)" in text


def test_a_sign_once_present_stays_present(user, responses) -> None:
    text = summary([user("my mum's face is drooping"), user("no, her face is not drooping now")], responses)
    assert "About: my mum" in text
    assert text.count("face droop") == 1 and "described as present" in text


def test_nothing_described_yet(responses) -> None:
    assert ds.summary_from_events([], responses, LABELS, {}) is None


def test_every_label_is_a_domain_response(responses) -> None:
    """No fixed wording in the code: every part is a domain response, every status has one."""
    assert not set(LABELS.values()) - set(responses), set(LABELS.values()) - set(responses)
    assert {f"status_{s}" for s in ds.status_words().values()} <= set(LABELS)


def test_the_action_sends_one_message(user, responses, dispatcher, make_tracker) -> None:
    from actions.doctor_summary import ActionDoctorSummary

    tracker = make_tracker(events=[user("my daughter's right arm has been twitching since yesterday")])
    ActionDoctorSummary().run(dispatcher, tracker, {"responses": responses})
    assert len(dispatcher.messages) == 1
    message = dispatcher.messages[0]
    assert message["response"] == "utter_doctor_summary" and "my daughter" in message["summary"]
    empty = type(dispatcher)()
    ActionDoctorSummary().run(empty, make_tracker(events=[]), {"responses": responses})
    assert empty.messages[0]["response"] == "utter_summary_empty"


def test_the_labels_follow_the_answer_language(user, responses) -> None:
    """A Hindi user (answer_language = hi) gets the summary's Hindi labels; English stays
    the default."""
    titles = {key: topic.title for key, topic in load_topics().items()}
    events = [user("My left ankle keeps jerking since last week. No weakness.")]
    hindi = ds.summary_from_events(events, responses, LABELS, titles, "hi")
    english = ds.summary_from_events(events, responses, LABELS, titles)
    assert hindi is not None and english is not None
    assert hindi.startswith("📋") and english.startswith("📋 Summary for your doctor")
    assert any("\u0900" <= ch <= "\u097f" for ch in hindi)
    assert not any("\u0900" <= ch <= "\u097f" for ch in english)
