"""The cohort and calibration report, written beside the per-candidate packets.

Candidates by overall score; interviewers' leniency or severity, recommendation
mix and score distribution; Krippendorff's α per shared dimension; every
interviewer's dimension statistics; rejected inputs no candidate could be tied to.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from io import BytesIO
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    KeepTogether,
    NextPageTemplate,
    Spacer,
    Table,
)

from scorer.domain.cohort import Cohort, InterviewerStats, Reliability
from scorer.domain.document_info import DocumentInfo, cohort_info
from scorer.domain.krippendorff_bootstrap import ALPHA_MIN, REPLICATES, required_values
from scorer.domain.panel import Panel, RejectedInput
from scorer.io.documents.scorecard import PAGE_SIZES, SignatureBox, StampSlot
from scorer.io.pdf.charts import WARN, Strip, distribution_strips
from scorer.io.pdf.page import MARGIN, templates
from scorer.io.pdf.report_page import (
    PacketFurniture,
    hex_colour,
    packet_canvas,
    para,
    pct,
    table_heading,
)
from scorer.io.pdf.stamp_tail import StampTail, signature_table
from scorer.io.pdf.style import (
    ACCENT,
    HIRE,
    MUTED,
    NO_HIRE,
    PANEL,
    day,
    grid_style,
    text,
    when,
)


@dataclass(frozen=True, slots=True)
class CohortView:
    cohort: Cohort
    packet_files: tuple[str, ...]  # in the order of `panels`
    panels: tuple[Panel, ...]
    unassigned: tuple[RejectedInput, ...]
    merger_name: str
    merged_at: datetime
    page_size: str = "A4"
    merger_email: str = ""
    digest: str = ""  # SHA-256 of the embedded cohort document
    info: DocumentInfo | None = None  # title, author, subject and keywords, from the document


@dataclass(frozen=True, slots=True)
class RenderedCohort:
    pdf: bytes
    pages: int
    signature_box: SignatureBox


def render_cohort(view: CohortView) -> RenderedCohort:
    """The unsigned report, and where its signature stamp goes."""
    cohort = view.cohort
    pagesize = PAGE_SIZES[view.page_size]
    footer = f"Cohort and calibration report · merged {when(view.merged_at)}"
    furniture = PacketFurniture(
        label="COHORT AND CALIBRATION REPORT",
        title=f"{len(cohort.candidates)} candidates · {cohort.cards} verified cards",
        subtitle=(f"{len(cohort.interviewers)} interviewers · merged {day(view.merged_at)} by "
                  f"{view.merger_name}"),
        running="Cohort and calibration report",
        footer_left=footer,
    )
    info = view.info or cohort_info(view.merger_name, len(cohort.candidates), view.digest)
    out = BytesIO()
    doc = BaseDocTemplate(
        out, pagesize=pagesize,
        leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN, bottomMargin=MARGIN,
        title=info.title, author=info.author, subject=info.subject, keywords=info.keywords,
        creator="Scorer", lang="en",
    )
    doc.addPageTemplates(templates(pagesize, furniture))
    width = pagesize[0] - 2 * MARGIN
    slot = StampSlot(view.merger_name, view.merger_email, view.merged_at)
    story: list[Flowable] = [NextPageTemplate("later")]
    story += _flags(view)
    story += _candidates(view, width)
    story += _interviewers(cohort, width)
    story += _agreement(cohort, width)
    story += _dimensions(cohort.interviewers, width)
    full, compact = _signature(view, slot, width)
    story.append(StampTail(_method(), full, compact))
    doc.build(story, canvasmaker=packet_canvas(footer, 0))
    if slot.placed is None:  # pragma: no cover - the slot is always laid out
        raise RuntimeError("the signature box was not placed")
    return RenderedCohort(out.getvalue(), doc.page, slot.placed)


def _signed(value: float | None, unit: str, scale: float = 1.0, digits: int = 0) -> str:
    if value is None:
        return "—"
    shown = round(value * scale, digits)
    if shown == 0:
        return f"±0{unit}"
    return f"{'+' if shown > 0 else '−'}{abs(shown):.{digits}f}{unit}"


def _flags(view: CohortView) -> list[Flowable]:
    items: list[tuple[str, str]] = [(f.title, f.detail) for f in view.cohort.flags]
    if view.unassigned:
        listed = "; ".join(f"{r.source} ({r.status}: {r.reason})" for r in view.unassigned)
        items.append((f"{len(view.unassigned)} rejected input"
                      f"{'s' if len(view.unassigned) != 1 else ''} without a known candidate",
                      listed))
    if not items:
        return []
    out: list[Flowable] = [para("Check first", "h2")]
    for title, detail in items:
        out += [para(f"<font color='{hex_colour(WARN)}'>■</font> {text(title)}", "cell_bold",
                     markup=True), para(detail, "small"), Spacer(1, 1.5 * mm)]
    return out


def _candidates(view: CohortView, width: float) -> list[Flowable]:
    files = {id(p): f for p, f in zip(view.panels, view.packet_files, strict=True)}
    by_name = {(p.candidate_name, p.candidate_email): p for p in view.panels}
    rows: list[list[Any]] = [[
        para("CANDIDATE", "th"), para("OVERALL", "th_num"), para("INTERVIEWS", "th"),
        para("HIRE · NO", "th"), para("TO DISCUSS", "th"), para("REJECTED", "th"),
        para("PACKET", "th"),
    ]]
    divider: int | None = None
    for row in view.cohort.candidates:
        if row.partial and divider is None:
            divider = len(rows)
            rows.append([para("Incomplete panels: partial scores, not ranked with the complete "
                              "panels above", "cell_bold", colour=WARN), "", "", "", "", "", ""])
        panel = by_name.get((row.name, row.email))
        split = row.hires and row.no_hires
        colour = NO_HIRE if split or row.no_hires > row.hires else HIRE
        name: list[Flowable] = [para(row.name, "cell_bold")]
        overall: list[Flowable] = [para(pct(row.overall), "num_bold")]
        if row.partial:
            name.append(para(f"missing: {', '.join(row.missing)}", "muted"))
            overall.append(para("partial", "num", colour=WARN))
        held = (f"{row.interviews} of {row.expected}" if row.expected else str(row.interviews))
        rows.append([
            name,
            overall,
            para(held, "cell_bold" if row.partial else "cell",
                 colour=WARN if row.partial else None),
            para(f"{row.hires} · {row.no_hires}", "cell", colour=colour),
            para(str(row.high_flags) if row.high_flags else "—", "cell"),
            para(str(row.rejected) if row.rejected else "—", "cell"),
            para(files.get(id(panel), "") if panel is not None else "", "small"),
        ])
    widths = [width * f for f in (0.24, 0.09, 0.13, 0.1, 0.11, 0.11, 0.22)]
    table = Table(rows, colWidths=widths, repeatRows=1)
    style = grid_style(top=3.5, bottom=4.5)
    if divider is not None:
        style.add("SPAN", (0, divider), (-1, divider))
        style.add("TOPPADDING", (0, divider), (-1, divider), 9)
        style.add("LINEABOVE", (0, divider), (-1, divider), 0.9, WARN)
    table.setStyle(style)
    intro = ("Complete panels first, by overall score; a candidate with interviews of the panel "
             "missing has a partial score and is listed after them." if divider is not None
             else "")
    out: list[Flowable] = [*table_heading("Candidates by overall score")]
    if intro:
        out += [para(intro, "muted"), Spacer(1, 1.5 * mm)]
    return [*out, table]


def _interviewers(cohort: Cohort, width: float) -> list[Flowable]:
    rows: list[list[Any]] = [[
        para("INTERVIEWER", "th"), para("CARDS", "th_num"), para("MEAN ± SD", "th"),
        para("VS COHORT", "th"), para("VS CO-RATERS", "th"), para("RECOMMENDATIONS", "th"),
    ]]
    for s in cohort.interviewers:
        sd = f" ± {round(s.sd * 100)}" if s.sd is not None else ""
        paired = (f"{_signed(s.paired_offset, ' levels', digits=1)} (n={s.paired_n})"
                  if s.paired_offset is not None else "no shared ratings")
        mix = ", ".join(f"{r.count} {r.label}" for r in s.recommendations if r.count) or "none"
        rows.append([
            para(s.name, "cell_bold"),
            para(str(s.cards), "num"),
            para(f"{pct(s.mean)}{sd}", "cell"),
            para(_signed(s.deviation, " pts", 100), "cell"),
            para(paired, "cell"),
            para(mix, "small"),
        ])
    widths = [width * f for f in (0.19, 0.08, 0.13, 0.11, 0.2, 0.29)]
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(grid_style(top=3.5, bottom=4.5))
    strips = [Strip(s.name, s.scores, s.mean, s.sd) for s in cohort.interviewers]
    mean = pct(cohort.cohort_mean)
    return [
        para("Interviewers: leniency and severity", "h2"),
        para(f"Weighted interview scores (0–100\u00a0%). The cohort's mean over every card is "
             f"{mean}. "
             "“vs cohort” compares an interviewer's mean with it, which also reflects how hard "
             "their interview is; “vs co-raters” compares their level on a shared competency "
             "with the other interviewer's level for the same candidate, which does not.",
             "muted"),
        Spacer(1, 1.5 * mm), table,
        KeepTogether([
            para("Score distribution per interviewer", "h2"),
            para("Each dot is one card; the red tick is the mean, the bar one standard "
                 "deviation either side.", "muted"),
            Spacer(1, 1 * mm), distribution_strips(strips, width),
        ]),
    ]


def _reading(value: float | None) -> str:
    if value is None:
        return "undefined"
    if value >= 0.8:
        return "reliable"
    if value >= ALPHA_MIN:
        return "tentative"
    return "unreliable"


def _agreement(cohort: Cohort, width: float) -> list[Flowable]:
    return [KeepTogether(_agreement_parts(cohort, width))]


def _agreement_parts(cohort: Cohort, width: float) -> list[Flowable]:
    out: list[Flowable] = [
        para("Agreement between interviewers: Krippendorff's α (ordinal)", "h2"),
        para("Candidates are the units and each interview's level is one value, wherever two or "
             "more interviews scored the same dimension (a competency shared by rubrics) for "
             "the same candidate. α = 1 is perfect agreement, 0 is what chance would give; "
             "Krippendorff suggests relying on α ≥ .800 and drawing tentative conclusions from "
             ".667. α is given only on enough data (see “How the numbers are computed”), "
             "with its 95 % confidence interval and the chance that it is below .667.",
             "muted"),
        Spacer(1, 1.5 * mm),
    ]
    if not cohort.reliabilities:
        out.append(para("No dimension was scored by two interviews for the same candidate, so no "
                        "agreement can be measured.", "small"))
    else:
        rows: list[list[Any]] = [[
            para("DIMENSION", "th"), para("SCORED IN", "th"), para("CANDIDATES", "th_num"),
            para("VALUES", "th_num"), para("α", "th_num"), para("READING", "th"),
        ]]
        for r in cohort.reliabilities:
            rows.append(_alpha_row(r))
        widths = [width * f for f in (0.18, 0.3, 0.12, 0.09, 0.09, 0.22)]
        table = Table(rows, colWidths=widths, repeatRows=1)
        table.setStyle(grid_style(top=3.5, bottom=4.5))
        out.append(table)
    if cohort.unmeasured:
        out += [Spacer(1, 1.5 * mm), para(
            f"Scored by one interview per candidate, so not measurable: "
            f"{', '.join(cohort.unmeasured)}.", "muted")]
    return out


def _alpha_row(r: Reliability) -> list[Any]:
    result = r.result
    value = r.shown
    scale = "" if r.same_scale else " (normalised)"
    cells = [
        para(r.name + scale, "cell_bold"),
        para("; ".join(r.dimensions), "small"),
        para(str(result.units), "num"),
        para(str(result.pairable), "num"),
    ]
    if not r.enough:
        values = f"{result.pairable} value{'s' if result.pairable != 1 else ''}"
        return [*cells, para("—", "num"),
                para(f"not enough data: {values} from {result.units} candidate"
                     f"{'s' if result.units != 1 else ''}; {r.required} needed", "small",
                     colour=MUTED)]
    if value is None:
        return [*cells, para("—", "num"), para(result.reason, "small")]
    colour = HIRE if value >= 0.8 else (WARN if value >= ALPHA_MIN else NO_HIRE)
    reading = [para(_reading(value), "small")]
    interval = r.interval
    if interval is not None:
        reading += [
            para(f"95 % CI {_three(interval.low)} to {_three(interval.high)}", "muted"),
            para(f"P(α < .667) = {round(interval.below_min * 100)} %", "muted"),
        ]
    return [*cells, para(_three(value), "num_bold", colour=colour), reading]


def _three(value: float) -> str:
    """`.742`, `−.120`, `1.000`: α as Krippendorff writes it."""
    shown = f"{abs(value):.3f}"
    if shown.startswith("0"):
        shown = shown[1:]
    return f"−{shown}" if value < 0 and shown.strip("0.") else shown


def _dimensions(interviewers: Sequence[InterviewerStats], width: float) -> list[Flowable]:
    out: list[Flowable] = [
        para("Dimensions per interviewer", "h2"),
        para("Mean, standard deviation and range of the levels each interviewer gave, on the "
             "dimension's own scale.", "muted_k"),
        Spacer(1, 1.5 * mm),
    ]
    widths = [width * f for f in (0.46, 0.08, 0.16, 0.12, 0.18)]
    for s in interviewers:
        kinds = list(dict.fromkeys(d.interview for d in s.dimensions))
        about = f" · {text(kinds[0])}" if len(kinds) == 1 else ""
        rows: list[list[Any]] = [[
            para(f"{text(s.name)} · <font color='#616e7c'>{s.cards} card"
                 f"{'s' if s.cards != 1 else ''}{about}</font>", "cell_bold", markup=True),
            "", "", "", "",
        ], [para("DIMENSION", "th"), para("N", "th_num"), para("MEAN", "th_num"),
            para("SD", "th_num"), para("RANGE", "th_num")]]
        shown = ""
        for d in s.dimensions:
            label = d.dimension
            if len(kinds) > 1 and d.interview != shown:
                label = f"{d.interview}: {d.dimension}"
                shown = d.interview
            rows.append([
                para(label, "cell"),
                para(str(d.n), "num"),
                para(f"{d.mean:.2f} / {d.high}", "num"),
                para(f"{d.sd:.2f}", "num"),
                para(f"{d.minimum}–{d.maximum}", "num"),
            ])
        table = Table(rows, colWidths=widths, repeatRows=2)
        style = grid_style(top=3.5, bottom=4.5)
        style.add("SPAN", (0, 0), (-1, 0))
        style.add("BACKGROUND", (0, 0), (-1, 0), PANEL)
        style.add("LINEBELOW", (0, 0), (-1, 0), 0, PANEL)
        style.add("LINEBELOW", (0, 1), (-1, 1), 0.9, ACCENT)
        table.setStyle(style)
        out += [table, Spacer(1, 3 * mm)]
    return out


def _method() -> list[Flowable]:
    return [
        para("How the numbers are computed", "h2"),
        para("An interview's score is the rubric-weighted mean of its levels, each placed on "
             "0–100 % of its scale; a candidate's overall score is the mean of their interview "
             "scores, and it is partial when interviews of the panel are missing. "
             "“vs co-raters” averages, over every shared-competency rating, the "
             "interviewer's level minus the other interviewers' mean level for that candidate, "
             "in levels of the common scale (or, where the scales differ, in steps of the "
             "scale with the fewest levels). "
             "α uses the coincidence-matrix method with the ordinal difference function; "
             "missing ratings simply leave a candidate with fewer values, and a candidate with "
             "fewer than two is left out.", "small"),
        Spacer(1, 1.5 * mm),
        para(f"Enough data for α: Krippendorff's sample-size formula for two coders (Content "
             "Analysis: An Introduction to Its Methodology, chapter “Reliability”, on sampling, "
             "after Bloch and Kraemer 1989), with the smallest acceptable α of .667, a "
             "significance level of .05 and each level of the scale taken as equally likely: "
             f"{required_values(4)} pairable values on a four-level scale, more on finer "
             "scales. Below that the report says “not enough data” with the count. Where α is "
             "given, its 95 % confidence interval and P(α < .667) come from Krippendorff's "
             f"bootstrap of the observed coincidences ({REPLICATES:,} resamples, a fixed seed, "
             "so the same data always give the same interval).", "small"),
    ]


def _signature(view: CohortView, slot: StampSlot, width: float
               ) -> tuple[list[Flowable], list[Flowable]]:
    """The signature block, and the same without its heading (where space is short)."""
    words = [
        para("Digitally signed", "cell_bold"),
        para(f"by {text(view.merger_name)} &lt;{text(view.merger_email)}&gt;, who merged the "
             "cohort. The signature covers this whole file and the cohort data attached to it "
             "(scorer-cohort.json): every number above, each candidate's packet by SHA-256 and "
             "the card data the numbers come from. Check it with <i>scorer verify</i>.",
             "small", markup=True),
        Spacer(1, 2 * mm),
        para("Cohort data SHA-256", "muted"),
        para(view.digest or "—", "muted"),
    ]
    table = signature_table(slot, words, width)
    return [para("Signature", "h2"), table], [Spacer(1, 4 * mm), table]
