"""Bot text as the web widget renders it: literal text, plus the links the project adds.

``rasa-webchat`` renders bot messages as Markdown with its own link renderer (new tab,
``rel="noopener noreferrer"``) and does not filter link targets (``javascript:`` would
pass). Bot text can echo user text (a place name the bot could not find), so every
character that Markdown could read as syntax is written as an HTML character
reference: it shows as itself and never becomes a link, an image, HTML or formatting.
The only links are the ones made here:

- each source citation (``knowledge/sources.yml``) after a ``Source:`` / ``Sources:``
  marker, when that source has an https ``url``;
- https URLs in the text (a directory entry's site, a search link). Other schemes
  (``http:``, ``javascript:``, ``data:``) stay plain, unclickable text.

Messages that start with the warning sign (the red-flag escalations) are marked
``URGENT_CSS_CLASS`` so the page shows them as urgent.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Dict, List, Optional, Tuple

URGENT_MARKER = "\u26a0"  # ⚠ (the responses write it as "⚠️")
URGENT_CSS_CLASS = "clonus-urgent"

#: Characters written as character references (every ASCII punctuation mark that
#: Markdown or HTML could read as syntax, and ":" so no scheme is auto-linked).
_SPECIAL = set("\\`*_{}[]()<>#+-.!|~:&=@")
_HTTPS_URL = re.compile(r"https://[^\s<>\"'`]+")
_TRAILING = ".,;:!?)]}'\""
_SOURCE_MARKER = re.compile(r"\bSources?:")
_SAFE_URL_CHARS = re.compile(r"^https://[A-Za-z0-9.-]+(?::\d{1,5})?(?:[/?#][A-Za-z0-9\-._~/?#@!$&*+,;=%:']*)?$")


def escape(text: str) -> str:
    """Text that Markdown (and HTML) render literally."""
    out: List[str] = []
    for char in text:
        if char in _SPECIAL:
            out.append(f"&#{ord(char)};")
        else:
            out.append(char)
    return "".join(out)


def safe_https_url(url: str) -> Optional[str]:
    """The URL if it is a plain https URL a link may point to, else None."""
    if not _SAFE_URL_CHARS.match(url):
        return None
    return url


def _link(label: str, url: str) -> str:
    return f"[{escape(label)}]({url})"


@lru_cache(maxsize=1)
def citation_links() -> Tuple[Tuple[str, str], ...]:
    """(citation, https url) for every source in knowledge/sources.yml that has a url."""
    from bot.knowledge.files import load_sources

    pairs = []
    for source in load_sources().values():
        url = safe_https_url(source.url) if source.url else None
        if url:
            pairs.append((source.citation, url))
    # longest first, so a citation that contains another wins
    return tuple(sorted(pairs, key=lambda pair: -len(pair[0])))


def _split_urls(text: str) -> List[Tuple[str, Optional[str]]]:
    """Pieces of text, each with the https URL it is (or None for plain text)."""
    pieces: List[Tuple[str, Optional[str]]] = []
    position = 0
    for match in _HTTPS_URL.finditer(text):
        raw = match.group(0)
        url = raw.rstrip(_TRAILING)
        # keep a closing parenthesis that belongs to the URL
        while raw[len(url):].startswith(")") and url.count("(") > url.count(")"):
            url += ")"
        end = match.start() + len(url)
        safe = safe_https_url(url)
        pieces.append((text[position:match.start()], None))
        pieces.append((url, safe))
        position = end
    pieces.append((text[position:], None))
    return [piece for piece in pieces if piece[0]]


def _render_plain(text: str, citations: bool) -> str:
    """Escape ``text``; link citations (when ``citations``) and nothing else."""
    if not citations:
        return escape(text)
    out: List[str] = []
    position = 0
    links = citation_links()
    while position < len(text):
        best: Optional[Tuple[int, str, str]] = None
        for citation, url in links:
            found = text.find(citation, position)
            if found >= 0 and (best is None or found < best[0]):
                best = (found, citation, url)
        if best is None:
            break
        found, citation, url = best
        out.append(escape(text[position:found]))
        out.append(_link(citation, url))
        position = found + len(citation)
    out.append(escape(text[position:]))
    return "".join(out)


def _render_line(line: str) -> str:
    marker = _SOURCE_MARKER.search(line)
    head, tail = (line, "") if marker is None else (line[:marker.end()], line[marker.end():])
    rendered: List[str] = []
    for part, citations in ((head, False), (tail, True)):
        for piece, url in _split_urls(part):
            if url is not None:
                rendered.append(_link(piece, url))
            else:
                rendered.append(_render_plain(piece, citations))
    return "".join(rendered)


def _render_indented(line: str) -> str:
    body = line.lstrip(" \t")
    # leading blanks as references: an indented line is not a code block
    return "&#32;" * (len(line) - len(body)) + _render_line(body)


def to_widget_markdown(text: str) -> str:
    """A bot message part as safe Markdown (single line breaks kept as line breaks)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "  \n".join(_render_indented(line) for line in lines)


def is_urgent(text: str) -> bool:
    return text.lstrip().startswith(URGENT_MARKER)


def widget_message(text: str, urgent: bool) -> Dict[str, Any]:
    """The ``bot_uttered`` payload for one text part."""
    try:
        rendered = to_widget_markdown(text)
    except Exception:  # noqa: BLE001 - never lose a message (it may be an escalation)
        rendered = escape(text)
    message: Dict[str, Any] = {"text": rendered}
    if urgent:
        # rasa-webchat puts customCss "class" on the message bubble; forceOpen opens a
        # closed chat window so an escalation is not missed.
        message["metadata"] = {"customCss": {"style": "class", "css": URGENT_CSS_CLASS},
                               "forceOpen": True}
    return message
