"""`scorer export INTERVIEW_ID -o FILE.pdf`: the signed PDF scorecard of a submitted interview."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from scorer.services.export import check_output
from scorer.services.export_records import export_interview


def register(commands: Any) -> None:
    export = commands.add_parser(
        "export",
        help="export a submitted interview as a signed PDF scorecard",
        description="Render the scorecard of a submitted interview, embed its JSON, sign it "
        "with the interviewer's key from the OS keyring and write FILE.pdf.",
    )
    export.add_argument("interview_id", type=int, metavar="INTERVIEW_ID")
    export.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.pdf")
    export.add_argument("--page-size", choices=["A4", "Letter"], default="A4",
                        help="paper size (default: A4)")
    export.add_argument("--force", action="store_true",
                        help="replace FILE.pdf if it exists (its folder must exist)")
    export.set_defaults(handler=run_export)


def run_export(args: argparse.Namespace) -> int:
    check_output(args.output, force=args.force)
    result = export_interview(args.interview_id, args.output, args.page_size)
    print(f"{result.path}: signed by {result.signed_by}, {result.pages} pages, "
          f"sha256 {result.sha256}")
    return 0
