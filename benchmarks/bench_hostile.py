"""Hostile files against the guarded readers: time and peak memory; prints a table.

    .venv/bin/python -m benchmarks.bench_hostile [--runs 5] [--no-cold]

Builds the hostile inputs of the rubric loader and of `scorer verify` in a
throw-away folder, next to a normal input of each (a shipped rubric; a real
signed scorecard), then for each input:

  * warm: the median wall time of the call the commands and the app make
    (`load_rubric_file` for `rubrics check`, the library, the workspace and the
    folder watcher; `verify_file` for `verify`), taken in turns with the normal
    input in this process; the ratio column is over the normal input of its kind;
  * peak: the peak of Python allocations during one call (tracemalloc, a separate
    run, since tracing slows the call down);
  * cold: a whole `scorer rubrics check FILE` or `scorer verify FILE` process,
    Python start-up and imports included: its wall time and its maximum resident
    memory (the kernel's `ru_maxrss` of that child).

The first message or the verdict is shown, cut short.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks._table import grid  # noqa: E402
from scorer.io.rubrics.loader import load_rubric_file  # noqa: E402
from scorer.services.verify import TrustStore, load_trust, verify_file  # noqa: E402
from tests.support.hostile_files import (  # noqa: E402
    alias_bomb,
    deep_block_yaml,
    deep_flow_yaml,
    nested_json,
    unsigned_card_pdf,
)


@dataclass(frozen=True)
class Case:
    name: str
    kind: str  # "rubric" or "verify"
    path: Path


def _rubric_cases(folder: Path) -> list[Case]:
    def text(name: str, content: str | bytes) -> Path:
        path = folder / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    big = folder / "big-50mb.yaml"
    with big.open("w", encoding="utf-8") as handle:
        line = "- " + "x" * 60 + "\n"
        handle.write(line * (50 * 1024 * 1024 // len(line)))
    fifo = folder / "pipe.yaml"
    os.mkfifo(fifo)
    zero = folder / "zero.yaml"
    zero.symlink_to("/dev/zero")
    comments = ("# " + "c" * 70 + "\n") * (1_900_000 // 73) + "id: x\n"
    return [
        Case("normal rubric (coding.yaml)", "rubric", REPO / "rubrics" / "coding.yaml"),
        Case("alias bomb 9 x 9", "rubric", text("bomb9.yaml", alias_bomb(9))),
        Case("alias bomb 6 levels", "rubric", text("bomb6.yaml", alias_bomb(6))),
        Case("50 MB file", "rubric", big),
        Case("nesting 3,000 deep, block", "rubric", text("block.yaml", deep_block_yaml(3000))),
        Case("nesting 3,000 deep, flow", "rubric", text("flow.yaml", deep_flow_yaml(3000))),
        Case("NUL bytes", "rubric", text("nul.yaml", b"id: x\nname: a\x00b\n")),
        Case("FIFO", "rubric", fifo),
        Case("link to /dev/zero", "rubric", zero),
        Case("20,000 values (at the bound)", "rubric", text("many.yaml", "- a\n" * 20_001)),
        Case("1.9 MB of comments (under the bound)", "rubric", text("comments.yaml", comments)),
    ]


def _verify_cases(folder: Path) -> tuple[list[Case], TrustStore]:
    from scorer.domain.scorecard import scorecard_from_detail
    from tests.support.forge import NOW, sign_card
    from tests.support.panel_cards import person
    from tests.support.sample import submitted_detail

    signer = person("Sameera Perera", "sameera@example.com")
    detail = submitted_detail(interviewer="Sameera Perera",
                              interviewer_email="sameera@example.com")
    card = folder / "card.pdf"
    card.write_bytes(sign_card(scorecard_from_detail(detail, signer.fingerprint, NOW),
                               signer.key))
    trust = folder / "trust"
    trust.mkdir()
    (trust / "sameera.pem").write_bytes(signer.pem)
    fifo = folder / "pipe.pdf"
    os.mkfifo(fifo)
    zero = folder / "zero.pdf"
    zero.symlink_to("/dev/zero")
    urandom = folder / "urandom.pdf"
    urandom.symlink_to("/dev/urandom")
    nested = folder / "nested.pdf"
    nested.write_bytes(unsigned_card_pdf(nested_json(200_000)))
    huge = folder / "huge.pdf"
    with huge.open("wb") as handle:
        handle.write(b"%PDF-1.7\n")
        handle.truncate(21 * 1024 * 1024)
    return [
        Case("normal signed card", "verify", card),
        Case("FIFO", "verify", fifo),
        Case("link to /dev/zero", "verify", zero),
        Case("link to /dev/urandom", "verify", urandom),
        Case("scorecard.json nested 200,000 deep", "verify", nested),
        Case("21 MB file", "verify", huge),
    ], load_trust(trust)


def _action(case: Case, trust: TrustStore) -> Callable[[], str]:
    if case.kind == "rubric":
        def rubric() -> str:
            load = load_rubric_file(case.path)
            if load.ok:
                return "valid"
            # The reader's or the bound's own message, else the first one.
            d = next((d for d in load.diagnostics
                      if d.message.startswith(("the file", "refused"))), load.diagnostics[0])
            more = f" (+{len(load.diagnostics) - 1})" if len(load.diagnostics) > 1 else ""
            return f"{d.line}:{d.column}{more}: {d.message}"
        return rubric

    def verify() -> str:
        result = verify_file(case.path, trust)
        return f"{result.verdict.value}: {result.reason}" if result.reason else result.verdict
    return verify


def _peak_mb(action: Callable[[], object]) -> float:
    tracemalloc.start()
    try:
        action()
        return tracemalloc.get_traced_memory()[1] / (1024 * 1024)
    finally:
        tracemalloc.stop()


# The child reports its own high-water mark: `ru_maxrss` would count this process's
# memory too, since Linux keeps it across the fork and the exec.
_REPORTING = (
    "import atexit, runpy, sys\n"
    "def peak():\n"
    "    status = open('/proc/self/status').read()\n"
    "    print('VmHWM', status.split('VmHWM:')[1].split()[0], file=sys.stderr)\n"
    "atexit.register(peak)\n"
    "sys.argv = ['scorer', *sys.argv[1:]]\n"
    "runpy.run_module('scorer', run_name='__main__', alter_sys=True)\n"
)


def _cold(case: Case, trust: Path, home: Path) -> tuple[float, float]:
    """Wall seconds and maximum resident MB of a whole command process."""
    args = (["rubrics", "check", str(case.path)] if case.kind == "rubric"
            else ["verify", "--trust", str(trust), str(case.path)])
    env = {**os.environ, "PYTHONPATH": str(REPO), "SCORER_HOME": str(home)}
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _REPORTING, *args], env=env, text=True,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False,
                          timeout=120)
    wall = time.perf_counter() - start
    kb = next(int(line.split()[1]) for line in done.stderr.splitlines()
              if line.startswith("VmHWM "))
    return wall, kb / 1024


def _ms(value: float) -> str:
    return f"{value:.3f} ms" if value < 10 else f"{value:.0f} ms"


def _short(text: str, width: int = 62) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-cold", action="store_true", help="skip the whole-process rows")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="scorer-bench-hostile-") as tmp:
        folder = Path(tmp)
        (folder / "rubrics").mkdir()
        (folder / "verify").mkdir()
        rubric_cases = _rubric_cases(folder / "rubrics")
        verify_cases, trust = _verify_cases(folder / "verify")
        cases = rubric_cases + verify_cases
        actions = {c: _action(c, trust) for c in cases}
        answers = {c: str(actions[c]()) for c in cases}  # also warms imports and caches

        times: dict[Case, list[float]] = {c: [] for c in cases}
        for _ in range(args.runs):
            for case in cases:  # in turns: a busy spell of the machine falls on all of them
                start = time.perf_counter()
                actions[case]()
                times[case].append((time.perf_counter() - start) * 1000)
        medians = {c: statistics.median(t) for c, t in times.items()}
        baseline = {"rubric": medians[rubric_cases[0]], "verify": medians[verify_cases[0]]}

        head = ("input", "command", "answer", "warm median", "ratio", "peak (traced)",
                "cold process", "cold max RSS")
        rows = []
        for case in cases:
            command = "rubrics check" if case.kind == "rubric" else "verify"
            cold_s, cold_mb = (_cold(case, trust.folder, folder / "home")
                               if not args.no_cold else (float("nan"), float("nan")))
            rows.append((
                case.name, command, _short(answers[case]), _ms(medians[case]),
                f"{medians[case] / baseline[case.kind]:.2f}",
                f"{_peak_mb(actions[case]):.1f} MB",
                "-" if args.no_cold else f"{cold_s:.2f} s",
                "-" if args.no_cold else f"{cold_mb:.0f} MB",
            ))
        print(f"{args.runs} warm runs each, in turns; ratio: over the normal input of its kind")
        print(grid(head, rows))


if __name__ == "__main__":
    main()
