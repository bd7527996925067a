"""Level gaps in levels of each scale, and across scales in steps of the coarsest; by hand.

The math and optimisation rubrics share the competency `ml-dl-theory`; each test
gives it the scale named in the test, in one rubric or both.
"""

from __future__ import annotations

import pytest

from scorer.domain.cohort import build_cohort
from scorer.domain.panel import FlagKind, Panel, build_panel
from scorer.domain.rubric import Level, Rubric
from tests.domain.test_panel import detail, entry, rubrics

THEORY = "ml-dl-theory"


def with_scale(kind: str, scores: list[int]) -> Rubric:
    base = rubrics()[kind]
    dims = []
    for d in base.dimensions:
        if d.competency == THEORY:
            d = d.model_copy(update={"levels": [
                Level(score=s, label=f"L{s}", anchor=f"anchor {s}") for s in scores]})
        dims.append(d.model_dump())
    return Rubric.model_validate({**base.model_dump(), "dimensions": dims})


def panel(math_scale: list[int], math_level: int, opt_scale: list[int], opt_level: int,
          candidate: str = "Ada", email: str = "ada@example.com", n: int = 0) -> Panel:
    return build_panel([
        entry(detail("math", {THEORY: math_level}, rubric=with_scale("math", math_scale),
                     interviewer="Samira Qureshi", candidate=candidate, email=email,
                     interview_id=2 * n + 1)),
        entry(detail("optimisation", {THEORY: opt_level},
                     rubric=with_scale("optimisation", opt_scale), interviewer="Ajay Fenwick",
                     candidate=candidate, email=email, interview_id=2 * n + 2)),
    ])


def theory_gap(p: Panel) -> tuple[float, bool, bool]:
    c = next(c for c in p.competencies if c.competency == THEORY)
    flags = [f for f in p.flags if f.kind is FlagKind.LEVEL_GAP and "ML/DL" in f.title]
    return c.gap, c.same_scale, bool(flags)


ODD = [1, 3, 5]
TENTHS = list(range(0, 11))
HALVES = [0, 5, 10]
FOUR = [1, 2, 3, 4]


@pytest.mark.parametrize(("math_level", "opt_level", "gap", "flagged"), [
    (1, 3, 1, False),  # adjacent levels of a 1, 3, 5 scale: one level, not two
    (3, 5, 1, False),
    (1, 5, 2, True),
    (3, 3, 0, False),
])
def test_a_scale_with_gaps_counts_levels_not_score_units(
        math_level: int, opt_level: int, gap: float, flagged: bool) -> None:
    found = theory_gap(panel(ODD, math_level, ODD, opt_level))
    assert found == (gap, True, flagged)


@pytest.mark.parametrize(("math_level", "opt_level", "gap", "flagged"), [
    # {0, 5, 10} has three levels, two steps: the coarsest. 0–10 levels sit at n/10 of it.
    (5, 9, 0.8, False),   # |0.5 - 0.9| × 2
    (10, 4, 1.2, False),  # |1.0 - 0.4| × 2
    (0, 10, 2.0, True),   # |0.0 - 1.0| × 2
    (5, 5, 0.0, False),
])
def test_same_ends_different_steps_are_not_compared_raw(
        math_level: int, opt_level: int, gap: float, flagged: bool) -> None:
    found_gap, same, found_flag = theory_gap(panel(HALVES, math_level, TENTHS, opt_level))
    assert not same
    assert found_gap == pytest.approx(gap)
    assert found_flag is flagged


@pytest.mark.parametrize(("math_level", "opt_level", "gap", "flagged"), [
    # 1–4 has three steps, the coarsest; 0–10 levels are n/10 of the range.
    (2, 6, 0.8, False),  # |1/3 - 0.6| × 3
    (1, 7, 2.1, True),   # |0 - 0.7| × 3
    (4, 3, 2.1, True),   # |1 - 0.3| × 3
    (3, 7, 0.1, False),  # |2/3 - 0.7| × 3
])
def test_four_levels_against_eleven(math_level: int, opt_level: int, gap: float,
                                    flagged: bool) -> None:
    found_gap, same, found_flag = theory_gap(panel(FOUR, math_level, TENTHS, opt_level))
    assert not same
    assert found_gap == pytest.approx(gap)
    assert found_flag is flagged


def test_the_flag_says_in_which_levels_it_counts() -> None:
    same = panel(ODD, 1, ODD, 5)
    title = next(f.title for f in same.flags if f.kind is FlagKind.LEVEL_GAP)
    assert title == "ML/DL theory: 2 levels apart"
    mixed = panel(FOUR, 1, TENTHS, 7)
    flag = next(f for f in mixed.flags if f.kind is FlagKind.LEVEL_GAP)
    assert flag.title == "ML/DL theory: 2.1 levels of the coarsest scale apart"
    assert "3 steps of the scale with the fewest levels" in flag.detail


def test_co_rater_offsets_use_the_same_levels() -> None:
    # Candidate 1 on {1, 3, 5} (math 1, optimisation 3): one level apart.
    # Candidate 2 on {0, 5, 10} against 0–10 (math 5, optimisation 9): 0.8 level apart.
    # Whiteboard communication is shared too, at 3 by both: no offset, but a rating.
    cohort = build_cohort([
        panel(ODD, 1, ODD, 3, "Ada", "ada@example.com", 0),
        panel(HALVES, 5, TENTHS, 9, "Bob", "bob@example.com", 1),
    ])
    by_name = {s.name: s for s in cohort.interviewers}
    samira, ajay = by_name["Samira Qureshi"], by_name["Ajay Fenwick"]
    assert samira.paired_n == ajay.paired_n == 4
    assert samira.paired_offset == pytest.approx((-1 + 0 - 0.8 + 0) / 4)
    assert ajay.paired_offset == pytest.approx((1 + 0 + 0.8 + 0) / 4)
