"""After a load run: is every message a user sent, and every reply they got, stored once,
in order, in its own conversation?

Reads Rasa's ``events`` table (SQL tracker store, PostgreSQL) and compares each
conversation's ``user`` and ``bot`` events, in id order, with the journal the simulated
users kept (``journal.py``). For socket.io conversations the stored bot text is rendered
the way the widget channel sends it (split into parts at blank lines, Markdown-escaped by
``bot.channels.widget_text``) before comparing, and the conversation id is derived from
the connection's key as the channel does.

Problems found per conversation (``Problem.kind``):

- ``lost``: a sent message or a received reply is not stored;
- ``duplicated``: stored more often than it was sent / received;
- ``foreign``: stored in this conversation but never sent or received in it (another
  conversation's event, or one nobody saw);
- ``reordered``: the right events, in the wrong order.

REST answers come whole, so a REST conversation must match exactly. A socket.io answer
comes in parts with no end marker: the user takes every part until ``LOADTEST_QUIET``
seconds pass, so on a busy machine a slow part may arrive after the next message, or the
next few, went out; the user cannot tell which message a part answers. A socket.io
conversation passes when its stored order is one the user's journal allows
(``socket_lateness``): the messages stored once each, in the order sent; the parts the
user received stored once each, in the order received; a part received during turn ``a``
stored after message ``s`` and before message ``s + 1`` for some ``1 <= s <= a`` (it
cannot answer a message sent after it arrived; it may answer any earlier one); and every
answered message followed by at least one reply of its own (the bot never leaves a
message unanswered, so a message with none means its replies were stored in another
turn). Parts of the last answer that came after the user left (closed the socket) are
stored but never seen (counted as ``unseen``, not a problem).

A conversation's last turn may be cut by the end of the run or by an error (journal
status not ``ok``): its user message may be stored or not, once, followed by any bot
events. Every earlier turn must match exactly.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, Iterable, Optional, Sequence

from bot.maintain.loadtest.journal import OK, Conversation

#: (kind, text): kind is "user" or "bot".
Event = tuple[str, str]


@dataclass(frozen=True)
class Problem:
    kind: str  # lost | duplicated | foreign | reordered
    sender: str
    event: Optional[Event] = None

    def __str__(self) -> str:
        what = f" {self.event[0]}: {self.event[1][:60]!r}" if self.event else ""
        return f"{self.kind} in {self.sender}{what}"


@dataclass
class CheckReport:
    conversations: int = 0
    messages: int = 0  # user messages checked (ok turns)
    replies: int = 0  # bot messages checked (ok turns)
    cut: int = 0  # conversations whose last turn was cut (error or end of run)
    late: int = 0  # socket.io conversations accepted with a late part (socket_lateness)
    latest: int = 0  # the most turns a part arrived after the turn it is stored in
    unseen: int = 0  # socket.io replies stored after the user had left (never received)
    problems: list[Problem] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return dict(Counter(problem.kind for problem in self.problems))

    def summary(self) -> str:
        found = ", ".join(f"{kind} {n}" for kind, n in sorted(self.counts().items())) or "none"
        return (f"database check: {self.conversations} conversations, {self.messages} user "
                f"messages and {self.replies} replies checked ({self.cut} with a cut last "
                f"turn, {self.late} socket.io with a late part (at most {self.latest} "
                f"turn{'s' if self.latest != 1 else ''} late), "
                f"{self.unseen} socket.io replies that came after the user left); problems: {found}")


def expected(conversation: Conversation) -> tuple[list[Event], Optional[str]]:
    """The events the ``ok`` turns must have stored, and the text of a cut last turn."""
    events, cut, _ = expected_turns(conversation)
    return events, cut


def expected_turns(conversation: Conversation) -> tuple[list[Event], Optional[str], list[int]]:
    """``expected`` plus, for each bot event, the number of the turn (from 1) during which
    it arrived."""
    events: list[Event] = []
    cut: Optional[str] = None
    arrived: list[int] = []
    for number, turn in enumerate(conversation.turns, start=1):
        if turn.status != OK:
            cut = turn.sent
            break
        events.append(("user", turn.sent))
        events.extend(("bot", text) for text in turn.received)
        arrived.extend(number for _ in turn.received)
    return events, cut, arrived


def socket_lateness(want: Sequence[Event], cut: Optional[str], stored: Sequence[Event],
                    arrived: Sequence[int]) -> Optional[int]:
    """socket.io: None when ``stored`` cannot be what the user's journal shows, else the
    most turns a part arrived after the turn it is stored in (0: none late).

    ``want``: the ok turns' events as the user saw them; ``arrived``: for each bot event of
    ``want``, the turn (from 1) during which it arrived; ``cut``: a cut last turn's message
    (stored once at the end, or not at all). Bot events stored after every received part
    (parts that came after the user left, replies to the cut turn) are allowed."""
    sent = [text for kind, text in want if kind == "user"]
    seen = [text for kind, text in want if kind == "bot"]
    users = [text for kind, text in stored if kind == "user"]
    bots = [text for kind, text in stored if kind == "bot"]
    if bots[:len(seen)] != seen or (users != sent and (cut is None or users != sent + [cut])):
        return None
    replies = [0] * (len(users) + 1)  # bot events stored after message t, before t + 1
    late, turn, reply = 0, 0, 0
    for kind, _ in stored:
        if kind == "user":
            turn += 1
            continue
        if turn == 0:
            return None  # a reply before the first message
        replies[turn] += 1
        if reply < len(seen):
            if turn > arrived[reply]:
                return None  # stored after a message the user sent once it had arrived
            late = max(late, arrived[reply] - turn)
        reply += 1
    if any(replies[turn] == 0 for turn in range(1, len(sent) + 1)):
        return None  # an answered message without a reply of its own
    return late


def _is_cut_tail(rest: Sequence[Event], cut: Optional[str]) -> bool:
    """Whether ``rest`` (what is stored after the ok turns) is what a cut turn may leave."""
    if not rest:
        return True
    return (cut is not None and rest[0] == ("user", cut)
            and all(kind == "bot" for kind, _ in rest[1:]))


def compare(sender: str, want: list[Event], cut: Optional[str],
            stored: list[Event], arrived: Optional[Sequence[int]] = None) -> list[Problem]:
    """Problems of one conversation: ``want`` (the ok turns' events, in order), ``cut``
    (the text of a cut last turn, if any) against ``stored`` (events in id order).
    ``arrived`` (socket.io only: the turn during which each reply arrived) allows the
    orders the user's journal allows (``socket_lateness``); REST answers are complete, so
    REST conversations are compared exactly."""
    if arrived is not None:
        if socket_lateness(want, cut, stored, arrived) is not None:
            return []
    elif stored[:len(want)] == want and _is_cut_tail(stored[len(want):], cut):
        return []
    have = Counter(stored)
    need = Counter(want)
    allowed = Counter({("user", cut): 1}) if cut is not None else Counter()
    problems = [Problem("lost", sender, event)
                for event, n in (need - have).items() for _ in range(n)]
    for event, n in (have - need - allowed).items():
        if cut is not None and event[0] == "bot" and event not in need:
            continue  # a reply to the cut turn (never received)
        kind = "duplicated" if event in need or event in allowed else "foreign"
        problems.extend(Problem(kind, sender, event) for _ in range(n))
    if not problems:
        problems.append(Problem("reordered", sender))
    return problems


def widget_parts(text: str) -> list[str]:
    """A stored bot text as the socket.io channel sends it (``WidgetOutput._send_parts``)."""
    from bot.channels.widget_text import is_urgent, widget_message

    urgent = is_urgent(text)
    parts = [part for part in text.strip().split("\n\n") if part.strip()] or [text]
    return [widget_message(part, urgent)["text"] for part in parts]


def socketio_sender(key: str) -> str:
    from bot.channels.socketio import sender_id_for

    return sender_id_for(key)


def conversation_id(conversation: Conversation) -> str:
    if conversation.channel == "socketio":
        if not conversation.key:
            raise ValueError("a socket.io conversation needs its key")
        return socketio_sender(conversation.key)
    if not conversation.sender:
        raise ValueError("a REST conversation needs its sender")
    return conversation.sender


def as_received(channel: str, stored: Iterable[Event],
                render: Callable[[str], list[str]] = widget_parts) -> list[Event]:
    """Stored events as the user of ``channel`` saw them."""
    if channel != "socketio":
        return list(stored)
    out: list[Event] = []
    for kind, text in stored:
        out.extend([("bot", part) for part in render(text)] if kind == "bot" else [(kind, text)])
    return out


def check(conversations: Iterable[Conversation], stored: dict[str, list[Event]],
          render: Callable[[str], list[str]] = widget_parts) -> CheckReport:
    """Compare every journal conversation with the stored events (by conversation id)."""
    report = CheckReport()
    for conversation in conversations:
        sender = conversation_id(conversation)
        want, cut, arrived = expected_turns(conversation)
        report.conversations += 1
        report.messages += sum(1 for kind, _ in want if kind == "user")
        report.replies += sum(1 for kind, _ in want if kind == "bot")
        report.cut += cut is not None
        events = as_received(conversation.channel, stored.get(sender, []), render)
        arrivals = arrived if conversation.channel == "socketio" else None
        found = compare(sender, want, cut, events, arrivals)
        report.problems.extend(found)
        if arrivals is None or found:
            continue
        lateness = socket_lateness(want, cut, events, arrivals) or 0
        report.late += lateness > 0
        report.latest = max(report.latest, lateness)
        if cut is None:
            report.unseen += sum(kind == "bot" for kind, _ in events) - sum(
                kind == "bot" for kind, _ in want)
    return report


def event_of(type_name: str, data: str) -> Optional[Event]:
    """A ``user`` / ``bot`` row of Rasa's ``events`` table as an Event (None: other types)."""
    if type_name not in ("user", "bot"):
        return None
    return type_name, json.loads(data).get("text") or ""


def load_events(url: str, senders: Sequence[str], chunk: int = 500) -> dict[str, list[Event]]:
    """The user and bot events of ``senders`` from the tracker database at ``url``
    (SQLAlchemy URL), each conversation in id (insertion) order."""
    import sqlalchemy as sa

    stored: dict[str, list[Event]] = {}
    engine = sa.create_engine(url)
    query = sa.text("SELECT sender_id, type_name, data FROM events "
                    "WHERE sender_id IN :senders AND type_name IN ('user', 'bot') ORDER BY id")
    query = query.bindparams(sa.bindparam("senders", expanding=True))
    try:
        with engine.connect() as connection:
            for start in range(0, len(senders), chunk):
                part = list(senders[start:start + chunk])
                for sender, type_name, data in connection.execute(query, {"senders": part}):
                    event = event_of(type_name, data)
                    if event is not None:
                        stored.setdefault(sender, []).append(event)
    finally:
        engine.dispose()
    return stored
