"""What a packet says about its attached cards, against the cards themselves.

The merger signs the packet, but each card was signed by its interviewer: the packet
data may describe a card only as the card describes itself. For each attached card
the interviewer's name and email, its certificate, signer, interview id, interview
kind and rubric version, its weighted score and its recommendation must be the
card's own (as signed in its summary); every card must be for the packet's
candidate; no interview may be counted twice, or under two certificates; the overall
score must be the plain mean of the cards' scores; cards that recommend both hire
and no hire must be flagged; and the interviews said to be missing must be the
expected kinds that no attached card is of, the overall score partial and flagged
then. Which kinds the panel expects is the merger's word (the merger's rubric
library, or `--expect`), as are the other flags: they depend on inputs that are not
attached (rejected or superseded files) or on thresholds a later version may tune.
"""

from __future__ import annotations

from collections.abc import Sequence

from scorer.domain.packet_doc import CardRef, PacketDoc
from scorer.domain.panel_cards import PanelCard, candidate_key, interview_key, person_key
from scorer.domain.panel_conflicts import conflicts
from scorer.domain.panel_flags import FlagKind

TOLERANCE = 1e-5  # the packet rounds its scores to six decimals, and means of them


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
    keys = [interview_key(entry.card) for _, entry in cards]
    if len(set(keys)) < len(keys):
        return "the packet counts two attached cards of one interview"
    if conflicts([entry for _, entry in cards])[1]:
        return ("the packet counts attached cards that different certificates sign for one "
                "interview")
    for ref, entry in cards:
        differs = _result_disagreement(ref, entry)
        if differs is not None:
            return differs
    fractions = [e.card.summary.fraction for _, e in cards if e.card.summary.fraction is not None]
    overall = sum(fractions) / len(fractions) if fractions else None
    if not _same_number(doc.overall.fraction, overall):
        return (f"the packet gives the overall score {_number(doc.overall.fraction)}, but its "
                f"attached cards give {_number(overall)}")
    recommendations = {e.card.recommendation.hire for _, e in cards if e.card.recommendation}
    if len(recommendations) == 2 and not any(
            f.kind == FlagKind.RECOMMENDATION_SPLIT.value for f in doc.flags):
        return ("the packet does not flag that its attached cards recommend both hire and "
                "no hire")
    return _missing_disagreement(doc, cards)


def _missing_disagreement(doc: PacketDoc, cards: Sequence[tuple[CardRef, PanelCard]]
                          ) -> str | None:
    held = {entry.card.rubric.id for _, entry in cards}
    missing = [k.id for k in doc.expected if k.id not in held]
    if [k.id for k in doc.missing] != missing or doc.overall.partial != bool(missing):
        listed = ", ".join(missing) or "none"
        return ("the packet's missing interviews are not the expected kinds its attached "
                f"cards leave out ({listed})")
    if missing and not any(f.kind == FlagKind.MISSING_INTERVIEW.value for f in doc.flags):
        return "the packet does not flag the interviews missing from its panel"
    return None


def _result_disagreement(ref: CardRef, entry: PanelCard) -> str | None:
    card = entry.card
    if not _same_number(ref.fraction, card.summary.fraction):
        return (f"the packet gives its attached card {ref.attachment} the score "
                f"{_number(ref.fraction)}, but the card gives {_number(card.summary.fraction)}")
    reco = card.recommendation
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
