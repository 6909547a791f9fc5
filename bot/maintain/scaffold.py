"""``python -m bot topic new <key>``: the stubs for a new curated FAQ topic.

Writes, each marked ``TODO``:

- ``data/nlu/faq.yml``: an ``faq/<key>`` examples block (training data);
- ``data/nlu/responses/faq.yml``: the answer ``utter_faq/<key>`` with a professional, a
  plain-language and a Hindi variation, each ending with a source line to fill in;
- ``knowledge/topics.yml``: the catalogue entry (title, sources, related);
- ``knowledge/translations.yml``: the topic's Hindi title;
- ``domain.yml``: the topic's line in ``utter_topics`` (the lists shown to users, English and
  Hindi);
- ``tests/test_stories.yml``: a conversation test asking the topic as the first message;
- ``tests/nlu/test_nlu.yml``: a held-in test examples block.

Until every ``TODO`` is replaced, ``make validate`` fails and names what is missing
(``bot/maintain/checks.py``). With ``--from draft.yml`` (the fields of ``Draft``; example:
``tests/fixtures/sample_topic.yml``) the content is written instead of the stubs, and
whatever the draft leaves out stays ``TODO``. Files are edited as text (comments and layout are kept) and each
edit is parsed back before anything is written.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Callable, Optional

import yaml

from bot import paths
from bot.maintain.checks import (
    MAX_RELATED,
    MIN_RELATED,
    MIN_TEST_EXAMPLES,
    MIN_TRAINING_EXAMPLES,
    TODO,
    Project,
    _read,
)

KEY = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
MAX_KEY_LENGTH = 50


class ScaffoldError(ValueError):
    """A key the scaffold refuses (the message says why and what to do)."""


@dataclass
class Edit:
    path: Path
    text: str
    what: str


def check_key(key: str, project: Project) -> None:
    """Refuse keys that are not lower_snake_case or that name an existing topic."""
    if not KEY.match(key) or len(key) > MAX_KEY_LENGTH:
        suggestion = re.sub(r"[^a-z0-9]+", "_", key.lower()).strip("_")
        hint = f" (for example {suggestion!r})" if suggestion and KEY.match(suggestion) else ""
        raise ScaffoldError(
            f"Sorry, {key!r} cannot be a topic key: use lower-case letters, digits and single "
            f"underscores, starting with a letter, at most {MAX_KEY_LENGTH} characters{hint}.")
    places = []
    if key in project.topics:
        places.append(project.rel(project.topics_file))
    if f"utter_faq/{key}" in project.faq_responses:
        places.append(project.rel(project.responses_file))
    if any(e.intent == f"faq/{key}" for e in project.training_examples):
        places.append("data/nlu")
    if any(e.intent == f"faq/{key}" for e in project.test_examples):
        places.append(project.rel(project.test_set_file))
    if places:
        raise ScaffoldError(
            f"Sorry, the topic {key!r} already exists ({', '.join(places)}). Edit its content "
            "there, or choose another key.")


def _insert_before_next_block(text: str, last_block: re.Pattern[str], next_block: re.Pattern[str],
                              stub: str) -> str:
    """Insert ``stub`` after the last block matching ``last_block`` (before the next block
    matching ``next_block``), or at the end of the file."""
    lines = text.splitlines(keepends=True)
    last = max((i for i, line in enumerate(lines) if last_block.match(line)), default=None)
    if last is not None:
        for j in range(last + 1, len(lines)):
            if next_block.match(lines[j]):
                head = "".join(lines[:j]).rstrip("\n") + "\n\n"
                return head + stub.rstrip("\n") + "\n\n" + "".join(lines[j:])
    return text.rstrip("\n") + "\n\n" + stub


def _append(text: str, stub: str) -> str:
    return text.rstrip("\n") + "\n\n" + stub


def _verify(edit: Edit, check: Callable[[Any], bool]) -> None:
    try:
        data = yaml.safe_load(edit.text)
    except yaml.YAMLError as error:
        raise ScaffoldError(f"could not add the stub to {edit.path}: {error}") from error
    if not check(data or {}):
        raise ScaffoldError(f"could not add the stub to {edit.path} (unexpected layout): "
                            "add it by hand, see MAINTAINING.md")


@dataclass
class Draft:
    """A topic's content, from a draft file (``--from``); every field missing stays TODO."""

    title: str = ""
    sources: list[str] = field(default_factory=list)
    related: list[str] = field(default_factory=list)
    professional: str = ""
    plain: str = ""
    title_hi: str = ""
    plain_hi: str = ""
    conversation_test: str = ""
    training: list[str] = field(default_factory=list)
    held_in: list[str] = field(default_factory=list)

    @classmethod
    def load(cls, path: Path) -> "Draft":
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if not isinstance(data, dict):
            raise ScaffoldError(f"Sorry, {path} should be a YAML mapping (see tests/fixtures/sample_topic.yml).")
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})


