"""The classifier's red-flag guess is kept only on evidence (bot/nlu/safety_net.py, used by
bot/nlu/red_flag_detector.py): a present warning-sign concept (capped at the level its
signs reach), any other present concept in a message not told as a story (or a story
anchored in the present), or a confident guess on a message that reads like a current
report. Mentions only, stories with no present concept and stories about old, normal,
habitual or followed things (issue 14 item 2) lose the guess."""

from __future__ import annotations

import dataclasses
from typing import Any, Dict, List

import pytest
import spacy
from rasa.nlu.utils.spacy_utils import SpacyModel
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.knowledge.red_flags import load_rules
from bot.nlu.red_flag_detector import RedFlagDetector
from bot.nlu.safety_net import DEFAULT_MIN_CONFIDENCE, SafetyNet

CONFIDENT = 0.97
UNSURE = 0.6


@pytest.fixture(scope="module")
def nlp():
    return spacy.load("en_clonus_pipeline")


@pytest.fixture(scope="module")
def net() -> SafetyNet:
    return SafetyNet(load_rules())


def keep(nlp, net: SafetyNet, text: str, intent: str = "red_flag", confidence: float = CONFIDENT):
    return net.keep(load_rules().assess(nlp(text.lower())), intent, confidence)


@pytest.mark.parametrize(
    "text",
    [
        "my baby has a fever and her arm is doing a weird thing",  # FEVER present, no sign
        "my husband is acting strangely and his arm is doing something odd",  # CONFUSION present
    ],
)
def test_a_present_warning_sign_concept_keeps_the_guess(nlp, net, text: str) -> None:
    assert keep(nlp, net, text, confidence=UNSURE) == "red_flag"


def test_the_guess_is_capped_at_what_the_present_concepts_can_reach(nlp, net) -> None:
    # "getting worse" alone can only ever be urgent
    assert keep(nlp, net, "it's getting worse every day") == "red_flag_urgent"
    assert keep(nlp, net, "it's getting worse every day", intent="red_flag_urgent") == "red_flag_urgent"


def test_a_confident_guess_on_a_current_report_is_kept(nlp, net) -> None:
    text = "my mum's mouth went funny and she keeps dropping her cup right now"
    assert load_rules().assess(nlp(text.lower())).current_report
    assert keep(nlp, net, "papa ka muh ek taraf latak raha hai abhi") == "red_flag"
    assert keep(nlp, net, "help, something is very wrong with my dad right now") == "red_flag"
    assert keep(nlp, net, "help, something is very wrong with my dad right now", confidence=UNSURE) is None


@pytest.mark.parametrize(
    "text",
    [
        "at night my legs twitch and kick and wake up my wife",
        "For my exam: why do head injuries cause clonus?",
    ],
)
def test_stories_without_a_present_concept_lose_the_guess(nlp, net, text: str) -> None:
    assert keep(nlp, net, text, confidence=0.999) is None


@pytest.mark.parametrize(
    "text",
    [
        "my dad's ankle keeps jerking and I don't know what to do",
        "the jerking in my calf is really bothering me",
    ],
)
def test_recall_first_a_present_concept_keeps_a_confident_guess(nlp, net, text: str) -> None:
    """A present concept (here the jerking itself) in a message that is not told as a
    story keeps the classifier's guess: recall is never traded for fewer false alarms."""
    assert keep(nlp, net, text, confidence=0.999) == "red_flag"


@pytest.mark.parametrize(
    "text",
    [
        "his voice sounds normal and his ankle only jerks when he stands",  # normal function
        "our son has had stiff legs and jerky ankles since birth, he has cerebral palsy",  # long-standing
        "my GP tapped my knee at a routine appointment and my foot kept beating",  # followed
        "my legs are really stiff first thing in the morning and loosen up after a shower",  # habit
        "he swears he didn't fall, the foot jerking has been there a long time",  # long-standing
    ],
)
def test_a_story_about_old_normal_or_followed_things_loses_the_guess(nlp, net, text: str) -> None:
    """Issue 14 item 2: the safety net does not fire on stories. Through the whole NLU
    (session 6, scripts/red_flag_vignettes.py --nlu) no emergency or urgent story of any
    red-flag set needs the net any more, and the 13 false alarms it made on them on model
    fe6642f6dad1 are gone."""
    assert keep(nlp, net, text, confidence=0.999) is None


@pytest.mark.parametrize(
    "text",
    [
        "I've had MS for years but since this morning my leg is doing something odd",
        "my son has had stiff legs since birth and right now his ankle is doing a strange thing",
    ],
)
def test_a_story_anchored_in_the_present_keeps_the_guess(nlp, net, text: str) -> None:
    result = load_rules().assess(nlp(text.lower()))
    assert result.frames and result.anchored, result.as_dict()
    assert keep(nlp, net, text, confidence=0.999) == "red_flag"


