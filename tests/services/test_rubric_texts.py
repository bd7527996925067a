"""An interview pins the text of the rubric file it was created from, comments and all."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from scorer.domain.errors import RubricError
from scorer.domain.interview import InterviewState
from scorer.io.rubrics.loader import load_rubric_text
from scorer.paths import database_path
from scorer.services.interviews import InterviewService
from scorer.services.rubrics.workspace import RubricWorkspaceService
from scorer.storage import Store
from scorer.storage.bulk import bulk_import
from tests.services.factories import FakeClock
from tests.support.sample import submitted_detail

CORPUS = Path(__file__).parent.parent / "io" / "rubric_corpus"
MINIMAL = (CORPUS / "valid" / "minimal.yaml").read_text(encoding="utf-8")
COMMENTED = MINIMAL.replace("id: minimal", "id: minimal   # a comment the dump would drop")


def _rows(home: Path, table: str) -> int:
    with sqlite3.connect(database_path(home)) as raw:
        return int(raw.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def test_the_text_is_pinned_as_written_and_stored_once(
    service: InterviewService, clock: FakeClock, scorer_home: Path
) -> None:
    rubric = load_rubric_text(COMMENTED, "minimal.yaml").rubric
    assert rubric is not None
    ada = service.add_candidate("Ada", "ada@example.com")
    first = service.create_interview(ada.id, rubric, "Yan", "yan@x.org", rubric_text=COMMENTED)
    clock.advance(60)
    second = service.create_interview(ada.id, rubric, "Yan", "yan@x.org", rubric_text=COMMENTED)
    bare = service.create_interview(ada.id, rubric, "Yan", "yan@x.org")
    assert service.pinned_text(first.interview_id) == COMMENTED
    assert service.pinned_text(second.interview_id) == COMMENTED
    assert service.pinned_text(bare.interview_id) is None
    assert _rows(scorer_home, "rubric_texts") == 1

    # The same content with other comments is the same version, pinned with its own text.
    other = MINIMAL.replace("id: minimal", "id: minimal  # another comment")
    third = service.create_interview(ada.id, rubric, "Yan", "yan@x.org", rubric_text=other)
    assert service.pinned_text(third.interview_id) == other
    assert service.get_interview(third.interview_id).rubric_version == rubric.version

    uses = service.rubric_uses("minimal")
    assert [u.interview_id for u in uses] == [
        third.interview_id, bare.interview_id, second.interview_id, first.interview_id,
    ]
    assert [u.has_text for u in uses] == [True, False, True, True]
    assert {u.version for u in uses} == {rubric.version}
    assert uses[0].state is InterviewState.NOT_STARTED and uses[0].candidate_name == "Ada"
    assert service.rubric_uses("nothing") == []


def test_a_text_that_is_not_the_rubric_is_refused_and_nothing_is_created(
    service: InterviewService, scorer_home: Path
) -> None:
    rubric = load_rubric_text(MINIMAL, "minimal.yaml").rubric
    assert rubric is not None
    ada = service.add_candidate("Ada", "ada@example.com")
    edited = MINIMAL.replace("duration_minutes: 60", "duration_minutes: 60\nsummary: Other")
    with pytest.raises(RubricError, match="is not its version"):
        service.create_interview(ada.id, rubric, "Yan", "yan@x.org", rubric_text=edited)
    assert service.count_interviews() == 0 and _rows(scorer_home, "rubric_texts") == 0


def test_sample_data_pins_texts_too(store: Store) -> None:
    detail = submitted_detail()
    texts = {(detail.rubric.id, detail.rubric_version): "# the file\n"}
    [interview_id] = bulk_import(store, [detail], detail.created_at, texts)
    assert InterviewService(store).pinned_text(interview_id) == "# the file\n"


def test_the_workspace_gives_the_text_of_the_version_it_serves(tmp_path: Path) -> None:
    folder = tmp_path / "rubrics"
    folder.mkdir()
    path = folder / "minimal.yaml"
    path.write_text(COMMENTED, encoding="utf-8")
    rubrics = RubricWorkspaceService(folder, history_root=tmp_path / "h")
    served = rubrics.get("minimal")
    assert served is not None and rubrics.text_of(served) == COMMENTED

    # Broken outside the app: the last valid version is served, with its own text.
    path.write_text(COMMENTED.replace("duration_minutes: 60", "duration_minutes: 45"))
    rubrics.reload_all()
    assert rubrics.get("minimal") == served and rubrics.text_of(served) == COMMENTED
    other = load_rubric_text(MINIMAL.replace("Probability", "Statistics"), "x.yaml").rubric
    assert other is not None and rubrics.text_of(other) is None
