"""The merge's worker processes: the modules they share, and starting their server early.

A command that will merge starts the server first thing, so that it imports the PDF
stack on another core while the command loads its own modules. The server and its
workers do not hold the command's output open: they end a moment after the command, and
a pipeline reading it (`scorer merge … | tee merge.log`) ends with the command.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from multiprocessing import forkserver

from scorer.services.merge.pool import worker_context

# What the forkserver imports once for all workers: checking and building.
WORKER_MODULES = (
    "scorer.services.merge.tasks",
    "scorer.io.signatures.verify",
    "scorer.io.documents.packet.assembly",
    "scorer.io.documents.packet",
    "scorer.io.signatures.sign",
)


def start_server() -> None:
    """Start the workers' forkserver now (where there is one); it preloads `WORKER_MODULES`.

    Called while the command is still single-threaded: the standard output and error are
    swapped for the null device only while the server process is made.
    """
    if worker_context(WORKER_MODULES).get_start_method() == "forkserver":
        with _output_to_null():
            forkserver.ensure_running()


@contextmanager
def _output_to_null() -> Iterator[None]:
    """File descriptors 1 and 2 point at the null device within, and are restored after.

    A new process inherits them whatever else it closes; workers report through their
    results, never by printing."""
    sys.stdout.flush()
    sys.stderr.flush()
    saved = [os.dup(1), os.dup(2)]
    null = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(null, 1)
        os.dup2(null, 2)
        yield
    finally:
        os.dup2(saved[0], 1)
        os.dup2(saved[1], 2)
        for fd in (null, *saved):
            os.close(fd)
