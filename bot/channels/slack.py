"""Slack channel (``credentials.yml``: ``bot.channels.slack.SlackInput``).

Events API and interactivity webhook: ``POST /webhooks/slack/webhook``. Built on Rasa's
``SlackInput`` (its signing-secret check, message filters, mention clean-up and
conversation granularity); differences:

- a request without a valid ``X-Slack-Signature`` (signing secret, 5-minute timestamp
  window) gets 403 (Rasa: 400) and nothing is sent; URL verification is answered only
  after the same check;
- replies go through ``chat.postMessage`` at a configurable API base with a timeout,
  retries and a log line on failure (``{"ok": false}`` counts as a failure);
- ``mrkdwn`` text with ``&``, ``<``, ``>`` escaped, buttons as a Block Kit ``actions``
  block (up to 25 a block instead of dropping all buttons above 5), answers split under
  a section's 3,000 characters, never splitting the emergency message from its number;
- redelivered events (same ``event_id``) are handled once; user text goes through
  ``prepare_text``.
"""

from __future__ import annotations

import json
import logging
from typing import Any, Dict, List, Optional, Text

from rasa.core.channels.slack import SlackInput as RasaSlackInput
from sanic import response
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


class SlackOutput(ChannelOutput):
    channel_name = "slack"
    channel: "SlackInput"

    def __init__(self, channel: "SlackInput", out_channel: Optional[str] = None,
                 thread_ts: Optional[str] = None) -> None:
        super().__init__(channel)
        self.out_channel = out_channel
        self.thread_ts = thread_ts

    def render(self, recipient_id: Text, text: str, options: List[render.Option], start: int) -> render.Rendered:
        target = self.out_channel or self.channel.slack_channel or recipient_id
        return render.slack_messages(target, text, options, self.thread_ts, self.channel.max_chars)


class SlackInput(WebhookChannel, RasaSlackInput):
    """Slack app webhook, verified with the app's signing secret."""

    channel_name = "slack"
    default_api_base = "https://slack.com/api"
    char_limit = render.SLACK_LIMIT
    ok_in_body = True

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "SlackInput":
        config = cls.read_credentials(credentials)
        return cls(
            config.get("slack_token"),
            config.get("slack_channel"),
            None,
            config.get("slack_retry_reason_header", "x-slack-retry-reason"),
            config.get("slack_retry_number_header", "x-slack-retry-num"),
            config.get("errors_ignore_retry"),
            as_bool(config.get("use_threads"), False),
            config.get("slack_signing_secret", ""),
            config.get("conversation_granularity", "sender"),
            api_base=config.get("api_base"),
            api_timeout=config.get("api_timeout"),
            max_chars=config.get("max_chars"),
        )

    def __init__(self, *args: Any, api_base: Any = None, api_timeout: Any = None,
                 max_chars: Any = None, **kwargs: Any) -> None:
        """Rasa's arguments (its constructor refuses to run without a signing secret)."""
        super().__init__(*args, **kwargs)
        require_credentials("Slack", {"slack_token": self.slack_token}, "SLACK_BOT_TOKEN")
        self.setup_platform(api_base, api_timeout, max_chars)

    async def send(self, body: Dict[str, Any], attempts: int = ATTEMPTS) -> bool:
        return await self.api.post(
            "chat.postMessage", f"{self.api_base}/chat.postMessage", json=body, attempts=attempts,
            headers={"Authorization": f"Bearer {self.slack_token}",
                     "Content-Type": "application/json; charset=utf-8"},
        )

    def authentic(self, request: Request) -> bool:
        return bool(self.is_request_from_slack_authentic(request))

    def get_output_channel(  # type: ignore[override]
        self, channel: Optional[Text] = None, thread_id: Optional[Text] = None
    ) -> SlackOutput:
        return SlackOutput(self, channel, thread_id)

    def _content_type(self, request: Request) -> str:
        return (request.headers.get("content-type") or "").split(";", 1)[0].strip().lower()

    def _event_message(self, body: Dict[str, Any]) -> Optional[Dict[str, Any]]:
        if not self._is_user_message(body):
            return None
        event = body.get("event") or {}
        users = list(body.get("authed_users") or [])
        if not users and body.get("authorizations"):
            users.append((body["authorizations"][0] or {}).get("user_id"))
        out_channel = event.get("channel")
        thread = event.get("thread_ts", event.get("ts"))
        if not self._is_supported_channel(body, {"out_channel": out_channel}):
            logger.warning("slack: message on a channel the bot does not answer in")
            return None
        text = self._sanitize_user_message(event.get("text", ""), users)
        sender = self._get_conversation_id(event.get("user", ""), out_channel, thread)
        return {"text": text, "sender": sender, "channel": out_channel,
                "thread": thread if self.use_threads else None}

    def _interaction(self, request: Request) -> Optional[Dict[str, Any]]:
        raw = request.form.get("payload")
        payload = json.loads(raw) if raw else None
        if not isinstance(payload, dict) or not self._is_interactive_message(payload):
            return None
        text = self._get_interactive_response(payload["actions"][0])
        user = (payload.get("user") or {}).get("id")
        channel = (payload.get("channel") or {}).get("id")
        message = payload.get("message") or {}
        thread = message.get("thread_ts", message.get("ts"))
        if not text or not user:
            return None
        sender = self._get_conversation_id(user, channel, thread)
        return {"text": text, "sender": sender, "channel": channel,
                "thread": thread if self.use_threads else None}

    async def handle(self, request: Request, on_new_message: OnNewMessage) -> HTTPResponse:
        retry_reason = request.headers.get(self.retry_reason_header)
        if request.headers.get(self.retry_num_header) and retry_reason in self.errors_ignore_retry:
            return response.text("", headers={"X-Slack-No-Retry": "1"})
        try:
            if self._content_type(request) == "application/json":
                body = json_body(request)
                if body is None:
                    return bad_request()
                if body.get("type") == "url_verification":
                    return response.json({"challenge": body.get("challenge")})
                if self.duplicate(body.get("event_id")):
                    return response.text("")
                found = self._event_message(body)
            elif self._content_type(request) == "application/x-www-form-urlencoded":
                found = self._interaction(request)
            else:
                return response.text("unsupported content type", status=415)
        except (ValueError, KeyError, TypeError, IndexError):
            return bad_request()
        if found is None or not found["sender"]:
            return response.text("")
        output = self.get_output_channel(found["channel"], found["thread"])
        self.handle_in_background(on_new_message, found["text"], found["sender"], output,
                                  {"out_channel": found["channel"]})
        return response.text("")
