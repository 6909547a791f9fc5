"""Tokenising and normalising messages and names."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import List, NamedTuple, Sequence

from bot.places.words import _COMMON_WORDS


class _Tok(NamedTuple):
    text: str
    norm: str     # lower case, curly quotes straightened
    start: int
    end: int
    word: bool    # a word (or number), not punctuation
    cap: bool     # typed with a capital (in an all-capitals message: not a common word)


_TOKEN = re.compile(r"[^\W_](?:[\w'’&.-]*[^\W_])?\.?|[^\w\s]")


def _tokens(text: str) -> List[_Tok]:
    letters = [c for c in text if c.isalpha()]
    shouting = len(letters) > 3 and all(c.isupper() for c in letters)  # capitals tell nothing
    toks = []
    for m in _TOKEN.finditer(text):
        raw, start = m.group(0), m.start()
        full_stop = (len(raw) > 1 and raw.endswith(".") and "." not in raw[:-1]
                     and raw[:-1].lower() not in ("st", "mt", "ft"))
        if full_stop:  # "Pune." -> "Pune" "."; keep "St." and "U.S."
            raw = raw[:-1]
        word = raw[0].isalnum()
        norm = raw.lower().replace("’", "'")
        cap = word and raw[0].isupper() and not (shouting and norm in _COMMON_WORDS)
        toks.append(_Tok(raw, norm, start, start + len(raw), word, cap))
        if full_stop:
            toks.append(_Tok(".", ".", start + len(raw), start + len(raw) + 1, False, False))
    return toks


def _norm(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").split())


@lru_cache(maxsize=65536)
def _fold(text: str) -> str:
    """ASCII, lower case, no punctuation: "St. John's" -> "st johns", "Montréal" -> "montreal"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^a-z0-9 ]", "", ascii_text.lower().replace("-", " ")).split())


def _phrase(toks: Sequence[_Tok], i: int, j: int) -> str:
    return " ".join(t.norm for t in toks[i:j])