def _one_line(text: str, what: str) -> str:
    text = " ".join(str(text).split())
    if text.startswith(("#", "- ")):
        raise ScaffoldError(f"Sorry, the {what} {text!r} cannot start with '#' or '- '.")
    return text


def _answer(text: str, todo: str, source: str = "Source") -> str:
    if not str(text).strip():
        text = f"{TODO}: {todo}, from the seed documents only.\n{source}: {TODO}"
    return "\n".join("      " + line.rstrip() for line in str(text).strip().splitlines()) + "\n"


def _buttons(titles: list[str]) -> str:
    if not titles:
        return ""
    lines = ["    buttons:"]
    for title in titles:
        quoted = json.dumps(title, ensure_ascii=False)
        lines += [f"    - title: {quoted}", f"      payload: {quoted}"]
    return "\n".join(lines) + "\n"


def plan(key: str, title: Optional[str], root: Path = paths.ROOT, draft: Optional[Draft] = None) -> list[Edit]:
    """The edits for a new topic, parsed back and checked; nothing is written."""
    project = Project(root)
    check_key(key, project)
    draft = draft or Draft()
    title = (title or draft.title or "").strip()
    if "\n" in title or '"' in title:
        raise ScaffoldError("Sorry, the title must be one line without double quotes.")
    shown_title = title or f"{TODO}: the question as users would ask it"
    about = title or key.replace("_", " ")
    edits: list[Edit] = []

    faq = project.faq_file
    examples = [_one_line(t, "example") for t in draft.training] or [
        f"{TODO}: at least {MIN_TRAINING_EXAMPLES} ways users ask about {about}, one per line"]
    stub = f"- intent: faq/{key}\n  examples: |\n" + "".join(f"    - {t}\n" for t in examples)
    edit = Edit(faq, _append(faq.read_text(encoding="utf-8"), stub), "NLU examples")
    _verify(edit, lambda d: any(b.get("intent") == f"faq/{key}" for b in d.get("nlu", [])))
    edits.append(edit)

    responses = project.responses_file
    related_titles = [str(project.topics[k].get("title")) for k in draft.related
                      if k in project.topics][:MAX_RELATED]
    translations = _read(project.root / "knowledge" / "translations.yml")
    hindi = {str(k): str(v) for k, v in (translations.get("titles") or {}).items()}
    hindi_titles = [hindi.get(k, "") for k in draft.related if k in project.topics][:MAX_RELATED]
    stub = (f"  utter_faq/{key}:\n"
            f"  - condition:\n"
            f"    - type: slot\n"
            f"      name: audience\n"
            f"      value: professional\n"
            f"    - type: slot\n"
            f"      name: answer_language\n"
            f"      value: en\n"
            f"    text: |-\n"
            + _answer(draft.professional, "the answer in clinical wording")
            + _buttons(related_titles)
            + "  - text: |-\n"
            + _answer(draft.plain, "the answer in plain words (a short paragraph, short sentences, "
                                   "medical terms explained)")
            + _buttons(related_titles)
            + "  - condition:\n"
            + "    - type: slot\n"
            + "      name: answer_language\n"
            + "      value: hi\n"
            + "    text: |-\n"
            + _answer(draft.plain_hi, "the plain answer in Hindi (Devanagari, medical terms with the "
                                      "English word in brackets, the same 'स्रोत (Source):' line)",
                      source="स्रोत (Source)")
            + _buttons(hindi_titles))
    edit = Edit(responses, _append(responses.read_text(encoding="utf-8"), stub), "answer")
    _verify(edit, lambda d: len((d.get("responses") or {}).get(f"utter_faq/{key}", [])) == 3)
    edits.append(edit)

    topics = project.topics_file
    sources = (f"[{', '.join(map(str, draft.sources))}]" if draft.sources else
               f"[]  # {TODO}: the knowledge/sources.yml keys named on the answer's Source line")
    related = (f"[{', '.join(map(str, draft.related))}]" if draft.related else
               f"[]  # {TODO}: {MIN_RELATED}-{MAX_RELATED} topic keys to suggest next "
               "(then run scripts/sync_related_buttons.py)")
    stub = (f"  {key}:\n"
            f"    title: \"{shown_title}\"\n"
            f"    sources: {sources}\n"
            f"    related: {related}\n")
    edit = Edit(topics, _append(topics.read_text(encoding="utf-8"), stub), "topic catalogue entry")
    _verify(edit, lambda d: key in (d.get("topics") or {}))
    edits.append(edit)

    translations_file = project.root / "knowledge" / "translations.yml"
    shown_hindi = draft.title_hi.strip() or f"{TODO}: the question in Hindi"
    if "\n" in shown_hindi or '"' in shown_hindi:
        raise ScaffoldError("Sorry, the Hindi title must be one line without double quotes.")
    text = translations_file.read_text(encoding="utf-8")
    block = re.search(r"^titles:\n((?:  .*\n)+)", text, re.M)
    if block is None:
        raise ScaffoldError(f"could not find titles in {translations_file}: add the Hindi title by hand")
    end = block.end(1)
    edit = Edit(translations_file, text[:end] + f"  {key}: \"{shown_hindi}\"\n" + text[end:], "Hindi title")
    _verify(edit, lambda d: key in (d.get("titles") or {}))
    edits.append(edit)

    domain = project.domain_file
    text = domain.read_text(encoding="utf-8")
    block = re.search(r"^        मैं इन विषयों.*\n((?:        - .*\n)+)", text, re.M)
    if block is None:
        raise ScaffoldError(f"could not find the Hindi utter_topics in {domain}: add the title there by hand")
    end = block.end(1)
    text = text[:end] + f"        - {shown_hindi}\n" + text[end:]
    block = re.search(r"^  utter_topics:\n    - text: \|-?\n((?:        .*\n)+)", text, re.M)
    if block is None:
        raise ScaffoldError(f"could not find utter_topics in {domain}: add the title there by hand")
    end = block.end(1)
    edit = Edit(domain, text[:end] + f"        - {shown_title}\n" + text[end:], "utter_topics line")
    _verify(edit, lambda d: shown_title in d["responses"]["utter_topics"][0]["text"])
    edits.append(edit)

    stories = project.test_stories_file
    question = (_one_line(draft.conversation_test, "conversation test") if draft.conversation_test else
                f"{TODO}: a typical question about {about} (not copied from the training examples)")
    stub = (f"  - story: topic {key} as the first message\n"
            f"    steps:\n"
            f"      - user: |\n"
            f"          {question}\n"
            f"        intent: faq/{key}\n"
            f"      - action: utter_disclaimer\n"
            f"      - action: utter_faq\n")
    text = stories.read_text(encoding="utf-8")
    edit = Edit(stories, _insert_before_next_block(
        text, re.compile(r"^  - story: topic \S+ as the first message"), re.compile(r"^  - story: "),
        stub), "conversation test")
    _verify(edit, lambda d: any(s.get("story") == f"topic {key} as the first message"
                                for s in d.get("stories", [])))
    edits.append(edit)

    test_set = project.test_set_file
    held_in = [_one_line(t, "held-in example") for t in draft.held_in] or [
        f"{TODO}: at least {MIN_TEST_EXAMPLES} held-in questions about {about}, "
        "written apart from the training examples and never copied into them"]
    stub = f"- intent: faq/{key}\n  examples: |\n" + "".join(f"    - {t}\n" for t in held_in)
    text = test_set.read_text(encoding="utf-8")
    edit = Edit(test_set, _insert_before_next_block(
        text, re.compile(r"^- intent: faq/"), re.compile(r"^- intent: "), stub), "held-in test examples")
    _verify(edit, lambda d: any(b.get("intent") == f"faq/{key}" for b in d.get("nlu", [])))
    edits.append(edit)
    return edits


