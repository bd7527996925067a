"""The child of the crash test: a process that commits edits until it is SIGKILLed.

Started once (`python -m tests.storage.crash_child HOME INTERVIEW_ID`), it
imports the app and then, for each `run N` read on stdin, forks a writer. The
writer prints `pid P`, opens the store, commits edits through the services as
fast as it can and prints `ack N` (flushed) after each edit has returned. The
test kills the writer with SIGKILL; this process reaps it and prints `reaped`.
Forking a warm process saves the second of imports each trial would cost.

Edit N is, by N % 3: an ad-hoc question "adhoc N"; the general notes "notes N";
the evidence "evidence N" of dimension 'parallel'.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from scorer.services.interviews import InterviewService
from scorer.services.store import open_local_store


def _say(line: str) -> None:
    # One write(2) per line: a pipe write under PIPE_BUF is atomic, so a kill
    # can never leave half a line for the parent's "reaped" to run into.
    os.write(1, f"{line}\n".encode())


def write_until_killed(home: Path, interview_id: int, first: int) -> None:
    _say(f"pid {os.getpid()}")
    service = InterviewService(open_local_store(home))
    for n in range(first, first + 1_000_000):
        kind = n % 3
        if kind == 0:
            service.add_adhoc_question(interview_id, f"adhoc {n}")
        elif kind == 1:
            service.write_general_notes(interview_id, f"notes {n}")
        else:
            service.write_evidence(interview_id, "parallel", f"evidence {n}")
        _say(f"ack {n}")


def main() -> None:
    home, interview_id = Path(sys.argv[1]), int(sys.argv[2])
    print("ready", flush=True)
    for line in sys.stdin:
        command, _, argument = line.strip().partition(" ")
        if command != "run":
            break
        pid = os.fork()
        if pid == 0:
            try:
                write_until_killed(home, interview_id, int(argument))
            finally:
                os._exit(1)
        _, status = os.waitpid(pid, 0)
        print(f"reaped {status}", flush=True)


if __name__ == "__main__":
    main()
