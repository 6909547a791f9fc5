"""The socket.io channel's ids for a browser key, without importing Rasa (the same
derivations and key check as ``bot.channels.socketio``; tests check they agree): used by
the load checks and by the sorry server (``bot.serve.sorry``)."""

from __future__ import annotations

import hashlib
import re
from typing import Optional
from urllib.parse import parse_qs

#: Query parameter of the socket.io connection that carries the per-browser key.
CLIENT_KEY_PARAM = "clonus_key"
_CLIENT_KEY = re.compile(r"^[A-Za-z0-9_-]{32,128}$")


def _derive(key: str, purpose: str) -> str:
    return hashlib.sha256(f"clonus-socketio/{purpose}/{key}".encode()).hexdigest()[:32]


def sender_of_key(key: str) -> str:
    """The conversation id (tracker sender id) of a browser key."""
    return "web-" + _derive(key, "sender")


def session_of_key(key: str) -> str:
    """The session id a client with this key is confirmed."""
    return _derive(key, "session")


def client_key(query_string: Optional[str]) -> Optional[str]:
    """The per-browser key in a connection's query string, if well-formed."""
    values = parse_qs(query_string or "").get(CLIENT_KEY_PARAM) or []
    key = values[0] if len(values) == 1 else None
    return key if key and _CLIENT_KEY.match(key) else None
