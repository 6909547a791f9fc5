"""``python -m bot``: the project's command line (used by the Makefile)."""

from __future__ import annotations

import argparse
import os
import signal
import sys
import time

from bot import paths
from bot.constants import DEFAULT_ACTIONS_PORT, DEFAULT_RASA_PORT, DEFAULT_WEB_PORT

#: how long `make run` waits for a live server that is still loading (a server that exits is
#: reported at once): a busy 2-core machine has taken over 3 minutes for the action server
START_TIMEOUT_S = 900.0


def cmd_train(args: argparse.Namespace) -> int:
    from bot.training import ensure_model

    ensure_model(force=args.force, skip_validation=args.skip_validation)
    return 0


def cmd_model(_: argparse.Namespace) -> int:
    from bot.fingerprint import model_path

    print(model_path())
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    from bot.serve.model_reload import WATCH_ENV
    from bot.serve.servers import ServerConfig, Servers
    from bot.training import ensure_model

    model = ensure_model()
    # a model trained while the servers run (make train, review apply) is loaded without a
    # restart (bot/serve/model_reload.py; no HTTP API is opened for it)
    watch = {} if args.no_model_watch else {WATCH_ENV: str(paths.MODELS)}
    config = ServerConfig(model=model, rasa_port=args.port, actions_port=args.actions_port,
                          tracker_db=paths.ROOT / args.tracker_db,
                          web_port=args.web_port or None, web_country=args.web_country,
                          extra_env=watch)
    servers = Servers(config)
    supervisor = None
    stop = {"now": False}

    def _handle(*_: object) -> None:
        stop["now"] = True

    signal.signal(signal.SIGTERM, _handle)
    signal.signal(signal.SIGINT, _handle)
    servers.progress = lambda line: print(line, file=sys.stderr, flush=True)
    try:
        try:
            # patient: on a busy machine loading the pipeline and the model takes minutes; a
            # server that exits is reported at once (servers.Servers._wait)
            took = servers.start(timeout=START_TIMEOUT_S)
        except (TimeoutError, RuntimeError) as error:
            print(f"\nThe assistant could not start: {error}.\n"
                  f"  logs: {paths.shown(config.log_dir) if config.log_dir else 'the output above'}",
                  file=sys.stderr, flush=True)
            return 1
        print(
            f"\nThe clonus assistant is ready ({took:.0f} s).\n"
            + (f"  web page:  {config.page_url}  (demo site with the chat widget)\n"
               if config.page_url else "") +
            f"  REST:      curl -s -X POST {config.rest_url} \\\n"
            f"               -H 'Content-Type: application/json' \\\n"
            f"               -d '{{\"sender\": \"me\", \"message\": \"what is clonus?\"}}'\n"
            f"  socket.io: http://127.0.0.1:{config.rasa_port}/socket.io (for the web widget)\n"
            f"  terminal:  make shell   (in another terminal)\n"
            f"  actions:   http://127.0.0.1:{config.actions_port}/health\n"
            f"  tracker:   {paths.shown(config.tracker_db)} (SQLite)\n"
            f"  models:    {'a model trained meanwhile is loaded without a restart' if watch else 'restart to load a new model'}\n"
            f"  messaging: {_channels_line(servers)}\n"
            f"Press Ctrl-C to stop.",
            flush=True,
        )
        # a crashed action server or demo page is restarted with back-off; Rasa keeps answering
        supervisor = servers.supervisor(report=lambda line: print(line, file=sys.stderr, flush=True))
        supervisor.start()
        while not stop["now"]:
            proc = servers.rasa
            if proc is not None and proc.poll() is not None:
                print(f"Rasa server stopped (exit {proc.returncode}); shutting down.", file=sys.stderr)
                return 1
            time.sleep(1)
    finally:
        if supervisor is not None:
            supervisor.stop()
        servers.stop()
    return 0


def cmd_stack(args: argparse.Namespace) -> int:
    from bot.serve.stack import Stack, StackConfig
    from bot.training import ensure_model

    config = StackConfig(model=ensure_model(), replicas=args.replicas, lb_port=args.port,
                         actions_port=args.actions_port, redis_port=args.redis_port,
                         web_port=args.web_port or None)
    stop = {"now": False}

    def _handle(*_: object) -> None:
        stop["now"] = True

    signal.signal(signal.SIGTERM, _handle)
    signal.signal(signal.SIGINT, _handle)
    report = lambda line: print(line, file=sys.stderr, flush=True)  # noqa: E731
    with Stack(config, report=report) as stack:
        took = stack.start()
        print(f"\nThe clonus assistant is ready: {args.replicas} Rasa replicas behind HAProxy "
              f"({took:.0f} s).\n{stack.describe()}\nPress Ctrl-C to stop everything.",
              flush=True)
        while not stop["now"]:
            time.sleep(0.5)
        print("stopping ...", file=sys.stderr, flush=True)
    return 0


