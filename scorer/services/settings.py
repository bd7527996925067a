"""User settings, a small JSON file in the data home."""

from __future__ import annotations

import contextlib
import json
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from scorer.domain.errors import SettingsError
from scorer.paths import default_rubrics_dir, settings_path
from scorer.private_home import PRIVATE_FILE, private_dir
from scorer.services.atomic_file import write_atomic
from scorer.services.file_replace import in_use_hint

TRUST_DIR = "interviewers"


@dataclass(frozen=True)
class Settings:
    rubric_folder: str | None = None
    trust_folder: str | None = None
    export_folder: str | None = None  # where the last signed scorecard was saved

    def rubrics_dir(self, home: Path | None = None) -> Path:
        """The chosen rubric folder, else `rubrics/` in the data home (`home`)."""
        return Path(self.rubric_folder) if self.rubric_folder else default_rubrics_dir(home)

    def trust_dir(self, home: Path | None = None) -> Path:
        """Interviewer certificates: configured, else `interviewers/` beside the rubric folder."""
        if self.trust_folder:
            return Path(self.trust_folder)
        return self.rubrics_dir(home).parent / TRUST_DIR


def load_settings(path: Path | None = None) -> Settings:
    path = path or settings_path()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings()
    except (OSError, ValueError) as exc:
        raise SettingsError(f"Cannot read the settings file {path}: {exc}") from None
    if not isinstance(raw, dict):
        raise SettingsError(f"The settings file {path} is not a JSON object.")
    known = {k: v for k, v in raw.items() if k in Settings.__dataclass_fields__}
    return Settings(**{k: (str(v) if v is not None else None) for k, v in known.items()})


def save_settings(settings: Settings, path: Path | None = None) -> None:
    """Write atomically (see `atomic_file`), readable by this user only."""
    path = path or settings_path()
    try:
        private_dir(path.parent)
        write_atomic(path, json.dumps(asdict(settings), indent=2).encode("utf-8"), PRIVATE_FILE)
    except OSError as exc:
        raise SettingsError(
            f"Cannot write the settings file {path}: {exc.strerror}.{in_use_hint(exc)}"
        ) from None


def with_rubric_folder(settings: Settings, folder: Path | None) -> Settings:
    return replace(settings, rubric_folder=str(folder) if folder else None)


def last_export_folder(path: Path | None = None) -> Path | None:
    """The folder the last scorecard was exported to, if it still exists."""
    try:
        folder = load_settings(path).export_folder
    except SettingsError:
        return None  # an unreadable settings file only costs the remembered folder
    return Path(folder) if folder and Path(folder).is_dir() else None


def remember_export_folder(folder: Path, path: Path | None = None) -> None:
    """Best effort: the export itself has succeeded, so a settings file that cannot be
    written only means the next export starts in the documents folder."""
    with contextlib.suppress(SettingsError):
        save_settings(replace(load_settings(path), export_folder=str(folder)), path)
