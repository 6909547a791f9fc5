"""The load test's database checker on crafted event lists: lost, duplicated, reordered,
cross-conversation events are reported; a clean store, a cut last turn and socket.io parts
that arrived one or more turns late (stored in an order the journal allows) are not."""

from __future__ import annotations

import json

from bot.maintain.loadtest.dbcheck import check, compare, event_of, expected, widget_parts
from bot.maintain.loadtest.journal import ERROR, OK, UNFINISHED, Conversation, Turn


def chat(sender: str, *turns: tuple[str, list[str]], last: str = OK) -> Conversation:
    made = [Turn(sent, received, OK) for sent, received in turns]
    made[-1].status = last
    return Conversation(channel="rest", sender=sender, turns=made)


A = chat("lt-a", ("hello", ["Hi."]), ("what is clonus", ["Clonus is ...", "Source: X"]),
         ("thanks", ["You're welcome."]))
B = chat("lt-b", ("hey", ["Hi."]), ("is clonus dangerous", ["It can be ..."]))


def stored_as_sent(conversation: Conversation) -> list[tuple[str, str]]:
    return expected(conversation)[0]


def kinds(report_problems: list) -> list[str]:
    return sorted(problem.kind for problem in report_problems)


def test_a_store_that_matches_has_no_problem() -> None:
    report = check([A, B], {"lt-a": stored_as_sent(A), "lt-b": stored_as_sent(B)})
    assert report.problems == []
    assert (report.conversations, report.messages, report.replies) == (2, 5, 6)


def test_a_lost_user_message_and_a_lost_reply() -> None:
    events = stored_as_sent(A)
    without_user = [e for e in events if e != ("user", "what is clonus")]
    without_reply = [e for e in events if e != ("bot", "Source: X")]
    assert kinds(compare("lt-a", events, None, without_user)) == ["lost"]
    assert kinds(compare("lt-a", events, None, without_reply)) == ["lost"]
    assert kinds(check([A], {}).problems) == ["lost"] * 7  # nothing stored at all


def test_a_duplicated_event() -> None:
    events = stored_as_sent(A)
    twice = events[:3] + [events[2]] + events[3:]
    problems = compare("lt-a", events, None, twice)
    assert kinds(problems) == ["duplicated"]
    assert problems[0].event == events[2]


def test_a_user_message_stored_twice_in_a_row_is_a_duplicate_even_when_said_twice() -> None:
    said_twice = chat("lt-c", ("hello", ["Hi."]), ("hello", ["Hi."]))
    events = stored_as_sent(said_twice)
    assert compare("lt-c", events, None, events) == []
    assert kinds(compare("lt-c", events, None, events + [("user", "hello")])) == ["duplicated"]


def test_reordered_events() -> None:
    events = stored_as_sent(A)
    swapped = list(events)
    swapped[2], swapped[3] = swapped[3], swapped[2]  # a reply before its question
    assert kinds(compare("lt-a", events, None, swapped)) == ["reordered"]
    bots_swapped = list(events)
    bots_swapped[3], bots_swapped[4] = bots_swapped[4], bots_swapped[3]
    assert kinds(compare("lt-a", events, None, bots_swapped)) == ["reordered"]


def test_cross_conversation_events_are_foreign_here_and_lost_there() -> None:
    a_events = stored_as_sent(A)
    b_events = stored_as_sent(B)
    moved = ("user", "is clonus dangerous")
    store = {"lt-a": a_events[:2] + [moved] + a_events[2:],
             "lt-b": [e for e in b_events if e != moved]}
    problems = check([A, B], store).problems
    assert sorted((p.kind, p.sender) for p in problems) == [("foreign", "lt-a"), ("lost", "lt-b")]


