"""The stored JSON text of each event of a tracker, as the SQLite tracker store read or
wrote it (``bot.serve.sqlite_tracker``).

Two events whose stored texts are equal deserialise to equal events: the texts say, without
comparing objects, that the conversation a tracker holds now begins with the very events of
an earlier tracker of the same conversation (the previous turn's, before it was saved and
read back). ``bot.serve.prior_states`` uses that to go on with the policies' replay of the
conversation from where the previous turn left it.

The texts are kept on the tracker object itself (an attribute Rasa does not know), aligned
with ``tracker.events``: set when the store builds a tracker from its rows (the latest
session's), extended when it saves the tracker's new events. A tracker whose texts do not
cover every event (changed since it was read or saved, built by another store) has none.
"""

from __future__ import annotations

from typing import Any, List, Optional

ATTRIBUTE = "_clonus_stored_texts"


def remember(tracker: Any, texts: List[str]) -> None:
    """The tracker was built from these rows (one text per event, in order)."""
    if len(texts) == len(tracker.events):
        setattr(tracker, ATTRIBUTE, list(texts))
    else:  # an event Rasa skips when it reads (e.g. an old "topic" row): no alignment
        forget(tracker)


def saved(tracker: Any, stored: int, new_texts: List[str]) -> None:
    """The store had ``stored`` rows of this conversation and has written ``new_texts``
    for the tracker's events from index ``stored`` on."""
    texts = texts_of(tracker, stored)
    if texts is not None and stored + len(new_texts) == len(tracker.events):
        setattr(tracker, ATTRIBUTE, texts[:stored] + list(new_texts))
    else:
        forget(tracker)


def texts_of(tracker: Any, events: Optional[int] = None) -> Optional[List[str]]:
    """The stored texts of the tracker's first ``events`` events (default: all of them),
    or None when they are not known."""
    texts = getattr(tracker, ATTRIBUTE, None)
    wanted = len(tracker.events) if events is None else events
    if texts is None or len(texts) < wanted or wanted > len(tracker.events):
        return None
    return texts[:wanted] if wanted < len(texts) else texts


def forget(tracker: Any) -> None:
    if hasattr(tracker, ATTRIBUTE):
        delattr(tracker, ATTRIBUTE)
