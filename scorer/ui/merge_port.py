"""What the Merge dialog asks of the merge service, and how the answers come back to it.

The dialog gets its service through the constructor (`MergeService`, or anything with
these methods). Work runs on a worker thread; `MergeRelay`'s signals carry the results
to the dialog on the GUI thread (queued connections).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Collection, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, Signal

from scorer.domain.errors import ScorerError

if TYPE_CHECKING:
    from scorer.services.merge import CheckedInput, CohortResult, PacketResult
    from scorer.services.merge.desk import Desk

log = logging.getLogger(__name__)


class MergeDialogService(Protocol):
    """What the dialog needs from `scorer.services.merge.MergeService`."""

    trust_folder: Path

    def start_workers(self) -> None: ...

    def prepare_build(self) -> None: ...

    def trust_problem(self) -> str: ...

    def expand(self, inputs: Sequence[Path], skip: Sequence[Path] = ()) -> list[Path]: ...

    def check(self, paths: Sequence[Path],
              on_result: Callable[[int, CheckedInput], None] | None = None
              ) -> list[CheckedInput]: ...

    def desk(self, checked: Sequence[CheckedInput]) -> Desk: ...

    def build_packet(self, checked: Sequence[CheckedInput], target: Path,
                     page_size: str = "A4", cancel: threading.Event | None = None
                     ) -> PacketResult: ...

    def build_per_candidate(
        self, checked: Sequence[CheckedInput], folder: Path, page_size: str = "A4", *,
        only: Collection[str] | None = None, cohort: bool = True,
        on_progress: Callable[[int, int], None] | None = None,
        cancel: threading.Event | None = None,
    ) -> CohortResult: ...


class MergeRelay(QObject):
    """Carries results from the worker thread to the dialog (queued connections)."""

    expanded = Signal(object)  # list[Path]: the files found among what was added
    checked = Signal(int, object)  # row key, CheckedInput
    check_done = Signal()
    progress = Signal(int, int)  # files built, of
    built = Signal(object)  # PacketResult
    built_all = Signal(object)  # CohortResult
    failed = Signal(str)
    desk = Signal(int, object, str)  # generation, Desk or None, the problem


def desk_of(service: MergeDialogService, checked: Sequence[CheckedInput]
             ) -> tuple[Desk | None, str]:
    """The service's desk, or the one sentence saying why there is none."""
    try:
        return service.desk(checked), ""
    except ScorerError as exc:
        return None, exc.message
    except Exception as exc:
        log.exception("sorting the files by candidate failed")
        return None, (f"The files could not be sorted by candidate: "
                      f"{exc.__class__.__name__}: {exc}")
