"""The packet's content: aggregates, flags, duplicates and candidate consistency."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from functools import cache

import pytest

from scorer.domain.aggregate import weighted_score
from scorer.domain.interview import DimensionScore, InterviewDetail
from scorer.domain.packet_doc import MergerPart, packet_doc, parse_packet
from scorer.domain.panel import (
    FlagKind,
    MixedCandidates,
    PanelCard,
    PanelKind,
    RejectedInput,
    Severity,
    build_panel,
)
from scorer.domain.rubric import Level, Rubric
from scorer.domain.scorecard import scorecard_from_detail
from scorer.paths import bundled_rubrics_dir
from scorer.services.rubrics.library import load_library
from tests.support.sample import submitted_detail

NOW = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
CERT = "ab" * 32


@cache
def rubrics() -> dict[str, Rubric]:
    return {r.id: r for r in load_library(bundled_rubrics_dir()).rubrics}


def detail(kind: str, levels: dict[str, int | None] | None = None, reco: str | None = "yes",
           interviewer: str = "", interview_id: int = 1, candidate: str = "Ada Lovelace",
           rubric: Rubric | None = None, email: str = "ada@example.com") -> InterviewDetail:
    rubric = rubric or rubrics()[kind]
    name = interviewer or f"{kind.title()} Interviewer"
    base = submitted_detail(rubric, candidate=candidate, interviewer=name,
                            interviewer_email=f"{kind}@example.com")
    levels = levels or {}
    scores = tuple(
        DimensionScore(d.id, levels.get(d.id, 3), "evidence") for d in rubric.dimensions
        if levels.get(d.id, 3) is not None
    )
    return replace(base, id=interview_id, scores=scores, recommendation=reco,
                   candidate=replace(base.candidate, email=email))


def entry(d: InterviewDetail, source: str = "", signed: datetime = NOW) -> PanelCard:
    card = scorecard_from_detail(d, CERT, signed)
    return PanelCard(source or f"{d.rubric.id}-{d.id}.pdf", card, d.interviewer.name, signed,
                     NOW, f"{hash((source, signed, d.id)) & 0xFFFFFFFF:064x}")


def four(**overrides: dict[str, int | None]) -> list[PanelCard]:
    return [entry(detail(kind, overrides.get(kind.replace("-", "_")), interview_id=n))
            for n, kind in enumerate(["coding", "model-parallel", "math", "optimisation"], 1)]


def test_overall_is_the_mean_of_the_weighted_interview_scores() -> None:
    cards = four(math={"linear-algebra": 1, "probability-estimation": 2})
    panel = build_panel(cards)
    assert len(panel.interviews) == 4
    expected = []
    for interview in panel.interviews:
        scores = {s.dimension_id: s.score for s in interview.card.scores}
        weighted = weighted_score(interview.rubric, scores)
        assert weighted is not None and interview.fraction == pytest.approx(weighted.fraction)
        expected.append(weighted.fraction)
    assert panel.overall == pytest.approx(sum(expected) / 4)
    assert panel.spread is not None
    assert panel.spread.low == pytest.approx(min(expected))
    assert panel.spread.high == pytest.approx(max(expected))


def test_agreeing_cards_raise_no_disagreement_flag() -> None:
    panel = build_panel(four())
    assert [f for f in panel.flags if f.severity is Severity.HIGH] == []
    assert {c.competency for c in panel.competencies} == {
        "python-oop", "ml-dl-theory", "whiteboard-communication"}
    assert all(c.gap == 0 and c.same_scale for c in panel.competencies)


def test_hire_and_no_hire_side_by_side_is_flagged() -> None:
    cards = four()
    cards[2] = entry(detail("math", reco="no", interview_id=3))
    panel = build_panel(cards)
    split = [f for f in panel.flags if f.kind is FlagKind.RECOMMENDATION_SPLIT]
    assert len(split) == 1 and split[0].severity is Severity.HIGH
    assert "3 hire, 1 no hire" in split[0].title
    assert "Math Interviewer" in split[0].detail
    assert panel.flags[0].kind is FlagKind.RECOMMENDATION_SPLIT  # the most serious first


@pytest.mark.parametrize(("math_level", "flagged"), [(1, True), (2, False), (4, False)])
def test_levels_two_apart_on_a_shared_competency(math_level: int, flagged: bool) -> None:
    cards = four(math={"ml-dl-theory": math_level}, optimisation={"ml-dl-theory": 3})
    panel = build_panel(cards)
    theory = next(c for c in panel.competencies if c.competency == "ml-dl-theory")
    assert theory.same_scale and theory.gap == abs(3 - math_level)
    gaps = [f for f in panel.flags if f.kind is FlagKind.LEVEL_GAP]
    assert bool(gaps) is flagged
    if flagged:
        assert "ML/DL theory: 2 levels apart" in gaps[0].title


def test_different_scales_compare_normalised_in_steps_of_the_coarsest() -> None:
    base = rubrics()["optimisation"]
    dims = []
    for d in base.dimensions:
        if d.competency == "ml-dl-theory":  # the same competency on a 0–10 scale
            d = d.model_copy(update={"levels": [
                Level(score=s, label=f"L{s}", anchor=f"anchor {s}") for s in range(0, 11)]})
        dims.append(d.model_dump())
    wide = Rubric.model_validate({**base.model_dump(), "dimensions": dims})
    math = entry(detail("math", {"ml-dl-theory": 1}, interview_id=1))  # 0 % on 1–4
    optimisation = entry(detail("optimisation", {"ml-dl-theory": 7}, rubric=wide,
                                interview_id=2))  # 70 % on 0–10
    panel = build_panel([math, optimisation])
    theory = next(c for c in panel.competencies if c.competency == "ml-dl-theory")
    assert not theory.same_scale
    assert theory.gap == pytest.approx(0.7 * 3)  # 2.1 steps of the 1–4 scale
    assert any(f.kind is FlagKind.LEVEL_GAP for f in panel.flags)


def test_scores_far_apart_are_flagged() -> None:
    low = {d.id: 1 for d in rubrics()["coding"].dimensions}
    high = {d.id: 4 for d in rubrics()["math"].dimensions}
    panel = build_panel([entry(detail("coding", low, interview_id=1)),
                         entry(detail("math", high, interview_id=2))])
    assert any(f.kind is FlagKind.SCORE_SPREAD for f in panel.flags)
    assert panel.spread is not None and panel.spread.range == pytest.approx(1.0)


def test_duplicates_keep_the_newest_signed_and_say_so() -> None:
    d = detail("coding")
    older = entry(d, "coding-old.pdf", NOW - timedelta(days=2))
    newer = entry(d, "coding-new.pdf", NOW - timedelta(days=1))
    panel = build_panel([newer, older, *four()[1:]])
    kept = [i.entry.source for i in panel.interviews]
    assert "coding-new.pdf" in kept and "coding-old.pdf" not in kept
    assert [e.source for e in panel.set_aside] == ["coding-old.pdf"]
    dup = [f for f in panel.flags if f.kind is FlagKind.DUPLICATE]
    assert len(dup) == 1 and "kept the newest signed, coding-new.pdf" in dup[0].detail
    assert "coding-old.pdf" in dup[0].detail


def test_another_rubric_version_for_the_same_interview_kind_is_flagged() -> None:
    base = rubrics()["coding"]
    edited = Rubric.model_validate({**base.model_dump(), "summary": base.summary + " Edited."})
    assert edited.version != base.version
    first = entry(detail("coding", interview_id=1))
    second = entry(detail("coding", interview_id=2, rubric=edited, interviewer="Tobias Ng"))
    panel = build_panel([first, second])
    kinds = {f.kind for f in panel.flags}
    assert FlagKind.RUBRIC_VERSION in kinds
    assert FlagKind.REPEATED_INTERVIEW in kinds  # two interviews of one kind both count
    assert len(panel.interviews) == 2


def test_cards_of_two_candidates_are_refused_naming_both() -> None:
    ada = entry(detail("coding"))
    bob = entry(detail("math", candidate="Bob Stone", email="bob@example.com", interview_id=2))
    with pytest.raises(MixedCandidates) as raised:
        build_panel([ada, bob])
    message = raised.value.message
    assert "'Ada Lovelace' and 'Bob Stone'" in message and "--per-candidate" in message


def test_one_candidate_is_one_email_whatever_the_spelling() -> None:
    ada = entry(detail("coding"))
    spelt = entry(detail("math", candidate="Ada  Lovelace-King", interview_id=2))
    panel = build_panel([ada, spelt])
    assert any(f.kind is FlagKind.NAME_VARIANT for f in panel.flags)


def test_namesakes_with_different_emails_are_two_candidates() -> None:
    one = entry(detail("coding"))
    other = entry(detail("math", email="ada.l@example.org", interview_id=2))
    with pytest.raises(MixedCandidates, match=r"<ada@example\.com>"):
        build_panel([one, other])


def test_rejected_inputs_and_weak_cards_are_flagged() -> None:
    partial = {d.id: None for d in rubrics()["math"].dimensions[:2]}
    cards = [entry(detail("coding", reco=None, interview_id=1)),
             entry(detail("math", partial, interview_id=2))]
    rejected = [RejectedInput("x.pdf", "TAMPERED", "the content changed after signing")]
    panel = build_panel(cards, rejected)
    kinds = [f.kind for f in panel.flags]
    assert kinds[0] is FlagKind.REJECTED
    assert FlagKind.NO_RECOMMENDATION in kinds and FlagKind.INCOMPLETE in kinds
    assert panel.rejected == tuple(rejected)


def test_no_verified_card_still_names_the_candidate_from_the_rejected() -> None:
    panel = build_panel([], [RejectedInput("x.pdf", "TAMPERED", "r", candidate="Ada")])
    assert panel.candidate_name == "Ada" and panel.overall is None and not panel.interviews


def test_the_packet_document_round_trips() -> None:
    panel = build_panel(four())
    doc = packet_doc(panel, merged_at=NOW,
                     merger=MergerPart(name="Chair", email="c@example.com",
                                       certificate_sha256=CERT),
                     attachments=[f"{n}.pdf" for n in range(4)],
                     pages=[(3, 5), (6, 8), (9, 11), (12, 14)])
    back = parse_packet(doc.to_json_bytes())
    assert back == doc and back.digest() == doc.digest()
    assert [c.first_page for c in back.cards] == [3, 6, 9, 12]


@pytest.mark.parametrize(("levels", "line"), [
    ({"linear-algebra": 1, "probability-estimation": 1, "ml-dl-theory": 1,
      "whiteboard-communication": 1}, "Not demonstrated · 1.0 / 4"),
    ({}, "Solid · 3.0 / 4"),
    ({"linear-algebra": 4, "probability-estimation": 4, "ml-dl-theory": 4,
      "whiteboard-communication": 4}, "Strong · 4.0 / 4"),
    # weights 1.5, 1.5, 1, 1.5 at 2, 2, 3, 3: a mean of 13.5 / 5.5 = 2.45, shown 2.5, half
    # way between Partial (2) and Solid (3): the lower level leads
    ({"linear-algebra": 2, "probability-estimation": 2, "ml-dl-theory": 3,
      "whiteboard-communication": 3}, "Partial · 2.5 / 4"),
    # 14 / 5.5 = 2.545 is shown 2.5, and the label follows what is shown
    ({"linear-algebra": 3, "probability-estimation": 3, "ml-dl-theory": 2,
      "whiteboard-communication": 2}, "Partial · 2.5 / 4"),
    ({"linear-algebra": 3, "probability-estimation": 3, "ml-dl-theory": 3,
      "whiteboard-communication": 2}, "Solid · 2.7 / 4"),
])
def test_the_score_line_leads_with_the_nearest_level(levels: dict[str, int | None],
                                                     line: str) -> None:
    from scorer.domain.panel_scores import score_line

    panel = build_panel([entry(detail("math", levels))])
    assert score_line(panel.interviews[0]) == line


KINDS = (PanelKind("coding", "Coding, data structures and algorithms"),
         PanelKind("model-parallel", "Model parallel and hands-on deep learning"),
         PanelKind("math", "Math: linear algebra, probability and ML/DL theory"),
         PanelKind("optimisation", "Optimisation and ML/DL theory"))


def test_a_missing_interview_kind_is_a_high_flag_and_the_score_partial() -> None:
    panel = build_panel(four()[:3], expected=KINDS)
    assert panel.partial and [k.id for k in panel.missing] == ["optimisation"]
    missing = [f for f in panel.flags if f.kind is FlagKind.MISSING_INTERVIEW]
    assert len(missing) == 1 and missing[0].severity is Severity.HIGH
    assert missing[0].title == "1 of 4 interviews missing: Optimisation and ML/DL theory"
    assert "mean of the 3 interviews held, so it is partial" in missing[0].detail
    assert panel.flags[0].kind is FlagKind.MISSING_INTERVIEW  # among the first to discuss
    # The same cards against a panel of three kinds are complete.
    complete = build_panel(four()[:3], expected=KINDS[:3])
    assert not complete.partial and not any(
        f.kind is FlagKind.MISSING_INTERVIEW for f in complete.flags)
    # No expectation named, nothing is missing.
    assert not build_panel(four()[:3]).partial


def test_a_panel_of_rejected_inputs_misses_every_interview() -> None:
    panel = build_panel([], [RejectedInput("x.pdf", "TAMPERED", "r", candidate="Ada")],
                        expected=KINDS)
    assert len(panel.missing) == 4
    flag = next(f for f in panel.flags if f.kind is FlagKind.MISSING_INTERVIEW)
    assert flag.title.startswith("4 of 4 interviews missing") and "no overall" in flag.detail


def test_the_packet_document_says_what_is_missing() -> None:
    panel = build_panel(four()[1:], expected=KINDS)
    doc = packet_doc(panel, merged_at=NOW,
                     merger=MergerPart(name="Chair", email="c@example.com",
                                       certificate_sha256=CERT),
                     attachments=[f"{n}.pdf" for n in range(3)],
                     pages=[(3, 5), (6, 8), (9, 11)])
    back = parse_packet(doc.to_json_bytes())
    assert back.overall.partial and [k.id for k in back.missing] == ["coding"]
    assert [k.id for k in back.expected] == [k.id for k in KINDS]
