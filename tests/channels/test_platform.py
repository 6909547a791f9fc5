"""Shared channel machinery: credentials rendering, outgoing calls, option memory, turns."""

from __future__ import annotations

import asyncio
import socket
import time
from pathlib import Path
from typing import Any, Dict, List

import pytest
import yaml

from bot import paths
from bot.channels import render
from bot.channels.platform import (
    OptionMemory,
    PlatformApi,
    PlatformOutput,
    RecentIds,
    WebhookChannel,
    require_credentials,
    settings,
)
from bot.constants import REPLY_SERVER_ERROR
from bot.serve.servers import ServerConfig, Servers, select_channels

MESSAGING = {
    "bot.channels.telegram.TelegramInput": {"TELEGRAM_BOT_TOKEN", "TELEGRAM_SECRET_TOKEN"},
    "bot.channels.twilio.TwilioSmsInput": {"TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_SMS_NUMBER"},
    "bot.channels.twilio.TwilioWhatsAppInput": {"TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN",
                                                "TWILIO_WHATSAPP_NUMBER"},
    "bot.channels.slack.SlackInput": {"SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET"},
    "bot.channels.messenger.MessengerInput": {"MESSENGER_VERIFY_TOKEN", "MESSENGER_APP_SECRET",
                                              "MESSENGER_PAGE_ACCESS_TOKEN"},
}
ALL_REQUIRED = {name: f"test-{name.lower()}" for names in MESSAGING.values() for name in names}


def credentials() -> Dict[str, Any]:
    return yaml.safe_load((paths.ROOT / "credentials.yml").read_text(encoding="utf-8"))


# --- credentials --------------------------------------------------------------------------

def test_default_run_enables_no_messaging_channel() -> None:
    rendered, enabled, skipped = select_channels(credentials(), {})
    assert enabled == []
    assert {k: set(v) for k, v in skipped.items()} == MESSAGING
    assert "bot.channels.rest.RestInput" in rendered and "bot.channels.socketio.SocketIOInput" in rendered
    assert not any(name in rendered for name in MESSAGING)


def test_a_channel_needs_all_its_secrets_and_empty_means_unset() -> None:
    env = {"TELEGRAM_BOT_TOKEN": "1:a", "TELEGRAM_SECRET_TOKEN": ""}
    _, enabled, skipped = select_channels(credentials(), env)
    assert enabled == [] and skipped["bot.channels.telegram.TelegramInput"] == ["TELEGRAM_SECRET_TOKEN"]
    env["TELEGRAM_SECRET_TOKEN"] = "s"
    rendered, enabled, _ = select_channels(credentials(), env)
    assert enabled == ["bot.channels.telegram.TelegramInput"]
    section = rendered["bot.channels.telegram.TelegramInput"]
    assert section == {"access_token": "${TELEGRAM_BOT_TOKEN}", "secret_token": "${TELEGRAM_SECRET_TOKEN}"}


def test_optional_settings_are_kept_only_when_set() -> None:
    env = {**ALL_REQUIRED, "TELEGRAM_API_BASE": "http://127.0.0.1:1/telegram", "SLACK_USE_THREADS": ""}
    rendered, enabled, skipped = select_channels(credentials(), env)
    assert set(enabled) == set(MESSAGING) and skipped == {}
    assert rendered["bot.channels.telegram.TelegramInput"]["optional"] == {"api_base": "${TELEGRAM_API_BASE}"}
    assert "optional" not in rendered["bot.channels.slack.SlackInput"]


def test_rendered_copy_keeps_references_and_rasa_expands_them(monkeypatch: pytest.MonkeyPatch) -> None:
    """No secret is written to disk; Rasa reads the values from the environment."""
    from rasa.shared.utils.io import read_config_file

    env = {**ALL_REQUIRED, "TWILIO_API_BASE": "http://127.0.0.1:9/twilio"}
    config = ServerConfig(model=Path("unused"), rasa_port=1, extra_env=env)
    servers = Servers(config)
    target = servers.render_credentials()
    try:
        assert set(servers.channels) == set(MESSAGING)
        text = target.read_text(encoding="utf-8")
        assert all(value not in text for value in ALL_REQUIRED.values())
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        loaded = read_config_file(target)
    finally:
        target.unlink()
    sms = loaded["bot.channels.twilio.TwilioSmsInput"]
    assert sms["auth_token"] == ALL_REQUIRED["TWILIO_AUTH_TOKEN"]
    assert sms["optional"] == {"api_base": "http://127.0.0.1:9/twilio"}
    # and each channel can be built from what Rasa loaded
    from rasa.core.run import _create_single_channel

    for name in MESSAGING:
        channel = _create_single_channel(name, loaded[name])
        assert channel.name() in {"telegram", "twilio", "whatsapp", "slack", "facebook"}
    assert _create_single_channel("bot.channels.twilio.TwilioSmsInput", sms).api_base == \
        "http://127.0.0.1:9/twilio"


