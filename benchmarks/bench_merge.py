"""Panel merge timings: one candidate's four cards, and 10, 30 and 100 candidates; prints a table.

    .venv/bin/python benchmarks/bench_merge.py [--runs 15] [--scale 10 30 100] [--scale-runs 3]

Warm numbers reuse the process and its checking workers (started, imports done,
the merger's key parsed). The baseline is verifying one card in this process,
measured in the same run, so the ratios say what checking in bounded workers,
laying out, merging and signing add. The scale rows merge every candidate's cards
with `--per-candidate` (packets and cohort report) and give the time per
candidate and the cost of each candidate added between sizes: a steady added cost
means the time grows linearly (a fixed start-up cost makes small runs dearer per
candidate).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from itertools import pairwise
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks._table import grid  # noqa: E402


def _median_ms(action: Callable[[], object], runs: int) -> float:
    return _medians_ms(action, runs)[0]


def _medians_ms(action: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median wall time and median CPU time of this process (not its workers)."""
    walls, cpus = [], []
    for _ in range(runs):
        start, cpu = time.perf_counter(), time.process_time()
        action()
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls) * 1000, statistics.median(cpus) * 1000


def _sign(job: tuple[object, bytes, bytes, object, Path]) -> str:
    """Sign one sample card; the reason if it cannot be rendered, else ""."""
    from scorer.io.signatures.sign import load_key
    from tests.support.panel_cards import Person, sign_detail

    detail, key_pem, cert_pem, made, path = job
    person = Person("", "", made, load_key(key_pem, cert_pem))  # type: ignore[arg-type]
    try:
        path.write_bytes(sign_detail(detail, person))  # type: ignore[arg-type]
    except Exception as exc:  # noqa: BLE001 - reported, and the candidate left out
        return f"{exc.__class__.__name__}: {exc}"
    return ""


