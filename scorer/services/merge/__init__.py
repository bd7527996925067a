"""Merging verified scorecards: one signed packet per candidate, and the cohort report.

`MergeService` is the face; the rooms behind it check the inputs (`inputs`, `tasks`,
`pool`), sort them by candidate (`desk`), build the packets (`build`) and the cohort
report (`cohort`), and say what came of it (`results`, `kinds`).
"""

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
    default_packet_name,
)

__all__ = [
    "COHORT_REPORT", "COHORT_TABLE", "CheckedInput", "CohortResult", "MergeCancelled",
    "MergeError", "MergeService", "MixedCandidates", "NothingVerified", "PacketResult",
    "default_packet_name",
]
