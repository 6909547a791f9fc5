"""The policies' state lists without replaying the whole conversation for every call.

To predict one action, Rasa 3.6's MemoizationPolicy and RulePolicy each call
``Domain.states_for_tracker_history`` (through ``tracker.past_states``), and a turn makes
two or three predictions. Each call copies the tracker (``init_copy``: every slot copied),
replays every applied event and builds the full state (user, slots, previous action, active
loop) before every action: a profile of our server under 8 senders put these replays at
about 10 % of the time it held the GIL (MAINTAINING.md, "Speed").

``states_for_tracker_history`` here returns the same list. What does not depend on the
caller's arguments, the state before each action and the few tracker facts the
rule-only logic reads (hidden turn, follow-up action, latest action and active loop names),
is recorded once per conversation and then *extended* with the events added since the last
call, as long as the applied events so far are the very events replayed before: the same
objects (``is``: the next prediction of the same turn), or, for the next turn's tracker that
the SQLite store rebuilt from its rows, events whose stored JSON texts are those of the
previous tracker's events (``bot.serve.stored_rows``: equal texts deserialise to equal
events). Anything else (another conversation's events, a revert, a restart or a new
session, events dropped by a bounded history, unsaved changes, another domain, another
tracker store) replays from the
start, as Rasa does. Each call then runs Rasa's own loop on fresh copies of the recorded
states (two levels deep, since callers change them: ``_choose_last_user_input`` deletes keys
of the last user sub-state; a user sub-state substituted from the previous state is shared
with it, as in Rasa's list) and
Rasa's own helpers (``_remove_rule_only_features``, ``_substitute_rule_only_user_input``,
``_clean_state``).

The records of the last ``KEPT`` conversations are kept (a lock guards the table; one
conversation's turns never run at once). ``tests/unit/test_prior_states.py`` compares the lists with
Rasa's own after each event of a conversation, with every argument combination, and for
the trained model's conversations served from a SQLite store (the next turn's tracker
read back from the database).

``install()`` replaces the method on ``Domain`` (``bot.rasa_patches.apply``, serving only).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Text

from rasa.shared.core.constants import PREVIOUS_ACTION
from rasa.shared.core.events import ActionExecuted

from bot.serve import stored_rows

State = Dict[Text, Any]


@dataclass(frozen=True)
class Step:
    """What the state list needs of the tracker before one action (or at the end)."""

    state: State
    prev_action: Optional[Dict[Text, Any]]
    hide_rule_turn: bool
    followup_action: Optional[Text]
    latest_action_name: Optional[Text]
    active_loop_name: Optional[Text]


@dataclass
class Record:
    """One conversation's replay so far: the tracker it was built on (``source``) and the
    applied events of that tracker it has replayed, in order."""

    source: Any
    domain: Any
    omit_unset_slots: bool
    replay: Any
    applied: List[Any] = field(default_factory=list)
    steps: List[Step] = field(default_factory=list)


#: Conversations whose replay is kept (the most recently used ones).
KEPT = 64

_lock = threading.Lock()
_thread = threading.local()
_records: "OrderedDict[Text, Record]" = OrderedDict()
_original: Optional[Any] = None


def _snapshot(domain: Any, replay: Any, hide_rule_turn: bool, omit_unset_slots: bool) -> Step:
    latest = domain._get_prev_action_sub_state(replay)
    return Step(state=domain.get_active_state(replay, omit_unset_slots=omit_unset_slots),
                prev_action=dict(latest) if latest is not None else None,
                hide_rule_turn=hide_rule_turn, followup_action=replay.followup_action,
                latest_action_name=replay.latest_action_name,
                active_loop_name=replay.active_loop_name)


def _same_start(record: Record, tracker: Any) -> Optional[List[Any]]:
    """When ``tracker`` is a later tracker of the record's conversation whose first events
    are the record's source's events (the same stored texts, ``bot.serve.stored_rows``):
    the record's replayed events as ``tracker``'s own event objects; else None."""
    source_texts = stored_rows.texts_of(record.source)
    if source_texts is None:
        return None
    if stored_rows.texts_of(tracker, len(source_texts)) != source_texts:
        return None
    position = {id(event): index for index, event in enumerate(record.source.events)}
    events = list(tracker.events)
    return [events[position[id(event)]] for event in record.applied]


def _record_for(domain: Any, tracker: Any, omit_unset_slots: bool, applied: List[Any]) -> Record:
    """The kept record of ``tracker``'s conversation, extended to ``applied`` (or started
    anew when the record does not fit these events)."""
    key = tracker.sender_id
    with _lock:
        record = _records.get(key)
        if record is not None:
            _records.move_to_end(key)
    replayed: Optional[List[Any]] = None
    if record is not None and record.domain is domain and record.omit_unset_slots == omit_unset_slots:
        replayed = record.applied if record.source is tracker else _same_start(record, tracker)
    done = len(replayed) if replayed is not None else 0
    if (record is None or replayed is None or len(applied) < done
            or any(a is not b for a, b in zip(applied[:done], replayed, strict=True))):
        record = Record(tracker, domain, omit_unset_slots, tracker.init_copy())
        done = 0
    elif record.source is not tracker:  # the next turn's tracker: its own event objects
        record.source, record.applied = tracker, replayed
    with _lock:
        _records[key] = record
        while len(_records) > KEPT:
            _records.popitem(last=False)
    for event in applied[done:]:
        if isinstance(event, ActionExecuted):
            record.steps.append(_snapshot(domain, record.replay, event.hide_rule_turn,
                                          omit_unset_slots))
        record.replay.update(event)
        record.applied.append(event)
    return record


def _applied_events(tracker: Any) -> List[Any]:
    """``tracker.applied_events()``, computed once for the policies' calls of one
    prediction: kept per thread for the same tracker object with the same number of events
    and the same newest event (events are only ever appended)."""
    events = tracker.events
    newest = events[-1] if events else None
    kept = getattr(_thread, "applied", None)
    if kept is not None and kept[0] is tracker and kept[1] == len(events) and kept[2] is newest:
        return kept[3]
    applied = tracker.applied_events()
    _thread.applied = (tracker, len(events), newest, applied)
    return applied


def _fresh(step: Step, prev_action: Optional[Dict[Text, Any]]) -> State:
    """A copy of a recorded state that the caller may change (two levels deep)."""
    return {key: (prev_action if key == PREVIOUS_ACTION else dict(sub)) for key, sub in step.state.items()}


def states_for_tracker_history(self: Any, tracker: Any, omit_unset_slots: bool = False,
                               ignore_rule_only_turns: bool = False,
                               rule_only_data: Optional[Dict[Text, Any]] = None) -> List[State]:
    """``Domain.states_for_tracker_history`` on the kept replay (same states)."""
    record = _record_for(self, tracker, omit_unset_slots, _applied_events(tracker))
    end = _snapshot(self, record.replay, False, omit_unset_slots)
    states: List[State] = []
    last_ml_action_sub_state = None
    turn_was_hidden = False
    for step in (*record.steps, end):
        # Rasa's state before an action holds the replay's own latest_action dict, which
        # is also what _get_prev_action_sub_state returns for that step: one copy serves both.
        prev_action = dict(step.prev_action) if step.prev_action is not None else None
        if ignore_rule_only_turns:
            if not turn_was_hidden:
                last_ml_action_sub_state = prev_action
            if not step.followup_action and not step.latest_action_name == step.active_loop_name:
                turn_was_hidden = step.hide_rule_turn
            if turn_was_hidden:
                continue
        state = _fresh(step, prev_action)
        if ignore_rule_only_turns:
            self._remove_rule_only_features(state, rule_only_data)
            if states:
                self._substitute_rule_only_user_input(state, states[-1])
            if last_ml_action_sub_state:
                state[PREVIOUS_ACTION] = last_ml_action_sub_state
        states.append(self._clean_state(state))
    return states


def forget() -> None:
    """Drop every kept record (tests)."""
    with _lock:
        _records.clear()
    _thread.applied = None


def install() -> None:
    """Replace ``Domain.states_for_tracker_history`` (once)."""
    global _original
    from rasa.shared.core.domain import Domain

    if _original is not None:
        return
    _original = Domain.states_for_tracker_history
    Domain.states_for_tracker_history = states_for_tracker_history  # type: ignore[assignment]


def original() -> Any:
    """Rasa's own method (for tests), whether or not the patch is installed."""
    from rasa.shared.core.domain import Domain

    return _original if _original is not None else Domain.states_for_tracker_history