def make_cards(folder: Path, candidates: int) -> tuple[Path, dict[str, list[Path]]]:
    """Signed sample cards of `candidates` candidates in folder/cards, trust in folder/trust;
    candidates whose cards do not all render are left out, files and all."""
    from tests.support.panel_cards import person, sample_details, slug

    details = sample_details(candidates + candidates // 2 + 2)  # spares, see below
    people = {d.interviewer.email: d.interviewer.name for d in details}
    made = {email: person(name, email) for email, name in people.items()}
    trust = folder / "trust"
    trust.mkdir(parents=True)
    for email, someone in made.items():
        (trust / f"{slug(email)}.pem").write_bytes(someone.pem)
    jobs = []
    by_candidate: dict[str, list[Path]] = {}
    for detail in details:
        target = folder / "cards" / slug(detail.candidate.name)
        target.mkdir(parents=True, exist_ok=True)
        files = by_candidate.setdefault(detail.candidate.name, [])
        path = target / f"{len(files) + 1}-{detail.rubric.id}.pdf"
        files.append(path)
        someone = made[detail.interviewer.email]
        jobs.append((detail, someone.made.key_pem, someone.pem, someone.made, path))
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        failures = list(pool.map(_sign, jobs, chunksize=8))
    # A sample card the scorecard layout cannot render leaves its candidate out.
    failed = {detail.candidate.name for detail, reason in zip(details, failures, strict=True)
              if reason}
    for detail, reason in zip(details, failures, strict=True):
        if reason:
            print(f"left out {detail.candidate.name}: their {detail.rubric.id} card does not "
                  f"render ({reason})", file=sys.stderr)
    kept = {name: files for name, files in by_candidate.items() if name not in failed}
    if len(kept) < candidates:
        print(f"only {len(kept)} sample candidates have four cards that render",
              file=sys.stderr)
    chosen = dict(list(kept.items())[:candidates])
    for name, files in by_candidate.items():  # the folder holds exactly the chosen cards
        if name not in chosen:
            for path in files:
                path.unlink(missing_ok=True)
    return trust, chosen


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--scale", type=int, nargs="*", default=[10, 30, 100])
    parser.add_argument("--scale-runs", type=int, default=3)
    args = parser.parse_args()

    import keyring

    from tests.support.keyrings import FILE_ENV, FileKeyring

    work = Path(tempfile.mkdtemp(prefix="scorer-bench-merge-"))
    # A test keyring in a file, so that the cold `scorer merge` process finds the key too.
    os.environ["PYTHON_KEYRING_BACKEND"] = "tests.support.keyrings.FileKeyring"
    os.environ[FILE_ENV] = str(work / "keyring.json")
    os.environ["SCORER_HOME"] = str(work / "home")
    keyring.set_keyring(FileKeyring())

    from scorer.services import identity
    from scorer.services.merge import MergeService
    from scorer.services.verify import load_trust, verify_bytes

    chair = identity.create("Panel Chair", "chair@example.com")
    largest = max([1, *args.scale])
    print(f"signing {4 * largest} sample cards of {largest} candidates…", file=sys.stderr)
    trust, by_candidate = make_cards(work / "sample", largest)
    (trust / "chair.pem").write_bytes(chair.certificate.pem)
    four = next(iter(by_candidate.values()))
    out = work / "out"

    rows: list[tuple[str, ...]] = []
    with MergeService(trust) as service:
        service.start_workers()
        trusted = load_trust(trust)
        data = four[0].read_bytes()
        checked = service.check(four)  # warm: workers started, task loaded, key parsed
        service.build_packet(checked, out / "warm.pdf")
        assert verify_bytes(four[0], data, trusted).ok

        verify, verify_cpu = _medians_ms(lambda: verify_bytes(four[0], data, trusted), args.runs)
        check = _median_ms(lambda: service.check(four), args.runs)
        build, build_cpu = _medians_ms(lambda: service.build_packet(checked, out / "p.pdf"),
                                       args.runs)
        merge = _median_ms(lambda: service.build_packet(service.check(four), out / "p.pdf"),
                           args.runs)
        rows += [
            ("verify 1 card in-process (baseline)", f"{verify:.1f} ms",
             f"{verify_cpu:.1f} ms", "", "1.0x"),
            ("check 4 cards in the bounded workers", f"{check:.1f} ms", "in workers", "",
             f"{check / verify:.1f}x"),
            ("build packet from 4 checked cards", f"{build:.1f} ms", f"{build_cpu:.1f} ms", "",
             f"{build / verify:.1f}x"),
            ("merge 4 cards, warm (check + build + write)", f"{merge:.1f} ms", "", "≤ 80 ms",
             f"{merge / verify:.1f}x"),
        ]

        per: list[float] = []
        sizes: list[tuple[int, float]] = []
        for wanted in args.scale:
            chosen = list(by_candidate.values())[:wanted]
            count = len(chosen)
            paths = [p for files in chosen for p in files]
            folder = out / f"scale-{count}"

            def scaled(paths: list[Path] = paths, folder: Path = folder) -> None:
                if folder.exists():
                    shutil.rmtree(folder)
                service.build_per_candidate(service.check(paths), folder)

            total = _median_ms(scaled, args.scale_runs)
            per.append(total / count)
            sizes.append((count, total))
            rows.append((f"{count} candidates × 4 cards, per candidate", f"{total / 1000:.2f} s",
                         "", "≤ 10 s at 100" if wanted == 100 else "",
                         f"{total / count:.0f} ms/candidate"))
        # Linear growth is a constant cost per added candidate on top of a fixed cost.
        slopes = []
        for (n0, t0), (n1, t1) in pairwise(sizes):
            slope = (t1 - t0) / (n1 - n0)
            slopes.append(slope)
            rows.append((f"each candidate added from {n0} to {n1}", f"{slope:.0f} ms", "", "",
                         f"{slope / slopes[0]:.2f}x the first"))
        if len(per) > 1:
            rows.append(("time per candidate, largest vs smallest", "", "", "",
                         f"{per[-1] / per[0]:.2f}x"))

    env = dict(os.environ, PYTHONPATH=str(REPO))
    cold = _median_ms(lambda: subprocess.run(
        [sys.executable, "-m", "scorer", "merge", "--trust", str(trust), "-o",
         str(out / "cold.pdf"), *map(str, four)], env=env, capture_output=True, check=True),
        3)
    rows.append(("`scorer merge` 4 cards, cold process", f"{cold:.0f} ms", "", "report", ""))
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(grid(("measurement", "median", "cpu median", "target", "ratio"), rows))
    print(f"{os.cpu_count()} CPUs, load average {load:.2f} at the end")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
