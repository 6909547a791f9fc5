"""Replace identifiers a user types (phone numbers, e-mail addresses, ID numbers) with
placeholders before the message reaches Rasa.

The patterns are data: ``knowledge/identifiers.yml`` (shapes and their sources). Every
channel calls ``redact`` through ``bot.channels.text.prepare_text``, so the text Rasa stores
(the ``UserUttered`` event's text is the channel's ``UserMessage`` text), logs and parses is
already redacted. A Rasa NLU component (or a spaCy component) cannot do this: it runs after
the tracker has the raw text, and a spaCy ``Doc`` cannot change its text. Regular
expressions on the raw string rather than spaCy token patterns: a phone number is split
into several tokens at spaces, brackets and hyphens, differently for each format.

Only identifier shapes are replaced: a place name, an age, a year, a dose ("20 mg"), a time
or an emergency number (112, 999, 911, 108) is left alone (each number pattern needs 8-15
digits in a phone or ID shape), so the red-flag and place logic still see what they need.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional

import yaml

from bot import paths

PATTERNS_FILE = paths.KNOWLEDGE / "identifiers.yml"


@dataclass(frozen=True)
class Pattern:
    """One identifier shape of ``knowledge/identifiers.yml``."""

    name: str
    placeholder: str
    regex: "re.Pattern[str]"
    min_digits: int = 0
    max_digits: int = 10_000

    def accepts(self, match: str) -> bool:
        digits = sum(ch.isdigit() for ch in match)
        return self.min_digits <= digits <= self.max_digits


@dataclass(frozen=True)
class Redacted:
    """The redacted text and how many identifiers of each kind were replaced."""

    text: str
    counts: dict[str, int]

    @property
    def changed(self) -> bool:
        return bool(self.counts)


def load_patterns(path: Path = PATTERNS_FILE) -> tuple[Pattern, ...]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not data.get("source"):
        raise ValueError(f"{path}: the patterns must name their source")
    patterns = []
    for item in data.get("patterns") or []:
        patterns.append(Pattern(
            name=str(item["name"]), placeholder=str(item["placeholder"]),
            regex=re.compile(str(item["regex"])),
            min_digits=int(item.get("min_digits", 0)),
            max_digits=int(item.get("max_digits", 10_000))))
    if not patterns:
        raise ValueError(f"{path}: no patterns")
    return tuple(patterns)


@lru_cache(maxsize=1)
def default_patterns() -> tuple[Pattern, ...]:
    return load_patterns()


def redact(text: Optional[str], patterns: Optional[tuple[Pattern, ...]] = None) -> Redacted:
    """``text`` with every identifier replaced by its placeholder (in pattern order)."""
    result = text or ""
    counts: dict[str, int] = {}
    for pattern in patterns or default_patterns():
        def _replace(match: "re.Match[str]", pattern: Pattern = pattern) -> str:
            if not pattern.accepts(match.group(0)):
                return match.group(0)
            counts[pattern.name] = counts.get(pattern.name, 0) + 1
            return pattern.placeholder

        result = pattern.regex.sub(_replace, result)
    return Redacted(result, counts)
