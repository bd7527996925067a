"""Cold commands against outside anchors, in one run: each row is a fresh process.

    .venv/bin/python -m benchmarks.bench_anchors [--runs 5] [--tree DIR] [--candidates 2500]

  * `scorer interviews list` (10,000 interviews) against the standard-library floor: a
    process that reads the same rows with `interview_list` and prints one line each;
  * `scorer verify` of one card against poppler's `pdfsig` and pyHanko's own command
    line (`python -m pyhanko sign validate`, from the pyhanko-cli package);
  * `scorer merge` of one candidate's four cards against `qpdf --empty --pages`;
  * the fixed cost of `scorer merge --per-candidate`: the cost at one candidate less
    the cost each further candidate adds (from one to `--scale` candidates), in wall
    time and in CPU time of the command and its workers.

CPU time counts every process a command starts, also one that outlives it (such as
multiprocessing's forkserver, which ends just after the command): on Linux this
benchmark adopts such orphans (a child subreaper) and waits for them. `--only merge`
times the merge rows alone.

`--tree` times another checkout of Scorer (for a before-and-after in one run) with
this one's sample data. Anchors that are not installed are reported as such.
"""

from __future__ import annotations

import argparse
import ctypes
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks._table import grid  # noqa: E402

LIST_FLOOR = """
import sys
from scorer.paths import database_path, data_home
from scorer.storage.interview_list import quick_summaries
from scorer.storage.migrate import HEAD_REVISION
rows = quick_summaries(database_path(data_home()), HEAD_REVISION)
sys.stdout.write("".join(f"{s.id} {s.candidate_name} {s.rubric_id} {s.interviewer_name} "
                         f"{s.state.value}\\n" for s in rows))
"""


PR_SET_CHILD_SUBREAPER = 36


