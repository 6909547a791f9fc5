"""``make faults``: each fault injected into a running stack (``bot.serve.stack``) while
load runs (``bot.serve.loadcheck``), each printing a figure. The stack tests
(tests/serve/test_stack_e2e.py) run the kill and database faults in a reduced form.

Every fault returns a dict of figures and a list of failed expectations (empty: passed):

- ``kill_replica``: SIGKILL one replica under load: the others keep answering, no silent
  turn, acknowledged messages are stored, HAProxy takes it out within seconds, the
  supervisor brings it back.
- ``postgres_outage``: stop PostgreSQL for N s under load: every turn gets a text (the
  polite "temporarily unavailable ... emergency number"), service is back within 10 s of
  the database, no event duplicated; widgets that connect during the outage get the
  polite reply in their language from the sorry server and normal answers after
  (``bot.serve.faults_widget``).
- ``redis_outage``: the lock store is down: fail closed with the same polite reply.
- ``action_server_kill``: the escalation still arrives; a turn that needs an action says
  politely that this part is temporarily unavailable (``utter_action_unavailable``); the
  supervisor restarts the action server and that turn is answered again.
- ``slow_action``: an action slower than the lock lifetime: Rasa gives up at the action
  timeout (shorter than the lock), the conversation is never processed twice at once.
- ``rolling_restart``: replicas restarted one by one during socket.io conversations:
  every client reconnects and its conversation goes on.
"""

from __future__ import annotations

import signal
import threading
import time
from typing import Any, Callable, Optional

import requests

from bot.constants import REPLY_UNAVAILABLE
from bot.serve.loadcheck import EMERGENCY, URGENT, LoadResult, check_database, run_load, wait_for

Figures = dict[str, Any]


class Background:
    """``run_load`` in a thread (the fault is injected meanwhile)."""

    def __init__(self, urls: list[str], users: int, messages: int, **kwargs: Any) -> None:
        self.result: Optional[LoadResult] = None
        self.started = time.monotonic()

        def work() -> None:
            self.result = run_load(urls, users, messages, **kwargs)

        self.thread = threading.Thread(target=work, daemon=True)
        self.thread.start()

    def join(self, timeout: float = 600.0) -> LoadResult:
        self.thread.join(timeout)
        assert self.result is not None, "the load did not finish"
        return self.result


def _say(url: str, sender: str, text: str, timeout: float = 30.0) -> tuple[int, str]:
    try:
        reply = requests.post(url, json={"sender": sender, "message": text}, timeout=timeout)
    except requests.RequestException as error:
        return 0, f"({type(error).__name__})"
    try:
        return reply.status_code, "\n".join(m.get("text") or "" for m in reply.json())
    except ValueError:
        return reply.status_code, ""


def _db_figures(stack: Any, result: LoadResult, figures: Figures, failed: list[str]) -> None:
    db = check_database(stack.postgres, result)
    figures["db_conversations"] = db.conversations
    figures["db_user_events"] = db.user_events
    figures["db_problems"] = len(db.problems)
    failed += db.problems[:10]


def _no_silence(result: LoadResult, figures: Figures, failed: list[str]) -> None:
    silent = [s for s in result.sent if s.silent]
    figures["silent_turns"] = len(silent)
    if silent:
        failed.append(f"{len(silent)} turns got no text, e.g. {silent[0].status} "
                      f"{silent[0].error[:120]!r}")