def cmd_faults(args: argparse.Namespace) -> int:
    import shutil
    import tempfile
    import uuid
    from pathlib import Path

    from bot.serve import faults
    from bot.serve.ports import free_port as free
    from bot.serve.postgres import PgSettings
    from bot.serve.stack import Stack, StackConfig
    from bot.training import ensure_model

    # its own stack on free loopback ports, inside CLONUS_PORT_RANGE when it is set
    # (a running `make stack` is left alone)
    workdir = Path(tempfile.mkdtemp(prefix="clonus-faults-"))
    workdir.chmod(0o755)  # as root the cluster runs as `postgres`
    config = StackConfig(
        model=ensure_model(), replicas=args.replicas, lb_port=free(),
        replica_ports=[free() for _ in range(args.replicas)], actions_port=free(),
        redis_port=free(), sorry_port=free(), web_port=None, workdir=workdir,
        pg_directory=workdir / "postgres",
        pg_settings=PgSettings(user="clonus_faults", password=uuid.uuid4().hex, port=free(),
                               database="clonus_faults"))
    report = lambda line: print(line, flush=True)  # noqa: E731
    try:
        with Stack(config, report=report) as stack:
            took = stack.start()
            report(f"stack up in {took:.0f} s ({args.replicas} replicas); injecting faults")
            failures = faults.run_all(stack, report=report, only=args.only or None,
                                      pg_seconds=args.pg_seconds)
            logs = paths.REPORTS / "faults-logs"
            shutil.rmtree(logs, ignore_errors=True)
            shutil.copytree(stack.log_dir, logs)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    report(f"{failures} fault(s) failed" if failures else "every fault passed")
    return 1 if failures else 0


def _channels_line(servers: object) -> str:
    """Which messaging channels run (their environment variables are set; CHANNELS.md)."""
    enabled = [name.rsplit(".", 1)[-1] for name in getattr(servers, "channels", [])]
    if not enabled:
        return "none (Telegram, Twilio, Slack, Messenger need their variables: CHANNELS.md)"
    return ", ".join(enabled) + " (webhooks: /webhooks/<channel>/webhook, CHANNELS.md)"


def cmd_shell(args: argparse.Namespace) -> int:
    from bot.serve.shell import main

    return main(args.port)


def cmd_bench(args: argparse.Namespace) -> int:
    from bot.maintain.bench import main

    return main(args)


