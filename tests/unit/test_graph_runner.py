"""bot/serve/graph_runner.py: the sequential runner gives the same results as Rasa's
DaskGraphRunner, on a small graph of its own and on the trained model's predict graph
(every NLU parse and every policy prediction of real conversations, escalations included).
bot/serve/rule_lookup.py: RulePolicy finds the same rules as Rasa's own lookup in the same
conversations."""

from __future__ import annotations

import asyncio
import copy
from pathlib import Path
from typing import Any, Dict, List, Text

import pytest
from rasa.engine.exceptions import GraphRunError
from rasa.engine.runner.dask import DaskGraphRunner

from bot.serve.graph_runner import SequentialGraphRunner, execution_order, install

# --- the order: only dependencies, dask's priorities -------------------------------------


def test_every_node_runs_after_its_inputs_and_only_needed_nodes_run() -> None:
    needs = {"a": (), "b": ("a",), "c": ("a", "b", "__input__"), "d": ("c",), "unused": ("a",)}
    order = execution_order(needs, ["d"])
    assert sorted(order) == ["a", "b", "c", "d"]
    assert order.index("a") < order.index("b") < order.index("c") < order.index("d")


def test_a_cycle_is_refused() -> None:
    with pytest.raises(GraphRunError):
        execution_order({"a": ("b",), "b": ("a",)}, ["a"])


# --- a small graph of real Rasa graph nodes ------------------------------------------------


def _schema() -> Any:
    from rasa.engine.graph import GraphSchema, SchemaNode

    from tests.unit.graph_runner_components import Add, Constant

    return GraphSchema({
        "one": SchemaNode(needs={}, uses=Constant, constructor_name="create", fn="get",
                          config={"value": 1}),
        "two": SchemaNode(needs={}, uses=Constant, constructor_name="create", fn="get",
                          config={"value": 2}),
        "sum": SchemaNode(needs={"x": "one", "y": "two"}, uses=Add, constructor_name="create",
                          fn="add", config={}),
        "plus_input": SchemaNode(needs={"x": "sum", "y": "__number__"}, uses=Add,
                                 constructor_name="create", fn="add", config={}, is_target=True),
    })


def _runners(tmp_path: Path) -> tuple[Any, Any]:
    from rasa.engine.graph import ExecutionContext
    from rasa.engine.storage.local_model_storage import LocalModelStorage

    storage = LocalModelStorage(tmp_path)
    schema = _schema()
    context = ExecutionContext(schema, "test")
    return (DaskGraphRunner(schema, storage, context), SequentialGraphRunner(schema, storage, context))


def test_the_same_outputs_as_dask_on_a_small_graph(tmp_path: Path) -> None:
    dask_runner, sequential = _runners(tmp_path)
    for inputs, targets in [({"__number__": 10}, ["plus_input"]), ({"__number__": 5}, None),
                            ({}, ["sum"]), ({}, ["one", "sum"]), ({"sum": 100, "__number__": 1}, None)]:
        assert sequential.run(inputs=inputs, targets=targets) == dask_runner.run(inputs=inputs, targets=targets)
    assert sequential.run(inputs={"sum": 100, "__number__": 1}) == {"plus_input": 101}


def test_an_input_value_that_names_a_node_is_refused_like_dask(tmp_path: Path) -> None:
    dask_runner, sequential = _runners(tmp_path)
    for runner in (dask_runner, sequential):
        with pytest.raises(GraphRunError):
            runner.run(inputs={"__number__": "sum"}, targets=["plus_input"])


def test_a_missing_input_fails_like_dask(tmp_path: Path) -> None:
    dask_runner, sequential = _runners(tmp_path)
    errors = []
    for runner in (dask_runner, sequential):
        with pytest.raises(Exception) as caught:  # noqa: PT011 - the same type is the point
            runner.run(inputs={}, targets=["plus_input"])
        errors.append(type(caught.value))
    assert errors[0] == errors[1]


def test_install_makes_rasa_load_models_with_the_sequential_runner(monkeypatch: pytest.MonkeyPatch) -> None:
    from rasa.core import processor

    monkeypatch.setattr(processor, "DaskGraphRunner", DaskGraphRunner)
    install()
    assert processor.DaskGraphRunner is SequentialGraphRunner


