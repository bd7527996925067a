"""The cohort report: signed with its data, verified as a report, and hard to forge.

Who could have made each claim: the cards' levels are their interviewers' (each card
signed); the packets and the report are the merger's. `scorer verify` checks that the
report is signed by a trusted merger over the whole file and its data, that the data
name the signer as merger, that every number printed follows from the card data it
lists, and that the packets it names beside it are the ones it was made from.
"""

from __future__ import annotations

import csv
import hashlib
import shutil
from io import StringIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from scorer.domain.cohort_doc import COHORT_ATTACHMENT, CohortDoc, parse_cohort
from scorer.domain.document_info import cohort_info
from scorer.domain.panel import build_panel
from scorer.io.documents.cohort import CohortView, render_cohort
from scorer.io.pdf.signature_stamp import STAMP_FORM
from scorer.io.signatures.sign import sign_scorecard
from scorer.services import identity
from scorer.services.merge import COHORT_REPORT, MergeService
from scorer.services.merge.build import Merger, signing_key
from scorer.services.merge.results import CohortResult
from scorer.services.verify import Verdict, load_trust, verify_file
from tests.support import fixtures
from tests.support.panel_cards import CardSet, person, shared_pool, signed_cards

memory_keyring = fixtures.memory_keyring


@pytest.fixture
def chair(memory_keyring: object, scorer_home: Path) -> identity.Identity:
    return identity.create("Panel Chair", "chair@example.com")


@pytest.fixture
def trust(tmp_path: Path, chair: identity.Identity) -> Path:
    folder = tmp_path / "trust"
    shutil.copytree(signed_cards().trust, folder)
    (folder / "chair.pem").write_bytes(chair.certificate.pem)
    return folder


@pytest.fixture
def service(trust: Path) -> MergeService:
    return MergeService(trust, pool=shared_pool())


@pytest.fixture
def merged(tmp_path: Path, service: MergeService) -> CohortResult:
    cards: CardSet = signed_cards()
    checked = service.check(service.expand([cards.folder]))
    return service.build_per_candidate(checked, tmp_path / "out")


def embedded(report: Path) -> CohortDoc:
    reader = PdfReader(report)
    return parse_cohort(reader.attachments[COHORT_ATTACHMENT][0])


def resign(doc: CohortDoc, merger: Merger, result: CohortResult, target: Path,
           keywords_of: CohortDoc | None = None, author: str | None = None) -> Path:
    """A report laid out and signed the way the merge does it, over `doc`."""
    assert result.cohort is not None
    panels = tuple(p.panel for p in result.packets)
    digest = (keywords_of or doc).digest()
    rendered = render_cohort(CohortView(
        result.cohort, tuple(p.path.name for p in result.packets), panels, (), merger.name,
        doc.merged_at, "A4", merger.email, digest,
        cohort_info(author or doc.merger.name, len(doc.candidates), digest)))
    box = rendered.signature_box
    target.write_bytes(sign_scorecard(
        rendered.pdf, signing_key(merger), doc.to_json_bytes(), page=box.page,
        box=box.rounded(), stamp_form=STAMP_FORM, signer_name=merger.name,
        signed_at=doc.merged_at, attachment_name=COHORT_ATTACHMENT))
    return target


def test_the_report_is_signed_and_verifies_as_a_cohort_report(
        merged: CohortResult, trust: Path) -> None:
    assert merged.report is not None
    found = verify_file(merged.report, load_trust(trust))
    assert found.ok and found.kind == "cohort" and found.beside == 2
    assert found.line().startswith(f"{merged.report}: OK · cohort report of 2 candidates")
    if shutil.which("pdfsig"):
        import subprocess

        out = subprocess.run(["pdfsig", str(merged.report)], capture_output=True, text=True,
                             check=False).stdout
        assert "Signature is Valid" in out and "Total document signed" in out


