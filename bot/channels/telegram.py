"""Telegram channel (``credentials.yml``: ``bot.channels.telegram.TelegramInput``).

Webhook: ``POST /webhooks/telegram/webhook``. Differences from Rasa's connector:

- every update must carry the secret token given to ``setWebhook`` in the
  ``X-Telegram-Bot-Api-Secret-Token`` header: otherwise 403 and nothing is sent (Rasa's
  connector asked the Telegram API for the bot's name on every message instead);
- the webhook is registered (``webhook_url`` set) in the background after start-up, with
  a timeout: an unreachable Telegram API no longer stops ``rasa run`` (Rasa's connector
  registered it synchronously and exited on failure), and there is no unauthenticated
  ``/set_webhook`` route;
- outgoing calls use a fresh HTTP session in the running event loop (Rasa's reused an
  aiogram session bound to a closed loop: "Event loop is closed" on the first message),
  time out, are retried and logged, and never crash a turn;
- plain text (links stay plain URLs), buttons as an inline keyboard whose data is the
  button's payload, answers longer than 4,096 characters split on natural boundaries;
- user text goes through ``prepare_text``; ``/start`` greets.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from collections import OrderedDict
from typing import Any, Dict, List, Optional, Text

from rasa.core.channels.telegram import TelegramInput as RasaTelegramInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels import render
from bot.channels.platform import (
    ATTEMPTS,
    ChannelOutput,
    OnNewMessage,
    WebhookChannel,
    as_bool,
    bad_request,
    json_body,
    require_credentials,
)

logger = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
REGISTER_TIMEOUT = 10.0
ALLOWED_UPDATES = ["message", "edited_message", "callback_query"]
#: Telegram's standard commands: ``/start`` greets (``/greet`` is an allowed payload),
#: ``/help`` lists the topics. Other ``/...`` text is neutralised by ``prepare_text``.
COMMANDS = {"/start": "/greet", "/help": "topics"}
EXPIRED_BUTTON = "#expired"
_CALLBACK_PREFIX = "#o:"


class CallbackData:
    """Button data: the payload itself when it fits Telegram's 64 bytes, else a short
    content-addressed token remembered here (bounded)."""

    def __init__(self, size: int = 5000) -> None:
        self.size = size
        self._payloads: "OrderedDict[str, str]" = OrderedDict()

    def encode(self, option: render.Option) -> str:
        payload = option.payload
        if len(payload.encode("utf-8")) <= render.TELEGRAM_CALLBACK_BYTES and not payload.startswith("#"):
            return payload
        token = _CALLBACK_PREFIX + hashlib.sha256(payload.encode("utf-8")).hexdigest()[:24]
        self._payloads[token] = payload
        self._payloads.move_to_end(token)
        while len(self._payloads) > self.size:
            self._payloads.popitem(last=False)
        return token

    def decode(self, data: Optional[str]) -> Optional[str]:
        if data and data.startswith(_CALLBACK_PREFIX):
            return self._payloads.get(data, EXPIRED_BUTTON)
        return data


class TelegramOutput(ChannelOutput):
    channel_name = "telegram"
    channel: "TelegramInput"

    def render(self, recipient_id: Text, text: str, options: List[render.Option], start: int) -> render.Rendered:
        return render.telegram_messages(recipient_id, text, options, self.channel.callbacks.encode,
                                        self.channel.max_chars)


class TelegramInput(WebhookChannel, RasaTelegramInput):
    """Telegram bot webhook, verified by its secret token."""

    channel_name = "telegram"
    credential_args = {"access_token": "access_token", "secret_token": "secret_token",
                       "webhook_url": "webhook_url", "register_webhook": "register_webhook"}
    default_api_base = "https://api.telegram.org"
    char_limit = render.TELEGRAM_LIMIT
    ok_in_body = True
    proof = "the right secret token"
    output_class = TelegramOutput

    def __init__(
        self,
        access_token: Optional[Text],
        secret_token: Optional[Text],
        webhook_url: Optional[Text] = None,
        api_base: Optional[Text] = None,
        api_timeout: Any = None,
        max_chars: Any = None,
        register_webhook: Any = True,
    ) -> None:
        require_credentials("Telegram", {"access_token": access_token, "secret_token": secret_token},
                            "TELEGRAM_BOT_TOKEN, TELEGRAM_SECRET_TOKEN")
        super().__init__(access_token, None, webhook_url, debug_mode=False)
        self.secret_token = str(secret_token)
        self.register_webhook = as_bool(register_webhook, True)
        self.callbacks = CallbackData()
        self.setup_platform(api_base, api_timeout, max_chars)

    def method_url(self, method: str) -> str:
        return f"{self.api_base}/bot{self.access_token}/{method}"

    async def call(self, method: str, body: Dict[str, Any], attempts: int = ATTEMPTS,
                   timeout: Optional[float] = None) -> bool:
        return await self.api.post(method, self.method_url(method), json=body,
                                   attempts=attempts, timeout=timeout)

    async def send(self, body: Dict[str, Any], attempts: int = ATTEMPTS) -> bool:
        return await self.call("sendMessage", body, attempts)

    async def set_webhook(self) -> bool:
        """Register ``webhook_url`` with the secret token; ``False`` on any failure."""
        if not self.webhook_url:
            return False
        ok = await self.call(
            "setWebhook",
            {"url": self.webhook_url, "secret_token": self.secret_token,
             "allowed_updates": ALLOWED_UPDATES},
            attempts=1, timeout=min(self.api.timeout, REGISTER_TIMEOUT),
        )
        if ok:
            logger.info("telegram: webhook registered")
        else:
            logger.warning("telegram: webhook registration failed; the bot still runs. Set it "
                           "by hand (CHANNELS.md) or restart when the Telegram API is reachable.")
        return ok

    def authentic(self, request: Request) -> bool:
        given = request.headers.get(SECRET_HEADER) or ""
        return hmac.compare_digest(given.encode("utf-8"), self.secret_token.encode("utf-8"))

    @staticmethod
    def parse_update(update: Dict[str, Any]) -> Optional[Dict[str, Any]]:
        """``{"chat_id", "text", "callback_id", "language"}`` of a message, edit or button
        press; ``None`` for updates the bot does not answer."""
        callback = update.get("callback_query")
        if isinstance(callback, dict):
            message = callback.get("message") or {}
            chat = message.get("chat") or {}
            if "id" not in chat:
                return None
            return {"chat_id": chat["id"], "text": callback.get("data") or "",
                    "callback_id": callback.get("id"),
                    "language": (callback.get("from") or {}).get("language_code")}
        message = update.get("message") or update.get("edited_message")
        if not isinstance(message, dict):
            return None
        chat = message.get("chat") or {}
        if "id" not in chat:
            return None
        text = message.get("text")
        if text is None:
            # photos, stickers, voice...: the caption, else an empty text (the bot says
            # it could not understand, rather than staying silent)
            text = message.get("caption") or ""
        return {"chat_id": chat["id"], "text": text, "callback_id": None,
                "language": (message.get("from") or {}).get("language_code")}

    def add_routes(self, webhook: Blueprint) -> None:
        @webhook.listener("after_server_start")
        async def register(_app: Any, _loop: Any) -> None:
            if self.webhook_url and self.register_webhook:
                self._spawn(self.set_webhook(), "webhook registration")

    async def handle(self, request: Request, on_new_message: OnNewMessage) -> HTTPResponse:
        update = json_body(request)
        if update is None:
            return bad_request()
        if self.duplicate(update.get("update_id")):
            return response.text("duplicate")
        parsed = self.parse_update(update)
        if parsed is None:
            return response.text("ignored")
        chat_id = str(parsed["chat_id"])
        text = self.callbacks.decode(parsed["text"]) or ""
        command = text.split(maxsplit=1)[0].split("@", 1)[0] if text.startswith("/") else ""
        if command in COMMANDS and not parsed["callback_id"]:
            text = COMMANDS[command]  # "/start@bot_name deep-link" too
        if text == EXPIRED_BUTTON:
            text = ""  # the bot asks the user to type the question
        callback_id = parsed["callback_id"]

        async def answer_button() -> None:
            if callback_id:
                await self.call("answerCallbackQuery", {"callback_query_id": callback_id}, attempts=1)

        metadata = {"locale": parsed["language"]} if parsed["language"] else {}
        self.handle_in_background(on_new_message, text, chat_id,
                                  self.get_output_channel(chat_id), metadata, before=answer_button)
        return response.text("ok")
