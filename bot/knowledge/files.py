"""Load the versioned knowledge files (``knowledge/*.yml``): sources and topics.

Medical knowledge is data, not code: these files name the seed document each
piece of content comes from. They are read once, at start-up.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from bot import paths


@dataclass(frozen=True)
class Source:
    """A seed document the bot's statements trace to."""

    key: str
    title: str
    publisher: str
    date: str
    seed_file: str
    citation: str
    #: The publisher's https address when the seed names it (the web widget links the
    #: citation to it); empty when unknown: never guessed.
    url: str = ""


@dataclass(frozen=True)
class Topic:
    """A curated FAQ topic: retrieval intent ``faq/<key>``, response ``utter_faq/<key>``."""

    key: str
    title: str
    sources: tuple[str, ...]
    related: tuple[str, ...] = field(default_factory=tuple)

    @property
    def intent(self) -> str:
        return f"faq/{self.key}"

    @property
    def response(self) -> str:
        return f"utter_faq/{self.key}"


def read_yaml(path: Path) -> dict[str, Any]:
    """A knowledge file's top-level mapping."""
    with path.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping at the top level")
    return data


@lru_cache(maxsize=None)
def load_sources(path: Path = paths.KNOWLEDGE / "sources.yml") -> dict[str, Source]:
    """Seed documents by key."""
    raw = read_yaml(path).get("sources", {})
    return {key: Source(key=key, url=str(v.get("url") or ""),
                        **{f: str(v[f]) for f in ("title", "publisher", "date", "seed_file", "citation")})
            for key, v in raw.items()}


@lru_cache(maxsize=None)
def load_topics(path: Path = paths.KNOWLEDGE / "topics.yml") -> dict[str, Topic]:
    """Curated topics by key, in catalogue order."""
    raw = read_yaml(path).get("topics", {})
    return {
        key: Topic(
            key=key,
            title=str(v["title"]),
            sources=tuple(v.get("sources", [])),
            related=tuple(v.get("related", [])),
        )
        for key, v in raw.items()
    }


@lru_cache(maxsize=None)
def load_hindi_titles(path: Path = paths.KNOWLEDGE / "translations.yml") -> dict[str, str]:
    """The topics' Hindi titles by key (``titles`` of translations.yml): the Hindi buttons'
    titles and payloads (the NLU data holds each as an example of ``faq/<key>``)."""
    return {str(k): str(v) for k, v in (read_yaml(path).get("titles") or {}).items()}
