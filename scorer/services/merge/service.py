"""`scorer merge` and the Merge dialog: verified scorecards into one signed packet each.

1. Inputs: files and folders (folders are searched for `*.pdf`, recursively).
2. Every input is read once, refused if it is over the size bound, and verified
   as `scorer verify` does in a worker process with a time limit per file
   (`merge.pool`); a verified card must also open with pypdf. Only verified cards
   count; the others are listed as rejected, with the reason.
3. One packet per candidate: the verified cards must be for one candidate
   (`MixedCandidates` otherwise), or, per candidate, one packet each and a cohort
   and calibration report when there are several candidates.
4. Built in memory (`merge.build`), signed by this computer's default identity,
   written through a temporary file and a rename: never a partial file.

The bytes that were verified are the bytes that are merged and attached. The inputs
are expanded and read in `merge.inputs`; the result types are in `merge.results`.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Callable, Collection, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import datetime
from pathlib import Path

from scorer.domain.panel import (
    MixedCandidates,
    Panel,
    PanelKind,
    build_panel,
    candidate_names,
)
from scorer.services import identity, keyring_store
from scorer.services.clock import Clock, utc_now
from scorer.services.export import ExportError, write_document
from scorer.services.merge.build import (
    BuildRequest,
    BuiltPacket,
    Merger,
    VerifiedCard,
    slug,
    warm_up_build,
)
from scorer.services.merge.cohort import cohort_files
from scorer.services.merge.desk import Desk, assign, desk, distinct
from scorer.services.merge.inputs import expand_inputs, read_input, resolved_path
from scorer.services.merge.kinds import library_kinds, parse_expect
from scorer.services.merge.pool import TASKS_PER_NEW_WORKER, TaskFailure, WorkerPool
from scorer.services.merge.results import (
    CheckedInput,
    CohortResult,
    MergeCancelled,
    MergeError,
    NothingVerified,
    PacketResult,
)
from scorer.services.merge.tasks import (
    BuiltFile,
    Checked,
    CheckTask,
    build_task,
    check_file,
    warm_up,
)
from scorer.services.merge.workers import WORKER_MODULES
from scorer.services.settings import load_settings
from scorer.services.verify import TrustStore, Verdict, Verification, load_trust

log = logging.getLogger(__name__)

FILE_TIMEOUT = 5.0  # seconds to check one input
BUILD_TIMEOUT = 120.0  # seconds to build one packet from verified cards
MAX_INPUT_FILES = 5000
MAX_FOLDER_ENTRIES = 50_000
COHORT_REPORT = "cohort-report.pdf"
COHORT_TABLE = "cohort.csv"

__all__ = [
    "CheckedInput", "CohortResult", "MergeCancelled", "MergeError", "MergeService",
    "MixedCandidates", "NothingVerified", "PacketResult",
]


class MergeService:
    """What `scorer merge` and the Merge dialog call; close it (or use `with`) when done."""

    def __init__(
        self,
        trust_folder: Path | None = None,
        *,
        home: Path | None = None,
        pool: WorkerPool | None = None,
        file_timeout: float = FILE_TIMEOUT,
        clock: Clock = utc_now,
        check: Callable[[CheckTask], Checked] = check_file,
        expected: Sequence[PanelKind] | None = None,
        expect: str | None = None,
    ) -> None:
        """`check` runs in the workers: a module-level function (tests give their own).

        `expected` are the interview kinds of every candidate's panel; by default the
        rubric library's, or those of them named in `expect` ("coding,math"), see
        `merge.kinds`. The library is read on a thread while the workers check files."""
        if trust_folder is None:
            trust_folder = load_settings().trust_dir()
        self.trust_folder = trust_folder
        self.home = home
        self.file_timeout = file_timeout
        self._clock = clock
        self._check = check
        self._own_pool = pool is None
        self._pool = pool or WorkerPool(warm_up=warm_up, preload=WORKER_MODULES)
        self._trust: TrustStore | None = None
        self._expected = tuple(expected) if expected is not None else None
        self._expect = expect
        self._library: Future[tuple[PanelKind, ...]] | None = None

    def _read_library_soon(self) -> None:
        if self._expected is None and self._library is None:
            reader = ThreadPoolExecutor(1, thread_name_prefix="scorer-merge-kinds")
            self._library = reader.submit(library_kinds)
            reader.shutdown(wait=False)

    @property
    def expected(self) -> tuple[PanelKind, ...]:
        """The interview kinds the panel expects of each candidate; `MergeError` if `expect`
        names one the rubric library does not have."""
        if self._expected is None:
            self._read_library_soon()
            assert self._library is not None
            known = self._library.result()
            self._expected = known if self._expect is None else parse_expect(self._expect, known)
        return self._expected

    def __enter__(self) -> MergeService:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._own_pool:
            self._pool.close()

    def start_workers(self, files: int | None = None) -> None:
        """Start the checking processes ahead of the first check (they warm up meanwhile).

        For `files` inputs only as many as are worth their start (one per few files).
        """
        self._read_library_soon()  # on a thread, while the workers start and check
        self._pool.start(None if files is None else -(-files // TASKS_PER_NEW_WORKER))

    def prepare_build(self, merger: Merger | None = None) -> None:
        """Load the layout, PDF and signing libraries (and parse the merger's key) now."""
        warm_up_build(merger)

    @property
    def trust(self) -> TrustStore:
        if self._trust is None:
            self._trust = load_trust(self.trust_folder)
        return self._trust

    def trust_problem(self) -> str:
        """One sentence when the trust folder cannot verify anything, else ""."""
        if not self.trust.fingerprints:
            return (f"The trust folder {self.trust_folder} holds no interviewer certificate, so "
                    "every card will be rejected as UNTRUSTED SIGNER.")
        return ""

    def reload_trust(self) -> TrustStore:
        self._trust = None
        return self.trust

    # -- inputs ----------------------------------------------------------------------------

    def expand(self, inputs: Sequence[Path], skip: Sequence[Path] = ()) -> list[Path]:
        """Files as given, and every `*.pdf` under given folders; each file once.

        Hidden files and folders are left out, links to folders are not followed, and a
        folder tree of more than `MAX_FOLDER_ENTRIES` entries is refused (a wrong folder).
        """
        # The bounds are read here, at call time, so that they can be changed on this module.
        return expand_inputs(inputs, skip, MAX_INPUT_FILES, MAX_FOLDER_ENTRIES)

    def check(self, paths: Sequence[Path],
              on_result: Callable[[int, CheckedInput], None] | None = None
              ) -> list[CheckedInput]:
        """Verify every input (bounded per file); `on_result(index, checked)` as they come."""
        results: list[CheckedInput | None] = [None] * len(paths)
        tasks: list[CheckTask] = []
        task_index: list[int] = []
        trust = self.trust
        for index, path in enumerate(paths):
            data, refusal = read_input(path)
            if refusal is not None:
                results[index] = self._checked(path, refusal, None)
                if on_result is not None:
                    on_result(index, results[index])  # type: ignore[arg-type]
                continue
            assert data is not None
            tasks.append(CheckTask(path, data, trust))
            task_index.append(index)

        def arrived(n: int, value: object) -> None:
            index = task_index[n]
            task = tasks[n]
            results[index] = self._from_task(task, value)
            if on_result is not None:
                on_result(index, results[index])  # type: ignore[arg-type]

        self._pool.run(self._check, tasks, self.file_timeout, on_result=arrived)
        return [r for r in results if r is not None]

    def _from_task(self, task: CheckTask, value: object) -> CheckedInput:
        if isinstance(value, TaskFailure):
            reason = (f"refused: it took longer than {self.file_timeout:g} s to check"
                      if value.timed_out else f"refused: {value.reason}")
            return self._checked(task.path, Verification(task.path, Verdict.UNREADABLE, reason),
                                 None)
        assert isinstance(value, Checked)
        verification = value.verification
        keep = verification.ok and verification.kind == "scorecard"
        return self._checked(task.path, verification, task.data if keep else None,
                             digest=hashlib.sha256(task.data).hexdigest(), pages=value.pages)

    def _checked(self, path: Path, verification: Verification, data: bytes | None,
                 digest: str = "", pages: int = 0) -> CheckedInput:
        return CheckedInput(path, verification, data, digest, self._clock(), pages)

    # -- signing identity --------------------------------------------------------------------

    def merger(self) -> Merger:
        """This computer's default identity, with its key from the keyring."""
        fingerprint = identity.default_fingerprint(self.home)
        found = identity.find(fingerprint, self.home) if fingerprint else None
        if found is None:
            raise MergeError(
                "The packet is signed with your signing identity, and this computer has none "
                "yet; create one with `scorer identity create --name NAME --email EMAIL`."
            )
        key = keyring_store.load_key(found.fingerprint)  # KeyringUnavailable says why
        if key is None:
            raise MergeError(
                f"The key of your signing identity ({found.name}, certificate "
                f"{found.fingerprint[:16]}…) is not in this computer's keyring, so the packet "
                "cannot be signed."
            )
        return Merger(found.name, found.email, found.fingerprint, key, found.certificate.pem)

    # -- building ----------------------------------------------------------------------------

    def candidates(self, checked: Sequence[CheckedInput]) -> list[str]:
        return candidate_names([c.panel_card() for c in checked if c.ok])

    def desk(self, checked: Sequence[CheckedInput]) -> Desk:
        """The checked inputs by candidate, each interview kind's state: what the packets
        built from them will hold (`merge.desk`)."""
        return desk(checked, self.expected)

    def build_packet(self, checked: Sequence[CheckedInput], target: Path,
                     page_size: str = "A4", cancel: threading.Event | None = None
                     ) -> PacketResult:
        """One candidate's packet at `target`; `MixedCandidates` for several candidates.

        Verified packets and cohort reports among the inputs are skipped, not rejected;
        a copy of another input (the same SHA-256) is left out."""
        checked = distinct(checked)
        cards = [c for c in checked if c.ok]
        rejected = tuple(c.rejected() for c in checked if not c.ok and not c.skipped)
        _refuse_overwriting_inputs(target, checked)
        if not cards:
            raise NothingVerified(_nothing_verified(len(checked)))
        entries = [c.panel_card() for c in cards]
        build_panel(entries, rejected)  # MixedCandidates before anything is signed
        merger = self.merger()
        (built,) = self._build_all([BuildRequest(
            tuple(VerifiedCard(c.panel_card(), c.data or b"") for c in cards), rejected, merger,
            self._now(), page_size, self.expected,
        )], cancel=cancel)
        if cancel is not None and cancel.is_set():
            raise MergeCancelled()
        _write(target, built.pdf)
        return PacketResult(target, built.panel, built.pages, built.sha256)

    def build_per_candidate(
        self, checked: Sequence[CheckedInput], folder: Path, page_size: str = "A4", *,
        only: Collection[str] | None = None,
        cohort: bool = True,
        on_progress: Callable[[int, int], None] | None = None,
        cancel: threading.Event | None = None,
    ) -> CohortResult:
        """One packet per candidate in `folder`, and for several the signed cohort report
        and its cards as a spreadsheet (cohort.csv).

        `only` names the candidates (keys, see `merge.desk`) to build, without a cohort
        report; `cohort=False` leaves the report out. `on_progress(done, total)` counts
        the packets and the report as they are made; once `cancel` is set the build stops
        and nothing is written (`MergeCancelled`)."""
        if folder.exists() and not folder.is_dir():
            raise MergeError(f"{folder} is a file; --per-candidate needs a folder.")
        assignment = assign(checked)
        groups = assignment.cards
        if only is not None:
            unknown = [key for key in only if key not in groups]
            if unknown:
                raise MergeError(f"No verified card is for the candidate {unknown[0]}.")
            groups = {key: cards for key, cards in groups.items() if key in only}
            cohort = False
        if not groups:
            raise NothingVerified(_nothing_verified(len(checked)))
        try:
            folder.mkdir(exist_ok=True)  # the folder itself, never its parents
        except FileNotFoundError:
            raise MergeError(f"The folder {folder.parent} does not exist; make it first, or "
                             "write the packets elsewhere.") from None
        except OSError as exc:
            raise MergeError(f"Cannot make the folder {folder}: {exc.strerror}.") from None
        unassigned = [item.rejected() for item in assignment.unassigned]
        merger = self.merger()
        now = self._now()
        expected = self.expected
        requests = [
            BuildRequest(
                tuple(VerifiedCard(c.panel_card(), c.data or b"") for c in cards),
                tuple(r.rejected() for r in assignment.rejected[key]), merger, now, page_size,
                expected,
            )
            for key, cards in groups.items()
        ]
        with_report = cohort and len(requests) > 1
        total = len(requests) + (1 if with_report else 0)
        loading = threading.Thread(target=_warm_up_quietly, name="scorer-merge-report",
                                   daemon=True)
        if with_report:  # the report is made here: load its libraries while workers build
            loading.start()
        built = self._build_all(requests, on_progress, total, cancel)
        targets = _targets(folder, [b.panel for b in built])
        _refuse_overwriting_inputs_all(
            [*targets, folder / COHORT_REPORT, folder / COHORT_TABLE], checked)
        files = None
        if with_report:
            loading.join()
            files = cohort_files(
                [b.panel for b in built], [(t.name, b.sha256) for t, b in
                                           zip(targets, built, strict=True)],
                unassigned, merger, now, expected, page_size)
            if on_progress is not None:
                on_progress(total, total)
        if cancel is not None and cancel.is_set():
            raise MergeCancelled()
        written: list[Path] = []
        try:
            for target, packet in zip(targets, built, strict=True):
                _write(target, packet.pdf)
                written.append(target)
            packets = tuple(PacketResult(t, b.panel, b.pages, b.sha256)
                            for t, b in zip(targets, built, strict=True))
            report = table = None
            if files is not None:
                report, table = folder / COHORT_REPORT, folder / COHORT_TABLE
                _write(report, files.pdf)
                written.append(report)
                _write(table, files.csv)
                written.append(table)
        except BaseException:
            for path in written:  # all or nothing: no half-written cohort
                path.unlink(missing_ok=True)
            raise
        return CohortResult(folder, packets, report, files.cohort if files else None,
                            tuple(unassigned), table)

    def _build_all(self, requests: Sequence[BuildRequest],
                   on_progress: Callable[[int, int], None] | None = None, total: int = 0,
                   cancel: threading.Event | None = None) -> list[BuiltPacket]:
        done = 0

        def arrived(index: int, value: object) -> None:
            nonlocal done
            done += 1
            if on_progress is not None:
                on_progress(done, total or len(requests))

        # Even one packet is built by a worker: the forkserver has the layout and PDF
        # libraries loaded already, so this process need not load them too.
        results = self._pool.run(build_task, requests, BUILD_TIMEOUT, on_result=arrived,
                                 cancel=cancel)
        built: list[BuiltPacket] = []
        for request, result in zip(requests, results, strict=True):
            if isinstance(result, TaskFailure):
                if result.cancelled:
                    raise MergeCancelled()
                who = request.cards[0].entry.card.candidate.name
                raise MergeError(f"The packet for {who} could not be built: {result.reason}.")
            assert isinstance(result, BuiltFile)
            panel = build_panel([c.entry for c in request.cards], request.rejected,
                                request.expected)
            built.append(BuiltPacket(result.pdf, result.pages, panel, result.sha256))
        return built

    def _now(self) -> datetime:
        return self._clock().replace(microsecond=0)


def _warm_up_quietly() -> None:
    try:
        warm_up_build()
    except Exception:  # the report's own build says what is wrong
        log.debug("loading the report's libraries failed", exc_info=True)


def _nothing_verified(count: int) -> str:
    return (f"None of the {count} input{'s' if count != 1 else ''} is a verified scorecard, "
            "so no packet was written.")


def _refuse_overwriting_inputs(target: Path, checked: Sequence[CheckedInput]) -> None:
    _refuse_overwriting_inputs_all([target], checked)


def _refuse_overwriting_inputs_all(targets: Sequence[Path], checked: Sequence[CheckedInput]
                                   ) -> None:
    # Each input resolved once: resolving is a system call per path component.
    inputs = {resolved_path(item.path): item.path for item in checked}
    for target in targets:
        given = inputs.get(resolved_path(target))
        if given is not None:
            raise MergeError(f"The packet would replace the input {given}; choose another "
                             "output file.")
        if target.is_dir():
            raise MergeError(f"{target} is a folder; give the packet's file name.")


def _targets(folder: Path, panels: Sequence[Panel]) -> list[Path]:
    used: set[str] = set()
    out = []
    for panel in panels:
        base = slug(panel.candidate_name)
        name = f"{base}-packet.pdf"
        if name in used:
            local = slug(panel.candidate_email.split("@")[0]) if panel.candidate_email else ""
            name = f"{base}-{local}-packet.pdf" if local else name
            n = 2
            while name in used:
                name = f"{base}-{n}-packet.pdf"
                n += 1
        used.add(name)
        out.append(folder / name)
    return out


def _write(target: Path, data: bytes) -> None:
    try:
        write_document(target, data)
    except ExportError as exc:
        raise MergeError(exc.message) from None
