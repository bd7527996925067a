"""`scorer demo`, then `scorer export` and `scorer verify` of a sample interview, out of the box."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from scorer.cli import main
from scorer.services.interviews import InterviewService
from scorer.services.store import open_local_store
from tests.support import fixtures
from tests.support.keyrings import MemoryKeyring

memory_keyring = fixtures.memory_keyring


def _submitted_ids(home: Path) -> list[int]:
    """One submitted interview per sample interviewer."""
    with open_local_store(home) as store:
        rows = InterviewService(store).list_interviews()
    by_interviewer = {row.interviewer_email: row.id for row in rows
                      if row.state.value == "submitted"}
    return sorted(by_interviewer.values())


def test_demo_then_export_then_verify_is_ok(
    scorer_home: Path, tmp_path: Path, memory_keyring: MemoryKeyring,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["demo", "--candidates", "3"]) == 0
    out = capsys.readouterr().out
    assert "Signing identities of the sample interviewers: 4 new" in out
    ids = _submitted_ids(scorer_home)
    cards = []
    assert len(ids) == 4
    for interview in ids:
        target = tmp_path / f"card-{interview}.pdf"
        assert main(["export", str(interview), "-o", str(target)]) == 0
        cards.append(target)
    capsys.readouterr()
    # No --trust: the profile's trust folder, which `scorer demo` set.
    assert main(["verify", *map(str, cards)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 4 and all(": OK · signer " in line for line in lines)
    assert len({line.split(" · ")[1] for line in lines}) == 4  # four different signers

    if shutil.which("pdfsig") is None:
        pytest.skip("poppler's pdfsig is not installed")
    checked = subprocess.run(["pdfsig", str(cards[0])], capture_output=True, text=True,
                             check=False, timeout=30)
    assert "Signature is Valid" in checked.stdout and "Total document signed" in checked.stdout


def test_a_second_demo_run_adds_no_keys(
    scorer_home: Path, memory_keyring: MemoryKeyring, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["demo", "--candidates", "1"]) == 0
    keys = dict(memory_keyring.secrets)
    assert len(keys) == 4
    assert main(["demo", "--candidates", "1", "--force"]) == 0
    assert "4 kept from before" in capsys.readouterr().out
    assert memory_keyring.secrets == keys


def test_without_a_keyring_demo_says_so_in_one_line_and_identities_come_later(
    scorer_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("HOME", str(tmp_path / "user"))
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        assert main(["demo", "--candidates", "2"]) == 0
        captured = capsys.readouterr()
        assert "Added 2 sample candidates and 8 interviews" in captured.out
        [line] = captured.err.splitlines()
        assert line.startswith("scorer: The sample interviewers got no signing identities")
        assert "no keyring is available" in line and "Traceback" not in line
        interview = _submitted_ids(scorer_home)[0]
        assert main(["export", str(interview), "-o", str(tmp_path / "card.pdf")]) == 1
        assert "no signing identity is recorded" in capsys.readouterr().err

        backend = MemoryKeyring()
        keyring.set_keyring(backend)
        assert main(["demo", "--identities"]) == 0
        assert "4 new" in capsys.readouterr().out and len(backend.secrets) == 4
        assert main(["export", str(interview), "-o", str(tmp_path / "card.pdf")]) == 0
        assert main(["verify", str(tmp_path / "card.pdf")]) == 0
    finally:
        keyring.set_keyring(previous)


def test_identities_alone_on_a_store_without_sample_data_says_so(
    scorer_home: Path, memory_keyring: MemoryKeyring, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["demo", "--identities"]) == 1
    assert "has no sample interviewers; add the sample data with `scorer demo` first" in (
        capsys.readouterr().err)
    assert memory_keyring.secrets == {}
