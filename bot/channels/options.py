"""Which numbered option a reply picks (SMS / WhatsApp): "2", "२", "#2", "2.", "option 2",
"second", "doosra", "दूसरा वाला" ... (issue 17, item 5).

Numbers are read in any script (``unicodedata.decimal``: ASCII and Devanagari digits alike);
ordinal words and the filler words allowed around them are data in
``knowledge/option_words.yml``. Only a message that is nothing but the choice counts: "2 days
ago" or "my second question" stays text.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Dict, FrozenSet, Optional, Tuple

from bot import paths
from bot.knowledge.files import read_yaml

#: the longest option number read (options are numbered 1..n per turn, n is small)
MAX_DIGITS = 2
_TOKEN = re.compile(r"[^\s.,:;!?)#(।]+")


@lru_cache(maxsize=1)
def option_words() -> Tuple[Dict[str, int], FrozenSet[str]]:
    """Ordinal word -> number, and the filler words (``knowledge/option_words.yml``)."""
    data = read_yaml(paths.KNOWLEDGE / "option_words.yml")
    ordinals = {str(word).lower(): int(number)
                for number, words in (data.get("ordinals") or {}).items() for word in words}
    return ordinals, frozenset(str(w).lower() for w in data.get("fillers") or [])


def _number(token: str) -> Optional[int]:
    if not 1 <= len(token) <= MAX_DIGITS:
        return None
    digits = [unicodedata.decimal(c, None) for c in token]
    if any(d is None for d in digits):
        return None
    return int("".join(str(d) for d in digits))


def option_number(text: Optional[str]) -> Optional[int]:
    """The option number ``text`` chooses, or ``None`` when it is not just a choice."""
    ordinals, fillers = option_words()
    tokens = [t.lower() for t in _TOKEN.findall(unicodedata.normalize("NFC", text or ""))]
    picked = [n for n in (_number(t) if _number(t) is not None else ordinals.get(t) for t in tokens)
              if n is not None]
    rest = [t for t in tokens if _number(t) is None and t not in ordinals]
    if len(picked) != 1 or any(t not in fillers for t in rest):
        return None
    return picked[0]