def test_channels_refuse_to_run_without_their_secrets() -> None:
    from rasa.shared.exceptions import RasaException

    from bot.channels.messenger import MessengerInput
    from bot.channels.slack import SlackInput
    from bot.channels.telegram import TelegramInput
    from bot.channels.twilio import TwilioSmsInput

    with pytest.raises(ValueError):
        TelegramInput.from_credentials({"access_token": "1:a"})  # no secret token
    with pytest.raises(ValueError):
        TwilioSmsInput.from_credentials({"account_sid": "AC1", "auth_token": "t"})
    with pytest.raises(RasaException):  # Rasa's own check: no signing secret
        SlackInput.from_credentials({"slack_token": "xoxb"})
    with pytest.raises(ValueError):
        MessengerInput.from_credentials({"verify": "v", "secret": "s"})


def test_settings_flatten_optional() -> None:
    assert settings({"a": 1, "optional": {"b": 2, "c": ""}}) == {"a": 1, "b": 2}
    assert settings(None) == {}


def test_missing_secrets_are_named_with_their_variables() -> None:
    require_credentials("Test", {"token": "t", "secret": "s"}, "TEST_TOKEN")
    with pytest.raises(ValueError) as error:
        require_credentials("Test", {"token": "t", "secret": "", "key": None}, "A, B, C")
    assert str(error.value) == "The Test channel needs token, secret and key (A, B, C; see CHANNELS.md)."
    with pytest.raises(ValueError) as error:
        require_credentials("test", {"token": None})
    assert str(error.value) == "The test channel needs token (see CHANNELS.md)."


class ProbeChannel(WebhookChannel):
    channel_name = "probe"
    credential_args = {"page-token": "token"}
    default_api_base = "https://api.example/"
    char_limit = 500

    def __init__(self, token: Any, api_base: Any = None, api_timeout: Any = None,
                 max_chars: Any = None) -> None:
        self.token = token
        self.handled: List[Any] = []
        self.setup_platform(api_base, api_timeout, max_chars)

    def authentic(self, request: Any) -> bool:
        return request.headers.get("proof") == "yes"

    async def handle(self, request: Any, on_new_message: Any) -> Any:
        from sanic import response

        self.handled.append(request)
        return response.text("handled")


def test_credentials_table_and_common_settings() -> None:
    from rasa.shared.exceptions import RasaException

    channel = ProbeChannel.from_credentials(
        {"page-token": "t", "optional": {"api_timeout": "3", "max_chars": "200", "api_base": ""}})
    assert isinstance(channel, ProbeChannel) and channel.token == "t"
    assert channel.api_base == "https://api.example" and channel.api.timeout == 3.0
    assert channel.max_chars == 200 and ProbeChannel.from_credentials({"page-token": "t"}).max_chars == 500
    with pytest.raises(RasaException):
        ProbeChannel.from_credentials(None)


def test_webhook_skeleton_rejects_before_handling() -> None:
    """A request that fails the platform's check gets 403 and is never handled."""
    from types import SimpleNamespace

    channel = ProbeChannel("t")
    webhook = channel.blueprint(on_new_message=None)  # type: ignore[arg-type]
    receive = next(route.handler for route in webhook._future_routes
                   if route.uri == "/webhook" and "POST" in route.methods)
    forged = asyncio.run(receive(SimpleNamespace(headers={"proof": "no"})))
    assert forged.status == 403 and channel.handled == []
    genuine = SimpleNamespace(headers={"proof": "yes"})
    assert asyncio.run(receive(genuine)).body == b"handled" and channel.handled == [genuine]


# --- outgoing calls -------------------------------------------------------------------------

def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_unreachable_api_returns_false_and_never_raises() -> None:
    api = PlatformApi("test", timeout=2)
    started = time.monotonic()
    ok = asyncio.run(api.post("send", f"http://127.0.0.1:{closed_port()}/x", json={"a": 1}, attempts=2))
    assert ok is False and time.monotonic() - started < 5


