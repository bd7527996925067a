"""The scorecard PDF: what a hiring committee reads, laid out with reportlab.

`render_scorecard` returns the unsigned PDF and where the signature stamp goes:
a reserved box at the end of the last page, which `signatures.sign` fills with the
signer's name and the date. The digest of the embedded JSON is printed beside it
and written into the document's keywords with the candidate, interview kind,
interviewer and interview id (`document_info`), all inside the signed content.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from io import BytesIO
from typing import Any, Literal

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    NextPageTemplate,
    Spacer,
    Table,
    TableStyle,
)

from scorer.domain.document_info import scorecard_info
from scorer.domain.rubric import Rubric
from scorer.domain.scorecard import QuestionEntry, Scorecard
from scorer.domain.timer import format_offset
from scorer.io.pdf.page import MARGIN, Furniture, numbered_canvas, templates
from scorer.io.pdf.radar import Axis, radar
from scorer.io.pdf.signature_stamp import draw_stamp
from scorer.io.pdf.split_row import SplitRow
from scorer.io.pdf.stamp_tail import StampTail, signature_table
from scorer.io.pdf.style import (
    ACCENT,
    HIRE,
    INK,
    NEUTRAL,
    NO_HIRE,
    PANEL,
    RULE,
    Segments,
    day,
    duration,
    grid_style,
    label,
    para,
    styles,
    when,
)

PageSize = Literal["A4", "Letter"]
PAGE_SIZES: dict[str, tuple[float, float]] = {"A4": A4, "Letter": LETTER}
STAMP_SIZE = (70 * mm, 22 * mm)


@dataclass(frozen=True, slots=True)
class SignatureBox:
    page: int  # 0-based
    x1: float
    y1: float
    x2: float
    y2: float

    def rounded(self) -> tuple[int, int, int, int]:
        """Whole points, inside the reserved box."""
        return (math.ceil(self.x1), math.ceil(self.y1), math.floor(self.x2), math.floor(self.y2))


@dataclass(frozen=True, slots=True)
class RenderedScorecard:
    pdf: bytes
    pages: int
    signature_box: SignatureBox


class StampSlot(Flowable):  # type: ignore[misc]
    """The signature stamp's box: drawn with who signs and when, and remembering where on
    which page it went (the signature field is put over it)."""

    def __init__(self, name: str, email: str, signed_at: datetime) -> None:
        super().__init__()
        self.width, self.height = STAMP_SIZE
        self.who = (name, email, signed_at)
        self.placed: SignatureBox | None = None

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        # Inside a table the canvas is translated: map through the current matrix.
        a, b, c, d, e, f = canvas._currentMatrix
        x1, y1 = a * x + c * y + e, b * x + d * y + f
        page = canvas.getPageNumber() - 1
        self.placed = SignatureBox(page, x1, y1, x1 + self.width, y1 + self.height)
        super().drawOn(canvas, x, y, _sW)

    def draw(self) -> None:
        name, email, signed_at = self.who
        draw_stamp(self.canv, name, email, signed_at, self.width, self.height)


def render_scorecard(card: Scorecard, page_size: PageSize = "A4", *, digest: str | None = None,
                     rubric: Rubric | None = None) -> RenderedScorecard:
    """The unsigned PDF.

    A caller that has them already passes the card's `digest()` and its pinned rubric
    (the interview's own), which are otherwise computed from the card.
    """
    pagesize = PAGE_SIZES[page_size]
    rubric = rubric or card.pinned_rubric()
    digest = digest or card.digest()
    footer = (f"Rubric {card.rubric.id} · version {card.rubric.version} · "
              f"interview {card.interview.id}")
    furniture = Furniture(
        title=card.candidate.name,
        subtitle=f"{card.rubric.title} · interviewed by {card.interviewer.name}",
        running=f"{card.candidate.name} · {card.rubric.title}",
        footer_left=footer,
    )
    info = scorecard_info(card, digest)
    out = BytesIO()
    doc = BaseDocTemplate(
        out,
        pagesize=pagesize,
        leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN, bottomMargin=MARGIN,
        title=info.title,
        author=info.author,
        subject=info.subject,
        keywords=info.keywords,
        creator="Scorer",
        lang="en",
    )
    doc.addPageTemplates(templates(pagesize, furniture))
    width = pagesize[0] - 2 * MARGIN
    slot = StampSlot(card.interviewer.name, card.interviewer.email, card.exported_at)
    story: list[Flowable] = [NextPageTemplate("later")]
    story += _facts(card, width)
    story += _summary(card, rubric, width)
    story += _dimensions(card, rubric, width)
    story += _question_log(card, width)
    full, compact = _signature(card, digest, slot, width)
    story.append(StampTail(_notes(card), full, compact))
    doc.build(story, canvasmaker=numbered_canvas(footer))
    if slot.placed is None:  # pragma: no cover - the slot is always laid out
        raise RuntimeError("the signature box was not placed")
    return RenderedScorecard(out.getvalue(), doc.page, slot.placed)


def _heading(title: str) -> Flowable:
    return label(title, "h2")  # its style's space before and after apply


def _facts(card: Scorecard, width: float) -> list[Flowable]:
    interview = card.interview

    def fact(name: str, value: str, extra: str = "") -> list[Flowable]:
        cell: list[Flowable] = [label(name.upper(), "label"), para(value, "fact")]
        if extra:
            cell.append(label(extra, "muted"))
        return cell

    planned = f"{interview.planned_minutes} min planned"
    actual = f"{duration(interview.actual_seconds)} on the clock"
    left = [
        fact("Candidate", card.candidate.name, card.candidate.email),
        fact("Interviewer", card.interviewer.name, card.interviewer.email),
        fact("Interview", f"{card.rubric.title}", f"Interview {interview.id}"),
    ]
    right = [
        fact("Date", day(interview.started_at or interview.submitted_at),
             f"Started {when(interview.started_at)}"),
        fact("Duration", actual, planned),
        fact("Rubric", f"{card.rubric.id} · version {card.rubric.version}",
             f"Submitted {when(interview.submitted_at)}"),
    ]
    rows = [[a, b] for a, b in zip(left, right, strict=True)]
    table = Table(rows, colWidths=[width / 2, width / 2])
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 8),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
    ]))
    return [table, Spacer(1, 2 * mm)]


def _summary(card: Scorecard, rubric: Rubric, width: float) -> list[Flowable]:
    reco = card.recommendation
    if reco is None:
        reco_text, reco_colour = "No recommendation given", NEUTRAL
    else:
        reco_text, reco_colour = reco.label, (HIRE if reco.hire else NO_HIRE)
    reco_box = Table([[label("RECOMMENDATION", "label_white")], [para(reco_text, "reco")]],
                     colWidths=[width * 0.5 - 6 * mm])
    reco_box.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, -1), reco_colour),
        ("TEXTCOLOR", (0, 0), (-1, -1), colors.white),
        ("LEFTPADDING", (0, 0), (-1, -1), 9),
        ("TOPPADDING", (0, 0), (0, 0), 7),
        ("BOTTOMPADDING", (0, -1), (-1, -1), 9),
        ("ROUNDEDCORNERS", [4, 4, 4, 4]),
    ]))

    summary = card.summary
    if summary.fraction is None:
        score_line = "No dimension scored"
    elif summary.mean is not None and summary.scale_max is not None:
        score_line = f"{summary.mean:.1f} / {summary.scale_max} · {summary.percent} %"
    else:
        score_line = f"{summary.percent} %"
    left: list[Flowable] = [
        reco_box,
        Spacer(1, 5 * mm),
        label("WEIGHTED SCORE", "label"),
        label(score_line, "big"),
        para(f"{summary.scored} of {summary.total} dimensions scored; weighted by the "
             "rubric, each scale normalised from its lowest to its highest level.", "muted"),
    ]
    if card.summary_note.strip():
        left += [Spacer(1, 4 * mm), label("SUMMARY", "label"), para(card.summary_note)]
    axes = []
    for entry in card.scores:
        dimension = rubric.dimension(entry.dimension_id)
        low, high = (dimension.min_score, dimension.max_score) if dimension else (0, 0)
        axes.append(Axis(entry.dimension_name, entry.score, low, high))
    chart = radar(axes, width * 0.5, 62 * mm)
    right: list[Flowable] = [chart] if chart is not None else [Spacer(1, 1)]
    table = Table([[left, right]], colWidths=[width * 0.5, width * 0.5])
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("BOX", (0, 0), (-1, -1), 0.6, RULE),
        ("BACKGROUND", (0, 0), (-1, -1), PANEL),
        ("LEFTPADDING", (0, 0), (0, 0), 10),
        ("TOPPADDING", (0, 0), (-1, -1), 10),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 10),
    ]))
    return [_heading("Summary"), table]


ROW_BOTTOM = 6  # under each dimension's row, inside the row (see `SplitRow`)


def _dimensions(card: Scorecard, rubric: Rubric, width: float) -> list[Flowable]:
    widths = [width * 0.24, width * 0.36, width * 0.40]
    header = SplitRow([[label("DIMENSION", "th")], [label("LEVEL AND ANCHOR", "th")],
                       [label("EVIDENCE", "th")]], widths, bottom=ROW_BOTTOM)
    rows: list[list[Any]] = [[header]]
    for entry in card.scores:
        dimension = rubric.dimension(entry.dimension_id)
        top = dimension.max_score if dimension else None
        name: list[Flowable] = [para(entry.dimension_name, "cell_bold"),
                                label(f"weight {entry.weight:g}", "muted")]
        if entry.score is None:
            level: list[Flowable] = [label("Not scored", "cell_bold")]
        else:
            score = f"{entry.score}{f' / {top}' if top is not None else ''}"
            level = [
                Segments([(score, ACCENT), (f" · {entry.level_label or ''}", INK)],
                         styles()["cell_bold"]),
                para(entry.anchor or "", "small"),
            ]
        evidence = (para(entry.evidence) if entry.evidence.strip()
                    else label("No evidence written.", "muted"))
        rows.append([SplitRow([name, level, [evidence]], widths,
                              partial(_continued, entry.dimension_name), bottom=ROW_BOTTOM)])
    # Rows split where the page ends (each part of a row names its dimension), so a page
    # never ends with the header repeated over a row that does not fit.
    table = Table(rows, colWidths=[width], repeatRows=1, splitByRow=0, splitInRow=1)
    style = grid_style(right=0, top=5, bottom=0, flush_left=True)
    table.setStyle(style)
    return [_heading("Dimensions"), table]


def _continued(name: str) -> list[Flowable]:
    """The name cell of a dimension's row where it goes on from the page before."""
    return [para(f"{name} (continued)", "cell_bold")]


def _question_log(card: Scorecard, width: float) -> list[Flowable]:
    if not card.questions:
        return [_heading("Question log"), label("No question was marked or noted.", "muted")]
    rows: list[list[Any]] = [[label("STATUS", "th"), label("AT", "th"), label("QUESTION", "th"),
                              label("NOTE", "th")]]
    for entry in _chronological(card.questions):
        status = entry.status or "noted"
        title = entry.title + (" (ad hoc)" if entry.kind == "adhoc" else "")
        rows.append([
            label(status.capitalize(), "cell_bold" if entry.status == "asked" else "cell"),
            label(format_offset(entry.asked_at) if entry.asked_at is not None else "—", "cell"),
            para(title, "cell"),
            para(entry.note, "cell") if entry.note.strip() else label("—", "muted"),
        ])
    widths = [width * 0.11, width * 0.09, width * 0.35, width * 0.45]
    table = Table(rows, colWidths=widths, repeatRows=1, splitInRow=1)
    table.setStyle(grid_style(right=6, top=5, bottom=6, flush_left=True))
    return [_heading("Question log"), table]


def _chronological(entries: list[QuestionEntry]) -> list[QuestionEntry]:
    """Asked questions by their time on the clock, then skipped ones, then notes only."""
    def key(entry: QuestionEntry) -> tuple[int, float]:
        if entry.asked_at is not None:
            return (0, entry.asked_at)
        return (1 if entry.status == "skipped" else 2, 0.0)

    return sorted(entries, key=key)


def _notes(card: Scorecard) -> list[Flowable]:
    body = para(card.general_notes) if card.general_notes.strip() else label(
        "No general notes.", "muted")
    heading = _heading("General notes")
    heading.keepWithNext = 1
    return [heading, body]


def _signature(card: Scorecard, digest: str, slot: StampSlot, width: float
               ) -> tuple[list[Flowable], list[Flowable]]:
    """The signature block, and the same without its heading (where space is short)."""
    words = [
        label("Digitally signed", "cell_bold"),
        para(f"by {card.interviewer.name} <{card.interviewer.email}>. The signature covers "
             "this whole file, including the machine-readable scorecard attached to it "
             "(scorecard.json). Check it with scorer verify.", "small"),
        Spacer(1, 2 * mm),
        # Each digest on one line of its own, set smaller if the column is narrow.
        label("Certificate SHA-256", "muted"),
        label(card.interviewer.certificate_sha256, "muted"),
        label("Scorecard data SHA-256", "muted"),
        label(digest, "muted"),
    ]
    table = signature_table(slot, words, width)
    return [_heading("Signature"), table], [Spacer(1, 4 * mm), table]
