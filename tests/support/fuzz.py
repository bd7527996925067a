"""Shared settings of the property tests: few examples in the suite, many in `make fuzz`."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

EXAMPLES = int(os.environ.get("SCORER_FUZZ_EXAMPLES", "10"))

# No deadline: the suite never times anything; the benchmark measures time.
FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
