"""`scorer verify [--trust DIR] FILE...`: check signed scorecards against the trust folder."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from scorer.services.settings import load_settings
from scorer.services.verify import load_trust, verify_file


def register(commands: Any) -> None:
    verify = commands.add_parser(
        "verify",
        help="verify signed scorecards; exit 0 only if every file is OK",
        description="Print one line per file: OK, TAMPERED, UNTRUSTED SIGNER, UNSIGNED, "
        "NOT A SCORECARD or UNREADABLE, with the signer and the candidate.",
    )
    verify.add_argument("files", nargs="+", type=Path, metavar="FILE")
    verify.add_argument(
        "--trust", type=Path, metavar="DIR",
        help="folder of trusted interviewer certificates (PEM); default: the configured "
        "trust folder, else interviewers/ beside the rubric folder",
    )
    verify.set_defaults(handler=run_verify)


def run_verify(args: argparse.Namespace) -> int:
    folder: Path = args.trust or load_settings().trust_dir()
    if args.trust is not None and not folder.is_dir():
        print(f"scorer: the trust folder {folder} does not exist", file=sys.stderr)
        return 2
    trust = load_trust(folder)
    if not trust.fingerprints:
        print(f"scorer: no interviewer certificate in {folder}; every signer is untrusted",
              file=sys.stderr)
    ok = True
    for path in args.files:
        result = verify_file(path, trust)
        ok = ok and result.ok
        print(result.line(), flush=True)
    return 0 if ok else 1
