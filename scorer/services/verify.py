"""`scorer verify`: one verdict per file, against the team's trust folder.

The verdict, decided in this order:

- UNREADABLE        the file cannot be read, is not a regular file (a named pipe or
                    a device is refused without being opened for reading), is over
                    the size bound, is not a PDF, or its check failed on it (the
                    reason names what failed); a signed scorecard that no longer
                    parses is TAMPERED: cut short.

Each file is judged on its own: whatever one file does, every other file of a
batch still gets its verdict.
- UNSIGNED          no signature, but it carries a scorecard (attachment or data digest).
- NOT A SCORECARD   no signature and no scorecard; or signed, but no scorecard.json
                    (or one that is not a valid `scorer.scorecard/1` document).
- TAMPERED          a signature is not intact or not valid, or does not cover the
                    whole file (an incremental update after signing, however
                    harmless it looks); or the embedded JSON disagrees with the
                    signed content: its SHA-256 differs from the digest in the
                    signed keywords, it names another certificate than the
                    signer's, its interviewer is not the person the signer's
                    certificate names, or the signed document information
                    (title, author, subject, keywords) disagrees with it.
- UNTRUSTED SIGNER  intact and covering the file, but the signer's certificate is not
                    one of the PEM certificates in the trust folder, or pyHanko's
                    `bottom_line` with those certificates as the only roots is False.
- OK                everything above holds.

A card speaks only for its signer. The interviewer's name and email in the card
must be the certificate subject's common name and email (`identity_match`: Unicode
NFC, the email case-folded; a certificate without an email speaks for no email).
This is checked on every card, whatever its age. The signer printed is the
certificate's name and email, never the card's.

Document information (`document_info`). Title, author and subject must agree with
the card's candidate, interview kind, interviewer and interview id on every card:
they have been written in this form since the first signed scorecard. The keyword
fields that name the interview, kind, candidate email and interviewer email were
added later: each one present must agree, and a card without them (exported
before they existed) is still accepted on the other checks.

A signed panel packet (`scorer merge`) carries `scorer-packet.json` instead of a
scorecard. It gets the same six verdicts, with kind "packet": OK only if its own
signature is intact, covers the file and is by a trusted certificate, its packet
data matches the signed digest and its document information, its merger is the
person the certificate names, and every original card attached to it is the one
the merger verified (by SHA-256), verifies OK on its own, and is described in the
packet data as it is (interviewer, email, certificate, interview, kind, candidate,
score and recommendation); the packet's overall score is the mean of its cards'.
Its line reads `packet of N cards`. A packet is never a card: inside a packet it is
NOT A SCORECARD.

A signed cohort report (`scorer merge --per-candidate`) carries `scorer-cohort.json`.
It gets the same verdicts, with kind "cohort": OK only if its signature is intact,
covers the file and is by a trusted certificate, its data matches the signed digest,
names the signer's certificate as its merger's, and agrees with itself: every number
it prints is recomputed from the card data it lists (`cohort_claims`). Checked as a
file (`verify_file`), the packets it names that lie beside it must be the ones it was
made from (by SHA-256). Its line reads `cohort report of N candidates`.
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

from scorer.domain.document_info import (
    DocumentInfo,
    card_info_disagreement,
    packet_info_disagreement,
)
from scorer.domain.identity_match import (
    Certified,
    certified_emails,
    disagreement,
    person_label,
)
from scorer.domain.packet_claims import packet_claims_disagreement
from scorer.domain.packet_doc import (
    PACKET_DIGEST_PREFIX,
    CardRef,
    MergerPart,
    PacketError,
    parse_packet,
)
from scorer.domain.panel_cards import PanelCard
from scorer.domain.scorecard import (
    DIGEST_KEYWORD_PREFIX,
    Scorecard,
    ScorecardError,
    parse_scorecard,
)
from scorer.io.bounded_read import RefusedFile, read_bounded

if TYPE_CHECKING:
    from scorer.io.signatures.verify import PdfFacts, SignatureFacts

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
    kind: str = "scorecard"  # or "packet", or "cohort"
    cards: int = 0  # a packet's original cards
    signed_at: datetime | None = None  # the signing time in the signature, when OK
    signer_email: str = ""  # the signer certificate's email, as `signer` is its name
    signer_fingerprint: str = ""
    candidates: int = 0  # a cohort report's candidates
    packets: tuple[tuple[str, str], ...] = ()  # a cohort report's packets: file, SHA-256
    beside: int = 0  # of those, how many were found beside it and match

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
        if self.kind == "cohort":
            parts.append(f"cohort report of {self.candidates} candidate"
                         f"{'s' if self.candidates != 1 else ''}")
        if self.signer:
            parts.append(f"signer {person_label(self.signer, self.signer_email)}")
        if self.candidate:
            parts.append(f"candidate {self.candidate}")
        if self.beside:
            parts.append(f"the {self.beside} packet{'s' if self.beside != 1 else ''} beside "
                         "it match")
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
    from scorer.io.signatures.certificates import read_certificates

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
    """The verdict on the file at `path`; never raises, so a batch always goes on."""
    try:
        data = read_bounded(path, MAX_BYTES)
    except RefusedFile as refused:
        return Verification(path, Verdict.UNREADABLE, f"{refused.reason} for a scorecard")
    except OSError as exc:
        return Verification(path, Verdict.UNREADABLE, exc.strerror or "cannot be read")
    try:
        result = verify_bytes(path, data, trust)
        if result.ok and result.kind == "cohort":
            return _packets_beside(path, result)
    except RecursionError:
        return Verification(path, Verdict.UNREADABLE, "its data is nested too deeply to check")
    except MemoryError:
        return Verification(path, Verdict.UNREADABLE, "it needs more memory to check than a "
                            "scorecard ever does")
    except Exception as exc:  # one hostile file must never cost the batch its verdicts
        log.debug("verify failed on %s", path, exc_info=True)
        return Verification(path, Verdict.UNREADABLE,
                            f"its check failed ({exc.__class__.__name__})")
    return result


def verify_bytes(path: Path, data: bytes, trust: TrustStore, *, nested: bool = False
                 ) -> Verification:
    """The verdict on `data`; `nested` for a card attached to a packet (no packet there)."""
    if len(data) > MAX_BYTES:
        return Verification(path, Verdict.UNREADABLE, "larger than 20 MB, not a scorecard")
    if not data.lstrip()[:5].startswith(b"%PDF-"):
        return Verification(path, Verdict.UNREADABLE, "not a PDF file")
    from scorer.io.signatures.verify import inspect_pdf

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
        if facts.cohort is not None and facts.attachment is None:
            return Verification(path, Verdict.UNSIGNED, "the cohort report has no signature",
                                kind="cohort")
        if facts.attachment is not None or DIGEST_KEYWORD_PREFIX in facts.keywords:
            return Verification(path, Verdict.UNSIGNED, "the scorecard has no signature",
                                candidate=candidate, scorecard=card)
        return Verification(path, Verdict.NOT_A_SCORECARD, "no signature and no scorecard data")

    signer = facts.signatures[-1]
    found = replace(_signed(path, signer), candidate=candidate, scorecard=card)
    for sig in facts.signatures:
        if not (sig.intact and sig.valid):
            return replace(found, verdict=Verdict.TAMPERED,
                           reason="the content changed after signing")
        if not sig.covers_whole_file:
            return replace(found, verdict=Verdict.TAMPERED,
                           reason="the file was updated after it was signed")

    if facts.attachment is None and facts.packet is not None:
        return _verify_packet(path, facts, signer, trust, nested)
    if facts.attachment is None and facts.cohort is not None:
        return _verify_cohort(path, facts, signer, trust, nested)
    if facts.attachment is None:
        return replace(found, verdict=Verdict.NOT_A_SCORECARD,
                       reason="signed, but it carries no scorecard.json")
    digest = hashlib.sha256(facts.attachment).hexdigest()
    if f"{DIGEST_KEYWORD_PREFIX}{digest}" not in facts.keywords:
        return replace(found, verdict=Verdict.TAMPERED,
                       reason="the embedded scorecard data disagrees with the signed digest")
    if card is None:
        return replace(found, verdict=Verdict.NOT_A_SCORECARD, reason=card_error)
    if card.interviewer.certificate_sha256 != signer.signer_fingerprint:
        return replace(found, verdict=Verdict.TAMPERED,
                       reason="the scorecard names another interviewer certificate than the "
                       "signer's")
    certified = _certified(signer)
    differs = disagreement(card.interviewer.name, card.interviewer.email, certified)
    if differs is not None:
        claimed = person_label(card.interviewer.name, card.interviewer.email)
        return replace(found, verdict=Verdict.TAMPERED,
                       reason=f"the scorecard names {claimed} as its interviewer, but it is "
                       f"signed with the certificate of {certified.label()} ({differs})")
    info = card_info_disagreement(card, digest, _document_info(facts))
    if info is not None:
        return replace(found, verdict=Verdict.TAMPERED, reason=f"the scorecard disagrees "
                       f"with itself: {info}")

    untrusted = _untrusted(found, signer, trust, "signer")
    if untrusted is not None:
        return untrusted
    return replace(found, signed_at=signer.signing_time)


def _certified(signer: SignatureFacts) -> Certified:
    emails = certified_emails(signer.signer_emails, signer.signer_alt_emails)
    return Certified(signer.signer_name, emails, signer.signer_fingerprint or "")


def _signed(path: Path, signer: SignatureFacts) -> Verification:
    """A verdict to complete, naming the signer as the certificate does."""
    certified = _certified(signer)
    return Verification(path, Verdict.OK, "", signer=certified.name or "unknown signer",
                        signer_email=certified.email,
                        signer_fingerprint=certified.fingerprint)


def _document_info(facts: PdfFacts) -> DocumentInfo:
    return DocumentInfo(facts.title, facts.author, facts.subject, facts.keywords)


def _merged_prelude(signed: Verification, what: str, noun: str, data: bytes | None,
                    prefix: str, keywords: str, nested: bool) -> tuple[str, Verification | None]:
    """A packet's or cohort report's digest, and its verdict already when it is inside
    another document or its data is not what the signed digest says."""
    if nested:
        return "", replace(signed, verdict=Verdict.NOT_A_SCORECARD,
                           reason=f"a {what}, not a scorecard")
    assert data is not None
    digest = hashlib.sha256(data).hexdigest()
    if f"{prefix}{digest}" not in keywords:
        return digest, replace(signed, verdict=Verdict.TAMPERED,
                               reason=f"the embedded {noun} data disagrees with "
                               "the signed digest")
    return digest, None


def _merger_disagreement(found: Verification, merger: MergerPart, signer: SignatureFacts,
                         what: str) -> Verification | None:
    """TAMPERED when the document's merger is not the person its certificate names."""
    if merger.certificate_sha256 != signer.signer_fingerprint:
        return replace(found, verdict=Verdict.TAMPERED,
                       reason=f"the {what} names another certificate than its signer's")
    certified = _certified(signer)
    differs = disagreement(merger.name, merger.email, certified)
    if differs is not None:
        claimed = person_label(merger.name, merger.email)
        return replace(found, verdict=Verdict.TAMPERED,
                       reason=f"the {what} names {claimed} as its merger, but it is signed "
                       f"with the certificate of {certified.label()} ({differs})")
    return None


