"""bot/serve/prior_states.py: the policies' state lists from the kept replay are the ones Rasa
builds, for every argument combination, after every event of a conversation (forms, rule-only
turns, hidden turns, reverts, a restart, a new tracker object), and a caller that changes a
returned list does not change the next one; on the trained model, every call of real
conversations gives Rasa's list. bot/serve/event_lookup.py: the same event classes as Rasa's
own lookup."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any, Dict, List, Optional, Text

import pytest
from rasa.shared.core.constants import RULE_ONLY_LOOPS, RULE_ONLY_SLOTS
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    ActionReverted,
    ActiveLoop,
    BotUttered,
    Event,
    FollowupAction,
    Restarted,
    SessionStarted,
    SlotSet,
    UserUtteranceReverted,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker

from bot import paths
from bot.serve import event_lookup, prior_states, stored_rows
from tests.unit.test_graph_runner import CONVERSATIONS, _talk, agent  # noqa: F401 - the module's fixture

ARGUMENTS: List[Dict[Text, Any]] = [
    {"omit_unset_slots": omit, "ignore_rule_only_turns": ignore, "rule_only_data": data}
    for omit in (False, True) for ignore in (False, True)
    for data in (None, {RULE_ONLY_SLOTS: ["specialist_requested"], RULE_ONLY_LOOPS: ["specialist_form"]})
]


@pytest.fixture(scope="module")
def domain() -> Domain:
    return Domain.load(str(paths.ROOT / "domain.yml"))


def _user(text: str, intent: str) -> UserUttered:
    return UserUttered(text, {"name": intent, "confidence": 1.0})


def _events() -> List[Event]:
    """A conversation with a form, a rule-only (hidden) turn, a follow-up, reverts, a restart."""
    return [
        ActionExecuted("action_session_start"), SessionStarted(), ActionExecuted("action_listen"),
        _user("hi", "greet"), ActionExecuted("utter_greet", hide_rule_turn=True),
        BotUttered("hello"), ActionExecuted("action_listen", hide_rule_turn=True),
        _user("who should I see", "find_specialist"), SlotSet("specialist_requested", True),
        ActionExecuted("specialist_form"),
        ActiveLoop("specialist_form"), SlotSet("requested_slot", "location"),
        ActionExecuted("action_listen"), _user("Pune", "inform"),
        ActionExecuted("specialist_form"), SlotSet("location", "Pune"), ActiveLoop(None),
        SlotSet("requested_slot", None), FollowupAction("action_specialist_search"),
        ActionExecuted("action_specialist_search"), ActionExecuted("action_listen"),
        _user("what", "nlu_fallback"), ActionExecuted("action_default_fallback"),
        UserUtteranceReverted(), _user("thanks", "thank"), ActionExecuted("utter_faq"),
        ActionReverted(), ActionExecuted("utter_default"), ActionExecuted("action_listen"),
        Restarted(), ActionExecuted("action_listen"), _user("bye", "goodbye"),
    ]


def _both(domain: Domain, tracker: DialogueStateTracker, arguments: Dict[Text, Any]) -> None:
    expected = prior_states.original()(domain, copy.deepcopy(tracker), **arguments)
    got = prior_states.states_for_tracker_history(domain, tracker, **arguments)
    assert got == expected


def test_the_same_states_as_rasa_after_every_event(domain: Domain) -> None:
    prior_states.forget()
    tracker = DialogueStateTracker("s", domain.slots)
    for event in _events():
        tracker.update(event, domain)
        for arguments in ARGUMENTS:
            _both(domain, tracker, arguments)


def test_a_changed_list_does_not_change_the_next_one(domain: Domain) -> None:
    prior_states.forget()
    tracker = DialogueStateTracker.from_events("s", _events()[:14], domain.slots)
    first = prior_states.states_for_tracker_history(domain, tracker)
    expected = copy.deepcopy(first)
    for state in first:  # what callers do (_choose_last_user_input deletes keys, ...)
        for sub in state.values():
            sub.clear()
        state.clear()
    assert prior_states.states_for_tracker_history(domain, tracker) == expected


def test_another_tracker_with_other_events_is_replayed_from_the_start(domain: Domain) -> None:
    prior_states.forget()
    events = _events()
    one = DialogueStateTracker.from_events("a", events[:20], domain.slots)
    _both(domain, one, {})
    other = DialogueStateTracker.from_events("b", events[:8], domain.slots)
    _both(domain, other, {})
    same_objects = DialogueStateTracker.from_events("c", list(one.events)[:12], domain.slots)
    _both(domain, same_objects, {"ignore_rule_only_turns": True})
    bounded = DialogueStateTracker.from_events("d", events[:10], domain.slots, max_event_history=6)
    for event in events[10:16]:
        bounded.update(event, domain)
        _both(domain, bounded, {})


def _stored(tracker: DialogueStateTracker) -> List[str]:
    return [json.dumps(event.as_dict()) for event in tracker.events]


def _read_back(domain: Domain, texts: List[str], sender: str = "s") -> DialogueStateTracker:
    """The tracker the SQLite store builds from these rows, with their texts."""
    tracker = DialogueStateTracker.from_dict(sender, [json.loads(t) for t in texts], domain.slots)
    stored_rows.remember(tracker, texts)
    return tracker


def test_the_next_turns_tracker_read_back_goes_on_from_the_kept_replay(
        domain: Domain, monkeypatch: pytest.MonkeyPatch) -> None:
    """A turn's tracker saved, read back as a new object: the replay goes on (no new
    copy of the tracker) and the states are Rasa's; a changed stored event, unsaved
    events or another conversation replay from the start."""
    prior_states.forget()
    events = _events()
    first = DialogueStateTracker.from_events("s", events[:12], domain.slots)
    stored_rows.remember(first, _stored(first))
    _both(domain, first, {})
    for event in events[12:19]:  # the rest of the turn, then the save
        first.update(event, domain)
        _both(domain, first, {"ignore_rule_only_turns": True})
    stored_rows.saved(first, 12, _stored(first)[12:])

    second = _read_back(domain, _stored(first))
    second.update(events[19], domain)

    def no_new_replay() -> Any:
        raise AssertionError("replayed from the start")

    kept = [arguments for arguments in ARGUMENTS if not arguments["omit_unset_slots"]]  # as recorded
    expected = [prior_states.original()(domain, copy.deepcopy(second), **arguments) for arguments in kept]
    monkeypatch.setattr(second, "init_copy", no_new_replay)
    for arguments, states in zip(kept, expected, strict=True):
        assert prior_states.states_for_tracker_history(domain, second, **arguments) == states
    monkeypatch.undo()
    for arguments in ARGUMENTS:  # the other argument replays anew, and back
        _both(domain, second, arguments)

    changed = _stored(first)
    changed[8] = changed[8].replace("specialist_form", "feedback_form")
    for texts in (changed, _stored(first)):
        tracker = _read_back(domain, texts)
        _both(domain, tracker, {})
    unsaved = _read_back(domain, _stored(first))
    unsaved.update(events[19], domain)  # changed after it was read: its texts no longer cover it
    _both(domain, unsaved, {})
    after_unsaved = _read_back(domain, _stored(unsaved)[:-1])
    _both(domain, after_unsaved, {})
    assert stored_rows.texts_of(unsaved) is None


def _compared_with_rasa(monkeypatch: pytest.MonkeyPatch, init_copy: Optional[Any] = None) -> List[int]:
    """From now on every ``states_for_tracker_history`` call (the policies') gets the kept
    replay's list, checked against the list Rasa builds on a copy of the same tracker
    (``init_copy`` stands in for the tracker's while the kept replay runs). Returns the
    lengths of the lists, one per call."""
    calls: List[int] = []
    rasa_own = prior_states.original()

    def both(self: Domain, tracker: DialogueStateTracker, omit_unset_slots: bool = False,
             ignore_rule_only_turns: bool = False,
             rule_only_data: Optional[Dict[Text, Any]] = None) -> Any:
        arguments = dict(omit_unset_slots=omit_unset_slots,
                         ignore_rule_only_turns=ignore_rule_only_turns, rule_only_data=rule_only_data)
        expected = rasa_own(self, copy.deepcopy(tracker), **arguments)
        with monkeypatch.context() as patch:
            if init_copy is not None:
                patch.setattr(DialogueStateTracker, "init_copy", init_copy)
            got = prior_states.states_for_tracker_history(self, tracker, **arguments)
        assert got == expected
        calls.append(len(got))
        return got

    prior_states.forget()
    monkeypatch.setattr(Domain, "states_for_tracker_history", both)
    return calls


@pytest.mark.model
def test_conversations_served_from_sqlite_get_rasas_states(model_file: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """The trained model served from a SQLite store (each turn's tracker read back from
    the database): every call of real conversations gets the list Rasa builds on a copy,
    and most calls of a later turn go on from the kept replay."""
    from rasa.core.agent import Agent
    from rasa.core.tracker_store import SQLTrackerStore

    from bot.serve import sqlite_tracker

    served = Agent.load(str(model_file))
    store = SQLTrackerStore(served.domain, dialect="sqlite", db=str(tmp_path / "t.db"))
    assert sqlite_tracker.tune_sqlite_store(store)
    served.tracker_store = store
    served.processor.tracker_store = store
    replays: List[int] = []
    init_copy = DialogueStateTracker.init_copy

    def counted(self: DialogueStateTracker) -> DialogueStateTracker:
        replays.append(1)
        return init_copy(self)

    calls = _compared_with_rasa(monkeypatch, counted)
    _talk(served, "prior-states-sqlite")
    conversations = len(CONVERSATIONS)
    assert len(calls) > 20 and max(calls) > 5
    assert conversations <= len(replays) < len(calls) / 3


@pytest.mark.model
def test_every_call_of_real_conversations_gets_rasas_states(agent: Any,  # noqa: F811
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """The trained model's conversations (answers, a form, escalations), with the policies'
    own calls: each gets the list Rasa builds on a copy of the same tracker."""
    calls = _compared_with_rasa(monkeypatch)
    _talk(agent, "prior-states")
    assert len(calls) > 20 and max(calls) > 5


def test_event_lookup_finds_rasas_class_for_every_event_type() -> None:
    from rasa.shared.utils.common import all_subclasses

    event_lookup.install()
    for cls in all_subclasses(Event):
        assert event_lookup.resolve_by_type(cls.type_name) is next(
            c for c in all_subclasses(Event) if c.type_name == cls.type_name)
    assert event_lookup.resolve_by_type("topic") is None
    assert event_lookup.resolve_by_type("no_such_event", default=SlotSet) is SlotSet
    with pytest.raises(ValueError, match="Unknown event name"):
        event_lookup.resolve_by_type("no_such_event")


def test_an_event_class_defined_later_is_found() -> None:
    event_lookup.install()
    assert event_lookup.resolve_by_type("bot") is BotUttered
    assert event_lookup.resolve_by_type("clonus_test_later", default=SlotSet) is SlotSet

    class Later(SlotSet):
        type_name = "clonus_test_later"

    assert Event.resolve_by_type("clonus_test_later") is Later
    assert Event.resolve_by_type("bot") is BotUttered
