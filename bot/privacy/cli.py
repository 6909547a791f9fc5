"""``python -m bot privacy purge | export SENDER | delete SENDER``: the tracker store's
retention, access requests and erasure requests from the command line."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from bot.privacy import store


def _engine(args: argparse.Namespace) -> tuple[object, str]:
    return store.engine_for(getattr(args, "db", None), getattr(args, "endpoints", None))


def cmd_purge(args: argparse.Namespace) -> int:
    days = args.days if args.days is not None else store.retention_days()
    if days <= 0:
        print("error: --days must be positive", file=sys.stderr)
        return 1
    engine, source = _engine(args)
    try:
        removed = store.purge(engine, days, vacuum=args.vacuum)
    finally:
        engine.dispose()  # type: ignore[attr-defined]
    detail = ", ".join(f"{table}: {count}" for table, count in removed.rows.items()) or "no table"
    print(f"Deleted {removed.total} row(s) older than {days:g} days from {source} ({detail}).")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    engine, _ = _engine(args)
    try:
        data = store.export(engine, args.sender)
    finally:
        engine.dispose()  # type: ignore[attr-defined]
    if not data.get("events") and not any(data["tables"].values()):
        print(f"error: no conversation {args.sender!r} in the tracker store", file=sys.stderr)
        return 1
    text = json.dumps(data, indent=2, ensure_ascii=False)
    if args.out:
        Path(args.out).write_text(text + "\n", encoding="utf-8")
        print(f"Wrote {len(data.get('events', []))} event(s) of {args.sender!r} to {args.out}.")
    else:
        print(text)
    return 0


def cmd_delete(args: argparse.Namespace) -> int:
    engine, source = _engine(args)
    try:
        removed = store.delete_conversation(engine, args.sender, vacuum=args.vacuum)
    finally:
        engine.dispose()  # type: ignore[attr-defined]
    print(f"Deleted {removed.total} row(s) of {args.sender!r} from {source}.")
    return 0 if removed.total else 1


def main(args: argparse.Namespace) -> int:
    from bot.maintain.review import ReviewError

    try:
        return int(args.privacy_func(args))
    except (ReviewError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1


def add_parser(sub: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    privacy = sub.add_parser("privacy", help="tracker store: retention purge, export or delete a "
                                             "conversation (README, Privacy)")
    psub = privacy.add_subparsers(dest="privacy_command", required=True)

    def common(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--db", help="SQLite tracker store file (default: tracker_store in "
                                         "endpoints.yml)")
        parser.add_argument("--endpoints", help="endpoints file naming the tracker store "
                                                "(default: endpoints.yml)")

    purge = psub.add_parser("purge", help="delete every row older than CLONUS_RETENTION_DAYS "
                                          "(default 30) days")
    common(purge)
    purge.add_argument("--days", type=float, help="retention in days (default: "
                                                  "CLONUS_RETENTION_DAYS or 30)")
    purge.add_argument("--vacuum", action="store_true", help="PostgreSQL: VACUUM the tables now")
    purge.set_defaults(func=main, privacy_func=cmd_purge)

    export = psub.add_parser("export", help="write one conversation as JSON (an access request)")
    common(export)
    export.add_argument("sender", help="the conversation id (sender id)")
    export.add_argument("--out", help="write to this file instead of standard output")
    export.set_defaults(func=main, privacy_func=cmd_export)

    delete = psub.add_parser("delete", help="delete one conversation (an erasure request)")
    common(delete)
    delete.add_argument("sender", help="the conversation id (sender id)")
    delete.add_argument("--vacuum", action="store_true", help="PostgreSQL: VACUUM the tables now")
    delete.set_defaults(func=main, privacy_func=cmd_delete)
