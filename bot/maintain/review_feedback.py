"""``python -m bot review``, part 2: what users said about the curated answers (issue 16).

The ratings (👍 / 👎 and the optional "What was missing?") are ``SlotSet`` events of the slot
``feedback`` in the tracker store (``bot/knowledge/feedback.py``). Per answer: how many 👍 and
👎, the comments, and whether a rating judged an earlier wording (its content version is no
longer one of the answer's variants). ``--out`` adds the questions whose answer got a 👎 to
the file to annotate: a maintainer writes the right intent or topic next to each one and
runs ``python -m bot review apply FILE`` (``bot/maintain/review_apply.py``).
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping, Optional

import yaml

from bot import paths
from bot.knowledge import feedback as fb


@dataclass
class Rated:
    """One rating, with the question the rated answer replied to."""

    answer: str
    version: str
    rating: str
    comment: Optional[str]
    question: Optional[str]


def read_rows(url: Any, since: Optional[float] = None) -> Iterator[tuple[str, dict[str, Any]]]:
    """(conversation, event) for user messages and ``feedback`` slot events, in order."""
    import sqlalchemy as sa

    from bot.maintain.review import ReviewError

    query = ("SELECT sender_id, data FROM events WHERE type_name IN ('user', 'slot')"
             + (" AND timestamp >= :since" if since is not None else "") + " ORDER BY sender_id, id")
    engine = sa.create_engine(url)
    try:
        with engine.connect() as connection:
            for sender, data in connection.execute(sa.text(query), {"since": since} if since is not None else {}):
                try:
                    yield sender, json.loads(data or "{}")
                except ValueError:
                    continue
    except sa.exc.SQLAlchemyError as error:
        raise ReviewError(f"cannot read the ratings in the tracker store: {error.__class__.__name__}") from error
    finally:
        engine.dispose()


def ratings(rows: Iterable[tuple[str, Mapping[str, Any]]]) -> list[Rated]:
    """Every rating (the comment merged into its 👎), with the question it was about: the
    conversation's last user message before it that was not itself a rating."""
    events: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    question: dict[str, Optional[str]] = {}
    asked: dict[tuple, Optional[str]] = {}
    for sender, event in rows:
        if event.get("event") == "user":
            intent = ((event.get("parse_data") or {}).get("intent") or {}).get("name")
            text = str(event.get("text") or "")
            if intent not in (fb.INTENT_HELPFUL, fb.INTENT_NOT_HELPFUL) and not text.startswith("/"):
                question[sender] = text
        elif event.get("name") == fb.SLOT_FEEDBACK and isinstance(event.get("value"), Mapping):
            value = event["value"]
            asked.setdefault((sender, value.get("answer"), value.get("version")), question.get(sender))
            events[sender].append(event)
    out = []
    for sender, slot_events in events.items():
        for record in fb.ratings(slot_events):
            out.append(Rated(str(record["answer"]), str(record.get("version") or ""), str(record["rating"]),
                             record.get("comment"), asked.get((sender, record["answer"], record.get("version")))))
    return out


def current_versions(root: Path = paths.ROOT) -> dict[str, set[str]]:
    """The content versions of every curated answer as the data has them now."""
    data = yaml.safe_load((root / "data" / "nlu" / "responses" / "faq.yml").read_text(encoding="utf-8")) or {}
    responses = data.get("responses") or {}
    return {name[len(fb.FAQ_RESPONSE_PREFIX):]: fb.versions_in_domain(responses, name[len(fb.FAQ_RESPONSE_PREFIX):])
            for name in responses if name.startswith(fb.FAQ_RESPONSE_PREFIX)}


@dataclass
class AnswerScore:
    answer: str
    helpful: int = 0
    not_helpful: int = 0
    earlier_wording: int = 0
    comments: list[str] = field(default_factory=list)


def by_answer(found: list[Rated], versions: Mapping[str, set[str]]) -> list[AnswerScore]:
    """Per answer, most 👎 first."""
    scores: dict[str, AnswerScore] = {}
    for rated in found:
        score = scores.setdefault(rated.answer, AnswerScore(rated.answer))
        if rated.rating == fb.HELPFUL:
            score.helpful += 1
        else:
            score.not_helpful += 1
        if rated.version not in versions.get(rated.answer, set()):
            score.earlier_wording += 1
        if rated.comment:
            score.comments.append(rated.comment)
    return sorted(scores.values(), key=lambda s: (-s.not_helpful, -s.helpful, s.answer))


def render(scores: list[AnswerScore]) -> str:
    from bot.maintain.review import _one_line

    lines = ["", f"Helpfulness of the curated answers - {sum(s.helpful + s.not_helpful for s in scores)} "
                 f"rating(s) of {len(scores)} answer(s) (👎 first)"]
    if scores:
        lines.append(f"  {'👍':>4} {'👎':>4}  answer")
    for s in scores:
        older = f"  [{s.earlier_wording} of an earlier wording]" if s.earlier_wording else ""
        lines.append(f"  {s.helpful:>4} {s.not_helpful:>4}  faq/{s.answer}{older}")
        lines += [f"             missing: {_one_line(c)}" for c in s.comments]
    return "\n".join(lines)


def to_yaml(found: list[Rated]) -> str:
    """The questions whose answer got a 👎, as NLU blocks (intent = the answer given) to
    relabel; the comments are YAML comments."""
    from bot.maintain.review import _example, _one_line

    by_topic: dict[str, list[Rated]] = defaultdict(list)
    for rated in found:
        if rated.rating == fb.NOT_HELPFUL and rated.question:
            by_topic[rated.answer].append(rated)
    lines = []
    for answer in sorted(by_topic):
        lines.append(f"# 👎 answers: the bot answered faq/{answer}; write the right intent or topic")
        for rated in by_topic[answer]:
            note = f" - missing: {_one_line(rated.comment)}" if rated.comment else ""
            lines.append(f"#   {_one_line(rated.question or '')}{note}")
        lines.append(f"- intent: faq/{answer}")
        lines.append("  examples: |")
        lines += [f"    - {_example(r.question or '')[0]}" for r in by_topic[answer]]
    return "\n".join(lines) + ("\n" if lines else "")
