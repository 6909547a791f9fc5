"""Content integrity: every topic has a sourced answer for each audience, every
response is used, training data is clean and separate from the held-in test set."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from pathlib import Path

import pytest
import yaml

from bot import paths
from bot.evaluate import load_examples
from bot.knowledge import load_sources, load_topics

#: The 18 topics the product promises (issue 2).
REQUIRED_TOPICS = {
    "what_is_clonus", "clonus_feeling", "clonus_causes", "clonus_vs_tremor", "clonus_and_ms",
    "clonus_mechanism", "clonus_medication_causes", "clonus_is_normal", "clonus_diagnosis",
    "clonus_treatment", "clonus_prognosis", "clonus_exercise", "clonus_self_care",
    "clonus_when_to_see_doctor", "clonus_spasticity", "clonus_vs_myoclonus", "clonus_one_side",
    "clonus_danger",
}
MIN_TRAINING_EXAMPLES = 20
MIN_TEST_EXAMPLES = 8
SEEDS = paths.ROOT.parent / "shared" / "seeds"
SOURCE_LINE = re.compile(r"\n(Sources?): (?P<cites>[^\n]+?)\.?\s*$")


def norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w ]", " ", text.lower()).split())


def training_examples() -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    for path in sorted((paths.DATA / "nlu").glob("*.yml")):
        pairs += [(text, intent) for text, intent in load_examples(path)]
    return pairs


def faq_responses() -> dict[str, list[dict]]:
    data = yaml.safe_load((paths.DATA / "nlu" / "responses" / "faq.yml").read_text(encoding="utf-8"))
    return data["responses"]


def test_topic_catalogue_has_every_promised_topic() -> None:
    assert set(load_topics()) == REQUIRED_TOPICS


def test_every_topic_has_examples_answer_and_title() -> None:
    responses = faq_responses()
    intents = {intent for _, intent in training_examples() if intent.startswith("faq/")}
    for key in REQUIRED_TOPICS:
        assert f"faq/{key}" in intents, f"no NLU examples for faq/{key}"
        assert f"utter_faq/{key}" in responses, f"no answer utter_faq/{key}"
    assert {r.split("/", 1)[1] for r in responses} == REQUIRED_TOPICS
    assert {i.split("/", 1)[1] for i in intents} == REQUIRED_TOPICS


@pytest.mark.parametrize("key", sorted(REQUIRED_TOPICS))
def test_answer_has_professional_and_plain_variation_each_naming_its_source(key: str) -> None:
    variations = faq_responses()[f"utter_faq/{key}"]
    citations = {s.citation: s.key for s in load_sources().values()}
    topic = load_topics()[key]
    conditions = [v.get("condition") for v in variations]
    assert [{"type": "slot", "name": "audience", "value": "professional"}] in conditions
    assert None in conditions, "a default (plain language) variation is needed"
    for variation in variations:
        text = variation["text"].rstrip()
        match = SOURCE_LINE.search(text)
        assert match, f"utter_faq/{key} does not end with a 'Source:' line: {text[-120:]!r}"
        named = [c.strip() for c in match.group("cites").split(";")]
        for cite in named:
            assert cite.rstrip(".") in citations, f"utter_faq/{key}: unknown source {cite!r}"
            assert citations[cite.rstrip(".")] in topic.sources
        assert len(text) < 1000
    professional = next(v for v in variations if v.get("condition"))["text"]
    plain = next(v for v in variations if not v.get("condition"))["text"]
    assert professional != plain


def test_no_dose_or_medicine_change_instructions_in_answers() -> None:
    """Answers never give a dose (mg, times a day) or tell people to stop/change a medicine."""
    dose = re.compile(r"\b\d+\s?(mg|milligrams?|mcg|ml)\b|\btimes a day\b|\bdaily dose\b", re.I)
    instruction = re.compile(r"\b(stop|reduce|increase|double|switch) (taking|your|the) ", re.I)
    for name, variations in faq_responses().items():
        for variation in variations:
            assert not dose.search(variation["text"]), name
            for hit in instruction.finditer(variation["text"]):
                before = variation["text"][max(0, hit.start() - 40):hit.start()].lower()
                assert "not" in before or "never" in before or "don't" in before, (name, hit.group(0))


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside this checkout")
def test_sources_name_existing_seeds_and_numbers_trace_to_them() -> None:
    seed_text = ""
    for source in load_sources().values():
        path = SEEDS / source.seed_file
        assert path.is_file(), f"{source.key}: {path} missing"
        seed_text += path.read_text(encoding="utf-8") + "\n"
    numbers_in_seeds = set(re.findall(r"\d+", seed_text))
    for name, variations in faq_responses().items():
        for variation in variations:
            body = SOURCE_LINE.sub("", variation["text"])
            for number in re.findall(r"\d+", body):
                assert number in numbers_in_seeds, f"{name}: the number {number} is not in any seed"


def test_related_topic_buttons_are_in_sync_with_the_catalogue() -> None:
    """Answers carry their related topics (knowledge/topics.yml) as buttons whose payload
    is the question itself; scripts/sync_related_buttons.py writes them."""
    import subprocess
    import sys

    check = subprocess.run([sys.executable, str(paths.ROOT / "scripts" / "sync_related_buttons.py"), "--check"],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    for name, variations in faq_responses().items():
        for variation in variations:
            buttons = variation.get("buttons") or []
            assert buttons, name
            assert all(b["payload"] == b["title"] and not b["payload"].startswith("/") for b in buttons)


def test_topics_response_lists_every_topic() -> None:
    domain = yaml.safe_load(paths.DOMAIN.read_text(encoding="utf-8"))
    text = domain["responses"]["utter_topics"][0]["text"]
    for topic in load_topics().values():
        assert topic.title in text, topic.title
        for related in topic.related:
            assert related in load_topics(), f"{topic.key}: unknown related topic {related}"


def test_every_intent_has_enough_training_examples() -> None:
    counts = Counter(intent for _, intent in training_examples())
    domain = yaml.safe_load(paths.DOMAIN.read_text(encoding="utf-8"))
    for intent in domain["intents"]:
        if intent == "faq":
            continue
        assert counts[intent] >= MIN_TRAINING_EXAMPLES, (intent, counts[intent])
    for key in REQUIRED_TOPICS:
        assert counts[f"faq/{key}"] >= MIN_TRAINING_EXAMPLES, (key, counts[f"faq/{key}"])


def test_no_training_example_in_two_intents() -> None:
    seen: dict[str, set[str]] = defaultdict(set)
    for text, intent in training_examples():
        seen[norm(text)].add(intent)
    clashes = {text: intents for text, intents in seen.items() if len(intents) > 1}
    assert not clashes, clashes


def test_held_in_test_set_is_separate_and_big_enough() -> None:
    train = {norm(text) for text, _ in training_examples()}
    test_path = paths.ROOT / "tests" / "nlu" / "test_nlu.yml"
    test = load_examples(test_path)
    leaked = [text for text, _ in test if norm(text) in train]
    assert not leaked, f"held-in examples copied into training data: {leaked}"
    counts = Counter(intent for _, intent in test)
    domain = yaml.safe_load(paths.DOMAIN.read_text(encoding="utf-8"))
    wanted = [i for i in domain["intents"] if i != "faq"] + [f"faq/{k}" for k in REQUIRED_TOPICS]
    for intent in wanted:
        assert counts[intent] >= MIN_TEST_EXAMPLES, (intent, counts[intent])


def _used_in_rules_or_stories() -> set[str]:
    used: set[str] = set()
    for path in list((paths.DATA / "rules").glob("*.yml")) + list((paths.DATA / "stories").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for block in data.get("rules", []) + data.get("stories", []):
            used |= {step["action"] for step in block.get("steps", []) if "action" in step}
    return used


def test_every_response_is_used() -> None:
    domain = yaml.safe_load(paths.DOMAIN.read_text(encoding="utf-8"))
    used = _used_in_rules_or_stories()
    action_code = "\n".join(p.read_text(encoding="utf-8") for p in Path(paths.ROOT / "actions").rglob("*.py"))
    from bot.specialists import load_map

    by_data = set(load_map().responses())  # sent by action_suggest_specialist, per situation
    for name in domain["responses"]:
        assert name in used or name in by_data or f'"{name}"' in action_code, f"{name} is never sent"
    assert "utter_faq" in used
    # the form's validation and ask actions are run by the form, not predicted
    run_by_forms = {f"validate_{form}" for form in domain.get("forms", {})} | {"action_ask_location"}
    for action in domain.get("actions", []):
        assert action in used or action in run_by_forms, f"{action} is never predicted"