def test_a_cut_last_turn_may_be_stored_or_not_but_only_once() -> None:
    cut = chat("lt-d", ("hello", ["Hi."]), ("what is clonus", []), last=UNFINISHED)
    want, last = expected(cut)
    assert last == "what is clonus"
    assert compare("lt-d", want, last, want) == []
    stored = want + [("user", "what is clonus"), ("bot", "Clonus is ...")]
    assert compare("lt-d", want, last, stored) == []
    twice = want + [("user", "what is clonus"), ("user", "what is clonus")]
    assert kinds(compare("lt-d", want, last, twice)) == ["duplicated"]
    # the ok turns before it are still checked exactly
    assert kinds(compare("lt-d", want, last, stored[1:])) == ["lost"]


def test_an_error_turn_is_cut_too() -> None:
    errored = chat("lt-e", ("hello", ["Hi."]), ("what is clonus", ["busy"]), last=ERROR)
    want, last = expected(errored)
    assert want == [("user", "hello"), ("bot", "Hi.")] and last == "what is clonus"


def test_socketio_conversations_compare_the_widget_parts() -> None:
    sio = Conversation(channel="socketio", key="k" * 40,
                       turns=[Turn("what is clonus", ["part one", "part two"], OK)])
    from bot.maintain.loadtest.dbcheck import socketio_sender

    sender = socketio_sender("k" * 40)
    assert sender.startswith("web-")
    split = {sender: [("user", "what is clonus"), ("bot", "part one\n\npart two")]}
    assert check([sio], split, render=lambda text: text.split("\n\n")).problems == []
    assert kinds(check([sio], {sender: [("user", "what is clonus"), ("bot", "part one")]},
                       render=lambda text: text.split("\n\n")).problems) == ["lost"]


def test_widget_parts_escape_like_the_channel() -> None:
    parts = widget_parts("Clonus is a reflex.\n\nSee a doctor.")
    assert len(parts) == 2 and "Clonus is a reflex" in parts[0]
    assert parts[0] != "Clonus is a reflex."  # the full stop is a character reference


def test_event_rows() -> None:
    assert event_of("user", json.dumps({"event": "user", "text": "hi"})) == ("user", "hi")
    assert event_of("bot", json.dumps({"event": "bot", "text": None})) == ("bot", "")
    assert event_of("action", json.dumps({"event": "action"})) is None


def test_a_socketio_part_that_came_after_the_next_message_may_be_stored_before_it() -> None:
    # the user took "Hi." as the whole answer, sent the next message, then "More." arrived
    sio = Conversation(channel="socketio", key="q" * 40, turns=[
        Turn("hello", ["Hi."], OK), Turn("what is clonus", ["More.", "Clonus is ..."], OK)])
    from bot.maintain.loadtest.dbcheck import socketio_sender

    sender = socketio_sender("q" * 40)
    same = {"render": lambda text: [text]}
    stored = [("user", "hello"), ("bot", "Hi."), ("bot", "More."), ("user", "what is clonus"),
              ("bot", "Clonus is ...")]
    assert check([sio], {sender: stored}, **same).problems == []
    as_seen = [("user", "hello"), ("bot", "Hi."), ("user", "what is clonus"), ("bot", "More."),
               ("bot", "Clonus is ...")]
    assert check([sio], {sender: as_seen}, **same).problems == []
    # never with the replies swapped, never leaving a message without a reply of its own
    # (here turns 2 and 3), and never for REST
    swapped = [("user", "hello"), ("bot", "Hi."), ("user", "what is clonus"),
               ("bot", "Clonus is ..."), ("bot", "More.")]
    assert kinds(check([sio], {sender: swapped}, **same).problems) == ["reordered"]
    two_away = Conversation(channel="socketio", key="q" * 40, turns=[
        *sio.turns, Turn("thanks", ["You're welcome."], OK)])
    too_early = [("user", "hello"), ("bot", "Hi."), ("bot", "More."), ("bot", "Clonus is ..."),
                 ("bot", "You're welcome."), ("user", "what is clonus"), ("user", "thanks")]
    assert kinds(check([two_away], {sender: too_early}, **same).problems) == ["reordered"]
    assert check([sio], {sender: stored}, **same).late == 1
    rest = Conversation(channel="rest", sender="lt-r", turns=sio.turns)
    assert kinds(check([rest], {"lt-r": stored}).problems) == ["reordered"]


