"""`python -m mentoring_data COMMAND`: validate, load, export and count programme files, write
presentations of a programme, and generate synthetic networks for scale tests.

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
from mentoring_data.messages import LANGUAGES, t
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
    synthetic = commands.add_parser(
        "synthetic",
        help="write a generated network (every record marked synthetic) as programme files",
    )
    synthetic.add_argument("directory", metavar="OUT_DIR")
    size = synthetic.add_mutually_exclusive_group(required=True)
    size.add_argument("--size", choices=["M", "L"], help="M: 100 programmes, L: 1,000")
    size.add_argument("--programmes", type=int, metavar="N", help="another number of programmes")
    synthetic.add_argument("--seed", type=int, default=7)
    synthetic.add_argument(
        "--anchor",
        type=_date,
        metavar="YYYY-MM-DD",
        help="the day the network's dates lie around (default: today)",
    )
    synthetic.add_argument(
        "--load",
        action="store_true",
        help="also load the files into the database and add their synthetic change history",
    )
    backup = commands.add_parser(
        "backup",
        help="copy the whole database into a new file (while the dashboard runs, "
        "use its Admin page instead)",
    )
    backup.add_argument("out_file", metavar="OUT_FILE")
    restore = commands.add_parser(
        "restore",
        help="replace the database with a backup; says first which later changes "
        "would be lost, and needs --yes",
    )
    restore.add_argument("in_file", metavar="IN_FILE")
    restore.add_argument("--yes", action="store_true", help="restore, losing the changes listed")
    present.add_argument(
        "--language",
        choices=LANGUAGES,
        default="en",
        help="language of the presentation's words, dates and numbers (default: en)",
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


def _date(text: str):
    import datetime as dt

    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date: write YYYY-MM-DD") from None


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
        if args.command in ("backup", "restore"):
            print(t("backup.app_running"), file=sys.stderr)
        return 1
    except (database.DatabaseDamaged, database.CannotWrite) as err:
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
    if args.command == "synthetic":
        return _synthetic(args, db_path)
    if args.command == "restore":
        return _restore(args, db_path)
    target = database.open_store(db_path)
    if args.command == "backup":
        return _backup(target, Path(args.out_file))
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


def _synthetic(args: argparse.Namespace, db_path: Path) -> int:
    from mentoring_data.programme_files import synthetic

    if args.programmes is not None and args.programmes < 1:
        print("error: --programmes must be at least 1", file=sys.stderr)
        return 2
    size = synthetic.SIZES[args.size] if args.size else synthetic.scaled(args.programmes)
    paths = synthetic.write_programme_files(size, Path(args.directory), args.seed, args.anchor)
    print(f"wrote {len(paths)} synthetic programme file(s) into {args.directory}", file=sys.stderr)
    if not args.load:
        return 0
    try:
        loading.load_files(paths, db_path)
    except ValidationFailed as failed:
        _print_report(failed.report)
        print(f"nothing was written: {len(failed.report.problems)} problem(s)", file=sys.stderr)
        return 1
    rows = synthetic.write_synthetic_history(
        database.open_store(db_path), size, seed=args.seed, anchor=args.anchor
    )
    print(f"loaded them into {db_path} with {rows} synthetic history row(s)", file=sys.stderr)
    return 0


def _backup(target: database.Store, out_file: Path) -> int:
    from mentoring_data.access import accounts
    from mentoring_data.programme_files import backups

    try:
        written = backups.take_backup(target, accounts.COMMAND_LINE, out_file)
    except backups.BackupRefused as refused:
        print(f"error: {refused}", file=sys.stderr)
        return 1
    changes = len(database.peek(written, "change_log") or [])
    print(t("backup.written", path=written, changes=changes), file=sys.stderr)
    return 0


def _restore(args: argparse.Namespace, db_path: Path) -> int:
    from mentoring_data.access import accounts
    from mentoring_data.programme_files import backups

    try:
        plan = backups.plan_restore(db_path, Path(args.in_file))
    except backups.CannotRestore as refused:
        print(f"error: {refused}", file=sys.stderr)
        return 1
    for line in plan.warning_lines():
        print(line, file=sys.stderr)
    if not args.yes:
        print(t("backup.confirm"), file=sys.stderr)
        return 1
    aside = backups.restore_backup(plan, accounts.COMMAND_LINE)
    print(t("backup.restored", target=db_path, backup=plan.backup, aside=aside), file=sys.stderr)
    return 0


def _present(args: argparse.Namespace, db_path: Path) -> int:
    import os

    from mentoring_data.exports import files
    from mentoring_data.messages import use_language

    use_language(args.language)
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
