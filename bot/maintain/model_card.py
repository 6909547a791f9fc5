"""The model card: the published safety and quality figures of the current model.

``make evaluate`` writes ``reports/model-card.md``; ``python -m bot model-card`` writes it
alone (no cross-validation is run: the card quotes the last cross-validation report,
``reports/cross-validation/summary.json``, with its date, when there is one), and
``python -m bot model-card --readme`` also puts its tables into README.md between the
``MARKERS``. ``tests/test_model_card.py`` rebuilds the tables for the current model and
fails when README.md shows other figures, so the README cannot silently go stale.

Figures (all through the whole NLU pipeline of the trained model):

- red flags, per set of ``tests/red_flags/`` (``bot/maintain/red_flag_sets.py``): recall on
  emergencies, urgent stories escalated, false alarms on messages that are not emergencies,
  and false alarms on ordinary questions;
- intent accuracy, FAQ topic accuracy and out-of-scope handling (the honest fallback) on
  the held-in NLU test set and the held-in narratives (``bot/maintain/results.py``), and
  the same figures of the last k-fold cross-validation of the training data.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Optional

from bot import paths
from bot.maintain import red_flag_sets as sets
from bot.maintain.report import headline
from bot.maintain.results import (
    NARRATIVE_SET,
    NARRATIVE_SET_2,
    TEST_SET,
    evaluate,
    fraction_percent,
    load_examples,
    percent,
)

CARD = paths.REPORTS / "model-card.md"
CV_SUMMARY = paths.REPORTS / "cross-validation" / "summary.json"
MARKERS = ("<!-- model-card:begin (python -m bot model-card --readme) -->", "<!-- model-card:end -->")
COMMANDS = (
    ("make evaluate", "held-in evaluation, a 3-fold cross-validation, then this card"),
    ("python -m bot model-card", "this card alone, for the current model (quotes the last cross-validation)"),
    ("python -m bot model-card --readme", "this card, and its tables into README.md"),
    ("python scripts/red_flag_vignettes.py --nlu --file tests/red_flags/<set>.yml -v",
     "the details of one red-flag set"),
)


def _pct(value: float) -> str:
    """Floored, never rounded up to a gate (``bot.maintain.results.percent``)."""
    return percent(value)


def _frac(part: int, whole: int) -> str:
    return f"{part}/{whole} ({fraction_percent(part, whole)})"


@dataclass
class Card:
    """The figures of one model."""

    model: Path
    red_flags: list[sets.SetScore]
    ordinary: sets.OrdinaryScore
    accuracy: list[tuple[str, dict[str, Any]]]  # (row title, headline figures)
    cross_validation: Optional[dict[str, Any]]
    generated: str

    @property
    def fingerprint(self) -> str:
        return self.model.name.removeprefix("clonus-").removesuffix(".tar.gz")

    def tables(self) -> str:
        """The two tables (deterministic for a model: no date, no cross-validation): what
        README.md shows."""
        rows = ["| red-flag set | role | emergencies escalated (recall) | urgent escalated | "
                "false alarms |", "|---|---|---|---|---|"]
        for s in self.red_flags:
            urgent = _frac(s.urgent - len(s.ignored), s.urgent) if s.urgent else "-"
            rows.append(f"| `{s.name}` | {sets.role(s.name)} | "
                        f"{_frac(s.emergencies - len(s.missed), s.emergencies)} | {urgent} | "
                        f"{_frac(len(s.alarms), s.others)} |")
        rows.append(f"| ordinary questions | held-in NLU test set + hold-out `ordinary` | - | - | "
                    f"{_frac(len(self.ordinary.alarms), self.ordinary.total)} |")
        rows += ["", "| NLU set | messages | intent accuracy | FAQ topic accuracy | "
                     "out-of-scope given the honest fallback |", "|---|---|---|---|---|"]
        for title, f in self.accuracy:
            rows.append(_accuracy_row(title, f))
        return "\n".join(rows)

    def markdown(self) -> str:
        cv = self.cross_validation
        if cv:
            cv_lines = ["| NLU set | messages | intent accuracy | FAQ topic accuracy | "
                        "out-of-scope given the honest fallback |", "|---|---|---|---|---|",
                        _accuracy_row(f"{cv.get('title', 'cross-validation')} of `data/nlu/`", cv), "",
                        f"From `reports/cross-validation/summary.json`, generated "
                        f"{cv.get('generated') or 'at an unknown date'}. {cv.get('note', '')}".rstrip()]
        else:
            cv_lines = ["No cross-validation report yet: `make evaluate` runs one (a few minutes)."]
        commands = [f"- `{c}`: {what}" for c, what in COMMANDS]
        return "\n".join([
            "# Model card: the clonus information assistant", "",
            f"- Generated: {self.generated}",
            f"- Model: `{self.model.name}` (training fingerprint `{self.fingerprint}`: "
            "`python -m bot model` prints the current one)",
            "- Scope: general information about clonus from three curated sources; no diagnosis, "
            "no doses; warning signs are escalated to emergency or same-day care.", "",
            "## Red flags and held-in accuracy", "",
            "Every figure is the whole NLU pipeline of this model (rules and classifier). An "
            "emergency counts only when it gets the emergency escalation (`red_flag`); a false "
            "alarm is any escalation of a message that is not an emergency. The development "
            "stories were used to build the rules, so their figures are not a measure of "
            "generalisation; the hold-out vignettes are.", "",
            self.tables(), "",
            "Out-of-scope handling: the last column is the share of out-of-scope messages "
            "(other illnesses, doses, chit-chat outside clonus) that got the honest "
            "\"I can only help with clonus\" fallback instead of a wrong answer.", "",
            "## Cross-validated accuracy", "", *cv_lines, "",
            "## Misses and false alarms", "",
            *self._details(), "",
            "## Commands", "", *commands, "",
        ])

    def _details(self) -> list[str]:
        """The sentences of the development sets' failures; only counts for the held-in,
        hold-out and independent sets, whose sentences must not reach the people who write
        the rules (the README is read by everyone)."""
        out = []
        for s in self.red_flags:
            if "used to build" in sets.role(s.name):
                out += [f"- `{s.name}` missed: {t}" for t in s.missed]
                out += [f"- `{s.name}` urgent ignored: {t}" for t in s.ignored]
                out += [f"- `{s.name}` false alarm: {t}" for t in s.alarms]
            elif s.missed or s.ignored or s.alarms:
                out.append(f"- `{s.name}`: {len(s.missed)} missed, {len(s.ignored)} urgent ignored, "
                           f"{len(s.alarms)} false alarms (a test set: its sentences are not shown here; "
                           f"`scripts/red_flag_vignettes.py --nlu -v --file tests/red_flags/{s.name}` prints them)")
        if self.ordinary.alarms:
            out.append(f"- ordinary questions: {len(self.ordinary.alarms)} false alarms (held-in test "
                       "sentences, not shown here)")
        return [line.replace("\n", " ") for line in out] or ["None."]


def _accuracy_row(title: str, f: dict[str, Any]) -> str:
    return (f"| {title} | {f['messages']} | {_frac(f['correct'], f['messages'])} | "
            f"{_pct(f['faq_topic_accuracy'])} | {_pct(f['out_of_scope_fallback_rate'])} |")


def last_cross_validation(path: Path = CV_SUMMARY) -> Optional[dict[str, Any]]:
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    if not data.get("generated"):
        stamp = datetime.fromtimestamp(path.stat().st_mtime, timezone.utc)
        data["generated"] = stamp.strftime("%Y-%m-%d %H:%M UTC") + " (file date)"
    return data


def build(model: Path, root: Path = paths.ROOT, cv_summary: Path = CV_SUMMARY) -> Card:
    intents = sets.model_intents(model)
    red_flags = [sets.score_set(path, intents) for path in sets.set_files(root / "tests" / "red_flags")]
    accuracy = []
    for title, path in (("held-in test set (`tests/nlu/test_nlu.yml`)", TEST_SET),
                        ("held-in narratives (`tests/nlu/narratives.yml`)", NARRATIVE_SET),
                        ("held-in narratives, second set (`tests/nlu/narratives_2.yml`)", NARRATIVE_SET_2)):
        if (root / path).is_file():
            accuracy.append((title, headline(evaluate(model, load_examples(root / path)))))
    return Card(model=model, red_flags=red_flags, ordinary=sets.score_ordinary(intents, root),
                accuracy=accuracy, cross_validation=last_cross_validation(cv_summary),
                generated=datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"))


def readme_block(text: str) -> Optional[str]:
    """The text between the markers of README.md (None without markers)."""
    begin, end = MARKERS
    if begin not in text or end not in text:
        return None
    return text.split(begin, 1)[1].split(end, 1)[0].strip("\n")


def with_readme_block(text: str, tables: str) -> str:
    begin, end = MARKERS
    head, rest = text.split(begin, 1)
    return f"{head}{begin}\n{tables}\n{end}{rest.split(end, 1)[1]}"


def write(model: Path, out: Path = CARD, readme: Optional[Path] = None) -> Card:
    card = build(model)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(card.markdown(), encoding="utf-8")
    if readme is not None:
        readme.write_text(with_readme_block(readme.read_text(encoding="utf-8"), card.tables()),
                          encoding="utf-8")
    return card


def main(argv: list[str] | None = None) -> int:
    import argparse

    from bot.maintain.results import quiet_warnings, trained_model

    parser = argparse.ArgumentParser(prog="python -m bot model-card", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", type=Path, default=None, help="default: the model of the current data")
    parser.add_argument("--out", type=Path, default=CARD)
    parser.add_argument("--readme", action="store_true", help="also write the tables into README.md")
    args = parser.parse_args(argv)
    quiet_warnings()
    model = trained_model(args.model)
    if model is None:
        return 1
    card = write(model, args.out, paths.ROOT / "README.md" if args.readme else None)
    print(card.tables())
    print(f"\nmodel card: {args.out}" + (" (and README.md)" if args.readme else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
