"""Red flags in Hindi and Hinglish (issue 17, item 4): the spaCy concept and ConText rules
with their Hindi supplements (knowledge/red_flags_hi.yml, knowledge/context_rules_hi.yml)
on the held-in vignettes (tests/red_flags/hindi_vignettes.yml), per script: every
emergency escalates, at most 5 % of the negated, past or hypothetical signs do, and no
ordinary question does. The whole NLU (with the classifier) is tested on the same set by
tests/test_red_flag_vignettes_hindi.py."""

from __future__ import annotations

from typing import Callable

import pytest
import spacy
import yaml

from bot import paths
from bot.knowledge.red_flags import Assessment, load_rules
from bot.knowledge.rule_files import merge, red_flag_data
from bot.nlp.components import fold_devanagari

VIGNETTES = yaml.safe_load((paths.ROOT / "tests" / "red_flags" / "hindi_vignettes.yml").read_text(encoding="utf-8"))
SCRIPTS = ("hi", "hi-latn", "mixed")
FALSE_ALARM_GATE = 0.05


@pytest.fixture(scope="module")
def assess() -> Callable[[str], Assessment]:
    nlp = spacy.load("en_clonus_pipeline")
    rules = load_rules()
    return lambda text: rules.assess(nlp(text.lower()))


def texts(part: str, script: str) -> list[str]:
    return [v["text"] for v in VIGNETTES[part] if v["script"] == script]


@pytest.mark.parametrize("script", SCRIPTS)
def test_every_hindi_emergency_escalates(assess, script: str) -> None:
    emergencies = texts("emergency", script)
    assert len(emergencies) >= 5
    missed = [t for t in emergencies if not assess(t).escalate]
    assert not missed, missed


@pytest.mark.parametrize("script", SCRIPTS)
def test_few_false_alarms_on_negated_past_or_hypothetical_signs(assess, script: str) -> None:
    others = texts("not_emergency", script)
    assert len(others) >= 2
    alarms = [t for t in others if assess(t).escalate]
    assert len(alarms) <= FALSE_ALARM_GATE * len(others), alarms


@pytest.mark.parametrize("script", SCRIPTS)
def test_ordinary_hindi_questions_do_not_escalate(assess, script: str) -> None:
    alarms = [t for t in texts("ordinary", script) if assess(t).escalate]
    assert not alarms, alarms


@pytest.mark.parametrize("text, label, status", [
    ("muh tedha nahi hai", "FACE_DROOP", "negated"),            # negation after the sign
    ("zubaan nahi ladkhadati", "COORDINATION", "negated"),     # right before the verb
    ("muh tedha ho gaya kuch kha nahi pa rahe", "FACE_DROOP", "present"),  # negates 'kha'
    ("haath sunn ho gaya hai pata nahi kyu", "NUMBNESS", "present"),       # 'pata nahi' = no idea
    ("saalon se haath me kamzori hai", "WEAKNESS", "historical"),
    ("saalon se pair kamzor ho rahe hain", "WEAKNESS", "historical"),
    ("saalon se kamzori hai par aaj achanak bol nahi pa rahe", "SPEECH", "present"),
    ("agar lakwa ho jaye to kya karein", "WEAKNESS", "hypothetical"),
    ("kya clonus se kamzori hoti hai?", "WEAKNESS", "informational"),
    ("मुँह टेढ़ा हो गया है।", "FACE_DROOP", "present"),
    ("मुंह टेढा नहीं है", "FACE_DROOP", "negated"),
])
def test_hindi_context(assess, text: str, label: str, status: str) -> None:
    found = {c.label: c.status for c in assess(text).concepts}
    assert found.get(label) == status, found


def test_devanagari_spelling_variants_fold() -> None:
    # nukta and chandrabindu are written either way
    assert fold_devanagari("कमज़ोरी") == fold_devanagari("कमजोरी") == "कमजोरी"
    assert fold_devanagari("मुँह") == "मुंह"
    assert fold_devanagari("लड़खड़ा") == "लडखडा"
    assert fold_devanagari("weakness") == "weakness"


def test_tokenizer_splits_the_danda(assess) -> None:
    nlp = spacy.load("en_clonus_pipeline")
    doc = nlp("मुंह टेढा हो गया है। वो बोल नहीं पा रहे")
    assert [t.text for t in doc][5] == "।"
    assert len(list(doc.sents)) == 2


def test_a_supplement_only_adds() -> None:
    data = red_flag_data()
    assert set(data["signs"]) == set(red_flag_data(supplements=[])["signs"])
    assert "lakwa" in " ".join(data["concepts"]["WEAKNESS"])
    with pytest.raises(ValueError):
        merge({"negation": {"window": 7}}, {"negation": {"window": 9}})