def test_the_data_name_every_packet_and_card_by_sha256(merged: CohortResult) -> None:
    assert merged.report is not None
    doc = embedded(merged.report)
    assert sorted(c.packet for c in doc.candidates) == sorted(p.path.name
                                                              for p in merged.packets)
    for candidate in doc.candidates:
        packet = merged.report.parent / candidate.packet
        assert hashlib.sha256(packet.read_bytes()).hexdigest() == candidate.packet_sha256
        packet_cards = dict(PdfReader(packet).attachments)
        card_shas = {hashlib.sha256(v[0]).hexdigest() for k, v in packet_cards.items()
                     if k.endswith(".pdf")}
        assert {card.sha256 for card in candidate.cards} == card_shas
        assert candidate.interviews == 4 and candidate.expected == 4 and not candidate.partial
    assert doc.cards == 8 and len(doc.expected) == 4
    theory = next(r for r in doc.reliabilities if r.key == "ml-dl-theory")
    assert (theory.units, theory.pairable, theory.required, theory.enough) == (2, 4, 81, False)
    assert theory.alpha is None and theory.reason == "not enough data"


def test_the_csv_has_one_row_per_card_with_every_level(merged: CohortResult) -> None:
    assert merged.report is not None and merged.table is not None
    doc = embedded(merged.report)
    text = merged.table.read_bytes().decode("utf-8-sig")
    rows = list(csv.DictReader(StringIO(text)))
    assert len(rows) == doc.cards == 8
    by_key = {(r["candidate"], r["interview kind"]): r for r in rows}
    for candidate in doc.candidates:
        for card in candidate.cards:
            row = by_key[(candidate.name, card.rubric_id)]
            assert row["interviewer"] == card.interviewer
            assert row["recommendation"] == (card.recommendation.label
                                             if card.recommendation else "")
            for d in card.dimensions:
                assert row[f"{card.rubric_id} / {d.name}"] == str(d.score)


def test_edited_numbers_signed_again_by_the_merger_do_not_verify(
        tmp_path: Path, merged: CohortResult, service: MergeService, trust: Path) -> None:
    assert merged.report is not None
    doc = embedded(merged.report)
    first = doc.candidates[0]
    overall = first.overall or 0.0
    edited = overall - 0.25 if overall >= 0.25 else overall + 0.25
    inflated = doc.model_copy(update={"candidates": [
        first.model_copy(update={"overall": edited}), *doc.candidates[1:]]})
    forged = resign(inflated, service.merger(), merged, merged.report.parent / "forged.pdf")
    found = verify_file(forged, load_trust(trust))
    assert found.verdict is Verdict.TAMPERED
    assert "disagrees with its own card data" in found.reason and first.name in found.reason
    # The same procedure over the true data verifies: the check is on the numbers.
    honest = resign(doc, service.merger(), merged, merged.report.parent / "honest.pdf")
    assert verify_file(honest, load_trust(trust)).ok


@pytest.mark.parametrize("edit", ["alpha", "offset", "card-level"])
def test_every_kind_of_number_is_checked(
        tmp_path: Path, merged: CohortResult, service: MergeService, trust: Path,
        edit: str) -> None:
    assert merged.report is not None
    doc = embedded(merged.report)
    if edit == "alpha":
        theory = next(r for r in doc.reliabilities if r.key == "ml-dl-theory")
        changed = theory.model_copy(update={"enough": True, "alpha": 0.91})
        doc = doc.model_copy(update={"reliabilities": [
            changed if r.key == theory.key else r for r in doc.reliabilities]})
    elif edit == "offset":
        person_ = doc.interviewers[0]
        doc = doc.model_copy(update={"interviewers": [
            person_.model_copy(update={"paired_offset": (person_.paired_offset or 0) + 0.5}),
            *doc.interviewers[1:]]})
    else:  # a card's level changed: its score no longer follows
        candidate = doc.candidates[0]
        card = candidate.cards[0]
        d = card.dimensions[0]
        lowered = d.model_copy(update={"score": min(d.levels)})
        card = card.model_copy(update={"dimensions": [lowered, *card.dimensions[1:]]})
        candidate = candidate.model_copy(update={"cards": [card, *candidate.cards[1:]]})
        doc = doc.model_copy(update={"candidates": [candidate, *doc.candidates[1:]]})
    forged = resign(doc, service.merger(), merged, tmp_path / "forged.pdf")
    found = verify_file(forged, load_trust(trust))
    assert found.verdict is Verdict.TAMPERED and "own card data" in found.reason


