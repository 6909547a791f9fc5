"""Token spans shared by the ConText modules (``context``, ``episodes``, ``conditions``, ...).

A span is a ``(start, end)`` pair of token indices of one doc, end excluded. These helpers are
pure and small; they live here so that no status module redefines them.
"""

from __future__ import annotations

from typing import List, Tuple

from spacy.tokens import Doc

TokenSpan = Tuple[int, int]


def within(span: TokenSpan, scope: TokenSpan) -> bool:
    """``span`` lies wholly inside ``scope``."""
    return scope[0] <= span[0] and span[1] <= scope[1]


def text_of(doc: Doc, span: TokenSpan) -> str:
    """The text of ``span`` in ``doc``."""
    return doc[span[0]:span[1]].text


def comma_items(doc: Doc, start: int, end: int) -> List[TokenSpan]:
    """The comma-separated items between two positions (the first one included)."""
    items, begin = [], start
    for i in range(start, end):
        if doc[i].lower_ == ",":
            items.append((begin, i))
            begin = i + 1
    items.append((begin, end))
    return items
