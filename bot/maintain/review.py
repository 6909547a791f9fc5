"""``python -m bot review``: which real user messages the bot failed on.

Reads Rasa's SQL tracker store (table ``events``; each row's ``data`` is the event as
JSON): the SQLite file given with ``--db``, else the ``tracker_store`` of
``endpoints.yml`` (SQLite by default; PostgreSQL or another SQL dialect when configured
there, with the same keys Rasa reads: ``dialect``, ``url``/``host``, ``port``, ``db``,
``username``, ``password``, ``query``; ``${VAR}`` values come from the environment).

A user message is listed when it

- **hit the fallback**: its intent was ``nlu_fallback`` or ``out_of_scope``, or the bot
  answered it with ``utter_default`` / ``action_default_fallback``;
- **had low confidence**: the classifier's confidence in its best intent (or, for a FAQ
  question, the response selector's confidence in the topic) was below the
  ``FallbackClassifier`` threshold of ``config.yml``;
- **escalated**: its intent was ``red_flag`` or ``red_flag_urgent``.

Messages are grouped by normalised text (case, punctuation and spacing ignored) and
counted. Only message texts are printed or written: no sender id, no metadata, no slot.
``--out`` writes a Rasa NLU YAML file, one block per suggested intent, to annotate into
the training data. The helpfulness ratings of the curated answers (and the questions whose
answer got a 👎, in ``--out``) come from ``bot/maintain/review_feedback.py``;
``python -m bot review apply FILE`` (``bot/maintain/review_apply.py``) adds an annotated
file to ``data/nlu/reviewed.yml`` and retrains.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional

import yaml

from bot import paths

FALLBACK_INTENTS = {"nlu_fallback", "out_of_scope"}
FALLBACK_ACTIONS = {"utter_default", "action_default_fallback"}
ESCALATION_INTENTS = {"red_flag", "red_flag_urgent"}
FALLBACK, LOW, ESCALATED = "fallback", "low confidence", "escalated"
REASONS = (ESCALATED, FALLBACK, LOW)


class ReviewError(RuntimeError):
    """A problem the maintainer can fix (bad option, missing store, unsupported store)."""


def fallback_threshold(config: Path) -> float:
    """The FallbackClassifier threshold of config.yml (Rasa's default 0.3 when not set)."""
    data = yaml.safe_load(config.read_text(encoding="utf-8")) or {}
    for component in data.get("pipeline") or []:
        if str(component.get("name", "")).split(".")[-1] == "FallbackClassifier":
            return float(component.get("threshold", 0.3))
    raise ReviewError(f"{config} has no FallbackClassifier: cannot tell what low confidence is")


def norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w ]", " ", text.lower()).split())


# --- where the events are --------------------------------------------------------------

def database_url(store: dict[str, Any], root: Path) -> Any:
    """The SQLAlchemy URL of a ``tracker_store`` section (Rasa's own keys and defaults)."""
    kind = str(store.get("type") or "").lower()
    if kind not in {"sql", "rasa.core.tracker_store.sqltrackerstore"}:
        raise ReviewError(f"the tracker store in endpoints.yml is {store.get('type')!r}: review reads "
                          "SQL tracker stores (SQLite, PostgreSQL, ...) only; pass --db for a SQLite file")
    dialect = str(store.get("dialect") or "sqlite")
    if dialect == "sqlite":
        db = Path(str(store.get("db") or "rasa.db"))
        return sqlite_url(db if db.is_absolute() else root / db)
    from rasa.core.tracker_store import SQLTrackerStore

    return SQLTrackerStore.get_db_url(
        dialect, store.get("url") or store.get("host"), store.get("port"), str(store.get("db") or "rasa.db"),
        store.get("username"), store.get("password"), store.get("login_db"), store.get("query"))


def sqlite_url(path: Path) -> str:
    if not path.is_file():
        raise ReviewError(f"no tracker store at {path}: start the bot (`make run`) and talk to it, "
                          "or pass --db FILE")
    return f"sqlite:///file:{path.resolve()}?mode=ro&uri=true"


def store_from_endpoints(endpoints: Path) -> dict[str, Any]:
    if not endpoints.is_file():
        raise ReviewError(f"{endpoints} not found: pass --db FILE")
    from rasa.utils.endpoints import read_endpoint_config

    config = read_endpoint_config(str(endpoints), "tracker_store")  # fills ${VAR} from the env
    if config is None:
        raise ReviewError(f"{endpoints} has no tracker_store: pass --db FILE")
    return {"type": config.type, "url": config.url, **config.kwargs}


