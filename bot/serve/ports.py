"""Free loopback ports for the stacks the fault suite and the tests start.

Several engineers share one machine, each with a block of ports. ``CLONUS_PORT_RANGE``
(``58000-58999``) makes ``free_port`` pick only inside that block; without it the
kernel picks any free port (its ephemeral range). A port handed out is not handed out
again by this process, so a stack's ports never collide with each other before their
servers bind them.
"""

from __future__ import annotations

import os
import random
import socket
from typing import Optional

RANGE_ENV = "CLONUS_PORT_RANGE"
_given: set[int] = set()


def port_range(value: Optional[str] = None) -> Optional[tuple[int, int]]:
    """``(low, high)`` from ``CLONUS_PORT_RANGE`` (``"58000-58999"``), or None."""
    text = (os.environ.get(RANGE_ENV, "") if value is None else value).strip()
    if not text:
        return None
    low, sep, high = text.partition("-")
    if not sep or not low.strip().isdigit() or not high.strip().isdigit():
        raise ValueError(f"{RANGE_ENV} must look like 58000-58999, not {text!r}")
    bounds = int(low), int(high)
    if not 1024 <= bounds[0] <= bounds[1] <= 65535:
        raise ValueError(f"{RANGE_ENV}: {text!r} is not a range of user ports")
    return bounds


def _bindable(port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def free_port() -> int:
    """A loopback port nothing listens on (inside ``CLONUS_PORT_RANGE`` when it is set)."""
    bounds = port_range()
    if bounds is None:
        while True:
            with socket.socket() as sock:
                sock.bind(("127.0.0.1", 0))
                port = int(sock.getsockname()[1])
            if port not in _given:
                _given.add(port)
                return port
    low, high = bounds
    candidates = list(range(low, high + 1))
    random.shuffle(candidates)
    for port in candidates:
        if port not in _given and _bindable(port):
            _given.add(port)
            return port
    raise RuntimeError(f"no free port left in {RANGE_ENV}={low}-{high}")
