from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from scorer.domain.rubric import Rubric
from scorer.services.interviews import InterviewService
from scorer.services.store import open_local_store
from scorer.storage import Store
from tests.services.factories import FakeClock, make_rubric


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def rubric() -> Rubric:
    return make_rubric()


@pytest.fixture
def store(scorer_home: Path) -> Iterator[Store]:
    with open_local_store(scorer_home) as opened:
        yield opened


@pytest.fixture
def service(store: Store, clock: FakeClock) -> InterviewService:
    return InterviewService(store, clock)


@pytest.fixture
def interview_id(service: InterviewService, rubric: Rubric) -> int:
    candidate = service.add_candidate("Ada Lovelace", "ada@example.com")
    change = service.create_interview(candidate.id, rubric, "Yan Interviewer", "yan@example.com")
    return change.interview_id
