"""action_red_flag_details records escalations; the escalation wording matches the data file."""

from __future__ import annotations

from typing import Any, Dict

import yaml

from actions.red_flags import MAX_LOG_ENTRIES, ActionRedFlagDetails
from bot import paths
from bot.knowledge.red_flags import load_rules
from bot.maintain.checks_hindi import english_variations


def red_flag_message(signs: list[str], level: str = "emergency") -> Dict[str, Any]:
    return {
        "text": "...",
        "intent": {"name": "red_flag" if level == "emergency" else "red_flag_urgent"},
        "red_flags": {"level": level, "escalate": True, "signs": [{"sign": s} for s in signs]},
    }


def test_action_is_in_the_domain(domain_dict) -> None:
    assert ActionRedFlagDetails().name() in domain_dict["actions"]


def test_records_the_escalation(make_tracker, dispatcher, domain_dict) -> None:
    tracker = make_tracker(latest_message=red_flag_message(["speech", "weakness"]),
                           slots={"red_flag_sign": "difficulty speaking"})
    events = ActionRedFlagDetails().run(dispatcher, tracker, domain_dict)
    assert dispatcher.messages == [], "the advice itself is sent by rules, not by the action"
    log = next(e for e in events if e["name"] == "red_flag_log")["value"]
    assert log[-1]["signs"] == ["speech", "weakness"] and log[-1]["level"] == "emergency"
    assert log[-1]["detected_by"] == "rules"
    assert not any(e["name"] == "red_flag_sign" for e in events)


def test_classifier_only_escalation_gets_a_sign_text(make_tracker, dispatcher, domain_dict) -> None:
    message = {"text": "...", "intent": {"name": "red_flag"}, "red_flags": {"escalate": False, "signs": []}}
    events = ActionRedFlagDetails().run(dispatcher, make_tracker(latest_message=message), domain_dict)
    log = next(e for e in events if e["name"] == "red_flag_log")["value"]
    assert log[-1]["detected_by"] == "classifier" and log[-1]["level"] == "emergency"
    assert any(e["name"] == "red_flag_sign" and e["value"] for e in events)
    # the Hindi answers name it in Hindi (knowledge/red_flags.yml, default_label_hi)
    hindi = next(e["value"] for e in events if e["name"] == "red_flag_sign_hi")
    assert any("\u0900" <= c <= "\u097f" for c in hindi)


def test_log_is_bounded(make_tracker, dispatcher, domain_dict) -> None:
    old = [{"time": i} for i in range(MAX_LOG_ENTRIES)]
    tracker = make_tracker(latest_message=red_flag_message(["numbness"]), slots={"red_flag_log": old})
    events = ActionRedFlagDetails().run(dispatcher, tracker, domain_dict)
    log = next(e for e in events if e["name"] == "red_flag_log")["value"]
    assert len(log) == MAX_LOG_ENTRIES and log[-1]["signs"] == ["numbness"]


def test_escalation_responses_carry_the_data_file_wording() -> None:
    domain = yaml.safe_load(paths.DOMAIN.read_text(encoding="utf-8"))
    levels = load_rules().levels
    for level in ("emergency", "urgent"):
        response = levels[level].response
        assert response and response.startswith("utter_red_flag_")
        # the English wording (the Hindi variations translate it: bot/maintain/checks_hindi.py)
        for variation in english_variations(domain["responses"][response]):
            assert levels[level].advice in variation["text"], (response, variation["text"])
    details = {tuple(v.get("condition") or []) and v["condition"][0]["value"]: v["text"]
               for v in domain["responses"]["utter_red_flag_details"]}
    assert levels["emergency"].if_worse in details[()]
    assert levels["urgent"].if_worse in domain["responses"]["utter_red_flag_urgent"][0]["text"]


def test_every_sign_names_a_seed_source() -> None:
    sources = yaml.safe_load((paths.KNOWLEDGE / "red_flags.yml").read_text(encoding="utf-8"))["sources"]
    for sign in load_rules().signs:
        assert sign.source in sources, sign.key
        assert sign.level in load_rules().levels


def test_record_of_signs_combined_over_several_messages() -> None:
    from actions.red_flags import escalation_record

    latest = {"intent": {"name": "faq"}, "red_flags": {"level": "information", "escalate": False, "signs": []}}
    record = escalation_record(latest, 0.0, "emergency")
    assert record["level"] == "emergency" and record["detected_by"] == "several messages"
    assert escalation_record({"intent": {"name": "red_flag"}}, 0.0, None)["detected_by"] == "classifier"
