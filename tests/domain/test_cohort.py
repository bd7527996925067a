"""Calibration statistics across candidates: leniency, recommendation mix, α per dimension."""

from __future__ import annotations

import statistics

import pytest

from scorer.domain.cohort import build_cohort
from scorer.domain.krippendorff import alpha
from scorer.domain.panel import FlagKind, Panel, build_panel
from scorer.domain.rubric import Rubric
from tests.domain.test_panel import detail, entry, rubrics

# Per candidate: (math's level, optimisation's level) on the shared ml-dl-theory.
THEORY = [(1, 2), (2, 3), (3, 4), (2, 3), (4, 4)]


def panels(math_reco: str = "no") -> list[Panel]:
    out = []
    for n, (math_level, opt_level) in enumerate(THEORY):
        candidate = f"Candidate {n}"
        email = f"c{n}@example.com"
        out.append(build_panel([
            entry(detail("math", {"ml-dl-theory": math_level, "linear-algebra": 1 + n % 4},
                         reco=math_reco, candidate=candidate, email=email,
                         interviewer="Samira Qureshi", interview_id=2 * n + 1)),
            entry(detail("optimisation", {"ml-dl-theory": opt_level}, reco="yes",
                         candidate=candidate, email=email, interviewer="Ajay Fenwick",
                         interview_id=2 * n + 2)),
        ]))
    return out


def test_alpha_per_shared_dimension_uses_candidates_as_units() -> None:
    cohort = build_cohort(panels())
    theory = next(r for r in cohort.reliabilities if r.key == "ml-dl-theory")
    assert theory.same_scale and theory.result.units == 5 and theory.result.pairable == 10
    expected = alpha([list(pair) for pair in THEORY], "ordinal").alpha
    assert theory.result.alpha == pytest.approx(expected)
    assert set(theory.raters) == {"Samira Qureshi", "Ajay Fenwick"}
    # whiteboard-communication is shared too (level 3 everywhere): no variation, α undefined
    board = next(r for r in cohort.reliabilities if r.key == "whiteboard-communication")
    assert board.result.alpha is None and "same" in board.result.reason
    # dimensions only one interview scores cannot be measured
    assert "Linear algebra" in " ".join(cohort.unmeasured)


def test_leniency_against_co_raters_for_the_same_candidates() -> None:
    cohort = build_cohort(panels())
    by_name = {s.name: s for s in cohort.interviewers}
    samira, ajay = by_name["Samira Qureshi"], by_name["Ajay Fenwick"]
    gaps = [m - o for m, o in THEORY]
    # ml-dl-theory differences, plus whiteboard-communication where both gave 3 (no difference)
    assert samira.paired_offset == pytest.approx(sum(gaps) / (2 * len(gaps)))
    assert ajay.paired_offset == pytest.approx(-sum(gaps) / (2 * len(gaps)))
    assert samira.paired_n == ajay.paired_n == 10


def test_interviewer_means_spread_and_recommendation_mix() -> None:
    all_panels = panels()
    cohort = build_cohort(all_panels)
    samira = next(s for s in cohort.interviewers if s.name == "Samira Qureshi")
    fractions = [i.fraction for p in all_panels for i in p.interviews
                 if i.interviewer == "Samira Qureshi"]
    assert samira.cards == 5 and samira.scores == tuple(fractions)
    assert samira.mean == pytest.approx(statistics.fmean(fractions))  # type: ignore[arg-type]
    assert samira.sd == pytest.approx(statistics.pstdev(fractions))  # type: ignore[arg-type]
    everything = [i.fraction for p in all_panels for i in p.interviews]
    assert cohort.cohort_mean == pytest.approx(statistics.fmean(everything))  # type: ignore[arg-type]
    assert samira.deviation == pytest.approx(samira.mean - cohort.cohort_mean)  # type: ignore[operator]
    mix = {r.label: r.count for r in samira.recommendations}
    assert mix == {"Strong no hire": 0, "No hire": 5, "Hire": 0, "Strong hire": 0}
    assert samira.hire_share == 0
    theory = next(d for d in samira.dimensions if d.dimension == "ML/DL theory")
    levels = [m for m, _ in THEORY]
    assert (theory.n, theory.minimum, theory.maximum) == (5, min(levels), max(levels))
    assert theory.mean == pytest.approx(statistics.fmean(levels))
    assert theory.sd == pytest.approx(statistics.pstdev(levels))


def test_candidates_ranked_by_overall_score() -> None:
    cohort = build_cohort(panels())
    overall = [c.overall for c in cohort.candidates]
    assert overall == sorted(overall, reverse=True)  # type: ignore[type-var]
    assert all(c.hires == 1 and c.no_hires == 1 for c in cohort.candidates)
    assert all(c.high_flags >= 1 for c in cohort.candidates)  # the split recommendation


def test_rubric_versions_across_the_cohort_are_flagged() -> None:
    base = rubrics()["math"]
    edited = Rubric.model_validate({**base.model_dump(), "summary": base.summary + " v2"})
    first = build_panel([entry(detail("math", interview_id=1))])
    second = build_panel([entry(detail("math", rubric=edited, candidate="Bob", interview_id=2,
                                       email="bob@example.com"))])
    cohort = build_cohort([first, second])
    assert [f.kind for f in cohort.flags] == [FlagKind.RUBRIC_VERSION]
    assert "1 card" in cohort.flags[0].detail


def test_incomplete_candidates_are_marked_and_ranked_after_complete_ones() -> None:
    from tests.domain.test_panel import KINDS, four

    strong = {d.id: 4 for d in rubrics()["coding"].dimensions}
    partial = build_panel([entry(detail("coding", strong, candidate="Zoe", email="z@x.org"))],
                          expected=KINDS)
    complete = build_panel(four(), expected=KINDS)
    cohort = build_cohort([partial, complete])
    first, second = cohort.candidates
    assert partial.overall is not None and complete.overall is not None
    assert partial.overall > complete.overall  # a higher score, but from one interview of four
    assert (first.name, first.partial, first.interviews, first.expected) == (
        "Ada Lovelace", False, 4, 4)
    assert (second.name, second.partial, second.interviews, second.expected) == (
        "Zoe", True, 1, 4)
    assert second.missing == tuple(k.title for k in KINDS[1:])
