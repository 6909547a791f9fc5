"""``python -m bot``: the project's command line (used by the Makefile)."""

from __future__ import annotations

import argparse
import os
import signal
import sys
import time

from bot import paths
from bot.constants import DEFAULT_ACTIONS_PORT, DEFAULT_RASA_PORT


def cmd_train(args: argparse.Namespace) -> int:
    from bot.training import ensure_model

    ensure_model(force=args.force)
    return 0


def cmd_model(_: argparse.Namespace) -> int:
    from bot.fingerprint import model_path

    print(model_path())
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    from bot.servers import ServerConfig, Servers
    from bot.training import ensure_model

    model = ensure_model()
    config = ServerConfig(model=model, rasa_port=args.port, actions_port=args.actions_port,
                          tracker_db=paths.ROOT / args.tracker_db)
    servers = Servers(config)
    stop = {"now": False}

    def _handle(*_: object) -> None:
        stop["now"] = True

    signal.signal(signal.SIGTERM, _handle)
    signal.signal(signal.SIGINT, _handle)
    try:
        took = servers.start()
        print(
            f"\nThe clonus assistant is ready ({took:.0f} s).\n"
            f"  REST:      curl -s -X POST {config.rest_url} \\\n"
            f"               -H 'Content-Type: application/json' \\\n"
            f"               -d '{{\"sender\": \"me\", \"message\": \"what is clonus?\"}}'\n"
            f"  socket.io: http://127.0.0.1:{config.rasa_port}/socket.io (for the web widget)\n"
            f"  terminal:  make shell   (in another terminal)\n"
            f"  actions:   http://127.0.0.1:{config.actions_port}/health\n"
            f"  tracker:   {config.tracker_db.relative_to(paths.ROOT)} (SQLite)\n"
            f"Press Ctrl-C to stop.",
            flush=True,
        )
        while not stop["now"]:
            for name, proc in (("Rasa server", servers.rasa), ("action server", servers.actions)):
                if proc is not None and proc.poll() is not None:
                    print(f"{name} stopped (exit {proc.returncode}); shutting down.", file=sys.stderr)
                    return 1
            time.sleep(1)
    finally:
        servers.stop()
    return 0


def cmd_shell(args: argparse.Namespace) -> int:
    from bot.shell import main

    return main(args.port)


def cmd_bench(args: argparse.Namespace) -> int:
    from bot.bench import main

    return main(args)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    train = sub.add_parser("train", help="train the model if its inputs changed")
    train.add_argument("--force", action="store_true")
    train.set_defaults(func=cmd_train)

    model = sub.add_parser("model", help="print the path of the model for the current inputs")
    model.set_defaults(func=cmd_model)

    run = sub.add_parser("run", help="train if needed, start action + Rasa servers")
    run.add_argument("--port", type=int, default=int(os.environ.get("RASA_PORT", DEFAULT_RASA_PORT)))
    run.add_argument("--actions-port", type=int,
                     default=int(os.environ.get("ACTIONS_PORT", DEFAULT_ACTIONS_PORT)))
    run.add_argument("--tracker-db", default=os.environ.get("TRACKER_DB", "tracker.db"))
    run.set_defaults(func=cmd_run)

    shell = sub.add_parser("shell", help="chat in the terminal with the running servers")
    shell.add_argument("--port", type=int, default=int(os.environ.get("RASA_PORT", DEFAULT_RASA_PORT)))
    shell.set_defaults(func=cmd_shell)

    bench = sub.add_parser("bench", help="benchmark latency, throughput, memory, start-up")
    bench.add_argument("--requests", type=int, default=300, help="messages per scenario")
    bench.add_argument("--port", type=int, default=5105)
    bench.add_argument("--actions-port", type=int, default=5155)
    bench.set_defaults(func=cmd_bench)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args) or 0)
