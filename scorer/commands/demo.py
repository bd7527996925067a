"""`scorer demo [--candidates N]`: fill a fresh store with realistic sample interviews."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from scorer.domain.errors import ScorerError
from scorer.paths import data_home
from scorer.services.demo import (
    DEFAULT_CANDIDATES,
    SEED,
    fill_demo,
    give_identities,
    sample_people,
)
from scorer.services.rubrics.folder import resolve_rubric_folder
from scorer.services.rubrics.library import load_library
from scorer.services.settings import load_settings
from scorer.services.store import open_local_store

if TYPE_CHECKING:
    from scorer.services.demo import DemoSigning


def register(commands: Any) -> None:
    demo = commands.add_parser(
        "demo",
        help="fill a fresh store with sample candidates and interviews",
        description=(
            "Fill the local store with sample data: each candidate gets every interview of the "
            "rubric library, by a different sample interviewer, scored and submitted; one "
            "interview is in progress and one is finished but not submitted. Each sample "
            "interviewer gets a signing identity (key in the OS keyring, certificate in the "
            "profile's trust folder), so the sample interviews can be exported and verified. "
            "Use `scorer --home DIR demo` to keep the sample data apart from real interviews."
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
    demo.add_argument(
        "--identities", action="store_true",
        help="add no data; only give the sample interviewers already in the store their signing "
        "identities (after a keyring problem)",
    )
    demo.set_defaults(handler=run_demo)


def run_demo(args: argparse.Namespace) -> int:
    folder = resolve_rubric_folder(load_settings(), data_home()).path
    library = load_library(folder)
    for diagnostic in library.diagnostics:
        print(f"warning: {diagnostic}", file=sys.stderr)
    if not library.rubrics:
        raise ScorerError(f"No valid rubrics in {folder}; check them with `scorer rubrics check`.")
    candidates = DEFAULT_CANDIDATES if args.candidates is None else args.candidates
    with open_local_store() as store:
        if args.identities:
            signing = give_identities(store, sample_people(library.rubrics))
            if not signing.created and not signing.reused and signing.problem is None:
                raise ScorerError(f"The store {store.path} has no sample interviewers; "
                                  "add the sample data with `scorer demo` first.")
            return _report_signing(signing)
        result = fill_demo(
            store, library.rubrics, candidates,
            seed=SEED if args.seed is None else args.seed, force=args.force,
            texts=library.texts(),
        )
        where = store.path
        signing = give_identities(store, result.people)
    print(
        f"Added {result.candidates} sample candidates and {result.interviews} interviews to "
        f"{where}.\nSample interviewers: {', '.join(result.interviewers)}.\n"
        "See them with `scorer interviews list`."
    )
    _report_signing(signing)
    return 0


def _report_signing(signing: DemoSigning) -> int:
    if signing.problem is not None:
        print(f"scorer: {signing.problem}", file=sys.stderr)
        return 1
    parts = []
    if signing.created:
        parts.append(f"{len(signing.created)} new (keys in the OS keyring)")
    if signing.reused:
        parts.append(f"{len(signing.reused)} kept from before")
    print(f"Signing identities of the sample interviewers: {', '.join(parts)}; "
          f"their certificates are in {signing.folder}.")
    if signing.trusted:
        print("That folder is this profile's trust folder: `scorer export ID -o card.pdf` "
              "signs a submitted sample interview and `scorer verify card.pdf` says OK.")
    else:
        print(f"scorer: your trust folder setting points to {signing.configured}, so it is left "
              f"as it is; verify sample scorecards with `scorer verify --trust {signing.folder}`.",
              file=sys.stderr)
    return 0
