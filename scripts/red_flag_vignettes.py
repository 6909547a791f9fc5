"""Run the red-flag detector over a vignette file and print recall on emergencies and
false alarms on mentions.

Rules only (spaCy pipeline + sign rules) by default; ``--nlu`` parses every message with
the trained model (the whole NLU pipeline, red-flag detector last) and also counts the
messages that escalate only through the classifier's safety net (the rules alone did not
escalate them).

A file has ``emergency`` (must reach the emergency level), optionally ``urgent`` (must
escalate, urgent or emergency) and ``not_emergency`` (must not escalate).

The gate test and the model card score the whole NLU with ``bot/maintain/red_flag_sets.py``
(the same sets, the same groups); this script adds the rules-only reading and the details.

Usage: python scripts/red_flag_vignettes.py [--file tests/red_flags/vignettes.yml ...] [--nlu] [-v]
(several files: each is reported in turn, the pipeline or model loaded once)

A Hindi set (items with a ``script``: ``hi``, ``hi-latn``, ``mixed``) also gets its figures per
script, the way its gates count them (lines that start like the totals, so a totals-only
``grep`` keeps them).
"""

from __future__ import annotations

import argparse
import asyncio
from pathlib import Path
from typing import Any, Callable, Dict, List, Tuple

import yaml

from bot import paths
from bot.maintain.red_flag_sets import ESCALATING, load_groups

#: (level of the rules alone, intent after the whole NLU or None, concepts for -v,
#: the classifier's own best intent or None)
Reading = Tuple[str, Any, List[tuple], Any]


def rules_reader(fresh: bool) -> Callable[[List[str]], List[Reading]]:
    import spacy

    from bot.knowledge.red_flags import load_rules

    if fresh:
        from bot.nlp.pipeline import build_pipeline

        nlp = build_pipeline()
    else:
        nlp = spacy.load("en_clonus_pipeline")
    rules = load_rules()

    def read(texts: List[str]) -> List[Reading]:
        out = []
        for text in texts:
            result = rules.assess(nlp(text.lower()))
            concepts = [(c.text, c.label, c.status, c.trigger) for c in result.concepts]
            out.append((result.level, None, concepts, None))
        return out

    return read


def nlu_reader(model: Path) -> Callable[[List[str]], List[Reading]]:
    from bot.maintain.results import load_agent

    agent = load_agent(model)  # Rasa's per-message debug log switched off

    def read(texts: List[str]) -> List[Reading]:
        async def run() -> List[Dict[str, Any]]:
            return [await agent.parse_message(t) for t in texts]

        out = []
        for parse in asyncio.run(run()):
            flags = parse.get("red_flags") or {}
            concepts = [(c["text"], c["label"], c["status"], c["trigger"]) for c in flags.get("concepts", [])]
            concepts.append(("confidence", round(float(parse["intent"].get("confidence") or 0), 3)))
            # the rules force their escalation with confidence 1.0; otherwise the ranking is
            # the classifier's own (a withdrawn red-flag guess keeps its confidence there)
            ranking = parse.get("intent_ranking") or [parse["intent"]]
            guess = max(ranking, key=lambda r: float(r.get("confidence") or 0)).get("name")
            out.append((flags.get("level", "information"), parse["intent"]["name"], concepts, guess))
        return out

    return read


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--file", type=Path, nargs="+",
                        default=[paths.ROOT / "tests" / "red_flags" / "vignettes.yml"])
    parser.add_argument("--fresh", action="store_true", help="build the pipeline from source, not the package")
    parser.add_argument("--nlu", action="store_true", help="parse with the trained model (whole NLU)")
    parser.add_argument("--model", type=Path, default=None, help="model archive for --nlu (default: current)")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    if args.nlu:
        from bot.fingerprint import model_path

        read = nlu_reader(args.model or model_path())
    else:
        read = rules_reader(args.fresh)
    for path in args.file:
        print(f"== {path.name}")
        report(path, read, args.nlu, args.verbose)
    return 0


