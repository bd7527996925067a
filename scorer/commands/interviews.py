"""`scorer interviews list [--json]`: every interview in the local store."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime, timedelta
from typing import Any

from scorer.domain.interview_state import InterviewState
from scorer.services.clock import utc_now
from scorer.services.interview_listing import list_interviews


def register(commands: Any) -> None:
    interviews = commands.add_parser("interviews", help="work with the interviews of the store")
    sub = interviews.add_subparsers(title="interview commands", metavar="ACTION", required=True)
    listing = sub.add_parser(
        "list",
        help="list interviews, newest first; flag unsubmitted ones older than a day",
        description="List every interview in the local store, newest first.",
    )
    listing.add_argument("--json", action="store_true", help="print a JSON array, for scripts")
    listing.set_defaults(handler=run_list)


def run_list(args: argparse.Namespace) -> int:
    summaries = list_interviews()
    now = utc_now()
    if args.json:
        rows = [
            {
                "id": s.id,
                "candidate": s.candidate_name,
                "email": s.candidate_email,
                "rubric": s.rubric_id,
                "rubric_title": s.rubric_title,
                "interviewer": s.interviewer_name,
                "interviewer_email": s.interviewer_email,
                "state": s.state.value,
                "recommendation": s.recommendation,
                "created_at": _iso(s.created_at),
                "scheduled_for": s.scheduled_for.isoformat() if s.scheduled_for else None,
                "started_at": _iso(s.started_at),
                "submitted_at": _iso(s.submitted_at),
                "age_seconds": round(s.age(now).total_seconds()),
                "forgotten": s.forgotten(now),
            }
            for s in summaries
        ]
        # One object a line: json's C encoder writes each, where any indent falls back to
        # its pure-Python encoder; the whole array goes out in one write.
        body = ",\n".join([json.dumps(row, ensure_ascii=False) for row in rows])
        sys.stdout.write(f"[\n{body}\n]\n" if rows else "[]\n")
        return 0
    if not summaries:
        print("No interviews yet; `scorer demo` adds sample data.", file=sys.stderr)
        return 0
    table: list[tuple[str, ...]] = [("ID", "Candidate", "Interview", "Interviewer", "State", "Age")]
    labels = {state: state.label for state in InterviewState}
    forgotten = 0
    for s in summaries:
        label = labels[s.state]
        if s.forgotten(now):
            forgotten += 1
            label += " !"
        table.append((str(s.id), s.candidate_name, s.rubric_id, s.interviewer_name, label,
                      _age(s.age(now))))
    _print_table(table)
    if forgotten:
        noun = "interview" if forgotten == 1 else "interviews"
        print(f"! {forgotten} {noun} held over a day ago and not yet submitted", file=sys.stderr)
    return 0


def _print_table(table: list[tuple[str, ...]]) -> None:
    """Columns padded to their widest cell, the first to the right; the last is not padded."""
    widths = [max(map(len, column)) for column in zip(*table, strict=True)]
    cells = [f"{{:>{widths[0]}}}", *(f"{{:<{width}}}" for width in widths[1:-1]), "{}\n"]
    line = "  ".join(cells).format
    sys.stdout.write("".join([line(*row) for row in table]))  # one write: stdout may be unbuffered


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _age(age: timedelta) -> str:
    seconds = max(0, int(age.total_seconds()))
    if seconds < 3600:
        return f"{seconds // 60}m"
    if seconds < 86400:
        return f"{seconds // 3600}h"
    return f"{seconds // 86400}d"
