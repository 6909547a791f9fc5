"""A stand-in for a Rasa replica behind HAProxy (``python -m tests.serve.fake_replica``):
socket.io that answers every message with ``REPLICA_TEXT``, and the readiness path
(200 while the file ``--ready-file`` exists, 503 otherwise). For the sorry-server
failover test (tests/serve/test_sorry.py): no Rasa, starts in a second."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import socketio
from aiohttp import web

from bot.serve.haproxy import READY_PATH

REPLICA_TEXT = "an answer from the replica"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--ready-file", type=Path, required=True)
    parser.add_argument("--origin", required=True)
    args = parser.parse_args()
    sio = socketio.AsyncServer(async_mode="aiohttp", cors_allowed_origins=[args.origin])
    app = web.Application()
    sio.attach(app)

    async def ready(_: web.Request) -> web.Response:
        return web.json_response({}, status=200 if args.ready_file.exists() else 503)

    app.router.add_get(READY_PATH, ready)

    @sio.on("session_request")
    async def session_request(sid: str, data: Any = None) -> None:
        await sio.emit("session_confirm", "replica-session", room=sid)

    @sio.on("user_uttered")
    async def user_uttered(sid: str, data: Any = None) -> None:
        await sio.emit("bot_uttered", {"text": REPLICA_TEXT}, room=sid)

    web.run_app(app, host="127.0.0.1", port=args.port, print=None)


if __name__ == "__main__":
    main()
