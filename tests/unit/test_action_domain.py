"""The domain goes to the action server only with the actions that read it (selective
domain, endpoints.yml): every custom action that uses its ``domain`` argument, and every
form validation action, is sent the domain; the others are not (about 96 KB of JSON less
to write and parse per action call)."""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import textwrap
from typing import Dict, Type

import pytest
import yaml
from rasa_sdk import Action
from rasa_sdk.forms import FormValidationAction

from bot import paths


def custom_actions() -> Dict[str, Type[Action]]:
    import actions

    found: Dict[str, Type[Action]] = {}
    for module in pkgutil.iter_modules(actions.__path__):
        loaded = importlib.import_module(f"actions.{module.name}")
        for _, cls in inspect.getmembers(loaded, inspect.isclass):
            if issubclass(cls, Action) and cls.__module__ == loaded.__name__:
                try:
                    found[cls().name()] = cls
                except (NotImplementedError, TypeError):
                    continue
    return found


def reads_domain(cls: Type[Action]) -> bool:
    """The class's own code reads a variable called ``domain`` (its ``run`` argument)."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(cls)))
    return any(isinstance(node, ast.Name) and node.id == "domain" and isinstance(node.ctx, ast.Load)
               for node in ast.walk(tree))


@pytest.fixture(scope="module")
def domain():
    from rasa.shared.core.domain import Domain

    return Domain.load(str(paths.ROOT / "domain.yml"))


@pytest.mark.parametrize("name", ["endpoints.yml", "deploy/endpoints.yml"])
def test_the_action_endpoint_sends_the_domain_selectively(name: str) -> None:
    data = yaml.safe_load((paths.ROOT / name).read_text(encoding="utf-8"))
    assert data["action_endpoint"]["enable_selective_domain"] is True


def test_every_action_that_reads_the_domain_is_sent_it(domain) -> None:
    found = custom_actions()
    listed = yaml.safe_load((paths.ROOT / "domain.yml").read_text(encoding="utf-8"))["actions"]
    assert set(found) == {name for entry in listed
                          for name in (entry if isinstance(entry, dict) else [entry])}
    readers = {name for name, cls in found.items()
               if reads_domain(cls) or issubclass(cls, FormValidationAction)}
    assert "action_doctor_summary" in readers  # the check can see a reader
    for name in found:
        assert domain.does_custom_action_explicitly_need_domain(name) == (name in readers), name


def test_the_request_carries_the_domain_only_for_those_actions(domain) -> None:
    from rasa.core.actions.action import RemoteAction
    from rasa.shared.core.trackers import DialogueStateTracker
    from rasa.utils.endpoints import EndpointConfig

    data = yaml.safe_load((paths.ROOT / "endpoints.yml").read_text(encoding="utf-8"))
    endpoint = EndpointConfig.from_dict(data["action_endpoint"])
    tracker = DialogueStateTracker("someone", domain.slots)
    ask = RemoteAction("action_feedback_ask", endpoint)._action_call_format(tracker, domain)
    summary = RemoteAction("action_doctor_summary", endpoint)._action_call_format(tracker, domain)
    form = RemoteAction("validate_feedback_form", endpoint)._action_call_format(tracker, domain)
    assert "domain" not in ask
    assert summary["domain"]["responses"] == form["domain"]["responses"] == domain.as_dict()["responses"]
