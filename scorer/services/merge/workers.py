"""The merge's worker processes: the modules they share, and starting their server early.

A command that will merge starts the server first thing, so that it imports the PDF
stack on another core while the command loads its own modules.
"""

from __future__ import annotations

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
    """Start the workers' forkserver now (where there is one); it preloads `WORKER_MODULES`."""
    if worker_context(WORKER_MODULES).get_start_method() == "forkserver":
        forkserver.ensure_running()
