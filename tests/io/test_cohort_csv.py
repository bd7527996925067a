"""cohort.csv: one row per card, every level, and nothing a spreadsheet would run."""

from __future__ import annotations

import csv
from datetime import UTC, datetime
from io import StringIO

from scorer.domain.cohort import build_cohort
from scorer.domain.cohort_doc import cohort_doc
from scorer.domain.packet_doc import MergerPart
from scorer.domain.panel import build_panel
from scorer.io.documents.cohort_csv import cohort_csv
from tests.domain.test_panel import detail, entry

NOW = datetime(2026, 11, 30, 9, tzinfo=UTC)


def rows_for(candidate: str, interviewer: str = "") -> tuple[bytes, list[dict[str, str]]]:
    panels = [
        build_panel([entry(detail("math", {"linear-algebra": 2}, candidate=candidate,
                                  interviewer=interviewer, interview_id=1)),
                     entry(detail("coding", reco="no", candidate=candidate, interview_id=2))]),
        build_panel([entry(detail("math", candidate="Bob", email="bob@example.com",
                                  interview_id=3))]),
    ]
    doc = cohort_doc(build_cohort(panels), panels, [("a.pdf", "ab" * 32), ("b.pdf", "cd" * 32)],
                     merged_at=NOW, merger=MergerPart(name="C", email="c@example.com",
                                                      certificate_sha256="ef" * 32))
    data = cohort_csv(doc)
    return data, list(csv.DictReader(StringIO(data.decode("utf-8-sig"))))


def test_one_row_per_card_with_each_dimension_of_its_rubric() -> None:
    data, rows = rows_for("Łukasz Øster")
    assert data.startswith(b"\xef\xbb\xbf")  # a byte-order mark, for spreadsheets
    assert len(rows) == 3
    math = next(r for r in rows if r["candidate"] == "Łukasz Øster" and
                r["interview kind"] == "math")
    assert math["math / Linear algebra"] == "2" and math["recommendation"] == "Hire"
    assert math["coding / Working code"] == ""  # not a dimension of this card's rubric
    coding = next(r for r in rows if r["interview kind"] == "coding")
    assert coding["recommendation"] == "No hire" and coding["coding / Working code"] == "3"
    assert coding["weighted score (%)"] == "66.7"


def test_a_cell_that_looks_like_a_formula_is_kept_as_text() -> None:
    _, rows = rows_for('=HYPERLINK("http://x.example","click")', "+Sum Interviewer")
    names = {r["candidate"] for r in rows}
    assert "'=HYPERLINK(\"http://x.example\",\"click\")" in names
    assert any(r["interviewer"] == "'+Sum Interviewer" for r in rows)
