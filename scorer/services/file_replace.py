"""Renaming a finished temporary file over its target, on every platform.

On Windows the rename fails while another program holds the target open: a PDF viewer
showing the last export, an editor, a virus scanner glancing at the new file. A brief hold
is waited out; a lasting one raises PermissionError, and `in_use_hint` says what to do.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

ATTEMPTS = 10
PAUSE = 0.1  # seconds between attempts


def replace_file(source: str | Path, target: Path) -> None:
    """`os.replace(source, target)`, retried for a second where Windows reports it in use."""
    for attempt in range(1, ATTEMPTS + 1):
        try:
            os.replace(source, target)
            return
        except PermissionError:
            if sys.platform != "win32" or attempt == ATTEMPTS:
                raise
            time.sleep(PAUSE)


def in_use_hint(exc: OSError) -> str:
    """The advice for a failed replace: on Windows the target is most likely open elsewhere."""
    if sys.platform == "win32" and isinstance(exc, PermissionError):
        return " If it is open in another program, close it there and try again."
    return ""