def _directory_error(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 1


def cmd_directory_import(args: argparse.Namespace) -> int:
    """Import a CSV into the SQLite directory: 0 when the file was read, 1 otherwise."""
    import sqlite3
    from pathlib import Path

    from bot.directory.config import load_directory_config, sqlite_path
    from bot.directory.csv_import import CsvFileError
    from bot.directory.sqlite import import_csv

    try:
        db = Path(args.db) if args.db else sqlite_path(load_directory_config())
        report = import_csv(Path(args.file), db, replace=args.replace)
    except CsvFileError as error:
        return _directory_error(f"cannot import: {error}")
    except (ValueError, OSError, sqlite3.Error) as error:
        return _directory_error(f"cannot import into the directory: {error}")
    print(f"Imported {report.imported} row(s) from {args.file} into {db}"
          f"{' (replaced its contents)' if args.replace else ''}; it now holds {report.total} entries.")
    if report.rejected:
        print(f"Rejected {len(report.rejected)} row(s):")
        for rejection in report.rejected:
            print(f"  {rejection}")
    else:
        print("No row was rejected.")
    if 0 < report.sample_rows < report.total:
        print(f"Note: {report.sample_rows} of its entries are sample (demo) data; "
              "import with --replace to drop them.")
    return 0


def cmd_directory_search(args: argparse.Namespace) -> int:
    """Search the configured directory: 0 for results or a search link, 1 for an error."""
    from pathlib import Path

    from bot.directory import SearchQuery, SqliteBackend, load_backend, load_specialties
    from bot.directory.validation import country_code, specialty_key

    keys = []
    for value in args.specialty:
        key = specialty_key(value)
        if key is None:
            return _directory_error(f"unknown specialty {value!r}; known: {', '.join(load_specialties())}")
        keys.append(key)
    country = None
    if args.country:
        country = country_code(args.country)
        if country is None:
            return _directory_error(f"unknown country {args.country!r} (use an ISO-2 code such as IN)")
    try:
        query = SearchQuery(tuple(keys), args.city, country, args.limit)
        if args.db:
            db = Path(args.db)
            if not db.is_file():
                return _directory_error(f"{db}: no such database file")
            backend = SqliteBackend(db)
        else:
            backend = load_backend()
        result = backend.search(query)
    except Exception as error:  # noqa: BLE001 - a maintainer tool: a message, not a traceback
        return _directory_error(f"cannot search the directory: {error}")
    labels = load_specialties()
    if result.entries:
        note = " - SAMPLE DATA, not real practices" if result.sample else ""
        print(f"{len(result.entries)} result(s) from the {result.backend} directory{note}:")
        for number, entry in enumerate(result.entries, 1):
            label = labels[entry.specialty].label if entry.specialty in labels else entry.specialty
            print(f"{number:2d}. {entry.name}\n    {label}; {entry.city}, {entry.country}")
            for detail in (entry.address, entry.phone, entry.url):
                if detail:
                    print(f"    {detail}")
    elif result.status == "unavailable":
        print(f"The {result.backend} directory is unavailable ({result.reason}).")
    else:
        print(f"No entry in the {result.backend} directory for this search.")
    if result.search_url:
        print(f"Search link: {result.search_url}")
    return 1 if result.status == "unavailable" else 0


def cmd_topic_new(args: argparse.Namespace) -> int:
    from bot.maintain.scaffold import main

    return main(args.key, args.title, draft_file=args.draft)


def cmd_review(args: argparse.Namespace) -> int:
    from bot.maintain.review import main

    return main(args)


def cmd_model_card(args: argparse.Namespace) -> int:
    from bot.maintain.model_card import main

    return main(args.rest)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    train = sub.add_parser("train", help="train the model if its inputs changed")
    train.add_argument("--force", action="store_true")
    train.add_argument("--skip-validation", action="store_true",
                       help="the data was just validated (make validate): skip Rasa's validation before training")
    train.set_defaults(func=cmd_train)

    model = sub.add_parser("model", help="print the path of the model for the current inputs")
    model.set_defaults(func=cmd_model)

    run = sub.add_parser("run", help="train if needed, start action + Rasa servers")
    run.add_argument("--port", type=int, default=int(os.environ.get("RASA_PORT", DEFAULT_RASA_PORT)))
    run.add_argument("--actions-port", type=int,
                     default=int(os.environ.get("ACTIONS_PORT", DEFAULT_ACTIONS_PORT)))
    run.add_argument("--tracker-db", default=os.environ.get("TRACKER_DB", "tracker.db"))
    run.add_argument("--web-port", type=int, default=int(os.environ.get("WEB_PORT", DEFAULT_WEB_PORT)),
                     help="port of the demo page with the web widget (0: no page)")
    run.add_argument("--web-country", default=os.environ.get("CLONUS_WEB_COUNTRY", ""),
                     help="ISO country code the page passes to the bot (default: the browser's region)")
    run.add_argument("--no-model-watch", action="store_true",
                     help="do not load newly trained models from models/ while running (restart instead)")
    run.set_defaults(func=cmd_run)

    stack = sub.add_parser("stack", help="the production shape: PostgreSQL, Redis, N Rasa "
                                         "replicas + actions, supervised, behind HAProxy")
    stack.add_argument("--replicas", type=int, default=os.environ.get("REPLICAS", "2"))
    stack.add_argument("--port", type=int, default=int(os.environ.get("RASA_PORT", DEFAULT_RASA_PORT)),
                       help="the load balancer's port (replicas on the next ports)")
    stack.add_argument("--actions-port", type=int,
                       default=int(os.environ.get("ACTIONS_PORT", DEFAULT_ACTIONS_PORT)))
    stack.add_argument("--redis-port", type=int, default=int(os.environ.get("REDIS_PORT", 6380)))
    stack.add_argument("--web-port", type=int, default=int(os.environ.get("WEB_PORT", DEFAULT_WEB_PORT)),
                       help="port of the demo page (0: no page)")
    stack.set_defaults(func=cmd_stack)

    fault = sub.add_parser("faults", help="inject faults into a stack of its own under load, "
                                          "print a figure for each")
    fault.add_argument("--replicas", type=int, default=os.environ.get("REPLICAS", "2"))
    fault.add_argument("--only", action="append", help="run only this fault (repeatable): "
                       "kill_replica, action_server_kill, postgres_outage, redis_outage, "
                       "slow_action, rolling_restart")
    fault.add_argument("--pg-seconds", type=float, default=30.0,
                       help="how long PostgreSQL is stopped")
    fault.set_defaults(func=cmd_faults)

    shell = sub.add_parser("shell", help="chat in the terminal with the running servers")
    shell.add_argument("--port", type=int, default=int(os.environ.get("RASA_PORT", DEFAULT_RASA_PORT)))
    shell.set_defaults(func=cmd_shell)

    bench = sub.add_parser("bench", help="benchmark latency, throughput, memory, start-up")
    bench.add_argument("--rounds", type=int, default=int(os.environ.get("BENCH_ROUNDS", 5)),
                       help="alternating rounds; each sends every bot 64 messages from one "
                            "sender and 128 from 8 senders")
    bench.add_argument("--port", type=int, default=0, help="our Rasa port (0: a free one)")
    bench.add_argument("--actions-port", type=int, default=0, help="our action server port (0: a free one)")
    bench.add_argument("--starter-port", type=int, default=0, help="the starter bot's port (0: a free one)")
    bench.add_argument("--starter-tracker", choices=("memory", "sqlite"),
                       default=os.environ.get("BENCH_STARTER_TRACKER", "memory"),
                       help="the starter bot's tracker store: memory (as rasa init ships it) or "
                            "sqlite (like ours)")
    bench.set_defaults(func=cmd_bench)

    directory = sub.add_parser("directory", help="practitioner directory: import a CSV, try a search")
    dsub = directory.add_subparsers(dest="directory_command", required=True)
    imp = dsub.add_parser("import", help="import a directory CSV into the SQLite directory",
                          description="Import a CSV (name, specialty, city, country, address, "
                                      "phone, url[, sample]). Exit 0 when the file was read "
                                      "(rejected rows are listed), 1 when it cannot be.")
    imp.add_argument("file", help="the CSV file")
    imp.add_argument("--db", help="SQLite file (default: directory.sqlite.path in endpoints.yml)")
    imp.add_argument("--replace", action="store_true", help="empty the directory first")
    imp.set_defaults(func=cmd_directory_import)
    search = dsub.add_parser("search", help="search the configured directory",
                             description="Search the directory configured in endpoints.yml "
                                         "(or the SQLite file given with --db).")
    search.add_argument("--specialty", action="append", required=True,
                        help="specialty key or label; repeat in order of preference")
    search.add_argument("--city")
    search.add_argument("--country", help="ISO-2 code or country name")
    search.add_argument("--limit", type=int, default=3)
    search.add_argument("--db", help="search this SQLite file instead of the configured backend")
    search.set_defaults(func=cmd_directory_search)

    topic = sub.add_parser("topic", help="maintainers: scaffold a new curated FAQ topic")
    tsub = topic.add_subparsers(dest="topic_command", required=True)
    new = tsub.add_parser("new", help="write the TODO stubs of a new topic (see MAINTAINING.md)",
                          description="Write the stubs of topic KEY: NLU examples, the answer "
                                      "for both audiences with a Source line, the catalogue "
                                      "entry, its line in utter_topics, a conversation test "
                                      "and held-in test examples. `make validate` fails until "
                                      "every TODO is filled.")
    new.add_argument("key", help="lower_snake_case topic key, e.g. clonus_jaw")
    new.add_argument("--title", help='the question shown to users, e.g. "Can clonus affect the jaw?"')
    new.add_argument("--from", dest="draft", metavar="DRAFT.yml",
                     help="write this draft's content instead of TODO stubs "
                          "(fields: tests/fixtures/sample_topic.yml)")
    new.set_defaults(func=cmd_topic_new)

    card = sub.add_parser("model-card", add_help=False,
                          help="write reports/model-card.md for the current model (--readme: and README.md)")
    card.add_argument("rest", nargs=argparse.REMAINDER)
    card.set_defaults(func=cmd_model_card)

    review = sub.add_parser("review", help="messages from real conversations that hit the fallback, "
                                           "had low confidence or escalated",
                            description="Read the tracker store (--db, else endpoints.yml) and list "
                                        "user messages that hit the fallback, had low confidence "
                                        "or escalated, grouped and counted. Prints message texts "
                                        "only (no sender ids).")
    review.add_argument("command", nargs="?", choices=["apply"],
                        help="apply FILE: add the annotated messages of FILE to data/nlu/reviewed.yml, "
                             "validate and retrain")
    review.add_argument("file", nargs="?", help="the annotated file (with apply)")
    review.add_argument("--no-train", action="store_true", help="with apply: do not retrain")
    review.add_argument("--db", help="SQLite tracker store file (default: tracker_store in endpoints.yml)")
    review.add_argument("--endpoints", help="endpoints file to read the tracker store from "
                                            "(default: endpoints.yml)")
    review.add_argument("--since", help="only messages from this day on (YYYY-MM-DD, UTC)")
    review.add_argument("--out", help="write the messages to this YAML file (Rasa NLU format) to annotate")
    review.set_defaults(func=cmd_review)

    from bot.privacy.cli import add_parser as add_privacy

    add_privacy(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["model-card"]:  # its own options (argparse's REMAINDER drops leading ones)
        from bot.maintain.model_card import main as model_card

        return model_card(argv[1:])
    args = build_parser().parse_args(argv)
    return int(args.func(args) or 0)
