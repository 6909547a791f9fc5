"""List held-in test examples (tests/nlu/, and its dev/ stories) that also appear in the training data.

Usage: python scripts/nlu_overlap.py [--remove]
Comparison ignores case, punctuation and spacing. Exit code 1 when overlaps exist.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from bot.maintain.results import load_examples

ROOT = Path(__file__).resolve().parents[1]


def norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w ]", " ", text.lower()).split())


def examples(path: Path) -> list[tuple[str, str]]:
    """(intent, text) pairs of an NLU file."""
    return [(intent, text) for text, intent in load_examples(path)]


def training_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for path in sorted((ROOT / "data").rglob("*.yml")):
        for intent, text in examples(path):
            index[norm(text)] = intent
    return index


def main() -> int:
    index = training_index()
    found = 0
    for path in sorted((ROOT / "tests" / "nlu").rglob("*.yml")):
        for intent, text in examples(path):
            if norm(text) in index:
                found += 1
                print(f"{path.relative_to(ROOT)}: {intent}: {text!r} is in training data ({index[norm(text)]})")
    if found and "--remove" in sys.argv:
        for path in sorted((ROOT / "tests" / "nlu").rglob("*.yml")):
            lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
            kept = [ln for ln in lines if not (ln.strip().startswith("- ") and norm(ln.strip()[2:]) in index)]
            path.write_text("".join(kept), encoding="utf-8")
        print(f"removed {found} overlapping examples")
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
