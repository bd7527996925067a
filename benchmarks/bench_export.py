"""Export-and-sign and verify timings for a sample scorecard; prints a table.

    .venv/bin/python benchmarks/bench_export.py [--runs 30]

Builds a throw-away profile with `scorer demo` (its interviewers' keys in a test
keyring file, chosen explicitly), then times, in this process, on the coding
interview (seven dimensions, the longest card):

  * rendering alone, the baseline: the ratio column is each row over it; the four
    warm measures are taken in turns in the same process, so a busy spell of the
    machine falls on all of them and the ratios hold when the absolute numbers move;
  * signing alone (pyHanko: the JSON embedded and the signature, in one update);
  * export through the store as the app does it: read the interview, render,
    sign, write atomically (fsync) and record the export;
  * verifying the exported file against the profile's trust folder.

Medians of wall time and of CPU time (the CPU column is what the machine's other
load does not inflate), and the wall p95. The cold rows are whole `scorer export`
and `scorer verify` processes, Python start-up and imports included.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks._table import grid  # noqa: E402

KEYRING_BACKEND = "tests.support.keyrings.FileKeyring"


def _times(action: Callable[[], object], runs: int, warm: int = 3
           ) -> tuple[list[float], list[float]]:
    return _interleaved({"": action}, runs, warm)[""]


def _interleaved(actions: dict[str, Callable[[], object]], runs: int, warm: int = 3
                 ) -> dict[str, tuple[list[float], list[float]]]:
    """(wall, cpu) times in ms of each action, taken in turns: a busy spell of the
    machine falls on all of them alike, so their ratios hold even when the absolute
    numbers move."""
    for _ in range(warm):
        for action in actions.values():
            action()
    out: dict[str, tuple[list[float], list[float]]] = {k: ([], []) for k in actions}
    for _ in range(runs):
        for name, action in actions.items():
            start, start_cpu = time.perf_counter(), time.process_time()
            action()
            out[name][1].append((time.process_time() - start_cpu) * 1000)
            out[name][0].append((time.perf_counter() - start) * 1000)
    return out


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def _row(name: str, wall: list[float], cpu: list[float] | None, target: float | None,
         baseline: float | None) -> tuple[str, ...]:
    median = statistics.median(wall)
    verdict = "report" if target is None else ("ok" if median <= target else "OVER")
    return (
        name,
        f"{median:.1f} ms",
        f"{statistics.median(cpu):.1f} ms" if cpu else "-",
        f"{_p95(wall):.1f} ms",
        f"<= {target:g} ms" if target is not None else "-",
        verdict,
        f"{median / baseline:.2f}x" if baseline else "-",
    )


def _scorer(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "scorer", *args], env=env, check=True,
                          capture_output=True, text=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--cold-runs", type=int, default=5)
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="scorer-bench-export-"))
    home = work / "home"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON_KEYRING")}
    env.update(PYTHONPATH=str(REPO), SCORER_HOME=str(home),
               PYTHON_KEYRING_BACKEND=KEYRING_BACKEND,
               SCORER_TEST_KEYRING=str(work / "keyring.json"))
    os.environ.update(env)  # this process uses the same profile and keyring file
    _scorer(env, "demo", "--candidates", "3")

    from scorer.domain.scorecard import scorecard_from_detail
    from scorer.io.documents.scorecard import render_scorecard
    from scorer.io.pdf.signature_stamp import STAMP_FORM
    from scorer.io.signatures.sign import sign_scorecard
    from scorer.services.export import ExportService, Signer
    from scorer.services.export_records import StoreSigningRecords
    from scorer.services.interviews import InterviewService
    from scorer.services.settings import load_settings
    from scorer.services.store import open_local_store
    from scorer.services.verify import load_trust, verify_file

    listing = json.loads(_scorer(env, "interviews", "list", "--json").stdout)
    interview = next(r["id"] for r in listing
                     if r["rubric"] == "coding" and r["state"] == "submitted")
    target = work / "card.pdf"
    with open_local_store(home) as store:
        service = ExportService(StoreSigningRecords(store), Signer(home))
        first = service.export_interview(interview, target)
        detail = InterviewService(store).get_interview(interview)
        fingerprint = first.signer_fingerprint
        card = scorecard_from_detail(detail, fingerprint, first.exported_at)
        document = card.to_json_bytes()
        rendered = render_scorecard(card)
        key = service.signer.key(fingerprint, detail.interviewer.name)
        box = rendered.signature_box

        def sign() -> bytes:
            return sign_scorecard(rendered.pdf, key, document, page=box.page, box=box.rounded(),
                                  stamp_form=STAMP_FORM, signer_name=card.interviewer.name,
                                  signed_at=card.exported_at)

        trust = load_trust(load_settings().trust_dir())
        assert verify_file(target, trust).ok, "the exported card does not verify"
        checked = work / "checked.pdf"
        checked.write_bytes(target.read_bytes())
        timed = _interleaved({
            "render": lambda: render_scorecard(card),
            "sign": sign,
            "export": lambda: service.export_interview(interview, target),
            "verify": lambda: verify_file(checked, trust),
        }, args.runs)
    render_wall, render_cpu = timed["render"]
    sign_wall, sign_cpu = timed["sign"]
    export_wall, export_cpu = timed["export"]
    verify_wall, verify_cpu = timed["verify"]

    cold = work / "cold.pdf"
    cold_export, _ = _times(lambda: _scorer(env, "export", str(interview), "-o", str(cold)),
                            args.cold_runs, warm=1)
    cold_verify, _ = _times(lambda: _scorer(env, "verify", str(cold)), args.cold_runs, warm=1)

    base = statistics.median(render_wall)
    pages = rendered.pages
    rows = [
        _row(f"render alone ({pages} pages), warm: the baseline", render_wall, render_cpu,
             None, base),
        _row("sign alone (embed JSON + PAdES), warm", sign_wall, sign_cpu, None, base),
        _row("export and sign through the store, warm", export_wall, export_cpu, 40, base),
        _row("verify one file, warm", verify_wall, verify_cpu, 15, base),
        _row("`scorer export`, cold process", cold_export, None, None, None),
        _row("`scorer verify` one file, cold process", cold_verify, None, None, None),
    ]
    print(grid(("measure", "median", "cpu median", "p95", "target", "verdict", "vs render"),
               rows))
    print(f"{args.runs} warm runs, {args.cold_runs} cold; {os.cpu_count()} CPUs, "
          f"load average {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
