"""One interview under two certificates: neither card counts, one HIGH flag names both."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from scorer.domain.panel import CONFLICT_STATUS, FlagKind, PanelCard, Severity, build_panel
from tests.domain.test_panel import NOW, detail, entry, four


def signed_by(card: PanelCard, fingerprint: str, source: str, signer: str = "") -> PanelCard:
    interviewer = card.card.interviewer.model_copy(update={"certificate_sha256": fingerprint})
    return replace(card, card=card.card.model_copy(update={"interviewer": interviewer}),
                   source=source, signer=signer or card.signer,
                   sha256=f"{hash(source) & 0xFFFFFFFF:064x}")


def test_the_same_interview_under_two_certificates_counts_neither() -> None:
    cards = four()
    impostor = signed_by(cards[0], "cd" * 32, "impostor.pdf")
    panel = build_panel([*cards, impostor])
    assert {i.entry.source for i in panel.interviews} == {c.source for c in cards[1:]}
    assert [(r.source, r.status) for r in panel.rejected] == [
        (cards[0].source, CONFLICT_STATUS), ("impostor.pdf", CONFLICT_STATUS)]
    [flag] = [f for f in panel.flags if f.kind is FlagKind.CONFLICT]
    assert flag.severity is Severity.HIGH
    assert f"certificate {'ab' * 8}…" in flag.detail and f"certificate {'cd' * 8}…" in flag.detail
    assert flag.title == ("Coding, data structures and algorithms: 2 certificates claim one "
                          "interview")


def test_the_same_interviewer_and_kind_under_two_certificates_conflict() -> None:
    cards = four()
    other = entry(replace(detail("coding", interview_id=77),
                          created_at=NOW - timedelta(days=9)), "second.pdf")
    panel = build_panel([*cards, signed_by(other, "cd" * 32, "second.pdf")])
    assert len(panel.interviews) == 3
    assert any(f.kind is FlagKind.CONFLICT for f in panel.flags)


def test_two_interviewers_of_one_kind_both_count() -> None:
    cards = four()
    second = entry(replace(detail("coding", interview_id=77, interviewer="Tobias Ng"),
                           interviewer=replace(detail("coding").interviewer,
                                               name="Tobias Ng", email="tobias@example.com")),
                   "tobias.pdf")
    panel = build_panel([*cards, signed_by(second, "cd" * 32, "tobias.pdf")])
    assert len(panel.interviews) == 5
    assert not any(f.kind is FlagKind.CONFLICT for f in panel.flags)
    assert any(f.kind is FlagKind.REPEATED_INTERVIEW for f in panel.flags)


def test_a_reexport_under_the_same_certificate_is_a_duplicate_not_a_conflict() -> None:
    cards = four()
    again = entry(detail("coding", interview_id=1), "again.pdf", NOW + timedelta(hours=1))
    panel = build_panel([*cards, again])
    assert "again.pdf" in {i.entry.source for i in panel.interviews}
    assert [e.source for e in panel.set_aside] == [cards[0].source]
    assert not panel.rejected
