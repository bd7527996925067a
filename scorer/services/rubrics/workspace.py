"""The lead's rubric folder while the app runs: edit, validate, save, watch, keep history.

The service holds, for each rubric file, what the file holds now and the last
valid rubric it held. New interviews are offered the valid rubrics, and for a
file that an edit outside the app has broken, its last valid version: an
interview can always be started while the lead fixes the file.

Saving validates first and refuses an invalid rubric, as `scorer rubrics check`
does in CI. A save writes a temporary file beside the target, syncs it and
renames it over the target, after copying the content it replaces into the
history folder in the data home, so every replaced version can be restored.

The editor's unsaved text is kept as a draft in the data home while the lead
types, so that it outlives a crash; drafts left behind are offered back.

The parts live beside this module: the history folder in `rubrics.history`,
the drafts in `rubrics.drafts`, the atomic write in `text_files`, the new-rubric
template in `rubrics.template` and the comparison of two rubrics in `rubrics.diff`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from scorer.domain.errors import RubricError
from scorer.domain.problems import Diagnostic
from scorer.domain.rubric import Rubric
from scorer.io.rubrics.loader import (
    RubricLoad,
    RubricReadError,
    load_rubric_text,
    read_rubric_text,
    rubric_files,
)
from scorer.paths import data_home, default_rubrics_dir
from scorer.services.clock import Clock, utc_now
from scorer.services.rubrics.diff import RubricDiff, rubric_diff
from scorer.services.rubrics.drafts import DRAFTS_DIR, Draft, RubricDrafts
from scorer.services.rubrics.folder import BUNDLED_NOTE, is_bundled, resolve_rubric_folder
from scorer.services.rubrics.history import HISTORY_DIR, INVALID, HistoryEntry, RubricHistory
from scorer.services.rubrics.library import RubricLibrary, unique_ids
from scorer.services.rubrics.template import (
    TEMPLATE,
    check_rubric_id,
    fill_template,
    rubric_title,
    template_text,
)
from scorer.services.settings import load_settings, save_settings, with_rubric_folder
from scorer.services.text_files import read_text_lenient, write_text_atomic

# The rubric workspace's names, importable from here wherever they are defined.
__all__ = [
    "DRAFTS_DIR", "HISTORY_DIR", "INVALID", "TEMPLATE", "Draft", "HistoryEntry",
    "LibraryChange", "RubricDiff", "RubricFile", "RubricWorkspaceService", "SaveResult",
    "rubric_diff",
]


@dataclass(frozen=True)
class RubricFile:
    """One file of the folder: its current load and what new interviews get from it."""

    path: Path
    load: RubricLoad
    last_valid: Rubric | None = None
    text: str | None = None  # None when the file cannot be read as UTF-8 text

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def ok(self) -> bool:
        return self.load.ok

    @property
    def serving(self) -> Rubric | None:
        """The rubric new interviews get from this file: the current one, else the last valid."""
        return self.load.rubric if self.load.ok else self.last_valid

    @property
    def stale(self) -> bool:
        """Broken now, but its last valid version is still offered to new interviews."""
        return not self.load.ok and self.last_valid is not None

    def describe(self) -> str:
        """One line on the file's state, as the lead needs to read it."""
        if self.load.ok and self.load.rubric is not None:
            return f"valid · version {self.load.rubric.version[:8]}"
        count = len(self.load.diagnostics)
        problems = f"{count} problem{'s' * (count != 1)}"
        if self.last_valid is not None:
            return (
                f"{problems} · new interviews keep the last valid version "
                f"{self.last_valid.version[:8]}"
            )
        return f"{problems} · not offered for new interviews"


@dataclass(frozen=True)
class LibraryChange:
    """What a reload found: files added or changed on disk, and files removed."""

    changed: tuple[Path, ...] = ()
    removed: tuple[Path, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.changed or self.removed)


@dataclass(frozen=True)
class SaveResult:
    path: Path
    load: RubricLoad
    saved: bool
    backup: HistoryEntry | None = None

    @property
    def diagnostics(self) -> tuple[Diagnostic, ...]:
        return self.load.diagnostics


@dataclass
class _Entry:
    text: str | None
    newline: str
    raw: RubricLoad  # before the folder-wide id check
    last_valid: Rubric | None = None
    last_valid_text: str | None = None


# A file as read: its text (None when it cannot be read), its line ending, and its load
# (None when its text is what was held already, so it was not parsed again).
_Scanned = tuple[str | None, str, RubricLoad | None]


