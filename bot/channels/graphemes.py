"""User-perceived characters (grapheme clusters), so a long text is never cut inside one.

A Devanagari syllable such as "क्षि" is several code points (क ् ष ि); cutting between them
shows a broken letter on the phone. ``clusters`` uses the extended grapheme clusters of the
``regex`` module (``\\X``: a base letter with its vowel signs, nukta and other marks) and
also keeps a conjunct together: a cluster ending in a virama (्, optionally followed by a
zero-width joiner) is joined with the consonant after it, as Unicode 15.1 does (rule GB9c,
which the pinned ``regex`` release predates).
"""

from __future__ import annotations

from typing import List

import regex

_CLUSTER = regex.compile(r"\X")
VIRAMA = "\u094D"
ZWJ = "\u200D"


def is_consonant(char: str) -> bool:
    """A Devanagari consonant (with the nukta forms and the later additions)."""
    code = ord(char)
    return 0x0915 <= code <= 0x0939 or 0x0958 <= code <= 0x095F or 0x0978 <= code <= 0x097F


def clusters(text: str) -> List[str]:
    """``text`` as the characters a reader sees; ``"".join(clusters(t)) == t``."""
    out: List[str] = []
    for cluster in _CLUSTER.findall(text):
        if out and out[-1].rstrip(ZWJ).endswith(VIRAMA) and is_consonant(cluster[0]):
            out[-1] += cluster
        else:
            out.append(cluster)
    return out
