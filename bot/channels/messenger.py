"""Facebook Messenger channel (``credentials.yml``: ``bot.channels.messenger.MessengerInput``).

Webhook: ``GET`` (subscription check) and ``POST /webhooks/facebook/webhook``. Built on
Rasa's ``FacebookInput`` (same credential names); differences:

- every POST must carry ``X-Hub-Signature-256`` (HMAC-SHA256 of the body with the app
  secret, compared in constant time): otherwise 403 and nothing is sent (Rasa's connector
  checked the older SHA-1 header and answered 200 "not validated"); a wrong verify token
  on the subscription check also gets 403;
- replies go through the Send API at a configurable base URL with non-blocking calls,
  a timeout, retries and a log line on failure (Rasa's used a synchronous client);
- buttons become quick replies (titles longer than Messenger's 20 characters are
  numbered and listed in full in the text; typing the number works too); answers are
  split under 2,000 characters, never splitting the emergency message from its number;
- every messaging event of a delivery is handled (Rasa's stopped after the first one),
  echoes, deliveries and reads are ignored, redelivered messages are handled once;
- user text goes through ``prepare_text``.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from typing import Any, Dict, List, Optional, Text

from rasa.core.channels.facebook import FacebookInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

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

DEFAULT_API_BASE = "https://graph.facebook.com/v19.0"
SIGNATURE_HEADER = "X-Hub-Signature-256"


def hub_signature(app_secret: str, body: bytes) -> str:
    """The ``X-Hub-Signature-256`` value Meta sends for ``body``."""
    return "sha256=" + hmac.new(app_secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


class MessengerOutput(PlatformOutput):
    @classmethod
    def name(cls) -> Text:
        return "facebook"

    def __init__(self, channel: "MessengerInput", memory: Optional[OptionMemory] = None,
                 memory_key: Optional[str] = None) -> None:
        super().__init__(memory, memory_key)
        self.channel = channel

    def render(self, recipient_id: Text, text: str, options: List[render.Option], start: int) -> render.Rendered:
        return render.messenger_messages(recipient_id, text, options, start, self.channel.max_chars)

    async def send_body(self, body: Dict[str, Any], urgent: bool) -> bool:
        return await self.channel.send(body, URGENT_ATTEMPTS if urgent else ATTEMPTS)


class MessengerInput(WebhookChannel, FacebookInput):
    """Messenger webhook for a Facebook page, verified with the app secret."""

    @classmethod
    def name(cls) -> Text:
        return "facebook"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "MessengerInput":
        if not credentials:
            cls.raise_missing_credentials_exception()
        config = settings(credentials)
        return cls(
            config.get("verify"),
            config.get("secret"),
            config.get("page-access-token"),
            api_base=config.get("api_base"),
            api_timeout=config.get("api_timeout"),
            max_chars=config.get("max_chars"),
        )

    def __init__(self, fb_verify: Text, fb_secret: Text, fb_access_token: Text,
                 api_base: Optional[Text] = None, api_timeout: Any = None, max_chars: Any = None) -> None:
        if not fb_verify or not fb_secret or not fb_access_token:
            raise ValueError("The Messenger channel needs verify, secret and page-access-token "
                             "(MESSENGER_VERIFY_TOKEN, MESSENGER_APP_SECRET, "
                             "MESSENGER_PAGE_ACCESS_TOKEN; see CHANNELS.md).")
        super().__init__(str(fb_verify), str(fb_secret), str(fb_access_token))
        self.api_base = base_url(api_base, DEFAULT_API_BASE)
        self.api = PlatformApi(self.name(), as_float(api_timeout, 10.0))
        self.max_chars = as_int(max_chars, render.MESSENGER_LIMIT)
        self._setup_webhook_support()

    async def send(self, body: Dict[str, Any], attempts: int = ATTEMPTS) -> bool:
        return await self.api.post("send", f"{self.api_base}/me/messages", json=body,
                                   params={"access_token": self.fb_access_token}, attempts=attempts)

    def authentic(self, request: Request) -> bool:
        given = request.headers.get(SIGNATURE_HEADER) or ""
        expected = hub_signature(self.fb_secret, request.body or b"")
        return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))

    def get_output_channel(self, sender_id: Optional[str] = None) -> MessengerOutput:  # type: ignore[override]
        key = self.memory_key(sender_id) if sender_id else None
        return MessengerOutput(self, self._memory, key)

    @staticmethod
    def parse_event(event: Dict[str, Any]) -> Optional[Dict[str, Any]]:
        """``{"sender", "text", "id"}`` of a user message, quick reply or postback."""
        sender = (event.get("sender") or {}).get("id")
        if not sender:
            return None
        message = event.get("message")
        if isinstance(message, dict):
            if message.get("is_echo"):
                return None
            quick = message.get("quick_reply") or {}
            text = quick.get("payload") or message.get("text") or ""
            return {"sender": str(sender), "text": text, "id": message.get("mid")}
        postback = event.get("postback")
        if isinstance(postback, dict):
            return {"sender": str(sender), "text": postback.get("payload") or postback.get("title") or "",
                    "id": postback.get("mid")}
        return None  # deliveries, reads, reactions...

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        webhook = Blueprint("clonus_messenger_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["GET"])
        async def verify(request: Request) -> HTTPResponse:
            token = request.args.get("hub.verify_token") or ""
            if request.args.get("hub.mode") == "subscribe" and hmac.compare_digest(
                    token.encode("utf-8"), self.fb_verify.encode("utf-8")):
                return response.text(request.args.get("hub.challenge") or "")
            logger.warning("facebook: wrong verify token on the subscription check")
            return response.text("forbidden", status=403)

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if not self.authentic(request):
                logger.warning("facebook: rejected a webhook without a valid signature")
                return response.text("forbidden", status=403)
            try:
                body = request.json
            except Exception:  # noqa: BLE001
                body = None
            if not isinstance(body, dict) or not isinstance(body.get("entry"), list):
                return response.text("bad request", status=400)
            for entry in body["entry"]:
                events = entry.get("messaging") if isinstance(entry, dict) else None
                for event in events if isinstance(events, list) else []:
                    parsed = self.parse_event(event) if isinstance(event, dict) else None
                    if parsed is None or self.duplicate(parsed["id"]):
                        continue
                    self.handle_in_background(on_new_message, parsed["text"], parsed["sender"],
                                              self.get_output_channel(parsed["sender"]))
            return response.text("EVENT_RECEIVED")

        return webhook
