"""socket.io channel for the web widget, hardened.

``credentials.yml``: ``bot.channels.socketio.SocketIOInput``. Differences from Rasa's:
- works with current python-socketio, where ``AsyncServer.enter_room`` is a coroutine
  (Rasa 3.6 does not await it, so replies never reached persisted sessions);
- enforces allowed origins (``cors_allowed_origins`` in credentials; default: the demo
  page on localhost) instead of accepting every origin;
- caps the socket.io message size and passes user text through ``prepare_text``;
- binds a session to the browser that created it. The widget add-on
  (``web/clonus-widget.js``) keeps a random per-browser key and sends it in the
  connection's query (``?clonus_key=...``, never in a message, so it is not stored in
  the tracker). The session id the client sees is derived from that key, and so is the
  conversation id (sender id and socket.io room) the replies go to, which no client is
  ever told. A client that presents someone else's session id without their key gets
  its own new session and none of that conversation's replies, whether or not the owner
  is still connected. A client without a key gets a fresh session for each connection;
- after "delete my data" is confirmed, sends the widget a ``clonus_forget`` event so it
  clears the conversation from the browser's storage (``web/clonus-widget.js``);
- bot text is sent as literal Markdown with only safe links (https citations and URLs)
  and red-flag escalations are marked urgent (``bot/channels/widget_text.py``).
"""

from __future__ import annotations

import hashlib
import inspect
import json
import logging
import re
import secrets
from typing import Any, Awaitable, Callable, Dict, Iterable, List, Optional, Text
from urllib.parse import parse_qs

from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.channels.socketio import SocketBlueprint, SocketIOOutput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from socketio import AsyncServer

from bot.channels.failure import failure_reply
from bot.channels.text import merge_metadata, prepare_text
from bot.channels.widget_text import is_urgent, widget_message
from bot.constants import DEFAULT_WEB_PORT, MAX_REQUEST_BYTES, RATING_PAYLOADS

logger = logging.getLogger(__name__)

DEFAULT_ORIGINS = [f"http://localhost:{DEFAULT_WEB_PORT}", f"http://127.0.0.1:{DEFAULT_WEB_PORT}"]

#: The custom part of utter_conversation_deleted, and the event it becomes for the widget.
WIDGET_SIGNAL_KEY = "clonus"
CONVERSATION_DELETED = "conversation_deleted"
FORGET_EVENT = "clonus_forget"

#: Query parameter of the socket.io connection that carries the per-browser key.
CLIENT_KEY_PARAM = "clonus_key"
_CLIENT_KEY = re.compile(r"^[A-Za-z0-9_-]{32,128}$")


def client_key(environ: Optional[Dict]) -> Optional[str]:
    """The per-browser key of a connection (from its query string), if well-formed."""
    query = (environ or {}).get("QUERY_STRING") or ""
    values = parse_qs(query).get(CLIENT_KEY_PARAM) or []
    key = values[0] if len(values) == 1 else None
    return key if key and _CLIENT_KEY.match(key) else None


def _derive(key: str, purpose: str) -> str:
    return hashlib.sha256(f"clonus-socketio/{purpose}/{key}".encode()).hexdigest()[:32]


def session_id_for(key: str) -> str:
    """The session id a client with this key is confirmed (what the widget stores)."""
    return _derive(key, "session")


def sender_id_for(key: str) -> str:
    """The conversation id (tracker sender id and socket.io room); never sent to a client."""
    return "web-" + _derive(key, "sender")


