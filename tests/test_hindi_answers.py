"""Hindi answers (issue 17, item 3): what Rasa picks for a Hindi or an English user, and the
``hindi`` content check failing when a translation is missing or unfaithful."""

from __future__ import annotations

import copy
import re
import shutil
from pathlib import Path
from typing import Any, Dict, Optional

import pytest
import yaml
from rasa.core.nlg.generator import ResponseVariationFilter
from rasa.core.nlg.response import TemplatedNaturalLanguageGenerator

from bot import paths
from bot.knowledge.emergency_numbers import load_numbers
from bot.maintain.checks import Project
from bot.maintain.checks_hindi import STATUS, check_hindi, is_hindi

DEVANAGARI = re.compile(r"[\u0900-\u097F]")
INDIA = load_numbers().by_code("IN").numbers_text()
UK = load_numbers().by_code("GB").numbers_text()
CHANNEL = "112 (all emergencies) or 108 (ambulance)"


def read(path: Path) -> Dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def responses() -> Dict[str, Any]:
    domain = read(paths.DOMAIN)["responses"]
    faq = read(paths.DATA / "nlu" / "responses" / "faq.yml")["responses"]
    return {**domain, **faq}


def say(responses: Dict[str, Any], name: str, channel: str = "rest", **slots: Any) -> Optional[str]:
    """The text Rasa's response generator sends for these slots: every variation Rasa may
    pick at random (its own filter) must give the same text."""
    names = set(re.findall(r"\{(\w+)\}", repr(responses[name])))
    filled = {**{n: f"<{n}>" for n in names}, "answer_language": "en", "emergency_number": None,
              "country": None, "location": None, "channel_emergency_number": CHANNEL, **slots}
    generator = TemplatedNaturalLanguageGenerator(responses)
    candidates = ResponseVariationFilter(responses).responses_for_utter_action(name, channel, filled)
    texts = {generator._fill_response(copy.deepcopy(c), filled)["text"] for c in candidates}
    assert len(texts) == 1, f"{name}: more than one variation matches {slots}: {texts}"
    return texts.pop()


def test_the_slot_is_the_agreed_one() -> None:
    slot = read(paths.DOMAIN)["slots"]["answer_language"]
    assert slot == {"type": "categorical", "values": ["en", "hi"], "initial_value": "en",
                    "influence_conversation": False, "mappings": [{"type": "custom"}]}


def test_translations_are_marked_pending_clinical_review() -> None:
    assert read(paths.KNOWLEDGE / "translations.yml")["status"] == STATUS


@pytest.mark.parametrize("audience", [None, "patient", "caregiver", "professional"])
def test_every_response_is_hindi_for_a_hindi_user_in_every_state(responses: Dict[str, Any],
                                                                  audience: Optional[str]) -> None:
    # the emergency details are also given when the level is unknown (a classifier's guess)
    states = [{}, {"red_flag_level": "emergency"}, {"red_flag_level": "urgent"},
              {"clarify_count": "2"}, {"clarify_count": "3"}, {"location": "Pune, India"},
              {"country": "IN", "emergency_number": INDIA}]
    for name in responses:
        for state in states:
            for channel in ("rest", "socketio", "twilio"):
                text = say(responses, name, channel, answer_language="hi", audience=audience, **state)
                english = say(responses, name, channel, audience=audience, **state)
                # an unset slot shows only where the English one shows it too (never a number)
                assert text and ("None" in text) == ("None" in english), (name, state)
                if DEVANAGARI.search(text) is None:
                    assert text == english and not re.search(r"[A-Za-z]{3}", re.sub(r"<\w+>", "", text)), \
                        (name, state, text)
                assert not DEVANAGARI.search(english), (name, state)


