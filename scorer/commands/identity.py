"""`scorer identity create|show|export-cert`: the interviewer's signing identity."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from scorer.domain.identity_match import person_label, short_fingerprint
from scorer.services import identity, identity_records


def register(commands: Any) -> None:
    identity = commands.add_parser("identity", help="your signing identity for scorecards")
    sub = identity.add_subparsers(title="identity commands", metavar="ACTION", required=True)
    create = sub.add_parser(
        "create",
        help="make a signing key (kept in the OS keyring) and a self-signed certificate",
        description="Make an ECDSA P-256 key, stored only in the OS keyring (service 'scorer'), "
        "and a self-signed certificate with your name and email, stored in the data home. "
        "Refused while you have an identity, unless you pass --replace.",
    )
    create.add_argument("--name", required=True, help="your full name, as it appears on scorecards")
    create.add_argument("--email", required=True, help="your email address")
    create.add_argument(
        "--replace", action="store_true",
        help="retire your current identity and make a new one; the retired certificate and "
        "key are kept, and interviews pinned to it are still signed with it",
    )
    create.set_defaults(handler=run_create)
    show = sub.add_parser(
        "show", help="print your identities (active first) and whether their keys are here")
    show.set_defaults(handler=run_show)
    export = sub.add_parser(
        "export-cert",
        help="write your certificates as PEM, for the team's trust folder: the active one "
        "first, then each retired one that signed a card",
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


def _short(identity: Any) -> str:
    return (f"{person_label(identity.name, identity.email)} "
            f"(certificate {short_fingerprint(identity.fingerprint)})")


def run_create(args: argparse.Namespace) -> int:
    if args.replace:
        return _replace(args)
    made = identity.create(args.name, args.email)
    print("\n".join(_describe(made)))
    print("key:         in the OS keyring (service 'scorer')")
    print("Next: `scorer identity export-cert FILE`; your lead adds FILE to the trust folder.")
    return 0


def _replace(args: argparse.Namespace) -> int:
    with identity_records.existing_store() as store:
        report = identity_records.replace_identity(args.name, args.email, store)
    new, old = report.replacement.new, report.replacement.retired
    lines = [*_describe(new), "key:         in the OS keyring (service 'scorer')"]
    if old is None:
        lines.append("There was no identity to replace.")
    else:
        folder = identity.identity_dir()
        lines.append(f"Retired {_short(old)}: its certificate stays in {folder}, marked "
                     "retired, and its key stays in the keyring." if report.retired_key else
                     f"Retired {_short(old)}: its certificate stays in {folder}, marked "
                     "retired; its key is not in this keyring.")
        if report.pinned:
            listed = "; ".join(f"{p.interview_id} ({p.candidate}, {p.interview})"
                               for p in report.pinned)
            how = ("they are still signed with its key" if report.retired_key else
                   "they can no longer be exported, as its key is gone; the cards already "
                   "exported stay verifiable while its certificate is in the trust folder")
            lines.append(f"Interviews pinned to the retired certificate: {listed}; {how}.")
        else:
            lines.append("No interview was pinned to the retired certificate.")
        if report.handed_over:
            lines.append("Your new interviews are signed with the new certificate.")
    lines.append("Next: `scorer identity export-cert FILE`; your lead adds FILE to the trust "
                 "folder (it holds every certificate of yours that signs cards).")
    print("\n".join(lines))
    return 0


def run_show(args: argparse.Namespace) -> int:
    found = identity.show()
    lines = _describe(found)
    lines.append("key:         " + ("in the OS keyring" if found.has_key
                                    else "MISSING from the keyring"))
    old = identity.retired()
    if old:
        with identity_records.existing_store() as store:
            pinned = {i.fingerprint: len(identity_records.pinned_interviews(store, i.fingerprint))
                      for i in old}
        lines.append(f"retired:     {len(old)}")
        for item in old:
            key = "key in the keyring" if identity.has_key(item.fingerprint) else "no key here"
            count = pinned[item.fingerprint]
            assert item.retired_at is not None
            lines.append(f"  {_short(item)}, retired {item.retired_at:%Y-%m-%d}; {key}; "
                         f"{count} interview{'s' if count != 1 else ''} pinned to it")
    print("\n".join(lines))
    return 0 if found.has_key else 1


def run_export_cert(args: argparse.Namespace) -> int:
    with identity_records.existing_store() as store:
        written = identity_records.export_certificates(args.file, store)
    listed = "; ".join(("active " if n == 0 else "retired ") + _short(i)
                       for n, i in enumerate(written))
    count = len(written)
    print(f"wrote {args.file}: {count} certificate{'s' if count != 1 else ''} ({listed})")
    return 0