def test_socketio_replies_after_the_user_left_are_unseen_not_foreign() -> None:
    sio = Conversation(channel="socketio", key="u" * 40, turns=[
        Turn("hello", ["Hi."], OK), Turn("what kind of doctor", ["A neurologist."], OK)])
    from bot.maintain.loadtest.dbcheck import socketio_sender

    sender = socketio_sender("u" * 40)
    stored = [("user", "hello"), ("bot", "Hi."), ("user", "what kind of doctor"),
              ("bot", "A neurologist."), ("bot", "Which city?")]
    report = check([sio], {sender: stored}, render=lambda text: [text])
    assert report.problems == [] and report.unseen == 1
    # a user message after the end is never "unseen"; REST answers come whole
    extra_user = stored + [("user", "what kind of doctor")]
    assert "duplicated" in kinds(check([sio], {sender: extra_user}, render=lambda t: [t]).problems)
    rest = Conversation(channel="rest", sender="lt-u", turns=sio.turns)
    assert kinds(check([rest], {"lt-u": stored}).problems) == ["foreign"]


# socket.io parts that arrive turns late (a busy machine: the user's quiet window passed
# between two parts of one answer, so the next messages went out before the rest came)
SAME = {"render": lambda text: [text]}


def widget_chat(key: str, *turns: tuple[str, list[str]], last: str = OK) -> tuple[Conversation, str]:
    from bot.maintain.loadtest.dbcheck import socketio_sender

    made = [Turn(sent, received, OK) for sent, received in turns]
    made[-1].status = last
    return Conversation(channel="socketio", key=key * 40, turns=made), socketio_sender(key * 40)


# the journal of a user whose first answer came in three parts, the last two late: "Ask
# me ..." arrived during turn 2, "Or a doctor." during turn 3, with turn 2's and 3's answers
THREE_PARTS, THREE_SENDER = widget_chat(
    "t", ("hello", ["Hi."]), ("what is clonus", ["Ask me about clonus."]),
    ("thanks", ["Or about a doctor.", "Clonus is ...", "Source: X", "You're welcome."]))
#: what PostgreSQL holds: every message followed by its own replies, in order
THREE_STORED = [("user", "hello"), ("bot", "Hi."), ("bot", "Ask me about clonus."),
                ("bot", "Or about a doctor."), ("user", "what is clonus"), ("bot", "Clonus is ..."),
                ("bot", "Source: X"), ("user", "thanks"), ("bot", "You're welcome.")]


def test_a_socketio_part_two_turns_late_is_accepted() -> None:
    report = check([THREE_PARTS], {THREE_SENDER: THREE_STORED}, **SAME)
    assert report.problems == []
    assert (report.late, report.latest, report.unseen) == (1, 2, 0)
    assert "at most 2 turns late" in report.summary()
    on_time = check([THREE_PARTS], {THREE_SENDER: stored_as_sent(THREE_PARTS)}, **SAME)
    assert on_time.problems == [] and (on_time.late, on_time.latest) == (0, 0)
    # the same store for a REST user (whole answers) is reordered
    rest = Conversation(channel="rest", sender="lt-t", turns=THREE_PARTS.turns)
    assert kinds(check([rest], {"lt-t": THREE_STORED}).problems) == ["reordered"]


