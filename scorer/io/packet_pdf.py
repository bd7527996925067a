"""The panel packet's summary pages and the banner over each original card's pages.

The summary puts first what the panel should see before the debrief: the
candidate, the overall score, the recommendations and the flags; then each
interview, the rejected inputs, a chart, the competency table with every
level's anchor text, the method and the packet's signature box.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from io import BytesIO
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    KeepTogether,
    NextPageTemplate,
    Spacer,
    Table,
    TableStyle,
)

from scorer.domain.panel import Flag, Panel, Severity
from scorer.io.packet_charts import WARN, Bar, Dot, DotRow, competency_dots, score_bars
from scorer.io.packet_pdf_page import (
    PacketFurniture,
    binary_streams,
    hex_colour,
    packet_canvas,
    para,
    pct,
)
from scorer.io.pdf_fonts import BOLD, REGULAR
from scorer.io.scorecard_pdf import PAGE_SIZES, STAMP_SIZE, PageSize, SignatureBox
from scorer.io.scorecard_pdf_page import MARGIN, templates
from scorer.io.scorecard_pdf_stamp import draw_stamp
from scorer.io.scorecard_pdf_style import (
    ACCENT,
    HIRE,
    NEUTRAL,
    NO_HIRE,
    PANEL,
    RULE,
    day,
    text,
    when,
)

SEVERITY_COLOURS = {Severity.HIGH: NO_HIRE, Severity.WARN: WARN, Severity.INFO: NEUTRAL}
SEVERITY_WORDS = {Severity.HIGH: "DISCUSS", Severity.WARN: "CHECK", Severity.INFO: "NOTE"}


@dataclass(frozen=True, slots=True)
class PacketView:
    panel: Panel
    merger_name: str
    merger_email: str
    merged_at: datetime
    card_pages: tuple[tuple[int, int], ...]  # packet pages (1-based) of each interview's card
    card_page_total: int  # pages after the summary
    digest: str  # SHA-256 of the embedded packet document
    attachments: tuple[str, ...]  # each interview's original, as attached
    banners: tuple[BannerPage, ...] = ()
    page_size: PageSize = "A4"


@dataclass(frozen=True, slots=True)
class BannerPage:
    """The strip over one page of an original card."""

    size: tuple[float, float]
    signer: str
    signer_email: str
    signed_at: datetime | None
    verified_at: datetime
    card: int  # 1-based, of `cards`
    cards: int
    page: int  # 1-based, of `pages` of this card
    pages: int


@dataclass(frozen=True, slots=True)
class RenderedSummary:
    """The summary's pages, then one banner page per card page, in one PDF."""

    pdf: bytes
    pages: int  # the summary's own pages; the banner pages follow
    signature_box: SignatureBox


class _StampSlot(Flowable):  # type: ignore[misc]
    """The packet signature's box: remembers where it was drawn."""

    def __init__(self, name: str, email: str, signed_at: datetime) -> None:
        super().__init__()
        self.width, self.height = STAMP_SIZE
        self.who = (name, email, signed_at)
        self.placed: SignatureBox | None = None

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        a, b, c, d, e, f = canvas._currentMatrix
        x1, y1 = a * x + c * y + e, b * x + d * y + f
        self.placed = SignatureBox(canvas.getPageNumber() - 1, x1, y1, x1 + self.width,
                                   y1 + self.height)
        super().drawOn(canvas, x, y, _sW)

    def draw(self) -> None:
        name, email, signed_at = self.who
        draw_stamp(self.canv, name, email, signed_at, self.width, self.height)


