"""List held-in test examples (tests/nlu/, and its dev/ stories, and the red-flag sets named in
``RED_FLAG_SETS``) that also appear in the training data.

Usage: python scripts/nlu_overlap.py [--remove]
Comparison ignores case, punctuation and spacing. Exit code 1 when overlaps exist.
``--remove`` deletes overlapping lines from the NLU files only; an overlapping red-flag
message is reported, never removed (which message leaves a red-flag set is a decision).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

from bot.maintain.results import load_examples

ROOT = Path(__file__).resolve().parents[1]
#: Red-flag sets (tests/red_flags/) checked too: the held-in Hindi narratives (issue 17).
#: The older English sets are not listed: some of their ordinary questions are also
#: training examples on purpose or by history.
RED_FLAG_SETS = ("hindi_narratives.yml",)


#: Devanagari letters, vowel signs and digits (U+0900-U+097F without the dandas ।, ॥): kept by
#: ``norm`` (a vowel sign is not ``\w``, so 'कि' and 'की' would otherwise both read 'क').
DEVANAGARI = "\u0900-\u0963\u0966-\u097f"


def norm(text: str) -> str:
    return " ".join(re.sub(rf"[^\w{DEVANAGARI} ]", " ", text.lower()).split())


def examples(path: Path) -> list[tuple[str, str]]:
    """(intent, text) pairs of an NLU file."""
    return [(intent, text) for text, intent in load_examples(path)]


def training_index(root: Path = ROOT) -> dict[str, str]:
    index: dict[str, str] = {}
    for path in sorted((root / "data").rglob("*.yml")):
        for intent, text in examples(path):
            index[norm(text)] = intent
    return index


def red_flag_examples(path: Path) -> list[tuple[str, str]]:
    """(group, text) pairs of a red-flag set (``emergency``, ``urgent``, ``not_emergency``...)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return [(group, item["text"] if isinstance(item, dict) else str(item))
            for group, items in data.items() if isinstance(items, list) for item in items]


def held_in(root: Path = ROOT) -> list[tuple[Path, str, str]]:
    """(file, label, text) of every held-in message the overlap check covers."""
    out = [(path, intent, text) for path in sorted((root / "tests" / "nlu").rglob("*.yml"))
           for intent, text in examples(path)]
    out += [(path, group, text) for path in (root / "tests" / "red_flags" / name for name in RED_FLAG_SETS)
            if path.is_file() for group, text in red_flag_examples(path)]
    return out


def overlaps(root: Path = ROOT) -> list[tuple[Path, str, str, str]]:
    """(file, label, text, training intent) of each held-in message that is also in data/."""
    index = training_index(root)
    return [(path, label, text, index[norm(text)]) for path, label, text in held_in(root) if norm(text) in index]


def main() -> int:
    found = 0
    for path, label, text, intent in overlaps():
        found += 1
        print(f"{path.relative_to(ROOT)}: {label}: {text!r} is in training data ({intent})")
    if found and "--remove" in sys.argv:
        index = training_index()
        removed = 0
        for path in sorted((ROOT / "tests" / "nlu").rglob("*.yml")):
            lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
            kept = [ln for ln in lines if not (ln.strip().startswith("- ") and norm(ln.strip()[2:]) in index)]
            removed += len(lines) - len(kept)
            path.write_text("".join(kept), encoding="utf-8")
        print(f"removed {removed} overlapping examples from tests/nlu/ (red-flag sets are left as they are)")
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
