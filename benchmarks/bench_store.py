"""The local store at 10,000 interviews: edit latency, open-and-list, rubric library load.

    .venv/bin/python benchmarks/bench_store.py [--candidates 2500] [--edits 1000]

Builds a throw-away store with `scorer demo` data (four interviews per candidate),
then times, in this process:
  * one edit through the services until its commit has returned, over a mix of
    the live actions, with synchronous=FULL (what the app uses) and NORMAL;
  * opening the store (migration check, engine) and listing every interview;
  * loading the rubric library and one interview's detail (reported).
A cold process (import, open, list) is reported too: most of it is Python
importing SQLAlchemy and friends, not the store.
"""

from __future__ import annotations

import argparse
import itertools
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks._table import Row, render, summarise, timings_ms  # noqa: E402
from scorer.domain.rubric import Rubric  # noqa: E402
from scorer.paths import bundled_rubrics_dir  # noqa: E402
from scorer.services.demo import fill_demo  # noqa: E402
from scorer.services.interviews import InterviewService  # noqa: E402
from scorer.services.rubrics.library import load_library  # noqa: E402
from scorer.services.store import open_local_store  # noqa: E402
from scorer.storage.engine import Synchronous  # noqa: E402


def _edit_latencies(
    home: Path, rubric: Rubric, edits: int, synchronous: Synchronous
) -> list[float]:
    with open_local_store(home, synchronous=synchronous) as store:
        service = InterviewService(store)
        candidate = service.add_candidate("Bench Mark", f"bench-{synchronous.lower()}@example.org")
        interview = service.create_interview(
            candidate.id, rubric, "Bench Interviewer", "bench@example.org"
        ).interview_id
        service.start(interview)
        questions = itertools.cycle(q.id for q in rubric.questions)
        dimensions = itertools.cycle(d for d in rubric.dimensions)
        prep = itertools.cycle(p.id for p in rubric.prep) if rubric.prep else None
        notes = ""

        def one(step: int) -> None:
            nonlocal notes
            kind = step % 6
            if kind == 0:
                notes += f"[{step // 60:02d}:{step % 60:02d}] observation {step}\n"
                service.write_general_notes(interview, notes)
            elif kind == 1:
                dimension = next(dimensions)
                service.score_dimension(interview, dimension.id, dimension.levels[step % 2].score)
            elif kind == 2:
                service.write_evidence(interview, next(dimensions).id, f"evidence {step}")
            elif kind == 3:
                service.mark_question_asked(interview, next(questions))
            elif kind == 4:
                service.write_question_note(interview, next(questions), f"note {step}")
            elif prep is not None:
                service.tick_prep_item(interview, next(prep), ticked=step % 12 == 5)
            else:
                service.add_adhoc_question(interview, f"ad-hoc {step}")

        for step in range(30):  # warm the caches and the statement cache
            one(step)
        times = []
        for step in range(30, 30 + edits):
            start = time.perf_counter()
            one(step)
            times.append((time.perf_counter() - start) * 1000)
        return times


def _open_and_list(home: Path) -> int:
    with open_local_store(home) as store:
        return len(InterviewService(store).list_interviews())


_COLD = """
from scorer.services.interviews import InterviewService
from scorer.services.store import open_local_store
with open_local_store() as store:
    InterviewService(store).list_interviews()
"""


def _cold_list(home: Path) -> float:
    env = {**os.environ, "SCORER_HOME": str(home)}
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", _COLD], cwd=REPO, env=env, check=True)
    return (time.perf_counter() - start) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=2500)
    parser.add_argument("--edits", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=25)
    args = parser.parse_args()

    library = load_library(bundled_rubrics_dir())
    if not library.rubrics:
        print("no valid rubrics in", bundled_rubrics_dir(), file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="scorer-bench-") as tmp:
        home = Path(tmp)
        start = time.perf_counter()
        with open_local_store(home) as store:
            result = fill_demo(store, library.rubrics, args.candidates)
        built_ms = (time.perf_counter() - start) * 1000
        size_mb = (home / "scorer.sqlite3").stat().st_size / 1e6
        count = _open_and_list(home)
        rows: list[Row] = [
            Row(f"Build the demo store ({result.interviews:,} interviews, one transaction)",
                built_ms, note=f"{size_mb:.0f} MB"),
        ]
        rubric = library.rubrics[0]
        normal = _edit_latencies(home, rubric, args.edits, "NORMAL")
        full = _edit_latencies(home, rubric, args.edits, "FULL")
        rows.append(summarise("One edit -> committed (WAL, synchronous=FULL)", full, 2.0,
                              note=f"{args.edits} edits, mixed actions; fsync per commit"))
        rows.append(summarise("One edit -> committed (WAL, synchronous=NORMAL)", normal, 2.0,
                              note="for comparison: no fsync until checkpoint"))
        rows.append(summarise(f"Open the store and list all {count:,} interviews",
                              timings_ms(lambda: _open_and_list(home), args.runs), 100.0))
        with open_local_store(home) as store:
            service = InterviewService(store)
            some = service.list_interviews()[len(result.interviewers)].id
            service.get_interview(some)
            rows.append(summarise("Load one interview's detail (pinned rubric cached)",
                                  timings_ms(lambda: service.get_interview(some), args.runs)))
        rows.append(summarise(f"Rubric library load ({len(library.rubrics)} files)",
                              timings_ms(lambda: load_library(bundled_rubrics_dir()), args.runs)))
        rows.append(summarise("Cold process: import, open the store, list all",
                              [_cold_list(home) for _ in range(3)],
                              note="mostly Python imports"))
    print(render(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
