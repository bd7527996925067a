"""`scorer rubrics check [PATH ...]`: validate rubric files, as in a pre-commit hook or CI."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from scorer.paths import data_home
from scorer.services.rubrics.folder import resolve_rubric_folder
from scorer.services.rubrics.library import load_paths
from scorer.services.settings import load_settings


def register(commands: Any) -> None:
    rubrics = commands.add_parser("rubrics", help="work with rubric files")
    sub = rubrics.add_subparsers(title="rubric commands", metavar="ACTION", required=True)
    check = sub.add_parser(
        "check",
        help="validate rubric files; print FILE:LINE:COL: message for each problem",
        description="Validate rubric files and folders. Exit status 0 when all are valid, else 1.",
    )
    check.add_argument(
        "paths", nargs="*", type=Path, metavar="PATH",
        help="rubric files or folders (default: the configured rubric folder)",
    )
    check.add_argument("-q", "--quiet", action="store_true", help="print only problems")
    check.set_defaults(handler=run_check)


def run_check(args: argparse.Namespace) -> int:
    paths: list[Path] = args.paths or [resolve_rubric_folder(load_settings(), data_home()).path]
    library = load_paths(paths)
    for load in library.loads:
        for diagnostic in load.diagnostics:
            print(diagnostic)
        if load.rubric is not None and not args.quiet:
            rubric = load.rubric
            print(f"{load.file}: ok: {rubric.id} version {rubric.version}", file=sys.stderr)
    bad = sum(1 for load in library.loads if not load.ok)
    if not args.quiet:
        total = len(library.loads)
        verdict = "all valid" if not bad else f"{bad} invalid"
        print(f"{total} rubric file{'s' if total != 1 else ''} checked, {verdict}", file=sys.stderr)
    if not library.loads:
        print("no rubric files found", file=sys.stderr)
        return 1
    return 1 if bad else 0
