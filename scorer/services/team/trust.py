"""Cards from the team store are trusted only as files are: their signature must verify.

The trust list comes from the team store when connected; each downloaded card is
checked with the same `verify` as a file, and the row's claims (hash, candidate,
kind, interviewer, certificate) must agree with what the verified card says.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from scorer.domain.team import CardFacts, StoredCard, TeamCertificate, TeamRefused
from scorer.io.signatures.certificates import read_certificates
from scorer.services.verify import TrustStore, Verdict, Verification, verify_bytes

TEAM_TRUST = Path("team store trust list")


def team_trust(certificates: Iterable[TeamCertificate]) -> TrustStore:
    pems: list[bytes] = []
    fingerprints: set[str] = set()
    for cert in certificates:
        for info in read_certificates(cert.pem):
            pems.append(info.pem)
            fingerprints.add(info.fingerprint)
    return TrustStore(TEAM_TRUST, tuple(pems), frozenset(fingerprints))


def card_label(card: StoredCard) -> Path:
    """How a downloaded card is named in messages and in a merge folder."""
    local = card.candidate_email.split("@")[0] or "candidate"
    return Path(f"{local}-{card.kind}-{card.interviewer_email.split('@')[0]}-"
                f"{card.sha256[:8]}.pdf")


@dataclass(frozen=True, slots=True)
class CheckedCard:
    card: StoredCard
    verification: Verification

    @property
    def ok(self) -> bool:
        return self.verification.ok


def check_card(card: StoredCard, trust: TrustStore) -> CheckedCard:
    path = card_label(card)
    if hashlib.sha256(card.pdf).hexdigest() != card.sha256:
        return CheckedCard(card, Verification(
            path, Verdict.TAMPERED, "its bytes in the team store do not match their SHA-256"))
    result = verify_bytes(path, card.pdf, trust)
    if not result.ok:
        return CheckedCard(card, result)
    scorecard = result.scorecard
    claims = scorecard is not None and (
        scorecard.candidate.email.lower() == card.candidate_email.lower()
        and scorecard.rubric.id == card.kind
        and scorecard.interviewer.email.lower() == card.interviewer_email.lower()
        and result.signer_fingerprint == card.fingerprint
    )
    if not claims:
        return CheckedCard(card, Verification(
            path, Verdict.TAMPERED, "the team store's record of it disagrees with the signed "
            "card (candidate, interview, interviewer or certificate)",
            signer=result.signer, candidate=result.candidate))
    return CheckedCard(card, result)


def check_cards(cards: Sequence[StoredCard], trust: TrustStore) -> list[CheckedCard]:
    return [check_card(card, trust) for card in cards]


def card_facts(pdf: bytes, interview_key: str, trust: TrustStore) -> CardFacts:
    """The facts to publish with a card, read from it once it verifies; else `TeamRefused`."""
    sha256 = hashlib.sha256(pdf).hexdigest()
    result = verify_bytes(Path(f"card {sha256[:12]}"), pdf, trust)
    if result.verdict is Verdict.UNTRUSTED_SIGNER:
        raise TeamRefused(
            f"The card {sha256[:12]}… is signed by {result.signer or 'a certificate'} that is "
            "not on the team's trust list; a lead adds it (`scorer team publish --library` "
            "with the certificate in their trust folder).")
    if not result.ok or result.scorecard is None:
        raise TeamRefused(f"The card {sha256[:12]}… does not verify ({result.verdict.value}: "
                          f"{result.reason}); it is not published.")
    card = result.scorecard
    return CardFacts(
        sha256=sha256, interview_key=interview_key, candidate_email=card.candidate.email,
        kind=card.rubric.id, interviewer_email=card.interviewer.email,
        fingerprint=result.signer_fingerprint,
        recommendation=card.recommendation.id if card.recommendation else None,
        card_json=card.to_json_bytes().decode("utf-8"),
    )