class WidgetOutput(SocketIOOutput):
    """Rasa's socket.io output with the widget's safe rendering and urgent marking."""

    @classmethod
    def name(cls) -> Text:
        return "socketio"

    async def _send_parts(self, recipient_id: Text, text: Text,
                          quick_replies: Optional[Iterable[Dict[Text, Any]]] = None) -> None:
        urgent = is_urgent(text)
        parts = [part for part in text.strip().split("\n\n") if part.strip()] or [text]
        for number, part in enumerate(parts):
            message = widget_message(part, urgent)
            if quick_replies is not None and number == len(parts) - 1:
                message["quick_replies"] = list(quick_replies)
            await self._send_message(recipient_id, message)

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        await self._send_parts(recipient_id, text)

    async def send_text_with_buttons(self, recipient_id: Text, text: Text,
                                     buttons: List[Dict[Text, Any]], **kwargs: Any) -> None:
        replies = [{"content_type": "text", "title": button["title"], "payload": button["payload"]}
                   for button in buttons]
        if any(r["payload"] in RATING_PAYLOADS for r in replies):
            # rasa-webchat shows the quick replies of the last message only: the answer's
            # related topics stay offered after the "Was this helpful?" buttons
            replies += getattr(self, "_turn_replies", [])
        else:
            self._turn_replies = replies
        await self._send_parts(recipient_id, text, replies)

    async def send_custom_json(self, recipient_id: Text, json_message: Dict[Text, Any],
                               **kwargs: Any) -> None:
        """The widget's signals only: ``{"clonus": "conversation_deleted"}`` (the user's
        conversation was deleted) becomes the ``clonus_forget`` event, on which the widget
        add-on clears its local storage. Other custom messages are not sent (the widget
        would show them as empty bubbles)."""
        if json_message.get(WIDGET_SIGNAL_KEY) == CONVERSATION_DELETED:
            await self.sio.emit(FORGET_EVENT, {}, room=recipient_id)
        else:
            logger.warning("socketio: a custom message was not sent (the widget cannot show it)")


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
        #: socket id -> the key it connected with (a random one when it brought none).
        self._key_of: Dict[Text, Text] = {}

    def get_output_channel(self) -> Optional[SocketIOOutput]:
        if self.sio is None:
            return None
        return WidgetOutput(self.sio, self.bot_message_evt)

    def _key(self, sid: Text) -> Text:
        key = self._key_of.get(sid)
        if key is None:
            key = self._key_of[sid] = secrets.token_urlsafe(32)
        return key

    def session_of(self, sid: Text) -> Text:
        """The session id of a socket (the only one it can be confirmed)."""
        return session_id_for(self._key(sid))

    def sender_of(self, sid: Text) -> Text:
        """The conversation a socket's messages go to and whose replies it receives."""
        if not self.session_persistence:
            return sid
        return sender_id_for(self._key(sid))

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

        joined: Dict[Text, bool] = {}

        async def join(sid: Text) -> Text:
            """Put the socket in its own conversation's room; returns its session id."""
            if not self.session_persistence:
                return sid
            if not joined.get(sid):
                await _maybe_await(sio.enter_room(sid, self.sender_of(sid), namespace=self.namespace))
                joined[sid] = True
            return self.session_of(sid)

        @sio.on("connect", namespace=self.namespace)
        async def connect(sid: Text, environ: Dict, auth: Optional[Dict] = None) -> bool:
            key = client_key(environ)
            if key is not None:
                self._key_of[sid] = key
            logger.debug("socketio: client connected (%s key)", "with" if key else "without")
            return True

        @sio.on("disconnect", namespace=self.namespace)
        async def disconnect(sid: Text, *args: Any) -> None:
            self._key_of.pop(sid, None)
            joined.pop(sid, None)

        @sio.on("session_request", namespace=self.namespace)
        async def session_request(sid: Text, data: Optional[Dict] = None) -> None:
            # The requested session_id is not trusted: a socket is confirmed the session
            # of its own key, whatever it asked for (a different id makes the widget
            # start a new conversation).
            session_id = await join(sid)
            await sio.emit("session_confirm", session_id, room=sid, namespace=self.namespace)

        @sio.on(self.user_message_evt, namespace=self.namespace)
        async def handle_message(sid: Text, data: Any) -> None:
            if not isinstance(data, dict):
                data = {"message": data if isinstance(data, str) else ""}
            if self.session_persistence and not joined.get(sid):
                # No session_request yet: confirm this socket its session first.
                session_id = await join(sid)
                await sio.emit("session_confirm", session_id, room=sid, namespace=self.namespace)
            sender_id = self.sender_of(sid)
            raw_metadata = data.get(self.metadata_key) or {}
            if isinstance(raw_metadata, str):
                try:
                    raw_metadata = json.loads(raw_metadata)
                except ValueError:
                    raw_metadata = {}
            raw_text = data.get("message")
            prepared = prepare_text(raw_text if isinstance(raw_text, str) else "")
            output = WidgetOutput(sio, self.bot_message_evt)
            message = UserMessage(
                prepared.text,
                output,
                sender_id,
                input_channel=self.name(),
                metadata=merge_metadata(raw_metadata, prepared),
            )
            try:
                await on_new_message(message)
            except Exception as error:  # noqa: BLE001 - an honest reply instead of silence
                logger.exception("socketio: message handling failed")
                await output.send_text_message(sender_id, failure_reply(error)[1])

        return webhook