def kill_replica(stack: Any, users: int = 20, messages: int = 15,
                 index: int = 0, pause: float = 1.0) -> tuple[Figures, list[str]]:
    """Kill one replica while people are writing. Each user waits ``pause`` s between
    messages, so the load lasts at least ``messages * pause`` s however fast the machine is
    and is still running while the replica is down (unpaced, a fast machine had sent
    everything before the kill)."""
    name = stack.replica_name(index)
    load = Background([stack.config.rest_url], users, messages, prefix="kill", pause=pause)
    time.sleep(3)
    killed_at = time.monotonic()
    stack.kill_replica(index, signal.SIGKILL)
    out = wait_for(lambda: stack.lb_states().get(name, "").startswith("DOWN"), 30, 0.1)
    back = wait_for(lambda: stack.lb_states().get(name) == "UP", 300, 0.5)
    result = load.join()
    after = result.summary(since=killed_at, until=killed_at + (out or 0) + (back or 0))
    figures: Figures = {
        "lb_took_out_s": round(out, 1) if out is not None else None,
        "back_in_service_s": round((out or 0) + back, 1) if back is not None else None,
        "during_outage": after, "whole_run": result.summary(),
    }
    failed: list[str] = []
    if out is None or out > 5:
        failed.append(f"HAProxy still routed to the killed replica after {out} s")
    if back is None:
        failed.append("the killed replica did not come back")
    if after["acknowledged"] == 0:
        failed.append("no message was answered while the replica was down (the load ran "
                      f"{result.seconds:.1f} s; the kill came {killed_at - result.began:.1f} s in)")
    _no_silence(result, figures, failed)
    _db_figures(stack, result, figures, failed)
    return figures, failed


def postgres_outage(stack: Any, seconds: float = 30.0, users: int = 10) -> tuple[Figures, list[str]]:
    from bot.serve.faults_widget import OutageWidgets

    item = stack.watched("PostgreSQL")
    item.paused = True
    failed: list[str] = []
    widgets = OutageWidgets(stack)
    try:
        before = Background([stack.config.rest_url], users, 4, prefix="pgbefore")
        before.join()
        stack.postgres.stop(mode="fast")
        down_at = time.monotonic()
        # people keep writing while the database is gone (one message every 2 s each)
        during = Background([stack.config.rest_url], users, max(2, int(seconds / 2)),
                            prefix="pgdown", pause=2.0, max_seconds=seconds - 2, timeout=15)
        widgets.during(down_at)  # new widget connections while no replica is ready
        result_down = during.join()
        time.sleep(max(0.0, seconds - (time.monotonic() - down_at)))
        stack.postgres.start()
        up_at = time.monotonic()
    finally:
        item.paused = False
    recovered = wait_for(lambda: _say(stack.config.rest_url, "pg-probe", "what is clonus?")[0]
                         == 200, 60, 0.25)
    after = Background([stack.config.rest_url], users, 4, prefix="pgafter").join()
    try:
        widgets.after(up_at)
    finally:
        widgets.close()
    texts = [s.reply for s in result_down.sent]
    polite = sum(1 for t in texts if REPLY_UNAVAILABLE in t)
    figures: Figures = {
        "outage_s": round(up_at - down_at, 1),
        "during": result_down.summary(), "polite_replies": polite,
        "recovered_after_db_s": round(recovered, 1) if recovered is not None else None,
        "after": after.summary(), **widgets.figures,
    }
    failed += widgets.failed
    _no_silence(result_down, figures, failed)
    if polite == 0:
        failed.append("no polite 'temporarily unavailable' reply during the outage")
    answered_down = [s for s in result_down.sent if s.acknowledged]
    if answered_down:
        figures["answered_without_db"] = len(answered_down)
    if recovered is None or recovered > 10:
        failed.append(f"service came back {recovered} s after the database (limit 10 s)")
    merged = LoadResult(sent=before.join().sent + result_down.sent + after.sent)
    _db_figures(stack, merged, figures, failed)
    return figures, failed


def redis_outage(stack: Any, seconds: float = 10.0, users: int = 10) -> tuple[Figures, list[str]]:
    item = stack.watched("Redis")
    item.paused = True
    failed: list[str] = []
    try:
        stack.redis.stop()
        down_at = time.monotonic()
        during = Background([stack.config.rest_url], users, max(2, int(seconds / 2)),
                            prefix="redisdown", pause=2.0, max_seconds=seconds - 2, timeout=15)
        result = during.join()
        time.sleep(max(0.0, seconds - (time.monotonic() - down_at)))
    finally:
        stack.redis.start()
        item.paused = False
    recovered = wait_for(lambda: _say(stack.config.rest_url, "redis-probe", "what is clonus?")[0]
                         == 200, 60, 0.25)
    polite = sum(1 for s in result.sent if REPLY_UNAVAILABLE in s.reply)
    processed = sum(1 for s in result.sent if s.acknowledged)
    figures: Figures = {"during": result.summary(), "polite_replies": polite,
                        "processed_without_lock": processed,
                        "recovered_after_redis_s": round(recovered, 1) if recovered else None}
    _no_silence(result, figures, failed)
    if processed:
        failed.append(f"{processed} turns were processed without the lock store (fail open)")
    if recovered is None or recovered > 10:
        failed.append(f"service came back {recovered} s after Redis")
    return figures, failed


