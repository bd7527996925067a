"""The panel packet's content: computed from one candidate's verified scorecards.

This module assembles the panel; its parts live beside it: the cards and
per-interview results (`panel_cards`), the scores (`panel_scores`) and the flags
(`panel_flags`). Every name stays importable from here.

Everything a hiring panel should see before the debrief is computed here, from
the parsed cards alone (no I/O):

- Each interview's weighted score: the rubric's weights over each dimension's
  level normalised to 0–1 on its own scale (`aggregate.weighted_score`).
- The overall score: the plain mean of the interviews' weighted scores, so every
  interview counts once whatever its number of dimensions; the spread is their
  range and (population) standard deviation.
- Shared competencies (`Dimension.competency`, e.g. `ml-dl-theory` in math and
  optimisation): the levels the interviews gave are compared in levels of their
  common scale (on a 1, 3, 5 scale, 1 and 3 are one level apart); where the scales
  differ, each level is placed on its scale's range and the difference counted in
  steps of the scale with the fewest levels (`panel_scores`). A gap of two or more
  levels is flagged.
- Flags: interview kinds of the panel with no verified card (the overall score is
  then partial); recommendations split across hire and no hire; levels two or more apart
  on a shared competency; interview scores 50 percentage points or more apart;
  duplicate cards for one interview by one certificate (the newest signed is
  kept); one interview claimed under two certificates (neither counts); different
  rubric versions for one interview kind; the same interview kind twice;
  incomplete cards; no recommendation; rejected inputs; the candidate's name
  spelt differently.

One interview is identified by its interview kind (rubric id), its interviewer's
email, and the interview's id and creation time in the interviewer's store, which
a re-export keeps and a new interview does not; one card of it by the certificate
that signed it. The candidate is identified by email (case-insensitive).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from scorer.domain.panel_cards import (
    DimensionResult,
    InterviewResult,
    MixedCandidates,
    PanelCard,
    PanelKind,
    RejectedInput,
    candidate_key,
    candidate_names,
    group_by_candidate,
    interview_key,
)
from scorer.domain.panel_conflicts import CONFLICT_STATUS, conflicts
from scorer.domain.panel_flags import (
    SCORE_SPREAD,
    SEVERITY_ORDER,
    Flag,
    FlagKind,
    Severity,
    card_flags,
    deduplicate,
    gap_flag,
    missing_flags,
    name_flags,
    recommendation_flags,
    rejected_flags,
    spread_flags,
    version_flags,
)
from scorer.domain.panel_scores import (
    LEVEL_GAP,
    CompetencyComparison,
    CompetencyScore,
    Spread,
    competency_comparisons,
    interview_result,
    spread_of,
)

__all__ = [
    "CONFLICT_STATUS", "LEVEL_GAP", "SCORE_SPREAD", "CompetencyComparison", "CompetencyScore",
    "DimensionResult", "Flag", "FlagKind", "InterviewResult", "MixedCandidates", "Panel",
    "PanelCard", "PanelKind", "RejectedInput", "Severity", "Spread", "build_panel",
    "candidate_key", "candidate_names", "group_by_candidate", "interview_key",
]


@dataclass(frozen=True, slots=True)
class Panel:
    candidate_name: str
    candidate_email: str
    interviews: tuple[InterviewResult, ...]  # the cards that count, by date
    set_aside: tuple[PanelCard, ...]  # older duplicates of a kept card
    rejected: tuple[RejectedInput, ...]  # and, with status CONFLICT, cards not counted
    overall: float | None  # mean of the interviews' weighted scores, 0–1
    spread: Spread | None
    competencies: tuple[CompetencyComparison, ...]
    flags: tuple[Flag, ...]
    expected: tuple[PanelKind, ...] = ()  # the interview kinds the panel expects
    missing: tuple[PanelKind, ...] = ()  # expected kinds with no verified card here

    @property
    def partial(self) -> bool:
        """The overall score leaves out interviews the panel expects."""
        return bool(self.missing)

    @property
    def hires(self) -> tuple[InterviewResult, ...]:
        return tuple(i for i in self.interviews if i.recommendation and i.recommendation.hire)

    @property
    def no_hires(self) -> tuple[InterviewResult, ...]:
        return tuple(i for i in self.interviews
                     if i.recommendation and not i.recommendation.hire)


def build_panel(cards: Sequence[PanelCard], rejected: Sequence[RejectedInput] = (),
                expected: Sequence[PanelKind] = ()) -> Panel:
    """The packet's content for one candidate's verified `cards`.

    `expected` are the interview kinds of the panel: those without a card here are
    missing, and the overall score is then partial. `MixedCandidates` if the cards
    are for more than one candidate; a panel with no interviews if `cards` is empty
    (every input was rejected).
    """
    groups = group_by_candidate(cards)
    if len(groups) > 1:
        raise MixedCandidates(candidate_names(cards))
    kept, set_aside, flags = deduplicate(cards)
    kept, conflicting, conflict_flags = conflicts(kept)
    interviews = tuple(sorted((interview_result(e) for e in kept),
                              key=lambda i: (i.date, i.title, i.interviewer)))
    fractions = [i.fraction for i in interviews if i.fraction is not None]
    overall = sum(fractions) / len(fractions) if fractions else None
    spread = spread_of(fractions)
    competencies = competency_comparisons(interviews)
    name, email = _candidate(cards, rejected)
    held = {i.card.rubric.id for i in interviews}
    missing = tuple(k for k in expected if k.id not in held)

    flags += conflict_flags
    flags += missing_flags(expected, missing, len(interviews))
    flags += rejected_flags(rejected)
    flags += recommendation_flags(interviews)
    flags += [gap_flag(c) for c in competencies if c.flagged]
    flags += spread_flags(spread, len(fractions))
    flags += version_flags(cards)
    flags += card_flags(interviews)
    flags += name_flags(cards)
    flags.sort(key=lambda f: SEVERITY_ORDER[f.severity])
    return Panel(name, email, interviews, tuple(set_aside), (*rejected, *conflicting), overall,
                 spread, competencies, tuple(flags), tuple(expected), missing)


def _candidate(cards: Sequence[PanelCard], rejected: Sequence[RejectedInput]
               ) -> tuple[str, str]:
    if cards:
        newest = max(cards, key=lambda e: e.newest_key)
        return newest.card.candidate.name, newest.card.candidate.email
    named = next((r.candidate for r in rejected if r.candidate), "")
    return named or "Unknown candidate", ""

