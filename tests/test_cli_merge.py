"""`scorer merge` as a whole process: exit codes, messages, and a packet `scorer verify` accepts."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import keyring
import pytest

from scorer.services import identity
from tests.support.keyrings import FILE_ENV, FileKeyring
from tests.support.panel_cards import CardSet, copy_cards, signed_cards
from tests.test_cli_export_verify import _env, _scorer

pytestmark = pytest.mark.slow


@pytest.fixture
def cards() -> CardSet:
    return signed_cards()


@pytest.fixture
def env(tmp_path: Path, scorer_home: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """A data home whose default identity (the merger) has its key in the test file keyring."""
    env = _env(scorer_home, tmp_path)
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "tests.support.keyrings.FileKeyring")
    monkeypatch.setenv(FILE_ENV, env[FILE_ENV])
    previous = keyring.get_keyring()
    keyring.set_keyring(FileKeyring())
    try:
        identity.create("Panel Chair", "chair@example.com", home=scorer_home)
    finally:
        keyring.set_keyring(previous)
    return env


@pytest.fixture
def trust(tmp_path: Path, cards: CardSet, scorer_home: Path, env: dict[str, str]) -> Path:
    folder = tmp_path / "trust"
    shutil.copytree(cards.trust, folder)
    chair = identity.show(scorer_home, check_key=False)
    (folder / "chair.pem").write_bytes(chair.certificate.pem)
    return folder


def test_merge_lists_a_tampered_card_exits_2_and_the_packet_verifies(
    tmp_path: Path, env: dict[str, str], trust: Path, cards: CardSet
) -> None:
    name = next(iter(cards.by_candidate))
    inputs = copy_cards(cards.by_candidate[name], tmp_path / "in")
    data = bytearray(inputs[0].read_bytes())
    data[data.index(b"stream", 2000) + 40] ^= 1
    inputs[0].write_bytes(bytes(data))
    packet = tmp_path / "packet.pdf"

    merged = _scorer(env, "merge", "--trust", str(trust), "-o", str(packet), str(tmp_path / "in"))
    assert merged.returncode == 2, merged.stderr
    assert f"{inputs[0]}: TAMPERED" in merged.stdout
    assert f"packet of 3 cards for {name}" in merged.stdout
    assert "1 input rejected" in merged.stderr and "Traceback" not in merged.stderr

    verified = _scorer(env, "verify", "--trust", str(trust), str(packet))
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert "OK · packet of 3 cards · signer Panel Chair" in verified.stdout


def test_two_candidates_for_one_packet_is_a_user_error(
    tmp_path: Path, env: dict[str, str], trust: Path, cards: CardSet
) -> None:
    first, second = list(cards.by_candidate)
    packet = tmp_path / "packet.pdf"
    merged = _scorer(env, "merge", "--trust", str(trust), "-o", str(packet),
                     str(cards.by_candidate[first][0]), str(cards.by_candidate[second][0]))
    assert merged.returncode == 1
    assert first in merged.stderr and second in merged.stderr
    assert "--per-candidate" in merged.stderr and "Traceback" not in merged.stderr
    assert not packet.exists()


def test_per_candidate_writes_packets_and_the_cohort_report(
    tmp_path: Path, env: dict[str, str], trust: Path, cards: CardSet
) -> None:
    out = tmp_path / "out"
    merged = _scorer(env, "merge", "--trust", str(trust), "--per-candidate", str(out),
                     str(cards.folder))
    assert merged.returncode == 0, merged.stderr
    assert (out / "cohort-report.pdf").is_file()
    assert len(list(out.glob("*-packet.pdf"))) == 2
    assert "cohort and calibration report for 2 candidates" in merged.stdout


def test_without_an_identity_merge_says_how_to_make_one(
    tmp_path: Path, scorer_home: Path, cards: CardSet
) -> None:
    env = _env(scorer_home, tmp_path)
    merged = _scorer(env, "merge", "--trust", str(cards.trust), "-o", str(tmp_path / "p.pdf"),
                     str(cards.folder))
    assert merged.returncode == 1
    assert "scorer identity create" in merged.stderr and "Traceback" not in merged.stderr


def test_per_candidate_writes_a_signed_report_and_a_csv_and_skips_earlier_output(
    tmp_path: Path, env: dict[str, str], trust: Path, cards: CardSet
) -> None:
    out = tmp_path / "out"
    merged = _scorer(env, "merge", "--trust", str(trust), "--per-candidate", str(out),
                     str(cards.folder))
    assert merged.returncode == 0, merged.stderr
    assert f"{out / 'cohort.csv'}: the cohort's cards, one row each" in merged.stdout
    verified = _scorer(env, "verify", "--trust", str(trust), str(out / "cohort-report.pdf"))
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert ("OK · cohort report of 2 candidates · signer Panel Chair <chair@example.com> · "
            "the 2 packets beside it match") in verified.stdout
    # A drive holding the cards and an earlier merge's output: the packets and the report
    # are skipped, not rejected; the exit status is 0.
    drive = tmp_path / "drive"
    shutil.copytree(cards.folder, drive / "cards")
    shutil.copytree(out, drive / "earlier")
    again = _scorer(env, "merge", "--trust", str(trust), "--per-candidate",
                    str(tmp_path / "again"), str(drive))
    assert again.returncode == 0, again.stdout + again.stderr
    assert again.stdout.count("skipped: not a scorecard") == 3
    assert "rejected" not in again.stderr


def test_expect_names_the_panel_and_a_missing_interview_is_flagged(
    tmp_path: Path, env: dict[str, str], trust: Path, cards: CardSet
) -> None:
    name = next(iter(cards.by_candidate))
    three = cards.by_candidate[name][:3]
    kinds = [p.stem.split("-", 1)[1] for p in three]
    packet = tmp_path / "packet.pdf"
    default = _scorer(env, "merge", "--trust", str(trust), "-o", str(packet),
                      *map(str, three))
    assert default.returncode == 0, default.stderr
    assert "1 flag to discuss" in default.stdout  # the fourth kind is missing
    named = _scorer(env, "merge", "--trust", str(trust), "--expect", ",".join(kinds), "-o",
                    str(tmp_path / "named.pdf"), *map(str, three))
    assert named.returncode == 0, named.stderr
    assert "no flag to discuss" in named.stdout
    typo = _scorer(env, "merge", "--trust", str(trust), "--expect", "codng", "-o",
                   str(tmp_path / "typo.pdf"), *map(str, three))
    assert typo.returncode == 1 and "no interview kind 'codng'" in typo.stderr
    assert "coding" in typo.stderr and "Traceback" not in typo.stderr


def test_a_merge_of_files_loads_no_database_library(
    tmp_path: Path, env: dict[str, str], trust: Path, cards: CardSet
) -> None:
    """Only `merge --team` opens the local store; a merge of files leaves SQLAlchemy out."""
    packet = tmp_path / "packet.pdf"
    name = next(iter(cards.by_candidate))
    argv = ["merge", "--trust", str(trust), "-o", str(packet),
            *(str(p) for p in cards.by_candidate[name])]
    code = (
        "import sys\n"
        "from scorer.cli import main\n"
        f"assert main({argv!r}) == 0\n"
        "print(sorted(m for m in ('sqlalchemy', 'sqlmodel', 'alembic', 'psycopg') "
        "if m in sys.modules))\n"
    )
    run = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                         check=False, timeout=120)
    assert run.returncode == 0, run.stderr
    assert packet.is_file()
    assert run.stdout.splitlines()[-1] == "[]"
