"""A sequential runner for Rasa's predict graph, in place of ``DaskGraphRunner`` per message.

Rasa 3.6 runs the model's predict graph through ``dask`` twice or more per message (the
NLU parse, then one policy prediction per action until ``action_listen``). Each run
rebuilds the minimal schema for its targets (a recursive walk that visits shared
ancestors once per path), a dask task graph, dask's scheduling order and its
bookkeeping; a profile of our server put that at about 9 % of a turn. The graph itself
never changes after loading.

``SequentialGraphRunner`` is a ``DaskGraphRunner`` (same nodes, same input checks) whose
``run`` computes, once per set of targets and input names, the order in which dask's
synchronous scheduler would call the nodes (``dask.order.order`` priorities among the
ready nodes, as ``dask.local.get_async`` does), and then just calls the nodes in that
order with the same arguments dask would pass: each needed node's ``(name, output)``
pair, a node's name where dask could not resolve it, inputs as ``(name, value)`` pairs
that override a node of the same name. The outputs are the same dict of target ->
output. A ``RuntimeError`` becomes a ``GraphRunError`` as in dask's runner; other
exceptions pass unchanged.

``install()`` makes ``MessageProcessor`` load models with it (``bot.rasa_patches.apply``);
training keeps Rasa's ``DaskGraphRunner``. ``tests/unit/test_graph_runner.py`` compares both
runners on the trained model's graph.
"""

from __future__ import annotations

import heapq
import logging
import threading
from typing import Any, Dict, List, Optional, Sequence, Text, Tuple

from rasa.engine.exceptions import GraphRunError
from rasa.engine.runner.dask import DaskGraphRunner

logger = logging.getLogger(__name__)

#: One step of a plan: the node's name and the names of its inputs, in ``needs`` order.
Step = Tuple[Text, Tuple[Text, ...]]


def execution_order(needs: Dict[Text, Sequence[Text]], targets: Sequence[Text]) -> List[Text]:
    """The nodes ``targets`` depend on (``needs``: node -> its input names; names that are
    not keys are unresolved and ignored here), in the order dask's synchronous scheduler
    runs them: among the nodes whose inputs are ready, the one ``dask.order.order`` ranks
    first."""
    from dask.order import order

    wanted: Dict[Text, Tuple[Text, ...]] = {}
    stack = [t for t in targets if t in needs]
    while stack:
        name = stack.pop()
        if name in wanted:
            continue
        deps = tuple(d for d in needs[name] if d in needs)
        wanted[name] = deps
        stack.extend(deps)
    # a dask graph of the same shape: only its keys and dependencies matter to ``order``
    shape = {name: (_noop, *deps) for name, deps in wanted.items()}
    try:
        priority = order(shape)
    except RuntimeError as error:  # a cycle: dask's runner fails the same way
        raise GraphRunError("Error running runner.") from error
    waiting = {name: set(deps) for name, deps in wanted.items()}
    users: Dict[Text, List[Text]] = {name: [] for name in wanted}
    for name, deps in wanted.items():
        for dep in set(deps):
            users[dep].append(name)
    ready = [(priority[name], name) for name, deps in waiting.items() if not deps]
    heapq.heapify(ready)
    done: List[Text] = []
    while ready:
        _, name = heapq.heappop(ready)
        done.append(name)
        for user in users[name]:
            waiting[user].discard(name)
            if not waiting[user]:
                heapq.heappush(ready, (priority[user], user))
    if len(done) != len(wanted):  # pragma: no cover - ``order`` refuses cycles first
        raise GraphRunError("Error running runner.")
    return done


def _noop(*_args: Any) -> None:  # pragma: no cover - never called
    return None


class SequentialGraphRunner(DaskGraphRunner):
    """``DaskGraphRunner`` without dask at run time (see module docstring)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._plans: Dict[Tuple[Tuple[Text, ...], Tuple[Text, ...]], List[Step]] = {}
        # one run at a time, whichever thread calls (``bot.serve.offload``): no component is
        # ever entered twice at once
        self._running = threading.RLock()

    def plan(self, targets: Sequence[Text], input_names: Sequence[Text]) -> List[Step]:
        """The nodes to call for ``targets`` with these inputs, in order, with their needs."""
        key = (tuple(targets), tuple(sorted(input_names)))
        steps = self._plans.get(key)
        if steps is None:
            schema = self._graph_schema.minimal_graph_schema(list(targets))
            needs: Dict[Text, Tuple[Text, ...]] = {
                name: tuple(node.needs.values()) for name, node in schema.nodes.items()}
            for name in input_names:  # an input replaces a node of the same name
                needs[name] = ()
            steps = [(name, needs[name]) for name in execution_order(needs, targets)
                     if name not in input_names]
            self._plans[key] = steps
        return steps

    def run(self, inputs: Optional[Dict[Text, Any]] = None,
            targets: Optional[List[Text]] = None) -> Dict[Text, Any]:
        """Runs the graph (see ``GraphRunner.run``); the same results as ``DaskGraphRunner``."""
        run_targets = list(targets if targets else self._graph_schema.target_names)
        inputs = inputs or {}
        steps = self.plan(run_targets, list(inputs))
        known = {name for name, _ in steps}
        for value in inputs.values():  # the same check as DaskGraphRunner's
            if isinstance(value, str) and (value in known or value in inputs):
                raise GraphRunError(
                    f"Input value '{value}' clashes with a node name. Make sure "
                    f"that none of the input names passed to the `run` method are the "
                    f"same as node names in the graph schema.")
        results: Dict[Text, Any] = {name: (name, value) for name, value in inputs.items()}
        try:
            with self._running:
                for name, needs in steps:
                    results[name] = self._instantiated_nodes[name](
                        *(results.get(dep, dep) for dep in needs))
        except RuntimeError as error:
            raise GraphRunError("Error running runner.") from error
        missing = [t for t in run_targets if t not in results]
        if missing:
            raise KeyError(f"{missing[0]} is not a key in the graph")
        return dict(results[t] for t in run_targets)


def install() -> None:
    """Load every model served by ``MessageProcessor`` with ``SequentialGraphRunner``."""
    from rasa.core import processor

    processor.DaskGraphRunner = SequentialGraphRunner  # type: ignore[attr-defined,misc]
