"""socket.io channel for the web widget, hardened.

``credentials.yml``: ``bot.channels.socketio.SocketIOInput``. Differences from Rasa's:
- works with current python-socketio, where ``AsyncServer.enter_room`` is a coroutine
  (Rasa 3.6 does not await it, so replies never reached persisted sessions);
- enforces allowed origins (``cors_allowed_origins`` in credentials; default: the demo
  page on localhost) instead of accepting every origin;
- caps the socket.io message size and passes user text through ``prepare_text``;
- a session id that another connected client is using is not handed out again: the
  newcomer gets a fresh session, so it cannot receive that conversation's replies.
"""

from __future__ import annotations

import inspect
import json
import logging
import uuid
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text

from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.channels.socketio import SocketBlueprint, SocketIOOutput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from socketio import AsyncServer

from bot.channels.text import merge_metadata, prepare_text
from bot.constants import DEFAULT_WEB_PORT, MAX_REQUEST_BYTES

logger = logging.getLogger(__name__)

DEFAULT_ORIGINS = [f"http://localhost:{DEFAULT_WEB_PORT}", f"http://127.0.0.1:{DEFAULT_WEB_PORT}"]


async def _maybe_await(result: Any) -> Any:
    if inspect.isawaitable(result):
        return await result
    return result


class SocketIOInput(InputChannel):
    """socket.io input channel (``rasa-webchat`` compatible)."""

    @classmethod
    def name(cls) -> Text:
        return "socketio"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        credentials = credentials or {}
        origins = credentials.get("cors_allowed_origins") or DEFAULT_ORIGINS
        if isinstance(origins, str):
            origins = [o.strip() for o in origins.split(",") if o.strip()]
        return cls(
            user_message_evt=credentials.get("user_message_evt", "user_uttered"),
            bot_message_evt=credentials.get("bot_message_evt", "bot_uttered"),
            namespace=credentials.get("namespace"),
            session_persistence=bool(credentials.get("session_persistence", True)),
            socketio_path=credentials.get("socketio_path", "/socket.io"),
            metadata_key=credentials.get("metadata_key", "customData"),
            cors_allowed_origins=list(origins),
        )

    def __init__(
        self,
        user_message_evt: Text = "user_uttered",
        bot_message_evt: Text = "bot_uttered",
        namespace: Optional[Text] = None,
        session_persistence: bool = True,
        socketio_path: Text = "/socket.io",
        metadata_key: Text = "customData",
        cors_allowed_origins: Optional[List[Text]] = None,
    ) -> None:
        self.user_message_evt = user_message_evt
        self.bot_message_evt = bot_message_evt
        self.namespace = namespace
        self.session_persistence = session_persistence
        self.socketio_path = socketio_path
        self.metadata_key = metadata_key
        self.cors_allowed_origins = cors_allowed_origins or list(DEFAULT_ORIGINS)
        self.sio: Optional[AsyncServer] = None
        #: socket id -> session id it joined, and session id -> socket id using it.
        self._session_of: Dict[Text, Text] = {}
        self._socket_of: Dict[Text, Text] = {}

    def get_output_channel(self) -> Optional[SocketIOOutput]:
        if self.sio is None:
            return None
        return SocketIOOutput(self.sio, self.bot_message_evt)

    def _claim_session(self, sid: Text, requested: Optional[Text]) -> Text:
        """Session id this socket may use: the requested one unless another socket holds it."""
        session_id = requested if isinstance(requested, str) and 0 < len(requested) <= 64 else None
        holder = self._socket_of.get(session_id) if session_id else None
        if session_id is None or (holder is not None and holder != sid):
            session_id = uuid.uuid4().hex
        previous = self._session_of.get(sid)
        if previous and previous != session_id:
            self._socket_of.pop(previous, None)
        self._session_of[sid] = session_id
        self._socket_of[session_id] = sid
        return session_id

    def _release(self, sid: Text) -> None:
        session_id = self._session_of.pop(sid, None)
        if session_id and self._socket_of.get(session_id) == sid:
            self._socket_of.pop(session_id, None)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        sio = AsyncServer(
            async_mode="sanic",
            cors_allowed_origins=self.cors_allowed_origins,
            max_http_buffer_size=MAX_REQUEST_BYTES,
        )
        webhook = SocketBlueprint(sio, self.socketio_path, "clonus_socketio_webhook", __name__)
        self.sio = sio

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @sio.on("connect", namespace=self.namespace)
        async def connect(sid: Text, environ: Dict, auth: Optional[Dict] = None) -> bool:
            logger.debug("socketio: client connected")
            return True

        @sio.on("disconnect", namespace=self.namespace)
        async def disconnect(sid: Text, *args: Any) -> None:
            self._release(sid)

        @sio.on("session_request", namespace=self.namespace)
        async def session_request(sid: Text, data: Optional[Dict] = None) -> None:
            requested = data.get("session_id") if isinstance(data, dict) else None
            session_id = self._claim_session(sid, requested) if self.session_persistence else sid
            if self.session_persistence:
                await _maybe_await(sio.enter_room(sid, session_id, namespace=self.namespace))
            await sio.emit("session_confirm", session_id, room=sid, namespace=self.namespace)

        @sio.on(self.user_message_evt, namespace=self.namespace)
        async def handle_message(sid: Text, data: Any) -> None:
            if not isinstance(data, dict):
                data = {"message": data if isinstance(data, str) else ""}
            if self.session_persistence:
                session_id = self._session_of.get(sid)
                if session_id is None:
                    # No session_request yet: give this socket its own session.
                    session_id = self._claim_session(sid, None)
                    await _maybe_await(sio.enter_room(sid, session_id, namespace=self.namespace))
                    await sio.emit("session_confirm", session_id, room=sid, namespace=self.namespace)
                sender_id = session_id
            else:
                sender_id = sid
            raw_metadata = data.get(self.metadata_key) or {}
            if isinstance(raw_metadata, str):
                try:
                    raw_metadata = json.loads(raw_metadata)
                except ValueError:
                    raw_metadata = {}
            raw_text = data.get("message")
            prepared = prepare_text(raw_text if isinstance(raw_text, str) else "")
            output = SocketIOOutput(sio, self.bot_message_evt)
            message = UserMessage(
                prepared.text,
                output,
                sender_id,
                input_channel=self.name(),
                metadata=merge_metadata(raw_metadata, prepared),
            )
            await on_new_message(message)

        return webhook
