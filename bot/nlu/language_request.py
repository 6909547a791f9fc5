"""Explicit requests for the answer language in a message ("Hindi me batao", "in English
please", a button that sends "हिंदी"), from ``knowledge/language_requests.yml`` (issue 17,
item 1). Such a request overrides the detected language for the rest of the conversation
(``bot.policies.language_slots``)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Dict, List, Optional, Tuple

from bot import paths
from bot.knowledge.files import read_yaml
from bot.nlu.language import ENGLISH, HINDI

REQUESTS_FILE = paths.KNOWLEDGE / "language_requests.yml"
_SPACE = re.compile(r"\s+")
_EDGE_PUNCT = " .,!?।;:\"'()"


@lru_cache(maxsize=1)
def _patterns() -> Tuple[Dict[str, re.Pattern[str]], Dict[str, frozenset[str]]]:
    data = read_yaml(REQUESTS_FILE)
    phrases: Dict[str, re.Pattern[str]] = {}
    for label, items in (data.get("phrases") or {}).items():
        words: List[str] = sorted((str(p).lower() for p in items), key=len, reverse=True)
        # whole words: no letter (Latin or Devanagari) right before or after
        phrases[str(label)] = re.compile(
            r"(?<![\w\u0900-\u097f])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w\u0900-\u097f])")
    alone = {str(label): frozenset(str(w).lower() for w in items)
             for label, items in (data.get("alone") or {}).items()}
    return phrases, alone


def requested(text: Optional[str]) -> Optional[str]:
    """``ENGLISH`` or ``HINDI`` when the message asks for that answer language, else None
    (also None when it names both)."""
    if not text:
        return None
    clean = _SPACE.sub(" ", text.lower()).strip(_EDGE_PUNCT)
    phrases, alone = _patterns()
    found = {label for label, words in alone.items() if clean in words}
    found |= {label for label, pattern in phrases.items() if pattern.search(clean)}
    found &= {ENGLISH, HINDI}
    return found.pop() if len(found) == 1 else None