def report(path: Path, read: Callable[[List[str]], List[Reading]], nlu: bool, verbose: bool) -> None:
    """Print one file's figures and its misses, false alarms and safety-net rows."""
    groups = load_groups(path)
    readings = {key: read(texts) for key, texts in groups.items()}

    def escalated(reading: Reading, wanted: set) -> bool:
        level, intent, _, _ = reading
        if intent is not None:
            return intent in ({"red_flag"} if wanted == {"emergency"} else ESCALATING)
        return level in wanted

    rows: List[Tuple[str, str, Reading]] = []
    n_e = len(groups["emergency"])
    missed = [(t, r) for t, r in zip(groups["emergency"], readings["emergency"], strict=True) if not escalated(r, {"emergency"})]
    print(f"emergencies escalated (emergency level): {n_e - len(missed)}/{n_e} = {(n_e - len(missed)) / max(n_e, 1):.1%}")
    rows += [("MISSED", t, r) for t, r in missed]
    if groups["urgent"]:
        n_u = len(groups["urgent"])
        missed_u = [(t, r) for t, r in zip(groups["urgent"], readings["urgent"], strict=True)
                    if not escalated(r, {"emergency", "urgent"})]
        print(f"urgent escalated (urgent or emergency): {n_u - len(missed_u)}/{n_u}")
        rows += [("MISSED URGENT", t, r) for t, r in missed_u]
        wrong_level = [(t, r) for t, r in zip(groups["urgent"], readings["urgent"], strict=True) if r[0] == "emergency"]
        rows += [("URGENT AS EMERGENCY", t, r) for t, r in wrong_level]
    n_n = len(groups["not_emergency"])
    alarms = [(t, r) for t, r in zip(groups["not_emergency"], readings["not_emergency"], strict=True)
              if escalated(r, {"emergency", "urgent"})]
    print(f"false alarms on mentions: {len(alarms)}/{n_n} = {len(alarms) / max(n_n, 1):.1%}")
    rows += [("FALSE ALARM", t, r) for t, r in alarms]
    scripts = _scripts(path)
    for script in sorted({x for values in scripts.values() for x in values if x}):
        em = [r for r, x in zip(readings["emergency"], scripts["emergency"], strict=True) if x == script]
        ne = [r for r, x in zip(readings["not_emergency"], scripts["not_emergency"], strict=True) if x == script]
        hit = sum(1 for r in em if escalated(r, {"emergency"}))
        wrong = sum(1 for r in ne if escalated(r, {"emergency", "urgent"}))
        print(f"emergencies escalated [{script}]: {hit}/{len(em)}")
        print(f"false alarms on mentions [{script}]: {wrong}/{len(ne)} = {wrong / max(len(ne), 1):.1%}")
    if nlu:
        # escalated by the whole NLU although the rules alone did not escalate
        net = [(key, t) for key in groups for t, r in zip(groups[key], readings[key], strict=True)
               if r[1] in ESCALATING and r[0] not in ("emergency", "urgent")]
        held = sum(1 for key, _ in net if key != "not_emergency")
        print(f"escalated only by the classifier's safety net: {held} emergencies/urgent, "
              f"{len(net) - held} mentions")
        rows += [("SAFETY NET", t, (key, r[1], r[2], r[3])) for key in groups
                 for t, r in zip(groups[key], readings[key], strict=True) if (key, t) in net]
        # both directions: classifier red-flag guesses the rules did not confirm, kept or withdrawn
        guessed = [(key, t, r) for key in groups for t, r in zip(groups[key], readings[key], strict=True)
                   if r[3] in ESCALATING and r[0] not in ("emergency", "urgent")]
        withdrawn = [(key, t, r) for key, t, r in guessed if r[1] not in ESCALATING]
        print(f"classifier red-flag guesses the rules did not confirm: {len(guessed)} "
              f"(kept {len(guessed) - len(withdrawn)}, withdrawn {len(withdrawn)}: "
              f"{sum(1 for k, _, _ in withdrawn if k != 'not_emergency')} of them emergencies/urgent)")
        rows += [("WITHDRAWN", t, (key, r[1], r[2], r[3])) for key, t, r in withdrawn]
    for label, text, (level, intent, concepts, _) in rows:
        extra = f" {concepts}" if verbose else ""
        print(f"{label}: {text!r} level={level} intent={intent}{extra}")


def _scripts(path: Path) -> Dict[str, List[Any]]:
    """The ``script`` of each item of each group, in the order of ``load_groups`` (None when
    an item names none)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {key: [item.get("script") if isinstance(item, dict) else None for item in data.get(key) or []]
            for key in ("emergency", "urgent", "not_emergency")}


if __name__ == "__main__":
    raise SystemExit(main())
