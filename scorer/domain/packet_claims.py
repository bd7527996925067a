"""What a packet says about its attached cards, against the cards themselves.

The merger signs the packet, but each card was signed by its interviewer: the packet
data may describe a card only as the card describes itself. For each attached card
the interviewer's name and email, its certificate, signer, interview id, interview
kind and rubric version, its weighted score and its recommendation must be the
card's; every card must be for the packet's candidate; and the overall score must be
the one the panel maths gives for exactly these cards.
"""

from __future__ import annotations

from collections.abc import Sequence

from scorer.domain.packet_doc import CardRef, PacketDoc
from scorer.domain.panel import MixedCandidates, PanelCard, build_panel, candidate_key
from scorer.domain.panel_cards import InterviewResult, person_key

TOLERANCE = 1e-6  # the packet rounds its scores to six decimals


def packet_claims_disagreement(doc: PacketDoc, cards: Sequence[tuple[CardRef, PanelCard]]
                               ) -> str | None:
    """None when the packet describes its cards as they are; else one phrase naming both."""
    want = person_key(doc.candidate.name, doc.candidate.email)
    for ref, entry in cards:
        card = entry.card
        if candidate_key(card) != want:
            return (f"the packet is for {doc.candidate.name}, but its attached card "
                    f"{ref.attachment} is for {card.candidate.name}")
        claims = [
            ("interviewer", ref.interviewer, card.interviewer.name),
            ("interviewer email", ref.interviewer_email, card.interviewer.email),
            ("signer", ref.signer, entry.signer),
            ("interview id", str(ref.interview_id), str(card.interview.id)),
            ("interview kind", ref.rubric_id, card.rubric.id),
            ("rubric version", ref.rubric_version, card.rubric.version),
        ]
        if ref.certificate_sha256 is not None:
            claims.append(("certificate", ref.certificate_sha256,
                           card.interviewer.certificate_sha256))
        for what, said, actual in claims:
            if said != actual:
                return (f"the packet gives its attached card {ref.attachment} the {what} "
                        f"'{said}', but the card says '{actual}'")
    if not cards:
        return None
    try:
        panel = build_panel([entry for _, entry in cards])
    except MixedCandidates as exc:
        return f"the packet's attached cards are for several candidates ({exc.message})"
    results = {i.entry.sha256: i for i in panel.interviews}
    for ref, entry in cards:
        counted = results.get(entry.sha256)
        if counted is None:
            return (f"the packet counts its attached card {ref.attachment}, which the "
                    "panel does not count beside the other attached cards")
        differs = _result_disagreement(ref, counted)
        if differs is not None:
            return differs
    if not _same_number(doc.overall.fraction, panel.overall):
        return (f"the packet gives the overall score {_number(doc.overall.fraction)}, but its "
                f"attached cards give {_number(panel.overall)}")
    return None


def _result_disagreement(ref: CardRef, counted: InterviewResult) -> str | None:
    if not _same_number(ref.fraction, counted.fraction):
        return (f"the packet gives its attached card {ref.attachment} the score "
                f"{_number(ref.fraction)}, but the card gives {_number(counted.fraction)}")
    reco = counted.recommendation
    said = (ref.recommendation.label, ref.recommendation.hire) if ref.recommendation else None
    actual = (reco.label, reco.hire) if reco else None
    if said != actual:
        return (f"the packet gives its attached card {ref.attachment} the recommendation "
                f"{_reco(said)}, but the card gives {_reco(actual)}")
    return None


def _same_number(said: float | None, actual: float | None) -> bool:
    if said is None or actual is None:
        return said is None and actual is None
    return abs(said - actual) <= TOLERANCE


def _number(value: float | None) -> str:
    return "none" if value is None else f"{value * 100:.4g} %"


def _reco(value: tuple[str, bool] | None) -> str:
    return "none" if value is None else f"'{value[0]}'"
