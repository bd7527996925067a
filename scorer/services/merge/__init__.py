"""Merging verified scorecards: one signed packet per candidate, and the cohort report.

`MergeService` is the face; the rooms behind it check the inputs (`inputs`, `tasks`,
`pool`), sort them by candidate (`desk`), build the packets (`build`) and the cohort
report (`cohort`), and say what came of it (`results`, `kinds`).

The face loads the service on first use, so that `merge.workers` can start the worker
processes before it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from scorer.services.merge.build import default_packet_name
    from scorer.services.merge.service import (
        COHORT_REPORT,
        COHORT_TABLE,
        CheckedInput,
        CohortResult,
        MergeCancelled,
        MergeError,
        MergeService,
        MixedCandidates,
        NothingVerified,
        PacketResult,
    )

__all__ = [
    "COHORT_REPORT", "COHORT_TABLE", "CheckedInput", "CohortResult", "MergeCancelled",
    "MergeError", "MergeService", "MixedCandidates", "NothingVerified", "PacketResult",
    "default_packet_name",
]


def __getattr__(name: str) -> object:
    if name in __all__:
        home = "build" if name == "default_packet_name" else "service"
        return getattr(importlib.import_module(f"scorer.services.merge.{home}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
