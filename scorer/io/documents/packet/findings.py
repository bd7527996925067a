"""The packet summary's first sections: headline, flags, rejected inputs, interviews."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from scorer.domain.dates import utc_day
from scorer.domain.identity_match import short_fingerprint
from scorer.domain.panel import Flag, Panel, Severity
from scorer.domain.panel_scores import score_line
from scorer.io.documents.packet.view import PacketView
from scorer.io.pdf.charts import WARN
from scorer.io.pdf.late_text import LateLabel
from scorer.io.pdf.report_page import hex_colour, para, pct
from scorer.io.pdf.style import (
    HIRE,
    NEUTRAL,
    NO_HIRE,
    PANEL,
    RULE,
    grid_style,
    styles,
)

SEVERITY_COLOURS = {Severity.HIGH: NO_HIRE, Severity.WARN: WARN, Severity.INFO: NEUTRAL}
SEVERITY_WORDS = {Severity.HIGH: "DISCUSS", Severity.WARN: "CHECK", Severity.INFO: "NOTE"}


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


def headline_section(panel: Panel, width: float) -> list[Flowable]:
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
        if panel.partial:
            absent = ", ".join(k.title for k in panel.missing)
            overall = [
                para(f"OVERALL SCORE · <font color='{hex_colour(WARN)}'>PARTIAL</font>",
                     "label", markup=True),
                para(f"{pct(panel.overall)} <font size='11' color='{hex_colour(WARN)}'>"
                     "partial</font>", "big", markup=True),
                para(f"Mean of {len(panel.interviews)} of the {len(panel.expected)} interviews "
                     f"the panel expects; missing: {absent}. Not comparable with a full "
                     f"panel's score.{spread_text}", "muted"),
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


def flags_section(flags: Sequence[Flag], width: float) -> list[Flowable]:
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


def rejected_section(panel: Panel, width: float) -> list[Flowable]:
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
    table.setStyle(grid_style())
    return [para("Rejected inputs: not counted", "h2"),
            para("Each input was verified as `scorer verify` does; only verified cards count.",
                 "muted"),
            Spacer(1, 1.5 * mm), table]


def interviews_section(view: PacketView, width: float) -> list[Flowable]:
    panel = view.panel
    if not panel.interviews:
        return [para("Interviews", "h2"), para("No verified card.", "muted")]
    rows: list[list[Any]] = [[
        para("INTERVIEW", "th"), para("INTERVIEWER · CERTIFICATE", "th"), para("DATE", "th"),
        para("RECOMMENDATION", "th"), para("WEIGHTED SCORE", "th"), para("PAGES", "th"),
    ]]
    for index, interview in enumerate(panel.interviews):
        reco = interview.recommendation
        if reco is None:
            reco_cell = para("None given", "muted")
        else:
            reco_cell = para(reco.label, "cell_bold", colour=HIRE if reco.hire else NO_HIRE)
        weighted = interview.weighted
        score = score_line(interview)
        if weighted is not None and not weighted.complete:
            score += f" ({weighted.scored} of {weighted.total} scored)"
        rows.append([
            para(interview.title, "cell_bold"),
            [para(interview.interviewer, "cell"),
             para(short_fingerprint(interview.entry.fingerprint), "muted")],
            para(utc_day(interview.date), "cell"),
            reco_cell,
            para(score, "cell"),
            LateLabel(partial(_pages, view, index), styles()["cell"], "88–88"),
        ])
    widths = [width * f for f in (0.19, 0.20, 0.13, 0.19, 0.21, 0.08)]
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(grid_style())
    return [para("Interviews", "h2"), table]


def _pages(view: PacketView, index: int, summary_pages: int) -> str:
    first, last = view.numbers(summary_pages).card_pages[index]
    return f"{first}–{last}"
