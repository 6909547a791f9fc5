"""REST channel with input validation and honest error replies.

Differences from Rasa's ``RestInput`` (``credentials.yml``: ``bot.channels.rest.RestInput``):
- a request must name its conversation (``sender``): no shared "default" conversation;
- malformed bodies get ``400`` with a readable reason instead of a stack trace;
- user text passes through ``prepare_text`` (no forced intents, length cap);
- an internal error answers ``500`` with a polite message instead of ``200 []``
  (``503`` and "temporarily unavailable" when a store is down: ``bot.channels.failure``),
  and a turn that produced no reply gets the same polite message, never silence.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.failure import failure_reply
from bot.channels.text import merge_metadata, prepare_text
from bot.constants import MAX_REQUEST_BYTES, MAX_SENDER_CHARS, REPLY_BUSY, REPLY_SERVER_ERROR

logger = logging.getLogger(__name__)


def _error(status: int, reason: str) -> HTTPResponse:
    return response.json({"error": reason}, status=status)


def _bot_reply(sender: str, text: str) -> List[Dict[str, Any]]:
    return [{"recipient_id": sender, "text": text}]


def validate_body(body: Any) -> tuple[Optional[str], Optional[str]]:
    """Returns ``(sender, None)`` for a usable body or ``(None, reason)``."""
    if not isinstance(body, dict):
        return None, "The request body must be a JSON object with 'sender' and 'message'."
    sender = body.get("sender")
    if not isinstance(sender, str) or not sender.strip():
        return None, "Please include 'sender': a non-empty string that identifies the conversation."
    if len(sender) > MAX_SENDER_CHARS:
        return None, f"'sender' must be at most {MAX_SENDER_CHARS} characters."
    message = body.get("message")
    if message is not None and not isinstance(message, str):
        return None, "'message' must be a string."
    metadata = body.get("metadata")
    if metadata is not None and not isinstance(metadata, dict):
        return None, "'metadata' must be a JSON object."
    return sender.strip(), None


class RestInput(InputChannel):
    """``POST /webhooks/rest/webhook`` with ``{"sender": ..., "message": ...}``."""

    @classmethod
    def name(cls) -> Text:
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("clonus_rest_webhook", __name__)

        @webhook.listener("before_server_start")
        async def limit_body_size(app: Any, _loop: Any) -> None:
            app.config.REQUEST_MAX_SIZE = MAX_REQUEST_BYTES

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            try:
                body = request.json
            except Exception:  # noqa: BLE001 - Sanic raises on malformed JSON
                return _error(400, "The request body is not valid JSON.")
            sender, problem = validate_body(body)
            if problem or sender is None:
                return _error(400, problem or "Invalid request.")
            prepared = prepare_text(body.get("message"))
            metadata = merge_metadata(body.get("metadata"), prepared)
            collector = CollectingOutputChannel()
            message = UserMessage(
                prepared.text, collector, sender, input_channel=self.name(), metadata=metadata
            )
            try:
                await on_new_message(message)
            except asyncio.CancelledError:
                logger.error("rest: message handling timed out for one conversation")
                return response.json(_bot_reply(sender, REPLY_BUSY), status=503)
            except Exception as error:  # noqa: BLE001 - never answer 200 [] on an internal error
                logger.exception("rest: message handling failed")
                status, text = failure_reply(error)
                return response.json(_bot_reply(sender, text), status=status)
            if not collector.messages:
                logger.error("rest: a turn produced no reply; sending the error reply")
                return response.json(_bot_reply(sender, REPLY_SERVER_ERROR), status=500)
            return response.json(collector.messages)

        return webhook
