"""The held-in Hindi test sets of issue 17, without a model: per script (Devanagari,
Hinglish, code-mixed) at least 8 messages for every FAQ topic and every intent people type,
labels that exist, messages in the script the file promises; the red-flag narratives have
at least 15 emergencies and 15 non-emergencies per script with seed labels; and no held-in
message is a training example (scripts/nlu_overlap.py). The model's figures on these sets:
tests/test_nlu_accuracy_hindi.py and tests/test_red_flag_narratives_hindi.py."""

from __future__ import annotations

import importlib.util
import re
from collections import Counter
from types import ModuleType

import pytest
import yaml

from bot import paths
from bot.maintain.results import load_examples

NLU_SETS = {"devanagari": "hindi_devanagari.yml", "hinglish": "hinglish.yml", "mixed": "hindi_mixed.yml"}
#: The intents besides the FAQ topics that people write in free text (the rest are buttons or
#: feedback payloads): each needs >= 8 messages per script.
TYPED_INTENTS = ("greet", "goodbye", "thank", "bot_challenge", "ask_topics", "affirm", "deny",
                 "iam_patient", "iam_caregiver", "iam_professional", "out_of_scope", "find_specialist",
                 "inform_location", "stop", "delete_data", "summarise_for_doctor", "red_flag",
                 "downplay_emergency", "ask_emergency_number")
PER_INTENT = 8
RED_FLAG_SET = paths.ROOT / "tests" / "red_flags" / "hindi_narratives.yml"
SCRIPTS = ("hi", "hi-latn", "mixed")
PER_GROUP = 15
#: The seeds' warning signs (FindADoctor 2026 "Red Flags", Dr.Oracle 2025, wiseGEEK 2019), as
#: labelled in tests/red_flags/vignettes.yml.
SIGNS = {"sudden_onset", "weakness", "coordination", "speech", "numbness", "severe_headache", "vision",
         "trauma", "stroke_signs", "fever_neuro", "breathing_swallowing", "worsening", "serotonin_syndrome"}
DEVANAGARI = re.compile("[\u0900-\u097f]")
LATIN = re.compile("[A-Za-z]")


def overlap_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("nlu_overlap", paths.ROOT / "scripts" / "nlu_overlap.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def topics() -> list[str]:
    data = yaml.safe_load((paths.ROOT / "knowledge" / "topics.yml").read_text(encoding="utf-8"))
    return list(data["topics"])


def domain_intents() -> set[str]:
    data = yaml.safe_load((paths.ROOT / "domain.yml").read_text(encoding="utf-8"))
    return set(data["intents"])


@pytest.mark.parametrize("script", NLU_SETS)
def test_every_topic_and_typed_intent_has_enough_messages(script: str) -> None:
    examples = load_examples(paths.ROOT / "tests" / "nlu" / NLU_SETS[script])
    counts = Counter(intent for _, intent in examples)
    wanted = [f"faq/{key}" for key in topics()] + list(TYPED_INTENTS)
    assert {k: counts[k] for k in wanted if counts[k] < PER_INTENT} == {}
    known = {f"faq/{key}" for key in topics()} | (domain_intents() - {"faq"})
    assert set(counts) <= known, set(counts) - known
    texts = [t for t, _ in examples]
    assert len(texts) == len(set(texts)), [t for t, n in Counter(texts).items() if n > 1]


def test_each_set_is_in_its_script() -> None:
    def texts(script: str) -> list[str]:
        return [t for t, _ in load_examples(paths.ROOT / "tests" / "nlu" / NLU_SETS[script])]

    assert [t for t in texts("devanagari") if not DEVANAGARI.search(t)] == []
    assert [t for t in texts("hinglish") if DEVANAGARI.search(t) or not LATIN.search(t)] == []
    mixed = texts("mixed")
    assert [t for t in mixed if not LATIN.search(t)] == []
    with_devanagari = [t for t in mixed if DEVANAGARI.search(t)]
    assert 0 < len(with_devanagari) < len(mixed), "code-mixed: both Devanagari+English and Hinglish+English"


def test_red_flag_narratives_have_enough_labelled_messages_per_script() -> None:
    data = yaml.safe_load(RED_FLAG_SET.read_text(encoding="utf-8"))
    for group in ("emergency", "not_emergency"):
        counts = Counter(item["script"] for item in data[group])
        assert set(counts) == set(SCRIPTS) and min(counts.values()) >= PER_GROUP, (group, counts)
    for item in data["emergency"]:
        assert item["signs"] and set(item["signs"]) <= SIGNS, item
    assert all(item.get("kind") for item in data["not_emergency"])
    for item in data["emergency"] + data["not_emergency"]:
        text, script = item["text"], item["script"]
        if script == "hi":
            assert DEVANAGARI.search(text), item
        elif script == "hi-latn":
            assert LATIN.search(text) and not DEVANAGARI.search(text), item
    texts = [item["text"] for item in data["emergency"] + data["not_emergency"]]
    assert len(texts) == len(set(texts))


def test_no_held_in_hindi_message_is_a_training_example() -> None:
    overlap = overlap_module()
    assert RED_FLAG_SET.name in overlap.RED_FLAG_SETS
    wanted = set(NLU_SETS.values()) | {RED_FLAG_SET.name}
    assert wanted <= {path.name for path, _, _ in overlap.held_in()}
    hindi = [(p.name, label, text) for p, label, text, _ in overlap.overlaps() if p.name in wanted]
    assert hindi == [], "held-in Hindi messages are training examples: take them out of data/"


def test_the_overlap_check_keeps_devanagari_vowel_signs() -> None:
    norm = overlap_module().norm
    assert norm("कि") != norm("की")
    assert norm("नमस्ते।") == norm("नमस्ते") == "नमस्ते"
    assert norm("Hello, World!") == "hello world"
