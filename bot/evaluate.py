"""Intent accuracy of a trained model on a labelled NLU file (the held-in test set).

A FAQ message counts as right when the response selector picks its topic
(``faq/<key>``); an ``out_of_scope`` message counts as right when the bot gives
the honest fallback (``out_of_scope`` or ``nlu_fallback``).
"""

from __future__ import annotations

import asyncio
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import yaml

HONEST_FALLBACK = {"out_of_scope", "nlu_fallback"}


@dataclass
class Result:
    """Per-message outcomes of an evaluation."""

    rows: list[tuple[str, str, str, float]] = field(default_factory=list)  # text, expected, got, conf

    @property
    def total(self) -> int:
        return len(self.rows)

    @property
    def correct(self) -> int:
        return sum(1 for _, exp, got, _ in self.rows if is_correct(exp, got))

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0

    def accuracy_where(self, predicate: Any) -> tuple[int, int]:
        picked = [r for r in self.rows if predicate(r[1])]
        return sum(1 for _, e, g, _ in picked if is_correct(e, g)), len(picked)

    def errors(self) -> list[tuple[str, str, str, float]]:
        return [r for r in self.rows if not is_correct(r[1], r[2])]

    def per_intent(self) -> dict[str, tuple[int, int]]:
        counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for _, exp, got, _ in self.rows:
            counts[exp][1] += 1
            counts[exp][0] += int(is_correct(exp, got))
        return {k: (v[0], v[1]) for k, v in sorted(counts.items())}


def is_correct(expected: str, got: str) -> bool:
    if expected == "out_of_scope":
        return got in HONEST_FALLBACK
    return expected == got


def load_examples(path: Path) -> list[tuple[str, str]]:
    """(text, intent) pairs from a Rasa NLU YAML file (annotations stripped)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    pairs = []
    for block in data.get("nlu", []) or []:
        if "intent" not in block:
            continue
        for line in str(block.get("examples", "")).splitlines():
            line = line.strip()
            if line.startswith("- "):
                text = re.sub(r"\[([^\]]+)\]\([^)]+\)|\[([^\]]+)\]\{[^}]+\}", lambda m: m.group(1) or m.group(2), line[2:])
                pairs.append((text.strip(), block["intent"]))
    return pairs


def label(parse: dict[str, Any]) -> tuple[str, float]:
    """The full predicted label (``faq/<key>`` for the retrieval intent) and its confidence."""
    intent = parse.get("intent") or {}
    name = intent.get("name") or "None"
    confidence = float(intent.get("confidence") or 0.0)
    if name == "faq":
        key = (parse.get("response_selector", {}).get("faq", {}).get("response", {})
               .get("intent_response_key"))
        if key:
            name = key
    return name, confidence


def evaluate(model: Path, examples: Iterable[tuple[str, str]]) -> Result:
    """Parse every example with the model (no servers needed)."""
    from rasa.core.agent import Agent

    agent = Agent.load(str(model))

    async def _run() -> Result:
        result = Result()
        for text, expected in examples:
            parse = await agent.parse_message(text)
            got, conf = label(parse)
            result.rows.append((text, expected, got, conf))
        return result

    return asyncio.run(_run())


def summary(result: Result) -> str:
    faq_ok, faq_n = result.accuracy_where(lambda e: e.startswith("faq/"))
    oos_ok, oos_n = result.accuracy_where(lambda e: e == "out_of_scope")
    lines = [
        f"intent accuracy: {result.correct}/{result.total} = {result.accuracy:.1%}",
        f"topic questions answered with the right topic: {faq_ok}/{faq_n} = {faq_ok / max(faq_n, 1):.1%}",
        f"out-of-scope questions given the honest fallback: {oos_ok}/{oos_n} = {oos_ok / max(oos_n, 1):.1%}",
    ]
    confusions = Counter((e, g) for _, e, g, _ in result.errors())
    if confusions:
        lines.append("misclassified:")
        lines += [f"  {text!r}: expected {e}, got {g} ({c:.2f})" for text, e, g, c in result.errors()]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    import argparse

    from bot import paths
    from bot.fingerprint import model_path

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", type=Path, default=None)
    parser.add_argument("--data", type=Path, default=paths.ROOT / "tests" / "nlu" / "test_nlu.yml")
    args = parser.parse_args(argv)
    result = evaluate(args.model or model_path(), load_examples(args.data))
    print(summary(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