def read_events(url: Any, since: Optional[float] = None) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(conversation, type, event) for user and action events, in conversation order.
    The conversation id is only used to keep conversations apart; it is never shown."""
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    query = ("SELECT sender_id, type_name, data FROM events WHERE type_name IN ('user', 'action')"
             + (" AND timestamp >= :since" if since is not None else "") + " ORDER BY sender_id, id")
    try:
        with engine.connect() as connection:
            rows = connection.execute(sa.text(query), {"since": since} if since is not None else {})
            for sender, kind, data in rows:
                try:
                    event = json.loads(data or "{}")
                except ValueError:
                    continue
                yield sender, kind, event
    except sa.exc.SQLAlchemyError as error:
        raise ReviewError(f"cannot read the events of the tracker store: {error.__class__.__name__}: "
                          f"{str(error).splitlines()[0]}") from error
    finally:
        engine.dispose()


# --- what happened to each message ----------------------------------------------------

@dataclass
class Message:
    text: str
    intent: str
    confidence: float          # the classifier's confidence in its best real intent
    guess: str                 # best real intent (faq/<key> for a FAQ question)
    guess_confidence: float    # confidence in the guess (the topic's, for a FAQ question)
    actions: list[str] = field(default_factory=list)

    def reasons(self, threshold: float) -> list[str]:
        found = []
        if self.intent in ESCALATION_INTENTS:
            found.append(ESCALATED)
        if self.intent in FALLBACK_INTENTS or FALLBACK_ACTIONS & set(self.actions):
            found.append(FALLBACK)
        if min(self.confidence, self.guess_confidence) < threshold:
            found.append(LOW)
        return found


def parse_message(event: dict[str, Any]) -> Optional[Message]:
    parse = event.get("parse_data") or {}
    text = str(event.get("text") or parse.get("text") or "").strip()
    if not text:
        return None
    intent = parse.get("intent") or {}
    name = str(intent.get("name") or "None")
    confidence = float(intent.get("confidence") or 0.0)
    guess, guess_confidence = name, confidence
    if name == "nlu_fallback":  # the classifier's own best intent is next in the ranking
        ranked = [r for r in parse.get("intent_ranking") or [] if r.get("name") != "nlu_fallback"]
        guess = str(ranked[0]["name"]) if ranked else "out_of_scope"
        confidence = guess_confidence = float(ranked[0].get("confidence") or 0.0) if ranked else 0.0
    if guess == "faq":
        response = ((parse.get("response_selector") or {}).get("faq") or {}).get("response") or {}
        if response.get("intent_response_key"):
            guess = str(response["intent_response_key"])
            guess_confidence = float(response.get("confidence") or 0.0)
    return Message(text, name, confidence, guess, guess_confidence)


def messages(events: Iterable[tuple[str, str, dict[str, Any]]]) -> list[Message]:
    """User messages with the actions the bot ran in reply."""
    found: list[Message] = []
    last: dict[str, Message] = {}
    for sender, kind, event in events:
        if kind == "user":
            message = parse_message(event)
            if message is not None:
                found.append(message)
                last[sender] = message
            else:
                last.pop(sender, None)
        elif kind == "action" and sender in last:
            name = event.get("name")
            if name and name != "action_listen":
                last[sender].actions.append(str(name))
    return found


@dataclass
class Group:
    """One normalised message text and what happened each time it was sent."""

    key: str
    texts: Counter = field(default_factory=Counter)
    reasons: Counter = field(default_factory=Counter)
    guesses: Counter = field(default_factory=Counter)
    confidences: list[float] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(self.texts.values())

    @property
    def text(self) -> str:
        return self.texts.most_common(1)[0][0]

    @property
    def guess(self) -> str:
        return self.guesses.most_common(1)[0][0]

    @property
    def reason(self) -> str:
        return next(r for r in REASONS if r in self.reasons)

    @property
    def confidence(self) -> float:
        return sum(self.confidences) / len(self.confidences)


def review(found: list[Message], threshold: float) -> list[Group]:
    """The messages to look at, grouped by normalised text; most frequent first."""
    groups: dict[str, Group] = {}
    for message in found:
        reasons = message.reasons(threshold)
        if not reasons:
            continue
        group = groups.setdefault(norm(message.text) or message.text, Group(norm(message.text)))
        group.texts[message.text] += 1
        group.reasons.update(reasons)
        group.guesses[message.guess] += 1
        group.confidences.append(message.guess_confidence)
    return sorted(groups.values(), key=lambda g: (REASONS.index(g.reason), -g.count, g.key))


def suggested_intent(group: Group) -> str:
    """What to annotate the group as, to start with: the bot's own best guess."""
    return "out_of_scope" if group.guess in FALLBACK_INTENTS | {"None"} else group.guess


def render(groups: list[Group], total: int, threshold: float, source: str, since: Optional[str]) -> str:
    listed = sum(g.count for g in groups)
    lines = [f"Reviewed {total} user message(s) from {source}"
             + (f" since {since}" if since else "") + f": {listed} to look at ({len(groups)} distinct).",
             f"Low confidence = below {threshold:.2f} (the FallbackClassifier threshold in config.yml)."]
    titles = {ESCALATED: "Escalated (red flag): check they were real emergencies or urgent signs",
              FALLBACK: "Hit the fallback: questions the bot could not answer",
              LOW: "Low confidence: answered, but the bot was unsure"}
    for reason in REASONS:
        picked = [g for g in groups if g.reason == reason]
        lines.append("")
        lines.append(f"{titles[reason]} - {sum(g.count for g in picked)} message(s), "
                     f"{len(picked)} distinct")
        if picked:
            lines.append(f"  {'count':>5}  {'bot guessed (confidence)':40s}  message")
        for group in picked:
            also = sorted(set(group.reasons) - {reason})
            note = f"  [also {', '.join(also)}]" if also else ""
            guess = f"{group.guess} ({group.confidence:.2f})"
            lines.append(f"  {group.count:>5}  {guess:40s}  {_one_line(group.text)}{note}")
    return "\n".join(lines)


