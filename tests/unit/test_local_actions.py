"""bot/serve/local_actions.py: ``action_feedback_ask`` run in the Rasa server gives the same
events (the same "Was this helpful?" message with its metadata, the same slots) as the
action server's action reached over HTTP, in every case the action decides."""

from __future__ import annotations

import asyncio
from typing import Any, Dict, List

import pytest
from rasa.core.actions import action as rasa_action
from rasa.core.actions.action import RemoteAction
from rasa.core.channels.channel import CollectingOutputChannel
from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import ActionNotFoundException, Domain
from rasa.shared.core.events import BotUttered, Event, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from bot import paths
from bot.knowledge import feedback as fb
from bot.serve import local_actions
from bot.serve.local_actions import LocalFeedbackAsk


@pytest.fixture(scope="module")
def domain() -> Domain:
    return Domain.load(str(paths.ROOT / "domain.yml"))


def _answer(key: str, text: str = "An answer.") -> List[Event]:
    return [UserUttered("q", intent={"name": "faq", "confidence": 0.9}),
            BotUttered(text, metadata={"utter_action": f"utter_faq/{key}"})]


CASES: Dict[str, Any] = {
    "a curated answer": (_answer("clonus_causes"), []),
    "a second topic": (_answer("what_is_clonus"), [SlotSet(fb.SLOT_ASKED, ["clonus_causes"])]),
    "the topic was asked about": (_answer("clonus_causes"), [SlotSet(fb.SLOT_ASKED, ["clonus_causes"])]),
    "an active escalation": (_answer("clonus_danger"), [SlotSet("red_flag_active", True)]),
    "an escalation log": (_answer("clonus_danger"), [SlotSet("red_flag_log", [{"level": "urgent"}])]),
    "an earlier red-flag intent": ([UserUttered("his face droops", intent={"name": "red_flag"}),
                                    *_answer("clonus_danger")], []),
    "no curated answer this turn": ([*_answer("clonus_causes"), UserUttered("ok", intent={"name": "affirm"})], []),
}


def _comparable(events: List[Event]) -> List[Dict[str, Any]]:
    out = []
    for event in events:
        data = event.as_dict()
        data.pop("timestamp", None)
        out.append(data)
    return out


def _over_http(tracker: DialogueStateTracker, domain: Domain, monkeypatch: pytest.MonkeyPatch) -> List[Event]:
    """The action server's action, reached as Rasa reaches it: RemoteAction's request body,
    the rasa_sdk executor's reply, RemoteAction's handling of it."""
    from rasa_sdk.executor import ActionExecutor

    from actions.feedback import ActionFeedbackAsk

    executor = ActionExecutor()
    executor.register_action(ActionFeedbackAsk)

    async def request(self: Any, method: str = "post", subpath: Any = None, content_type: Any = None,
                      compress: bool = False, **kwargs: Any) -> Any:
        import json

        body = json.loads(json.dumps(kwargs["json"]))  # what travels over HTTP
        return json.loads(json.dumps(await executor.run(body)))

    monkeypatch.setattr(EndpointConfig, "request", request)
    remote = RemoteAction(fb.ACTION_ASK, EndpointConfig("http://127.0.0.1:1/webhook"))
    nlg = TemplatedNaturalLanguageGenerator(domain.responses)
    return asyncio.run(remote.run(CollectingOutputChannel(), nlg, tracker, domain))


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_same_events_as_the_action_server(case: str, domain: Domain,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    turn, earlier_slots = CASES[case]
    tracker = DialogueStateTracker.from_events("local", [*earlier_slots, *turn], slots=domain.slots)
    nlg = TemplatedNaturalLanguageGenerator(domain.responses)
    local = asyncio.run(LocalFeedbackAsk().run(CollectingOutputChannel(), nlg, tracker, domain))
    remote = _over_http(tracker, domain, monkeypatch)
    assert _comparable(local) == _comparable(remote)
    asks = case in ("a curated answer", "a second topic")
    assert bool(local) == asks
    if asks:
        assert local[0].metadata["utter_action"] == fb.RESPONSE_ASK
        assert [e.key for e in local[1:]] == [fb.SLOT_PENDING, fb.SLOT_ASKED]


def _rasa_own_lookup(monkeypatch: pytest.MonkeyPatch) -> None:
    """Rasa's own ``action_for_name_or_text`` (another test module may have applied the
    project's patches when it was imported), the patch not applied yet."""
    lookup = rasa_action.action_for_name_or_text
    monkeypatch.setattr(rasa_action, "action_for_name_or_text", getattr(lookup, "__wrapped__", lookup))
    monkeypatch.setattr(local_actions, "_applied", False)


def test_only_action_feedback_ask_runs_in_process(domain: Domain, monkeypatch: pytest.MonkeyPatch) -> None:
    _rasa_own_lookup(monkeypatch)
    monkeypatch.delenv("CLONUS_LOCAL_ACTIONS", raising=False)
    endpoint = EndpointConfig("http://127.0.0.1:1/webhook")
    local_actions.apply()
    ask = rasa_action.action_for_name_or_text(fb.ACTION_ASK, domain, endpoint)
    assert isinstance(ask, LocalFeedbackAsk) and ask.name() == fb.ACTION_ASK
    index = domain.action_names_or_texts.index(fb.ACTION_ASK)
    assert isinstance(rasa_action.action_for_index(index, domain, endpoint), LocalFeedbackAsk)
    for name in (fb.ACTION_RECORD, fb.ACTION_COMMENT, "action_specialist_search"):
        assert type(rasa_action.action_for_name_or_text(name, domain, endpoint)) is RemoteAction
    with pytest.raises(ActionNotFoundException):
        rasa_action.action_for_name_or_text("action_that_does_not_exist", domain, endpoint)


def test_turned_off_it_goes_over_http(domain: Domain, monkeypatch: pytest.MonkeyPatch) -> None:
    _rasa_own_lookup(monkeypatch)
    monkeypatch.setenv("CLONUS_LOCAL_ACTIONS", "0")
    local_actions.apply()
    ask = rasa_action.action_for_name_or_text(fb.ACTION_ASK, domain, EndpointConfig("http://127.0.0.1:1/webhook"))
    assert type(ask) is RemoteAction
