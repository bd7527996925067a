"""Forged cards in a merge, and a merger who lies in the packet: never counted, never OK.

The forger is a trusted interviewer (or holds a second trusted certificate in a
colleague's name); every file is made with the real signing code and real keys.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from scorer.domain.interview import DimensionScore, InterviewDetail
from scorer.domain.packet_doc import PacketDoc, parse_packet
from scorer.domain.panel import CONFLICT_STATUS, FlagKind, Severity
from scorer.domain.scorecard import scorecard_from_detail
from scorer.services import identity
from scorer.services.merge import MergeService
from scorer.services.merge import build as merge_build
from scorer.services.merge.build import BuildRequest, Merger, VerifiedCard, build_packet
from scorer.services.verify import Verdict, load_trust, verify_file
from tests.services import test_merge
from tests.support import fixtures
from tests.support.forge import NOW, sign_card, write
from tests.support.panel_cards import CardSet, Person, copy_cards, person, signed_cards

memory_keyring = fixtures.memory_keyring
pool, chair, trust, service = (test_merge.pool, test_merge.chair, test_merge.trust,
                               test_merge.service)
attachments = test_merge.attachments


@pytest.fixture
def cards() -> CardSet:
    return signed_cards()


def genuine(cards: CardSet) -> tuple[list[Path], InterviewDetail, Person]:
    """The first candidate's cards, the first interview's detail and its interviewer."""
    name = next(iter(cards.by_candidate))
    details = [d for d in cards.details if d.candidate.name == name]
    first = details[0]
    return cards.by_candidate[name], first, cards.people[first.interviewer.email]


def colleague_of(cards: CardSet, email: str) -> Person:
    """Another trusted interviewer, the insider."""
    return next(p for e, p in cards.people.items() if e != email)


def lowered(detail: InterviewDetail, **changes: Any) -> InterviewDetail:
    """The same interview with every dimension at its lowest level and a no-hire."""
    scores = tuple(DimensionScore(d.id, d.min_score, "Weak.") for d in detail.rubric.dimensions)
    no = next(o.id for o in detail.rubric.recommendation if not o.hire)
    return dataclasses.replace(detail, scores=scores, recommendation=no, **changes)


def forge(folder: Path, detail: InterviewDetail, signer: Person, name: str) -> Path:
    card = scorecard_from_detail(detail, signer.fingerprint, NOW + timedelta(days=1))
    return write(folder / name, sign_card(card, signer.key))


def test_a_card_signed_by_an_insider_in_a_colleagues_name_is_rejected_not_counted(
    tmp_path: Path, service: MergeService, cards: CardSet, trust: Path,
) -> None:
    files, first, owner = genuine(cards)
    insider = colleague_of(cards, owner.email)
    inputs = copy_cards(files, tmp_path / "in")
    forged = forge(tmp_path / "in", lowered(first), insider, "forged.pdf")
    checked = service.check([*inputs, forged])
    verdicts = {c.path.name: c.verification for c in checked}
    assert verdicts["forged.pdf"].verdict is Verdict.TAMPERED
    assert f"names {owner.name} <{owner.email}> as its interviewer" in \
        verdicts["forged.pdf"].reason
    result = service.build_packet(checked, tmp_path / "packet.pdf")
    counted = {i.entry.source for i in result.panel.interviews}
    assert counted == {p.name for p in inputs}  # the genuine card counts; the forgery does not
    assert [(r.source, r.status) for r in result.rejected] == [("forged.pdf", "TAMPERED")]
    assert any(f.kind is FlagKind.REJECTED and f.severity is Severity.HIGH
               for f in result.flags)
    assert verify_file(result.path, load_trust(trust)).verdict is Verdict.OK


@pytest.mark.parametrize("same_interview", [True, False], ids=["same-id", "new-interview"])
def test_a_second_trusted_certificate_in_a_colleagues_name_conflicts_and_neither_counts(
    tmp_path: Path, service: MergeService, cards: CardSet, trust: Path,
    same_interview: bool,
) -> None:
    """The lead was fooled into trusting a certificate with the colleague's name and email."""
    files, first, owner = genuine(cards)
    impostor = person(owner.name, owner.email)
    (trust / "impostor.pem").write_bytes(impostor.pem)
    service.reload_trust()
    inputs = copy_cards(files, tmp_path / "in")
    changes = {} if same_interview else {"id": 999, "created_at": first.created_at
                                         + timedelta(hours=1)}
    forged = forge(tmp_path / "in", lowered(first, **changes), impostor, "forged.pdf")
    checked = service.check([*inputs, forged])
    assert all(c.ok for c in checked)  # each card, on its own, verifies

    result = service.build_packet(checked, tmp_path / "packet.pdf")
    genuine_name = inputs[[d.id for d in cards.details if d.candidate == first.candidate]
                          .index(first.id)].name
    counted = {i.entry.source for i in result.panel.interviews}
    assert "forged.pdf" not in counted and genuine_name not in counted
    assert len(counted) == len(inputs) - 1
    conflict = [r for r in result.rejected if r.status == CONFLICT_STATUS]
    assert sorted(r.source for r in conflict) == sorted([genuine_name, "forged.pdf"])
    assert result.conflicts == 2
    [flag] = [f for f in result.flags if f.kind is FlagKind.CONFLICT]
    assert flag.severity is Severity.HIGH
    for signer in (owner, impostor):
        assert f"{owner.name} <{owner.email}>, certificate {signer.fingerprint[:16]}…" in \
            flag.detail
    assert "Neither is counted" in flag.detail

    doc = parse_packet(attachments(result.path)["scorer-packet.json"])
    assert sorted((r.source, r.status) for r in doc.rejected if r.status == CONFLICT_STATUS) \
        == sorted([(genuine_name, CONFLICT_STATUS), ("forged.pdf", CONFLICT_STATUS)])
    assert all(c.attachment not in ("forged.pdf",) for c in doc.cards)
    assert verify_file(result.path, load_trust(trust)).verdict is Verdict.OK


