"""The socket.io channel's conversation id for a browser key, without importing Rasa
(the same derivation as ``bot.channels.socketio.sender_id_for``; a test checks they agree)."""

from __future__ import annotations

import hashlib


def sender_of_key(key: str) -> str:
    digest = hashlib.sha256(f"clonus-socketio/sender/{key}".encode()).hexdigest()[:32]
    return "web-" + digest
