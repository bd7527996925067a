"""`scorer identity create|show|export-cert`: the interviewer's signing identity."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any


def register(commands: Any) -> None:
    identity = commands.add_parser("identity", help="your signing identity for scorecards")
    sub = identity.add_subparsers(title="identity commands", metavar="ACTION", required=True)
    create = sub.add_parser(
        "create",
        help="make a signing key (kept in the OS keyring) and a self-signed certificate",
        description="Make an ECDSA P-256 key, stored only in the OS keyring (service 'scorer'), "
        "and a self-signed certificate with your name and email, stored in the data home.",
    )
    create.add_argument("--name", required=True, help="your full name, as it appears on scorecards")
    create.add_argument("--email", required=True, help="your email address")
    create.set_defaults(handler=run_create)
    show = sub.add_parser("show", help="print your identity and whether its key is in the keyring")
    show.set_defaults(handler=run_show)
    export = sub.add_parser(
        "export-cert",
        help="write your certificate as PEM, for the team's trust folder",
    )
    export.add_argument("file", type=Path, metavar="FILE", help="where to write the PEM file")
    export.set_defaults(handler=run_export_cert)


def _describe(identity: Any) -> list[str]:
    cert = identity.certificate
    return [
        f"name:        {cert.name}",
        f"email:       {cert.email}",
        f"fingerprint: {cert.fingerprint}",
        f"valid:       {cert.not_before:%Y-%m-%d} to {cert.not_after:%Y-%m-%d}",
    ]


def run_create(args: argparse.Namespace) -> int:
    from scorer.services import identity

    made = identity.create(args.name, args.email)
    print("\n".join(_describe(made)))
    print("key:         in the OS keyring (service 'scorer')")
    print("Next: `scorer identity export-cert FILE`; your lead adds FILE to the trust folder.")
    return 0


def run_show(args: argparse.Namespace) -> int:
    from scorer.services import identity

    found = identity.show()
    print("\n".join(_describe(found)))
    print("key:         " + ("in the OS keyring" if found.has_key else "MISSING from the keyring"))
    return 0 if found.has_key else 1


def run_export_cert(args: argparse.Namespace) -> int:
    from scorer.services import identity

    path = identity.export_certificate(args.file)
    print(f"wrote {path}")
    return 0
