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
    ChannelOutput,
    OnNewMessage,
    WebhookChannel,
    bad_request,
    forbidden,
    json_body,
    require_credentials,
)

logger = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-Hub-Signature-256"


def hub_signature(app_secret: str, body: bytes) -> str:
    """The ``X-Hub-Signature-256`` value Meta sends for ``body``."""
    return "sha256=" + hmac.new(app_secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


class MessengerOutput(ChannelOutput):
    channel_name = "facebook"
    channel: "MessengerInput"

    def render(self, recipient_id: Text, text: str, options: List[render.Option], start: int) -> render.Rendered:
        return render.messenger_messages(recipient_id, text, options, start, self.channel.max_chars)


class MessengerInput(WebhookChannel, FacebookInput):
    """Messenger webhook for a Facebook page, verified with the app secret."""

    channel_name = "facebook"
    credential_args = {"verify": "fb_verify", "secret": "fb_secret", "page-access-token": "fb_access_token"}
    default_api_base = "https://graph.facebook.com/v19.0"
    char_limit = render.MESSENGER_LIMIT
    output_class = MessengerOutput

    def __init__(self, fb_verify: Text, fb_secret: Text, fb_access_token: Text,
                 api_base: Optional[Text] = None, api_timeout: Any = None, max_chars: Any = None) -> None:
        require_credentials(
            "Messenger",
            {"verify": fb_verify, "secret": fb_secret, "page-access-token": fb_access_token},
            "MESSENGER_VERIFY_TOKEN, MESSENGER_APP_SECRET, MESSENGER_PAGE_ACCESS_TOKEN")
        super().__init__(str(fb_verify), str(fb_secret), str(fb_access_token))
        self.setup_platform(api_base, api_timeout, max_chars)

    async def send(self, body: Dict[str, Any], attempts: int = ATTEMPTS) -> bool:
        return await self.api.post("send", f"{self.api_base}/me/messages", json=body,
                                   params={"access_token": self.fb_access_token}, attempts=attempts)

    def authentic(self, request: Request) -> bool:
        given = request.headers.get(SIGNATURE_HEADER) or ""
        expected = hub_signature(self.fb_secret, request.body or b"")
        return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))

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

    def add_routes(self, webhook: Blueprint) -> None:
        @webhook.route("/webhook", methods=["GET"])
        async def verify(request: Request) -> HTTPResponse:
            """Meta's subscription check."""
            token = request.args.get("hub.verify_token") or ""
            if request.args.get("hub.mode") == "subscribe" and hmac.compare_digest(
                    token.encode("utf-8"), self.fb_verify.encode("utf-8")):
                return response.text(request.args.get("hub.challenge") or "")
            logger.warning("facebook: wrong verify token on the subscription check")
            return forbidden()

    async def handle(self, request: Request, on_new_message: OnNewMessage) -> HTTPResponse:
        body = json_body(request)
        if body is None or not isinstance(body.get("entry"), list):
            return bad_request()
        for entry in body["entry"]:
            events = entry.get("messaging") if isinstance(entry, dict) else None
            for event in events if isinstance(events, list) else []:
                parsed = self.parse_event(event) if isinstance(event, dict) else None
                if parsed is None or self.duplicate(parsed["id"]):
                    continue
                self.handle_in_background(on_new_message, parsed["text"], parsed["sender"],
                                          self.get_output_channel(parsed["sender"]))
        return response.text("EVENT_RECEIVED")
