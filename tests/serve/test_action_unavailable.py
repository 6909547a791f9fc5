"""A failed custom action makes the turn say that this part is temporarily unavailable
(bot/serve/action_unavailable.py), in the user's language, once per turn; the turn's
later custom actions are not called."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from rasa.core.actions.action import RemoteAction
from rasa.core.channels.channel import CollectingOutputChannel
from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.core.policies.policy import PolicyPrediction
from rasa.core.processor import MessageProcessor
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from bot import paths, rasa_patches
from bot.constants import UTTER_ACTION_UNAVAILABLE
from bot.serve.ports import free_port

rasa_patches.apply()


@pytest.fixture(scope="module")
def domain() -> Domain:
    return Domain.load(str(paths.ROOT / "domain.yml"))


def _processor(domain: Domain) -> MessageProcessor:
    """Just enough of a processor to run one action (no model is loaded)."""
    processor = MessageProcessor.__new__(MessageProcessor)
    processor.domain = domain
    processor.action_endpoint = None
    return processor


def _tracker(domain: Domain, language: str) -> DialogueStateTracker:
    tracker = DialogueStateTracker("unavailable-test", domain.slots)
    tracker.update_with_events([ActionExecuted("action_listen"), SlotSet("answer_language", language),
                                UserUttered("is there an MS specialist in Pune?")], domain)
    return tracker


def _run(domain: Domain, tracker: DialogueStateTracker, names: list[str]) -> list[Any]:
    """Run the custom actions ``names`` one after the other against an action server
    that is not there; returns what the user received."""
    processor = _processor(domain)
    endpoint = EndpointConfig(f"http://127.0.0.1:{free_port()}/webhook")
    channel = CollectingOutputChannel()
    nlg = TemplatedNaturalLanguageGenerator(domain.responses)

    async def turn() -> None:
        for name in names:
            prediction = PolicyPrediction.for_action_name(domain, name)
            await processor._run_action(RemoteAction(name, endpoint), tracker, channel, nlg,
                                        prediction)

    asyncio.run(turn())
    return channel.messages


def _texts(domain: Domain, language: str) -> str:
    for variation in domain.responses[UTTER_ACTION_UNAVAILABLE]:
        conditions = variation.get("condition") or []
        if any(c.get("value") == language for c in conditions) or (
                language == "en" and not conditions):
            return str(variation["text"])
    raise AssertionError(language)


@pytest.mark.parametrize("language", ["en", "hi"])
def test_a_failed_action_says_this_part_is_unavailable_in_the_users_language(
        domain: Domain, language: str) -> None:
    tracker = _tracker(domain, language)
    messages = _run(domain, tracker, ["action_specialist_search"])
    assert [m["text"] for m in messages] == [_texts(domain, language)]
    stored = [e for e in tracker.events if isinstance(e, BotUttered)]
    assert [e.metadata.get("utter_action") for e in stored] == [UTTER_ACTION_UNAVAILABLE]
    assert "emergency number" in _texts(domain, "en")
    assert "112" in _texts(domain, "hi") and "108" in _texts(domain, "hi")


def test_said_once_per_turn_and_later_actions_are_not_called(
        domain: Domain, monkeypatch: pytest.MonkeyPatch) -> None:
    import aiohttp

    calls: list[str] = []

    async def refused(self: EndpointConfig, **kwargs: Any) -> Any:
        calls.append(kwargs["json"]["next_action"])
        raise aiohttp.ClientConnectionError("refused")

    monkeypatch.setattr(EndpointConfig, "request", refused)
    tracker = _tracker(domain, "en")
    messages = _run(domain, tracker, ["action_suggest_specialist", "action_specialist_search"])
    assert len(messages) == 1
    assert calls == ["action_suggest_specialist"]
    # a new turn tries again (and says it again)
    tracker.update(UserUttered("and in Mumbai?"))
    assert len(_run(domain, tracker, ["action_specialist_search"])) == 1
    assert calls == ["action_suggest_specialist", "action_specialist_search"]


def test_an_action_that_works_says_nothing_extra(domain: Domain) -> None:
    from bot.serve.action_unavailable import said_this_turn

    tracker = _tracker(domain, "en")
    tracker.update(BotUttered("an answer", metadata={"utter_action": "utter_faq"}))
    assert not said_this_turn(tracker)