def test_hindi_escalation_names_india_numbers_and_keeps_the_number_slot(responses: Dict[str, Any]) -> None:
    text = say(responses, "utter_red_flag_emergency", answer_language="hi",
               channel_emergency_number="999 (all emergencies)")
    assert text.startswith("⚠") and "112" in text and "108" in text and "999 (all emergencies)" in text
    text = say(responses, "utter_red_flag_emergency", answer_language="hi", country="IN", emergency_number=INDIA)
    assert DEVANAGARI.search(text) and INDIA in text
    # a place in another country: the English variation, with that country's number
    text = say(responses, "utter_red_flag_emergency", answer_language="hi", country="GB", emergency_number=UK)
    assert UK in text and text.startswith("⚠️ URGENT")
    text = say(responses, "utter_red_flag_urgent", answer_language="hi", channel_emergency_number="911")
    assert "112" in text and "108" in text and text.endswith("(Number to call): 911.")


def test_english_users_are_unchanged(responses: Dict[str, Any]) -> None:
    professional = say(responses, "utter_faq/what_is_clonus", audience="professional")
    assert professional.startswith("Clonus (clonospasm): involuntary")
    assert say(responses, "utter_faq/what_is_clonus").startswith("Clonus (also called clonospasm)")
    assert say(responses, "utter_red_flag_emergency").endswith(f"Number to call: {CHANNEL}.")
    assert "never mind" in say(responses, "utter_ask_location", "twilio")
    assert '"stop"' in say(responses, "utter_ask_location", "rest")


def test_a_hindi_professional_gets_hindi_and_sms_users_no_opt_out_word(responses: Dict[str, Any]) -> None:
    text = say(responses, "utter_faq/what_is_clonus", answer_language="hi", audience="professional")
    assert text.startswith("क्लोनस (clonus)") and text.endswith("स्रोत (Sources): wiseGEEK article, "
                                                                "17 Oct 2019; Dr.Oracle overview, 2025.")
    assert '"never mind"' in say(responses, "utter_ask_location", "twilio", answer_language="hi")
    assert '"stop"' in say(responses, "utter_ask_location", "rest", answer_language="hi")


# --- the check fails when it should -------------------------------------------------------

@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "clonus"
    shutil.copytree(paths.KNOWLEDGE, root / "knowledge")
    (root / "data" / "nlu" / "responses").mkdir(parents=True)
    shutil.copy2(paths.DOMAIN, root / "domain.yml")
    shutil.copy2(paths.DATA / "nlu" / "responses" / "faq.yml", root / "data" / "nlu" / "responses" / "faq.yml")
    return root


def edit(path: Path, change: Any) -> None:
    data = read(path)
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def problems(root: Path) -> list[str]:
    return [str(p) for p in check_hindi(Project(root))]


def hindi(variations: list[Dict[str, Any]]) -> list[Dict[str, Any]]:
    return [v for v in variations if is_hindi(v)]


def test_the_copy_passes(project: Path) -> None:
    assert problems(project) == []


def test_a_missing_translation_is_named(project: Path) -> None:
    edit(project / "domain.yml", lambda d: d["responses"]["utter_greet"].pop())
    assert problems(project) == ["domain.yml: utter_greet: no Hindi variation (condition: slot answer_language "
                                 "= hi): translate the English one"]


def test_a_different_source_line_is_named(project: Path) -> None:
    faq = project / "data" / "nlu" / "responses" / "faq.yml"

    def change(d: Dict[str, Any]) -> None:
        variation = hindi(d["responses"]["utter_faq/clonus_vs_tremor"])[0]
        variation["text"] = variation["text"].replace("FindADoctor guide, 9 Jan 2026", "Dr.Oracle overview, 2025")
    edit(faq, change)
    found = problems(project)
    assert any("utter_faq/clonus_vs_tremor: the Hindi source line differs" in p for p in found), found


def test_an_escalation_without_india_numbers_or_its_number_slot_is_named(project: Path) -> None:
    def change(d: Dict[str, Any]) -> None:
        first, second = hindi(d["responses"]["utter_red_flag_emergency"])
        first["text"] = first["text"].replace("108", "")
        second["text"] = second["text"].replace("{emergency_number}", "112")
    edit(project / "domain.yml", change)
    found = problems(project)
    assert any("utter_red_flag_emergency: the Hindi variation must name India's numbers" in p for p in found)
    assert any("utter_red_flag_emergency: the Hindi variation drops the number to call" in p for p in found)