# --- the trained model's predict graph -------------------------------------------------------

CONVERSATIONS: List[List[Text]] = [
    ["hi there", "what is clonus exactly", "thanks a lot", "can he keep up his tai chi class?",
     "bye for now"],
    ["my son has a fever", "now his leg keeps jerking and he will not wake up"],
    ["how does a doctor check for it", "yes", "which pills help with that?",
     "I can't breathe and my chest hurts"],
    ["क्लोनस क्या होता है?", "mujhe doctor kahan milega, Pune mein"],
    ["thank you so much, and can she still swim with clonus?", "🙂", "what dose of baclofen should i take"],
]


def _parse_outputs(outputs: Dict[Text, Any]) -> Any:
    return {key: [m.as_dict(only_output_properties=True) for m in value[1]]
            if isinstance(value, tuple) and isinstance(value[1], list) else value
            for key, value in outputs.items()}


@pytest.fixture(scope="module")
def agent(model_file: Path) -> Any:
    """The trained model, served with the sequential runner (Rasa's processor patched only
    while it loads)."""
    from rasa.core import processor
    from rasa.core.agent import Agent

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(processor, "DaskGraphRunner", SequentialGraphRunner)
        return Agent.load(str(model_file))


def _talk(agent: Any, tag: str) -> None:
    async def talk() -> None:
        for number, conversation in enumerate(CONVERSATIONS):
            for text in conversation:
                await agent.handle_text(text, sender_id=f"{tag}-{number}")

    asyncio.run(talk())


@pytest.mark.model
def test_the_same_parses_and_predictions_as_dask_on_the_trained_model(agent: Any) -> None:
    """Every graph run of real conversations, run by both runners on the same nodes: the
    same parse (intents, response selector, entities, red-flag assessment) and the same
    prediction of every policy ensemble step (action, probabilities, events)."""
    runner = agent.processor.graph_runner
    assert isinstance(runner, SequentialGraphRunner)
    compared = {"parse": 0, "prediction": 0}
    original_run = runner.run

    def both(inputs: Dict[Text, Any], targets: List[Text]) -> Dict[Text, Any]:
        messages = inputs.get("__message__")
        if messages is not None:
            # UserMessages: the graph's converter makes a new Message of each for each run
            expected = DaskGraphRunner.run(runner, inputs=inputs, targets=targets)
            got = original_run(inputs=inputs, targets=targets)
            assert _parse_outputs(got) == _parse_outputs(expected)
            compared["parse"] += 1
            return got
        tracker = inputs.get("__tracker__")
        expected = DaskGraphRunner.run(runner, inputs={**inputs, "__tracker__": copy.deepcopy(tracker)},
                                       targets=targets)
        got = original_run(inputs=inputs, targets=targets)
        assert got == expected
        compared["prediction"] += 1
        return got

    runner.run = both  # type: ignore[method-assign]
    try:
        _talk(agent, "graph-runner")
    finally:
        del runner.run
    assert compared["parse"] == sum(len(c) for c in CONVERSATIONS)
    assert compared["prediction"] > 2 * compared["parse"]


@pytest.mark.model
def test_the_rule_lookup_finds_the_same_rules_as_rasa_on_the_trained_model(
        agent: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every rule lookup of real conversations (rules, loop unhappy paths): the same keys as
    RulePolicy's own ``_get_possible_keys``; some lookups match rules, some match none."""
    from rasa.core.policies.rule_policy import RulePolicy

    from bot.serve.rule_lookup import get_possible_keys

    original = RulePolicy._get_possible_keys
    found: List[int] = []

    def both(self: Any, lookup: Dict[Text, Text], states: List[Any]) -> Any:
        expected = original(self, lookup, states)
        got = get_possible_keys(self, lookup, copy.deepcopy(states))
        assert got == expected
        found.append(len(got))
        return expected

    monkeypatch.setattr(RulePolicy, "_get_possible_keys", both)
    _talk(agent, "rule-lookup")
    assert len(found) > 2 * sum(len(c) for c in CONVERSATIONS)
    assert any(found) and not all(found)
