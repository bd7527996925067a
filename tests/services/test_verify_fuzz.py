"""Mutated bytes of a real signed card: never OK unless unchanged, and no check fails."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scorer.domain.scorecard import scorecard_from_detail
from scorer.services.verify import TrustStore, Verdict, load_trust, verify_bytes
from tests.support.forge import NOW, sign_card
from tests.support.fuzz import FUZZ
from tests.support.panel_cards import person
from tests.support.sample import submitted_detail

pytestmark = pytest.mark.fuzz


@cache
def _card() -> tuple[bytes, TrustStore]:
    """A real signed card and a trust store holding its signer (built once; passed to no
    test as an argument, so a failing example does not print the whole PDF)."""
    signer = person("Sameera Perera", "sameera@example.com")
    detail = submitted_detail(interviewer="Sameera Perera",
                              interviewer_email="sameera@example.com")
    pdf = sign_card(scorecard_from_detail(detail, signer.fingerprint, NOW), signer.key)
    trust = Path(tempfile.mkdtemp(prefix="scorer-fuzz-trust-"))
    atexit.register(shutil.rmtree, trust, True)
    (trust / "sameera.pem").write_bytes(signer.pem)
    return pdf, load_trust(trust)


@st.composite
def mutation(draw: st.DrawFn, size: int) -> tuple[str, int, bytes, int]:
    kind = draw(st.sampled_from(["flip", "set", "delete", "insert", "truncate"]))
    at = draw(st.integers(0, size - 1))
    return kind, at, draw(st.binary(min_size=1, max_size=8)), draw(st.integers(1, 64))


def _mutated(pdf: bytes, kind: str, at: int, blob: bytes, span: int) -> bytes:
    if kind == "flip":
        return pdf[:at] + bytes([pdf[at] ^ (blob[0] or 1)]) + pdf[at + 1:]
    if kind == "set":
        return pdf[:at] + blob + pdf[at + len(blob):]
    if kind == "delete":
        return pdf[:at] + pdf[at + span:]
    if kind == "insert":
        return pdf[:at] + blob + pdf[at:]
    return pdf[:at]


def test_the_unchanged_card_is_ok() -> None:
    pdf, trust = _card()
    assert verify_bytes(Path("card.pdf"), pdf, trust).verdict is Verdict.OK


@FUZZ
@given(data=st.data())
def test_a_mutated_signed_card_is_never_ok_and_no_exception_escapes(data: st.DataObject) -> None:
    pdf, trust = _card()
    changed = _mutated(pdf, *data.draw(mutation(len(pdf))))
    result = verify_bytes(Path("card.pdf"), changed, trust)  # raises if anything escapes
    if changed == pdf:
        assert result.verdict is Verdict.OK
    else:
        assert result.verdict is not Verdict.OK, (result.verdict, result.reason)
        assert result.reason