def render_summary(view: PacketView) -> RenderedSummary:
    panel = view.panel
    pagesize = PAGE_SIZES[view.page_size]
    count = len(panel.interviews)
    subtitle = (f"{count} verified interview{'s' if count != 1 else ''} · merged "
                f"{day(view.merged_at)} by {view.merger_name}")
    footer = f"Panel packet · {panel.candidate_name} · merged {when(view.merged_at)}"
    furniture = PacketFurniture(
        label="PANEL PACKET",
        title=panel.candidate_name,
        subtitle=subtitle,
        running=f"{panel.candidate_name} · panel packet",
        footer_left=footer,
    )
    out = BytesIO()
    doc = BaseDocTemplate(
        out, pagesize=pagesize,
        leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN, bottomMargin=MARGIN,
        title=f"Panel packet: {panel.candidate_name}", author=view.merger_name,
        creator="Scorer", lang="en",
    )
    doc.addPageTemplates(templates(pagesize, furniture))
    width = pagesize[0] - 2 * MARGIN
    slot = _StampSlot(view.merger_name, view.merger_email, view.merged_at)
    story: list[Flowable] = [NextPageTemplate("later")]
    story += _headline(panel, width)
    story += _flags(panel.flags, width)
    story += _rejected(panel, width)
    story += _interviews(view, width)
    story += _charts(panel, width)
    story += _competency_table(view, width)
    story += _method()
    story += _signature(view, slot, width)
    total = view.card_page_total

    def banners(canvas: Canvas, summary_pages: int) -> None:
        _draw_banners(canvas, view.banners, summary_pages, summary_pages + total)

    with binary_streams():
        doc.build(story, canvasmaker=packet_canvas(footer, total, banners))
    if slot.placed is None:  # pragma: no cover - the slot is always laid out
        raise RuntimeError("the signature box was not placed")
    return RenderedSummary(out.getvalue(), doc.page, slot.placed)


def _box(cells: list[list[Flowable]], widths: list[float], background: colors.Color = PANEL
         ) -> Table:
    table = Table([cells], colWidths=widths)
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, -1), background),
        ("BOX", (0, 0), (-1, -1), 0.6, RULE),
        ("LINEAFTER", (0, 0), (-2, -1), 0.6, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), 10),
        ("RIGHTPADDING", (0, 0), (-1, -1), 8),
        ("TOPPADDING", (0, 0), (-1, -1), 9),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 10),
    ]))
    return table


def _headline(panel: Panel, width: float) -> list[Flowable]:
    spread = panel.spread
    if panel.overall is None:
        overall: list[Flowable] = [para("OVERALL SCORE", "label"), para("—", "big"),
                                   para("No verified card to score.", "muted")]
    else:
        spread_text = ""
        if spread is not None and len(panel.interviews) > 1:
            spread_text = (f" Interviews range {pct(spread.low)}–{pct(spread.high)}, "
                           f"SD {round(spread.sd * 100)} points.")
        overall = [
            para("OVERALL SCORE", "label"),
            para(pct(panel.overall), "big"),
            para(f"Mean of {len(panel.interviews)} weighted interview scores, each on its "
                 f"rubric's scale normalised to 0–100 %.{spread_text}", "muted"),
        ]
    hires, nos = len(panel.hires), len(panel.no_hires)
    missing = len(panel.interviews) - hires - nos
    reco_colour = HIRE if hires and not nos else (NO_HIRE if nos and not hires else WARN)
    if not hires and not nos:
        reco_colour = NEUTRAL
    labels: dict[str, int] = {}
    for interview in panel.interviews:
        if interview.recommendation is not None:
            labels[interview.recommendation.label] = labels.get(
                interview.recommendation.label, 0) + 1
    mix = ", ".join(f"{n} × {label}" for label, n in labels.items()) or "none given"
    reco: list[Flowable] = [
        para("RECOMMENDATIONS", "label"),
        para(f"<font color='{hex_colour(reco_colour)}'>{hires} hire · {nos} "
             f"no hire</font>", "big_mid", markup=True),
        para(mix + (f"; {missing} without a recommendation" if missing else "") + ".",
             "muted"),
    ]
    high = [f for f in panel.flags if f.severity is Severity.HIGH]
    if high:
        flag_line = f"<font color='{hex_colour(NO_HIRE)}'>{len(high)} to discuss</font>"
        flag_note = f"{len(panel.flags)} flag{'s' if len(panel.flags) != 1 else ''} in all, "\
                    "listed below."
    elif panel.flags:
        flag_line = f"<font color='{hex_colour(WARN)}'>{len(panel.flags)} to check</font>"
        flag_note = "No disagreement; the notes below qualify the evidence."
    else:
        flag_line = f"<font color='{hex_colour(HIRE)}'>None</font>"
        flag_note = "Recommendations agree and no shared competency is two levels apart."
    flags: list[Flowable] = [para("FLAGS", "label"), para(flag_line, "big_mid", markup=True),
                             para(flag_note, "muted")]
    third = width / 3
    return [_box([overall, reco, flags], [third, third, third]), Spacer(1, 2 * mm)]


