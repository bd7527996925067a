"""The rule that binds a document's claims about its signer to the signer's certificate."""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime

import pytest

from scorer.domain.document_info import keyword_fields, printable, scorecard_info
from scorer.domain.identity_match import (
    Certified,
    certified_emails,
    cut_name,
    disagreement,
    emails_agree,
    names_agree,
)
from scorer.domain.scorecard import Person, scorecard_from_detail
from tests.support.sample import submitted_detail

NOW = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
SAMEERA = Certified("Sameera Perera", ("sameera@example.com",), "ab" * 32)


def test_names_agree_after_nfc_but_not_across_case() -> None:
    assert names_agree(unicodedata.normalize("NFD", "Zoë Ångström"), "Zoë Ångström")
    assert not names_agree("sameera perera", "Sameera Perera")
    assert not names_agree("Sameera Perera ", "Sameera Perera")


def test_a_long_name_agrees_with_the_64_bytes_a_certificate_holds() -> None:
    long_name = "Ł" * 40
    assert cut_name(long_name) == "Ł" * 32
    assert names_agree(long_name, "Ł" * 32)
    assert not names_agree("Ł" * 32, "Ł" * 31)  # a short name is compared whole
    assert not names_agree("Ł" * 20, "Ł" * 32)


def test_emails_are_case_folded_and_normalised() -> None:
    assert emails_agree(" Sameera@EXAMPLE.com", ("sameera@example.com",))
    assert emails_agree("strasse@example.com", ("STRASSE@example.com",))
    assert not emails_agree("sameera@example.org", ("sameera@example.com",))


def test_a_certificate_without_email_speaks_for_no_email() -> None:
    nobody = Certified("Sameera Perera", (), "ab" * 32)
    assert disagreement("Sameera Perera", "sameera@example.com", nobody) == (
        "its certificate carries no email address")
    assert disagreement("Sameera Perera", "", nobody) is None


def test_the_subject_email_comes_before_the_alternative_names() -> None:
    assert certified_emails(["a@example.com"], ["b@example.com"]) == ("a@example.com",)
    assert certified_emails([], ["b@example.com", "c@example.com"]) == (
        "b@example.com", "c@example.com")
    assert certified_emails(["  "], []) == ()


@pytest.mark.parametrize(("name", "email", "expected"), [
    ("Sameera Perera", "sameera@example.com", None),
    ("Gil Levi", "sameera@example.com", "the names differ"),
    ("Sameera Perera", "gil@example.com", "the emails differ"),
    ("Gil Levi", "gil@example.com", "the names and emails differ"),
])
def test_disagreement_says_what_differs(name: str, email: str, expected: str | None) -> None:
    assert disagreement(name, email, SAMEERA) == expected


def test_keyword_fields_are_one_word_each_whatever_the_value() -> None:
    card = scorecard_from_detail(submitted_detail(), "ab" * 32, NOW)
    odd = card.model_copy(update={"candidate": Person(name="X", email="a b=c%d@example.org")})
    info = scorecard_info(odd, "00" * 32)
    assert keyword_fields(info.keywords)["candidate"] == "a b=c%d@example.org"
    assert keyword_fields(info.keywords)["interview"] == "7"
    assert keyword_fields("scorer-kind=math scorer-kind=coding other=1") == {"kind": "math"}


def test_printable_leaves_out_what_pdf_text_cannot_carry_back() -> None:
    assert printable("Ana\xadMaría\x07 Ø\u200b") == "AnaMaría Ø\u200b"
