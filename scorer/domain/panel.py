"""The panel packet's content: computed from one candidate's verified scorecards.

Everything a hiring panel should see before the debrief is computed here, from
the parsed cards alone (no I/O):

- Each interview's weighted score: the rubric's weights over each dimension's
  level normalised to 0–1 on its own scale (`aggregate.weighted_score`).
- The overall score: the plain mean of the interviews' weighted scores, so every
  interview counts once whatever its number of dimensions; the spread is their
  range and (population) standard deviation.
- Shared competencies (`Dimension.competency`, e.g. `ml-dl-theory` in math and
  optimisation): the levels the interviews gave are compared on raw levels when
  every scale is the same (the bundled rubrics all use 1–4); otherwise on the
  normalised 0–1 scale, expressed in steps of the coarsest scale involved. A gap
  of two or more levels is flagged.
- Flags: recommendations split across hire and no hire; levels two or more apart
  on a shared competency; interview scores 50 percentage points or more apart;
  duplicate cards for one interview (the newest signed is kept); different
  rubric versions for one interview kind; the same interview kind twice;
  incomplete cards; no recommendation; rejected inputs; the candidate's name
  spelt differently.

One interview is identified by its interview kind (rubric id), its interviewer's
email, and the interview's id and creation time in the interviewer's store, which
a re-export keeps and a new interview does not. The candidate is identified by
email (case-insensitive).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

from scorer.domain.aggregate import WeightedScore, weighted_score
from scorer.domain.errors import ScorerError
from scorer.domain.rubric import Rubric
from scorer.domain.scorecard import RecommendationPart, Scorecard

LEVEL_GAP = 2  # levels apart on a shared competency that make a flag
SCORE_SPREAD = 0.5  # range of interview scores (0–1) that makes a flag
_EPSILON = 1e-9


class MixedCandidates(ScorerError):
    """The cards given for one packet are for more than one candidate."""

    def __init__(self, names: Sequence[str]) -> None:
        shown = " and ".join(f"'{n}'" for n in names[:2])
        more = f" (and {len(names) - 2} more)" if len(names) > 2 else ""
        super().__init__(
            f"The verified cards are for {len(names)} candidates, {shown}{more}; a packet is "
            "for one candidate. Give one candidate's cards, or use --per-candidate OUTDIR to "
            "write one packet each."
        )
        self.names = tuple(names)


class Severity(StrEnum):
    HIGH = "high"  # a disagreement or a rejected input: discuss it first
    WARN = "warn"  # the packet's evidence is weaker than it looks
    INFO = "info"


class FlagKind(StrEnum):
    REJECTED = "rejected"
    RECOMMENDATION_SPLIT = "recommendation-split"
    LEVEL_GAP = "level-gap"
    SCORE_SPREAD = "score-spread"
    DUPLICATE = "duplicate"
    RUBRIC_VERSION = "rubric-version"
    INCOMPLETE = "incomplete"
    NO_RECOMMENDATION = "no-recommendation"
    REPEATED_INTERVIEW = "repeated-interview"
    NAME_VARIANT = "name-variant"


_SEVERITY_ORDER = {Severity.HIGH: 0, Severity.WARN: 1, Severity.INFO: 2}


@dataclass(frozen=True, slots=True)
class Flag:
    kind: FlagKind
    severity: Severity
    title: str
    detail: str


@dataclass(frozen=True, slots=True)
class PanelCard:
    """One verified card as the panel sees it."""

    source: str  # the file it came from
    card: Scorecard
    signer: str
    signed_at: datetime | None  # the time in the signature
    verified_at: datetime
    sha256: str

    @property
    def newest_key(self) -> datetime:
        return self.signed_at or self.card.exported_at


@dataclass(frozen=True, slots=True)
class RejectedInput:
    source: str
    status: str  # the verification verdict, e.g. "TAMPERED"
    reason: str
    candidate: str = ""
    signer: str = ""


@dataclass(frozen=True, slots=True)
class DimensionResult:
    dimension_id: str
    name: str
    weight: float
    competency: str | None
    score: int | None
    low: int
    high: int
    level_label: str | None
    anchor: str | None

    @property
    def fraction(self) -> float | None:
        if self.score is None:
            return None
        span = self.high - self.low
        return 1.0 if span == 0 else min(1.0, max(0.0, (self.score - self.low) / span))


@dataclass(frozen=True, slots=True)
class InterviewResult:
    entry: PanelCard
    rubric: Rubric
    weighted: WeightedScore | None
    dimensions: tuple[DimensionResult, ...]

    @property
    def card(self) -> Scorecard:
        return self.entry.card

    @property
    def title(self) -> str:
        return self.card.rubric.title

    @property
    def interviewer(self) -> str:
        return self.card.interviewer.name

    @property
    def date(self) -> datetime:
        return self.card.interview.started_at or self.card.interview.submitted_at

    @property
    def recommendation(self) -> RecommendationPart | None:
        return self.card.recommendation

    @property
    def fraction(self) -> float | None:
        return self.weighted.fraction if self.weighted is not None else None


@dataclass(frozen=True, slots=True)
class CompetencyScore:
    interview: str  # the interview's title
    interviewer: str
    interviewer_email: str
    dimension: str
    score: int
    low: int
    high: int

    @property
    def fraction(self) -> float:
        span = self.high - self.low
        return 1.0 if span == 0 else (self.score - self.low) / span


@dataclass(frozen=True, slots=True)
class CompetencyComparison:
    competency: str
    name: str
    scores: tuple[CompetencyScore, ...]
    gap: float  # in levels: raw when `raw`, else steps of the coarsest scale
    raw: bool

    @property
    def flagged(self) -> bool:
        return self.gap >= LEVEL_GAP - _EPSILON


@dataclass(frozen=True, slots=True)
class Spread:
    low: float
    high: float
    sd: float

    @property
    def range(self) -> float:
        return self.high - self.low


@dataclass(frozen=True, slots=True)
class Panel:
    candidate_name: str
    candidate_email: str
    interviews: tuple[InterviewResult, ...]  # the cards that count, by date
    set_aside: tuple[PanelCard, ...]  # older duplicates of a kept card
    rejected: tuple[RejectedInput, ...]
    overall: float | None  # mean of the interviews' weighted scores, 0–1
    spread: Spread | None
    competencies: tuple[CompetencyComparison, ...]
    flags: tuple[Flag, ...]

    @property
    def hires(self) -> tuple[InterviewResult, ...]:
        return tuple(i for i in self.interviews if i.recommendation and i.recommendation.hire)

    @property
    def no_hires(self) -> tuple[InterviewResult, ...]:
        return tuple(i for i in self.interviews
                     if i.recommendation and not i.recommendation.hire)


def candidate_key(card: Scorecard) -> str:
    email = card.candidate.email.strip().lower()
    return email or card.candidate.name.strip().casefold()


def group_by_candidate(cards: Sequence[PanelCard]) -> dict[str, list[PanelCard]]:
    """Cards per candidate (by email), in the order first seen."""
    groups: dict[str, list[PanelCard]] = {}
    for entry in cards:
        groups.setdefault(candidate_key(entry.card), []).append(entry)
    return groups


def candidate_names(cards: Sequence[PanelCard]) -> list[str]:
    """One display name per candidate; the email is added where two share a name."""
    groups = group_by_candidate(cards)
    names = [g[0].card.candidate.name for g in groups.values()]
    out = []
    for group, name in zip(groups.values(), names, strict=True):
        email = group[0].card.candidate.email
        out.append(f"{name} <{email}>" if names.count(name) > 1 and email else name)
    return out


def interview_key(card: Scorecard) -> tuple[str, str, int, datetime]:
    return (card.rubric.id, card.interviewer.email.strip().lower(), card.interview.id,
            card.interview.created_at)


def build_panel(cards: Sequence[PanelCard], rejected: Sequence[RejectedInput] = ()) -> Panel:
    """The packet's content for one candidate's verified `cards`.

    `MixedCandidates` if the cards are for more than one candidate; a panel with no
    interviews if `cards` is empty (every input was rejected).
    """
    groups = group_by_candidate(cards)
    if len(groups) > 1:
        raise MixedCandidates(candidate_names(cards))
    kept, set_aside, flags = _deduplicate(cards)
    interviews = tuple(sorted((_interview(e) for e in kept),
                              key=lambda i: (i.date, i.title, i.interviewer)))
    fractions = [i.fraction for i in interviews if i.fraction is not None]
    overall = sum(fractions) / len(fractions) if fractions else None
    spread = _spread(fractions)
    competencies = _competencies(interviews)
    name, email = _candidate(cards, rejected)

    flags += _rejected_flags(rejected)
    flags += _recommendation_flags(interviews)
    flags += [_gap_flag(c) for c in competencies if c.flagged]
    if spread is not None and len(fractions) > 1 and spread.range >= SCORE_SPREAD - _EPSILON:
        flags.append(Flag(
            FlagKind.SCORE_SPREAD, Severity.WARN, "Interview scores far apart",
            f"The weighted interview scores range from {_pct(spread.low)} to "
            f"{_pct(spread.high)}, {round(spread.range * 100)} points apart.",
        ))
    flags += _version_flags(cards)
    flags += _card_flags(interviews)
    flags += _name_flags(cards)
    flags.sort(key=lambda f: _SEVERITY_ORDER[f.severity])
    return Panel(name, email, interviews, tuple(set_aside), tuple(rejected), overall, spread,
                 competencies, tuple(flags))


def _candidate(cards: Sequence[PanelCard], rejected: Sequence[RejectedInput]
               ) -> tuple[str, str]:
    if cards:
        newest = max(cards, key=lambda e: e.newest_key)
        return newest.card.candidate.name, newest.card.candidate.email
    named = next((r.candidate for r in rejected if r.candidate), "")
    return named or "Unknown candidate", ""


def _deduplicate(cards: Sequence[PanelCard]
                 ) -> tuple[list[PanelCard], list[PanelCard], list[Flag]]:
    by_interview: dict[tuple[str, str, int, datetime], list[PanelCard]] = {}
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


def _interview(entry: PanelCard) -> InterviewResult:
    card = entry.card
    rubric = card.pinned_rubric()
    scores = {s.dimension_id: s.score for s in card.scores}
    dimensions = []
    for entry_score in card.scores:
        dimension = rubric.dimension(entry_score.dimension_id)
        low, high = (dimension.min_score, dimension.max_score) if dimension else (0, 0)
        dimensions.append(DimensionResult(
            dimension_id=entry_score.dimension_id,
            name=entry_score.dimension_name,
            weight=entry_score.weight,
            competency=dimension.competency if dimension else None,
            score=entry_score.score,
            low=low,
            high=high,
            level_label=entry_score.level_label,
            anchor=entry_score.anchor,
        ))
    return InterviewResult(entry, rubric, weighted_score(rubric, scores), tuple(dimensions))


def _spread(fractions: Sequence[float]) -> Spread | None:
    if not fractions:
        return None
    mean = sum(fractions) / len(fractions)
    sd = math.sqrt(sum((f - mean) ** 2 for f in fractions) / len(fractions))
    return Spread(min(fractions), max(fractions), sd)


def _competencies(interviews: Sequence[InterviewResult]) -> tuple[CompetencyComparison, ...]:
    found: dict[str, list[CompetencyScore]] = {}
    names: dict[str, str] = {}
    for interview in interviews:
        for d in interview.dimensions:
            if d.competency is None or d.score is None:
                continue
            names.setdefault(d.competency, d.name)
            found.setdefault(d.competency, []).append(CompetencyScore(
                interview.title, interview.interviewer, interview.card.interviewer.email.lower(),
                d.name, d.score, d.low, d.high))
    out = []
    for competency, scores in found.items():
        if len(scores) < 2:
            continue
        scales = {(s.low, s.high) for s in scores}
        if len(scales) == 1:
            gap = float(max(s.score for s in scores) - min(s.score for s in scores))
            raw = True
        else:
            steps = min(high - low for low, high in scales)
            gap = (max(s.fraction for s in scores) - min(s.fraction for s in scores)) * steps
            raw = False
        out.append(CompetencyComparison(competency, names[competency], tuple(scores), gap, raw))
    return tuple(out)


def _gap_flag(comparison: CompetencyComparison) -> Flag:
    parts = "; ".join(f"{s.interview} ({s.interviewer}) {s.score} / {s.high}"
                      for s in comparison.scores)
    unit = "levels" if comparison.raw else "levels of the coarsest scale"
    return Flag(
        FlagKind.LEVEL_GAP, Severity.HIGH,
        f"{comparison.name}: {comparison.gap:g} {unit} apart",
        f"The shared competency '{comparison.competency}' was scored {parts}.",
    )


def _recommendation_flags(interviews: Sequence[InterviewResult]) -> list[Flag]:
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


def _rejected_flags(rejected: Sequence[RejectedInput]) -> list[Flag]:
    if not rejected:
        return []
    listed = "; ".join(f"{r.source} ({r.status})" for r in rejected)
    count = len(rejected)
    return [Flag(
        FlagKind.REJECTED, Severity.HIGH,
        f"{count} input{'s' if count > 1 else ''} rejected",
        f"Not counted: {listed}. The reasons are listed below.",
    )]


def _version_flags(cards: Sequence[PanelCard]) -> list[Flag]:
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


def _card_flags(interviews: Sequence[InterviewResult]) -> list[Flag]:
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


def _name_flags(cards: Sequence[PanelCard]) -> list[Flag]:
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
    return moment.astimezone(UTC).strftime("%-d %b %Y %H:%M UTC")
