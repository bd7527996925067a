"""The panel's flags: disagreements to discuss and notes that qualify the evidence.

Flagged: interview kinds of the panel with no verified card; recommendations split
across hire and no hire; levels two or more apart
on a shared competency; interview scores 50 percentage points or more apart;
duplicate cards for one interview by one certificate (the newest signed is kept;
under different certificates they conflict, `panel_conflicts`); different rubric
versions for one interview kind; the same interview kind twice; incomplete cards;
no recommendation; rejected inputs; the candidate's name spelt differently.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from scorer.domain.dates import utc_day_time
from scorer.domain.panel_cards import (
    InterviewResult,
    PanelCard,
    PanelKind,
    RejectedInput,
    interview_key,
)
from scorer.domain.panel_scores import EPSILON, CompetencyComparison, Spread

SCORE_SPREAD = 0.5  # range of interview scores (0–1) that makes a flag


class Severity(StrEnum):
    HIGH = "high"  # a disagreement or a rejected input: discuss it first
    WARN = "warn"  # the packet's evidence is weaker than it looks
    INFO = "info"


class FlagKind(StrEnum):
    REJECTED = "rejected"
    CONFLICT = "conflicting-signers"
    MISSING_INTERVIEW = "missing-interview"
    RECOMMENDATION_SPLIT = "recommendation-split"
    LEVEL_GAP = "level-gap"
    SCORE_SPREAD = "score-spread"
    DUPLICATE = "duplicate"
    RUBRIC_VERSION = "rubric-version"
    INCOMPLETE = "incomplete"
    NO_RECOMMENDATION = "no-recommendation"
    REPEATED_INTERVIEW = "repeated-interview"
    NAME_VARIANT = "name-variant"


SEVERITY_ORDER = {Severity.HIGH: 0, Severity.WARN: 1, Severity.INFO: 2}


@dataclass(frozen=True, slots=True)
class Flag:
    kind: FlagKind
    severity: Severity
    title: str
    detail: str


def deduplicate(cards: Sequence[PanelCard]
                 ) -> tuple[list[PanelCard], list[PanelCard], list[Flag]]:
    by_interview: dict[tuple[str, str, int, datetime, str], list[PanelCard]] = {}
    for entry in cards:
        by_interview.setdefault(interview_key(entry.card), []).append(entry)
    kept: list[PanelCard] = []
    aside: list[PanelCard] = []
    flags: list[Flag] = []
    for group in by_interview.values():
        ordered = sorted(group, key=lambda e: (e.newest_key, e.source), reverse=True)
        kept.append(ordered[0])
        if len(ordered) > 1:
            aside += ordered[1:]
            newest = ordered[0]
            others = ", ".join(f"{e.source} (signed {_when(e.newest_key)})" for e in ordered[1:])
            flags.append(Flag(
                FlagKind.DUPLICATE, Severity.WARN,
                f"{len(ordered)} cards for one {newest.card.rubric.title} interview",
                f"{newest.card.interviewer.name}'s interview {newest.card.interview.id}: kept "
                f"the newest signed, {newest.source} (signed {_when(newest.newest_key)}); set "
                f"aside {others}.",
            ))
    return kept, aside, flags


def spread_flags(spread: Spread | None, scored: int) -> list[Flag]:
    """A flag when `scored` (more than one) interview scores are far apart."""
    if spread is None or scored < 2 or spread.range < SCORE_SPREAD - EPSILON:
        return []
    return [Flag(
        FlagKind.SCORE_SPREAD, Severity.WARN, "Interview scores far apart",
        f"The weighted interview scores range from {_pct(spread.low)} to "
        f"{_pct(spread.high)}, {round(spread.range * 100)} points apart.",
    )]


def gap_flag(comparison: CompetencyComparison) -> Flag:
    parts = "; ".join(f"{s.interview} ({s.interviewer}) {s.score} / {s.high}"
                      for s in comparison.scores)
    gap = round(comparison.gap, 1)
    if comparison.same_scale:
        unit = "level" if gap == 1 else "levels"
        how = ""
    else:
        unit = "levels of the coarsest scale"
        how = (f" The scales differ, so each level is placed on its scale's range and the "
               f"difference counted in the {comparison.steps} steps of the scale with the "
               "fewest levels.")
    return Flag(
        FlagKind.LEVEL_GAP, Severity.HIGH,
        f"{comparison.name}: {gap:g} {unit} apart",
        f"The shared competency '{comparison.competency}' was scored {parts}.{how}",
    )


def missing_flags(expected: Sequence[PanelKind], missing: Sequence[PanelKind],
                  held: int) -> list[Flag]:
    """A flag naming the interview kinds of the panel with no verified card."""
    if not missing:
        return []
    names = _and([k.title for k in missing])
    partial = (f"The overall score is the mean of the {held} interview"
               f"{'s' if held != 1 else ''} held, so it is partial: not comparable with a "
               "full panel's." if held else "There is no overall score.")
    return [Flag(
        FlagKind.MISSING_INTERVIEW, Severity.HIGH,
        f"{len(missing)} of {len(expected)} interviews missing: {names}",
        f"The panel expects {len(expected)} interviews ({_and([k.title for k in expected])}); "
        f"no verified card is here for {names}. {partial}",
    )]


def _and(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def recommendation_flags(interviews: Sequence[InterviewResult]) -> list[Flag]:
    hires = [i for i in interviews if i.recommendation and i.recommendation.hire]
    nos = [i for i in interviews if i.recommendation and not i.recommendation.hire]
    if not (hires and nos):
        return []

    def who(group: list[InterviewResult]) -> str:
        return ", ".join(f"{i.interviewer} ({i.title}: "
                         f"{i.recommendation.label if i.recommendation else ''})" for i in group)

    return [Flag(
        FlagKind.RECOMMENDATION_SPLIT, Severity.HIGH,
        f"Recommendations split: {len(hires)} hire, {len(nos)} no hire",
        f"Hire: {who(hires)}. No hire: {who(nos)}.",
    )]


def rejected_flags(rejected: Sequence[RejectedInput]) -> list[Flag]:
    if not rejected:
        return []
    listed = "; ".join(f"{r.source} ({r.status})" for r in rejected)
    count = len(rejected)
    return [Flag(
        FlagKind.REJECTED, Severity.HIGH,
        f"{count} input{'s' if count > 1 else ''} rejected",
        f"Not counted: {listed}. The reasons are listed below.",
    )]


def version_flags(cards: Sequence[PanelCard]) -> list[Flag]:
    versions: dict[str, dict[str, str]] = {}
    for entry in cards:
        versions.setdefault(entry.card.rubric.id, {})[entry.card.rubric.version] = (
            entry.card.rubric.title)
    flags = []
    for rubric_id, seen in versions.items():
        if len(seen) > 1:
            title = next(iter(seen.values()))
            flags.append(Flag(
                FlagKind.RUBRIC_VERSION, Severity.WARN,
                f"{title}: {len(seen)} rubric versions",
                f"Cards of the '{rubric_id}' interview were scored on rubric versions "
                f"{', '.join(sorted(seen))}; their levels and anchors may differ.",
            ))
    return flags


def card_flags(interviews: Sequence[InterviewResult]) -> list[Flag]:
    flags = []
    kinds: dict[str, list[InterviewResult]] = {}
    for interview in interviews:
        kinds.setdefault(interview.card.rubric.id, []).append(interview)
        weighted = interview.weighted
        scored = weighted.scored if weighted else 0
        total = len(interview.rubric.dimensions)
        if scored < total:
            flags.append(Flag(
                FlagKind.INCOMPLETE, Severity.WARN, f"{interview.title}: incomplete card",
                f"{interview.interviewer} scored {scored} of {total} dimensions.",
            ))
        if interview.recommendation is None:
            flags.append(Flag(
                FlagKind.NO_RECOMMENDATION, Severity.WARN,
                f"{interview.title}: no recommendation",
                f"{interview.interviewer} gave no overall recommendation.",
            ))
    for group in kinds.values():
        if len(group) > 1:
            flags.append(Flag(
                FlagKind.REPEATED_INTERVIEW, Severity.INFO,
                f"{group[0].title}: {len(group)} interviews",
                f"By {', '.join(i.interviewer for i in group)}; each counts once in the "
                "overall score.",
            ))
    return flags


def name_flags(cards: Sequence[PanelCard]) -> list[Flag]:
    names = list(dict.fromkeys(e.card.candidate.name for e in cards))
    if len(names) < 2:
        return []
    return [Flag(
        FlagKind.NAME_VARIANT, Severity.INFO, "The candidate's name is spelt differently",
        f"The cards say {', '.join(repr(n) for n in names)} for the same email.",
    )]


def _pct(fraction: float) -> str:
    return f"{round(fraction * 100)} %"


def _when(moment: datetime) -> str:
    return utc_day_time(moment)