TYPICAL_TODDLER = "one minute she's fine, the next she's screaming the house down, typical toddler, the gp says she's thriving"


def test_a_manner_word_alone_is_no_evidence_for_rule_1(nlp, net) -> None:
    """Session 17: "suddenly" / "one minute fine, the next" tells how something began, not what
    (``net_evidence_with: SUDDEN`` in knowledge/red_flags.yml). Alone, in a story told as a habit, the
    guess is withdrawn; before, rule 1 kept it at the emergency ceiling of the sudden-onset signs."""
    rules = load_rules()
    result = rules.assess(nlp(TYPICAL_TODDLER.lower()))
    assert result.present_signs == ["SUDDEN"] and result.frames and not result.anchored, result.as_dict()
    assert keep(nlp, net, TYPICAL_TODDLER, confidence=0.999) is None
    without = SafetyNet(dataclasses.replace(rules, net_evidence_with={
        k: v for k, v in rules.net_evidence_with.items() if k != "SUDDEN"}))
    assert without.keep(result, "red_flag", 0.999) == "red_flag"  # the old reading, so the test can fail


@pytest.mark.parametrize(
    "text",
    [
        "my dad suddenly went weak and can't lift his cup",  # with a sign concept: rule 1
        "my grandad suddenly went all strange",  # alone but not a story: rule 2
        "out of nowhere my son went really odd and floppy",
    ],
)
def test_recall_first_sudden_with_a_sign_or_outside_a_story_keeps_the_guess(nlp, net, text: str) -> None:
    assert keep(nlp, net, text, confidence=UNSURE) == "red_flag"


def test_mentions_lose_the_guess(nlp, net) -> None:
    assert keep(nlp, net, "no weakness and no numbness, just the clonus") is None


def test_other_intents_are_left_alone(nlp, net) -> None:
    assert keep(nlp, net, "my arm is weak", intent="faq") is None


def message(text: str, ranking: List[Dict[str, Any]]) -> Message:
    msg = Message(data={TEXT: text})
    msg.set(INTENT, ranking[0])
    msg.set(INTENT_RANKING_KEY, ranking)
    return msg


def detect(nlp, text: str, ranking: List[Dict[str, Any]]) -> Message:
    detector = RedFlagDetector({**RedFlagDetector.get_default_config()})
    msg = message(text, ranking)
    detector.process([msg], SpacyModel(model=nlp, model_name="en_clonus_pipeline"))
    return msg


def test_detector_withdraws_a_guess_on_a_story(nlp) -> None:
    msg = detect(nlp, "For my exam: why do head injuries cause clonus?",
                 [{"name": "red_flag", "confidence": 0.95}, {"name": "faq", "confidence": 0.04}])
    assert msg.get(INTENT)["name"] == "faq"


def test_detector_keeps_a_guess_with_evidence_and_caps_it(nlp) -> None:
    msg = detect(nlp, "it's getting worse every day",
                 [{"name": "red_flag", "confidence": 0.7}, {"name": "faq", "confidence": 0.2}])
    assert msg.get(INTENT)["name"] == "red_flag_urgent"
    assert any(e["entity"] == "red_flag_level" and e["value"] == "urgent" for e in msg.get("entities"))


@pytest.mark.parametrize("text", [
    "the jerking in his leg has been worse every day since Monday, he is breathing and swallowing fine",
    "her leg spasms have stepped up day after day since the weekend",
])
def test_an_emergency_guess_on_getting_worse_every_day_stays_urgent(nlp, text: str) -> None:
    """Issue 14 item 5: the rules say urgent and nothing present could make it an emergency."""
    msg = detect(nlp, text, [{"name": "red_flag", "confidence": 0.99}, {"name": "faq", "confidence": 0.01}])
    assert msg.get(INTENT)["name"] == "red_flag_urgent"


def test_an_emergency_guess_on_one_serotonergic_medicine_with_jerking_stays_urgent(nlp) -> None:
    msg = detect(nlp, "I started sertraline three days ago and my ankles jerk when I stretch",
                 [{"name": "red_flag", "confidence": 0.99}, {"name": "faq", "confidence": 0.01}])
    assert msg.get(INTENT)["name"] == "red_flag_urgent"


def test_detector_rules_still_win_over_the_classifier(nlp) -> None:
    msg = detect(nlp, "his face is drooping on one side", [{"name": "faq", "confidence": 0.99}])
    assert msg.get(INTENT)["name"] == "red_flag"


def test_the_threshold_is_a_component_setting() -> None:
    assert RedFlagDetector.get_default_config()["safety_net_confidence"] == DEFAULT_MIN_CONFIDENCE
