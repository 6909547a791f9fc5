"""The log the simulated users keep: what each conversation sent and received, in order.

One JSON line per conversation, written when it ends (or when the run stops it)::

    {"sender": "lt-...", "channel": "rest", "key": null,
     "turns": [{"sent": "hello", "received": ["Hi! ..."], "status": "ok"}, ...]}

``sender`` is the conversation id the user chose (REST) or, for socket.io, null with the
per-browser ``key`` the connection carried (the server derives the conversation id from
it; the checker does the same). A turn's ``status`` is ``ok`` (a non-empty answer),
``error`` (an HTTP error, a failure reply, an empty answer, a timeout) or ``unfinished``
(the run stopped before its answer came). After a turn that is not ``ok`` the
conversation ends, so only a conversation's last turn can be anything but ``ok``.

Standard library only: written by the locustfile, read by the database checker.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO, Iterator, Optional

OK, ERROR, UNFINISHED = "ok", "error", "unfinished"


@dataclass
class Turn:
    """One message a user sent and the bot messages it received for it."""

    sent: str
    received: list[str] = field(default_factory=list)
    status: str = UNFINISHED


@dataclass
class Conversation:
    """One simulated chat."""

    channel: str  # "rest" | "socketio"
    sender: Optional[str] = None
    key: Optional[str] = None
    turns: list[Turn] = field(default_factory=list)

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, line: str) -> "Conversation":
        data = json.loads(line)
        turns = [Turn(**turn) for turn in data.pop("turns")]
        return cls(turns=turns, **data)


class JournalWriter:
    """Appends conversations to a JSON-lines file (one writer per Locust process)."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._handle: IO[str] = open(path, "a", encoding="utf-8")  # noqa: SIM115

    def write(self, conversation: Conversation) -> None:
        if conversation.turns:
            self._handle.write(conversation.to_json() + "\n")
            self._handle.flush()

    def close(self) -> None:
        self._handle.close()


def read_journal(path: Path) -> Iterator[Conversation]:
    """The conversations of a journal file."""
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield Conversation.from_json(line)
