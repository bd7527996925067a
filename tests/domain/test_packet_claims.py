"""A packet may describe its attached cards only as they describe themselves."""

from __future__ import annotations

from datetime import timedelta

from scorer.domain.packet_claims import packet_claims_disagreement
from scorer.domain.packet_doc import CardRef, MergerPart, PacketDoc, packet_doc
from scorer.domain.panel import PanelCard, build_panel
from tests.domain.test_panel import NOW, detail, entry, four

MERGER = MergerPart(name="Panel Chair", email="chair@example.com", certificate_sha256="ef" * 32)


def honest(cards: list[PanelCard]) -> tuple[PacketDoc, list[tuple[CardRef, PanelCard]]]:
    panel = build_panel(cards)
    names = [f"{n}.pdf" for n in range(len(panel.interviews))]
    doc = packet_doc(panel, merged_at=NOW, merger=MERGER, attachments=names,
                     pages=[(1, 1)] * len(names))
    return doc, [(ref, i.entry) for ref, i in zip(doc.cards, panel.interviews, strict=True)]


def test_an_honest_packet_agrees_with_its_cards() -> None:
    doc, pairs = honest(four())
    assert packet_claims_disagreement(doc, pairs) is None


def test_an_interview_counted_twice_is_a_lie() -> None:
    doc, pairs = honest(four())
    again = entry(detail("coding", interview_id=1), "again.pdf", NOW + timedelta(hours=1))
    pairs.append((pairs[0][0].model_copy(update={"attachment": "again.pdf"}), again))
    assert packet_claims_disagreement(doc, pairs) == (
        "the packet counts two attached cards of one interview")


def test_a_hidden_recommendation_split_is_a_lie() -> None:
    cards = four()
    cards[0] = entry(detail("coding", reco="no", interview_id=1))
    doc, pairs = honest(cards)
    assert any(f.kind == "recommendation-split" for f in doc.flags)
    assert packet_claims_disagreement(doc, pairs) is None
    hidden = doc.model_copy(update={"flags": [f for f in doc.flags
                                              if f.kind != "recommendation-split"]})
    assert packet_claims_disagreement(hidden, pairs) == (
        "the packet does not flag that its attached cards recommend both hire and no hire")


def test_an_inflated_overall_score_is_a_lie() -> None:
    doc, pairs = honest(four(math={"linear-algebra": 1}))
    assert doc.overall.fraction is not None
    inflated = doc.model_copy(update={"overall": doc.overall.model_copy(
        update={"fraction": doc.overall.fraction + 0.05})})
    reason = packet_claims_disagreement(inflated, pairs)
    assert reason is not None and reason.startswith("the packet gives the overall score")


def test_a_hidden_missing_interview_is_a_lie() -> None:
    from tests.domain.test_panel import KINDS

    panel = build_panel(four()[:3], expected=KINDS)
    names = [f"{n}.pdf" for n in range(3)]
    doc = packet_doc(panel, merged_at=NOW, merger=MERGER, attachments=names,
                     pages=[(1, 1)] * 3)
    pairs = [(ref, i.entry) for ref, i in zip(doc.cards, panel.interviews, strict=True)]
    assert doc.missing and packet_claims_disagreement(doc, pairs) is None
    # The missing kind left out of the list, the score called complete:
    complete = doc.model_copy(update={
        "missing": [], "overall": doc.overall.model_copy(update={"partial": False})})
    reason = packet_claims_disagreement(complete, pairs)
    assert reason is not None and "(optimisation)" in reason
    # Listed, but its flag removed:
    unflagged = doc.model_copy(update={"flags": [f for f in doc.flags
                                                 if f.kind != "missing-interview"]})
    assert packet_claims_disagreement(unflagged, pairs) == (
        "the packet does not flag the interviews missing from its panel")