def test_data_other_than_the_signed_digest_do_not_verify(
        tmp_path: Path, merged: CohortResult, service: MergeService, trust: Path) -> None:
    assert merged.report is not None
    doc = embedded(merged.report)
    other = doc.model_copy(update={"cards": doc.cards})  # same content, keywords of another
    changed = doc.model_copy(update={"unmeasured": [*doc.unmeasured, "Something"]})
    forged = resign(other, service.merger(), merged, tmp_path / "forged.pdf",
                    keywords_of=changed)
    found = verify_file(forged, load_trust(trust))
    assert found.verdict is Verdict.TAMPERED and "signed digest" in found.reason


def test_signed_document_information_must_match_the_data(
        tmp_path: Path, merged: CohortResult, service: MergeService, trust: Path) -> None:
    assert merged.report is not None
    doc = embedded(merged.report)
    forged = resign(doc, service.merger(), merged, tmp_path / "forged.pdf",
                    author="Someone Else")
    found = verify_file(forged, load_trust(trust))
    assert found.verdict is Verdict.TAMPERED and "author 'Someone Else'" in found.reason


def test_a_report_naming_another_merger_or_by_an_untrusted_one(
        tmp_path: Path, merged: CohortResult, service: MergeService, trust: Path) -> None:
    assert merged.report is not None
    doc = embedded(merged.report)
    stranger = person("Mallory Stone", "mallory@example.com")
    as_stranger = Merger(stranger.name, stranger.email, stranger.fingerprint,
                         stranger.made.key_pem, stranger.pem)
    # The chair's name and certificate in the data, the stranger's signature.
    forged = resign(doc, as_stranger, merged, tmp_path / "forged.pdf")
    found = verify_file(forged, load_trust(trust))
    assert found.verdict is Verdict.TAMPERED and "another certificate" in found.reason
    # Signed consistently by someone outside the trust folder.
    own = doc.model_copy(update={"merger": doc.merger.model_copy(update={
        "name": stranger.name, "email": stranger.email,
        "certificate_sha256": stranger.fingerprint})})
    untrusted = resign(own, as_stranger, merged, tmp_path / "untrusted.pdf")
    assert verify_file(untrusted, load_trust(trust)).verdict is Verdict.UNTRUSTED_SIGNER
    # The stranger's certificate, but the chair's name and email as merger.
    posing = doc.model_copy(update={"merger": doc.merger.model_copy(update={
        "certificate_sha256": stranger.fingerprint})})
    found = verify_file(resign(posing, as_stranger, merged, tmp_path / "posing.pdf"),
                        load_trust(trust))
    assert found.verdict is Verdict.TAMPERED
    assert "names Panel Chair" in found.reason and "Mallory Stone" in found.reason


def test_a_packet_beside_it_that_is_not_the_one_it_names(
        tmp_path: Path, merged: CohortResult, service: MergeService, trust: Path) -> None:
    assert merged.report is not None
    first = merged.packets[0]
    # Another valid packet under the same name: the candidate's first three cards only.
    checked = [c for c in service.check([p for p in signed_cards().by_candidate[
        first.candidate]][:3])]
    service.build_packet(checked, tmp_path / "other.pdf")
    shutil.copyfile(tmp_path / "other.pdf", first.path)
    found = verify_file(merged.report, load_trust(trust))
    assert found.verdict is Verdict.TAMPERED and first.path.name in found.reason
    # The report on its own (no packet beside it) still verifies.
    alone = tmp_path / "alone"
    alone.mkdir()
    shutil.copyfile(merged.report, alone / COHORT_REPORT)
    found = verify_file(alone / COHORT_REPORT, load_trust(trust))
    assert found.ok and found.beside == 0


