"""Twilio SMS and WhatsApp channels.

``credentials.yml``: ``bot.channels.twilio.TwilioSmsInput`` (webhook
``/webhooks/twilio/webhook``) and ``bot.channels.twilio.TwilioWhatsAppInput``
(``/webhooks/whatsapp/webhook``). Differences from Rasa's ``TwilioInput``:

- the ``X-Twilio-Signature`` request signature is verified (HMAC-SHA1 with the auth
  token over the webhook URL plus the sorted form parameters, Twilio's
  ``RequestValidator``): a forged or unsigned request gets 403 and nothing is sent. Behind
  a proxy set ``webhook_url`` to the exact URL configured in Twilio's console;
- replies are sent through Twilio's REST API with non-blocking HTTP calls (Rasa's used
  the synchronous Twilio client, which blocks the server while Twilio answers), with a
  timeout, retries and a log line on failure;
- buttons become numbered options ("1. What is clonus?"); the user's reply "1" is read
  as that option's payload; links stay plain URLs; bodies are split under Twilio's
  1,600 characters, never splitting the emergency message from its number;
- the sender's country (Twilio's ``FromCountry``) reaches the red-flag detector as channel
  metadata, so the emergency number fits the sender's phone number;
- user text goes through ``prepare_text``.
"""

from __future__ import annotations

import logging
from typing import Any, Dict, List, Optional, Text

import aiohttp
from rasa.core.channels.twilio import TwilioInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from twilio.request_validator import RequestValidator

from bot.channels import render
from bot.channels.platform import (
    ATTEMPTS,
    URGENT_ATTEMPTS,
    OnNewMessage,
    OptionMemory,
    PlatformApi,
    PlatformOutput,
    WebhookChannel,
    as_float,
    as_int,
    base_url,
    settings,
)

logger = logging.getLogger(__name__)

DEFAULT_API_BASE = "https://api.twilio.com"
SIGNATURE_HEADER = "X-Twilio-Signature"
EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>'


def twilio_signature(auth_token: str, url: str, params: Dict[str, List[str]]) -> str:
    """The signature Twilio sends for ``url`` and form ``params`` (for tests and tools)."""
    return RequestValidator(auth_token).compute_signature(url, _Params(params))


class _Params(dict):
    """Form parameters as Twilio's validator reads them (every value of a repeated key)."""

    def getlist(self, key: str) -> List[str]:
        value = self[key]
        return list(value) if isinstance(value, (list, tuple)) else [value]


class TwilioOutput(PlatformOutput):
    channel_name = "twilio"

    @classmethod
    def name(cls) -> Text:
        return cls.channel_name

    def __init__(self, channel: "TwilioSmsInput", memory: Optional[OptionMemory] = None,
                 memory_key: Optional[str] = None) -> None:
        super().__init__(memory, memory_key)
        self.channel = channel

    def render(self, recipient_id: Text, text: str, options: List[render.Option], start: int) -> render.Rendered:
        return render.twilio_messages(recipient_id, self.channel.twilio_number, text, options,
                                      start, self.channel.max_chars)

    async def send_body(self, body: Dict[str, Any], urgent: bool) -> bool:
        return await self.channel.send(body, URGENT_ATTEMPTS if urgent else ATTEMPTS)


class WhatsAppOutput(TwilioOutput):
    channel_name = "whatsapp"


