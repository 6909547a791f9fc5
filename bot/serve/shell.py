"""Chat in the terminal with the *running* Rasa server through its REST channel."""

from __future__ import annotations

import sys
import uuid

import requests

from bot.constants import DEFAULT_RASA_PORT


def render(message: dict) -> str:
    """One bot message as terminal text (buttons as a numbered list)."""
    lines = [message.get("text") or ""]
    for number, button in enumerate(message.get("buttons") or [], start=1):
        lines.append(f"   {number}. {button.get('title')}")
    return "\n".join(line for line in lines if line)


def chat(url: str, sender: str) -> int:
    print(f"Chatting with {url} as '{sender}'. Type /quit or press Ctrl-D to leave.")
    buttons: list[dict] = []
    while True:
        try:
            text = input("you> ")
        except (EOFError, KeyboardInterrupt):
            print()
            return 0
        if text.strip() in {"/quit", "/exit"}:
            return 0
        if text.strip().isdigit() and 0 < int(text) <= len(buttons):
            text = buttons[int(text) - 1]["payload"]
        try:
            reply = requests.post(url, json={"sender": sender, "message": text}, timeout=60)
        except requests.RequestException as exc:
            print(f"[cannot reach the assistant at {url}: {exc}; is `make run` running?]")
            continue
        messages = reply.json() if reply.headers.get("content-type", "").startswith("application/json") else []
        if isinstance(messages, dict):
            messages = [{"text": messages.get("error", str(messages))}]
        buttons = []
        for message in messages:
            print("bot> " + render(message).replace("\n", "\n     "))
            buttons = message.get("buttons") or buttons


def main(port: int = DEFAULT_RASA_PORT) -> int:
    url = f"http://127.0.0.1:{port}/webhooks/rest/webhook"
    return chat(url, f"shell-{uuid.uuid4().hex[:8]}")


if __name__ == "__main__":
    sys.exit(main())