def test_a_socketio_reply_stored_in_the_wrong_turn_is_caught() -> None:
    def problems(stored: list[tuple[str, str]]) -> list[str]:
        return kinds(check([THREE_PARTS], {THREE_SENDER: stored}, **SAME).problems)

    # "You're welcome." arrived during turn 3, so it answers turn 1, 2 or 3: stored after
    # a 4th message it would answer one sent after it had arrived
    fourth, _ = widget_chat("t", *((t.sent, t.received) for t in THREE_PARTS.turns),
                            ("bye", ["Take care."]))
    # (every message keeps a reply: only the order against the journal's sends tells)
    after_bye = [*THREE_STORED[:6], ("user", "thanks"), ("bot", "Source: X"), ("user", "bye"),
                 ("bot", "You're welcome."), ("bot", "Take care.")]
    assert kinds(check([fourth], {THREE_SENDER: after_bye}, **SAME).problems) == ["reordered"]
    in_time = [*THREE_STORED, ("user", "bye"), ("bot", "Take care.")]
    assert check([fourth], {THREE_SENDER: in_time}, **SAME).problems == []
    # "Hi." arrived during turn 1: stored after message 2 (turn 1 left without a reply)
    hi_late = [THREE_STORED[0], THREE_STORED[4], THREE_STORED[1], *THREE_STORED[2:4],
               *THREE_STORED[5:]]
    assert problems(hi_late) == ["reordered"]
    # a reply stored before the first message
    assert problems([THREE_STORED[1], THREE_STORED[0], *THREE_STORED[2:]]) == ["reordered"]
    # turn 2's replies stored in turn 1, leaving "what is clonus" without a reply of its own
    moved_up = [*THREE_STORED[:4], THREE_STORED[5], THREE_STORED[6], THREE_STORED[4],
                *THREE_STORED[7:]]
    assert problems(moved_up) == ["reordered"]


def test_a_socketio_swapped_pair_is_caught() -> None:
    def problems(stored: list[tuple[str, str]]) -> list[str]:
        return kinds(check([THREE_PARTS], {THREE_SENDER: stored}, **SAME).problems)

    parts = list(THREE_STORED)
    parts[5], parts[6] = parts[6], parts[5]  # two parts of one answer
    assert problems(parts) == ["reordered"]
    late_parts = list(THREE_STORED)
    late_parts[2], late_parts[3] = late_parts[3], late_parts[2]  # the two late parts
    assert problems(late_parts) == ["reordered"]
    messages = list(THREE_STORED)
    messages[4], messages[7] = messages[7], messages[4]  # two messages
    assert problems(messages) == ["reordered"]


def test_a_foreign_socketio_reply_is_caught() -> None:
    other, other_sender = widget_chat("o", ("hey", ["Hello there."]), ("is clonus dangerous",
                                                                         ["It can be ..."]))
    moved = ("bot", "It can be ...")
    store = {THREE_SENDER: THREE_STORED[:5] + [moved] + THREE_STORED[5:],
             other_sender: [("user", "hey"), ("bot", "Hello there."), ("user", "is clonus dangerous")]}
    problems = check([THREE_PARTS, other], store, **SAME).problems
    assert sorted((p.kind, p.sender) for p in problems) == [("foreign", THREE_SENDER),
                                                            ("lost", other_sender)]
    # also when it takes the place of one of this user's late parts
    swapped_in = [*THREE_STORED[:3], moved, *THREE_STORED[4:]]
    assert kinds(check([THREE_PARTS], {THREE_SENDER: swapped_in}, **SAME).problems) == [
        "foreign", "lost"]


def test_a_late_part_seen_during_a_cut_turn_may_be_stored_before_its_message() -> None:
    # turn 2 failed (the socket closed) after a late part of turn 1 had arrived
    cut, sender = widget_chat("c", ("hello", ["Hi."]), ("what is clonus", ["More."]), last=ERROR)
    stored = [("user", "hello"), ("bot", "Hi."), ("bot", "More."), ("user", "what is clonus"),
              ("bot", "Clonus is ...")]
    assert check([cut], {sender: stored}, **SAME).problems == []
    assert check([cut], {sender: stored[:3]}, **SAME).problems == []  # cut message not stored
    twice = stored + [("user", "what is clonus")]
    assert "duplicated" in kinds(check([cut], {sender: twice}, **SAME).problems)
