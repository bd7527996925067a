"""The guarded reader refuses what is not a regular file, at once, and bounds the rest."""

from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path

import pytest

from scorer.io.bounded_read import RefusedFile, read_bounded


def test_a_regular_file_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "card.pdf"
    path.write_bytes(b"%PDF-1.7\n" * 10)
    assert read_bounded(path, 1000) == b"%PDF-1.7\n" * 10


def test_a_file_over_the_bound_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.pdf"
    path.write_bytes(b"x" * 2049)
    with pytest.raises(RefusedFile, match="3 KB is over the 2 KB bound"):
        read_bounded(path, 2048)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX feature")
def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.pdf"
    os.mkfifo(fifo)
    outcome: list[BaseException | bytes] = []

    def read() -> None:
        try:
            outcome.append(read_bounded(fifo, 1000))
        except BaseException as exc:  # noqa: BLE001 - the test inspects what came out
            outcome.append(exc)

    worker = threading.Thread(target=read, daemon=True)
    started = time.monotonic()
    worker.start()
    worker.join(2)
    assert not worker.is_alive(), "reading a FIFO blocked"
    assert time.monotonic() - started < 2
    assert isinstance(outcome[0], RefusedFile)
    assert "named pipe" in outcome[0].reason


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_link_to_a_device_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "zero.yaml"
    link.symlink_to("/dev/zero")
    with pytest.raises(RefusedFile, match="a device"):
        read_bounded(link, 1000)


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(RefusedFile, match="a folder"):
        read_bounded(tmp_path, 1000)


@pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="needs Unix sockets")
def test_a_socket_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(path))
    except OSError:  # a path too long for a socket name
        pytest.skip("socket path too long")
    try:
        with pytest.raises(RefusedFile, match="a socket"):
            read_bounded(path, 1000)
    finally:
        server.close()


def test_a_missing_file_is_an_os_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        read_bounded(tmp_path / "missing.pdf", 1000)