def _flags(flags: Sequence[Flag], width: float) -> list[Flowable]:
    out: list[Flowable] = [para("Before the debrief", "h2")]
    if not flags:
        out.append(para("No flags: the recommendations agree, no shared competency is two or "
                        "more levels apart, and the interview scores are within 50 points of "
                        "each other.", "small"))
        return out
    rows = []
    for flag in flags:
        rows.append([
            para(f"<font color='#ffffff'>{SEVERITY_WORDS[flag.severity]}</font>", "chip",
                 markup=True),
            [para(flag.title, "cell_bold"), para(flag.detail, "small")],
        ])
    table = Table(rows, colWidths=[17 * mm, width - 17 * mm])
    style = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LINEBELOW", (0, 0), (-1, -2), 0.4, RULE),
    ]
    for i, flag in enumerate(flags):
        style.append(("BACKGROUND", (0, i), (0, i), SEVERITY_COLOURS[flag.severity]))
    table.setStyle(TableStyle(style))
    out.append(table)
    return out


def _rejected(panel: Panel, width: float) -> list[Flowable]:
    if not panel.rejected:
        return []
    rows: list[list[Any]] = [[para("FILE", "th"), para("STATUS", "th"), para("REASON", "th")]]
    for item in panel.rejected:
        who = ", ".join(p for p in (
            f"candidate {item.candidate}" if item.candidate else "",
            f"signer {item.signer}" if item.signer else "") if p)
        reason = item.reason + (f" ({who})" if who else "")
        rows.append([para(item.source, "cell"),
                     para(item.status, "cell_bold", colour=NO_HIRE),
                     para(reason, "small")])
    table = Table(rows, colWidths=[width * 0.3, width * 0.18, width * 0.52], repeatRows=1)
    table.setStyle(_grid())
    return [para("Rejected inputs: not counted", "h2"),
            para("Each input was verified as `scorer verify` does; only verified cards count.",
                 "muted"),
            Spacer(1, 1.5 * mm), table]


def _interviews(view: PacketView, width: float) -> list[Flowable]:
    panel = view.panel
    if not panel.interviews:
        return [para("Interviews", "h2"), para("No verified card.", "muted")]
    rows: list[list[Any]] = [[
        para("INTERVIEW", "th"), para("INTERVIEWER", "th"), para("DATE", "th"),
        para("RECOMMENDATION", "th"), para("WEIGHTED SCORE", "th"), para("PAGES", "th"),
    ]]
    for interview, (first, last) in zip(panel.interviews, view.card_pages, strict=True):
        reco = interview.recommendation
        if reco is None:
            reco_cell = para("None given", "muted")
        else:
            reco_cell = para(reco.label, "cell_bold", colour=HIRE if reco.hire else NO_HIRE)
        weighted = interview.weighted
        score = weighted.label() if weighted is not None else "not scored"
        if weighted is not None and not weighted.complete:
            score += f" ({weighted.scored} of {weighted.total} scored)"
        rows.append([
            para(interview.title, "cell_bold"),
            para(interview.interviewer, "cell"),
            para(interview.date.astimezone(UTC).strftime("%-d %b %Y"), "cell"),
            reco_cell,
            para(score, "cell"),
            para(f"{first}–{last}", "cell"),
        ])
    widths = [width * f for f in (0.28, 0.16, 0.13, 0.18, 0.17, 0.08)]
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(_grid())
    return [para("Interviews", "h2"), table]


def _charts(panel: Panel, width: float) -> list[Flowable]:
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
        Spacer(1, 1 * mm), score_bars(bars, panel.overall, width),
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


