"""Two tiny Rasa graph components for tests/unit/test_graph_runner.py."""

from __future__ import annotations

from typing import Any, Dict, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage


class Constant(GraphComponent):
    """Returns its configured value."""

    def __init__(self, value: Any) -> None:
        self._value = value

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "Constant":
        return cls(config["value"])

    def get(self) -> Any:
        return self._value


class Add(GraphComponent):
    """Adds its two inputs."""

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "Add":
        return cls()

    def add(self, x: Any, y: Any) -> Any:
        return x + y
