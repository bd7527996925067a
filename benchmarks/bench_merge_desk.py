"""The Merge dialog's desk (inputs by candidate, each panel computed): timings; prints a table.

    .venv/bin/python -m benchmarks.bench_merge_desk [--runs 7] [--scale 10 30 60]

Each candidate has four verified cards of the sample interviews (no signing: the desk
works on checked inputs). The baseline is the same desk with every card's pinned
rubric parsed again (the cache of parsed rubrics kept at zero entries), measured in
the same process, so the ratio says what parsing each rubric snapshot once saves.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks._table import grid  # noqa: E402


def _median_ms(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--scale", type=int, nargs="+", default=[10, 30, 60])
    args = parser.parse_args()

    from scorer.domain import scorecard
    from scorer.services.merge.desk import desk
    from tests.support.desk_inputs import checked, kinds
    from tests.support.panel_cards import sample_details

    expected = kinds()
    rows = []
    for candidates in args.scale:
        details = sample_details(candidates)
        inputs = [checked(d, Path(f"/inbox/{i}.pdf")) for i, d in enumerate(details)]
        kept = scorecard._PINNED_KEPT
        try:
            scorecard._PINNED_KEPT = 0  # baseline: every card's rubric parsed again
            scorecard._PINNED.clear()
            baseline = _median_ms(lambda: desk(inputs, expected), args.runs)  # noqa: B023
        finally:
            scorecard._PINNED_KEPT = kept
        desk(inputs, expected)  # the rubrics parsed once
        cached = _median_ms(lambda: desk(inputs, expected), args.runs)  # noqa: B023
        rows.append((str(candidates), str(len(inputs)), f"{baseline:.1f} ms",
                     f"{cached:.1f} ms", f"{cached / baseline:.2f}",
                     f"{cached / len(inputs):.2f} ms"))
    print(grid(("candidates", "cards", "baseline (parse each)", "desk", "ratio",
                "desk per card"), rows))


if __name__ == "__main__":
    main()
