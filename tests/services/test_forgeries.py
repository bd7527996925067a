"""An insider with a trusted key lies on a scorecard: `verify` must not say OK.

Every forged file is made here with the real rendering and signing code and a real
key (`tests.support.forge`); the trust folder holds the forger's certificate, so
nothing but the card's own claims can give the lie away.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader

from scorer.domain.document_info import DocumentInfo
from scorer.domain.scorecard import Person, Scorecard, scorecard_from_detail
from scorer.services.export import export_detail
from scorer.services.verify import Verdict, Verification, load_trust, verify_file
from tests.support import fixtures
from tests.support.forge import NOW, custom_identity, sign_card, write
from tests.support.panel_cards import Person as SamplePerson
from tests.support.panel_cards import person
from tests.support.sample import submitted_detail

memory_keyring = fixtures.memory_keyring
MATH = "Math: linear algebra, probability and ML/DL theory"


@pytest.fixture(scope="module")
def sameera() -> SamplePerson:
    return person("Sameera Perera", "sameera@example.com")


@pytest.fixture(scope="module")
def mallory() -> SamplePerson:
    return person("Mallory Insider", "mallory@example.com")


@pytest.fixture
def trust(tmp_path: Path, sameera: SamplePerson, mallory: SamplePerson) -> Path:
    """Both are trusted interviewers: Mallory's signature is valid and trusted."""
    folder = tmp_path / "trust"
    folder.mkdir()
    (folder / "sameera.pem").write_bytes(sameera.pem)
    (folder / "mallory.pem").write_bytes(mallory.pem)
    return folder


def card_for(signer: SamplePerson, *, interviewer: str = "Sameera Perera",
             email: str = "sameera@example.com", candidate: str = "Łukasz Øster-Müller"
             ) -> Scorecard:
    detail = submitted_detail(interviewer=interviewer, interviewer_email=email,
                              candidate=candidate)
    return scorecard_from_detail(detail, signer.fingerprint, NOW)


def verdict_of(tmp_path: Path, trust: Path, pdf: bytes, name: str = "card.pdf") -> Verification:
    return verify_file(write(tmp_path / name, pdf), load_trust(trust))


def test_the_genuine_card_is_ok(tmp_path: Path, trust: Path, sameera: SamplePerson) -> None:
    result = verdict_of(tmp_path, trust, sign_card(card_for(sameera), sameera.key))
    assert result.verdict is Verdict.OK, result.reason
    assert (result.signer, result.signer_email) == ("Sameera Perera", "sameera@example.com")


@pytest.mark.parametrize(("name", "email", "differs"), [
    ("Sameera Perera", "mallory@example.com", "the names differ"),
    ("Mallory Insider", "sameera@example.com", "the emails differ"),
    ("Sameera Perera", "sameera@example.com", "the names and emails differ"),
], ids=["name-only", "email-only", "both"])
def test_a_trusted_key_signing_a_card_that_names_someone_else_is_tampered(
    tmp_path: Path, trust: Path, mallory: SamplePerson, name: str, email: str, differs: str
) -> None:
    forged = card_for(mallory, interviewer=name, email=email)
    result = verdict_of(tmp_path, trust, sign_card(forged, mallory.key))
    assert result.verdict is Verdict.TAMPERED
    assert result.reason == (
        f"the scorecard names {name} <{email}> as its interviewer, but it is signed with the "
        f"certificate of Mallory Insider <mallory@example.com> ({differs})")
    # The signer shown is the certificate's, never the card's claim.
    assert "signer Mallory Insider <mallory@example.com>" in result.line()
    assert result.signer_fingerprint == mallory.fingerprint


def test_the_same_person_written_in_another_normal_form_or_case_is_ok(
    tmp_path: Path, trust: Path
) -> None:
    composed = person("Zoë Ångström", "zoe@example.com")
    (trust / "zoe.pem").write_bytes(composed.pem)
    decomposed = unicodedata.normalize("NFD", "Zoë Ångström")
    assert decomposed != "Zoë Ångström"
    card = card_for(composed, interviewer=decomposed, email="Zoe@EXAMPLE.com")
    result = verdict_of(tmp_path, trust, sign_card(card, composed.key))
    assert result.verdict is Verdict.OK, result.reason


