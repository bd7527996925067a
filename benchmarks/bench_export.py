"""Export-and-sign and verify timings for one scorecard; prints a table.

    .venv/bin/python benchmarks/bench_export.py

Warm numbers reuse the process (fonts registered, key parsed once); the baseline
is rendering alone, measured in the same process, so the ratio shows what signing
and embedding add. The cold row is a whole `scorer verify` process (and `scorer
export` when a demo store is available, see --cold-export).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def _median_ms(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def _table(rows: list[tuple[str, str, str, str]]) -> str:
    head = ("measurement", "median", "target", "vs render alone")
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(4)]
    lines = [" | ".join(c.ljust(w) for c, w in zip(head, widths, strict=True))]
    lines.append("-+-".join("-" * w for w in widths))
    lines += [" | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=25)
    parser.add_argument("--cold-export", nargs=2, metavar=("HOME", "INTERVIEW_ID"),
                        help="also time a whole `scorer export` process on this data home")
    args = parser.parse_args()

    import keyring

    from tests.support.keyrings import MemoryKeyring

    keyring.set_keyring(MemoryKeyring())
    work = Path(tempfile.mkdtemp(prefix="scorer-bench-"))
    os.environ["SCORER_HOME"] = str(work / "home")

    from scorer.domain.scorecard import scorecard_from_detail
    from scorer.io.scorecard_pdf import render_scorecard
    from scorer.services import identity
    from scorer.services.export import Signer, export_detail
    from scorer.services.verify import load_trust, verify_file
    from tests.support.sample import submitted_detail

    made = identity.create("Sameera Perera", "sameera@example.com")
    trust = work / "interviewers"
    trust.mkdir()
    (trust / "sameera.pem").write_bytes(made.certificate.pem)
    detail = submitted_detail()
    signer = Signer()
    target = work / "card.pdf"
    export_detail(detail, made.fingerprint, target, signer=signer)  # warm up
    card = scorecard_from_detail(detail, made.fingerprint, datetime.now(UTC))

    render = _median_ms(lambda: render_scorecard(card), args.runs)
    export = _median_ms(lambda: export_detail(detail, made.fingerprint, target, signer=signer),
                        args.runs)
    trusted = load_trust(trust)
    verify = _median_ms(lambda: verify_file(target, trusted), args.runs)
    assert verify_file(target, trusted).ok

    env = dict(os.environ, PYTHONPATH=str(REPO))
    scorer = [sys.executable, "-m", "scorer"]
    cold_verify = _median_ms(lambda: subprocess.run(
        [*scorer, "verify", "--trust", str(trust), str(target)], env=env, check=True,
        capture_output=True), 5)
    rows = [
        ("render alone (baseline), warm", f"{render:.1f} ms", "", "1.00x"),
        ("export and sign, warm", f"{export:.1f} ms", "≤ 40 ms", f"{export / render:.2f}x"),
        ("verify one file, warm", f"{verify:.1f} ms", "≤ 15 ms", f"{verify / render:.2f}x"),
        ("`scorer verify` one file, cold process", f"{cold_verify:.0f} ms", "report", ""),
    ]
    if args.cold_export:
        home, interview = args.cold_export
        out = work / "cold.pdf"
        cold_export = _median_ms(lambda: subprocess.run(
            [*scorer, "--home", home, "export", interview, "-o", str(out)], env=env,
            check=True, capture_output=True), 5)
        rows.append(("`scorer export`, cold process", f"{cold_export:.0f} ms", "report", ""))
    print(_table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
