"""The one way Scorer replaces a file: whole or not at all, even across a power cut.

The bytes go to a temporary file in the target's folder, which is synced, given
its mode (`private_home` says which) and renamed over the target; the folder is
synced too, so that the rename itself is on disk. On any error the temporary file is removed and the
target is as it was.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from scorer.services.file_replace import replace_file


def write_atomic(path: Path, data: bytes, mode: int) -> None:
    """Replace `path` with `data`, its mode `mode`; `OSError` leaves `path` as it was."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:  # created 0600: never wider than `mode` meanwhile
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        replace_file(tmp, path)  # waits out a brief hold on Windows
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    """Make the rename durable, where the platform allows opening a folder."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
