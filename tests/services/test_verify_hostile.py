"""Hostile files given to `verify`: each gets its own verdict, and the batch goes on."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from scorer.domain.scorecard import ScorecardError, parse_scorecard, scorecard_from_detail
from scorer.services import verify as verify_module
from scorer.services.verify import Verdict, load_trust, verify_files
from tests.conftest import REPO
from tests.support.forge import NOW, sign_card, write
from tests.support.hostile_files import fifo, link_to, nested_json, unsigned_card_pdf
from tests.support.panel_cards import Person, person
from tests.support.sample import submitted_detail

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")


@pytest.fixture(scope="module")
def sameera() -> Person:
    return person("Sameera Perera", "sameera@example.com")


def _good_card(folder: Path, signer: Person) -> Path:
    detail = submitted_detail(interviewer="Sameera Perera",
                              interviewer_email="sameera@example.com")
    card = scorecard_from_detail(detail, signer.fingerprint, NOW)
    return write(folder / "good.pdf", sign_card(card, signer.key))


def _batch(folder: Path, good: Path) -> list[Path]:
    return [
        fifo(folder / "pipe.pdf"),
        link_to(folder / "zero.pdf", "/dev/zero"),
        write(folder / "nested.pdf", unsigned_card_pdf(nested_json(200_000))),
        good,
    ]


def _trust(tmp_path: Path, person: Person) -> Path:
    """A trust folder holding `person`'s certificate."""
    trust = tmp_path / "trust"
    trust.mkdir()
    (trust / "sameera.pem").write_bytes(person.pem)
    return trust


def test_deep_json_is_a_scorecard_error_not_a_recursion_error() -> None:
    with pytest.raises(ScorecardError, match="nested too deeply"):
        parse_scorecard(nested_json(200_000))


def test_a_pipe_a_device_and_deep_json_each_get_a_verdict_and_the_good_card_is_ok(
    tmp_path: Path, sameera: Person
) -> None:
    trust = _trust(tmp_path, sameera)
    paths = _batch(tmp_path, _good_card(tmp_path, sameera))

    results = {r.path.name: r for r in verify_files(paths, load_trust(trust))}

    assert results["pipe.pdf"].verdict is Verdict.UNREADABLE
    assert "named pipe" in results["pipe.pdf"].reason
    assert results["zero.pdf"].verdict is Verdict.UNREADABLE
    assert "a device" in results["zero.pdf"].reason
    assert results["nested.pdf"].verdict is Verdict.UNSIGNED
    assert results["good.pdf"].verdict is Verdict.OK


def test_an_exception_in_one_files_check_is_that_files_verdict(
    tmp_path: Path, sameera: Person, monkeypatch: pytest.MonkeyPatch
) -> None:
    trust = _trust(tmp_path, sameera)
    good = _good_card(tmp_path, sameera)
    odd = write(tmp_path / "odd.pdf", good.read_bytes())
    real = verify_module.verify_bytes

    def failing_on_odd(path: Path, data: bytes, trust: object, *, nested: bool = False) -> object:
        if path.name == "odd.pdf":
            raise RecursionError("maximum recursion depth exceeded")
        if path.name == "other.pdf":
            raise KeyError("x")
        return real(path, data, trust, nested=nested)  # type: ignore[arg-type]

    monkeypatch.setattr(verify_module, "verify_bytes", failing_on_odd)
    other = write(tmp_path / "other.pdf", good.read_bytes())
    results = verify_files([odd, other, good], load_trust(trust))

    assert [r.verdict for r in results] == [Verdict.UNREADABLE, Verdict.UNREADABLE, Verdict.OK]
    assert results[0].reason == "its data is nested too deeply to check"
    assert results[1].reason == "its check failed (KeyError)"


@pytest.mark.slow
def test_the_command_gives_every_file_a_line_and_never_hangs(
    tmp_path: Path, sameera: Person
) -> None:
    trust = _trust(tmp_path, sameera)
    paths = _batch(tmp_path, _good_card(tmp_path, sameera))
    env = {**os.environ, "PYTHONPATH": str(REPO), "SCORER_HOME": str(tmp_path / "home")}

    done = subprocess.run(
        [sys.executable, "-m", "scorer", "verify", "--trust", str(trust), *map(str, paths)],
        env=env, capture_output=True, text=True, timeout=60, check=False)

    assert done.returncode == 1, done.stderr
    assert "unexpected error" not in done.stderr and "Traceback" not in done.stderr
    lines = done.stdout.splitlines()
    assert [line.split(": ")[0] for line in lines] == [str(p) for p in paths]
    assert lines[-1].startswith(f"{paths[-1]}: OK")