def to_yaml(groups: list[Group], threshold: float, since: Optional[str]) -> str:
    """Rasa NLU YAML: one block per suggested intent; the details are YAML comments."""
    by_intent: dict[str, list[Group]] = defaultdict(list)
    for group in groups:
        by_intent[suggested_intent(group)].append(group)
    lines = [
        'version: "3.1"',
        f"# Messages from real conversations to annotate (python -m bot review"
        f"{', since ' + since if since else ''}; {dt.date.today().isoformat()}).",
        "# Each block's intent is only the bot's best guess: move every example to the intent",
        "# (or FAQ topic faq/<key>) it really is, or delete it, then copy it into data/nlu/.",
        "# Never copy held-in test examples (tests/nlu/) into training data; `make validate` checks.",
        f"# 'low confidence' = below {threshold:.2f}, the FallbackClassifier threshold in config.yml.",
        "nlu:",
    ]
    for intent in sorted(by_intent):
        lines.append(f"# suggested intent: {intent}")
        examples = []
        for group in by_intent[intent]:
            example, changed = _example(group.text)
            examples.append(example)
            note = " (brackets written as parentheses: Rasa reads [..](..) as an entity)" if changed else ""
            lines.append(f"#   {group.count}x {', '.join(sorted(group.reasons))}; bot guessed "
                         f"{group.guess} ({group.confidence:.2f}): {_one_line(group.text)}{note}")
        lines.append(f"- intent: {intent}")
        lines.append("  examples: |")
        lines += [f"    - {example}" for example in examples]
    return "\n".join(lines) + "\n"


#: Bidirectional-override characters: they can make a terminal show text in another order.
BIDI_CONTROLS = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}


def _one_line(text: str) -> str:
    """The text on one line, without control characters (nothing a user typed can move the
    maintainer's terminal cursor or make the YAML file invalid)."""
    kept = []
    for char in text:
        category = unicodedata.category(char)
        if category in {"Cc", "Cs", "Cn"} or char in BIDI_CONTROLS:
            kept.append(" ")
        else:
            kept.append(char)
    return " ".join("".join(kept).split())


def _example(text: str) -> tuple[str, bool]:
    """The text as a training example; Rasa would read ``[x](y)``, ``[x]{...}`` or
    ``[x][...]`` as an entity annotation, so such brackets become parentheses."""
    from rasa.shared.nlu.training_data.entities_parser import ENTITY_REGEX

    line = _one_line(text)
    if ENTITY_REGEX.search(line):
        return line.replace("[", "(").replace("]", ")"), True
    return line, False


def parse_since(value: Optional[str]) -> Optional[float]:
    if not value:
        return None
    try:
        day = dt.datetime.fromisoformat(value)
    except ValueError as error:
        raise ReviewError(f"--since {value!r}: use a date such as 2026-11-01") from error
    if day.tzinfo is None:
        day = day.replace(tzinfo=dt.timezone.utc)
    return day.timestamp()


def main(args: argparse.Namespace) -> int:
    from bot.maintain import review_feedback

    if getattr(args, "command", None) == "apply":
        from bot.maintain.review_apply import main as apply

        return apply(args)
    root = paths.ROOT
    try:
        since = parse_since(args.since)
        if args.db:
            url, source = sqlite_url(Path(args.db)), str(args.db)
        else:
            endpoints = Path(args.endpoints) if getattr(args, "endpoints", None) else root / "endpoints.yml"
            store = store_from_endpoints(endpoints)
            url = database_url(store, root)
            source = f"the tracker store of {endpoints.name} ({store.get('dialect') or 'sqlite'})"
        threshold = fallback_threshold(root / "config.yml")
        found = messages(read_events(url, since))
        rated = review_feedback.ratings(review_feedback.read_rows(url, since))
    except ReviewError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    groups = review(found, threshold)
    print(render(groups, len(found), threshold, source, args.since))
    print(review_feedback.render(review_feedback.by_answer(rated, review_feedback.current_versions(root))))
    if args.out:
        out = Path(args.out)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(to_yaml(groups, threshold, args.since) + review_feedback.to_yaml(rated), encoding="utf-8")
        thumbs_down = sum(1 for r in rated if r.rating == "not_helpful" and r.question)
        print(f"\nWrote {len(groups)} distinct message(s) and {thumbs_down} question(s) whose answer "
              f"got a 👎 to annotate to {out}; then: python -m bot review apply {out}")
    return 0
