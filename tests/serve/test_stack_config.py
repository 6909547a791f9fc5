"""Pieces of `make stack` that need no running server: the HAProxy configuration (valid,
health checks on the real readiness path, sticky socket.io, polite error pages), the
socket.io conversation id, the database check of the load generator."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.serve import haproxy
from bot.serve.loadcheck import Sent, check_conversation


def test_haproxy_config(tmp_path: Path) -> None:
    from bot.channels.health import READY_PATH
    from bot.constants import REPLY_UNAVAILABLE

    config = haproxy.render(tmp_path, 15005, [haproxy.Backend("r1", 15006),
                                              haproxy.Backend("r2", 15007)],
                            sorry=haproxy.Backend("sorry", 15045))
    text = config.read_text()
    socketio = text.split("backend socketio", 1)[1]
    # no replica up: widgets go to the sorry server; one back: its sessions end
    assert "server sorry 127.0.0.1:15045 backup check" in socketio
    assert socketio.count("on-marked-up shutdown-backup-sessions") == 2
    assert "server sorry" not in text.split("backend socketio", 1)[0]
    assert haproxy.READY_PATH == READY_PATH
    assert f"option httpchk GET {READY_PATH}" in text
    assert "bind 127.0.0.1:15005" in text
    assert "cookie CLONUS_REPLICA insert" in text and "path_beg /socket.io/" in text
    assert "retry-on conn-failure" in text  # never a retry of a request that reached Rasa
    assert "server r1-any 127.0.0.1:15006 backup" in text and "option allbackups" in text
    page = (tmp_path / "503.http").read_bytes().decode()
    body = json.loads(page.split("\r\n\r\n", 1)[1])
    assert body[0]["text"] == REPLY_UNAVAILABLE
    if haproxy.available():
        haproxy.check_config(config)


def test_socketio_sender_id_matches_the_channel() -> None:
    from bot.channels.socketio import sender_id_for
    from bot.serve.socketio_ids import sender_of_key

    assert sender_of_key("k" * 40) == sender_id_for("k" * 40)


def test_socketio_session_id_and_key_match_the_channel() -> None:
    from bot.channels.socketio import client_key, session_id_for
    from bot.serve import socketio_ids

    key = "K_-" + "k" * 40
    assert socketio_ids.session_of_key(key) == session_id_for(key)
    for query in (f"EIO=4&clonus_key={key}&transport=polling", "clonus_key=short",
                  f"clonus_key={key}&clonus_key={key}", "", "clonus_key=" + "k" * 40 + "!"):
        assert socketio_ids.client_key(query) == client_key({"QUERY_STRING": query}), query


def _sent(text: str, status: int = 200) -> Sent:
    return Sent(sender="s", text=text, started=0.0, status=status,
                reply="ok" if status == 200 else "")


def _event(i: int, kind: str, text: str = "") -> tuple:
    return (i, kind, float(i), json.dumps({"event": kind, "text": text}))


def test_database_check_finds_lost_duplicated_and_reordered_messages() -> None:
    sent = [_sent("a"), _sent("b"), _sent("c", status=503)]
    good = [_event(1, "user", "a"), _event(2, "bot"), _event(3, "user", "b"), _event(4, "bot")]
    assert check_conversation("s", sent, good) == []
    lost = good[:2]
    assert any("not stored" in p for p in check_conversation("s", sent, lost))
    twice = good + [_event(5, "user", "b"), _event(6, "bot")]
    assert any("stored 2 times" in p for p in check_conversation("s", sent, twice))
    swapped = [_event(1, "user", "b"), _event(2, "bot"), _event(3, "user", "a"), _event(4, "bot")]
    assert any("out of order" in p for p in check_conversation("s", sent, swapped))
    same_event = good + [good[-1]]
    assert any("event stored twice" in p for p in check_conversation("s", sent, same_event))
    no_reply = [_event(1, "user", "a"), _event(3, "user", "b"), _event(4, "bot")]
    assert any("no bot reply" in p for p in check_conversation("s", sent, no_reply))


def test_load_is_only_sent_to_this_machine() -> None:
    from bot.serve.loadcheck import run_load

    with pytest.raises(ValueError):
        run_load(["http://10.0.0.1:5005/webhooks/rest/webhook"], 1, 1)
