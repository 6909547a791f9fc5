"""The files ``make evaluate`` writes for one evaluation (held-in set or cross-validation).

In ``<out>/``:

- ``intent_report.md``: headline figures and per-intent precision / recall / F1 / support;
- ``confusion_matrix.png``: expected label (rows) against predicted label (columns);
- ``confidence_histogram.png``: the confidence of right and wrong predictions, with the
  FallbackClassifier threshold;
- ``misclassified.md``: every wrongly understood message;
- ``summary.json``: the headline figures, machine-readable.

Labels: a FAQ question is its topic ``faq/<key>``; the honest fallback (``nlu_fallback``)
counts as ``out_of_scope``, which is right for an out-of-scope message (as in the gate).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from bot.maintain.results import HONEST_FALLBACK, OUTCOMES, Result, fraction_percent, percent

FILES = ("intent_report.md", "confusion_matrix.png", "confidence_histogram.png",
         "misclassified.md", "summary.json")


def canonical(label: str) -> str:
    return "out_of_scope" if label in HONEST_FALLBACK else label


@dataclass(frozen=True)
class Score:
    label: str
    precision: float
    recall: float
    f1: float
    support: int


def scores(result: Result) -> list[Score]:
    """Precision, recall and F1 per expected label (predictions mapped by ``canonical``)."""
    pairs = [(canonical(e), canonical(g)) for _, e, g, _ in result.rows]
    expected = Counter(e for e, _ in pairs)
    predicted = Counter(g for _, g in pairs)
    hits = Counter(e for e, g in pairs if e == g)
    out = []
    for label in sorted(expected):
        precision = hits[label] / predicted[label] if predicted[label] else 0.0
        recall = hits[label] / expected[label]
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        out.append(Score(label, precision, recall, f1, expected[label]))
    return out


def headline(result: Result) -> dict[str, float | int]:
    faq_ok, faq_n = result.accuracy_where(lambda e: e.startswith("faq/"))
    oos_ok, oos_n = result.accuracy_where(lambda e: e == "out_of_scope")
    table = scores(result)
    return {
        "messages": result.total,
        "correct": result.correct,
        "accuracy": round(result.accuracy, 4),
        "faq_topic_accuracy": round(faq_ok / faq_n, 4) if faq_n else 0.0,
        "out_of_scope_fallback_rate": round(oos_ok / oos_n, 4) if oos_n else 0.0,
        "macro_f1": round(sum(s.f1 for s in table) / len(table), 4) if table else 0.0,
        "weighted_f1": round(sum(s.f1 * s.support for s in table) / result.total, 4) if result.total else 0.0,
        "answers": result.outcomes(),
    }


def answers_text(figures: dict) -> str:
    """The answers as the user sees them, "Do you mean...?" counted apart."""
    counts = figures.get("answers") or {}
    total = sum(counts.values()) or 1
    return "; ".join(f"{OUTCOMES[kind]} {counts.get(kind, 0)}/{total} = {counts.get(kind, 0) / total:.1%}"
                     for kind in OUTCOMES)


def headline_text(figures: dict[str, float | int], gate: Optional[float] = None) -> str:
    gate_text = ""
    correct, messages = int(figures["correct"]), int(figures["messages"])
    if gate is not None:  # from the counts: ``accuracy`` is rounded to 4 decimals
        verdict = "pass" if messages and correct >= gate * messages else "BELOW THE GATE"
        gate_text = f" (gate {gate:.0%}: {verdict})"
    return (f"intent accuracy {correct}/{messages} = {fraction_percent(correct, messages)}"
            f"{gate_text}; FAQ topic {percent(figures['faq_topic_accuracy'])}; out-of-scope given the "
            f"fallback {percent(figures['out_of_scope_fallback_rate'])}; macro F1 {figures['macro_f1']:.3f}; "
            f"weighted F1 {figures['weighted_f1']:.3f}")


def write(result: Result, out: Path, title: str, threshold: float, gate: Optional[float] = None,
          note: str = "") -> dict[str, float | int]:
    """Write every file of ``FILES`` into ``out``; returns the headline figures."""
    out.mkdir(parents=True, exist_ok=True)
    figures = headline(result)
    table = scores(result)
    lines = [f"# {title}", ""]
    if note:
        lines += [note, ""]
    lines += [f"**{headline_text(figures, gate)}**", "",
              f"What the user gets (the TopicContextPolicy asks \"Do you mean...?\" when the best "
              f"topic is weak or close to the second): {answers_text(figures)}.", "",
              "A FAQ question counts as right when the response selector picks its topic "
              "(`faq/<key>`); the honest fallback (`nlu_fallback`) is counted as `out_of_scope`.",
              "", "| intent | precision | recall | F1 | support |", "|---|---:|---:|---:|---:|"]
    lines += [f"| `{s.label}` | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} | {s.support} |"
              for s in table]
    if table:
        n = len(table)
        lines.append(f"| **macro average** | {sum(s.precision for s in table) / n:.3f} | "
                     f"{sum(s.recall for s in table) / n:.3f} | {figures['macro_f1']:.3f} | {result.total} |")
    lines += ["", "Files: `confusion_matrix.png`, `confidence_histogram.png`, `misclassified.md`, "
                  "`summary.json`."]
    (out / "intent_report.md").write_text("\n".join(lines) + "\n", encoding="utf-8")

    errors = sorted(result.errors(), key=lambda r: (r[1], -r[3]))
    wrong = [f"# Misclassified messages: {title}", "",
             f"{len(errors)} of {result.total} messages. Confidence: the classifier's (for a FAQ "
             "topic, the response selector's).", "",
             "| message | expected | predicted | confidence |", "|---|---|---|---:|"]
    wrong += [f"| {_cell(text)} | `{e}` | `{g}` | {c:.2f} |" for text, e, g, c in errors]
    (out / "misclassified.md").write_text("\n".join(wrong) + "\n", encoding="utf-8")

    _confusion_png(result, out / "confusion_matrix.png", title)
    _histogram_png(result, out / "confidence_histogram.png", title, threshold)
    from datetime import datetime, timezone

    generated = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    (out / "summary.json").write_text(json.dumps({"title": title, **figures, "gate": gate,
                                                  "fallback_threshold": threshold,
                                                  "generated": generated, "note": note},
                                                 indent=2) + "\n", encoding="utf-8")
    return figures


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _confusion_png(result: Result, path: Path, title: str) -> None:
    plt = _pyplot()
    pairs = [(canonical(e), canonical(g)) for _, e, g, _ in result.rows]
    labels = sorted({e for e, _ in pairs} | {g for _, g in pairs})
    index = {label: i for i, label in enumerate(labels)}
    matrix = [[0] * len(labels) for _ in labels]
    for e, g in pairs:
        matrix[index[e]][index[g]] += 1
    size = max(6.0, 0.32 * len(labels) + 3)
    fig, ax = plt.subplots(figsize=(size + 1.5, size))
    image = ax.imshow(matrix, cmap="Blues")
    ax.set_xticks(range(len(labels)))
    ax.set_yticks(range(len(labels)))
    ax.set_xticklabels(labels, rotation=90, fontsize=7)
    ax.set_yticklabels(labels, fontsize=7)
    ax.set_xlabel("predicted")
    ax.set_ylabel("expected")
    ax.set_title(f"Confusion matrix: {title}")
    peak = max((max(row) for row in matrix), default=0) or 1
    for i, row in enumerate(matrix):
        for j, count in enumerate(row):
            if count:
                ax.text(j, i, str(count), ha="center", va="center", fontsize=6,
                        color="white" if count > peak / 2 else ("crimson" if i != j else "black"))
    fig.colorbar(image, ax=ax, fraction=0.04)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def _histogram_png(result: Result, path: Path, title: str, threshold: float) -> None:
    plt = _pyplot()
    right = [c for _, e, g, c in result.rows if canonical(e) == canonical(g)]
    wrong = [c for _, e, g, c in result.rows if canonical(e) != canonical(g)]
    fig, ax = plt.subplots(figsize=(8, 4.5))
    bins = [i / 20 for i in range(21)]
    ax.hist([right, wrong], bins=bins, stacked=True, color=["#4c9a2a", "#c0392b"],
            label=[f"right ({len(right)})", f"wrong ({len(wrong)})"])
    ax.axvline(threshold, color="black", linestyle="--", linewidth=1)
    ax.text(threshold, ax.get_ylim()[1] * 0.95, f" fallback threshold {threshold:.2f}", fontsize=8, va="top")
    ax.set_xlabel("confidence of the prediction")
    ax.set_ylabel("messages")
    ax.set_title(f"Confidence: {title}")
    ax.legend(loc="upper left")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