def test_a_name_differing_only_in_case_is_another_name(tmp_path: Path, trust: Path,
                                                       sameera: SamplePerson) -> None:
    card = card_for(sameera, interviewer="sameera perera")
    result = verdict_of(tmp_path, trust, sign_card(card, sameera.key))
    assert result.verdict is Verdict.TAMPERED and "(the names differ)" in result.reason


def test_a_name_longer_than_a_certificate_holds_is_compared_on_what_it_holds(
    tmp_path: Path, trust: Path
) -> None:
    long_name = "Ł" * 40 + " Ñ" * 30
    signer = person(long_name, "long@example.com")
    assert signer.made.certificate.name != long_name  # cut to 64 bytes
    (trust / "long.pem").write_bytes(signer.pem)
    genuine = card_for(signer, interviewer=long_name, email="long@example.com")
    assert verdict_of(tmp_path, trust, sign_card(genuine, signer.key)).verdict is Verdict.OK
    shorter = card_for(signer, interviewer="Ł" * 20, email="long@example.com")  # 40 bytes
    result = verdict_of(tmp_path, trust, sign_card(shorter, signer.key), "short.pdf")
    assert result.verdict is Verdict.TAMPERED


def test_a_certificate_without_an_email_speaks_for_no_email(tmp_path: Path, trust: Path) -> None:
    key, pem = custom_identity("Sameera Perera")
    (trust / "no-email.pem").write_bytes(pem)
    fingerprint = _fingerprint(pem)
    card = scorecard_from_detail(submitted_detail(), fingerprint, NOW)
    result = verdict_of(tmp_path, trust, sign_card(card, key))
    assert result.verdict is Verdict.TAMPERED
    assert result.reason.endswith("(its certificate carries no email address)")


def test_an_email_only_in_the_certificates_alternative_name_counts(
    tmp_path: Path, trust: Path
) -> None:
    key, pem = custom_identity("Sameera Perera", alt_email="sameera@example.com")
    (trust / "alt.pem").write_bytes(pem)
    card = scorecard_from_detail(submitted_detail(), _fingerprint(pem), NOW)
    assert verdict_of(tmp_path, trust, sign_card(card, key)).verdict is Verdict.OK


def test_the_subject_email_wins_over_another_alternative_name(tmp_path: Path,
                                                              trust: Path) -> None:
    key, pem = custom_identity("Sameera Perera", subject_email="mallory@example.com",
                               alt_email="sameera@example.com")
    (trust / "both.pem").write_bytes(pem)
    card = scorecard_from_detail(submitted_detail(), _fingerprint(pem), NOW)
    result = verdict_of(tmp_path, trust, sign_card(card, key))
    assert result.verdict is Verdict.TAMPERED and "(the emails differ)" in result.reason


def test_a_card_whose_data_names_another_candidate_than_its_pages_is_tampered(
    tmp_path: Path, trust: Path, sameera: SamplePerson
) -> None:
    shown = card_for(sameera, candidate="Alice Shown")
    data = shown.model_copy(update={"candidate": Person(name="Bob Counted",
                                                        email="bob@example.org")})
    path = write(tmp_path / "card.pdf", sign_card(data, sameera.key, shown=shown))
    assert "Alice Shown" in PdfReader(path).pages[0].extract_text()
    result = verify_file(path, load_trust(trust))
    assert result.verdict is Verdict.TAMPERED
    assert result.reason == (
        "the scorecard disagrees with itself: its signed document information gives the title "
        f"'Scorecard: Alice Shown, {MATH}', but its data gives 'Scorecard: Bob Counted, {MATH}'")


def _keyword(field: str, value: str) -> Callable[[DocumentInfo], DocumentInfo]:
    def rewrite(info: DocumentInfo) -> DocumentInfo:
        words = [w for w in info.keywords.split() if not w.startswith(f"scorer-{field}=")]
        return dataclasses.replace(info, keywords=" ".join([*words, f"scorer-{field}={value}"]))
    return rewrite


@pytest.mark.parametrize(("field", "value"), [
    ("interview", "8"), ("kind", "coding"), ("candidate", "bob@example.org"),
    ("interviewer", "mallory@example.com"),
])
def test_a_keyword_field_that_disagrees_with_the_data_is_tampered(
    tmp_path: Path, trust: Path, sameera: SamplePerson, field: str, value: str
) -> None:
    pdf = sign_card(card_for(sameera), sameera.key, info=_keyword(field, value))
    result = verdict_of(tmp_path, trust, pdf)
    assert result.verdict is Verdict.TAMPERED
    assert f"its signed document information gives {field} '{value}'" in result.reason


