"""Rasa's event class lookup by type name, without walking the class tree for every event.

``Event.resolve_by_type`` (Rasa 3.6) finds an event's class by calling
``rasa.shared.utils.common.all_subclasses(Event)`` (a recursive walk of every subclass,
with an ``inspect.isabstract`` test on each) and taking the first class whose
``type_name`` matches, for **every** event it deserialises. Every turn rebuilds the
conversation from its stored events (``DialogueStateTracker.from_dict``), and the custom
actions' replies are deserialised the same way: a profile of our server under 8 senders
put the walk at about 4 % of the time the server held the GIL (MAINTAINING.md, "Speed").

``resolve_by_type`` here returns the same class: a map from type name to the *first*
class of that name in ``all_subclasses(Event)`` order, built on first use and thrown away
whenever a new subclass of ``Event`` is defined (``__init_subclass__``), so a class
imported later is found exactly as Rasa would find it. Unknown names behave as in Rasa:
``None`` for the legacy ``"topic"``, else ``default``, else ``ValueError``.
``tests/unit/test_event_lookup.py`` compares it with Rasa's own for every event class.

``install()`` replaces the static method (``bot.rasa_patches.apply``, serving only).
"""

from __future__ import annotations

import threading
from typing import Any, Dict, Optional, Text, Type

_lock = threading.Lock()
_by_name: Optional[Dict[Text, Type[Any]]] = None
_installed = False


def _build() -> Dict[Text, Type[Any]]:
    """Type name -> the first class with that name, in Rasa's own search order."""
    from rasa.shared.core.events import Event
    from rasa.shared.utils.common import all_subclasses

    found: Dict[Text, Type[Any]] = {}
    for cls in all_subclasses(Event):
        found.setdefault(cls.type_name, cls)
    return found


def classes_by_name() -> Dict[Text, Type[Any]]:
    """The current map (built when missing)."""
    global _by_name
    current = _by_name
    if current is None:
        with _lock:
            current = _by_name = _by_name if _by_name is not None else _build()
    return current


def forget(*_args: Any, **_kwargs: Any) -> None:
    """Drop the map (a new ``Event`` subclass was defined)."""
    global _by_name
    with _lock:
        _by_name = None


def resolve_by_type(type_name: Text, default: Optional[Type[Any]] = None) -> Optional[Type[Any]]:
    """``Event.resolve_by_type`` with the kept map: the same class, ``None`` or error."""
    cls = classes_by_name().get(type_name)
    if cls is not None:
        return cls
    if type_name == "topic":
        return None  # Rasa's backwards compatibility for old TopicSet events
    if default is not None:
        return default
    raise ValueError(f"Unknown event name '{type_name}'.")


def install() -> None:
    """Replace ``Event.resolve_by_type`` and forget the map when a subclass appears."""
    global _installed
    if _installed:
        return
    from rasa.shared.core.events import Event

    previous = Event.__dict__.get("__init_subclass__")

    def __init_subclass__(cls: Any, **kwargs: Any) -> None:
        if previous is not None:
            previous.__func__(cls, **kwargs)
        else:
            super(Event, cls).__init_subclass__(**kwargs)
        forget()

    Event.__init_subclass__ = classmethod(__init_subclass__)  # type: ignore[assignment]
    Event.resolve_by_type = staticmethod(resolve_by_type)  # type: ignore[assignment]
    forget()
    _installed = True
