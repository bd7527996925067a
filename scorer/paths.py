"""Where Scorer keeps things: local state, bundled rubrics and resources."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "Scorer"
APP_AUTHOR = "Pluralis"
HOME_ENV = "SCORER_HOME"

_ROOT = Path(__file__).resolve().parent.parent


def bundled_rubrics_dir() -> Path:
    """The rubric folder shipped with the app (beside the package, also in Briefcase builds)."""
    return _ROOT / "rubrics"


def resources_dir() -> Path:
    return _ROOT / "resources"


def resource(name: str) -> Path:
    return resources_dir() / name


def data_home() -> Path:
    """All local state: `SCORER_HOME` if set, else the platform's user data dir.

    `scorer --home DIR` sets `SCORER_HOME` before anything reads it.
    """
    override = os.environ.get(HOME_ENV)
    if override:
        return Path(override).expanduser().resolve()
    from platformdirs import user_data_dir  # only needed without an override

    return Path(user_data_dir(APP_NAME, APP_AUTHOR))


def database_path(home: Path | None = None) -> Path:
    return (home or data_home()) / "scorer.sqlite3"


def settings_path(home: Path | None = None) -> Path:
    return (home or data_home()) / "settings.json"


def backups_dir(home: Path | None = None) -> Path:
    return (home or data_home()) / "backups"


def default_rubrics_dir(home: Path | None = None) -> Path:
    """The rubric folder when none is chosen: `rubrics/` in the data home, the lead's to edit."""
    return (home or data_home()) / "rubrics"
