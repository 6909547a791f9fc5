"""Write each topic's related-topic buttons (knowledge/topics.yml) into its answer
variations in data/nlu/responses/faq.yml. The payload is the question itself (no
/intent), so a click is understood like typed text; the Hindi variations (slot
answer_language = hi) get the Hindi titles of knowledge/translations.yml.

Usage: python scripts/sync_related_buttons.py [--check]
With --check, exit 1 if the file is out of date (used by the content tests).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Dict, List

from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.knowledge.files import load_topics  # noqa: E402

RESPONSES = ROOT / "data" / "nlu" / "responses" / "faq.yml"


def hindi_titles() -> Dict[str, str]:
    data = YAML(typ="safe").load((ROOT / "knowledge" / "translations.yml").read_text(encoding="utf-8"))
    return {str(k): str(v) for k, v in (data.get("titles") or {}).items()}


def is_hindi(variation: Any) -> bool:
    return any(c.get("name") == "answer_language" and c.get("value") == "hi"
               for c in variation.get("condition") or [])


def wanted_buttons(key: str, hindi: bool = False) -> List[Dict[str, str]]:
    topics = load_topics()
    titles = hindi_titles() if hindi else {k: t.title for k, t in topics.items()}
    return [{"title": titles.get(k, ""), "payload": titles.get(k, "")}
            for k in topics[key].related if k in topics and k != key][:3]


def main() -> int:
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096
    data: Any = yaml.load(RESPONSES.read_text(encoding="utf-8"))
    stale = []
    for name, variations in data["responses"].items():
        key = name.split("/", 1)[1]
        for variation in variations:
            buttons = wanted_buttons(key, is_hindi(variation))  # a new list per variation: no YAML aliases
            current = [dict(b) for b in variation.get("buttons", [])]
            if current != buttons:
                stale.append(name)
                variation["buttons"] = buttons
    if "--check" in sys.argv:
        if stale:
            print("out of date:", sorted(set(stale)))
            return 1
        return 0
    with RESPONSES.open("w", encoding="utf-8") as handle:
        yaml.dump(data, handle)
    print(f"updated {len(set(stale))} responses")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
