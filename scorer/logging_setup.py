"""A log file in the data home, for the details that a user-facing message leaves out."""

from __future__ import annotations

import logging
from pathlib import Path

from scorer.paths import data_home
from scorer.private_home import private_dir, private_file

_handler_path: Path | None = None


def setup_logging() -> None:
    """Log warnings and errors to `<data home>/logs/scorer.log`; fall back to nothing."""
    global _handler_path
    if _handler_path is not None:
        return
    path = data_home() / "logs" / "scorer.log"
    try:
        private_dir(path.parent)
        private_file(path)
        handler: logging.Handler = logging.FileHandler(path, encoding="utf-8", delay=True)
    except OSError:
        return
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger = logging.getLogger("scorer")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    _handler_path = path


def log_file() -> Path | None:
    return _handler_path
