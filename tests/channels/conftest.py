"""Fixtures for the messaging-channel tests: a fake platform API and one start of the real
servers with every channel enabled (test secrets, API base URLs pointing at the fake).

The webhooks are signed here with an independent implementation of each platform's
scheme (not the code under test)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import itertools
import json
import socket
import time
import uuid
from typing import Any, Callable, Dict, Iterator, List, Optional
from urllib.parse import urlencode

import pytest
import requests

from bot import paths

from .fake_platform import Call, FakePlatform

TELEGRAM_TOKEN = "123456:TEST-telegram-token"
TELEGRAM_SECRET = "test-telegram-secret_1"
TELEGRAM_WEBHOOK = "https://bot.example.test/webhooks/telegram/webhook"
TWILIO_SID = "AC" + "0" * 32
TWILIO_TOKEN = "test-twilio-auth-token"
SMS_NUMBER = "+15550001111"
WHATSAPP_NUMBER = "whatsapp:+15550002222"
SLACK_TOKEN = "xoxb-test-slack-token"
SLACK_SECRET = "test-slack-signing-secret"
MESSENGER_VERIFY = "test-verify-token"
MESSENGER_SECRET = "test-app-secret"
MESSENGER_TOKEN = "test-page-access-token"
#: Outgoing-call timeout and split size for the test server. The content's answers are
#: 600 characters at most, under every platform's limit, so the tests split at 200
#: characters to see splitting end to end (escalations are never split below the
#: platform's own limit; the real limits are checked in test_render.py).
API_TIMEOUT = 2.0
MAX_CHARS = 200

URGENT = "⚠️ URGENT"
EMERGENCY_MESSAGE = "my dad suddenly can't speak properly and his leg is jerking"

_VARIABLES = (
    "TELEGRAM_BOT_TOKEN TELEGRAM_SECRET_TOKEN TELEGRAM_WEBHOOK_URL TELEGRAM_API_BASE "
    "TELEGRAM_MAX_CHARS TWILIO_ACCOUNT_SID TWILIO_AUTH_TOKEN TWILIO_SMS_NUMBER "
    "TWILIO_WHATSAPP_NUMBER TWILIO_SMS_WEBHOOK_URL TWILIO_WHATSAPP_WEBHOOK_URL TWILIO_API_BASE "
    "TWILIO_MAX_CHARS SLACK_BOT_TOKEN SLACK_SIGNING_SECRET SLACK_CHANNEL SLACK_USE_THREADS "
    "SLACK_API_BASE SLACK_MAX_CHARS MESSENGER_VERIFY_TOKEN MESSENGER_APP_SECRET "
    "MESSENGER_PAGE_ACCESS_TOKEN MESSENGER_API_BASE MESSENGER_MAX_CHARS CLONUS_CHANNEL_API_TIMEOUT"
).split()


def channel_env(fake: FakePlatform) -> Dict[str, str]:
    env = {name: "" for name in _VARIABLES}  # nothing from the developer's environment
    env.update({
        "TELEGRAM_BOT_TOKEN": TELEGRAM_TOKEN,
        "TELEGRAM_SECRET_TOKEN": TELEGRAM_SECRET,
        "TELEGRAM_WEBHOOK_URL": TELEGRAM_WEBHOOK,
        "TELEGRAM_API_BASE": fake.url("telegram"),
        "TWILIO_ACCOUNT_SID": TWILIO_SID,
        "TWILIO_AUTH_TOKEN": TWILIO_TOKEN,
        "TWILIO_SMS_NUMBER": SMS_NUMBER,
        "TWILIO_WHATSAPP_NUMBER": WHATSAPP_NUMBER,
        "TWILIO_API_BASE": fake.url("twilio"),
        "SLACK_BOT_TOKEN": SLACK_TOKEN,
        "SLACK_SIGNING_SECRET": SLACK_SECRET,
        "SLACK_API_BASE": fake.url("slack"),
        "MESSENGER_VERIFY_TOKEN": MESSENGER_VERIFY,
        "MESSENGER_APP_SECRET": MESSENGER_SECRET,
        "MESSENGER_PAGE_ACCESS_TOKEN": MESSENGER_TOKEN,
        "MESSENGER_API_BASE": fake.url("facebook"),
        "CLONUS_CHANNEL_API_TIMEOUT": str(API_TIMEOUT),
    })
    for name in ("TELEGRAM", "TWILIO", "SLACK", "MESSENGER"):
        env[f"{name}_MAX_CHARS"] = str(MAX_CHARS)
    return env


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def fake_platform() -> Iterator[FakePlatform]:
    fake = FakePlatform().start()
    try:
        yield fake
    finally:
        fake.stop()


@pytest.fixture(scope="session")
def channel_servers(model_file: Any, tmp_path_factory: pytest.TempPathFactory,
                    fake_platform: FakePlatform) -> Iterator[Any]:
    """The real action + Rasa servers with all messaging channels enabled. The Telegram
    API hangs on webhook registration during start-up: the server must start anyway."""
    from bot.serve.servers import ServerConfig, Servers

    workdir = tmp_path_factory.mktemp("channel-servers")
    for old_log in (paths.REPORTS / "channel-logs").glob("*.log"):
        old_log.unlink()
    config = ServerConfig(
        model=model_file,
        rasa_port=_free_port(),
        actions_port=_free_port(),
        tracker_db=workdir / "tracker.db",
        log_dir=paths.REPORTS / "channel-logs",
        extra_env=channel_env(fake_platform),
    )
    # longer than the start-up timeout: a registration that blocked start-up would fail here
    fake_platform.hang("setWebhook", seconds=600, times=1)
    running = Servers(config)
    try:
        running.start(timeout=240)
        # let the registration call time out on the bot's side before anything answers it
        registration = fake_platform.wait_for(lambda c: c.path.endswith("/setWebhook"),
                                              timeout=30, settle=0)
        if registration:
            time.sleep(max(0.0, registration[0].at + API_TIMEOUT + 1.0 - time.monotonic()))
        yield running
    finally:
        fake_platform.reset()
        running.stop()


@pytest.fixture
def fake(fake_platform: FakePlatform, channel_servers: Any) -> Iterator[FakePlatform]:
    """The fake platform, answering normally at the start and the end of each test."""
    fake_platform.reset()
    yield fake_platform
    fake_platform.reset()


def unique(prefix: str = "") -> str:
    return f"{prefix}{uuid.uuid4().int % 10**10:010d}"


_update_ids = itertools.count(int(time.time()))


class Webhooks:
    """Signed, platform-shaped webhook requests to the running Rasa server."""

    def __init__(self, servers: Any) -> None:
        self.base = f"http://127.0.0.1:{servers.config.rasa_port}/webhooks"

    def url(self, channel: str) -> str:
        return f"{self.base}/{channel}/webhook"

    # --- Telegram ---
    def telegram(self, update: Dict[str, Any], secret: Optional[str] = TELEGRAM_SECRET) -> requests.Response:
        headers = {} if secret is None else {"X-Telegram-Bot-Api-Secret-Token": secret}
        return requests.post(self.url("telegram"), json=update, headers=headers, timeout=30)

    @staticmethod
    def telegram_message(chat_id: int, text: str, language: str = "en") -> Dict[str, Any]:
        return {"update_id": next(_update_ids), "message": {
            "message_id": next(_update_ids), "date": int(time.time()), "text": text,
            "from": {"id": chat_id, "is_bot": False, "first_name": "Test", "language_code": language},
            "chat": {"id": chat_id, "type": "private", "first_name": "Test"}}}

    @staticmethod
    def telegram_button(chat_id: int, data: str) -> Dict[str, Any]:
        return {"update_id": next(_update_ids), "callback_query": {
            "id": f"cbq{next(_update_ids)}", "data": data, "chat_instance": "1",
            "from": {"id": chat_id, "is_bot": False, "first_name": "Test"},
            "message": {"message_id": 1, "date": int(time.time()), "text": "...",
                        "chat": {"id": chat_id, "type": "private"}}}}

    # --- Twilio ---
    @staticmethod
    def twilio_signature(url: str, params: Dict[str, str], token: str = TWILIO_TOKEN) -> str:
        signed = url + "".join(key + params[key] for key in sorted(params))
        digest = hmac.new(token.encode("utf-8"), signed.encode("utf-8"), hashlib.sha1).digest()
        return base64.b64encode(digest).decode("ascii")

    def twilio(self, channel: str, sender: str, text: str, country: Optional[str] = None,
               signature: Optional[str] = "sign", token: str = TWILIO_TOKEN) -> requests.Response:
        url = self.url(channel)
        to = WHATSAPP_NUMBER if channel == "whatsapp" else SMS_NUMBER
        params = {"MessageSid": unique("SM"), "AccountSid": TWILIO_SID, "From": sender, "To": to,
                  "Body": text, "NumMedia": "0", "ApiVersion": "2010-04-01"}
        if country:
            params["FromCountry"] = country
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        if signature == "sign":
            headers["X-Twilio-Signature"] = self.twilio_signature(url, params, token)
        elif signature is not None:
            headers["X-Twilio-Signature"] = signature
        return requests.post(url, data=urlencode(params), headers=headers, timeout=30)

    # --- Slack ---
    @staticmethod
    def slack_headers(body: bytes, secret: str = SLACK_SECRET, timestamp: Optional[int] = None,
                      content_type: str = "application/json") -> Dict[str, str]:
        stamp = str(int(time.time()) if timestamp is None else timestamp)
        digest = hmac.new(secret.encode("utf-8"), f"v0:{stamp}:".encode() + body, hashlib.sha256)
        return {"X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": f"v0={digest.hexdigest()}",
                "Content-Type": content_type}

    def slack(self, payload: Dict[str, Any], **signing: Any) -> requests.Response:
        body = json.dumps(payload).encode("utf-8")
        headers = self.slack_headers(body, **signing)
        return requests.post(self.url("slack"), data=body, headers=headers, timeout=30)

    @staticmethod
    def slack_dm(user: str, channel: str, text: str) -> Dict[str, Any]:
        return {"token": "x", "team_id": "T1", "api_app_id": "A1", "type": "event_callback",
                "event_id": unique("Ev"), "event_time": int(time.time()),
                "authorizations": [{"user_id": "UBOT"}],
                "event": {"type": "message", "channel_type": "im", "user": user, "text": text,
                          "ts": f"{time.time():.6f}", "channel": channel}}

    def slack_click(self, user: str, channel: str, value: str, **signing: Any) -> requests.Response:
        payload = {"type": "block_actions", "user": {"id": user}, "channel": {"id": channel},
                   "message": {"ts": f"{time.time():.6f}"},
                   "actions": [{"type": "button", "action_id": "clonus_option_1", "value": value}]}
        body = urlencode({"payload": json.dumps(payload)}).encode("utf-8")
        headers = self.slack_headers(body, content_type="application/x-www-form-urlencoded", **signing)
        return requests.post(self.url("slack"), data=body, headers=headers, timeout=30)

    # --- Messenger ---
    def messenger(self, events: List[Dict[str, Any]], secret: Optional[str] = MESSENGER_SECRET,
                  header: str = "X-Hub-Signature-256") -> requests.Response:
        body = json.dumps({"object": "page", "entry": [
            {"id": "PAGE", "time": int(time.time() * 1000), "messaging": events}]}).encode("utf-8")
        headers = {"Content-Type": "application/json"}
        if secret is not None:
            algorithm = hashlib.sha256 if header.endswith("256") else hashlib.sha1
            name = "sha256" if header.endswith("256") else "sha1"
            headers[header] = f"{name}=" + hmac.new(secret.encode("utf-8"), body, algorithm).hexdigest()
        return requests.post(self.url("facebook"), data=body, headers=headers, timeout=30)

    @staticmethod
    def messenger_text(psid: str, text: str, quick_reply: Optional[str] = None) -> Dict[str, Any]:
        message: Dict[str, Any] = {"mid": unique("m_"), "text": text}
        if quick_reply is not None:
            message["quick_reply"] = {"payload": quick_reply}
        return {"sender": {"id": psid}, "recipient": {"id": "PAGE"},
                "timestamp": int(time.time() * 1000), "message": message}


@pytest.fixture
def hooks(channel_servers: Any) -> Webhooks:
    return Webhooks(channel_servers)


# --- selecting what the fake received ---

def telegram_to(chat_id: int) -> Callable[[Call], bool]:
    return lambda c: c.platform == "telegram" and c.path.endswith("/sendMessage") \
        and str((c.json or {}).get("chat_id")) == str(chat_id)


def twilio_to(address: str) -> Callable[[Call], bool]:
    return lambda c: c.platform == "twilio" and c.path.endswith("/Messages.json") \
        and c.form.get("To") == address


def slack_to(channel: str) -> Callable[[Call], bool]:
    return lambda c: c.platform == "slack" and (c.json or {}).get("channel") == channel


def messenger_to(psid: str) -> Callable[[Call], bool]:
    return lambda c: c.platform == "facebook" and \
        ((c.json or {}).get("recipient") or {}).get("id") == psid


def delivered(calls: List[Call]) -> List[Call]:
    return [c for c in calls if c.delivered]


def texts(calls: List[Call]) -> List[str]:
    """The message texts, in the order they were sent."""
    out = []
    for call in calls:
        if call.form:
            out.append(call.form.get("Body", ""))
        elif isinstance(call.json, dict):
            message = call.json.get("message")
            out.append(message.get("text", "") if isinstance(message, dict) else call.json.get("text", ""))
    return out


def units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2
