"""Maintainer workflow (issue 7) in a temporary copy of the project: scaffold a topic ->
the project checks fail naming every missing piece -> fill the stubs -> they pass.
Also: bad and existing keys are refused, and each check catches what it promises."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from bot import paths
from bot.maintain.checks import MIN_TEST_EXAMPLES, MIN_TRAINING_EXAMPLES, Project, run_checks
from bot.maintain.scaffold import ScaffoldError, new_topic

COPIED = ("config.yml", "domain.yml", "endpoints.yml", "data", "knowledge", "actions", "scripts",
          "tests/nlu", "tests/test_stories.yml")
SAMPLE_FILE = Path(__file__).parent / "fixtures" / "sample_topic.yml"
SAMPLE = yaml.safe_load(SAMPLE_FILE.read_text(encoding="utf-8"))
KEY, TITLE = SAMPLE["key"], SAMPLE["title"]
TRAINING, HELD_IN = SAMPLE["training"], SAMPLE["held_in"]
PLAIN, PROFESSIONAL = SAMPLE["plain"], SAMPLE["professional"]
TITLE_HI, PLAIN_HI = SAMPLE["title_hi"], SAMPLE["plain_hi"]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "clonus"
    for name in COPIED:
        source = paths.ROOT / name
        if source.is_dir():
            shutil.copytree(source, root / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, root / name)
    return root


def run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CLONUS_ROOT": str(root)}
    return subprocess.run([sys.executable, *args], cwd=root, env=env, capture_output=True, text=True,
                          timeout=120)


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def block(lines: list[str]) -> str:
    return "\n    - ".join(lines)


def test_scaffold_then_validate_names_what_is_missing_then_passes_once_filled(project: Path) -> None:
    created = run(project, "-m", "bot", "topic", "new", KEY)
    assert created.returncode == 0, created.stdout + created.stderr
    for name in ("data/nlu/faq.yml", "data/nlu/responses/faq.yml", "knowledge/topics.yml",
                 "knowledge/translations.yml", "domain.yml", "tests/test_stories.yml",
                 "tests/nlu/test_nlu.yml"):
        assert name in created.stdout
        assert "TODO" in (project / name).read_text(encoding="utf-8"), name

    # the stubs are valid Rasa data: the answer has both audiences and Hindi, the catalogue the key
    responses = yaml.safe_load((project / "data/nlu/responses/faq.yml").read_text())["responses"]
    assert len(responses[f"utter_faq/{KEY}"]) == 3
    assert KEY in yaml.safe_load((project / "knowledge/topics.yml").read_text())["topics"]

    checked = run(project, "-m", "bot.maintain.checks")
    assert checked.returncode == 1
    out = checked.stdout
    for missing in (
        f"faq/{KEY} has 0 training examples; at least {MIN_TRAINING_EXAMPLES} are needed",
        f"utter_faq/{KEY}: the plain answer is still TODO",
        f"utter_faq/{KEY}: the professional answer is still TODO",
        "Source line names 'TODO', which is not a document of knowledge/sources.yml",
        f"knowledge/topics.yml: {KEY}: title is missing or still TODO",
        f"knowledge/topics.yml: {KEY}: sources is empty",
        f"knowledge/topics.yml: {KEY}: related lists 0 topics",
        "domain.yml: utter_topics still has a TODO line",
        f"the conversation test for faq/{KEY} still has a TODO message",
        f"faq/{KEY} has 0 held-in test examples; at least {MIN_TEST_EXAMPLES} are needed",
        f"utter_faq/{KEY}: the Hindi variation is still TODO",
        f"the Hindi title of topic {KEY} is still TODO",
    ):
        assert missing in out, f"{missing!r} not reported:\n{out}"
    # only the new topic is reported: nothing about the curated topics
    problem_lines = [ln for ln in out.splitlines() if ln.strip().startswith("- ")]
    assert problem_lines and all(KEY in ln or "TODO" in ln for ln in problem_lines), out

    # fill some: too few examples and an answer citing an unknown document are still named
    nlu = project / "data/nlu/faq.yml"
    placeholder = re.search(r"    - TODO: at least \d+ ways users ask about .*\n", nlu.read_text()).group(0)
    replace(nlu, placeholder, "    - " + block(TRAINING[:5]) + "\n")
    answers = project / "data/nlu/responses/faq.yml"
    replace(answers, "      TODO: the answer in plain words (a short paragraph, short sentences, medical "
                     "terms explained), from the seed documents only.\n      Source: TODO",
            "      " + PLAIN.split("\n")[0] + "\n      Source: Wikipedia")
    problems = [str(p) for p in run_checks(project)]
    assert any(f"faq/{KEY} has 5 training examples; at least {MIN_TRAINING_EXAMPLES}" in p for p in problems)
    assert any("names 'Wikipedia', which is not a document of knowledge/sources.yml" in p for p in problems)
    assert not any("the plain answer is still TODO" in p for p in problems)

    # fill everything
    replace(nlu, "    - " + block(TRAINING[:5]) + "\n", "    - " + block(TRAINING) + "\n")
    replace(answers, "      " + PLAIN.split("\n")[0] + "\n      Source: Wikipedia",
            "      " + PLAIN.replace("\n", "\n      "))
    replace(answers, "      TODO: the answer in clinical wording, from the seed documents only.\n"
                     "      Source: TODO", "      " + PROFESSIONAL.replace("\n", "\n      "))
    topics = project / "knowledge/topics.yml"
    replace(topics, 'title: "TODO: the question as users would ask it"', f'title: "{TITLE}"')
    text = topics.read_text()
    text = re.sub(r"sources: \[\]  # TODO.*", f"sources: [{', '.join(SAMPLE['sources'])}]", text)
    text = re.sub(r"related: \[\]  # TODO.*", f"related: [{', '.join(SAMPLE['related'])}]", text)
    topics.write_text(text)
    replace(project / "domain.yml", "- TODO: the question as users would ask it", f"- {TITLE}")
    replace(project / "domain.yml", "- TODO: the question in Hindi", f"- {TITLE_HI}")
    replace(project / "knowledge/translations.yml", "TODO: the question in Hindi", TITLE_HI)
    replace(answers, "      TODO: the plain answer in Hindi (Devanagari, medical terms with the English word "
                     "in brackets, the same 'स्रोत (Source):' line), from the seed documents only.\n"
                     "      स्रोत (Source): TODO", "      " + PLAIN_HI.replace("\n", "\n      "))
    stories = project / "tests/test_stories.yml"
    replace(stories, "TODO: a typical question about clonus jaw (not copied from the training examples)",
            SAMPLE["conversation_test"])
    test_set = project / "tests/nlu/test_nlu.yml"
    placeholder = re.search(r"    - TODO: at least \d+ held-in questions .*\n", test_set.read_text()).group(0)
    replace(test_set, placeholder, "    - " + block(HELD_IN) + "\n")

    problems = [str(p) for p in run_checks(project)]
    assert problems == ["data/nlu/responses/faq.yml: utter_faq/clonus_jaw: related-topic buttons "
                        "are out of date: run `python scripts/sync_related_buttons.py`",
                        "data/nlu/responses/faq.yml: utter_faq/clonus_jaw: the Hindi related-topic "
                        "buttons are out of date: run `python scripts/sync_related_buttons.py`"], problems
    synced = run(project, "scripts/sync_related_buttons.py")
    assert synced.returncode == 0, synced.stdout + synced.stderr

    checked = run(project, "-m", "bot.maintain.checks")
    assert checked.returncode == 0, checked.stdout
    assert "All project checks passed." in checked.stdout
    buttons = yaml.safe_load(answers.read_text())["responses"][f"utter_faq/{KEY}"][0]["buttons"]
    assert [b["title"] for b in buttons] == ["What does clonus feel like?", "When should I see a doctor?"]

    # the same key again is refused politely, and nothing is written
    before = {p: p.read_text() for p in project.rglob("*.yml")}
    again = run(project, "-m", "bot", "topic", "new", KEY)
    assert again.returncode == 1
    assert f"Sorry, the topic '{KEY}' already exists" in again.stdout
    assert before == {p: p.read_text() for p in project.rglob("*.yml")}


@pytest.mark.parametrize("key", ["Clonus-Jaw", "jaw clonus", "1jaw", "jaw__clonus", "_jaw", "faq/jaw", "",
                                 "a" * 51])
def test_bad_keys_are_refused_without_writing(project: Path, key: str) -> None:
    before = {p: p.read_text() for p in project.rglob("*.yml")}
    with pytest.raises(ScaffoldError, match="cannot be a topic key"):
        new_topic(key, root=project)
    assert before == {p: p.read_text() for p in project.rglob("*.yml")}


@pytest.mark.parametrize("key", ["clonus_causes", "what_is_clonus"])
def test_existing_keys_are_refused(project: Path, key: str) -> None:
    with pytest.raises(ScaffoldError, match="already exists"):
        new_topic(key, root=project)


def test_scaffold_with_a_title_writes_it_to_the_catalogue_and_the_topic_list(project: Path) -> None:
    new_topic(KEY, TITLE, root=project)
    data = Project(project)
    assert data.topics[KEY]["title"] == TITLE
    assert f"- {TITLE}" in data.domain["responses"]["utter_topics"][0]["text"]
    problems = [str(p) for p in run_checks(project)]
    # the English title is done; the Hindi one (knowledge/translations.yml) is still TODO
    assert not any("title" in p and "Hindi" not in p for p in problems), problems
    assert any(f"the Hindi title of topic {KEY} is still TODO" in p for p in problems), problems
    story = next(s for s in data.test_stories if s["story"] == f"topic {KEY} as the first message")
    assert {"intent": f"faq/{KEY}"}.items() <= story["steps"][0].items()


def test_a_topic_from_a_draft_file_passes_the_checks_at_once(project: Path) -> None:
    created = run(project, "-m", "bot", "topic", "new", KEY, "--from", str(SAMPLE_FILE))
    assert created.returncode == 0, created.stdout + created.stderr
    assert run(project, "scripts/sync_related_buttons.py", "--check").returncode == 0
    problems = [str(p) for p in run_checks(project)]
    assert not problems, problems
    data = Project(project)
    assert [e.text for e in data.training_examples if e.intent == f"faq/{KEY}"] == TRAINING
    assert [e.text for e in data.test_examples if e.intent == f"faq/{KEY}"] == HELD_IN
    plain = next(v for v in data.faq_responses[f"utter_faq/{KEY}"] if not v.get("condition"))
    assert plain["text"] == PLAIN


def test_a_partial_draft_leaves_the_rest_todo(project: Path, tmp_path: Path) -> None:
    draft = tmp_path / "draft.yml"
    draft.write_text(yaml.safe_dump({"title": TITLE, "training": TRAINING[:3]}))
    assert run(project, "-m", "bot", "topic", "new", KEY, "--from", str(draft)).returncode == 0
    problems = [str(p) for p in run_checks(project)]
    assert any(f"faq/{KEY} has 3 training examples" in p for p in problems)
    assert any("the plain answer is still TODO" in p for p in problems)
    assert any("the Hindi variation is still TODO" in p for p in problems)
    assert not any("title" in p and "Hindi" not in p for p in problems)


def _append_examples(path: Path, intent: str, texts: list[str]) -> None:
    with path.open("a", encoding="utf-8") as handle:
        handle.write(f"\n- intent: {intent}\n  examples: |\n    - " + block(texts) + "\n")


def test_checks_catch_a_duplicate_a_leak_and_an_unused_response(project: Path) -> None:
    # an example that is already a faq/what_is_clonus example, now also under greet
    _append_examples(project / "data/nlu/smalltalk.yml", "greet", ["What is clonus?"])
    # a held-in test example copied into training data
    held_in = Project(project).test_examples[0]
    _append_examples(project / "data/nlu/faq.yml", held_in.intent, [held_in.text])
    domain = project / "domain.yml"
    replace(domain, "\nresponses:\n", "\nresponses:\n  utter_never_sent:\n    - text: \"hello\"\n")
    problems = {p.check: str(p) for p in run_checks(project)}
    assert "'what is clonus' is in 2 intents (faq/what_is_clonus, greet)" in problems["duplicates"]
    assert f"held-in example {held_in.text!r}" in problems["test_set"]
    assert "response utter_never_sent is never sent" in problems["responses_used"]


def test_checks_catch_a_dose_and_a_topic_without_answer(project: Path) -> None:
    answers = project / "data/nlu/responses/faq.yml"
    text = answers.read_text()
    text = text.replace("Clonus (also called clonospasm) means",
                        "Take 10 mg of baclofen. Clonus (also called clonospasm) means", 1)
    answers.write_text(text)
    with (project / "knowledge/topics.yml").open("a") as handle:
        handle.write('  clonus_jaw:\n    title: "Can clonus affect the jaw?"\n'
                     "    sources: [findadoctor_2026]\n    related: [clonus_feeling, clonus_causes]\n")
    problems = [str(p) for p in run_checks(project)]
    assert any("utter_faq/what_is_clonus: gives a dose ('10 mg')" in p for p in problems), problems
    assert any("no answer utter_faq/clonus_jaw" in p for p in problems), problems
    assert any("no conversation test for faq/clonus_jaw" in p for p in problems), problems
