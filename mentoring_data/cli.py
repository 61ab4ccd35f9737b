"""`python -m mentoring_data COMMAND`: validate, load, export and count programme files.

Exit status: 0 success, 1 invalid input or the database in use, 2 wrong usage.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from mentoring_data import exporting, loading, settings, store
from mentoring_data.validation import ValidationFailed


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m mentoring_data",
        description="Check, load, export and count mentoring programme files.",
    )
    parser.add_argument("--db", metavar="FILE",
                        help="database file (default: $MENTORING_DB, else data/mentoring.duckdb)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    validate = commands.add_parser("validate", help="check files; write nothing")
    validate.add_argument("files", nargs="+", metavar="FILE")
    load = commands.add_parser("load", help="check, then write all files in one transaction")
    load.add_argument("files", nargs="+", metavar="FILE")
    export = commands.add_parser("export", help="write one file per stored programme")
    export.add_argument("directory", metavar="DIR")
    commands.add_parser("stats", help="print the record counts as one JSON object")
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
    except store.DatabaseInUse as err:
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
            print(f"nothing was written: {len(failed.report.problems)} problem(s)",
                  file=sys.stderr)
            return 1
        _print_report(report)
        print(f"loaded {len(report.files)} file(s) into {db_path}", file=sys.stderr)
        return 0
    target = store.open_store(db_path)
    if args.command == "export":
        for path in exporting.export_all(target, Path(args.directory)):
            print(path)
        return 0
    (counts,) = target.read("record_counts").to_dict("records")
    print(json.dumps({name: int(value) for name, value in counts.items()}))
    return 0
