"""`scorer identity`, `scorer export` and `scorer verify` as whole processes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.slow


def _env(home: Path, tmp_path: Path, keyring_file: bool = True) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON_KEYRING")}
    env.update(
        SCORER_HOME=str(home),
        PYTHONPATH=str(REPO),
        HOME=str(tmp_path / "user"),  # no keyringrc.cfg of the developer's
        XDG_CONFIG_HOME=str(tmp_path / "user" / ".config"),
        XDG_DATA_HOME=str(tmp_path / "user" / ".local" / "share"),
        DBUS_SESSION_BUS_ADDRESS="unix:path=/nonexistent",
    )
    if keyring_file:
        env["PYTHON_KEYRING_BACKEND"] = "tests.support.keyrings.FileKeyring"
        env["SCORER_TEST_KEYRING"] = str(tmp_path / "test-keyring.json")
    return env


def _scorer(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "scorer", *args], env=env, capture_output=True,
                          text=True, check=False, timeout=60)


def test_identity_create_show_export_cert(tmp_path: Path, scorer_home: Path) -> None:
    env = _env(scorer_home, tmp_path)
    made = _scorer(env, "identity", "create", "--name", "Łukasz Øster-Müller",
                   "--email", "lukasz@example.org")
    assert made.returncode == 0, made.stderr
    assert "Łukasz Øster-Müller" in made.stdout
    assert "PRIVATE" not in made.stdout + made.stderr
    shown = _scorer(env, "identity", "show")
    assert shown.returncode == 0 and "in the OS keyring" in shown.stdout
    pem = tmp_path / "lukasz.pem"
    exported = _scorer(env, "identity", "export-cert", str(pem))
    assert exported.returncode == 0, exported.stderr
    assert pem.read_text().startswith("-----BEGIN CERTIFICATE-----")


def test_no_keyring_gives_one_clear_sentence(tmp_path: Path, scorer_home: Path) -> None:
    env = _env(scorer_home, tmp_path, keyring_file=False)
    made = _scorer(env, "identity", "create", "--name", "Sameera Perera",
                   "--email", "sameera@example.com")
    assert made.returncode == 1
    assert made.stderr.startswith("scorer: No keyring is available to store the signing key.")
    assert "Traceback" not in made.stderr
    assert not (scorer_home / "identity").exists()


def test_verify_prints_one_line_per_file_and_fails_unless_all_ok(
    tmp_path: Path, scorer_home: Path
) -> None:
    import keyring

    from scorer.services import identity
    from scorer.services.export import export_detail
    from tests.support.keyrings import MemoryKeyring
    from tests.support.sample import submitted_detail

    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    try:
        made = identity.create("Sameera Perera", "sameera@example.com")
        good = export_detail(submitted_detail(), made.fingerprint, tmp_path / "good.pdf").path
    finally:
        keyring.set_keyring(previous)
    trust = tmp_path / "interviewers"
    trust.mkdir()
    (trust / "sameera.pem").write_bytes(made.certificate.pem)
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"not a pdf")
    env = _env(scorer_home, tmp_path)

    ok = _scorer(env, "verify", "--trust", str(trust), str(good))
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert ok.stdout == (f"{good}: OK · signer Sameera Perera <sameera@example.com> · "
                         "candidate Łukasz Øster-Müller\n")
    assert ok.stderr == ""

    both = _scorer(env, "verify", "--trust", str(trust), str(good), str(bad))
    assert both.returncode == 1
    lines = both.stdout.splitlines()
    assert [line.split(": ", 1)[1].split(" · ")[0] for line in lines] == ["OK", "UNREADABLE"]

    untrusted = _scorer(env, "verify", "--trust", str(tmp_path), str(good))
    assert untrusted.returncode == 1
    assert ": UNTRUSTED SIGNER · signer Sameera Perera <sameera@example.com>" in untrusted.stdout
    assert "Traceback" not in untrusted.stderr


def test_the_signing_libraries_stay_off_the_start_up_path() -> None:
    code = (
        "import sys, scorer.cli, scorer.app; scorer.cli.build_parser([]); "
        "print(sorted(m for m in ('reportlab', 'pyhanko', 'pypdf', 'keyring') if m in sys.modules))"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert run.stdout.strip() == "[]"