def adopt_orphans() -> bool:
    """Become the parent of the orphans of the commands timed (Linux), so that their CPU
    time is counted when they are reaped."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return bool(libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0)
    except (OSError, AttributeError):
        return False


def reap_orphans() -> None:
    """Wait for the adopted processes still running (they end once their command has)."""
    while True:
        try:
            os.waitpid(-1, 0)
        except ChildProcessError:
            return


def cold(command: Sequence[str], env: dict[str, str], cwd: Path, runs: int
         ) -> tuple[float, float]:
    """Median wall and CPU milliseconds of a fresh process (its own children included)."""
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run(command, env=env, cwd=cwd, capture_output=True, timeout=600)
        walls.append((time.perf_counter() - start) * 1000)
        reap_orphans()
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append((after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000)
        if done.returncode not in (0, 1) or b"exists already" in done.stderr:
            raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr.decode()[-2000:]}")
    return statistics.median(walls), statistics.median(cpus)


def _have_pyhanko_cli() -> bool:
    try:
        import pyhanko.__main__  # noqa: F401
    except ImportError:
        return False
    return True


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--tree", type=Path, default=REPO, help="the Scorer checkout to time")
    parser.add_argument("--candidates", type=int, default=2500)
    parser.add_argument("--scale", type=int, default=6)
    parser.add_argument("--only", choices=("all", "merge"), default="all")
    args = parser.parse_args(argv)
    tree = args.tree.resolve()
    adopted = adopt_orphans()

    import keyring

    from benchmarks.bench_merge import make_cards
    from scorer.paths import bundled_rubrics_dir
    from scorer.services import identity
    from scorer.services.demo import fill_demo
    from scorer.services.rubrics.library import load_library
    from scorer.services.store import open_local_store
    from tests.support.keyrings import FILE_ENV, FileKeyring

    work = Path(tempfile.mkdtemp(prefix="scorer-bench-anchors-"))
    home = work / "home"
    os.environ["PYTHON_KEYRING_BACKEND"] = "tests.support.keyrings.FileKeyring"
    os.environ[FILE_ENV] = str(work / "keyring.json")
    os.environ["SCORER_HOME"] = str(home)
    keyring.set_keyring(FileKeyring())
    env = dict(os.environ, PYTHONPATH=str(tree))
    python = sys.executable

    print(f"building {4 * args.candidates} interviews and {args.scale} candidates' cards…",
          file=sys.stderr)
    rubrics = load_library(bundled_rubrics_dir()).rubrics
    if args.only == "all":
        with open_local_store(home) as store:
            fill_demo(store, rubrics, args.candidates)
    chair = identity.create("Panel Chair", "chair@example.com")
    trust, by_candidate = make_cards(work / "sample", args.scale)
    (trust / "chair.pem").write_bytes(chair.certificate.pem)
    four = [str(p) for p in next(iter(by_candidate.values()))]
    signer_pem = next(p for p in sorted(trust.glob("*.pem")) if p.name != "chair.pem")
    out = work / "out"
    out.mkdir()

    def run(*command: str) -> tuple[float, float]:
        return cold(command, env, tree, args.runs)

    scorer = [python, "-m", "scorer"]
    floor, _ = run(python, "-c", "pass")
    rows: list[tuple[str, ...]] = [("`python -c pass`", f"{floor:.0f} ms", "", "", "")]

    def add(name: str, wall: float, cpu: float, anchor: float | None, goal: str = "") -> None:
        ratio = f"{wall / anchor:.2f}x" if anchor else ""
        rows.append((name, f"{wall:.0f} ms", f"{cpu:.0f} ms", ratio, goal))

    if args.only == "all":
        # The list and verifying one card.
        stdlib, stdlib_cpu = run(python, "-c", LIST_FLOOR)
        add(f"list floor: stdlib reader, {4 * args.candidates:,} rows (anchor)", stdlib,
            stdlib_cpu, None)
        listed, listed_cpu = run(*scorer, "interviews", "list")
        add("`scorer interviews list`", listed, listed_cpu, stdlib, "≤ 1.3x floor")
        as_json, json_cpu = run(*scorer, "interviews", "list", "--json")
        add("`scorer interviews list --json`", as_json, json_cpu, stdlib, "")

        # Verifying one card.
        card = four[0]
        pdfsig = run("pdfsig", card) if shutil.which("pdfsig") else None
        if pdfsig:
            add("`pdfsig` 1 card (anchor)", *pdfsig, None)
        else:
            rows.append(("`pdfsig`", "not installed", "", "", ""))
        hanko = (run(python, "-m", "pyhanko", "sign", "validate", "--no-diff-analysis",
                     "--no-revocation-check", "--trust-replace", "--trust", str(signer_pem),
                     card)
                 if _have_pyhanko_cli() else None)
        if hanko:
            add("pyHanko CLI `sign validate` 1 card (anchor)", *hanko, None)
        else:
            rows.append(("pyHanko CLI", "not installed (pip install pyhanko-cli)", "", "", ""))
        verify, verify_cpu = run(*scorer, "verify", "--trust", str(trust), card)
        add("`scorer verify` 1 card", verify, verify_cpu, hanko[0] if hanko else None,
            "≤ 1.0x pyHanko CLI")
        if pdfsig:
            rows.append(("  the same, against pdfsig", "", "", f"{verify / pdfsig[0]:.1f}x", ""))

    # Merging one candidate.
    if shutil.which("qpdf"):
        qpdf, qpdf_cpu = run("qpdf", "--empty", "--pages", *four, "--", str(out / "q.pdf"))
        add("`qpdf --empty --pages` 4 cards (anchor)", qpdf, qpdf_cpu, None)
    else:
        qpdf = 0.0
        rows.append(("`qpdf`", "not installed", "", "", ""))
    def fresh(command: Sequence[str], target: Path) -> tuple[float, float]:
        """`command` cold, `args.runs` times, each writing a `target` that is not there yet
        (an existing output is refused without --force)."""
        results = []
        for _ in range(args.runs):
            shutil.rmtree(target, ignore_errors=True)
            target.unlink(missing_ok=True)
            results.append(cold([*command, str(target)], env, tree, 1))
        return (statistics.median(r[0] for r in results),
                statistics.median(r[1] for r in results))

    merged, merged_cpu = fresh([*scorer, "merge", "--trust", str(trust), *four, "-o"],
                               out / "packet.pdf")
    add("`scorer merge` 4 cards", merged, merged_cpu, qpdf or None)

    # The per-candidate merge's fixed cost.
    def per_candidate(count: int) -> tuple[float, float]:
        cards = [str(p) for files in list(by_candidate.values())[:count] for p in files]
        return fresh([*scorer, "merge", "--trust", str(trust), *cards, "--per-candidate"],
                     out / f"per-{count}")

    count = len(by_candidate)
    one, one_cpu = per_candidate(1)
    many, many_cpu = per_candidate(count)
    slope, slope_cpu = (many - one) / (count - 1), (many_cpu - one_cpu) / (count - 1)
    add("`scorer merge --per-candidate`, 1 candidate", one, one_cpu, None)
    add(f"`scorer merge --per-candidate`, {count} candidates", many, many_cpu, None)
    add("  each candidate added", slope, slope_cpu, None)
    add("  fixed cost (1 candidate less one added)", one - slope, one_cpu - slope_cpu, None,
        "halved")

    load = os.getloadavg()[0]
    print(f"tree: {tree}")
    print(grid(("command (cold process)", "wall median", "cpu median", "ratio", "goal"), rows))
    if not adopted:
        print("CPU time leaves out processes that outlive their command (no subreaper here)")
    print(f"{os.cpu_count()} CPUs, load average {load:.2f} at the end")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
