"""No deep copies for debug log lines that are not written.

Rasa 3.6's MemoizationPolicy and RulePolicy pass ``copy.deepcopy(states)`` (the whole
conversation's state list) as an argument of ``structlogger.debug(...)`` at every
prediction. The argument is evaluated even when the server logs at INFO and the debug call
is a no-op: a profile of a turn put these copies at about 4 % of its CPU time.

``install()`` gives the two modules a ``copy`` of their own: the standard module, except
that ``deepcopy`` returns its argument unchanged while structlog drops debug events (the
filtering logger Rasa configures below DEBUG), and copies as before when debug logging is on
(``--debug``, ``LOG_LEVEL=DEBUG``). In both modules ``copy`` is used for nothing but these
log arguments (``tests/unit/test_log_copies.py`` checks the source).
"""

from __future__ import annotations

import copy as _copy
import types
from typing import Any

#: The Rasa modules whose ``copy.deepcopy`` calls only build debug-log arguments.
MODULES = ("rasa.core.policies.memoization", "rasa.core.policies.rule_policy")


def debug_logged() -> bool:
    """Whether structlog writes debug events now (Rasa's filtering logger replaces the
    methods of levels below its minimum by a function named ``_nop``)."""
    import structlog

    debug = getattr(structlog.get_config()["wrapper_class"], "debug", None)
    return debug is not None and getattr(debug, "__name__", "") != "_nop"


def _deepcopy(value: Any, memo: Any = None) -> Any:
    return _copy.deepcopy(value, memo) if debug_logged() else value


class _LogCopy(types.ModuleType):
    """The ``copy`` module with ``deepcopy`` as above."""

    deepcopy = staticmethod(_deepcopy)

    def __getattr__(self, name: str) -> Any:
        return getattr(_copy, name)


def install() -> None:
    """Give the policies' modules the log-only ``copy`` (once)."""
    import importlib

    for name in MODULES:
        module = importlib.import_module(name)
        if not isinstance(getattr(module, "copy", None), _LogCopy):
            module.copy = _LogCopy("copy")  # type: ignore[attr-defined]