def unavailable_text() -> str:
    """The English text of ``utter_action_unavailable`` (domain.yml)."""
    import yaml

    from bot import paths
    from bot.constants import UTTER_ACTION_UNAVAILABLE

    domain = yaml.safe_load((paths.ROOT / "domain.yml").read_text(encoding="utf-8"))
    return next(str(v["text"]) for v in domain["responses"][UTTER_ACTION_UNAVAILABLE]
                if not v.get("condition"))


def action_server_kill(stack: Any) -> tuple[Figures, list[str]]:
    url = stack.config.rest_url
    part_unavailable = unavailable_text()
    first = stack.front.actions
    failed: list[str] = []
    item = stack.watched("action server")
    item.paused = True  # keep it down while we look
    try:
        first.kill()
        first.wait(timeout=10)
        status, text = _say(url, "actions-down-1", EMERGENCY)
        escalated = URGENT in text
        status2, text2 = _say(url, "actions-down-2", "is there an MS specialist in Pune?")
    finally:
        item.paused = False
    restarted = wait_for(lambda: stack.front.actions is not first and requests.get(
        f"http://127.0.0.1:{stack.config.actions_port}/health", timeout=2).ok, 120, 0.5)
    status3, text3 = _say(url, "actions-back", "is there an MS specialist in Pune?")
    figures: Figures = {"escalation_while_down": escalated, "escalation_status": status,
                        "action_turn_while_down": {"status": status2, "text": text2[:160]},
                        "part_unavailable_said": part_unavailable in text2,
                        "restarted_after_s": round(restarted, 1) if restarted else None,
                        "action_turn_after": {"status": status3, "text": text3[:80]}}
    if not escalated:
        failed.append(f"the escalation did not arrive with the action server down: {text!r}")
    if not text2:
        failed.append("a turn needing an action got no text while the action server was down")
    elif status2 != 200 or part_unavailable not in text2:
        failed.append(f"a turn needing an action did not say that this part is unavailable: "
                      f"{status2} {text2[:160]!r}")
    if restarted is None:
        failed.append("the action server was not restarted")
    elif part_unavailable in text3 or status3 != 200:
        failed.append(f"after the restart the action's turn still failed: {status3} {text3[:80]!r}")
    return figures, failed


def run_all(stack: Any, report: Callable[[str], None] = print,
            only: Optional[list[str]] = None, pg_seconds: float = 30.0) -> int:
    """Run the faults one after the other; print each figure; returns how many failed."""
    import json

    faults: dict[str, Callable[[], tuple[Figures, list[str]]]] = {
        "kill_replica": lambda: kill_replica(stack),
        "action_server_kill": lambda: action_server_kill(stack),
        "postgres_outage": lambda: postgres_outage(stack, seconds=pg_seconds),
        "redis_outage": lambda: redis_outage(stack),
    }
    extra = _extra_faults(stack)
    faults.update(extra)
    failures = 0
    for name, fault in faults.items():
        if only and name not in only:
            continue
        began = time.monotonic()
        try:
            figures, failed = fault()
        except Exception as error:  # noqa: BLE001 - report and go on with the next fault
            figures, failed = {}, [f"{type(error).__name__}: {error}"]
        verdict = "PASS" if not failed else "FAIL"
        failures += bool(failed)
        report(f"[{verdict}] {name} ({time.monotonic() - began:.0f} s): "
               f"{json.dumps(figures, default=str)}")
        for line in failed:
            report(f"    - {line}")
        stack.wait_lb(300)
    return failures


def _extra_faults(stack: Any) -> dict[str, Callable[[], tuple[Figures, list[str]]]]:
    from bot.serve import faults_more

    return {"slow_action": lambda: faults_more.slow_action(stack),
            "rolling_restart": lambda: faults_more.rolling_restart(stack)}

