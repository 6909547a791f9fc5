"""The widget's "sorry" server: HAProxy's backup for socket.io when no replica is ready.

While every Rasa replica fails its readiness check (PostgreSQL down, all replicas dead or
restarting), HAProxy's REST backend still reaches the live replicas (which answer
politely) or answers with its own polite error page; but a socket.io client needs a
socket.io server to show any text at all: without one the widget's handshake got
HAProxy's 503 and the user saw nothing. This small server (``python -m bot.serve.sorry``,
no Rasa, no database) is the ``backup`` server of HAProxy's socket.io backend
(``bot.serve.haproxy``), so it gets widget connections only while no replica is up:

- it accepts the widget's session like the project's channel does (the same allowed
  origins: ``CLONUS_ALLOWED_ORIGINS`` when set, as in the Rasa image, else the socket.io
  channel's in credentials.yml; the same message size cap, and it confirms the session id the replicas derive
  from the browser's key, so the widget keeps its conversation for when service returns);
- it answers every user message (the widget's initial payload included) with
  ``utter_action_unavailable`` from ``domain.yml`` ("temporarily unavailable ... call your
  local emergency number"), its Hindi variation when the widget's language (custom data)
  or else the message's language is Hindi (``bot.nlu.language``);
- it processes and stores nothing.

When a replica is ready again HAProxy shuts the backup's sessions
(``on-marked-up shutdown-backup-sessions``): the widget reconnects, to a replica. On
Kubernetes it is the Ingress's ``default-backend`` for ``/socket.io/`` (deploy/k8s:
``--host 0.0.0.0 --port 5045 --session-limit 30``, probes on ``/health``); nothing there
ends its sessions when a Rasa pod is ready, so it closes each connection itself after
``--session-limit`` seconds and the widget reconnects, to Rasa once a pod is ready.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, Mapping, Optional, Sequence

import socketio
from aiohttp import web

from bot import paths
from bot.constants import ANSWER_LANGUAGE_SLOT, MAX_REQUEST_BYTES, UTTER_ACTION_UNAVAILABLE
from bot.knowledge.files import read_yaml
from bot.nlu.language import ENGLISH, HINDI, answers_in_hindi, chosen, detect
from bot.serve.env import allowed_origins as site_origins
from bot.serve.socketio_ids import CLIENT_KEY_PARAM, client_key, session_of_key

logger = logging.getLogger(__name__)

#: The domain response the sorry server sends (by name; its text lives in domain.yml).
RESPONSE = UTTER_ACTION_UNAVAILABLE
#: The socket.io channel's section in credentials.yml (its allowed origins).
CHANNEL_SECTION = "bot.channels.socketio.SocketIOInput"
HEALTH_PATH = "/health"
#: its port on Kubernetes (deploy/k8s/base/sorry.yaml; the one-machine stack: LB port + 40)
DEFAULT_PORT = 5045
#: Keys of the widget's custom data that may carry a language choice
#: (``bot.nlu.language_detector.METADATA_KEYS``).
LANGUAGE_KEYS = ("language", "lang", "locale")


def _language_of(variation: Mapping[str, Any]) -> Optional[str]:
    for condition in variation.get("condition") or []:
        if isinstance(condition, Mapping) and condition.get("name") == ANSWER_LANGUAGE_SLOT:
            return str(condition.get("value"))
    return None


@dataclass(frozen=True)
class Replies:
    """The polite text in English and in Hindi (one domain response's variations)."""

    english: str
    hindi: str

    @classmethod
    def from_domain(cls, domain: Path = paths.ROOT / "domain.yml",
                    response: str = RESPONSE) -> "Replies":
        variations = (read_yaml(domain).get("responses") or {}).get(response) or []
        texts: Dict[Optional[str], str] = {}
        for variation in variations:
            if isinstance(variation, Mapping) and variation.get("text"):
                texts.setdefault(_language_of(variation), str(variation["text"]))
        english = texts.get(None) or texts.get(ENGLISH)
        if not english or HINDI not in texts:
            raise ValueError(f"{domain}: response {response} needs an English text and a "
                             f"Hindi variation ({ANSWER_LANGUAGE_SLOT} = {HINDI})")
        return cls(english=english, hindi=texts[HINDI])

    def for_message(self, text: str, custom_data: Any) -> str:
        """The widget's language choice first, else the language the message is in."""
        label = None
        if isinstance(custom_data, Mapping):
            label = next((chosen(custom_data.get(k)) for k in LANGUAGE_KEYS
                          if chosen(custom_data.get(k)) is not None), None)
        if label is None:
            try:
                label = detect(text)
            except Exception:  # noqa: BLE001 - English then; the reply must go out
                label = ENGLISH
        return self.hindi if answers_in_hindi(label) else self.english


def allowed_origins(credentials: Path) -> list[str]:
    """The socket.io channel's ``cors_allowed_origins`` in a credentials file."""
    section = read_yaml(credentials).get(CHANNEL_SECTION)
    origins = (section.get("cors_allowed_origins") or []) if isinstance(section, dict) else []
    if isinstance(origins, str):
        origins = [o.strip() for o in origins.split(",")]
    return [str(o) for o in origins if o]


def _custom_data(data: Any) -> Any:
    raw = data.get("customData") if isinstance(data, dict) else None
    if isinstance(raw, str):
        try:
            return json.loads(raw)
        except ValueError:
            return None
    return raw


def build_app(replies: Replies, origins: Sequence[str],
              user_event: str = "user_uttered", bot_event: str = "bot_uttered",
              session_limit: Optional[float] = None) -> web.Application:
    """The aiohttp application: socket.io on ``/socket.io/`` and ``GET /health``.

    ``session_limit``: close every connection (its transport, so the widget reconnects by
    itself) this many seconds after it opened: where nothing ends the sorry server's
    sessions when service returns (Kubernetes: the Ingress only picks the backend when a
    connection opens), the widget's next connection goes to a ready Rasa pod."""
    sio = socketio.AsyncServer(async_mode="aiohttp", cors_allowed_origins=list(origins),
                               max_http_buffer_size=MAX_REQUEST_BYTES)
    app = web.Application()
    sio.attach(app)
    keys: Dict[str, str] = {}

    async def health(_: web.Request) -> web.Response:
        return web.json_response({"status": "ok", "role": "sorry"})

    app.router.add_get(HEALTH_PATH, health)

    async def expire(sid: str, after: float) -> None:
        await asyncio.sleep(after)
        socket = sio.eio.sockets.get(sio.manager.eio_sid_from_sid(sid, "/"))
        if socket is not None and not socket.closed:
            # end the websocket without Engine.IO's "close" packet, as a load balancer
            # that drops the connection does: clients take that as a lost transport and
            # reconnect (after a "close" packet they stay away)
            await socket.queue.put(None)

    @sio.on("connect")
    async def connect(sid: str, environ: Dict, auth: Optional[Dict] = None) -> bool:
        keys[sid] = client_key(environ.get("QUERY_STRING")) or secrets.token_urlsafe(32)
        if session_limit:
            sio.start_background_task(expire, sid, session_limit)
        return True

    @sio.on("disconnect")
    async def disconnect(sid: str, *args: Any) -> None:
        keys.pop(sid, None)

    @sio.on("session_request")
    async def session_request(sid: str, data: Any = None) -> None:
        await sio.emit("session_confirm", session_of_key(keys[sid]), room=sid)

    @sio.on(user_event)
    async def user_uttered(sid: str, data: Any = None) -> None:
        text = data.get("message") if isinstance(data, dict) else data
        reply = replies.for_message(text if isinstance(text, str) else "", _custom_data(data))
        await sio.emit(bot_event, {"text": reply}, room=sid)
        logger.info("sorry: answered a widget message (no replica is ready)")

    app["sio"] = sio
    return app


def arguments(argv: Optional[Sequence[str]] = None) -> argparse.Namespace:
    """The command line (deploy/k8s/base/sorry.yaml passes ``--host`` and ``--port``)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, default=DEFAULT_PORT)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--domain", type=Path, default=paths.ROOT / "domain.yml")
    parser.add_argument("--credentials", type=Path, default=paths.ROOT / "credentials.yml",
                        help="the socket.io channel's allowed origins come from here, "
                             "unless CLONUS_ALLOWED_ORIGINS is set")
    parser.add_argument("--origin", action="append", default=[],
                        help="another allowed origin (repeatable)")
    parser.add_argument("--session-limit", type=float, default=None, metavar="SECONDS",
                        help="close each connection this long after it opened (the widget "
                             "reconnects: to Rasa once a pod is ready; Kubernetes)")
    return parser.parse_args(argv)


def origins_for(args: argparse.Namespace, env: Optional[Mapping[str, str]] = None) -> list[str]:
    """The allowed origins, as the Rasa pods' socket.io channel has them
    (``bot.serve.entrypoint``: ``CLONUS_ALLOWED_ORIGINS`` replaces credentials.yml's),
    plus any ``--origin``."""
    return list(dict.fromkeys([*(site_origins(env) or allowed_origins(args.credentials)),
                               *args.origin]))


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = arguments(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    replies = Replies.from_domain(args.domain)
    origins = origins_for(args)
    logger.info("sorry server on %s:%d (socket.io backup; origins %s; key parameter %s)",
                args.host, args.port, ", ".join(origins), CLIENT_KEY_PARAM)
    web.run_app(build_app(replies, origins, session_limit=args.session_limit),
                host=args.host, port=args.port,
                print=None, handle_signals=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
