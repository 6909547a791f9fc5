"""Content integrity: every topic has a sourced answer for each audience, every
response is used, training data is clean and separate from the held-in test set.

The rules live in ``bot/maintain/checks.py``, which ``make validate`` runs too (one check per test
here); tests/test_maintainer_topic.py shows that each check fails when it should."""

from __future__ import annotations

import pytest
import yaml

from bot import paths
from bot.knowledge.files import load_sources, load_topics
from bot.maintain.checks import CHECKS, Project

#: The 18 topics the product promises (issue 2).
REQUIRED_TOPICS = {
    "what_is_clonus", "clonus_feeling", "clonus_causes", "clonus_vs_tremor", "clonus_and_ms",
    "clonus_mechanism", "clonus_medication_causes", "clonus_is_normal", "clonus_diagnosis",
    "clonus_treatment", "clonus_prognosis", "clonus_exercise", "clonus_self_care",
    "clonus_when_to_see_doctor", "clonus_spasticity", "clonus_vs_myoclonus", "clonus_one_side",
    "clonus_danger",
}
SEEDS = paths.ROOT.parent / "shared" / "seeds"


def faq_responses() -> dict[str, list[dict]]:
    data = yaml.safe_load((paths.DATA / "nlu" / "responses" / "faq.yml").read_text(encoding="utf-8"))
    return data["responses"]


def test_topic_catalogue_has_every_promised_topic() -> None:
    """New topics may be added (python -m bot topic new); the promised ones stay."""
    missing = REQUIRED_TOPICS - set(load_topics())
    assert not missing, f"promised topics missing from knowledge/topics.yml: {sorted(missing)}"


@pytest.mark.parametrize("name", list(CHECKS))
def test_project_check(name: str) -> None:
    """topics, responses_used, examples_per_intent, duplicates, test_set, answers_safe."""
    problems = CHECKS[name](Project(paths.ROOT))
    assert not problems, "\n" + "\n".join(f"- {problem}" for problem in problems)


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside this checkout")
def test_source_urls_are_https_and_named_by_their_seed() -> None:
    """The widget links a citation only to an address its seed names (never a guess)."""
    from urllib.parse import urlsplit

    for source in load_sources().values():
        if not source.url:
            continue
        parts = urlsplit(source.url)
        assert parts.scheme == "https" and parts.netloc, (source.key, source.url)
        host = parts.netloc.lower().removeprefix("www.")
        seed = (SEEDS / source.seed_file).read_text(encoding="utf-8").lower()
        assert host in seed, f"{source.key}: {host} is not named in {source.seed_file}"


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