def _untrusted(found: Verification, signer: SignatureFacts, trust: TrustStore, role: str
               ) -> Verification | None:
    """UNTRUSTED SIGNER when the certificate of the `role` ("signer", "merger") is not in
    the trust folder or does not validate."""
    if signer.signer_fingerprint not in trust.fingerprints:
        return replace(found, verdict=Verdict.UNTRUSTED_SIGNER,
                       reason=f"the {role}'s certificate is not in {trust.folder}")
    if not signer.bottom_line:
        return replace(found, verdict=Verdict.UNTRUSTED_SIGNER,
                       reason=f"the {role}'s certificate does not validate (expired or misused?)")
    return None


def _verify_packet(path: Path, facts: PdfFacts, signer: SignatureFacts, trust: TrustStore,
                   nested: bool) -> Verification:
    signed = replace(_signed(path, signer), kind="packet")
    digest, early = _merged_prelude(signed, "panel packet", "packet", facts.packet,
                                    PACKET_DIGEST_PREFIX, facts.keywords, nested)
    if early is not None:
        return early
    assert facts.packet is not None
    try:
        doc = parse_packet(facts.packet)
    except PacketError as exc:
        return replace(signed, verdict=Verdict.NOT_A_SCORECARD, reason=exc.message)
    found = replace(signed, candidate=doc.candidate.name, cards=len(doc.cards),
                    signed_at=signer.signing_time)
    wrong = _merger_disagreement(found, doc.merger, signer, "packet")
    if wrong is not None:
        return wrong
    info = packet_info_disagreement(doc, digest, _document_info(facts))
    if info is not None:
        return replace(found, verdict=Verdict.TAMPERED,
                       reason=f"the packet disagrees with itself: {info}")
    files = dict(facts.files)
    for ref in doc.cards:
        original = files.get(ref.attachment)
        if original is None or hashlib.sha256(original).hexdigest() != ref.sha256:
            return replace(found, verdict=Verdict.TAMPERED,
                           reason=f"the attached original {ref.attachment} is missing or is "
                           "not the card that was merged")
    untrusted = _untrusted(found, signer, trust, "merger")
    if untrusted is not None:
        return untrusted
    inner_cards: list[tuple[CardRef, PanelCard]] = []
    for ref in doc.cards:
        inner = verify_bytes(Path(ref.attachment), files[ref.attachment], trust, nested=True)
        if not inner.ok:
            verdict = (inner.verdict if inner.verdict is Verdict.UNTRUSTED_SIGNER
                       else Verdict.TAMPERED)
            return replace(found, verdict=verdict, reason=f"the attached card {ref.attachment} "
                           f"is {inner.verdict.value}: {inner.reason}")
        assert inner.scorecard is not None
        inner_cards.append((ref, PanelCard(ref.attachment, inner.scorecard, inner.signer,
                                           inner.signed_at, doc.merged_at, ref.sha256)))
    claims = packet_claims_disagreement(doc, inner_cards)
    if claims is not None:
        return replace(found, verdict=Verdict.TAMPERED, reason=claims)
    return found