def _scan_file(path: Path, held: str | None) -> _Scanned:
    """Read and parse one file, through the guarded reader; safe on any thread."""
    name = str(path)
    try:
        text = read_rubric_text(path)
    except RubricReadError as exc:
        problem = Diagnostic(name, 1, 1, exc.message)
        return None, "\n", RubricLoad(name, None, (problem,))
    newline = "\r\n" if "\r\n" in text else "\n"
    text = text.replace("\r\n", "\n")
    if held is not None and held == text:
        return text, newline, None
    return text, newline, load_rubric_text(text, name)


@dataclass(frozen=True)
class FolderScan:
    """What `RubricWorkspaceService.scanner()` found: every file read and parsed."""

    folder: Path
    generation: int
    found: tuple[Path, ...]
    problem: str | None
    files: dict[Path, _Scanned]


class RubricWorkspaceService:
    """The rubric folder, its files' loads, their last valid versions and their history."""

    def __init__(
        self,
        folder: Path,
        history_root: Path | None = None,
        settings_file: Path | None = None,
        clock: Clock = utc_now,
        drafts_root: Path | None = None,
        *,
        home: Path | None = None,
        read_only: bool | None = None,
        folder_note: str | None = None,
    ) -> None:
        """`home` is the data home whose `rubrics/` is the default folder; `read_only`
        defaults to whether `folder` is the bundled one."""
        self._folder = folder
        self._home = home or (settings_file.parent if settings_file else data_home())
        self._read_only = is_bundled(folder) if read_only is None else read_only
        self._folder_note = folder_note or (BUNDLED_NOTE if self._read_only else None)
        self._history = RubricHistory(history_root or data_home() / HISTORY_DIR, clock)
        self._drafts = RubricDrafts(drafts_root or data_home() / DRAFTS_DIR, clock)
        self._settings_file = settings_file
        self._entries: dict[Path, _Entry] = {}
        self._files: dict[Path, RubricFile] = {}
        self._folder_problem: str | None = None
        self._generation = 0  # counts changes of the entries: a scan begun before one is stale
        self.reload_all()

    @classmethod
    def from_settings(
        cls, settings_file: Path | None = None, home: Path | None = None
    ) -> RubricWorkspaceService:
        """The folder chosen in the settings, else `rubrics/` in the data home (made and
        seeded with the bundled rubrics on first use)."""
        home = home or (settings_file.parent if settings_file else data_home())
        chosen = resolve_rubric_folder(load_settings(settings_file), home)
        return cls(
            chosen.path, settings_file=settings_file, home=home,
            read_only=chosen.read_only, folder_note=chosen.note,
        )

    # What the folder holds

    @property
    def folder(self) -> Path:
        return self._folder

    @property
    def is_default(self) -> bool:
        """The folder is `rubrics/` in the data home, where it is when none is chosen."""
        return self._folder == default_rubrics_dir(self._home)

    @property
    def read_only(self) -> bool:
        """The folder is the bundled rubrics: shown, never written."""
        return self._read_only

    @property
    def folder_note(self) -> str | None:
        """Why the folder is read-only, in one sentence."""
        return self._folder_note

    @property
    def folder_problem(self) -> str | None:
        """Why the folder cannot be listed, or None."""
        return self._folder_problem

    def files(self) -> list[RubricFile]:
        return list(self._files.values())

    def file(self, path: Path) -> RubricFile | None:
        return self._files.get(path)

    def paths(self) -> list[Path]:
        return list(self._files)

    def rubrics(self) -> list[Rubric]:
        """What new interviews may use: each file's valid rubric, or its last valid one
        while the file is broken. A current valid rubric wins over a stale one of the same id."""
        current = [f.load.rubric for f in self._files.values() if f.ok and f.load.rubric]
        taken = {r.id for r in current}
        stale: list[Rubric] = []
        for file in self._files.values():
            if file.stale and file.last_valid is not None and file.last_valid.id not in taken:
                taken.add(file.last_valid.id)
                stale.append(file.last_valid)
        return current + stale

    def get(self, rubric_id: str) -> Rubric | None:
        return next((r for r in self.rubrics() if r.id == rubric_id), None)

    def text_of(self, rubric: Rubric) -> str | None:
        """The text of the file `rubric` was read from, as it was then: what an interview
        created from it pins with it. None if no file of the folder holds it."""
        for entry in self._entries.values():
            held = entry.last_valid
            if held is not None and (held.id, held.version) == (rubric.id, rubric.version):
                return entry.last_valid_text
        return None

    def library(self) -> RubricLibrary:
        """The files' current loads, as `load_library` would give them."""
        return RubricLibrary(self._folder, tuple(f.load for f in self._files.values()))

    # Reloading

    def reload_all(self) -> LibraryChange:
        """Rescan the folder: new files are loaded, changed ones reloaded, removed ones dropped."""
        change = self.apply_scan(self.scanner()())
        assert change is not None  # nothing changed the entries in between
        return change

    def scanner(self) -> Callable[[], FolderScan]:
        """The reading and parsing half of `reload_all`, to run on any thread.

        It reads the folder and parses the files whose text differs from what is held
        (a snapshot taken now); it touches none of this service's state. Apply its
        result with `apply_scan` on the thread that owns the service.
        """
        folder, generation = self._folder, self._generation
        held = {path: entry.text for path, entry in self._entries.items()}

        def scan() -> FolderScan:
            try:
                found = rubric_files(folder)
                problem = None
            except OSError as exc:
                found = []
                reason = "not found" if isinstance(exc, FileNotFoundError) else exc.strerror
                problem = f"The rubric folder {folder} cannot be read: {reason}."
            return FolderScan(folder, generation, tuple(found), problem,
                              {path: _scan_file(path, held.get(path)) for path in found})

        return scan

    def apply_scan(self, scan: FolderScan) -> LibraryChange | None:
        """Take a `scanner()` result; None, changing nothing, when the entries changed since
        the scan began (a save, another reload): scan again then."""
        if scan.generation != self._generation or scan.folder != self._folder:
            return None
        self._folder_problem = scan.problem
        removed = tuple(p for p in self._entries if p not in scan.found)
        for path in removed:
            del self._entries[path]
        changed = [path for path in scan.found if self._take(path, scan.files[path])]
        return self._settle(changed, removed)

    def reload_file(self, path: Path) -> LibraryChange:
        """Reload one file after a change on disk (or drop it if it is gone)."""
        if not path.exists():
            if self._entries.pop(path, None) is None:
                return LibraryChange()
            return self._settle([], (path,))
        return self._settle([path] if self._read(path) else [], ())

    def _read(self, path: Path) -> bool:
        """Read `path` into its entry; True when its text differs from what was held."""
        held = self._entries.get(path)
        return self._take(path, _scan_file(path, held.text if held is not None else None))

    def _take(self, path: Path, scanned: _Scanned) -> bool:
        text, newline, load = scanned
        held = self._entries.get(path)
        if load is None or (held is not None and held.text == text and text is not None):
            if held is not None:
                held.newline = newline
                return False
            load = load_rubric_text(text or "", str(path))  # held dropped since the scan
        return self._put(path, text, newline, load)

    def _put(self, path: Path, text: str | None, newline: str, load: RubricLoad) -> bool:
        held = self._entries.get(path)
        if held is not None and held.text is not None and held.raw.ok and held.text != text:
            # An edit made outside the app replaced a valid version: keep that one too.
            self._history.keep(path, held.text, held.raw.rubric)
        last_valid = held.last_valid if held is not None else None
        last_text = held.last_valid_text if held is not None else None
        self._entries[path] = _Entry(text, newline, load, last_valid, last_text)
        return held is None or (held.text, held.raw.diagnostics) != (text, load.diagnostics)

    def _settle(self, changed: Iterable[Path], removed: tuple[Path, ...]) -> LibraryChange:
        """Apply the folder-wide id check, update the last valid versions, report changes."""
        self._generation += 1
        before = {p: (f.ok, f.load.diagnostics) for p, f in self._files.items()}
        ordered = sorted(self._entries)
        checked = list(unique_ids(self._entries[p].raw for p in ordered))
        files: dict[Path, RubricFile] = {}
        for path, load in zip(ordered, checked, strict=True):
            entry = self._entries[path]
            if load.ok:
                entry.last_valid, entry.last_valid_text = load.rubric, entry.text
            files[path] = RubricFile(path, load, entry.last_valid, entry.text)
        self._files = files
        moved = set(changed)
        # A file can become valid or invalid without changing, when another takes its id.
        moved |= {p for p, f in files.items() if before.get(p) != (f.ok, f.load.diagnostics)}
        return LibraryChange(tuple(sorted(moved)), removed)

    # Checking and saving

    def checker(self, path: Path) -> Callable[[str], RubricLoad]:
        """A check of the text of `path` that needs nothing from this service once made,
        so it can run off the UI thread. It also refuses an id another file already uses."""
        owners = {
            f.load.rubric.id: f.name
            for f in self._files.values()
            if f.path != path and f.ok and f.load.rubric is not None
        }
        name = str(path)

        def check(text: str) -> RubricLoad:
            load = load_rubric_text(text, name)
            rubric = load.rubric
            if rubric is None or rubric.id not in owners:
                return load
            line, col = load.document.position(("id",)) if load.document else (1, 1)
            message = f"rubric id '{rubric.id}' is already used by {owners[rubric.id]}"
            return RubricLoad(name, None, (Diagnostic(name, line, col, message),), load.document)

        return check

    def check(self, path: Path, text: str) -> RubricLoad:
        return self.checker(path)(text)

    def save(self, path: Path, text: str) -> SaveResult:
        """Validate and write `text` to `path`; an invalid rubric is refused, nothing written.

        Raises `RubricError` when the file or its history copy cannot be written.
        """
        self._writable(path)
        load = self.check(path, text)
        if not load.ok:
            return SaveResult(path, load, saved=False)
        held = self._entries.get(path)
        newline = held.newline if held is not None else "\n"
        backup = None
        previous = read_text_lenient(path)
        if previous is not None and previous.replace("\r\n", "\n") == text:
            self._read(path)
            self._settle([path], ())
            return SaveResult(path, load, saved=True)
        if previous is not None:
            previous_load = load_rubric_text(previous, str(path))
            backup = self._history.keep(path, previous, previous_load.rubric, force=True)
        try:
            write_text_atomic(path, text, newline)
        except OSError as exc:
            raise RubricError(f"Cannot save {path}: {exc.strerror or exc}.") from None
        self._entries[path] = _Entry(text, newline, load, load.rubric, text)
        self._settle([path], ())
        return SaveResult(path, load, saved=True, backup=backup)

    # History

    def history_dir(self, path: Path) -> Path:
        return self._history.folder(path)

    def history(self, path: Path) -> list[HistoryEntry]:
        """The replaced versions of `path`, newest first."""
        return self._history.entries(path)

    def restore(self, path: Path, entry: HistoryEntry) -> SaveResult:
        """Save a kept version back to `path` (the content it replaces is kept in turn)."""
        return self.save(path, entry.read_text())

    # Drafts: unsaved text kept while the lead types

    def keep_draft(self, path: Path, text: str, new_file: bool) -> Draft:
        """Keep the editor's unsaved text of `path`; raises `RubricError` if it cannot."""
        return self._drafts.keep(path, text, new_file)

    def draft(self, path: Path) -> Draft | None:
        return self._drafts.get(path)

    def discard_draft(self, path: Path) -> None:
        self._drafts.discard(path)

    def drafts(self) -> list[Draft]:
        """The drafts of this folder's files that differ from the file, newest first.

        A draft that holds what the file holds already is no unsaved work: it is dropped.
        """
        found = []
        for draft in self._drafts.all():
            if draft.path.parent != self._folder:
                continue
            if draft.text == self.disk_text(draft.path):
                self._drafts.discard(draft.path)
                continue
            found.append(draft)
        return found

    def disk_text(self, path: Path) -> str | None:
        """What the file holds now, line endings as the editor has them; None if missing."""
        text = read_text_lenient(path)
        return text.replace("\r\n", "\n") if text is not None else None

    # New rubrics and the folder

    def template_text(self) -> str:
        return template_text()

    def new_rubric_path(self, rubric_id: str) -> Path:
        """Where a new rubric with this id goes; refused if the id is malformed or taken."""
        self._writable(self._folder / f"{rubric_id}.yaml")
        check_rubric_id(rubric_id)
        owner = next(
            (f.name for f in self._files.values()
             if f.serving is not None and f.serving.id == rubric_id),
            None,
        )
        if owner is not None:
            raise RubricError(f"The rubric id '{rubric_id}' is already used by {owner}.")
        path = self._folder / f"{rubric_id}.yaml"
        if path.exists():
            raise RubricError(f"{path.name} already exists in {self._folder}.")
        return path

    def new_rubric_text(self, rubric_id: str, title: str) -> str:
        """The commented template with this id and title filled in; it passes validation."""
        title = rubric_title(title)
        return fill_template(self.template_text(), rubric_id, title)

    def _writable(self, path: Path) -> None:
        if self._read_only:
            raise RubricError(
                f"{path.name} is not saved: the rubrics bundled with Scorer are read-only. "
                "Choose or make a folder of your own to edit them."
            )

    def change_folder(self, folder: Path | None) -> LibraryChange:
        """Use another rubric folder (None: the default one in the data home) and remember
        it in the settings."""
        settings = with_rubric_folder(load_settings(self._settings_file), folder)
        save_settings(settings, self._settings_file)
        old = tuple(self._entries)
        chosen = resolve_rubric_folder(settings, self._home)
        self._folder = chosen.path
        self._read_only, self._folder_note = chosen.read_only, chosen.note
        self._entries.clear()
        self._files = {}
        change = self.reload_all()
        return LibraryChange(change.changed, tuple(p for p in old if p not in self._entries))