def test_telegram_registration_with_unreachable_api_fails_quietly() -> None:
    from bot.channels.telegram import TelegramInput

    channel = TelegramInput("1:a", "secret", webhook_url="https://bot.example/webhooks/telegram/webhook",
                            api_base=f"http://127.0.0.1:{closed_port()}", api_timeout=2)
    started = time.monotonic()
    assert asyncio.run(channel.set_webhook()) is False
    assert time.monotonic() - started < 5


# --- memory ----------------------------------------------------------------------------------

def test_numbered_options_are_valid_for_the_next_message_only() -> None:
    memory = OptionMemory()
    memory.show("c", ["a", "b"], first_in_turn=True)
    memory.show("c", ["c"], first_in_turn=False)  # a second message of the same turn
    assert memory.resolve("c", " 3. ") == "c"
    assert memory.resolve("c", "1") == "1"  # cleared by the previous message
    memory.show("c", ["a", "b"], first_in_turn=True)
    assert memory.resolve("c", "thanks") == "thanks"
    assert memory.resolve("c", "2") == "2"
    memory.show("c", ["a", "b"], first_in_turn=True)
    assert memory.resolve("c", "7") == "7"  # no such option
    memory.show("c", ["a", "b"], first_in_turn=True)
    assert memory.resolve("other", "1") == "1"  # per conversation


def test_numbered_options_expire_and_memory_is_bounded() -> None:
    memory = OptionMemory(size=2, ttl=0.01)
    memory.show("a", ["x"], True)
    time.sleep(0.05)
    assert memory.resolve("a", "1") == "1"
    memory = OptionMemory(size=2)
    for key in "abc":
        memory.show(key, ["x"], True)
    assert memory.get("a") == [] and memory.get("c") == ["x"]


def test_recent_ids() -> None:
    recent = RecentIds(size=2)
    assert not recent.seen("1") and recent.seen("1")
    assert not recent.seen(None) and not recent.seen(None)
    recent.seen("2")
    recent.seen("3")
    assert not recent.seen("1")  # forgotten (bounded)


# --- a turn -----------------------------------------------------------------------------------

class RecordingOutput(PlatformOutput):
    def __init__(self, fail_first: int = 0) -> None:
        super().__init__(OptionMemory(), "k")
        self.sent: List[Dict[str, Any]] = []
        self.fail_first = fail_first

    @classmethod
    def name(cls) -> str:
        return "test"

    def render(self, recipient_id: str, text: str, options: List[render.Option], start: int) -> render.Rendered:
        return render.twilio_messages(recipient_id, "+0", text, options, start)

    async def send_body(self, body: Dict[str, Any], urgent: bool) -> bool:
        if self.fail_first > 0:
            self.fail_first -= 1
            return False
        self.sent.append(body)
        return True


def run_turn(on_new_message: Any, output: RecordingOutput, text: str = "hi") -> None:
    from bot.channels.telegram import TelegramInput

    channel = TelegramInput("1:a", "secret")
    asyncio.run(channel._turn(on_new_message, text, "u1", output, {}, None))


def test_a_failing_turn_gets_the_error_reply() -> None:
    async def crash(message: Any) -> None:
        raise RuntimeError("boom")

    output = RecordingOutput()
    run_turn(crash, output)
    assert [b["Body"] for b in output.sent] == [REPLY_SERVER_ERROR]


def test_a_silent_turn_gets_the_error_reply_and_text_is_prepared() -> None:
    seen = []

    async def silent(message: Any) -> None:
        seen.append(message)

    output = RecordingOutput()
    run_turn(silent, output, text='/faq{"x": 1}')
    assert [b["Body"] for b in output.sent] == [REPLY_SERVER_ERROR]
    assert seen[0].text == 'faq{"x": 1}' and seen[0].input_channel == "telegram"


def test_numbering_continues_across_the_messages_of_a_turn() -> None:
    async def two_menus(message: Any) -> None:
        await message.output_channel.send_response("u1", {"text": "A?", "buttons": [
            {"title": "a1", "payload": "A1"}, {"title": "a2", "payload": "A2"}]})
        await message.output_channel.send_response("u1", {"text": "B?", "buttons": [
            {"title": "b1", "payload": "B1"}]})

    output = RecordingOutput(fail_first=1)  # the first message is lost: the rest still go
    run_turn(two_menus, output)
    assert output.failures == 1 and len(output.sent) == 1
    assert "3. b1" in output.sent[0]["Body"]
    assert output.memory is not None and output.memory.resolve("k", "3") == "B1"
