"""`scorer verify`: one verdict per file, against the team's trust folder.

The verdict, decided in this order:

- UNREADABLE        the file cannot be read, is over the size bound, or is not a PDF
                    (a signed scorecard that no longer parses is TAMPERED: cut short).
- UNSIGNED          no signature, but it carries a scorecard (attachment or data digest).
- NOT A SCORECARD   no signature and no scorecard; or signed, but no scorecard.json
                    (or one that is not a valid `scorer.scorecard/1` document).
- TAMPERED          a signature is not intact or not valid, or does not cover the
                    whole file (an incremental update after signing, however
                    harmless it looks); or the embedded JSON disagrees with the
                    signed content: its SHA-256 differs from the digest in the
                    signed keywords, or it names another certificate than the
                    signer's.
- UNTRUSTED SIGNER  intact and covering the file, but the signer's certificate is not
                    one of the PEM certificates in the trust folder, or pyHanko's
                    `bottom_line` with those certificates as the only roots is False.
- OK                everything above holds.

A signed panel packet (`scorer merge`) carries `scorer-packet.json` instead of a
scorecard. It gets the same six verdicts, with kind "packet": OK only if its own
signature is intact, covers the file and is by a trusted certificate, its packet
data matches the signed digest, and every original card attached to it is the one
the merger verified (by SHA-256) and verifies OK on its own. Its line reads
`packet of N cards`. A packet is never a card: inside a packet it is NOT A SCORECARD.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from scorer.domain.packet_doc import PACKET_DIGEST_PREFIX, PacketError, parse_packet
from scorer.domain.scorecard import (
    DIGEST_KEYWORD_PREFIX,
    Scorecard,
    ScorecardError,
    parse_scorecard,
)
from scorer.io.bounded_read import RefusedFile, read_bounded

if TYPE_CHECKING:
    from scorer.io.pdf_verify import PdfFacts, SignatureFacts

log = logging.getLogger(__name__)

MAX_BYTES = 20 * 1024 * 1024


class Verdict(StrEnum):
    OK = "OK"
    TAMPERED = "TAMPERED"
    UNTRUSTED_SIGNER = "UNTRUSTED SIGNER"
    UNSIGNED = "UNSIGNED"
    NOT_A_SCORECARD = "NOT A SCORECARD"
    UNREADABLE = "UNREADABLE"


@dataclass(frozen=True, slots=True)
class Verification:
    path: Path
    verdict: Verdict
    reason: str
    signer: str = ""
    candidate: str = ""
    scorecard: Scorecard | None = None
    kind: str = "scorecard"  # or "packet"
    cards: int = 0  # a packet's original cards
    signed_at: datetime | None = None  # the signing time in the signature, when OK

    @property
    def ok(self) -> bool:
        return self.verdict is Verdict.OK

    @property
    def is_packet(self) -> bool:
        return self.kind == "packet"

    def line(self) -> str:
        parts = [f"{self.path}: {self.verdict.value}"]
        if self.is_packet:
            parts.append(f"packet of {self.cards} card{'s' if self.cards != 1 else ''}")
        if self.signer:
            parts.append(f"signer {self.signer}")
        if self.candidate:
            parts.append(f"candidate {self.candidate}")
        if self.reason and not self.ok:
            parts.append(self.reason)
        return " · ".join(parts)


@dataclass(frozen=True)
class TrustStore:
    folder: Path
    pems: tuple[bytes, ...]
    fingerprints: frozenset[str]


def load_trust(folder: Path) -> TrustStore:
    """Every certificate in `*.pem`/`*.crt` files of `folder`; a missing folder trusts no one."""
    from scorer.io.certificates import read_certificates

    pems: list[bytes] = []
    fingerprints: set[str] = set()
    try:
        files = sorted(p for p in folder.iterdir() if p.suffix.lower() in {".pem", ".crt"})
    except OSError:
        files = []
    for file in files:
        try:
            data = file.read_bytes()
        except OSError:
            continue
        certs = read_certificates(data)
        if not certs:
            log.warning("%s holds no PEM certificate; ignored", file)
        for cert in certs:
            pems.append(cert.pem)
            fingerprints.add(cert.fingerprint)
    return TrustStore(folder, tuple(pems), frozenset(fingerprints))


def verify_files(paths: Iterable[Path], trust: TrustStore) -> list[Verification]:
    return [verify_file(path, trust) for path in paths]


def verify_file(path: Path, trust: TrustStore) -> Verification:
    try:
        data = read_bounded(path, MAX_BYTES)
    except RefusedFile as refused:
        return Verification(path, Verdict.UNREADABLE, f"{refused.reason} for a scorecard")
    except OSError as exc:
        return Verification(path, Verdict.UNREADABLE, exc.strerror or "cannot be read")
    return verify_bytes(path, data, trust)


def verify_bytes(path: Path, data: bytes, trust: TrustStore, *, nested: bool = False
                 ) -> Verification:
    """The verdict on `data`; `nested` for a card attached to a packet (no packet there)."""
    if len(data) > MAX_BYTES:
        return Verification(path, Verdict.UNREADABLE, "larger than 20 MB, not a scorecard")
    if not data.lstrip()[:5].startswith(b"%PDF-"):
        return Verification(path, Verdict.UNREADABLE, "not a PDF file")
    from scorer.io.pdf_verify import inspect_pdf

    try:
        facts = inspect_pdf(data, trust.pems)
    except Exception as exc:  # a hostile file must never crash the command
        log.debug("inspect failed on %s", path, exc_info=True)
        reason = f"cannot be parsed ({exc.__class__.__name__})"
        return Verification(path, Verdict.UNREADABLE, reason)
    if facts.error is not None:
        if DIGEST_KEYWORD_PREFIX.encode("ascii") in data and b"/ByteRange" in data:
            # A signed scorecard that no longer parses was damaged or cut short after signing.
            return Verification(path, Verdict.TAMPERED,
                                f"a signed scorecard, cut short or damaged ({facts.error})")
        return Verification(path, Verdict.UNREADABLE, f"cannot be parsed: {facts.error}")

    card: Scorecard | None = None
    card_error = ""
    if facts.attachment is not None:
        try:
            card = parse_scorecard(facts.attachment)
        except ScorecardError as exc:
            card_error = exc.message
    candidate = card.candidate.name if card else ""

    if not facts.signatures:
        if facts.packet is not None and facts.attachment is None:
            return Verification(path, Verdict.UNSIGNED, "the packet has no signature",
                                kind="packet")
        if facts.attachment is not None or DIGEST_KEYWORD_PREFIX in facts.keywords:
            return Verification(path, Verdict.UNSIGNED, "the scorecard has no signature",
                                candidate=candidate, scorecard=card)
        return Verification(path, Verdict.NOT_A_SCORECARD, "no signature and no scorecard data")

    signer = facts.signatures[-1]
    signer_name = signer.signer_name or "unknown signer"
    for sig in facts.signatures:
        if not (sig.intact and sig.valid):
            return Verification(path, Verdict.TAMPERED, "the content changed after signing",
                                signer_name, candidate, card)
        if not sig.covers_whole_file:
            return Verification(path, Verdict.TAMPERED,
                                "the file was updated after it was signed",
                                signer_name, candidate, card)

    if facts.attachment is None and facts.packet is not None:
        return _verify_packet(path, facts, signer, trust, nested)
    if facts.attachment is None:
        return Verification(path, Verdict.NOT_A_SCORECARD,
                            "signed, but it carries no scorecard.json", signer_name)
    digest = hashlib.sha256(facts.attachment).hexdigest()
    if f"{DIGEST_KEYWORD_PREFIX}{digest}" not in facts.keywords:
        return Verification(path, Verdict.TAMPERED,
                            "the embedded scorecard data disagrees with the signed digest",
                            signer_name, candidate, card)
    if card is None:
        return Verification(path, Verdict.NOT_A_SCORECARD, card_error, signer_name)
    if card.interviewer.certificate_sha256 != signer.signer_fingerprint:
        return Verification(path, Verdict.TAMPERED,
                            "the scorecard names another interviewer certificate than the signer's",
                            signer_name, candidate, card)

    if signer.signer_fingerprint not in trust.fingerprints:
        return Verification(path, Verdict.UNTRUSTED_SIGNER,
                            f"the signer's certificate is not in {trust.folder}",
                            signer_name, candidate, card)
    if not signer.bottom_line:
        return Verification(path, Verdict.UNTRUSTED_SIGNER,
                            "the signer's certificate does not validate (expired or misused?)",
                            signer_name, candidate, card)
    return Verification(path, Verdict.OK, "", signer_name, candidate, card,
                        signed_at=signer.signing_time)


def _verify_packet(path: Path, facts: PdfFacts, signer: SignatureFacts, trust: TrustStore,
                   nested: bool) -> Verification:
    signer_name = signer.signer_name or "unknown signer"
    if nested:
        return Verification(path, Verdict.NOT_A_SCORECARD,
                            "a panel packet, not a scorecard", signer_name, kind="packet")
    assert facts.packet is not None
    digest = hashlib.sha256(facts.packet).hexdigest()
    if f"{PACKET_DIGEST_PREFIX}{digest}" not in facts.keywords:
        return Verification(path, Verdict.TAMPERED,
                            "the embedded packet data disagrees with the signed digest",
                            signer_name, kind="packet")
    try:
        doc = parse_packet(facts.packet)
    except PacketError as exc:
        return Verification(path, Verdict.NOT_A_SCORECARD, exc.message, signer_name,
                            kind="packet")
    found = Verification(path, Verdict.OK, "", signer_name, doc.candidate.name, kind="packet",
                         cards=len(doc.cards), signed_at=signer.signing_time)
    if doc.merger.certificate_sha256 != signer.signer_fingerprint:
        return replace(found, verdict=Verdict.TAMPERED,
                       reason="the packet names another certificate than its signer's")
    files = dict(facts.files)
    for ref in doc.cards:
        original = files.get(ref.attachment)
        if original is None or hashlib.sha256(original).hexdigest() != ref.sha256:
            return replace(found, verdict=Verdict.TAMPERED,
                           reason=f"the attached original {ref.attachment} is missing or is "
                           "not the card that was merged")
    if signer.signer_fingerprint not in trust.fingerprints:
        return replace(found, verdict=Verdict.UNTRUSTED_SIGNER,
                       reason=f"the merger's certificate is not in {trust.folder}")
    if not signer.bottom_line:
        return replace(found, verdict=Verdict.UNTRUSTED_SIGNER,
                       reason="the merger's certificate does not validate (expired or misused?)")
    for ref in doc.cards:
        inner = verify_bytes(Path(ref.attachment), files[ref.attachment], trust, nested=True)
        if not inner.ok:
            verdict = (inner.verdict if inner.verdict is Verdict.UNTRUSTED_SIGNER
                       else Verdict.TAMPERED)
            return replace(found, verdict=verdict, reason=f"the attached card {ref.attachment} "
                           f"is {inner.verdict.value}: {inner.reason}")
    return found
