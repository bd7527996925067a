"""The packet summary's later sections: charts, competencies, method and signature."""

from __future__ import annotations

from functools import cache, partial
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table

from scorer.domain.panel import Panel
from scorer.domain.panel_scores import score_line
from scorer.io.documents.packet.view import PacketView
from scorer.io.documents.scorecard import StampSlot
from scorer.io.pdf.charts import Bar, Dot, DotRow, competency_dots, score_bars
from scorer.io.pdf.late_text import LateLabel, WithLateRight
from scorer.io.pdf.report_page import para
from scorer.io.pdf.stamp_tail import signature_table
from scorer.io.pdf.style import (
    ACCENT,
    INK,
    MUTED,
    PANEL,
    Segments,
    grid_style,
    styles,
    text,
)


def charts_section(panel: Panel, width: float) -> list[Flowable]:
    if not panel.interviews:
        return []
    bars = [Bar(i.title, f"{i.interviewer} · "
                f"{i.recommendation.label if i.recommendation else 'no recommendation'}",
                i.fraction, i.recommendation.hire if i.recommendation else None)
            for i in panel.interviews]
    out: list[Flowable] = [KeepTogether([
        para("Scores at a glance", "h2"),
        para("WEIGHTED SCORE PER INTERVIEW · green hire, red no hire, dashed the overall score",
             "label"),
        Spacer(1, 1 * mm), score_bars(bars, panel.overall, width, panel.partial),
    ])]
    if panel.competencies:
        rows = [DotRow(c.name, tuple(Dot(_initials(s.interviewer), s.score, s.low, s.high)
                                     for s in c.scores), c.flagged)
                for c in panel.competencies]
        out.append(KeepTogether([
            Spacer(1, 3 * mm),
            para("SHARED COMPETENCIES · the level each interview gave; red where two or more "
                 "levels apart", "label"),
            Spacer(1, 1 * mm), competency_dots(rows, width),
        ]))
    return out


def _initials(name: str) -> str:
    parts = name.split()
    return parts[0] if len(parts) < 2 else f"{parts[0]} {parts[-1][0]}."


def competency_section(view: PacketView, width: float) -> list[Flowable]:
    panel = view.panel
    if not panel.interviews:
        return []
    widths = [width * 0.25, width * 0.2, width * 0.55]
    gap = Spacer(1, 1.5 * mm)
    gap.keepWithNext = 1  # the heading and its note move on with the first table's start
    out: list[Flowable] = [para("Competencies: every dimension, its level and anchor", "h2"),
                           para("The anchor is the rubric's description of the level the "
                                "interviewer chose, from the rubric version the card was "
                                "scored on. Evidence is on the card's own pages.", "muted_k"),
                           gap]
    heading = styles()["cell_bold"]
    where = _late_style()
    for index, interview in enumerate(panel.interviews):
        title = Segments([(interview.title, INK),
                          (f" · {interview.interviewer} · {score_line(interview)}", MUTED)],
                         heading)
        card_from = LateLabel(partial(_card_from, view, index), where, "card from page 888",
                              align="right")
        rows: list[list[Any]] = [[WithLateRight(title, card_from), "", ""]]
        for d in interview.dimensions:
            name = [para(d.name, "cell"), para(f"weight {d.weight:g}", "muted")]
            if _is_shared(panel, d.competency):
                name.append(para(f"shared: {d.competency}", "muted", colour=ACCENT))
            if d.score is None:
                level: Flowable = para("Not scored", "cell_bold")
                anchor: Flowable = para("—", "muted")
            else:
                level = para(f"{d.score} / {d.high} · {text(d.level_label or '')}", "cell_bold")
                anchor = para(d.anchor or "", "small")
            rows.append([name, level, anchor])
        table = Table(rows, colWidths=widths, repeatRows=1)
        style = grid_style()
        style.add("SPAN", (0, 0), (-1, 0))
        style.add("BACKGROUND", (0, 0), (-1, 0), PANEL)
        style.add("LEFTPADDING", (0, 0), (-1, 0), 4)
        table.setStyle(style)
        out += [table, Spacer(1, 3 * mm)]
    return out


def _card_from(view: PacketView, index: int, summary_pages: int) -> str:
    return f"card from page {view.numbers(summary_pages).card_pages[index][0]}"


def _digest(view: PacketView, summary_pages: int) -> str:
    return view.numbers(summary_pages).digest


@cache
def _late_style() -> ParagraphStyle:
    return ParagraphStyle("cell_bold_muted", styles()["cell_bold"], textColor=MUTED)


def _is_shared(panel: Panel, competency: str | None) -> bool:
    return competency is not None and any(c.competency == competency
                                          for c in panel.competencies)


def method_section() -> list[Flowable]:
    return [
        para("How the numbers are computed", "h2"),
        para("Each level is placed on 0–100 % between its dimension's lowest and highest "
             "level; an interview's score is the mean of its dimensions weighted by its rubric, "
             "led by the label of the level nearest that mean; the overall score is the plain "
             "mean of the interview scores, partial when interview kinds the panel expects are "
             "missing. Shared competencies are compared in levels: of "
             "their common scale when the scales match, otherwise each level is placed on its "
             "scale's range and the difference counted in steps of the scale with the fewest "
             "levels; two or more levels apart is flagged. Recommendations for hire and for no "
             "hire side by side are flagged, and so are interview scores 50 or more points "
             "apart. Where one interview has several cards signed by one certificate, the "
             "newest signed counts; where different certificates claim one interview, none of "
             "them counts.", "small"),
    ]


def signature_section(view: PacketView, slot: StampSlot, width: float
                      ) -> tuple[list[Flowable], list[Flowable]]:
    """The signature block, and the same without its heading (where space is short)."""
    attached = ", ".join(view.attachments) or "none"
    words = [
        para("Digitally signed", "cell_bold"),
        para(f"by {text(view.merger_name)} &lt;{text(view.merger_email)}&gt;, who merged the "
             "packet. The signature covers this whole file: these pages, the original "
             "cards' pages, the original signed PDFs attached unchanged, and the packet data "
             "(scorer-packet.json). Extract an original to verify it on its own with "
             "<i>scorer verify</i>.", "small", markup=True),
        Spacer(1, 2 * mm),
        para(f"Attached originals: {attached}", "muted"),
        para("Packet data SHA-256", "muted"),
        LateLabel(partial(_digest, view), styles()["muted"], "0" * 64),
    ]
    table = signature_table(slot, words, width)
    return [para("Signature", "h2"), table], [Spacer(1, 4 * mm), table]