def _older(info: DocumentInfo) -> DocumentInfo:
    """The document information of a card exported before the keyword fields existed."""
    return dataclasses.replace(info, keywords=info.keywords.split()[0])


def test_an_older_card_without_keyword_fields_is_judged_on_the_rest(
    tmp_path: Path, trust: Path, sameera: SamplePerson, mallory: SamplePerson
) -> None:
    older = sign_card(card_for(sameera), sameera.key, info=_older)
    assert b"scorer-interview=" not in older
    assert verdict_of(tmp_path, trust, older).verdict is Verdict.OK
    # Its title, author and subject still count, and so does its interviewer's identity.
    wrong_author = sign_card(card_for(sameera), sameera.key, info=lambda i: dataclasses.replace(
        _older(i), author="Gil Levi"))
    result = verdict_of(tmp_path, trust, wrong_author, "author.pdf")
    assert result.verdict is Verdict.TAMPERED and "author 'Gil Levi'" in result.reason
    forged = sign_card(card_for(mallory), mallory.key, info=_older)
    assert verdict_of(tmp_path, trust, forged, "forged.pdf").verdict is Verdict.TAMPERED


def test_missing_document_information_is_tampered(tmp_path: Path, trust: Path,
                                                  sameera: SamplePerson) -> None:
    pdf = sign_card(card_for(sameera), sameera.key,
                    info=lambda i: dataclasses.replace(i, title=""))
    result = verdict_of(tmp_path, trust, pdf)
    assert result.verdict is Verdict.TAMPERED and "gives the title nothing" in result.reason


@pytest.mark.parametrize("candidate", [
    "Ana\xadMaría Ötzi-Ørsted",  # a soft hyphen: not PDFDocEncoding text
    "Bell\x07 Char",  # a control character
    "O'Brien (Jr.) \\ Smith",  # PDF string delimiters
    "李 小龙 😀",
])
def test_names_a_pdf_text_string_cannot_carry_still_verify(
    tmp_path: Path, trust: Path, sameera: SamplePerson, candidate: str
) -> None:
    card = card_for(sameera, candidate=candidate)
    assert verdict_of(tmp_path, trust, sign_card(card, sameera.key)).verdict is Verdict.OK


def test_export_writes_the_document_information_verify_expects(
    tmp_path: Path, memory_keyring: object, scorer_home: Path
) -> None:
    from scorer.services import identity

    made = identity.create("Sameera Perera", "sameera@example.com")
    folder = tmp_path / "trust-export"
    folder.mkdir()
    (folder / "sameera.pem").write_bytes(made.certificate.pem)
    path = export_detail(submitted_detail(), made.fingerprint, tmp_path / "card.pdf").path
    meta = PdfReader(path).metadata
    assert meta is not None
    assert meta.title == f"Scorecard: Łukasz Øster-Müller, {MATH}"
    assert meta.author == "Sameera Perera"
    assert meta.subject == "Interview 7 with Łukasz Øster-Müller"
    assert str(meta["/Keywords"]).split()[1:] == [
        "scorer-interview=7", "scorer-kind=math", "scorer-candidate=lukasz@example.org",
        "scorer-interviewer=sameera@example.com"]
    assert verify_file(path, load_trust(folder)).verdict is Verdict.OK


def _fingerprint(pem: bytes) -> str:
    from scorer.io.signatures.certificates import read_certificate

    return read_certificate(pem).fingerprint


def test_an_older_card_whose_title_kept_a_soft_hyphen_still_verifies(
    tmp_path: Path, trust: Path, sameera: SamplePerson
) -> None:
    """Older cards wrote names as they were; PDF text cannot carry a soft hyphen back."""
    card = card_for(sameera, candidate="Ana\xadMaría Ötzi")
    raw = f"Scorecard: {card.candidate.name}, {card.rubric.title}"
    pdf = sign_card(card, sameera.key,
                    info=lambda i: dataclasses.replace(_older(i), title=raw))
    assert verdict_of(tmp_path, trust, pdf).verdict is Verdict.OK
