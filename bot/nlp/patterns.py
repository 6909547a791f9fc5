"""Compile the red-flag vocabulary's phrase mini-language into spaCy token patterns.

Phrases (``knowledge/red_flags.yml``): words separated by spaces; ``(a|b|c)`` one of
several (an alternative may have several words); ``(a|b)?`` optional; ``*`` a gap of
0-4 tokens. Words are matched on the token's NORM (lowercase, with contractions
expanded by spaCy: "can't" -> "can not", and misspellings fixed by
``clonus_normalizer``).
"""

from __future__ import annotations

import itertools
import re
from typing import Any, Callable, Dict, Iterable, List

_GROUP = re.compile(r"\(([^()]*)\)(\?)?|\*|[^\s()*]+")
GAP = "*"
MAX_GAP = 4
#: A gap never swallows a negation: "his face isn't drooping" is not "face ... drooping".
GAP_TOKEN: Dict[str, Any] = {"NORM": {"NOT_IN": ["not", "no", "never", "nothing", "without"]}, "OP": "?"}


def expand(phrase: str) -> List[List[str]]:
    """All plain variants of a phrase, as lists of words (``*`` kept as a gap marker)."""
    parts: List[List[str]] = []
    for match in _GROUP.finditer(phrase.strip().lower()):
        token = match.group(0)
        if match.group(1) is not None:
            options = [o.strip() for o in match.group(1).split("|")]
            if match.group(2):
                options.append("")
            parts.append(options)
        else:
            parts.append([token])
    variants = []
    for combo in itertools.product(*parts):
        words = " ".join(w for w in combo if w).split()
        if words:
            variants.append(words)
    return variants


def to_patterns(
    phrase: str, norms: Callable[[str], List[str]]
) -> List[List[Dict[str, Any]]]:
    """Token patterns for a phrase; ``norms`` turns text into the tokenizer's norms."""
    patterns = []
    for words in expand(phrase):
        pattern: List[Dict[str, Any]] = []
        chunk: List[str] = []

        def flush() -> None:
            if chunk:
                pattern.extend({"NORM": n} for n in norms(" ".join(chunk)))
                chunk.clear()

        for word in words:
            if word == GAP:
                flush()
                pattern.extend(dict(GAP_TOKEN) for _ in range(MAX_GAP))
            else:
                chunk.append(word)
        flush()
        while pattern and pattern[-1] == GAP_TOKEN:
            pattern.pop()
        while pattern and pattern[0] == GAP_TOKEN:
            pattern.pop(0)
        if pattern:
            patterns.append(pattern)
    return patterns


def ruler_patterns(
    concepts: Dict[str, Iterable[str]], norms: Callable[[str], List[str]]
) -> List[Dict[str, Any]]:
    """EntityRuler patterns for every concept (label) and phrase."""
    out: List[Dict[str, Any]] = []
    seen = set()
    for label, phrases in concepts.items():
        for phrase in phrases:
            for pattern in to_patterns(phrase, norms):
                key = (label, repr(pattern))
                if key not in seen:
                    seen.add(key)
                    out.append({"label": label, "pattern": pattern, "id": label})
    return out
