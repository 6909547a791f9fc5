"""Platform rendering of bot messages: pure functions, no I/O (unit-tested directly).

One content source (the domain's responses) is turned into what each platform shows:

- **Telegram**: plain text (no ``parse_mode``: markdown is not rendered, links stay plain
  URLs), buttons as an inline keyboard (one button per row), 4,096 characters a message.
- **Twilio SMS / WhatsApp**: plain text, buttons as numbered options ("1. What is
  clonus?") the user answers with the number, 1,600 characters a message.
- **Slack**: ``mrkdwn`` text (``&``, ``<``, ``>`` escaped, links as ``<url|title>``),
  buttons as a Block Kit ``actions`` block, 3,000 characters a section.
- **Messenger**: plain text, buttons as quick replies (at most 13, titles at most 20
  characters: longer titles are numbered and listed in the text), 2,000 characters a
  message.

Long texts are split on paragraph, then line, then sentence, then word boundaries (a word
longer than a message is cut between grapheme clusters, never inside a Devanagari syllable:
``bot.channels.graphemes``; Hindi sentences end with "।" as well as "."). An
urgent message (the emergency / urgent escalation, which starts with "⚠") is never split
below the platform's own limit, so its advice and its number always arrive together, in
one message, first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Sequence, Tuple

from bot.channels.graphemes import clusters

#: Hard per-message limits of the platforms (characters; counted in UTF-16 code units,
#: which is what Telegram counts and never less than what the others count).
TELEGRAM_LIMIT = 4096
TWILIO_LIMIT = 1600
SLACK_LIMIT = 3000  # a Block Kit section's text; chat.postMessage text is truncated at 40,000
MESSENGER_LIMIT = 2000

TELEGRAM_CALLBACK_BYTES = 64
SLACK_BUTTON_TITLE = 75
SLACK_BUTTONS_PER_BLOCK = 25
SLACK_BUTTON_VALUE = 2000
MESSENGER_QUICK_REPLIES = 13
MESSENGER_TITLE = 20
MESSENGER_PAYLOAD = 1000

#: Marker that starts every escalation response (emergency, urgent, repeat, "not now").
URGENT_MARKER = "⚠"

NUMBERED_HINT = "Reply with the number of your choice, or type your question."
#: the same under a Hindi message (one with Devanagari letters: the Hindi variations)
NUMBERED_HINT_HI = "अपनी पसंद का नंबर लिखें, या अपना सवाल लिखें।"
_DEVANAGARI = re.compile(r"[\u0900-\u097F]")

_MARKDOWN_LINK = re.compile(r"\[([^\]\n]+)\]\((https?://[^)\s]+)\)")
_SPLIT_LEVELS = (
    re.compile(r"\n[ \t]*\n\s*"),  # paragraphs
    re.compile(r"\n"),  # lines
    re.compile(r"(?<=[.!?;:।॥])\s+"),  # sentences (and clauses); । and ॥ end Hindi ones
    re.compile(r"\s+"),  # words
)


def units(text: str) -> int:
    """Length as the platforms count it (UTF-16 code units)."""
    return len(text.encode("utf-16-le")) // 2


def is_urgent(text: Optional[str]) -> bool:
    """An escalation message (emergency / urgent advice): never split, sent with retries."""
    return bool(text) and text.lstrip().startswith(URGENT_MARKER)  # type: ignore[union-attr]


def _hard_cut(text: str, limit: int) -> List[Tuple[str, str]]:
    """Cut between user-perceived characters (a cluster longer than ``limit`` stays whole)."""
    pieces: List[Tuple[str, str]] = []
    current = ""
    for char in clusters(text):
        if current and units(current + char) > limit:
            pieces.append((current, ""))
            current = ""
        current += char
    if current:
        pieces.append((current, ""))
    return pieces


def _atoms(text: str, limit: int, level: int) -> List[Tuple[str, str]]:
    """Pieces that each fit ``limit``, with the separator that followed each one."""
    if units(text) <= limit:
        return [(text, "")]
    if level >= len(_SPLIT_LEVELS):
        return _hard_cut(text, limit)
    pieces: List[Tuple[str, str]] = []
    position = 0
    for match in _SPLIT_LEVELS[level].finditer(text):
        pieces.append((text[position:match.start()], match.group()))
        position = match.end()
    pieces.append((text[position:], ""))
    pieces = [(piece, sep) for piece, sep in pieces if piece.strip()]
    if len(pieces) <= 1:
        return _atoms(text, limit, level + 1)
    atoms: List[Tuple[str, str]] = []
    for piece, sep in pieces:
        sub = _atoms(piece, limit, level + 1)
        sub[-1] = (sub[-1][0], sep)
        atoms.extend(sub)
    return atoms


def split_text(text: Optional[str], limit: int) -> List[str]:
    """Split ``text`` into messages of at most ``limit`` characters on natural boundaries.

    Paragraphs are preferred, then lines, sentences, words; only a single word longer
    than the limit is cut inside. Joining the parts gives the text back (up to the
    whitespace at the cuts). An empty text gives no message.
    """
    if limit < 1:
        raise ValueError("limit must be positive")
    text = (text or "").strip()
    if not text:
        return []
    if units(text) <= limit:
        return [text]
    chunks: List[str] = []
    current = ""
    for piece, sep in _atoms(text, limit, 0):
        candidate = current + piece
        if current and units(candidate.rstrip()) > limit:
            chunks.append(current.strip())
            current = piece + sep
        else:
            current = candidate + sep
    if current.strip():
        chunks.append(current.strip())
    return chunks


def split_message(text: Optional[str], limit: int, hard_limit: int) -> List[str]:
    """``split_text`` with the urgent rule: an escalation is split only above ``hard_limit``
    (the platform's own limit), never by a lower configured ``limit``."""
    return split_text(text, hard_limit if is_urgent(text) else min(limit, hard_limit))


def plain_links(text: str) -> str:
    """Markdown links ``[title](url)`` as "title: url" for platforms that show plain text."""
    return _MARKDOWN_LINK.sub(lambda m: f"{m.group(1)}: {m.group(2)}", text)


def slack_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def slack_mrkdwn(text: str) -> str:
    """Text for Slack's ``mrkdwn``: control characters escaped, markdown links as
    ``<url|title>`` (plain URLs are linked by Slack itself)."""
    out: List[str] = []
    position = 0
    for match in _MARKDOWN_LINK.finditer(text):
        out.append(slack_escape(text[position:match.start()]))
        url = match.group(2).replace("|", "%7C").replace(">", "%3E")
        out.append(f"<{url}|{slack_escape(match.group(1))}>")
        position = match.end()
    out.append(slack_escape(text[position:]))
    return "".join(out)


def _truncate(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    kept = ""
    for cluster in clusters(text):
        if len(kept) + len(cluster) > limit - 1:
            break
        kept += cluster
    return kept.rstrip() + "…"


@dataclass(frozen=True)
class Option:
    """A button of a response: what the user sees and what the bot receives."""

    title: str
    payload: str

    @classmethod
    def from_button(cls, button: Any) -> Optional["Option"]:
        if not isinstance(button, dict):
            return None
        title = str(button.get("title") or "").strip()
        payload = str(button.get("payload") or title).strip()
        if not title:
            title = payload
        return cls(title, payload) if title else None


def options_from_buttons(buttons: Optional[Sequence[Any]]) -> List[Option]:
    options = [Option.from_button(b) for b in buttons or []]
    return [o for o in options if o is not None]


def numbered_block(options: Sequence[Option], start: int = 1, text: str = "") -> str:
    """Options as numbered lines plus how to answer (never a raw payload), in Hindi when
    the message ``text`` or the options are in Devanagari."""
    lines = [f"{start + i}. {option.title}" for i, option in enumerate(options)]
    hindi = _DEVANAGARI.search(text + "".join(o.title for o in options))
    return "\n".join(lines + [NUMBERED_HINT_HI if hindi else NUMBERED_HINT])


@dataclass
class Rendered:
    """Platform request bodies for one bot message, in sending order."""

    bodies: List[Dict[str, Any]] = field(default_factory=list)
    #: Payloads shown as numbers (their number is ``start + index``) or ``None``.
    numbered: Optional[List[str]] = None


def telegram_messages(
    chat_id: Any,
    text: str,
    options: Sequence[Option],
    callback_data: Any,
    limit: int = TELEGRAM_LIMIT,
) -> Rendered:
    """``sendMessage`` bodies; the inline keyboard goes with the last part.

    ``callback_data(option) -> str`` gives each button's data (at most 64 bytes).
    """
    parts = split_message(plain_links(text), limit, TELEGRAM_LIMIT)
    if not parts and options:
        parts = ["Please choose:"]
    bodies: List[Dict[str, Any]] = [{"chat_id": chat_id, "text": part} for part in parts]
    if options and bodies:
        bodies[-1]["reply_markup"] = {
            "inline_keyboard": [
                [{"text": _truncate(option.title, 64), "callback_data": callback_data(option)}]
                for option in options
            ]
        }
    return Rendered(bodies)


def twilio_messages(
    to: str, from_: str, text: str, options: Sequence[Option], start: int = 1,
    limit: int = TWILIO_LIMIT,
) -> Rendered:
    """Message bodies (form fields) for Twilio SMS / WhatsApp: numbered options."""
    full = plain_links(text).strip()
    numbered = None
    if options:
        block = numbered_block(options, start, full)
        full = f"{full}\n\n{block}" if full else block
        numbered = [option.payload for option in options]
    parts = split_message(full, limit, TWILIO_LIMIT)
    return Rendered([{"To": to, "From": from_, "Body": part} for part in parts], numbered)


def slack_messages(
    channel: str, text: str, options: Sequence[Option], thread_ts: Optional[str] = None,
    limit: int = SLACK_LIMIT,
) -> Rendered:
    """``chat.postMessage`` bodies; buttons as an ``actions`` block after the last part."""
    parts = split_message(slack_mrkdwn(text), limit, SLACK_LIMIT)
    if not parts and options:
        parts = ["Please choose:"]
    bodies: List[Dict[str, Any]] = []
    for part in parts:
        body: Dict[str, Any] = {"channel": channel, "text": part}
        if thread_ts:
            body["thread_ts"] = thread_ts
        bodies.append(body)
    if options and bodies:
        last = bodies[-1]
        blocks: List[Dict[str, Any]] = [
            {"type": "section", "text": {"type": "mrkdwn", "text": last["text"]}}
        ]
        for first in range(0, len(options), SLACK_BUTTONS_PER_BLOCK):
            group = options[first:first + SLACK_BUTTONS_PER_BLOCK]
            blocks.append({
                "type": "actions",
                "elements": [
                    {
                        "type": "button",
                        "text": {"type": "plain_text", "text": _truncate(option.title, SLACK_BUTTON_TITLE)},
                        "value": option.payload[:SLACK_BUTTON_VALUE],
                        "action_id": f"clonus_option_{first + i + 1}",
                    }
                    for i, option in enumerate(group)
                ],
            })
        last["blocks"] = blocks
    return Rendered(bodies)


def messenger_messages(
    recipient_id: str, text: str, options: Sequence[Option], start: int = 1,
    limit: int = MESSENGER_LIMIT,
) -> Rendered:
    """Send API bodies with quick replies on the last part.

    When a title is longer than Messenger's 20 characters, the options are also listed
    with numbers in the text and the quick replies show "1. What is cl…" (typing the
    number works too).
    """
    shown = list(options[:MESSENGER_QUICK_REPLIES])
    full = plain_links(text).strip()
    numbered = None
    if shown and any(len(o.title) > MESSENGER_TITLE for o in shown):
        block = numbered_block(shown, start, full)
        full = f"{full}\n\n{block}" if full else block
        numbered = [o.payload for o in shown]
    parts = split_message(full, limit, MESSENGER_LIMIT)
    if not parts and shown:
        parts = ["Please choose:"]
    bodies: List[Dict[str, Any]] = [
        {"recipient": {"id": recipient_id}, "messaging_type": "RESPONSE", "message": {"text": part}}
        for part in parts
    ]
    if shown and bodies:
        bodies[-1]["message"]["quick_replies"] = [
            {
                "content_type": "text",
                "title": _truncate(f"{start + i}. {o.title}" if numbered else o.title, MESSENGER_TITLE),
                "payload": o.payload[:MESSENGER_PAYLOAD],
            }
            for i, o in enumerate(shown)
        ]
    return Rendered(bodies, numbered)
