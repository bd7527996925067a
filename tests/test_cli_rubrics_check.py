"""`scorer rubrics check` as a user and a pre-commit hook see it: a real process."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO

CORPUS = Path(__file__).parent / "io" / "rubric_corpus"


def scorer(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "scorer", *args],
        capture_output=True, text=True, timeout=60, cwd=cwd or REPO,
    )


def test_valid_file_exits_zero() -> None:
    result = scorer("rubrics", "check", str(CORPUS / "valid"))
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert "1 rubric file checked, all valid" in result.stderr


def test_malformed_files_are_listed_and_exit_one(tmp_path: Path) -> None:
    for name in ("unknown-key-typo.yaml", "syntax-unclosed-bracket.yaml"):
        shutil.copy(CORPUS / "malformed" / name, tmp_path / name)
    result = scorer("rubrics", "check", str(tmp_path))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    bracket = tmp_path / "syntax-unclosed-bracket.yaml"
    opened = next(
        i for i, line in enumerate(bracket.read_text().splitlines(), 1) if "[web search" in line
    )
    assert f"{bracket}:{opened}:26: the '[' opened here is never closed: end the list with ']', " \
        "its items separated by commas" in lines
    assert f"{bracket}:1:1: missing required key 'area'" in lines  # the rest, checked too
    assert lines[-1] == (
        f"{tmp_path / 'unknown-key-typo.yaml'}:41:9: unknown key 'anchr'; did you mean 'anchor'?"
    )
    assert "Traceback" not in result.stderr
    assert "2 rubric files checked, 2 invalid" in result.stderr


def test_quiet_prints_only_problems(tmp_path: Path) -> None:
    result = scorer("rubrics", "check", "--quiet", str(CORPUS / "valid"))
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_missing_path_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    result = scorer("rubrics", "check", str(tmp_path / "nope"))
    assert result.returncode == 1
    assert "no such file or folder" in result.stdout
    assert "Traceback" not in result.stderr


def test_empty_folder_is_an_error(tmp_path: Path) -> None:
    result = scorer("rubrics", "check", str(tmp_path))
    assert result.returncode == 1
    assert "no rubric files found" in result.stderr


def test_default_is_the_configured_folder(tmp_path: Path, scorer_home: Path) -> None:
    folder = tmp_path / "team-rubrics"
    folder.mkdir()
    shutil.copy(CORPUS / "malformed" / "empty.yaml", folder / "x.yaml")
    scorer_home.mkdir(parents=True)
    (scorer_home / "settings.json").write_text(f'{{"rubric_folder": "{folder}"}}')
    result = scorer("rubrics", "check")
    assert result.returncode == 1
    assert result.stdout.startswith(f"{folder / 'x.yaml'}:1:1: the file is empty")


def test_with_no_folder_chosen_the_data_homes_rubrics_are_checked(scorer_home: Path) -> None:
    result = scorer("rubrics", "check")
    assert result.returncode == 0, result.stdout
    assert f"{scorer_home / 'rubrics' / 'math.yaml'}: ok: math" in result.stderr
    assert "4 rubric files checked, all valid" in result.stderr


def test_an_unfilled_template_is_refused_at_each_placeholder() -> None:
    template = REPO / "resources" / "rubric-template.yaml"
    result = scorer("rubrics", "check", "--quiet", str(template))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == template.read_text().count("<<") - 1  # one is in a comment
    assert all("still holds a template placeholder: <<" in line for line in lines)
    assert lines[0].startswith(f"{template}:11:1: 'area' still holds")


def test_bad_settings_file_is_a_clear_error(scorer_home: Path) -> None:
    scorer_home.mkdir(parents=True)
    (scorer_home / "settings.json").write_text("{not json")
    result = scorer("rubrics", "check")
    assert result.returncode == 1
    assert result.stderr.startswith("scorer: Cannot read the settings file")
    assert "Traceback" not in result.stderr


def test_hostile_files_each_get_one_located_line_and_the_good_one_is_checked(
    tmp_path: Path,
) -> None:
    import os

    from tests.support.hostile_files import alias_bomb, deep_block_yaml, deep_flow_yaml

    shutil.copy(CORPUS / "valid" / next(p.name for p in (CORPUS / "valid").iterdir()),
                tmp_path / "a-valid.yaml")
    (tmp_path / "bomb.yaml").write_text(alias_bomb(9))
    (tmp_path / "block.yaml").write_text(deep_block_yaml(3000))
    (tmp_path / "flow.yaml").write_text(deep_flow_yaml(3000))
    (tmp_path / "nul.yaml").write_bytes(b"id: x\x00\n")
    (tmp_path / "zero.yaml").symlink_to("/dev/zero")
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "pipe.yaml")

    result = scorer("rubrics", "check", str(tmp_path))

    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "unexpected error" not in result.stderr
    lines = result.stdout.splitlines()
    assert f"{tmp_path / 'bomb.yaml'}:5:5: the file expands to more than 20,000 values " \
        "(counting what its aliases repeat); a rubric holds far fewer" in lines
    assert f"{tmp_path / 'block.yaml'}:1:1: refused: 4.3 MB is over the 2 MB bound for a " \
        "rubric" in lines
    assert f"{tmp_path / 'flow.yaml'}:1:35: the file nests more than 32 levels deep here; " \
        "a rubric needs far fewer" in lines
    assert f"{tmp_path / 'nul.yaml'}:1:6: the file holds a NUL byte, which YAML text may " \
        "not contain" in lines
    assert f"{tmp_path / 'zero.yaml'}:1:1: refused: a device, not a regular file" in lines
    if hasattr(os, "mkfifo"):
        assert f"{tmp_path / 'pipe.yaml'}:1:1: refused: a named pipe, not a regular file" in lines
    assert not any(line.startswith(str(tmp_path / "a-valid.yaml")) for line in lines)