def new_topic(key: str, title: Optional[str] = None, root: Path = paths.ROOT,
              draft: Optional[Draft] = None) -> list[Edit]:
    """Write the stubs (or the draft's content) for topic ``key``; returns what was written."""
    edits = plan(key, title, root, draft)
    for edit in edits:
        edit.path.write_text(edit.text, encoding="utf-8")
    return edits


def main(key: str, title: Optional[str], root: Path = paths.ROOT, draft_file: Optional[str] = None) -> int:
    try:
        draft = Draft.load(Path(draft_file)) if draft_file else None
        edits = plan(key, title, root, draft)
    except (ScaffoldError, OSError, yaml.YAMLError, TypeError) as error:
        print(error)
        return 1
    todo = sum(e.text.count(TODO) - e.path.read_text(encoding="utf-8").count(TODO) for e in edits)
    for edit in edits:
        edit.path.write_text(edit.text, encoding="utf-8")
    print(f"Created the topic {key!r}" + (f" from {draft_file}" if draft_file else "")
          + (f" ({todo} TODO marks to fill):" if todo else ":"))
    for edit in edits:
        print(f"  {edit.path.relative_to(root).as_posix():32s} {edit.what}")
    if todo:
        print("\nNext: fill every TODO (MAINTAINING.md, 'Add a topic'); once `related` is set run "
              "`python scripts/sync_related_buttons.py`;\nthen `make validate` until it passes, "
              "`make train`, `make evaluate`.")
    else:
        print("\nNext: `make validate`, `make train`, `make evaluate` (MAINTAINING.md).")
    return 0
