"""What the messaging-platform channels (Telegram, Twilio, Slack, Messenger) share.

A platform module holds only its settings (class attributes), its signature check
(``authentic``), how it reads a verified webhook (``handle``), how it sends one request
(``send``) and how its output renders a message (``render``, see ``bot.channels.render``).

- ``settings``: credentials with an ``optional:`` section flattened, typed getters;
  ``require_credentials`` refuses a channel without its secrets.
- ``PlatformApi``: outgoing HTTP calls with a timeout, a retry on 5xx / 429 / network
  errors / timeouts (more for an escalation) and a log line instead of an exception, so a
  platform that answers 500 or hangs never crashes the server or stops the other messages
  of a turn. A fresh ``aiohttp`` session per call, always in the running event loop (the
  stock Telegram connector kept a session bound to a closed loop).
- ``PlatformOutput``: turns each bot message into the platform's requests, sends them in
  order and remembers numbered options; ``ChannelOutput`` sends through its input channel.
- ``WebhookChannel``: reads credentials.yml, sets up the API client and limits, and serves
  the webhook: a forged request gets 403 and nothing else happens; an authentic one is
  answered at once and handled in the background, redelivered events are skipped, a typed
  option number becomes its payload, the text goes through ``prepare_text``, and a polite
  error reply is sent when Rasa fails or produces nothing.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import OrderedDict
from typing import Any, Awaitable, Callable, Dict, List, Optional, Sequence, Set, Text, Tuple, Type

import aiohttp
from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.failure import failure_reply
from bot.channels.options import option_number
from bot.channels.render import Option, Rendered, is_urgent, options_from_buttons
from bot.channels.text import merge_metadata, prepare_text
from bot.constants import REPLY_SERVER_ERROR

logger = logging.getLogger(__name__)

DEFAULT_API_TIMEOUT = 10.0
#: Attempts per request: ordinary messages, escalations (never give up quickly on those).
ATTEMPTS = 2
URGENT_ATTEMPTS = 3
RETRY_PAUSE = 0.5


# --- settings ---------------------------------------------------------------------------

def settings(credentials: Optional[Dict[Text, Any]]) -> Dict[Text, Any]:
    """Credentials with the ``optional:`` sub-section merged in (empty values dropped)."""
    credentials = dict(credentials or {})
    optional = credentials.pop("optional", None) or {}
    merged = {**optional, **credentials} if isinstance(optional, dict) else credentials
    return {k: v for k, v in merged.items() if v is not None and v != ""}


def as_float(value: Any, default: float) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return default
    return number if number > 0 else default


def as_int(value: Any, default: int) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return default
    return number if number > 0 else default


def as_bool(value: Any, default: bool = False) -> bool:
    if isinstance(value, bool):
        return value
    if value is None:
        return default
    return str(value).strip().lower() in {"1", "true", "yes", "on"}


def base_url(value: Any, default: str) -> str:
    return str(value or default).rstrip("/")


def require_credentials(label: str, values: Dict[str, Any], variables: str = "") -> None:
    """Refuse to build a channel without its secrets: ``ValueError`` naming the settings
    (``values``: setting name -> value) and their environment ``variables``."""
    if all(values.values()):
        return
    names = list(values)
    listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    where = f"{variables}; see CHANNELS.md" if variables else "see CHANNELS.md"
    raise ValueError(f"The {label} channel needs {listed} ({where}).")


# --- outgoing calls ---------------------------------------------------------------------

Check = Callable[[int, Any], bool]


def http_ok(status: int, _body: Any) -> bool:
    return 200 <= status < 300


def json_ok(status: int, body: Any) -> bool:
    """Telegram and Slack answer ``{"ok": true, ...}``."""
    return 200 <= status < 300 and isinstance(body, dict) and body.get("ok") is True


class PlatformApi:
    """POSTs to one platform's API; returns success, never raises."""

    def __init__(self, channel: str, timeout: float = DEFAULT_API_TIMEOUT, check: Check = http_ok) -> None:
        self.channel = channel
        self.timeout = timeout
        self.check = check

    async def post(
        self,
        what: str,
        url: str,
        *,
        json: Any = None,
        data: Any = None,
        params: Optional[Dict[str, str]] = None,
        headers: Optional[Dict[str, str]] = None,
        auth: Optional[aiohttp.BasicAuth] = None,
        attempts: int = ATTEMPTS,
        timeout: Optional[float] = None,
    ) -> bool:
        """``what`` names the call in logs (URLs can hold tokens and are never logged)."""
        seconds = timeout or self.timeout
        attempts = max(1, attempts)
        for attempt in range(1, attempts + 1):
            retry = True
            try:
                async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=seconds)) as session:
                    async with session.post(url, json=json, data=data, params=params,
                                            headers=headers, auth=auth) as reply:
                        status = reply.status
                        try:
                            body: Any = await reply.json(content_type=None)
                        except ValueError:
                            body = None
                if self.check(status, body):
                    return True
                retry = status >= 500 or status == 429
                logger.warning("%s: %s failed: HTTP %s%s (attempt %d of %d)", self.channel, what,
                               status, _api_error(body), attempt, attempts)
            except asyncio.TimeoutError:
                logger.warning("%s: %s timed out after %.1f s (attempt %d of %d)",
                               self.channel, what, seconds, attempt, attempts)
            except aiohttp.ClientError as error:
                logger.warning("%s: %s failed: %s (attempt %d of %d)", self.channel, what,
                               type(error).__name__, attempt, attempts)
            except Exception:  # noqa: BLE001 - an outgoing call must never take the server down
                logger.exception("%s: %s failed unexpectedly", self.channel, what)
            if not retry or attempt == attempts:
                break
            await asyncio.sleep(RETRY_PAUSE * attempt)
        logger.error("%s: %s gave up after %d attempt(s)",
                     self.channel, what, attempt)
        return False


