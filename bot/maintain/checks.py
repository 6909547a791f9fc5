"""The project's own content checks, with messages a maintainer can act on.

``make validate`` (``python -m bot.maintain.validate``) runs these after ``rasa data validate``,
and ``tests/test_content.py`` runs the same functions, so the rules live in one place:

- ``topics``: every topic of ``knowledge/topics.yml`` has a title, named sources, related
  topics, NLU examples, a sourced answer for both audiences (``utter_faq/<key>``), its line
  in ``utter_topics``, up-to-date related-topic buttons and a conversation test; and every
  FAQ answer or FAQ intent belongs to a topic.
- ``responses_used``: every domain response is sent by a rule, a story or an action.
- ``examples_per_intent``: at least ``MIN_TRAINING_EXAMPLES`` examples per intent.
- ``duplicates``: no training example in two intents.
- ``test_set``: no held-in test example in training data; ``MIN_TEST_EXAMPLES`` per intent.
- ``hindi``: every response has a Hindi variation (slot ``answer_language`` = hi) with the
  same sources, slot variables and buttons (``bot/maintain/checks_hindi.py``).
- ``answers_safe``: no dose and no "stop/change your medicine" in an answer; numbers in
  answers appear in a seed document (when ``../shared/seeds`` is beside the checkout).

Anything marked ``TODO`` (as ``python -m bot topic new`` writes it) counts as missing.
Usage: ``python -m bot.maintain.checks [--root DIR]``; exit 1 when a problem is found.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, Callable, Iterable

import yaml

from bot import paths

#: Fewest training examples per intent (each FAQ topic is an intent ``faq/<key>``).
MIN_TRAINING_EXAMPLES = 20
#: Fewest held-in test examples per intent (tests/nlu/test_nlu.yml).
MIN_TEST_EXAMPLES = 8
#: Related topics per topic (shown as buttons under the answer).
MIN_RELATED, MAX_RELATED = 2, 3
#: Longest answer variation, in characters.
MAX_ANSWER_CHARS = 1000
#: The marker the scaffold writes into every stub.
TODO = "TODO"
PROFESSIONAL = [{"type": "slot", "name": "audience", "value": "professional"},
                {"type": "slot", "name": "answer_language", "value": "en"}]

SOURCE_LINE = re.compile(r"\n(Sources?): (?P<cites>[^\n]+?)\.?\s*$")
DOSE = re.compile(r"\b\d+\s?(mg|milligrams?|mcg|ml)\b|\btimes a day\b|\bdaily dose\b", re.I)
MEDICINE_CHANGE = re.compile(r"\b(stop|reduce|increase|double|switch) (taking|your|the) ", re.I)
ANNOTATION = re.compile(r"\[([^\]]+)\]\([^)]+\)|\[([^\]]+)\]\{[^}]+\}")


def norm(text: str) -> str:
    """Lower case, punctuation and spacing ignored (how examples are compared)."""
    return " ".join(re.sub(r"[^\w ]", " ", text.lower()).split())


@dataclass(frozen=True)
class Problem:
    """One thing to fix: which check found it, where, and what to do."""

    check: str
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass(frozen=True)
class Example:
    text: str
    intent: str
    file: str


def _read(path: Path) -> Any:
    if not path.is_file():
        return {}
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def nlu_examples(path: Path, root: Path) -> list[Example]:
    """The examples of a Rasa NLU YAML file (entity annotations stripped)."""
    found = []
    for block in _read(path).get("nlu", []) or []:
        if "intent" not in block:
            continue
        for line in str(block.get("examples", "")).splitlines():
            line = line.strip()
            if line.startswith("- "):
                text = ANNOTATION.sub(lambda m: m.group(1) or m.group(2), line[2:]).strip()
                found.append(Example(text, str(block["intent"]), path.relative_to(root).as_posix()))
    return found


class Project:
    """The content files of one checkout (the real one, or a temporary copy in tests).

    Files are read fresh for every ``Project``: nothing is cached between runs."""

    def __init__(self, root: Path = paths.ROOT) -> None:
        self.root = Path(root)

    def rel(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    # --- files -------------------------------------------------------------------
    @property
    def topics_file(self) -> Path:
        return self.root / "knowledge" / "topics.yml"

    @property
    def sources_file(self) -> Path:
        return self.root / "knowledge" / "sources.yml"

    @property
    def responses_file(self) -> Path:
        return self.root / "data" / "nlu" / "responses" / "faq.yml"

    @property
    def faq_file(self) -> Path:
        return self.root / "data" / "nlu" / "faq.yml"

    @property
    def domain_file(self) -> Path:
        return self.root / "domain.yml"

    @property
    def test_set_file(self) -> Path:
        return self.root / "tests" / "nlu" / "test_nlu.yml"

    @property
    def test_stories_file(self) -> Path:
        return self.root / "tests" / "test_stories.yml"

    @property
    def seeds_dir(self) -> Path:
        return self.root.parent / "shared" / "seeds"

    # --- content -----------------------------------------------------------------
    @cached_property
    def topics(self) -> dict[str, dict[str, Any]]:
        raw = _read(self.topics_file).get("topics") or {}
        return {str(k): (v or {}) for k, v in raw.items()}

    @cached_property
    def sources(self) -> dict[str, dict[str, Any]]:
        return {str(k): (v or {}) for k, v in (_read(self.sources_file).get("sources") or {}).items()}

    @cached_property
    def citations(self) -> dict[str, str]:
        """Source line text -> source key."""
        return {str(v.get("citation")): key for key, v in self.sources.items()}

    @cached_property
    def domain(self) -> dict[str, Any]:
        return _read(self.domain_file)

    @cached_property
    def faq_responses(self) -> dict[str, list[dict[str, Any]]]:
        return _read(self.responses_file).get("responses") or {}

    @cached_property
    def training_examples(self) -> list[Example]:
        found: list[Example] = []
        for path in sorted((self.root / "data" / "nlu").glob("*.yml")):
            found += nlu_examples(path, self.root)
        return found

    @cached_property
    def test_examples(self) -> list[Example]:
        return nlu_examples(self.test_set_file, self.root) if self.test_set_file.is_file() else []

    @cached_property
    def test_stories(self) -> list[dict[str, Any]]:
        return _read(self.test_stories_file).get("stories") or []

    def intents_to_cover(self) -> list[str]:
        """Domain intents and intents with training examples (the retrieval intent ``faq``
        as one intent per topic)."""
        intents = [str(i if isinstance(i, str) else next(iter(i))) for i in self.domain.get("intents", [])]
        in_data = sorted({e.intent for e in self.training_examples} - set(intents))
        wanted = [i for i in intents + in_data if i != "faq" and not i.startswith("faq/")]
        return wanted + [f"faq/{key}" for key in self.topics]

    def used_actions(self) -> set[str]:
        """Actions named by the rules and stories of data/."""
        used: set[str] = set()
        for folder in ("rules", "stories"):
            for path in sorted((self.root / "data" / folder).glob("*.yml")):
                data = _read(path)
                for block in (data.get("rules") or []) + (data.get("stories") or []):
                    used |= {str(s["action"]) for s in block.get("steps", []) if "action" in s}
        return used

    def responses_sent_by_data(self) -> set[str]:
        """Responses knowledge/specialists.yml names (sent by action_suggest_specialist)."""
        data = _read(self.root / "knowledge" / "specialists.yml")
        situations = list(data.get("situations") or []) + ([data["default"]] if data.get("default") else [])
        return {str(s["response"]) for s in situations if isinstance(s, dict) and s.get("response")}

    def action_code(self) -> str:
        """The code that may send responses itself: the custom actions, the dialogue
        policies and the shared names they use (bot/constants.py)."""
        package = Path(__file__).resolve().parents[1]  # the bot package that runs the model
        files = [*sorted((self.root / "actions").rglob("*.py")),
                 *sorted((package / "policies").rglob("*.py")), package / "constants.py"]
        return "\n".join(p.read_text(encoding="utf-8") for p in files if p.is_file())


def real(examples: Iterable[Example]) -> list[Example]:
    """Examples that are not scaffold placeholders."""
    return [e for e in examples if TODO not in e.text]


# --- the checks ----------------------------------------------------------------------

def check_topics(project: Project) -> list[Problem]:
    """Every topic is complete; every FAQ answer and FAQ intent belongs to a topic."""
    problems: list[Problem] = []
    topics_rel = project.rel(project.topics_file)
    responses_rel = project.rel(project.responses_file)

    def add(where: str, message: str) -> None:
        problems.append(Problem("topics", where, message))

    if not project.topics:
        add(topics_rel, "no topics found (expected a `topics:` mapping)")
    known_citations = "; ".join(f"{c!r} ({k})" for c, k in project.citations.items())
    utter_topics = "\n".join(str(v.get("text", "")) for v in
                             _english((project.domain.get("responses") or {}).get("utter_topics", [])))
    if TODO in utter_topics:
        add("domain.yml", "utter_topics still has a TODO line: write the topic's question there")
    story_texts: dict[str, list[str]] = defaultdict(list)
    for story in project.test_stories:
        for step in story.get("steps", []):
            if "intent" in step:
                story_texts[str(step["intent"])].append(str(step.get("user", "")))

    for key, topic in project.topics.items():
        where = f"{topics_rel}: {key}"
        title = str(topic.get("title") or "")
        if not title.strip() or TODO in title:
            add(where, "title is missing or still TODO: write the question as a user would ask it")
        elif title not in utter_topics:
            add("domain.yml", f"utter_topics does not list {key}'s title {title!r}: add it as a line "
                              "of that response")
        sources = [str(s) for s in topic.get("sources") or []]
        if not sources:
            add(where, "sources is empty: name the knowledge/sources.yml keys the answer comes from "
                       f"(known: {', '.join(project.sources)})")
        for source in sources:
            if source not in project.sources:
                add(where, f"unknown source {source!r} (known: {', '.join(project.sources)})")
        related = [str(r) for r in topic.get("related") or []]
        if not MIN_RELATED <= len(related) <= MAX_RELATED:
            add(where, f"related lists {len(related)} topics: name {MIN_RELATED}-{MAX_RELATED} "
                       "topic keys to suggest next")
        for other in related:
            if other == key or other not in project.topics:
                add(where, f"related topic {other!r} is not another topic of {topics_rel}")

        problems.extend(_check_answer(project, key, topic, sources, known_citations, responses_rel))

        texts = story_texts.get(f"faq/{key}", [])
        if not texts:
            add(project.rel(project.test_stories_file),
                f"no conversation test for faq/{key}: add a story whose user step has "
                f"`intent: faq/{key}`")
        elif any(TODO in t or not t.strip() for t in texts):
            add(project.rel(project.test_stories_file),
                f"the conversation test for faq/{key} still has a TODO message: write a typical "
                "question (not copied from the training examples)")

    for name in project.faq_responses:
        if name.split("/", 1)[-1] not in project.topics:
            add(responses_rel, f"{name} answers no topic of {topics_rel}: add the topic or remove it")
    for intent in sorted({e.intent for e in project.training_examples if e.intent.startswith("faq/")}):
        if intent.split("/", 1)[1] not in project.topics:
            add(project.rel(project.faq_file), f"{intent} has examples but is not a topic of {topics_rel}")
    return problems


def _check_answer(project: Project, key: str, topic: dict[str, Any], sources: list[str],
                  known_citations: str, responses_rel: str) -> list[Problem]:
    name = f"utter_faq/{key}"
    where = f"{responses_rel}: {name}"
    # the Hindi variations (answer_language = hi) are checked by the ``hindi`` check
    variations = _english(project.faq_responses.get(name) or [])
    if not variations:
        return [Problem("topics", responses_rel, f"no answer {name}: add it with a professional "
                                                 "and a plain-language variation")]
    problems = []

    def add(message: str) -> None:
        problems.append(Problem("topics", where, message))

    conditions = [v.get("condition") for v in variations]
    if PROFESSIONAL not in conditions:
        add("no professional variation (condition: slot audience = professional, "
            "slot answer_language = en)")
    if None not in conditions:
        add("no default plain-language variation (one without a condition)")
    cited: set[str] = set()
    for variation in variations:
        label = "professional" if variation.get("condition") else "plain"
        text = str(variation.get("text") or "").rstrip()
        match = SOURCE_LINE.search(text)
        body = SOURCE_LINE.sub("", text) if match else text
        if not body.strip() or TODO in body:
            add(f"the {label} answer is still TODO: write it from the seed documents only")
        if len(text) >= MAX_ANSWER_CHARS:
            add(f"the {label} answer is {len(text)} characters: keep it under {MAX_ANSWER_CHARS}")
        if not match:
            add(f"the {label} answer does not end with a 'Source: <citation>' line "
                f"(citations: {known_citations})")
            continue
        for cite in (c.strip().rstrip(".") for c in match.group("cites").split(";")):
            source = project.citations.get(cite)
            if source is None:
                add(f"the {label} answer's Source line names {cite!r}, which is not a document "
                    f"of knowledge/sources.yml (citations: {known_citations})")
                continue
            cited.add(source)
            if source not in sources:
                add(f"the {label} answer cites {source} but topic {key} does not list it in "
                    "its sources (knowledge/topics.yml)")
    for source in sources:
        if source in project.sources and source not in cited:
            add(f"topic {key} lists source {source} but no answer variation cites it")
    plain = [v.get("text") for v in variations if not v.get("condition")]
    professional = [v.get("text") for v in variations if v.get("condition") == PROFESSIONAL]
    if plain and professional and plain[0] == professional[0]:
        add("the professional and plain answers are identical: use clinical wording for one")
    wanted = [{"title": str(project.topics[k].get("title")), "payload": str(project.topics[k].get("title"))}
              for k in (topic.get("related") or []) if k in project.topics and k != key][:MAX_RELATED]
    for variation in variations:
        buttons = [dict(b) for b in variation.get("buttons") or []]
        if buttons != wanted:
            add("related-topic buttons are out of date: run `python scripts/sync_related_buttons.py`")
            break
        if any(str(b.get("payload", "")).startswith("/") for b in buttons):
            add("a button payload starts with '/': payloads are the question itself")
            break
    return problems


def check_responses_used(project: Project) -> list[Problem]:
    """Every response is sent by a rule, a story, an action, a policy or knowledge/specialists.yml."""
    problems = []
    used = project.used_actions()
    by_data = project.responses_sent_by_data()
    code = project.action_code()
    # a form asks for each required slot with utter_ask_<slot> (Rasa's convention)
    used = used | {f"utter_ask_{slot}" for form in (project.domain.get("forms") or {}).values()
                   for slot in (form or {}).get("required_slots") or []}
    for name in project.domain.get("responses") or {}:
        if name not in used and name not in by_data and f'"{name}"' not in code:
            problems.append(Problem("responses_used", "domain.yml",
                                    f"response {name} is never sent: use it in a rule or story "
                                    "(data/rules, data/stories) or remove it"))
    if project.faq_responses and "utter_faq" not in used:
        problems.append(Problem("responses_used", "data/rules",
                                "no rule or story sends utter_faq, so no FAQ answer is ever given"))
    run_by_forms = {f"validate_{form}" for form in project.domain.get("forms") or {}} | {"action_ask_location"}
    for entry in project.domain.get("actions") or []:
        # an entry is a name or {name: {send_domain: ...}}
        for action in (entry if isinstance(entry, dict) else {entry: None}):
            if action not in used and action not in run_by_forms:
                problems.append(Problem("responses_used", "domain.yml",
                                        f"action {action} is never predicted by a rule or story"))
    return problems


def check_examples_per_intent(project: Project) -> list[Problem]:
    """At least MIN_TRAINING_EXAMPLES real examples per intent; no TODO example left."""
    problems = []
    counts = Counter(e.intent for e in real(project.training_examples))
    for intent in project.intents_to_cover():
        if counts[intent] < MIN_TRAINING_EXAMPLES:
            problems.append(Problem("examples_per_intent", _file_of(project, intent),
                                    f"{intent} has {counts[intent]} training examples; at least "
                                    f"{MIN_TRAINING_EXAMPLES} are needed (not counting TODO lines)"))
    for example in project.training_examples:
        if TODO in example.text:
            problems.append(Problem("examples_per_intent", example.file,
                                    f"{example.intent} still has the placeholder example "
                                    f"{example.text!r}: replace it with real questions"))
    return problems


def _file_of(project: Project, intent: str) -> str:
    files = sorted({e.file for e in project.training_examples if e.intent == intent})
    if files:
        return ", ".join(files)
    return project.rel(project.faq_file) if intent.startswith("faq/") else "data/nlu"


def check_duplicates(project: Project) -> list[Problem]:
    """No training example (compared ignoring case and punctuation) in two intents."""
    seen: dict[str, dict[str, str]] = defaultdict(dict)
    for example in real(project.training_examples):
        seen[norm(example.text)].setdefault(example.intent, example.file)
    return [Problem("duplicates", ", ".join(sorted(set(where.values()))),
                    f"the example {text!r} is in {len(where)} intents ({', '.join(sorted(where))}): "
                    "keep it in one")
            for text, where in sorted(seen.items()) if len(where) > 1]


def check_test_set(project: Project) -> list[Problem]:
    """The held-in test set stays out of training data and covers every intent."""
    where = project.rel(project.test_set_file)
    if not project.test_set_file.is_file():
        return [Problem("test_set", where, "the held-in test set is missing")]
    problems = []
    train = {norm(e.text): e for e in project.training_examples}
    for example in real(project.test_examples):
        if norm(example.text) in train:
            copy = train[norm(example.text)]
            problems.append(Problem("test_set", where,
                                    f"held-in example {example.text!r} ({example.intent}) is also "
                                    f"training data ({copy.file}, {copy.intent}): remove one of them"))
    counts = Counter(e.intent for e in real(project.test_examples))
    for intent in project.intents_to_cover():
        if counts[intent] < MIN_TEST_EXAMPLES:
            problems.append(Problem("test_set", where,
                                    f"{intent} has {counts[intent]} held-in test examples; at least "
                                    f"{MIN_TEST_EXAMPLES} are needed, written separately from the "
                                    "training examples"))
    for example in project.test_examples:
        if TODO in example.text:
            problems.append(Problem("test_set", where, f"{example.intent} still has the placeholder "
                                                       f"example {example.text!r}"))
    return problems


def _english(variations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    from bot.maintain.checks_hindi import english_variations

    return english_variations(variations)


def check_hindi(project: Project) -> list[Problem]:
    """Every response has a faithful Hindi variation (``bot/maintain/checks_hindi.py``)."""
    from bot.maintain.checks_hindi import check_hindi as check

    return check(project)


def check_answers_safe(project: Project) -> list[Problem]:
    """No dose or medicine-change instruction; every number in an answer is in a seed."""
    problems = []
    where = project.rel(project.responses_file)
    seed_numbers: set[str] | None = None
    if project.seeds_dir.is_dir():
        seed_numbers = set()
        for source in project.sources.values():
            seed = project.seeds_dir / str(source.get("seed_file", ""))
            if seed.is_file():
                seed_numbers |= set(re.findall(r"\d+", seed.read_text(encoding="utf-8")))
            else:
                problems.append(Problem("answers_safe", project.rel(project.sources_file),
                                        f"seed file {seed.name} is not in {project.seeds_dir}"))
    for name, variations in project.faq_responses.items():
        for variation in variations:
            text = str(variation.get("text") or "")
            if DOSE.search(text):
                problems.append(Problem("answers_safe", f"{where}: {name}",
                                        f"gives a dose ({DOSE.search(text).group(0)!r}): the bot "
                                        "never gives doses"))
            for hit in MEDICINE_CHANGE.finditer(text):
                before = text[max(0, hit.start() - 40):hit.start()].lower()
                if not ("not" in before or "never" in before or "don't" in before):
                    problems.append(Problem("answers_safe", f"{where}: {name}",
                                            f"tells the user to {hit.group(0).strip()!r} a medicine"))
            if seed_numbers is not None:
                for number in re.findall(r"\d+", SOURCE_LINE.sub("", text)):
                    if number not in seed_numbers:
                        problems.append(Problem("answers_safe", f"{where}: {name}",
                                                f"the number {number} is not in any seed document"))
    return problems


#: Every check, in the order ``make validate`` reports them.
CHECKS: dict[str, Callable[[Project], list[Problem]]] = {
    "topics": check_topics,
    "responses_used": check_responses_used,
    "examples_per_intent": check_examples_per_intent,
    "duplicates": check_duplicates,
    "test_set": check_test_set,
    "answers_safe": check_answers_safe,
    "hindi": check_hindi,
}

TITLES = {
    "topics": "every topic has examples, a sourced answer for both audiences and a conversation test",
    "responses_used": "every response is used",
    "examples_per_intent": f"at least {MIN_TRAINING_EXAMPLES} training examples per intent",
    "duplicates": "no training example in two intents",
    "test_set": "held-in test set separate from training data, "
                f"at least {MIN_TEST_EXAMPLES} examples per intent",
    "answers_safe": "answers give no dose or medicine change; their numbers are in the seeds",
    "hindi": "every response has a Hindi variation with the same sources, slots and buttons",
}


def run_checks(root: Path = paths.ROOT) -> list[Problem]:
    project = Project(root)
    problems: list[Problem] = []
    for check in CHECKS.values():
        problems.extend(check(project))
    return problems


def report(problems: list[Problem]) -> str:
    """A readable list of problems, grouped by check."""
    lines = []
    for name, title in TITLES.items():
        found = [p for p in problems if p.check == name]
        lines.append(f"{'FAIL' if found else 'ok  '}  {title}")
        lines += [f"        - {p}" for p in found]
    verdict = (f"{len(problems)} problem(s) to fix." if problems
               else "All project checks passed.")
    return "\n".join(lines + [verdict])


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m bot.maintain.checks", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", type=Path, default=paths.ROOT, help="project directory")
    args = parser.parse_args(argv)
    problems = run_checks(args.root)
    print("Project checks:")
    print(report(problems))
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
