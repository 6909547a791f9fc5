"""Settings read from the environment: the site origins of the widget
(``CLONUS_ALLOWED_ORIGINS``, read by the Rasa image's entry point and the sorry server),
and a positive number, or an error that names the
variable (used for ``CLONUS_MAX_TURNS``, ``CLONUS_TURN_QUEUE_TIMEOUT`` and
``CLONUS_ACTION_TIMEOUT``). An unset or blank variable means the default; anything else
must be a finite number above zero (a whole number where one is asked for), so a typo
stops the server at start-up instead of running with a limit nobody chose."""

from __future__ import annotations

import math
import os
from typing import Mapping, Optional


def _text(name: str, env: Optional[Mapping[str, str]]) -> str:
    return ((env if env is not None else os.environ).get(name) or "").strip()


#: comma-separated origins allowed to open the widget's socket.io connection; when set
#: they replace the ones in credentials.yml (Kubernetes: from the clonus-secrets Secret)
ALLOWED_ORIGINS_ENV = "CLONUS_ALLOWED_ORIGINS"


def allowed_origins(env: Optional[Mapping[str, str]] = None) -> list[str]:
    """The origins of ``CLONUS_ALLOWED_ORIGINS`` (empty: unset or blank)."""
    return [o.strip() for o in _text(ALLOWED_ORIGINS_ENV, env).split(",") if o.strip()]


def positive_number(name: str, default: float,
                    env: Optional[Mapping[str, str]] = None) -> float:
    """``name``'s value as a float > 0 (``default`` when unset or blank); ``ValueError``
    otherwise."""
    text = _text(name, env)
    if not text:
        return float(default)
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"{name} must be a positive number, not {text!r}") from None
    if not math.isfinite(value) or value <= 0:
        raise ValueError(f"{name} must be a positive number, not {text!r}")
    return value


def positive_integer(name: str, default: int, env: Optional[Mapping[str, str]] = None) -> int:
    """``name``'s value as an int >= 1 (``default`` when unset or blank); ``ValueError``
    otherwise."""
    text = _text(name, env)
    if not text:
        return int(default)
    try:
        value = int(text)
    except ValueError:
        raise ValueError(f"{name} must be a whole number of at least 1, not {text!r}") from None
    if value < 1:
        raise ValueError(f"{name} must be a whole number of at least 1, not {text!r}")
    return value