def test_an_untagged_english_condition_and_an_unknown_slot_are_named(project: Path) -> None:
    def change(d: Dict[str, Any]) -> None:
        d["responses"]["utter_red_flag_urgent"][0]["condition"].pop()  # answer_language: en
        hindi(d["responses"]["utter_thank"])[0]["text"] += " {location}"
    edit(project / "domain.yml", change)
    found = problems(project)
    assert any("utter_red_flag_urgent: a conditional or channel variation without answer_language" in p
               for p in found), found
    assert any("utter_thank: the Hindi variation uses ['{location}']" in p for p in found), found


def test_unlisted_payloads_stale_buttons_and_the_review_mark_are_named(project: Path) -> None:
    def change(d: Dict[str, Any]) -> None:
        hindi(d["responses"]["utter_ask_audience"])[0]["buttons"][0]["payload"] = "मुझे क्लोनस है"
    edit(project / "domain.yml", change)
    edit(project / "knowledge" / "translations.yml", lambda d: d.update(status="reviewed"))
    edit(project / "knowledge" / "translations.yml",
         lambda d: d["titles"].update(clonus_feeling="क्लोनस कैसा लगता है?"))
    found = problems(project)
    assert any("the Hindi payload 'मुझे क्लोनस है' is not listed" in p for p in found), found
    assert any(p.startswith("knowledge/translations.yml: status must be") for p in found), found
    assert any("utter_faq/what_is_clonus: the Hindi related-topic buttons are out of date" in p for p in found)


@pytest.mark.parametrize("text", ["papa ka muh achanak tedha ho gaya aur bol nahi pa rahe",
                                  "अभी दादी को सांस लेने में बहुत दिक्कत हो रही है"])
def test_the_hindi_why_line_names_the_signs_in_hindi(responses: Dict[str, Any], text: str) -> None:
    """Session 8: for a Hindi user the escalation's "why" line names the signs by their Hindi
    labels (knowledge/red_flags.yml ``label_hi``, slot ``red_flag_sign_hi`` filled by the NLU
    detector's entity); an English user keeps the English labels."""
    import spacy
    from rasa.nlu.utils.spacy_utils import SpacyModel
    from rasa.shared.nlu.training_data.message import Message

    from bot.knowledge.red_flags import load_rules
    from bot.nlu.red_flag_detector import RedFlagDetector

    message = Message(data={"text": text})
    message.set("intent", {"name": "faq", "confidence": 0.9})
    RedFlagDetector(RedFlagDetector.get_default_config()).process(
        [message], SpacyModel(model=spacy.load("en_clonus_pipeline"), model_name="en_clonus_pipeline"))
    slots = {e["entity"]: e["value"] for e in message.get("entities")
             if e["entity"] in ("red_flag_sign", "red_flag_sign_hi", "red_flag_level")}
    assert message.get("intent")["name"] == "red_flag" and slots["red_flag_level"] == "emergency"
    hindi = say(responses, "utter_red_flag_details", answer_language="hi", **slots)
    english = say(responses, "utter_red_flag_details", **slots)
    labels_hi = {s.label_hi for s in load_rules().signs}
    assert slots["red_flag_sign_hi"] in hindi and slots["red_flag_sign"] not in hindi
    assert all(part in labels_hi for part in slots["red_flag_sign_hi"].split("; "))
    assert slots["red_flag_sign"] in english and not DEVANAGARI.search(english)


def test_every_sign_has_a_hindi_label() -> None:
    from bot.knowledge.red_flags import load_rules

    rules = load_rules()
    for sign in rules.signs:
        assert DEVANAGARI.search(sign.label_hi) and sign.label_hi != sign.label, sign.key
    assert DEVANAGARI.search(rules.default_label_hi)
