"""Input rules shared by every channel: trim, neutralise forced intents, cut length."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict, Optional

from bot.constants import ALLOWED_PAYLOADS, INPUT_METADATA_KEY, MAX_MESSAGE_CHARS


@dataclass(frozen=True)
class PreparedText:
    """The text handed to Rasa and what was done to it."""

    text: str
    original_length: int
    truncated: bool
    neutralised_command: bool

    def metadata(self) -> Dict[str, Any]:
        return {
            "original_length": self.original_length,
            "truncated": self.truncated,
            "neutralised_command": self.neutralised_command,
        }


def prepare_text(raw: Optional[str], limit: int = MAX_MESSAGE_CHARS) -> PreparedText:
    """Make user text safe for Rasa.

    - ``None`` and whitespace become ``""`` (the NLU input guard answers those);
    - a leading ``/`` (Rasa's forced-intent syntax, e.g. ``/greet{"x":1}``) is removed
      unless the whole text is an allowed payload, so users cannot force intents
      or set slots; the rest of the text is still read (and scanned) as words;
    - the text is cut to ``limit`` characters.
    """
    text = (raw or "").strip()
    original_length = len(text)
    neutralised = False
    if text.startswith("/") and text not in ALLOWED_PAYLOADS:
        text = text.lstrip("/").strip()
        neutralised = True
    truncated = len(text) > limit
    if truncated:
        text = text[:limit]
    return PreparedText(text, original_length, truncated, neutralised)


def merge_metadata(metadata: Any, prepared: PreparedText) -> Dict[str, Any]:
    """Channel metadata (only a dict is kept) plus the input guard's record."""
    merged: Dict[str, Any] = dict(metadata) if isinstance(metadata, dict) else {}
    merged[INPUT_METADATA_KEY] = prepared.metadata()
    return merged
