"""Cohort and calibration statistics over several candidates' panels.

- Candidates: those with every interview the panel expects, by overall score; then
  those with interviews missing, whose overall score is partial, by their score.
- Per interviewer (by email): the number of cards; the mean and standard
  deviation of their weighted interview scores (0–1) and the deviation of that
  mean from the cohort's mean over every card; the mean, spread and range of
  each dimension they scored, on its own scale; their recommendation mix. Where
  they shared a competency with another interviewer for the same candidate, the
  mean offset of their level from the co-raters' (a leniency measure that does
  not depend on which candidates they happened to see).
- Per dimension: Krippendorff's ordinal α with candidates as units and the
  interviews' levels as values, wherever two or more interviews scored it for
  the same candidate. Dimensions sharing a competency id across rubrics count as
  one dimension; otherwise a dimension is its rubric's dimension. Levels are
  compared raw when every scale involved is the same, else on the normalised 0–1
  scale (the ordinal metric only uses their order). α is read only from enough
  pairable values (`krippendorff_bootstrap.required_values`, 81 on a four-level
  scale), and then with its bootstrapped 95 % confidence interval.
- Flags: one interview kind scored on several rubric versions across the cohort.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from scorer.domain.krippendorff import AlphaResult, alpha
from scorer.domain.krippendorff_bootstrap import AlphaInterval, bootstrap_alpha, required_values
from scorer.domain.panel import Flag, FlagKind, InterviewResult, Panel, Severity
from scorer.domain.panel_scores import level_position


@dataclass(frozen=True, slots=True)
class DimensionStats:
    interview: str
    dimension: str
    low: int
    high: int
    n: int
    mean: float
    sd: float
    minimum: int
    maximum: int


@dataclass(frozen=True, slots=True)
class RecommendationCount:
    label: str
    hire: bool
    count: int


@dataclass(frozen=True, slots=True)
class InterviewerStats:
    name: str
    email: str
    cards: int
    scores: tuple[float, ...]  # each card's weighted score, 0–1
    mean: float | None
    sd: float | None
    deviation: float | None  # mean minus the cohort mean, 0–1
    paired_offset: float | None  # levels above (+) or below (-) co-raters, same candidate
    paired_n: int
    recommendations: tuple[RecommendationCount, ...]
    dimensions: tuple[DimensionStats, ...]

    @property
    def hire_share(self) -> float | None:
        total = sum(r.count for r in self.recommendations)
        return sum(r.count for r in self.recommendations if r.hire) / total if total else None


@dataclass(frozen=True, slots=True)
class Reliability:
    key: str  # the competency id, or rubric-id/dimension-id
    name: str
    dimensions: tuple[str, ...]  # "Interview: Dimension" for each dimension involved
    raters: tuple[str, ...]
    result: AlphaResult
    same_scale: bool  # else the levels were placed on each scale's range, 0–1
    levels: int  # levels of the finest scale involved, for the least data needed
    required: int  # pairable values needed before α is read (`required_values`)
    interval: AlphaInterval | None = None  # bootstrapped, when there is enough data

    @property
    def enough(self) -> bool:
        return self.result.pairable >= self.required

    @property
    def shown(self) -> float | None:
        """α as the report gives it: None when undefined or on too little data."""
        return self.result.alpha if self.enough else None


@dataclass(frozen=True, slots=True)
class CandidateRow:
    name: str
    email: str
    overall: float | None
    interviews: int
    hires: int
    no_hires: int
    high_flags: int
    flags: int
    rejected: int
    expected: int = 0  # interview kinds the panel expects (0: none named)
    missing: tuple[str, ...] = ()  # titles of the expected kinds with no card

    @property
    def partial(self) -> bool:
        return bool(self.missing)


@dataclass(frozen=True, slots=True)
class Cohort:
    candidates: tuple[CandidateRow, ...]  # complete panels first, each by best overall score
    interviewers: tuple[InterviewerStats, ...]
    reliabilities: tuple[Reliability, ...]
    unmeasured: tuple[str, ...]  # dimensions only ever scored once per candidate
    cohort_mean: float | None
    cards: int
    flags: tuple[Flag, ...]


def _mean_sd(values: Sequence[float]) -> tuple[float, float]:
    mean = sum(values) / len(values)
    return mean, math.sqrt(sum((v - mean) ** 2 for v in values) / len(values))


def dimension_key(interview: InterviewResult, dimension_id: str, competency: str | None) -> str:
    return competency or f"{interview.card.rubric.id}/{dimension_id}"


def build_cohort(panels: Sequence[Panel]) -> Cohort:
    fractions = [i.fraction for p in panels for i in p.interviews if i.fraction is not None]
    cohort_mean = sum(fractions) / len(fractions) if fractions else None
    # A partial score leaves out interviews, so it is not ranked among complete panels.
    candidates = sorted(
        (_candidate_row(p) for p in panels),
        key=lambda c: (c.partial, c.overall is None, -(c.overall or 0.0), c.name),
    )
    offsets = _paired_offsets(panels)
    interviewers = _interviewers(panels, cohort_mean, offsets)
    reliabilities, unmeasured = _reliabilities(panels)
    return Cohort(
        candidates=tuple(candidates),
        interviewers=interviewers,
        reliabilities=reliabilities,
        unmeasured=unmeasured,
        cohort_mean=cohort_mean,
        cards=sum(len(p.interviews) for p in panels),
        flags=_version_flags(panels),
    )


def _candidate_row(panel: Panel) -> CandidateRow:
    return CandidateRow(
        name=panel.candidate_name,
        email=panel.candidate_email,
        overall=panel.overall,
        interviews=len(panel.interviews),
        hires=len(panel.hires),
        no_hires=len(panel.no_hires),
        high_flags=sum(1 for f in panel.flags if f.severity is Severity.HIGH),
        flags=len(panel.flags),
        rejected=len(panel.rejected),
        expected=len(panel.expected),
        missing=tuple(k.title for k in panel.missing),
    )


def _interviewers(panels: Sequence[Panel], cohort_mean: float | None,
                  offsets: dict[str, list[float]]) -> tuple[InterviewerStats, ...]:
    by_email: dict[str, list[InterviewResult]] = {}
    for panel in panels:
        for interview in panel.interviews:
            by_email.setdefault(interview.card.interviewer.email.lower(), []).append(interview)
    out = []
    for email, interviews in by_email.items():
        name = interviews[-1].interviewer
        scores = tuple(i.fraction for i in interviews if i.fraction is not None)
        mean = sd = deviation = None
        if scores:
            mean, sd = _mean_sd(scores)
            deviation = mean - cohort_mean if cohort_mean is not None else None
        own = offsets.get(email, [])
        out.append(InterviewerStats(
            name=name,
            email=interviews[-1].card.interviewer.email,
            cards=len(interviews),
            scores=scores,
            mean=mean,
            sd=sd,
            deviation=deviation,
            paired_offset=sum(own) / len(own) if own else None,
            paired_n=len(own),
            recommendations=_recommendations(interviews),
            dimensions=_dimension_stats(interviews),
        ))
    return tuple(sorted(out, key=lambda s: s.name.casefold()))


def _recommendations(interviews: Sequence[InterviewResult]) -> tuple[RecommendationCount, ...]:
    order: dict[str, tuple[int, bool]] = {}
    counts: dict[str, int] = {}
    for interview in interviews:
        for index, option in enumerate(interview.rubric.recommendation):
            order.setdefault(option.label, (index, option.hire))
        reco = interview.recommendation
        if reco is not None:
            order.setdefault(reco.label, (len(order), reco.hire))
            counts[reco.label] = counts.get(reco.label, 0) + 1
    ranked = sorted(order.items(), key=lambda item: item[1][0])
    return tuple(RecommendationCount(label, hire, counts.get(label, 0))
                 for label, (_, hire) in ranked)


def _dimension_stats(interviews: Sequence[InterviewResult]) -> tuple[DimensionStats, ...]:
    found: dict[tuple[str, str], list[int]] = {}
    meta: dict[tuple[str, str], tuple[str, str, int, int]] = {}
    for interview in interviews:
        for d in interview.dimensions:
            key = (interview.card.rubric.id, d.dimension_id)
            meta.setdefault(key, (interview.title, d.name, d.low, d.high))
            if d.score is not None:
                found.setdefault(key, []).append(d.score)
    out = []
    for key, (title, name, low, high) in meta.items():
        scores = found.get(key)
        if not scores:
            continue
        mean, sd = _mean_sd([float(s) for s in scores])
        out.append(DimensionStats(title, name, low, high, len(scores), mean, sd,
                                  min(scores), max(scores)))
    return tuple(out)


def _paired_offsets(panels: Sequence[Panel]) -> dict[str, list[float]]:
    """Per interviewer email: their level minus the co-raters' mean, per shared rating.

    In levels, as the panel's level gaps: of the common scale, or in steps of the
    coarsest scale when the scales differ (`panel_scores.level_position`).
    """
    offsets: dict[str, list[float]] = {}
    for panel in panels:
        for comparison in panel.competencies:
            scores = comparison.scores
            emails = [s.interviewer_email for s in scores]
            positions = [level_position(s, scores) for s in scores]
            for index, position in enumerate(positions):
                others = [p for j, p in enumerate(positions) if emails[j] != emails[index]]
                if not others:
                    continue
                offsets.setdefault(emails[index], []).append(
                    position - sum(others) / len(others))
    return offsets


def _reliabilities(panels: Sequence[Panel]) -> tuple[tuple[Reliability, ...], tuple[str, ...]]:
    # key -> per candidate: [(score, low, high, levels)]
    values: dict[str, list[list[tuple[int, int, int, tuple[int, ...]]]]] = {}
    names: dict[str, str] = {}
    labels: dict[str, dict[str, None]] = {}
    raters: dict[str, dict[str, None]] = {}
    for unit, panel in enumerate(panels):
        for interview in panel.interviews:
            for d in interview.dimensions:
                key = dimension_key(interview, d.dimension_id, d.competency)
                names.setdefault(key, d.name)
                labels.setdefault(key, {})[f"{interview.title}: {d.name}"] = None
                if d.score is None:
                    continue
                raters.setdefault(key, {})[interview.interviewer] = None
                units = values.setdefault(key, [[] for _ in panels])
                scale = d.levels or tuple(range(d.low, d.high + 1))
                units[unit].append((d.score, d.low, d.high, scale))
    out = []
    unmeasured = []
    for key, units in values.items():
        if not any(len(u) >= 2 for u in units):
            unmeasured.append(names[key])
            continue
        scales = {scale for u in units for *_, scale in u}
        same = len(scales) == 1
        # The ordinal metric uses only the order of the values: raw levels on one scale,
        # else each level's place on its scale's range.
        data = [[float(s) if same else (s - low) / ((high - low) or 1) for s, low, high, _ in u]
                for u in units]
        levels = max(len(scale) for scale in scales)
        result = alpha(data, "ordinal")
        required = required_values(levels)
        interval = (bootstrap_alpha(data, "ordinal")
                    if result.alpha is not None and result.pairable >= required else None)
        out.append(Reliability(key, names[key], tuple(labels[key]), tuple(raters.get(key, {})),
                               result, same, levels, required, interval))
    return tuple(out), tuple(unmeasured)


def _version_flags(panels: Sequence[Panel]) -> tuple[Flag, ...]:
    seen: dict[str, dict[str, int]] = {}
    titles: dict[str, str] = {}
    for panel in panels:
        for interview in panel.interviews:
            rubric = interview.card.rubric
            titles.setdefault(rubric.id, rubric.title)
            versions = seen.setdefault(rubric.id, {})
            versions[rubric.version] = versions.get(rubric.version, 0) + 1
    flags = []
    for rubric_id, versions in seen.items():
        if len(versions) > 1:
            listed = ", ".join(f"{v} ({n} card{'s' if n > 1 else ''})"
                               for v, n in sorted(versions.items()))
            flags.append(Flag(
                FlagKind.RUBRIC_VERSION, Severity.WARN,
                f"{titles[rubric_id]}: {len(versions)} rubric versions in the cohort",
                f"Scored on versions {listed}; compare its levels across candidates with care.",
            ))
    return tuple(flags)
