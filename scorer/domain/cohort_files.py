"""The names that mark a cohort report: its embedded document and the keyword of its digest.

Apart from `cohort_doc` so that reading a PDF's attachments needs no document models.
"""

from __future__ import annotations

from typing import Final

COHORT_SCHEMA: Final = "scorer.cohort/1"
COHORT_ATTACHMENT: Final = "scorer-cohort.json"
COHORT_DIGEST_PREFIX: Final = "scorer-cohort-sha256="
