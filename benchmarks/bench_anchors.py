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
benchmark adopts such orphans (a child subreaper) and waits for them. `--only list`,
`verify` or `merge` times those rows alone.

`--tree` times another checkout of Scorer with this one's sample data; `--baseline`
runs each of Scorer's commands from a second checkout too, in the same turns, for a
before-and-after in one run. Anchors that are not installed are reported as such.
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
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks._bytecode import compile_tree  # noqa: E402
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


@dataclass(frozen=True)
class Job:
    """A command to time cold; `target` is an output removed before each run (an existing
    output is refused without --force)."""

    command: Sequence[str]
    target: Path | None = None
    tree: Path | None = None  # the Scorer checkout it runs from; None for an anchor


def once(job: Job, env: dict[str, str], cwd: Path) -> tuple[float, float]:
    """Wall and CPU milliseconds of one fresh process (its own children included)."""
    if job.tree is not None:
        env, cwd = dict(env, PYTHONPATH=str(job.tree)), job.tree
    if job.target is not None:
        shutil.rmtree(job.target, ignore_errors=True)
        job.target.unlink(missing_ok=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(job.command, env=env, cwd=cwd, capture_output=True, timeout=600)
    wall = (time.perf_counter() - start) * 1000
    reap_orphans()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1) or b"exists already" in done.stderr:
        raise SystemExit(f"{' '.join(job.command)} failed:\n{done.stderr.decode()[-2000:]}")
    return wall, (after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000


def interleaved(jobs: dict[str, Job], env: dict[str, str], cwd: Path, runs: int
                ) -> dict[str, tuple[float, float]]:
    """Median wall and CPU milliseconds of each job, the jobs taking turns run by run so
    that a drift in the machine's speed falls on all of them alike."""
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in jobs}
    for _ in range(runs):
        for name, job in jobs.items():
            times[name].append(once(job, env, cwd))
    return {name: (statistics.median(t[0] for t in got), statistics.median(t[1] for t in got))
            for name, got in times.items()}


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
    parser.add_argument("--baseline", type=Path,
                        help="another checkout, each of its commands run in turn with the tree's")
    parser.add_argument("--candidates", type=int, default=2500)
    parser.add_argument("--scale", type=int, default=6)
    parser.add_argument("--only", choices=("all", "list", "verify", "merge"), default="all")
    args = parser.parse_args(argv)
    tree = args.tree.resolve()
    baseline = args.baseline.resolve() if args.baseline else None
    for checkout in (tree, baseline):
        if checkout is not None:
            compile_tree(checkout)
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
    if args.only in ("all", "list"):
        with open_local_store(home) as store:
            fill_demo(store, rubrics, args.candidates)
    chair = identity.create("Panel Chair", "chair@example.com")
    trust, by_candidate = make_cards(work / "sample", args.scale)
    (trust / "chair.pem").write_bytes(chair.certificate.pem)
    four = [str(p) for p in next(iter(by_candidate.values()))]
    signer_pem = next(p for p in sorted(trust.glob("*.pem")) if p.name != "chair.pem")
    out = work / "out"
    out.mkdir()

    Times = tuple[float, float]  # wall, CPU

    def timed(jobs: dict[str, Job | None]) -> dict[str, Times | None]:
        """Each job's medians; None for a job whose tool is not installed. With a baseline,
        each of Scorer's jobs runs from it too, in the same turns, as "<name> before"."""
        runnable = {k: j for k, j in jobs.items() if j is not None}
        if baseline is not None:
            runnable |= {f"{k} before": Job(j.command, j.target, baseline)
                         for k, j in runnable.items() if j.tree is not None}
        found = interleaved(runnable, env, tree, args.runs)
        return {name: found.get(name) for name in [*jobs, *(f"{k} before" for k in jobs)]}

    scorer = [python, "-m", "scorer"]
    rows: list[tuple[str, ...]] = []

    def ours(*command: str, target: Path | None = None) -> Job:
        return Job([*scorer, *command], target, tree)

    def add(name: str, got: Times | None, anchor: Times | None, goal: str = "",
            missing: str = "not installed", before: Times | None = None) -> None:
        if got is None:
            rows.append((name, missing, "", "", "", "", "", goal))
            return
        ratio = f"{got[0] / anchor[0]:.2f}x" if anchor else ""
        then = (f"{before[0]:.0f} ms", f"{before[1]:.0f} ms",
                f"{got[0] / before[0]:.2f}x / {got[1] / before[1]:.2f}x") if before else ("",) * 3
        rows.append((name, f"{got[0]:.0f} ms", f"{got[1]:.0f} ms", ratio, *then, goal))

    add("`python -c pass`", timed({"pass": Job([python, "-c", "pass"])})["pass"], None)

    if args.only in ("all", "list"):
        got = timed({"floor": Job([python, "-c", LIST_FLOOR]),
                     "list": ours("interviews", "list"),
                     "json": ours("interviews", "list", "--json")})
        add(f"list floor: stdlib reader, {4 * args.candidates:,} rows (anchor)",
            got["floor"], None)
        add("`scorer interviews list`", got["list"], got["floor"], "≤ 1.3x floor",
            before=got["list before"])
        add("`scorer interviews list --json`", got["json"], got["floor"],
            before=got["json before"])

    if args.only in ("all", "verify"):
        card = four[0]
        got = timed({
            "pdfsig": Job(["pdfsig", card]) if shutil.which("pdfsig") else None,
            "hanko": Job([python, "-m", "pyhanko", "sign", "validate", "--no-diff-analysis",
                          "--no-revocation-check", "--trust-replace", "--trust",
                          str(signer_pem), card]) if _have_pyhanko_cli() else None,
            "verify": ours("verify", "--trust", str(trust), card),
        })
        add("`pdfsig` 1 card (anchor)", got["pdfsig"], None)
        add("pyHanko CLI `sign validate` 1 card (anchor)", got["hanko"], None,
            missing="not installed (pip install pyhanko-cli)")
        add("`scorer verify` 1 card", got["verify"], got["hanko"], "≤ 1.0x pyHanko CLI",
            before=got["verify before"])
        if got["pdfsig"]:
            add("  the same, against pdfsig", got["verify"], got["pdfsig"])

    if args.only in ("all", "merge"):  # merging one candidate, then the per-candidate cost
        count = len(by_candidate)

        def per_candidate(many: int) -> Job:
            cards = [str(p) for files in list(by_candidate.values())[:many] for p in files]
            return ours("merge", "--trust", str(trust), *cards, "--per-candidate",
                        str(out / f"per-{many}"), target=out / f"per-{many}")

        got = timed({
            "qpdf": Job(["qpdf", "--empty", "--pages", *four, "--", str(out / "q.pdf")])
            if shutil.which("qpdf") else None,
            "merge": ours("merge", "--trust", str(trust), *four, "-o", str(out / "packet.pdf"),
                          target=out / "packet.pdf"),
            "one": per_candidate(1),
            "many": per_candidate(count),
        })
        add("`qpdf --empty --pages` 4 cards (anchor)", got["qpdf"], None)
        add("`scorer merge` 4 cards", got["merge"], got["qpdf"], before=got["merge before"])

        def split(one: Times | None, many: Times | None) -> tuple[Times, Times] | None:
            """What each candidate adds, and the fixed cost: one candidate less that."""
            if one is None or many is None:
                return None
            slope = ((many[0] - one[0]) / (count - 1), (many[1] - one[1]) / (count - 1))
            return slope, (one[0] - slope[0], one[1] - slope[1])

        now, then = split(got["one"], got["many"]), split(got["one before"], got["many before"])
        assert now is not None
        add("`scorer merge --per-candidate`, 1 candidate", got["one"], None,
            before=got["one before"])
        add(f"`scorer merge --per-candidate`, {count} candidates", got["many"], None,
            before=got["many before"])
        add("  each candidate added", now[0], None, before=then[0] if then else None)
        add("  fixed cost (1 candidate less one added)", now[1], None, "halved",
            before=then[1] if then else None)

    load = os.getloadavg()[0]
    print(f"tree: {tree}" + (f"; baseline: {baseline}" if baseline else ""))
    print(grid(("command (cold process)", "wall median", "cpu median", "ratio",
                "baseline wall", "baseline cpu", "tree/baseline (wall / cpu)", "goal"), rows))
    if not adopted:
        print("CPU time leaves out processes that outlive their command (no subreaper here)")
    print(f"{os.cpu_count()} CPUs, load average {load:.2f} at the end")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