def test_a_reexport_by_the_same_certificate_supersedes_the_older_card(
    tmp_path: Path, service: MergeService, cards: CardSet,
) -> None:
    files, first, owner = genuine(cards)
    inputs = copy_cards(files, tmp_path / "in")
    again = forge(tmp_path / "in", first, owner, "re-export.pdf")
    result = service.build_packet(service.check([*inputs, again]), tmp_path / "packet.pdf")
    assert "re-export.pdf" in {i.entry.source for i in result.panel.interviews}
    assert len(result.panel.set_aside) == 1 and result.conflicts == 0
    assert not result.rejected
    assert any(f.kind is FlagKind.DUPLICATE for f in result.flags)


# -- a merger who lies ---------------------------------------------------------------------

def build_with(tmp_path: Path, service: MergeService, cards: CardSet, merger: Merger,
               lie: Callable[[PacketDoc], PacketDoc] | None = None,
               monkeypatch: pytest.MonkeyPatch | None = None) -> Path:
    files, _, _ = genuine(cards)
    checked = service.check(files)
    if lie is not None:
        assert monkeypatch is not None
        honest = merge_build.packet_doc
        monkeypatch.setattr(merge_build, "packet_doc",
                            lambda *a, **k: lie(honest(*a, **k)))
    built = build_packet(BuildRequest(
        tuple(VerifiedCard(c.panel_card(), c.data or b"") for c in checked), (), merger, NOW))
    return write(tmp_path / "packet.pdf", built.pdf)


def test_a_packet_naming_another_merger_than_its_certificate_is_tampered(
    tmp_path: Path, service: MergeService, cards: CardSet, trust: Path,
    chair: identity.Identity,
) -> None:
    honest = service.merger()
    posing = dataclasses.replace(honest, name="Head of Hiring", email="head@example.com")
    packet = build_with(tmp_path, service, cards, posing)
    result = verify_file(packet, load_trust(trust))
    assert result.verdict is Verdict.TAMPERED and result.is_packet
    assert result.reason == (
        "the packet names Head of Hiring <head@example.com> as its merger, but it is signed "
        "with the certificate of Panel Chair <chair@example.com> (the names and emails differ)")


def _first_card(**changes: Any) -> Callable[[PacketDoc], PacketDoc]:
    def lie(doc: PacketDoc) -> PacketDoc:
        cards = [doc.cards[0].model_copy(update=changes), *doc.cards[1:]]
        return doc.model_copy(update={"cards": cards})
    return lie


@pytest.mark.parametrize(("lie", "expected"), [
    (_first_card(interviewer="Gil Levi"), "the interviewer 'Gil Levi'"),
    (_first_card(interviewer_email="gil@example.com"), "the interviewer email 'gil@example.com'"),
    (_first_card(certificate_sha256="cd" * 32), "the certificate 'cdcd"),
    (_first_card(interview_id=999), "the interview id '999'"),
    (_first_card(fraction=0.01), "the score 1 %"),
    (_first_card(recommendation=None), "the recommendation none"),
    (lambda d: d.model_copy(update={"overall": d.overall.model_copy(update={"fraction": 0.99})}),
     "the overall score 99 %"),
    (lambda d: d.model_copy(update={"candidate": d.candidate.model_copy(
        update={"name": "Someone Else", "email": "else@example.org"})}),
     "the packet is for Someone Else"),
], ids=["interviewer", "email", "certificate", "interview", "score", "recommendation",
        "overall", "candidate"])
def test_a_packet_describing_its_cards_otherwise_than_they_are_is_tampered(
    tmp_path: Path, service: MergeService, cards: CardSet, trust: Path,
    chair: identity.Identity, monkeypatch: pytest.MonkeyPatch,
    lie: Callable[[PacketDoc], PacketDoc], expected: str,
) -> None:
    packet = build_with(tmp_path, service, cards, service.merger(), lie, monkeypatch)
    result = verify_file(packet, load_trust(trust))
    assert result.verdict is Verdict.TAMPERED, result.reason
    assert expected in result.reason


def test_the_honest_packet_is_ok(tmp_path: Path, service: MergeService, cards: CardSet,
                                 trust: Path, chair: identity.Identity) -> None:
    packet = build_with(tmp_path, service, cards, service.merger())
    result = verify_file(packet, load_trust(trust))
    assert result.verdict is Verdict.OK, result.reason
    assert result.line().split(" · ")[2] == "signer Panel Chair <chair@example.com>"
