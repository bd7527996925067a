"""Replacing a file that Windows reports in use: waited out briefly, then named clearly."""

from __future__ import annotations

from pathlib import Path

import pytest

from scorer.services import file_replace
from scorer.services.export import ExportError, write_document
from scorer.services.file_replace import in_use_hint, replace_file


def _fail_times(count: int, calls: list[int]):  # type: ignore[no-untyped-def]
    real = file_replace.os.replace

    def replace(source: str | Path, target: Path) -> None:
        calls.append(1)
        if len(calls) <= count:
            raise PermissionError(13, "Access is denied")
        real(source, target)
    return replace


@pytest.fixture
def windows(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(file_replace.sys, "platform", "win32")
    monkeypatch.setattr(file_replace, "PAUSE", 0)


def test_a_brief_hold_on_windows_is_waited_out(
    windows: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []
    monkeypatch.setattr(file_replace.os, "replace", _fail_times(3, calls))
    source, target = tmp_path / "new", tmp_path / "card.pdf"
    source.write_text("new", encoding="utf-8")
    target.write_text("old", encoding="utf-8")
    replace_file(source, target)
    assert target.read_text(encoding="utf-8") == "new" and len(calls) == 4


def test_a_lasting_hold_on_windows_is_named_with_what_to_do(
    windows: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []
    monkeypatch.setattr(file_replace.os, "replace", _fail_times(99, calls))
    target = tmp_path / "card.pdf"
    target.write_bytes(b"old")
    with pytest.raises(ExportError) as raised:
        write_document(target, b"new")
    assert str(raised.value) == (
        f"Cannot write {target}: Access is denied. "
        "If it is open in another program, close it there and try again."
    )
    assert len(calls) == file_replace.ATTEMPTS
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["card.pdf"]  # no temporary file left


def test_elsewhere_a_refusal_is_not_retried_nor_blamed_on_another_program(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(file_replace.sys, "platform", "linux")
    calls: list[int] = []
    monkeypatch.setattr(file_replace.os, "replace", _fail_times(99, calls))
    with pytest.raises(PermissionError) as raised:
        replace_file(tmp_path / "a", tmp_path / "b")
    assert len(calls) == 1 and in_use_hint(raised.value) == ""