def test_a_flipped_byte_is_tampering(merged: CohortResult, trust: Path) -> None:
    assert merged.report is not None
    data = bytearray(merged.report.read_bytes())
    data[data.index(b"stream", 3000) + 40] ^= 1
    merged.report.write_bytes(bytes(data))
    assert verify_file(merged.report, load_trust(trust)).verdict is Verdict.TAMPERED


def test_a_report_among_the_inputs_is_skipped(
        tmp_path: Path, merged: CohortResult, service: MergeService) -> None:
    assert merged.report is not None
    cards = signed_cards()
    folder = tmp_path / "drive"
    shutil.copytree(cards.folder, folder / "cards")
    shutil.copytree(merged.report.parent, folder / "earlier")
    checked = service.check(service.expand([folder]))
    skipped = sorted(c.path.name for c in checked if c.skipped)
    assert skipped == sorted([COHORT_REPORT, *(p.path.name for p in merged.packets)])
    again = service.build_per_candidate(checked, tmp_path / "again")
    assert again.rejected == 0 and not again.unassigned
    assert all(not p.rejected for p in again.packets)


def test_a_partial_candidate_is_marked_in_the_report(
        tmp_path: Path, service: MergeService, trust: Path) -> None:
    cards = signed_cards()
    first, second = list(cards.by_candidate)
    inputs = [*cards.by_candidate[first][:3], *cards.by_candidate[second]]
    result = service.build_per_candidate(service.check(inputs), tmp_path / "out")
    assert result.report is not None
    doc = embedded(result.report)
    partial = next(c for c in doc.candidates if c.name == first)
    assert partial.partial and partial.interviews == 3 and len(partial.missing) == 1
    assert doc.candidates[-1].name == first  # after the complete panel
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(result.report).pages)
    assert "Incomplete panels" in text and "3 of 4" in text and "partial" in text
    assert verify_file(result.report, load_trust(trust)).ok
    packet = next(p for p in result.packets if p.candidate == first)
    assert packet.panel.partial
    assert build_panel([e.entry for e in packet.panel.interviews]).missing == ()


def test_chosen_candidates_get_their_packets_only_with_progress(
    tmp_path: Path, service: MergeService
) -> None:
    cards: CardSet = signed_cards()
    checked = service.check(service.expand([cards.folder]))
    first = service.desk(checked).candidates[0]
    seen: list[tuple[int, int]] = []
    result = service.build_per_candidate(checked, tmp_path / "out", only=[first.key],
                                         on_progress=lambda d, t: seen.append((d, t)))
    assert [p.candidate for p in result.packets] == [first.name]
    assert result.report is None and not (tmp_path / "out" / COHORT_REPORT).exists()
    assert seen == [(1, 1)]
    assert result.packets[0].cards == first.counted


def test_every_packet_and_the_report_count_as_progress(tmp_path: Path,
                                                       service: MergeService) -> None:
    checked = service.check(service.expand([signed_cards().folder]))
    seen: list[tuple[int, int]] = []
    result = service.build_per_candidate(checked, tmp_path / "out",
                                         on_progress=lambda d, t: seen.append((d, t)))
    assert result.report is not None
    assert seen == [(1, 3), (2, 3), (3, 3)]


def test_a_cancelled_build_writes_nothing(tmp_path: Path, service: MergeService) -> None:
    import threading

    from scorer.services.merge.results import MergeCancelled

    checked = service.check(service.expand([signed_cards().folder]))
    cancel = threading.Event()
    with pytest.raises(MergeCancelled) as raised:
        service.build_per_candidate(checked, tmp_path / "out", cancel=cancel,
                                    on_progress=lambda d, t: cancel.set())
    assert "nothing was written" in raised.value.message
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []
