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
from sanic import response
from sanic.request import Request
from sanic.response import HTTPResponse
from twilio.request_validator import RequestValidator

from bot.channels import render
from bot.channels.platform import (
    ATTEMPTS,
    ChannelOutput,
    OnNewMessage,
    WebhookChannel,
    forbidden,
    require_credentials,
)

logger = logging.getLogger(__name__)

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


def empty_twiml() -> HTTPResponse:
    """Twilio's expected answer: no reply in the webhook response (replies go by API)."""
    return response.text(EMPTY_TWIML, content_type="text/xml")


class TwilioOutput(ChannelOutput):
    channel_name = "twilio"
    channel: "TwilioSmsInput"

    def render(self, recipient_id: Text, text: str, options: List[render.Option], start: int) -> render.Rendered:
        return render.twilio_messages(recipient_id, self.channel.twilio_number, text, options,
                                      start, self.channel.max_chars)


class WhatsAppOutput(TwilioOutput):
    channel_name = "whatsapp"


class TwilioSmsInput(WebhookChannel, TwilioInput):
    """Twilio Programmable Messaging (SMS) webhook, verified by its request signature."""

    channel_name = "twilio"
    credential_args = {"account_sid": "account_sid", "auth_token": "auth_token",
                       "twilio_number": "twilio_number", "webhook_url": "webhook_url"}
    default_api_base = "https://api.twilio.com"
    char_limit = render.TWILIO_LIMIT
    output_class = TwilioOutput
    #: what the channel's addresses (ours and the senders') start with
    prefix = ""

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
        require_credentials(self.name(), {"account_sid": account_sid, "auth_token": auth_token,
                                          "twilio_number": twilio_number})
        number = str(twilio_number).strip()
        if self.prefix and not number.startswith(self.prefix):
            number = self.prefix + number
        super().__init__(account_sid, auth_token, number, debug_mode=False)
        self.webhook_url = webhook_url
        self.validator = RequestValidator(str(auth_token))
        self.setup_platform(api_base, api_timeout, max_chars)

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

    async def handle(self, request: Request, on_new_message: OnNewMessage) -> HTTPResponse:
        form = request.form
        account = form.get("AccountSid")
        if account and account != self.account_sid:
            logger.warning("%s: rejected a webhook for another Twilio account", self.name())
            return forbidden()
        sender = (form.get("From") or "").strip()
        if not sender or (self.prefix and not sender.startswith(self.prefix)):
            return empty_twiml()
        if self.duplicate(form.get("MessageSid") or form.get("SmsSid")):
            return empty_twiml()
        # "@" arrives as "¡" from some SMS carriers (as in Rasa's connector)
        text = (form.get("Body") or "").replace("¡", "@")
        metadata: Dict[str, Any] = {}
        country = (form.get("FromCountry") or "").strip()
        if len(country) == 2 and country.isalpha():
            metadata["country"] = country.upper()
        self.handle_in_background(on_new_message, text, sender, self.get_output_channel(sender), metadata)
        return empty_twiml()


class TwilioWhatsAppInput(TwilioSmsInput):
    """WhatsApp through Twilio: same API, ``whatsapp:`` addresses."""

    channel_name = "whatsapp"
    output_class = WhatsAppOutput
    prefix = "whatsapp:"
