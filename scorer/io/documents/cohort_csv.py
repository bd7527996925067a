"""`cohort.csv`: the cohort's cards as a spreadsheet, one row per counted card.

Columns: candidate, candidate email, interview kind, interview, interviewer,
interviewer email, recommendation, weighted score (%), then one column per
dimension of every rubric in the cohort ("kind / dimension"), holding the level the
card gave it (empty where the card's rubric has no such dimension, or it was not
scored). Written from the signed cohort document, so it says what the report says;
the CSV itself carries no signature: the report is the record.

UTF-8 with a byte-order mark, so that spreadsheet programs read names such as
"Łukasz" right. A cell that a spreadsheet would take for a formula (it starts with
=, +, -, @, a tab or a carriage return) is prefixed with an apostrophe, so that a
name typed into a scorecard can never run in someone's spreadsheet.
"""

from __future__ import annotations

import csv
from io import StringIO

from scorer.domain.cohort_doc import CohortDoc

FIXED = ("candidate", "candidate email", "interview kind", "interview", "interviewer",
         "interviewer email", "recommendation", "weighted score (%)")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cohort_csv(doc: CohortDoc) -> bytes:
    columns: dict[tuple[str, str], str] = {}  # (rubric id, dimension id) -> header
    for candidate in doc.candidates:
        for card in candidate.cards:
            for d in card.dimensions:
                columns.setdefault((card.rubric_id, d.id), f"{card.rubric_id} / {d.name}")
    out = StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([*FIXED, *columns.values()])
    for candidate in doc.candidates:
        for card in candidate.cards:
            levels = {(card.rubric_id, d.id): d.score for d in card.dimensions}
            reco = card.recommendation.label if card.recommendation else ""
            score = "" if card.fraction is None else f"{card.fraction * 100:.1f}"
            row = [candidate.name, candidate.email, card.rubric_id, card.rubric_title,
                   card.interviewer, card.interviewer_email, reco, score]
            row += ["" if levels.get(key) is None else str(levels[key]) for key in columns]
            writer.writerow([_safe(cell) for cell in row])
    return out.getvalue().encode("utf-8-sig")


def _safe(cell: str) -> str:
    return f"'{cell}" if cell.startswith(_FORMULA_START) else cell
