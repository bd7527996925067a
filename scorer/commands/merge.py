"""`scorer merge`: verified scorecards into one signed packet per candidate.

    scorer merge [--trust DIR] [--expect KIND,...] -o PACKET.pdf FILE_OR_FOLDER...
    scorer merge [--trust DIR] [--expect KIND,...] --per-candidate OUTDIR FILE_OR_FOLDER...
    scorer merge --team --candidate EMAIL [-o PACKET.pdf]
    scorer merge --team --per-candidate OUTDIR

With --team the cards come from the team store this profile is connected to: each is
verified against the team's trust list before the merge verifies it again.

Exit codes: 0 every input verified and counted, and the packet(s) written; 2 some
input was rejected, or verified cards conflict (one interview signed under two
certificates: neither is counted); the packets are still written from the counted
cards and list the others; or none verified (nothing written); 1 a user error, such as
cards of two candidates for one packet, no signing identity, no output. A verified
packet or cohort report among the inputs (an earlier merge's output) is skipped:
it is not a scorecard, and it neither counts as rejected nor changes the exit code.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import Any

from scorer.services.export import check_output
from scorer.services.merge import MergeError, MergeService, default_packet_name
from scorer.services.merge.kinds import parse_expect
from scorer.services.team.merge import download_cards


def register(commands: Any) -> None:
    merge = commands.add_parser(
        "merge",
        help="merge verified scorecards into one signed packet (or one per candidate)",
        description="Verify every scorecard against the trust folder, then write one signed "
        "packet: a summary with computed scores and disagreement flags, every card's pages "
        "with a verification banner, and the original signed PDFs attached. Exit 0 if every "
        "input verified and counts, 2 if some were rejected or conflict (they are listed "
        "in the packet), 1 on a user error.",
    )
    merge.add_argument("inputs", nargs="*", type=Path, metavar="FILE_OR_FOLDER")
    merge.add_argument("--team", action="store_true",
                       help="merge the cards of the team store (`scorer team connect`) "
                       "instead of files")
    merge.add_argument("--candidate", metavar="EMAIL",
                       help="with --team: the candidate whose packet to build")
    target = merge.add_mutually_exclusive_group()
    target.add_argument("-o", "--output", type=Path, metavar="PACKET.pdf",
                        help="write one candidate's packet here")
    target.add_argument("--per-candidate", type=Path, metavar="OUTDIR",
                        help="write one packet per candidate, and a cohort report, in OUTDIR")
    merge.add_argument("--force", action="store_true",
                       help="replace PACKET.pdf, or the packets and report in OUTDIR, if they "
                       "exist")
    merge.add_argument(
        "--trust", type=Path, metavar="DIR",
        help="folder of trusted interviewer certificates (PEM); default: the configured "
        "trust folder, else interviewers/ beside the rubric folder",
    )
    merge.add_argument(
        "--expect", metavar="KIND,...",
        help="the interview kinds every candidate's panel should have (rubric ids, comma-"
        "separated); a packet lists those without a card as missing and marks its overall "
        "score partial. Default: every rubric of the rubric library",
    )
    merge.add_argument("--page-size", choices=["A4", "Letter"], default="A4",
                       help="paper size of the summary pages (default: A4)")
    merge.set_defaults(handler=run_merge)


def run_merge(args: argparse.Namespace) -> int:
    if args.team:
        return _run_team_merge(args)
    if args.candidate:
        raise MergeError("--candidate picks a candidate's cards in the team store; use it "
                         "with --team.")
    if not args.inputs:
        raise MergeError("Name the scorecards to merge (files or folders), or use --team.")
    if args.output is None and args.per_candidate is None:
        raise MergeError("Say where to write: -o PACKET.pdf, or --per-candidate OUTDIR.")
    return _merge_files(args)


def _run_team_merge(args: argparse.Namespace) -> int:
    # The local store and its team link load SQLAlchemy, which a merge of files never needs.
    from scorer.services.store import open_local_store
    from scorer.services.team.access import open_client

    if args.inputs:
        raise MergeError("With --team the cards come from the team store; name no files.")
    if args.trust is not None:
        raise MergeError("With --team the trust list is the team store's; --trust does not "
                         "apply.")
    if args.per_candidate is None and not args.candidate:
        raise MergeError("With --team, say whose packet: --candidate EMAIL, or "
                         "--per-candidate OUTDIR for every candidate.")
    if args.per_candidate is not None and args.candidate:
        raise MergeError("--candidate builds one packet; --per-candidate builds them all: "
                         "choose one.")
    with tempfile.TemporaryDirectory(prefix="scorer-team-merge-") as folder:
        with open_local_store() as store, open_client(store) as client:
            team = download_cards(client, Path(folder), args.candidate)
        for item in team.rejected:
            print(f"scorer: team store card rejected: {item.verification.line()}",
                  file=sys.stderr)
        print(f"team store: {team.written} verified card{'s' if team.written != 1 else ''}"
              f"{f', {len(team.rejected)} rejected' if team.rejected else ''}", flush=True)
        if args.candidate and args.output is None:
            args.output = Path(default_packet_name(args.candidate.split("@")[0]))
        args.inputs, args.trust = [team.cards], team.trust
        code = _merge_files(args)
    return 2 if team.rejected else code


def _merge_files(args: argparse.Namespace) -> int:
    if args.trust is not None and not args.trust.is_dir():
        raise MergeError(f"The trust folder {args.trust} does not exist.")
    _check_outputs(args)
    if args.expect is not None:
        parse_expect(args.expect, ())  # its form now; the kinds once the library is read
    with MergeService(args.trust, expect=args.expect) as service:
        merger = service.merger()  # no identity: say so before checking anything
        skip = [args.output] if args.output is not None else []
        if args.per_candidate is not None:
            skip += list(args.per_candidate.glob("*-packet.pdf"))
            skip.append(args.per_candidate / "cohort-report.pdf")
        paths = service.expand(args.inputs, skip=skip)
        if not paths:
            raise MergeError("No PDF file among the inputs: "
                             f"{', '.join(str(p) for p in args.inputs)}.")
        service.start_workers(len(paths))
        trust = service.trust
        if service.trust_problem():
            print(f"scorer: {service.trust_problem()}", file=sys.stderr)
        if merger.fingerprint not in trust.fingerprints:
            print(f"scorer: note: your certificate ({merger.name}) is not in "
                  f"{service.trust_folder}; others will see the packet as UNTRUSTED SIGNER "
                  "until it is added", file=sys.stderr)
        checked = service.check(paths)
        for item in checked:
            print(item.line(), flush=True)
        if not service.expected:  # the rubric library, read meanwhile
            print("scorer: note: no interview kind is expected (the rubric library has none), "
                  "so no packet can say an interview is missing; name them with --expect",
                  file=sys.stderr)
        rejected = sum(1 for c in checked if not c.ok and not c.skipped)
        if args.per_candidate is not None:
            result = service.build_per_candidate(checked, args.per_candidate, args.page_size)
            for packet in result.packets:
                print(packet.line())
            if result.report is not None:
                print(f"{result.report}: cohort and calibration report for "
                      f"{len(result.packets)} candidates")
            if result.table is not None:
                print(f"{result.table}: the cohort's cards, one row each")
            conflicts = result.conflicts
        else:
            packet = service.build_packet(checked, args.output, args.page_size)
            print(packet.line())
            conflicts = packet.conflicts
    where = "the packets and the cohort report" if args.per_candidate else "the packet"
    if rejected:
        print(f"scorer: {rejected} input{'s' if rejected != 1 else ''} rejected; listed in "
              f"{where}", file=sys.stderr)
    if conflicts:
        print(f"scorer: {conflicts} verified card{'s' if conflicts != 1 else ''} not counted: "
              "different certificates claim the same interview; listed in "
              f"{where}", file=sys.stderr)
    return 2 if rejected or conflicts else 0


EARLIER_OUTPUTS = ("*-packet.pdf", "cohort-report.pdf", "cohort.csv")


def _check_outputs(args: argparse.Namespace) -> None:
    """Refuse at once an output that would be overwritten without --force, or whose
    folder does not exist (OUTDIR itself is made, not its parents)."""
    if args.output is not None:
        check_output(args.output, force=args.force)
        return
    folder: Path = args.per_candidate
    if folder.exists() and not folder.is_dir():
        raise MergeError(f"{folder} is a file; --per-candidate needs a folder.")
    if not folder.parent.is_dir():
        raise MergeError(f"The folder {folder.parent} does not exist; make it first, or "
                         "write the packets elsewhere.")
    earlier = sorted({p.name for pattern in EARLIER_OUTPUTS for p in folder.glob(pattern)})
    if earlier and not args.force:
        shown = ", ".join(earlier[:3]) + (f" and {len(earlier) - 3} more" if len(earlier) > 3
                                          else "")
        raise MergeError(f"{folder} already holds the output of a merge ({shown}); give "
                         "--force to replace it, or choose another folder.")
