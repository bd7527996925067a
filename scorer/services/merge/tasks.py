"""What the merge's worker processes run: module-level functions on picklable values."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from scorer.services.merge.build import BuildRequest, BuiltPacket, build_packet
from scorer.services.verify import TrustStore, Verdict, Verification, verify_bytes


@dataclass(frozen=True, slots=True)
class CheckTask:
    path: Path
    data: bytes
    trust: TrustStore


@dataclass(frozen=True, slots=True)
class Checked:
    verification: Verification
    pages: int  # pages of a verified card, as pypdf reads them; 0 otherwise


def warm_up() -> None:
    """Import what a check needs before the first file's time limit starts."""
    import scorer.io.documents.packet.assembly
    import scorer.io.signatures.verify  # noqa: F401


def check_file(task: CheckTask) -> Checked:
    """Verify one input; a verified card must also open for merging (pypdf)."""
    result = verify_bytes(task.path, task.data, task.trust)
    if not result.ok or result.kind != "scorecard":
        return Checked(result, 0)
    from scorer.io.documents.packet.assembly import PacketAssemblyError, open_card

    try:
        source = open_card(task.path.name, task.data, "", None)
    except PacketAssemblyError as exc:
        return Checked(replace(result, verdict=Verdict.UNREADABLE,
                               reason=f"verified, but {exc.message}"), 0)
    return Checked(result, source.pages)


@dataclass(frozen=True, slots=True)
class BuiltFile:
    """A packet built in a worker: the file only. The parent has the cards and makes the
    same panel from them (`build_panel`) for less than unpickling the worker's would cost."""

    pdf: bytes
    pages: int
    sha256: str


def build_task(request: BuildRequest) -> BuiltFile:
    built: BuiltPacket = build_packet(request)
    return BuiltFile(built.pdf, built.pages, built.sha256)