class TwilioSmsInput(WebhookChannel, TwilioInput):
    """Twilio Programmable Messaging (SMS) webhook, verified by its request signature."""

    prefix = ""
    output_class = TwilioOutput

    @classmethod
    def name(cls) -> Text:
        return "twilio"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "TwilioSmsInput":
        if not credentials:
            cls.raise_missing_credentials_exception()
        config = settings(credentials)
        return cls(
            account_sid=config.get("account_sid"),
            auth_token=config.get("auth_token"),
            twilio_number=config.get("twilio_number"),
            webhook_url=config.get("webhook_url"),
            api_base=config.get("api_base"),
            api_timeout=config.get("api_timeout"),
            max_chars=config.get("max_chars"),
        )

    def __init__(
        self,
        account_sid: Optional[Text],
        auth_token: Optional[Text],
        twilio_number: Optional[Text],
        webhook_url: Optional[Text] = None,
        api_base: Optional[Text] = None,
        api_timeout: Any = None,
        max_chars: Any = None,
    ) -> None:
        if not account_sid or not auth_token or not twilio_number:
            raise ValueError(f"The {self.name()} channel needs account_sid, auth_token and "
                             "twilio_number (see CHANNELS.md).")
        number = str(twilio_number).strip()
        if self.prefix and not number.startswith(self.prefix):
            number = self.prefix + number
        super().__init__(account_sid, auth_token, number, debug_mode=False)
        self.webhook_url = webhook_url
        self.api_base = base_url(api_base, DEFAULT_API_BASE)
        self.api = PlatformApi(self.name(), as_float(api_timeout, 10.0))
        self.max_chars = as_int(max_chars, render.TWILIO_LIMIT)
        self.validator = RequestValidator(str(auth_token))
        self._setup_webhook_support()

    @property
    def messages_url(self) -> str:
        return f"{self.api_base}/2010-04-01/Accounts/{self.account_sid}/Messages.json"

    async def send(self, body: Dict[str, Any], attempts: int = ATTEMPTS) -> bool:
        return await self.api.post("Messages.create", self.messages_url, data=body, attempts=attempts,
                                   auth=aiohttp.BasicAuth(str(self.account_sid), str(self.auth_token)))

    def authentic(self, request: Request) -> bool:
        signature = request.headers.get(SIGNATURE_HEADER)
        if not signature:
            return False
        url = self.webhook_url or request.url
        try:
            params = _Params({key: list(values) for key, values in request.form.items()})
            return bool(self.validator.validate(url, params, signature))
        except Exception:  # noqa: BLE001 - a malformed request is not authentic
            logger.exception("%s: could not check a request signature", self.name())
            return False

    def get_output_channel(self, sender_id: Optional[str] = None) -> TwilioOutput:  # type: ignore[override]
        key = self.memory_key(sender_id) if sender_id else None
        return self.output_class(self, self._memory, key)

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        webhook = Blueprint(f"clonus_{self.name()}_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if not self.authentic(request):
                logger.warning("%s: rejected a webhook without a valid signature", self.name())
                return response.text("forbidden", status=403)
            form = request.form
            account = form.get("AccountSid")
            if account and account != self.account_sid:
                logger.warning("%s: rejected a webhook for another Twilio account", self.name())
                return response.text("forbidden", status=403)
            sender = (form.get("From") or "").strip()
            if not sender or (self.prefix and not sender.startswith(self.prefix)):
                return response.text(EMPTY_TWIML, content_type="text/xml")
            if self.duplicate(form.get("MessageSid") or form.get("SmsSid")):
                return response.text(EMPTY_TWIML, content_type="text/xml")
            # "@" arrives as "¡" from some SMS carriers (as in Rasa's connector)
            text = (form.get("Body") or "").replace("¡", "@")
            metadata: Dict[str, Any] = {}
            country = (form.get("FromCountry") or "").strip()
            if len(country) == 2 and country.isalpha():
                metadata["country"] = country.upper()
            self.handle_in_background(on_new_message, text, sender,
                                      self.get_output_channel(sender), metadata)
            return response.text(EMPTY_TWIML, content_type="text/xml")

        return webhook


class TwilioWhatsAppInput(TwilioSmsInput):
    """WhatsApp through Twilio: same API, ``whatsapp:`` addresses."""

    prefix = "whatsapp:"
    output_class = WhatsAppOutput

    @classmethod
    def name(cls) -> Text:
        return "whatsapp"
