"""The desk: checked inputs by candidate, each interview kind's state, copies counted once."""

from __future__ import annotations

from pathlib import Path

from scorer.services.merge.desk import KindState, assign, desk, distinct
from scorer.services.verify import Verdict
from tests.support.desk_inputs import checked, details, kinds, unreadable


def states(row: object) -> dict[str, str]:
    return {k.kind.id: k.state.value for k in row.kinds}  # type: ignore[attr-defined]


def test_each_candidate_gets_their_cards_and_each_kind_a_state(tmp_path: Path) -> None:
    d = details()
    inputs = [
        *(checked(x, tmp_path / f"a{i}.pdf") for i, x in enumerate(d[0:4])),  # all four
        checked(d[4], tmp_path / "b-coding.pdf"),
        checked(d[5], tmp_path / "b-math.pdf", Verdict.UNSIGNED, "the scorecard has no signature"),
        checked(d[6], tmp_path / "b-mp.pdf", Verdict.TAMPERED, "the content changed after "
                "signing, and this reason is long enough to be cut off in a narrow column"),
        checked(d[8], tmp_path / "c-coding.pdf"),
        unreadable(tmp_path / "junk.pdf"),
    ]
    result = desk(inputs, kinds())
    names = [c.name for c in result.candidates]
    assert names == ["Łukasz Øster-Müller", "Emeka Kim", "Olga Adeyemi"]
    first, second, third = result.candidates
    assert set(states(first).values()) == {"present"} and not first.problems
    assert states(second) == {"coding": "present", "math": "not submitted",
                              "model-parallel": "rejected", "optimisation": "missing"}
    rejected = next(k for k in second.kinds if k.state is KindState.REJECTED)
    assert rejected.notes[0].startswith("b-mp.pdf: TAMPERED · the content changed")
    assert rejected.notes[0].endswith("in a narrow column")  # whole, never cut
    assert second.problems and len(second.rejected) == 2
    assert states(third)["coding"] == "present" and states(third)["math"] == "missing"
    assert [u.path.name for u in result.unassigned] == ["junk.pdf"]
    assert result.verified == 6 and result.rejected == 3
    # The desk's panel is the packet's: partial where kinds are missing.
    assert [k.id for k in second.panel.missing] == ["math", "model-parallel", "optimisation"]


def test_identical_files_count_once_whatever_their_names(tmp_path: Path) -> None:
    d = details()
    one = checked(d[0], tmp_path / "21.pdf", content=b"same bytes")
    copy = checked(d[0], tmp_path / "other" / "21.pdf", content=b"same bytes")
    other = checked(d[1], tmp_path / "22.pdf")
    assert distinct([one, copy, other]) == [one, other]
    result = desk([one, copy, other], kinds())
    assert result.verified == 2 and result.copies == 1
    assert result.candidates[0].counted == 2


def test_a_rejected_card_goes_to_its_candidate_by_email_not_by_name(tmp_path: Path) -> None:
    from dataclasses import replace

    d = details()
    ok = checked(d[0], tmp_path / "a.pdf")
    # Same name, other email: someone else, rejected; it names no candidate of the merge.
    stranger = replace(d[1], candidate=replace(d[1].candidate, email="other@example.org"))
    bad = checked(stranger, tmp_path / "b.pdf", Verdict.UNTRUSTED_SIGNER, "not trusted")
    assignment = assign([ok, checked(d[4], tmp_path / "c.pdf"), bad])
    assert [c.path.name for c in assignment.unassigned] == ["b.pdf"]
    assert all(not group for group in assignment.rejected.values())


def test_a_kind_no_panel_expects_is_shown_when_held(tmp_path: Path) -> None:
    d = details()
    result = desk([checked(d[0], tmp_path / "a.pdf")], kinds()[1:])
    row = result.candidates[0]
    extra = [k for k in row.kinds if not k.expected]
    assert [(k.kind.id, k.state) for k in extra] == [("coding", KindState.PRESENT)]


def test_with_one_candidate_their_packet_lists_every_rejected_input(tmp_path: Path) -> None:
    d = details()
    result = desk([checked(d[0], tmp_path / "a.pdf"), unreadable(tmp_path / "junk.pdf")],
                  kinds())
    assert result.unassigned == ()
    assert [r.path.name for r in result.candidates[0].rejected] == ["junk.pdf"]


def test_cards_of_one_rubric_version_share_one_parsed_rubric() -> None:
    from scorer.domain.scorecard import scorecard_from_detail
    from tests.support.panel_cards import NOW

    d = details()
    same = [scorecard_from_detail(x, "f" * 64, NOW) for x in (d[0], d[4])]  # both coding
    assert same[0].rubric.snapshot is not same[1].rubric.snapshot
    assert same[0].pinned_rubric() is same[1].pinned_rubric()
    part = same[0].rubric
    renamed = part.model_copy(update={"snapshot": {**part.snapshot, "title": "Renamed"}})
    other = same[0].model_copy(update={"rubric": renamed})
    assert other.pinned_rubric().title == "Renamed"
    assert same[0].pinned_rubric().title != "Renamed"
