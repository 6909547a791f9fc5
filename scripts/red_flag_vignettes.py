"""Run the red-flag detector (spaCy pipeline + sign rules) over the vignette file and
print recall on emergencies and false alarms on mentions.

Usage: python scripts/red_flag_vignettes.py [--file tests/red_flags/vignettes.yml] [-v]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import spacy
import yaml

from bot import paths
from bot.knowledge.red_flags import load_rules


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--file", type=Path, default=paths.ROOT / "tests" / "red_flags" / "vignettes.yml")
    parser.add_argument("--fresh", action="store_true", help="build the pipeline from source, not the package")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    if args.fresh:
        from bot.nlp.pipeline import build_pipeline

        nlp = build_pipeline()
    else:
        nlp = spacy.load("en_clonus_pipeline")
    rules = load_rules()
    data = yaml.safe_load(args.file.read_text(encoding="utf-8"))
    missed, alarms = [], []
    for item in data["emergency"]:
        result = rules.assess(nlp(item["text"].lower()))
        if result.level != "emergency":
            missed.append((item, result))
    for item in data["not_emergency"]:
        result = rules.assess(nlp(item["text"].lower()))
        if result.escalate:
            alarms.append((item, result))
    n_e, n_n = len(data["emergency"]), len(data["not_emergency"])
    print(f"emergencies escalated (emergency level): {n_e - len(missed)}/{n_e} = {(n_e - len(missed)) / n_e:.1%}")
    print(f"false alarms on mentions: {len(alarms)}/{n_n} = {len(alarms) / n_n:.1%}")
    for label, rows in (("MISSED", missed), ("FALSE ALARM", alarms)):
        for item, result in rows:
            concepts = [(c.text, c.label, c.status, c.trigger) for c in result.concepts]
            print(f"{label}: {item['text']!r} level={result.level} {concepts if args.verbose else ''}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
