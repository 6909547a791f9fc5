"""Do two models trained on the same data (one with the linear classifiers' warm start,
one cold: ``CLONUS_WARM_START=0``) give the same classifiers? (bot/nlu/warm_start.py)

Prints, per linear classifier, the largest difference of its weights and intercepts (and
whether classes and featurizer files are equal), then parses the held-in test set and the
narrative sets with both models and prints how many messages get a different label and
the largest difference of the label's confidence. A check to run by hand after a warm
retraining, not a test (it needs two trained models).

Usage:
    .venv/bin/python scripts/warm_start_check.py WARM.tar.gz COLD.tar.gz
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]


def compare_weights(warm: Path, cold: Path) -> bool:
    from bot.maintain.model_archive import trained_components

    a, b = trained_components(warm), trained_components(cold)
    same = sorted(a) == sorted(b)
    print(f"component files: {len(a)} and {len(b)}, same names: {'yes' if same else 'NO'}")
    for name in sorted(set(a) & set(b)):
        if name.endswith("weights.npz"):
            for key in sorted(b[name]):
                x, y = a[name].get(key), b[name][key]
                if x is None or x.shape != y.shape:
                    print(f"  {name}:{key}: shapes differ")
                    same = False
                    continue
                scale = float(np.max(np.abs(y))) if y.size else 0.0
                print(f"  {name}:{key}: shape {y.shape}, max |warm - cold| {float(np.max(np.abs(x - y))):.2e} "
                      f"(max |cold| {scale:.2f})")
        elif a[name] != b[name]:
            print(f"  {name}: differs")
            same = False
    return same


def compare_predictions(warm: Path, cold: Path) -> int:
    from bot.maintain.results import (
        NARRATIVE_SETS,
        TEST_SET,
        evaluate,
        load_examples,
        quiet_warnings,
    )

    quiet_warnings()
    changed_total = 0
    for path in [ROOT / TEST_SET, *(ROOT / p for p in NARRATIVE_SETS)]:
        examples = load_examples(path)
        rows_warm, rows_cold = evaluate(warm, examples).rows, evaluate(cold, examples).rows
        changed = [(w, c) for w, c in zip(rows_warm, rows_cold, strict=True) if w[2] != c[2]]
        right_warm = sum(1 for r in rows_warm if r[1] == r[2])
        right_cold = sum(1 for r in rows_cold if r[1] == r[2])
        gap = max((abs(w[3] - c[3]) for w, c in zip(rows_warm, rows_cold, strict=True)), default=0.0)
        print(f"{path.relative_to(ROOT)}: {len(examples)} messages, {len(changed)} with another label; "
              f"label right (exact) warm {right_warm}, cold {right_cold}; max confidence difference {gap:.2e}")
        for w, c in changed:
            print(f"  {w[0][:70]!r}: warm {w[2]} ({w[3]:.3f}), cold {c[2]} ({c[3]:.3f}), expected {w[1]}")
        changed_total += len(changed)
    return changed_total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("warm", type=Path)
    parser.add_argument("cold", type=Path)
    parser.add_argument("--weights-only", action="store_true", help="skip parsing the held-in sets")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    compare_weights(args.warm, args.cold)
    if args.weights_only:
        return 0
    return 1 if compare_predictions(args.warm, args.cold) else 0


if __name__ == "__main__":
    raise SystemExit(main())
