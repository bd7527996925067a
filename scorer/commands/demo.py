"""`scorer demo [--candidates N]`: fill a fresh store with realistic sample interviews."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def register(commands: Any) -> None:
    demo = commands.add_parser(
        "demo",
        help="fill a fresh store with sample candidates and interviews",
        description=(
            "Fill the local store with sample data: each candidate gets every interview of the "
            "rubric library, by a different sample interviewer, scored and submitted; one "
            "interview is in progress and one is finished but not submitted. Use "
            "`scorer --home DIR demo` to keep the sample data apart from real interviews."
        ),
    )
    demo.add_argument(
        "--candidates", type=int, default=None, metavar="N",
        help="how many sample candidates (default: 12)",
    )
    demo.add_argument("--seed", type=int, default=None, help="random seed (default: fixed)")
    demo.add_argument(
        "--force", action="store_true", help="add the sample data even if the store has interviews"
    )
    demo.set_defaults(handler=run_demo)


def run_demo(args: argparse.Namespace) -> int:
    from scorer.domain.errors import ScorerError
    from scorer.services.demo import DEFAULT_CANDIDATES, SEED, fill_demo
    from scorer.services.rubric_library import load_library
    from scorer.services.settings import load_settings
    from scorer.services.store import open_local_store

    folder = load_settings().rubrics_dir()
    library = load_library(folder)
    for diagnostic in library.diagnostics:
        print(f"warning: {diagnostic}", file=sys.stderr)
    if not library.rubrics:
        raise ScorerError(f"No valid rubrics in {folder}; check them with `scorer rubrics check`.")
    candidates = DEFAULT_CANDIDATES if args.candidates is None else args.candidates
    with open_local_store() as store:
        result = fill_demo(
            store, library.rubrics, candidates,
            seed=SEED if args.seed is None else args.seed, force=args.force,
        )
        where = store.path
    print(
        f"Added {result.candidates} sample candidates and {result.interviews} interviews to "
        f"{where}.\nSample interviewers: {', '.join(result.interviewers)}.\n"
        "See them with `scorer interviews list`."
    )
    return 0
