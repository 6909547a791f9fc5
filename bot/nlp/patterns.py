"""Compile the red-flag vocabulary's phrase mini-language into spaCy token patterns.

Phrases (``knowledge/red_flags.yml``, ``knowledge/context_rules.yml``): words separated
by spaces; ``(a|b|c)`` one of several (an alternative may have several words, and groups
may nest); ``(a|b)?`` optional; ``*`` a gap of 0-4 tokens; ``#num`` any number ("3",
"ten"); ``#year`` four digits ("2009"); ``word~`` any word that starts with ``word``
("लडखडा~": लडखडाना, लडखडाती ...; for Hindi inflections, issue 17). Words are matched on the token's NORM
(lowercase, with contractions expanded by spaCy: "can't" -> "can not", and misspellings
fixed by ``clonus_normalizer``).
"""

from __future__ import annotations

import re
from typing import Any, Callable, Dict, Iterable, List, Tuple

_TOKEN = re.compile(r"\)\?|[()|*]|[^\s()|*]+")
GAP = "*"
NUMBER = "#num"
YEAR = "#year"
MAX_GAP = 4
PREFIX = "~"
#: A gap never swallows a negation ("his face isn't drooping" is not "face ... drooping"),
#: in English or Hindi, nor crosses punctuation ("can't swallow, food gets stuck": the gap
#: stays in its clause).
GAP_TOKEN: Dict[str, Any] = {"NORM": {"NOT_IN": ["not", "no", "never", "nothing", "without",
                                                 "nahi", "nahin", "nhi", "नहीं", "नही", "बिना", "bina"]},
                             "IS_PUNCT": False, "OP": "?"}


def _sequence(tokens: List[str], i: int) -> Tuple[List[List[str]], int]:
    """Variants of the sequence starting at ``tokens[i]``, up to ``|`` or ``)``."""
    variants: List[List[str]] = [[]]
    while i < len(tokens) and tokens[i] not in ("|", ")", ")?"):
        if tokens[i] == "(":
            options, i = _group(tokens, i + 1)
            variants = [v + o for v in variants for o in options]
        else:
            variants = [v + [tokens[i]] for v in variants]
            i += 1
    return variants, i


def _group(tokens: List[str], i: int) -> Tuple[List[List[str]], int]:
    """Variants of ``(a|b c|(d|e) f)`` or ``(...)?`` whose ``(`` was just read."""
    options: List[List[str]] = []
    while True:
        variants, i = _sequence(tokens, i)
        options.extend(variants)
        if i >= len(tokens):
            raise ValueError(f"unclosed group in {' '.join(tokens)!r}")
        if tokens[i] == "|":
            i += 1
            continue
        if tokens[i] == ")?":
            options.append([])
        return options, i + 1


def expand(phrase: str) -> List[List[str]]:
    """All plain variants of a phrase, as lists of words (``*`` kept as a gap marker).
    Groups may nest: ``(a|b (c|d))``."""
    tokens = _TOKEN.findall(phrase.strip().lower())
    variants, i = _sequence(tokens, 0)
    if i != len(tokens):
        raise ValueError(f"unbalanced ')' in {phrase!r}")
    out, seen = [], set()
    for words in variants:
        key = tuple(words)
        if words and key not in seen:
            seen.add(key)
            out.append(words)
    return out


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
            elif word == NUMBER:
                flush()
                pattern.append({"LIKE_NUM": True})
            elif word == YEAR:
                flush()
                pattern.append({"SHAPE": "dddd"})
            elif word.endswith(PREFIX) and len(word) > 3:
                flush()
                stem = norms(word[:-1])
                if len(stem) != 1:
                    raise ValueError(f"a prefix must be one word: {word!r} in {phrase!r}")
                pattern.append({"NORM": {"REGEX": "^" + re.escape(stem[0])}})
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
