"""A small table printer for benchmarks: measure, median, p95, target, verdict."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Row:
    measure: str
    median_ms: float
    p95_ms: float | None = None
    target_ms: float | None = None  # None: reported, not judged
    note: str = ""

    @property
    def verdict(self) -> str:
        if self.target_ms is None:
            return "report"
        return "ok" if self.median_ms <= self.target_ms else "OVER"


def timings_ms(action: Callable[[], object], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return times


def summarise(measure: str, times: Sequence[float], target_ms: float | None = None,
              note: str = "") -> Row:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return Row(measure, statistics.median(ordered), p95 if len(ordered) > 1 else None,
               target_ms, note)


def _ms(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:.3f} ms" if value < 10 else f"{value:.1f} ms"


def render(rows: Sequence[Row]) -> str:
    head = ("measure", "median", "p95", "target", "verdict", "note")
    body = [
        (r.measure, _ms(r.median_ms), _ms(r.p95_ms),
         f"<= {_ms(r.target_ms)}" if r.target_ms is not None else "-", r.verdict, r.note)
        for r in rows
    ]
    return grid(head, body)


def grid(head: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Columns padded to their widest cell, a rule under the heading."""
    widths = [max(len(line[i]) for line in [head, *rows]) for i in range(len(head))]
    lines = [" | ".join(c.ljust(w) for c, w in zip(head, widths, strict=True)).rstrip()]
    lines.append("-+-".join("-" * w for w in widths))
    lines += [" | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    return "\n".join(lines)
