"""`python -m mentoring_data COMMAND`: validate, load, export and count programme files, and
write presentations of a programme.

Exit status: 0 success, 1 invalid input or the database in use, 2 wrong usage.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from mentoring_data import settings
from mentoring_data.format.validation import ValidationFailed
from mentoring_data.programme_files import exporting, loading
from mentoring_data.store import database


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m mentoring_data",
        description="Check, load, export and count mentoring programme files.",
    )
    parser.add_argument(
        "--db",
        metavar="FILE",
        help="database file (default: $MENTORING_DB, else data/mentoring.duckdb)",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    validate = commands.add_parser("validate", help="check files; write nothing")
    validate.add_argument("files", nargs="+", metavar="FILE")
    load = commands.add_parser("load", help="check, then write all files in one transaction")
    load.add_argument("files", nargs="+", metavar="FILE")
    export = commands.add_parser("export", help="write one file per stored programme")
    export.add_argument("directory", metavar="DIR")
    commands.add_parser("stats", help="print the record counts as one JSON object")
    commands.add_parser(
        "init",
        help="prepare the database as the app's first start does: "
        "load the shipped programmes if it is empty, create admin",
    )
    serve = commands.add_parser(
        "serve", help="prepare the database as init does, then start the dashboard"
    )
    serve.add_argument("--port", type=int, default=8501)
    serve.add_argument("--address", default="localhost", help="default: only this computer")
    present = commands.add_parser(
        "present", help="write a deck, PDF report or offline HTML page of a programme or pair"
    )
    present.add_argument("--format", choices=["pptx", "pdf", "html"], required=True)
    present.add_argument("--programme", metavar="ID")
    present.add_argument("--pair", metavar="ID")
    present.add_argument(
        "--out", metavar="FILE", help="default: PROGRAMME[-PAIR].FORMAT in this folder"
    )
    user = commands.add_parser("user", help="manage accounts")
    user_commands = user.add_subparsers(dest="user_command", required=True, metavar="ACTION")
    add = user_commands.add_parser("add", help="create an account")
    add.add_argument("name")
    add.add_argument("--role", choices=["viewer", "editor", "admin"], required=True)
    add.add_argument(
        "--programme",
        action="append",
        default=[],
        metavar="ID",
        help="an editor may change this whole programme (repeatable)",
    )
    add.add_argument(
        "--pair",
        action="append",
        default=[],
        metavar="ID",
        help="an editor may change this pair (repeatable; the programme is "
        "found from the pair, or give it as PROGRAMME/PAIR)",
    )
    add.add_argument("--email", help="for sign-in through an identity provider")
    add.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from standard input instead of generating one",
    )
    return parser


def _print_report(report, out=sys.stdout) -> None:
    for warning in report.warnings:
        print(f"{warning} (warning)", file=sys.stderr)
    for problem in report.problems:
        print(problem, file=out)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    db_path = settings.database_path(args.db)
    try:
        return _run(args, db_path)
    except database.DatabaseInUse as err:
        print(f"error: {err}", file=sys.stderr)
        return 1


def _run(args: argparse.Namespace, db_path: Path) -> int:
    if args.command == "validate":
        report = loading.check_files(args.files)
        _print_report(report)
        if report.ok:
            print(f"{len(report.files)} file(s) valid", file=sys.stderr)
        return 0 if report.ok else 1
    if args.command == "load":
        try:
            report = loading.load_files(args.files, db_path)
        except ValidationFailed as failed:
            _print_report(failed.report)
            print(f"nothing was written: {len(failed.report.problems)} problem(s)", file=sys.stderr)
            return 1
        _print_report(report)
        print(f"loaded {len(report.files)} file(s) into {db_path}", file=sys.stderr)
        return 0
    target = database.open_store(db_path)
    if args.command in ("init", "serve"):
        from mentoring_data import startup
        from mentoring_data.access import accounts

        startup.fill_if_empty(target)
        accounts.ensure_admin(target)
        (counts,) = target.read("record_counts").to_dict("records")
        print(f"{db_path}: {int(counts['programmes'])} programme(s) ready", file=sys.stderr)
        if args.command == "serve":
            database.close_store(db_path)  # the app's process opens it: one process at a time
            _serve(args, db_path)
        return 0
    if args.command == "user":
        return _add_user(target, args)
    if args.command == "present":
        return _present(args, db_path)
    if args.command == "export":
        for path in exporting.export_all(target, Path(args.directory)):
            print(path)
        return 0
    (counts,) = target.read("record_counts").to_dict("records")
    print(json.dumps({name: int(value) for name, value in counts.items()}))
    return 0


def _serve(args: argparse.Namespace, db_path: Path) -> None:
    """Replace this process by the Streamlit server running the app, from the app's folder
    (so its .streamlit/config.toml applies) on the database chosen here."""
    import os

    os.environ["MENTORING_DB"] = str(db_path.resolve())
    os.chdir(settings.APP_DIR)
    command = [sys.executable, "-m", "streamlit", "run", "app.py"]
    command += [f"--server.port={args.port}", f"--server.address={args.address}"]
    os.execv(sys.executable, command)


def _present(args: argparse.Namespace, db_path: Path) -> int:
    import os

    from mentoring_data.exports import files
    from mentoring_data.messages import t

    os.environ["MENTORING_DB"] = str(db_path)  # the data functions read the store it names
    out = Path(args.out) if args.out else None
    if out is not None and not out.parent.is_dir():
        print(f"error: {t('export.out_folder_missing', path=out)}", file=sys.stderr)
        return 1
    try:
        written = files.write(args.format, args.programme, args.pair, out)
    except files.CannotExport as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    print(written)
    return 0


def _add_user(target: database.Store, args: argparse.Namespace) -> int:
    from mentoring_data.access import accounts

    stored = {pid for (pid,) in target.rows("programme_ids")}
    unknown = [p for p in args.programme if p not in stored]
    if unknown:
        print(f"error: --programme {unknown[0]}: no such programme is loaded", file=sys.stderr)
        return 1
    scopes: list[tuple[str, str | None]] = [(p, None) for p in args.programme]
    for pair in args.pair:
        if "/" in pair:
            programme_id, pair_id = pair.split("/", 1)
            scopes.append((programme_id, pair_id))
            continue
        homes = [pid for (pid,) in target.rows("programmes_with_pair", pair_id=pair)]
        if len(homes) != 1:
            where = "no programme" if not homes else f"several programmes ({', '.join(homes)})"
            print(
                f"error: --pair {pair}: the pair is in {where}; give it as PROGRAMME/PAIR",
                file=sys.stderr,
            )
            return 1
        scopes.append((homes[0], pair))
    generated = None
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    elif args.email and not args.password_stdin:
        password = None  # signs in through the identity provider
    else:
        import secrets

        generated = password = secrets.token_urlsafe(12)
    try:
        accounts.add_user(
            target, accounts.COMMAND_LINE, args.name, args.role, password, args.email, scopes
        )
    except ValueError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    may_edit = ", ".join(p + (f"/{q}" if q else "") for p, q in scopes)
    print(f"created {args.role} {args.name}" + (f" (may edit: {may_edit})" if scopes else ""))
    if generated:
        print(f"one-time password: {generated}")
    return 0
