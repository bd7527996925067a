"""The interview list for `scorer interviews list`, read the light way when it can be.

A store already at the newest schema is read with the standard library alone (the
reader the app paints its start screen from); any other store is opened in full,
which creates or migrates it first.
"""

from __future__ import annotations

from pathlib import Path

from scorer.domain.interview_state import InterviewSummary
from scorer.paths import data_home, database_path
from scorer.storage.interview_list import quick_summaries
from scorer.storage.migrate import HEAD_REVISION


def list_interviews(home: Path | None = None) -> list[InterviewSummary]:
    """Every interview in the store of `home` (default: the data home), newest first."""
    home = home or data_home()
    summaries = quick_summaries(database_path(home), HEAD_REVISION)
    if summaries is not None:
        return summaries
    # Loaded here, the one path that needs SQLAlchemy and Alembic: a new or older store.
    from scorer.services.interviews import InterviewService
    from scorer.services.store import open_local_store

    with open_local_store(home) as store:
        return InterviewService(store).list_interviews()
