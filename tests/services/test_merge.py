"""`MergeService`: verified cards into one signed packet; rejected inputs listed; atomic writes."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from scorer.domain.packet_doc import PACKET_ATTACHMENT, parse_packet
from scorer.domain.panel import FlagKind, MixedCandidates, Severity
from scorer.domain.scorecard import scorecard_from_detail
from scorer.io.documents.scorecard import render_scorecard
from scorer.services import identity
from scorer.services.merge import (
    COHORT_REPORT,
    MergeError,
    MergeService,
    NothingVerified,
)
from scorer.services.merge.pool import WorkerPool
from scorer.services.verify import Verdict, load_trust, verify_file
from tests.support import fixtures
from tests.support.panel_cards import CardSet, copy_cards, shared_pool, signed_cards

memory_keyring = fixtures.memory_keyring


@pytest.fixture
def pool() -> WorkerPool:
    return shared_pool()


@pytest.fixture
def cards() -> CardSet:
    return signed_cards()


@pytest.fixture
def chair(memory_keyring: object, scorer_home: Path) -> identity.Identity:
    return identity.create("Panel Chair", "chair@example.com")


@pytest.fixture
def trust(tmp_path: Path, cards: CardSet, chair: identity.Identity) -> Path:
    folder = tmp_path / "trust"
    shutil.copytree(cards.trust, folder)
    (folder / "chair.pem").write_bytes(chair.certificate.pem)
    return folder


@pytest.fixture
def service(trust: Path, pool: WorkerPool) -> MergeService:
    return MergeService(trust, pool=pool)


def first_candidate(cards: CardSet) -> tuple[str, list[Path]]:
    name = next(iter(cards.by_candidate))
    return name, cards.by_candidate[name]


def attachments(pdf: Path) -> dict[str, bytes]:
    reader = PdfReader(pdf)
    return {name: values[0] for name, values in reader.attachments.items()}


def page_text(pdf: Path, pages: slice = slice(None)) -> str:
    reader = PdfReader(pdf)
    return "\n".join(page.extract_text() for page in reader.pages[pages])


def test_four_cards_from_four_identities_make_one_signed_packet(
    tmp_path: Path, service: MergeService, cards: CardSet, trust: Path
) -> None:
    name, files = first_candidate(cards)
    inputs = copy_cards(files, tmp_path / "in")
    checked = service.check(service.expand([tmp_path / "in"]))
    assert [c.status for c in checked] == ["OK"] * 4
    assert len({c.signer for c in checked}) == 4  # four identities

    target = tmp_path / "packet.pdf"
    result = service.build_packet(checked, target)
    assert result.cards == 4 and result.candidate == name and not result.rejected

    # `scorer verify` and poppler both accept the packet's one signature.
    verdict = verify_file(target, load_trust(trust))
    assert verdict.verdict is Verdict.OK, verdict.reason
    assert verdict.is_packet and verdict.cards == 4 and verdict.candidate == name
    assert verdict.signer == "Panel Chair"
    assert "packet of 4 cards" in verdict.line()
    if shutil.which("pdfsig"):
        out = subprocess.run(["pdfsig", str(target)], capture_output=True, text=True,
                             check=False).stdout
        assert out.count("Signature #") == 1
        assert "Total document signed" in out and "Signature is Valid." in out

    # The originals ride along byte for byte, and each verifies on its own.
    found = attachments(target)
    originals = {hashlib.sha256(p.read_bytes()).hexdigest() for p in inputs}
    carried = {hashlib.sha256(data).hexdigest() for n, data in found.items()
               if n != PACKET_ATTACHMENT}
    assert carried == originals
    out_dir = tmp_path / "extracted"
    out_dir.mkdir()
    for attachment, data in found.items():
        if attachment == PACKET_ATTACHMENT:
            continue
        (out_dir / attachment).write_bytes(data)
        assert verify_file(out_dir / attachment, load_trust(trust)).ok

    # Summary first, then every card page under a banner; no card's signature field is copied.
    reader = PdfReader(target)
    doc = parse_packet(found[PACKET_ATTACHMENT])
    assert doc.candidate.name == name and len(doc.cards) == 4
    card_pages = sum(len(PdfReader(p).pages) for p in inputs)
    summary_pages = doc.cards[0].first_page - 1
    assert len(reader.pages) == summary_pages + card_pages == result.pages
    fields = reader.get_fields() or {}
    assert list(fields) == ["ScorecardSignature"]  # the packet's own
    assert reader.pages[summary_pages - 1].get("/Annots")  # the signature widget
    for page in reader.pages[summary_pages:]:
        assert "/Annots" not in page
    summary = page_text(target, slice(0, summary_pages))
    assert name in summary and "OVERALL SCORE" in summary and "Before the debrief" in summary
    # The page numbers and the digest the summary prints are drawn once its length is known:
    # they are the packet's own, and the digest is that of the attached packet data.
    assert hashlib.sha256(found[PACKET_ATTACHMENT]).hexdigest() in summary
    for ref in doc.cards:
        assert f"{ref.first_page}–{ref.last_page}" in summary
        assert f"card from page {ref.first_page}" in summary
    for ref in doc.cards:
        banner = reader.pages[ref.first_page - 1].extract_text()
        assert "VERIFIED" in banner and ref.interviewer in banner


def test_a_tampered_card_is_rejected_and_listed(
    tmp_path: Path, service: MergeService, cards: CardSet, trust: Path
) -> None:
    _, files = first_candidate(cards)
    inputs = copy_cards(files, tmp_path / "in")
    data = bytearray(inputs[1].read_bytes())
    at = data.index(b"stream", 2000) + 40
    data[at] ^= 0x01
    inputs[1].write_bytes(bytes(data))

    checked = service.check(inputs)
    statuses = {c.path.name: c.status for c in checked}
    assert statuses[inputs[1].name] == "TAMPERED"
    result = service.build_packet(checked, tmp_path / "packet.pdf")
    assert result.cards == 3
    assert [r.source for r in result.rejected] == [inputs[1].name]
    high = [f.kind for f in result.flags if f.severity is Severity.HIGH]
    # the rejected card's interview is missing from the panel, and the input is listed
    assert high[:2] == [FlagKind.MISSING_INTERVIEW, FlagKind.REJECTED]
    assert result.panel.partial
    summary = page_text(result.path, slice(0, 2))
    assert "Rejected inputs" in summary and inputs[1].name in summary and "TAMPERED" in summary
    doc = parse_packet(attachments(result.path)[PACKET_ATTACHMENT])
    assert [(r.source, r.status) for r in doc.rejected] == [(inputs[1].name, "TAMPERED")]
    assert verify_file(result.path, load_trust(trust)).ok


def test_garbage_truncated_unsigned_and_untrusted_inputs_are_rejected_with_reasons(
    tmp_path: Path, service: MergeService, cards: CardSet, trust: Path,
    chair: identity.Identity,
) -> None:
    _, files = first_candidate(cards)
    folder = tmp_path / "in"
    copy_cards(files, folder)
    whole = files[0].read_bytes()
    (folder / "garbage.pdf").write_bytes(b"%PDF-1.7\n garbage \x00\xff" * 50)
    (folder / "empty.pdf").write_bytes(b"")
    (folder / "truncated.pdf").write_bytes(whole[: len(whole) - 700])
    (folder / "half.pdf").write_bytes(whole[: len(whole) // 2])
    (folder / "image.PDF").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(300))
    detail = cards.details[0]
    card = scorecard_from_detail(detail, "ab" * 32, detail.submitted_at)  # type: ignore[arg-type]
    (folder / "unsigned.pdf").write_bytes(render_scorecard(card).pdf)
    (trust / "chair.pem").unlink()
    copy = tmp_path / "other-trust"
    shutil.copytree(trust, copy)
    somebody = next(p for p in copy.iterdir() if p.suffix == ".pem")
    somebody.unlink()  # one interviewer no longer trusted
    service = MergeService(copy, pool=service._pool)

    checked = service.check(service.expand([folder]))
    by_name = {c.path.name: c for c in checked}
    assert by_name["garbage.pdf"].status == "UNREADABLE"
    assert by_name["empty.pdf"].status == "UNREADABLE"
    assert by_name["image.PDF"].status == "UNREADABLE"
    assert by_name["truncated.pdf"].status == "TAMPERED"
    assert "cut short" in by_name["truncated.pdf"].reason
    assert by_name["half.pdf"].status in {"UNREADABLE", "TAMPERED"}
    assert by_name["unsigned.pdf"].status == "UNSIGNED"
    untrusted = [c for c in checked if c.status == "UNTRUSTED SIGNER"]
    assert len(untrusted) == 1
    assert all(c.reason for c in checked if not c.ok)

    result = service.build_packet(checked, tmp_path / "packet.pdf")
    assert result.cards == 3 and len(result.rejected) == 7
    summary = page_text(result.path, slice(0, 3))
    for rejected in result.rejected:
        assert rejected.source in summary


def test_cards_of_two_candidates_are_refused_for_one_packet(
    tmp_path: Path, service: MergeService, cards: CardSet
) -> None:
    names = list(cards.by_candidate)
    inputs = [cards.by_candidate[names[0]][0], cards.by_candidate[names[1]][0]]
    checked = service.check(inputs)
    target = tmp_path / "packet.pdf"
    with pytest.raises(MixedCandidates) as raised:
        service.build_packet(checked, target)
    assert names[0] in raised.value.message and names[1] in raised.value.message
    assert "--per-candidate" in raised.value.message
    assert not target.exists()


def test_an_identical_copy_of_a_card_counts_once_in_the_packet_and_the_desk(
    tmp_path: Path, service: MergeService, cards: CardSet
) -> None:
    _, files = first_candidate(cards)
    inputs = copy_cards(files, tmp_path / "in")
    (tmp_path / "in" / "again").mkdir()
    shutil.copyfile(inputs[0], tmp_path / "in" / "again" / inputs[0].name)
    checked = service.check(service.expand([tmp_path / "in"]))
    assert len(checked) == 5
    desk = service.desk(checked)
    assert desk.verified == 4 and desk.copies == 1
    result = service.build_packet(checked, tmp_path / "packet.pdf")
    assert result.cards == 4 and result.panel.set_aside == ()
    assert not any(f.kind is FlagKind.DUPLICATE for f in result.flags)
    assert result.cards == desk.candidates[0].counted


def test_a_packet_is_skipped_not_rejected(tmp_path: Path, service: MergeService,
                                          cards: CardSet) -> None:
    _, files = first_candidate(cards)
    first = service.build_packet(service.check(files), tmp_path / "packet.pdf")
    checked = service.check([first.path, *files])
    assert checked[0].skipped and not checked[0].ok
    assert checked[0].status == "skipped: not a scorecard"
    assert "panel packet" in checked[0].reason and "skipped" in checked[0].line()
    again = service.build_packet(checked, tmp_path / "again.pdf")
    assert again.cards == 4 and again.rejected == ()
    assert not any(f.kind is FlagKind.REJECTED for f in again.flags)


def test_a_packet_that_does_not_verify_is_still_rejected(
        tmp_path: Path, service: MergeService, cards: CardSet) -> None:
    _, files = first_candidate(cards)
    first = service.build_packet(service.check(files), tmp_path / "packet.pdf")
    data = bytearray(first.path.read_bytes())
    at = data.index(b"stream", 2000) + 40
    data[at] ^= 0x01
    first.path.write_bytes(bytes(data))
    checked = service.check([first.path, *files])
    assert not checked[0].skipped and checked[0].status == "TAMPERED"
    again = service.build_packet(checked, tmp_path / "again.pdf")
    assert [r.source for r in again.rejected] == ["packet.pdf"]


def test_the_output_never_replaces_an_input(tmp_path: Path, service: MergeService,
                                            cards: CardSet) -> None:
    _, files = first_candidate(cards)
    inputs = copy_cards(files, tmp_path / "in")
    checked = service.check(inputs)
    with pytest.raises(MergeError, match="would replace the input"):
        service.build_packet(checked, inputs[0])


def test_nothing_verified_writes_nothing(tmp_path: Path, service: MergeService) -> None:
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"nothing")
    target = tmp_path / "packet.pdf"
    with pytest.raises(NothingVerified) as raised:
        service.build_packet(service.check([junk]), target)
    assert raised.value.exit_code == 2 and not target.exists()


def test_without_an_identity_the_merge_says_how_to_make_one(
    tmp_path: Path, trust: Path, pool: WorkerPool, cards: CardSet, scorer_home: Path
) -> None:
    shutil.rmtree(scorer_home / "identity")
    service = MergeService(trust, pool=pool)
    _, files = first_candidate(cards)
    target = tmp_path / "packet.pdf"
    with pytest.raises(MergeError, match="scorer identity create"):
        service.build_packet(service.check(files), target)
    assert not target.exists()


def test_a_failed_build_leaves_no_file_and_keeps_the_previous_packet(
    tmp_path: Path, service: MergeService, cards: CardSet, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, files = first_candidate(cards)
    checked = service.check(files)
    target = tmp_path / "out" / "packet.pdf"
    target.parent.mkdir()
    service.build_packet(checked, target)
    before = target.read_bytes()

    from dataclasses import replace

    merger = service.merger()  # a key the signer cannot read: the worker's build fails
    monkeypatch.setattr(service, "merger", lambda: replace(merger, key_pem=b"not a key"))
    with pytest.raises(MergeError, match=r"The packet for .+ could not be built"):
        service.build_packet(checked, target)
    assert target.read_bytes() == before
    assert sorted(p.name for p in target.parent.iterdir()) == ["packet.pdf"]


def test_per_candidate_writes_one_packet_each_and_the_cohort_report(
    tmp_path: Path, service: MergeService, cards: CardSet, trust: Path
) -> None:
    junk = tmp_path / "cards" / "junk.pdf"
    shutil.copytree(cards.folder, tmp_path / "cards")
    junk.write_bytes(b"%PDF-1.4 junk")
    out = tmp_path / "packets"
    checked = service.check(service.expand([tmp_path / "cards"]))
    result = service.build_per_candidate(checked, out)
    assert len(result.packets) == 2 and result.report == out / COHORT_REPORT
    assert [r.source for r in result.unassigned] == ["junk.pdf"]
    assert result.cohort is not None and len(result.cohort.candidates) == 2
    for packet in result.packets:
        assert packet.cards == 4
        assert verify_file(packet.path, load_trust(trust)).ok
    report = page_text(out / COHORT_REPORT)
    assert "Krippendorff" in report and "junk.pdf" in report
    for name in cards.by_candidate:
        assert name in report
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [COHORT_REPORT, "cohort.csv", *(p.path.name for p in result.packets)])
    assert result.table == out / "cohort.csv"


def test_the_pdf_stays_readable_by_pypdf_alone(tmp_path: Path, service: MergeService,
                                               cards: CardSet) -> None:
    """A viewer without signature support still reads every page of the packet."""
    _, files = first_candidate(cards)
    result = service.build_packet(service.check(files), tmp_path / "packet.pdf")
    reader = PdfReader(BytesIO(result.path.read_bytes()), strict=True)
    assert all(page.extract_text() for page in reader.pages)
    assert reader.outline[0].title == "Summary"  # type: ignore[union-attr]


def test_folders_are_searched_for_pdfs_within_bounds(
    tmp_path: Path, service: MergeService, monkeypatch: pytest.MonkeyPatch
) -> None:
    import scorer.services.merge.service as merge

    folder = tmp_path / "drive"
    (folder / "sub").mkdir(parents=True)
    (folder / ".hidden").mkdir()
    for name in ("a.pdf", "sub/b.PDF", ".hidden/c.pdf", ".d.pdf", "notes.txt"):
        (folder / name).write_bytes(b"%PDF")
    given = folder / "a.pdf"
    found = service.expand([folder, given], skip=[folder / "sub" / "b.PDF"])
    assert found == [folder / "a.pdf"]
    assert service.expand([folder]) == [folder / "a.pdf", folder / "sub" / "b.PDF"]
    monkeypatch.setattr(merge, "MAX_FOLDER_ENTRIES", 3)
    with pytest.raises(MergeError, match="give the folder the scorecards are in"):
        service.expand([folder])


def test_scorer_verify_judges_a_packet_by_its_signature_and_its_originals(
    tmp_path: Path, service: MergeService, cards: CardSet, trust: Path
) -> None:
    _, files = first_candidate(cards)
    packet = service.build_packet(service.check(files), tmp_path / "packet.pdf").path
    assert verify_file(packet, load_trust(trust)).verdict is Verdict.OK

    flipped = bytearray(packet.read_bytes())
    flipped[flipped.index(b"stream", 3000) + 60] ^= 1
    (tmp_path / "flipped.pdf").write_bytes(bytes(flipped))
    assert verify_file(tmp_path / "flipped.pdf", load_trust(trust)).verdict is Verdict.TAMPERED

    without_merger = tmp_path / "no-merger"
    shutil.copytree(trust, without_merger)
    (without_merger / "chair.pem").unlink()
    result = verify_file(packet, load_trust(without_merger))
    assert result.verdict is Verdict.UNTRUSTED_SIGNER and "merger" in result.reason

    without_one = tmp_path / "no-interviewer"
    shutil.copytree(trust, without_one)
    next(p for p in without_one.iterdir() if p.name != "chair.pem").unlink()
    result = verify_file(packet, load_trust(without_one))
    assert result.verdict is Verdict.UNTRUSTED_SIGNER
    assert "the attached card" in result.reason and result.is_packet


def test_one_packet_is_built_by_a_worker_not_here(
    tmp_path: Path, service: MergeService, cards: CardSet, monkeypatch: pytest.MonkeyPatch
) -> None:
    from scorer.services.merge import build

    def not_here(*_args: object) -> object:
        raise AssertionError("built in the merging process")

    monkeypatch.setattr(build, "build_packet", not_here)
    _name, files = first_candidate(cards)
    checked = service.check(files)
    result = service.build_per_candidate(checked, tmp_path / "out")
    assert len(result.packets) == 1 and result.report is None
    assert PdfReader(result.packets[0].path).pages  # a packet, built by the worker
    single = service.build_packet(checked, tmp_path / "packet.pdf")
    assert PdfReader(single.path).pages