def _api_error(body: Any) -> str:
    if isinstance(body, dict):
        detail = body.get("error") or body.get("description") or body.get("message")
        if isinstance(detail, dict):
            detail = detail.get("message")
        if detail:
            return f" ({str(detail)[:200]})"
    return ""


# --- small in-memory stores -------------------------------------------------------------

class RecentIds:
    """Event ids seen lately (platforms redeliver webhooks they think failed)."""

    def __init__(self, size: int = 5000) -> None:
        self.size = size
        self._ids: "OrderedDict[str, None]" = OrderedDict()

    def seen(self, event_id: Any) -> bool:
        """True when ``event_id`` was seen before; records it otherwise."""
        if event_id is None or event_id == "":
            return False
        key = str(event_id)
        if key in self._ids:
            return True
        self._ids[key] = None
        while len(self._ids) > self.size:
            self._ids.popitem(last=False)
        return False


class OptionMemory:
    """The numbered options last shown in each conversation (in memory, no slots).

    Options are valid for the user's next message only: any message clears them, so a
    number typed later is read as text, never as a stale choice. Bounded and expiring.
    """

    def __init__(self, size: int = 10000, ttl: float = 24 * 3600) -> None:
        self.size = size
        self.ttl = ttl
        self._options: "OrderedDict[str, Tuple[float, List[str]]]" = OrderedDict()

    def show(self, key: str, payloads: Sequence[str], first_in_turn: bool) -> None:
        _, previous = self._options.pop(key, (0.0, []))
        current = list(payloads) if first_in_turn else previous + list(payloads)
        self._options[key] = (time.monotonic() + self.ttl, current)
        while len(self._options) > self.size:
            self._options.popitem(last=False)

    def get(self, key: str) -> List[str]:
        expires, payloads = self._options.get(key, (0.0, []))
        return payloads if expires > time.monotonic() else []

    def resolve(self, key: str, text: Optional[str]) -> Optional[str]:
        """The payload for a typed option number, else ``text``; clears the options."""
        payloads = self.get(key)
        self._options.pop(key, None)
        index = option_number(text) if payloads else None
        if index is not None and 1 <= index <= len(payloads):
            return payloads[index - 1]
        return text


# --- output -------------------------------------------------------------------------------

class PlatformOutput(OutputChannel):
    """Base output channel: one instance per incoming message (one bot turn)."""

    #: the name ``channel:`` response variations use
    channel_name = ""

    @classmethod
    def name(cls) -> Text:
        return cls.channel_name

    def __init__(self, memory: Optional[OptionMemory] = None, memory_key: Optional[str] = None) -> None:
        self.memory = memory
        self.memory_key = memory_key
        #: bot messages handed to this channel in this turn (delivered or not)
        self.messages = 0
        #: requests that failed after their retries
        self.failures = 0
        self._numbered = 0

    # Subclasses: render one message and send one request.
    def render(self, recipient_id: Text, text: str, options: List[Option], start: int) -> Rendered:
        raise NotImplementedError

    async def send_body(self, body: Dict[str, Any], urgent: bool) -> bool:
        raise NotImplementedError

    async def deliver(self, recipient_id: Text, text: Optional[str], buttons: Any = None) -> None:
        """Render and send one bot message; failures are logged, never raised."""
        text = (text or "").strip()
        options = options_from_buttons(buttons)
        if not text and not options:
            return
        self.messages += 1
        urgent = is_urgent(text)
        try:
            rendered = self.render(recipient_id, text, options, self._numbered + 1)
        except Exception:  # noqa: BLE001 - fall back to the bare text, never lose a message
            logger.exception("%s: could not render a message; sending it as plain text", self.name())
            rendered = self.render(recipient_id, text or "Please choose.", [], 1)
        if rendered.numbered and self.memory is not None and self.memory_key:
            self.memory.show(self.memory_key, rendered.numbered, first_in_turn=self._numbered == 0)
            self._numbered += len(rendered.numbered)
        for body in rendered.bodies:
            if not await self.send_body(body, urgent):
                self.failures += 1
                if urgent:
                    logger.error("%s: an EMERGENCY message could not be delivered", self.name())

    async def send_response(self, recipient_id: Text, message: Dict[Text, Any]) -> None:
        text = message.get("text") or ""
        for key in ("image", "attachment"):
            value = message.get(key)
            if isinstance(value, str) and value:
                text = f"{text}\n{value}" if text else value
        buttons = message.get("buttons") or message.get("quick_replies")
        custom = message.get("custom")
        signal_only = isinstance(custom, dict) and set(custom) == {"clonus"}  # widget signal
        if (custom and not signal_only) or message.get("elements"):
            logger.warning("%s: custom / elements messages are not supported; sending the text",
                           self.name())
        await self.deliver(recipient_id, text, buttons)

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        await self.deliver(recipient_id, text)

    async def send_text_with_buttons(self, recipient_id: Text, text: Text,
                                     buttons: List[Dict[Text, Any]], **kwargs: Any) -> None:
        await self.deliver(recipient_id, text, buttons)

    async def send_quick_replies(self, recipient_id: Text, text: Text,
                                 quick_replies: List[Dict[Text, Any]], **kwargs: Any) -> None:
        await self.deliver(recipient_id, text, quick_replies)

    async def send_image_url(self, recipient_id: Text, image: Text, **kwargs: Any) -> None:
        await self.deliver(recipient_id, image)


class ChannelOutput(PlatformOutput):
    """Output of a ``WebhookChannel``: each request goes through the channel's ``send``."""

    def __init__(self, channel: "WebhookChannel", memory: Optional[OptionMemory] = None,
                 memory_key: Optional[str] = None) -> None:
        super().__init__(memory, memory_key)
        self.channel = channel

    async def send_body(self, body: Dict[str, Any], urgent: bool) -> bool:
        return await self.channel.send(body, URGENT_ATTEMPTS if urgent else ATTEMPTS)


# --- input ----------------------------------------------------------------------------------

OnNewMessage = Callable[[UserMessage], Awaitable[Any]]

#: Settings every platform channel reads from credentials.yml (under ``optional:``).
API_SETTINGS = ("api_base", "api_timeout", "max_chars")


def json_body(request: Request) -> Optional[Dict[str, Any]]:
    """The request's JSON object; ``None`` when the body is not one."""
    try:
        body = request.json
    except Exception:  # noqa: BLE001 - a malformed body is a bad request, not a crash
        return None
    return body if isinstance(body, dict) else None


def forbidden() -> HTTPResponse:
    return response.text("forbidden", status=403)


def bad_request() -> HTTPResponse:
    return response.text("bad request", status=400)


class WebhookChannel(InputChannel):
    """Base of the platform input channels, listed before Rasa's connector in their bases
    so that its ``name``, ``from_credentials``, ``get_output_channel`` and ``blueprint``
    are the ones used. A platform sets the class attributes, calls ``setup_platform`` at
    the end of ``__init__`` and implements ``authentic``, ``handle`` and ``send``.
    """

    #: the channel's name: its webhook ``/webhooks/<name>/webhook``, its log lines and the
    #: ``channel:`` of response variations
    channel_name = ""
    #: credentials.yml key -> constructor argument (``API_SETTINGS`` are always passed)
    credential_args: Dict[str, str] = {}
    default_api_base = ""
    #: the platform's own limit on a message (``max_chars`` may only lower it)
    char_limit = 0
    #: the API answers ``{"ok": true}`` on success (Telegram, Slack), not just HTTP 2xx
    ok_in_body = False
    #: what a rejected webhook lacked (for the log)
    proof = "a valid signature"
    output_class: Type[ChannelOutput]

    @classmethod
    def name(cls) -> Text:
        return cls.channel_name

    @classmethod
    def read_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> Dict[Text, Any]:
        """The flattened ``settings``; Rasa's error when the channel has no credentials."""
        if not credentials:
            cls.raise_missing_credentials_exception()
        return settings(credentials)

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "WebhookChannel":
        config = cls.read_credentials(credentials)
        names = {**cls.credential_args, **{key: key for key in API_SETTINGS}}
        return cls(**{arg: config.get(key) for key, arg in names.items()})

    def setup_platform(self, api_base: Any = None, api_timeout: Any = None, max_chars: Any = None) -> None:
        """The API client, the split size and the in-memory stores."""
        self.api_base = base_url(api_base, self.default_api_base)
        self.api = PlatformApi(self.name(), as_float(api_timeout, DEFAULT_API_TIMEOUT),
                               check=json_ok if self.ok_in_body else http_ok)
        self.max_chars = as_int(max_chars, self.char_limit)
        self._tasks: Set[asyncio.Task] = set()
        self._recent = RecentIds()
        self._memory = OptionMemory()

    # --- what each platform implements ---

    def authentic(self, request: Request) -> bool:
        """The platform's signature / secret check (constant-time comparisons)."""
        raise NotImplementedError

    async def handle(self, request: Request, on_new_message: OnNewMessage) -> HTTPResponse:
        """Read an authentic webhook, start its turns (``handle_in_background``), answer."""
        raise NotImplementedError

    async def send(self, body: Dict[str, Any], attempts: int = ATTEMPTS) -> bool:
        """One message request to the platform's API (``self.api.post``)."""
        raise NotImplementedError

    def add_routes(self, webhook: Blueprint) -> None:
        """More routes or listeners on the blueprint (none by default)."""

    # --- shared ---

    def get_output_channel(self, sender_id: Optional[str] = None) -> ChannelOutput:
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
                logger.warning("%s: rejected a webhook without %s", self.name(), self.proof)
                return forbidden()
            return await self.handle(request, on_new_message)

        self.add_routes(webhook)
        return webhook

    def duplicate(self, event_id: Any) -> bool:
        return self._recent.seen(f"{self.name()}:{event_id}")

    def memory_key(self, sender_id: str) -> str:
        return f"{self.name()}:{sender_id}"

    def _spawn(self, coroutine: Awaitable[Any], what: str) -> None:
        async def guarded() -> None:
            try:
                await coroutine
            except Exception:  # noqa: BLE001 - logged, never raised into the event loop
                logger.exception("%s: %s failed", self.name(), what)

        task = asyncio.create_task(guarded())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def handle_in_background(
        self,
        on_new_message: OnNewMessage,
        text: Optional[str],
        sender_id: str,
        output: PlatformOutput,
        metadata: Optional[Dict[str, Any]] = None,
        before: Optional[Callable[[], Awaitable[Any]]] = None,
    ) -> None:
        """Answer the webhook now; run the turn as a task (platforms retry slow webhooks)."""
        text = self._memory.resolve(self.memory_key(sender_id), text)
        self._spawn(self._turn(on_new_message, text, sender_id, output, metadata, before), "turn")

    async def _turn(
        self,
        on_new_message: OnNewMessage,
        text: Optional[str],
        sender_id: str,
        output: PlatformOutput,
        metadata: Optional[Dict[str, Any]],
        before: Optional[Callable[[], Awaitable[Any]]],
    ) -> None:
        name = self.name()
        if before is not None:
            # alongside the turn, never before it: a slow platform must not delay the reply
            self._spawn(before(), "pre-turn call")
        prepared = prepare_text(text)
        message = UserMessage(prepared.text, output, sender_id, input_channel=name,
                              metadata=merge_metadata(metadata, prepared))
        try:
            await on_new_message(message)
        except asyncio.CancelledError:
            raise
        except Exception as error:  # noqa: BLE001 - the user gets an honest reply instead of silence
            logger.exception("%s: message handling failed", name)
            await output.deliver(sender_id, failure_reply(error)[1])
            return
        if output.messages == 0:
            logger.error("%s: a turn produced no reply; sending the error reply", name)
            await output.deliver(sender_id, REPLY_SERVER_ERROR)