def _competency_table(view: PacketView, width: float) -> list[Flowable]:
    panel = view.panel
    if not panel.interviews:
        return []
    widths = [width * 0.25, width * 0.2, width * 0.55]
    out: list[Flowable] = [para("Competencies: every dimension, its level and anchor", "h2"),
                           para("The anchor is the rubric's description of the level the "
                                "interviewer chose, from the rubric version the card was "
                                "scored on. Evidence is on the card's own pages.", "muted"),
                           Spacer(1, 1.5 * mm)]
    for interview, (first, _) in zip(panel.interviews, view.card_pages, strict=True):
        rows: list[list[Any]] = [[
            para(f"{text(interview.title)} · <font color='#616e7c'>"
                 f"{text(interview.interviewer)} · {pct(interview.fraction)} · card from "
                 f"page {first}</font>", "cell_bold", markup=True), "", "",
        ]]
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
        style = _grid()
        style.add("SPAN", (0, 0), (-1, 0))
        style.add("BACKGROUND", (0, 0), (-1, 0), PANEL)
        style.add("LEFTPADDING", (0, 0), (-1, 0), 4)
        table.setStyle(style)
        out += [table, Spacer(1, 3 * mm)]
    return out


def _is_shared(panel: Panel, competency: str | None) -> bool:
    return competency is not None and any(c.competency == competency
                                          for c in panel.competencies)


def _method() -> list[Flowable]:
    return [KeepTogether([
        para("How the numbers are computed", "h2"),
        para("Each level is placed on 0–100 % between its dimension's lowest and highest "
             "level; an interview's score is the mean of its dimensions weighted by its rubric; "
             "the overall score is the plain mean of the interview scores. Shared "
             "competencies are compared on raw levels when their scales match, otherwise on "
             "the normalised scale in steps of the coarsest scale; two or more levels apart "
             "is flagged. Recommendations for hire and for no hire side by side are flagged, "
             "and so are interview scores 50 or more points apart. Where one interview has "
             "several cards, the newest signed counts.", "small"),
    ])]


def _signature(view: PacketView, slot: _StampSlot, width: float) -> list[Flowable]:
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
        para(f"Packet data SHA-256 {view.digest}", "muted"),
    ]
    table = Table([[slot, words]], colWidths=[slot.width + 6 * mm, width - slot.width - 6 * mm])
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
    ]))
    return [KeepTogether([para("Signature", "h2"), table])]


def _grid() -> TableStyle:
    return TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, 0), 0.9, ACCENT),
        ("LINEBELOW", (0, 1), (-1, -1), 0.5, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 5),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
    ])


BANNER_HEIGHT = 5.5 * mm  # the card's band label starts 6.4 mm from the top edge
VERIFIED = colors.HexColor("#1b6e4f")


def _draw_banners(canvas: Canvas, pages: Sequence[BannerPage], before: int, total: int) -> None:
    """One page per original card page, blank but for a strip along the top edge."""
    for n, page in enumerate(pages, start=1):
        width, height = page.size
        canvas.setPageSize(page.size)
        y = height - BANNER_HEIGHT
        canvas.setFillColor(VERIFIED)
        canvas.rect(0, y, width, BANNER_HEIGHT, stroke=0, fill=1)
        canvas.setFillColor(colors.white)
        canvas.setFont(BOLD, 7)
        base = y + 1.9 * mm
        canvas.drawString(MARGIN, base, "✓ VERIFIED")
        signed = f" · signed {short_when(page.signed_at)}" if page.signed_at else ""
        left = f"{page.signer}{signed} · checked {short_when(page.verified_at)}"
        right = f"card {page.card} of {page.cards} · packet page {before + n} of {total}"
        canvas.setFont(REGULAR, 6.4)
        right_w = canvas.stringWidth(right, REGULAR, 6.4)
        x_left = MARGIN + canvas.stringWidth("✓ VERIFIED", BOLD, 7) + 2.5 * mm
        canvas.drawRightString(width - MARGIN, base, right)
        canvas.drawString(x_left, base,
                          _fit(left, REGULAR, 6.4, width - MARGIN - right_w - 4 * mm - x_left))
        canvas.showPage()


def short_when(moment: datetime | None) -> str:
    return "—" if moment is None else moment.astimezone(UTC).strftime("%-d %b %Y %H:%M UTC")


def _fit(value: str, font: str, size: float, width: float) -> str:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    if stringWidth(value, font, size) <= width:
        return value
    while value and stringWidth(value + "…", font, size) > width:
        value = value[:-1]
    return value.rstrip() + "…"