def _verify_cohort(path: Path, facts: PdfFacts, signer: SignatureFacts, trust: TrustStore,
                   nested: bool) -> Verification:
    from scorer.domain.cohort_claims import cohort_claims_disagreement
    from scorer.domain.cohort_doc import COHORT_DIGEST_PREFIX, CohortError, parse_cohort
    from scorer.domain.document_info import cohort_info_disagreement

    signed = replace(_signed(path, signer), kind="cohort")
    digest, early = _merged_prelude(signed, "cohort report", "cohort", facts.cohort,
                                    COHORT_DIGEST_PREFIX, facts.keywords, nested)
    if early is not None:
        return early
    assert facts.cohort is not None
    try:
        doc = parse_cohort(facts.cohort)
    except CohortError as exc:
        return replace(signed, verdict=Verdict.NOT_A_SCORECARD, reason=exc.message)
    found = replace(signed, candidates=len(doc.candidates), signed_at=signer.signing_time,
                    packets=tuple((c.packet, c.packet_sha256) for c in doc.candidates))
    wrong = _merger_disagreement(found, doc.merger, signer, "cohort report")
    if wrong is not None:
        return wrong
    info = cohort_info_disagreement(doc.merger.name, len(doc.candidates), digest,
                                    _document_info(facts))
    if info is not None:
        return replace(found, verdict=Verdict.TAMPERED,
                       reason=f"the cohort report disagrees with itself: {info}")
    untrusted = _untrusted(found, signer, trust, "merger")
    if untrusted is not None:
        return untrusted
    claims = cohort_claims_disagreement(doc)
    if claims is not None:
        return replace(found, verdict=Verdict.TAMPERED,
                       reason=f"the cohort report disagrees with its own card data: {claims}")
    return found


def _packets_beside(path: Path, result: Verification) -> Verification:
    """The report's packets that lie beside it must be the ones it was made from."""
    matched = 0
    for name, sha256 in result.packets:
        beside = path.parent / Path(name).name
        try:
            data = read_bounded(beside, MAX_BYTES)
        except (RefusedFile, OSError):
            continue  # not there (or not a file to read): nothing to compare
        if hashlib.sha256(data).hexdigest() != sha256:
            return replace(result, verdict=Verdict.TAMPERED,
                           reason=f"the packet {beside.name} beside it is not the one the "
                           "report was made from")
        matched += 1
    return replace(result, beside=matched)
