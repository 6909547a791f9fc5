"""Input rules shared by every channel: trim, redact identifiers, neutralise forced intents,
cut length."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict, Optional

from bot.constants import ALLOWED_PAYLOADS, INPUT_METADATA_KEY, MAX_MESSAGE_CHARS, MAX_SCAN_CHARS
from bot.privacy.redact import redact


@dataclass(frozen=True)
class PreparedText:
    """The text handed to Rasa and what was done to it."""

    text: str
    original_length: int
    truncated: bool
    neutralised_command: bool
    #: For a cut message: the longer text the red-flag detector still scans, so an
    #: emergency described after the limit is not lost.
    scan_text: Optional[str] = None
    #: identifiers replaced by placeholders, by kind (counts only, never the values)
    redacted: Optional[Dict[str, int]] = None

    def metadata(self) -> Dict[str, Any]:
        data: Dict[str, Any] = {
            "original_length": self.original_length,
            "truncated": self.truncated,
            "neutralised_command": self.neutralised_command,
        }
        if self.scan_text is not None:
            data["scan_text"] = self.scan_text
        if self.redacted:
            data["redacted"] = dict(self.redacted)
        return data


def prepare_text(raw: Optional[str], limit: int = MAX_MESSAGE_CHARS) -> PreparedText:
    """Make user text safe for Rasa.

    - ``None`` and whitespace become ``""`` (the NLU input guard answers those);
    - phone numbers, e-mail addresses and ID numbers become placeholders ("[phone]" ...;
      ``bot.privacy.redact``): Rasa never stores, logs or parses them;
    - a leading ``/`` (Rasa's forced-intent syntax, e.g. ``/greet{"x":1}``) is removed
      unless the whole text is an allowed payload, so users cannot force intents
      or set slots; the rest of the text is still read (and scanned) as words;
    - the text is cut to ``limit`` characters.
    """
    text = (raw or "").strip()
    original_length = len(text)
    redacted = redact(text[:MAX_SCAN_CHARS + 64])
    text = redacted.text
    neutralised = False
    if text.startswith("/") and text not in ALLOWED_PAYLOADS:
        text = text.lstrip("/").strip()
        neutralised = True
    truncated = len(text) > limit
    scan_text = None
    if truncated:
        scan_text = text[:MAX_SCAN_CHARS]
        text = text[:limit]
    return PreparedText(text, original_length, truncated, neutralised, scan_text,
                        redacted.counts or None)


def merge_metadata(metadata: Any, prepared: PreparedText) -> Dict[str, Any]:
    """Channel metadata (only a dict is kept) plus the input guard's record."""
    merged: Dict[str, Any] = dict(metadata) if isinstance(metadata, dict) else {}
    merged[INPUT_METADATA_KEY] = prepared.metadata()
    return merged
