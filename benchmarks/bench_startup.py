"""From process start to Scorer's main window painted, beside a bare PySide6 window.

    python -m benchmarks.bench_startup [--runs N] [--home DIR]

Without --home it builds a store of 10,000 interviews (`scorer demo --candidates 2500`)
in a temporary folder first. Target: painted within 3x the bare window.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks._bytecode import compile_tree
from benchmarks._table import Row, render, summarise

ROOT = Path(__file__).resolve().parent.parent
TARGET_RATIO = 3.0


def spawn(which: str, env: dict[str, str]) -> float:
    """Milliseconds from spawning the probe to the moment it reports."""
    start = time.time()
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.startup_probe", which],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=120,
    )
    marks = [line for line in result.stdout.splitlines() if line.startswith("at ")]
    if not marks:
        raise SystemExit(f"the {which} probe reported nothing:\n{result.stderr[-2000:]}")
    return (float(marks[0].split()[1]) - start) * 1000


def build_store(home: Path, candidates: int) -> None:
    subprocess.run(
        [sys.executable, "-m", "scorer", "--home", str(home), "demo",
         "--candidates", str(candidates)],
        check=True, cwd=ROOT, capture_output=True, timeout=600,
    )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--home", type=Path, help="an existing Scorer home to start on")
    args = parser.parse_args(argv)
    home = args.home or Path(tempfile.mkdtemp(prefix="scorer-startup-")) / "home"
    if args.home is None:
        print("building a store of 10,000 interviews…", file=sys.stderr)
        build_store(home, 2500)
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               SCORER_HOME=str(home))
    compile_tree(ROOT)
    spawn("scorer", env)  # warm the OS file cache once
    times: dict[str, list[float]] = {"bare": [], "scorer": [], "ready": []}
    for _ in range(args.runs):
        for which, bucket in times.items():  # interleaved, so load drifts hit all alike
            bucket.append(spawn(which, env))
    bare = summarise("bare PySide6 window, painted", times["bare"])
    painted = summarise("Scorer main window, painted (10,000 interviews)", times["scorer"],
                        TARGET_RATIO * bare.median_ms)
    ready = summarise("Scorer ready: store open, rubrics loaded", times["ready"])
    rows = [
        bare,
        Row(painted.measure, painted.median_ms, painted.p95_ms, painted.target_ms,
            f"{painted.median_ms / bare.median_ms:.2f}x bare (target <= {TARGET_RATIO:g}x)"),
        Row(ready.measure, ready.median_ms, ready.p95_ms, None,
            f"{ready.median_ms / bare.median_ms:.2f}x bare"),
    ]
    print(render(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
