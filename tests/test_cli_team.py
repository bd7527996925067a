"""`scorer team` and `scorer merge --team` errors a user can cause, without a server."""

from __future__ import annotations

import pytest

from scorer.cli import main


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out + err


@pytest.mark.parametrize("args", [["team", "status"], ["team", "publish"], ["team", "pull"],
                                  ["team", "add-member", "Ann", "ann@example.com", "--role",
                                   "interviewer", "--no-password"],
                                  ["merge", "--team", "--candidate", "cara@example.com"]])
def test_commands_that_need_a_team_store_say_how_to_connect(
    capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    code, text = _run(capsys, *args)
    assert code == 1
    assert "not connected to a team store" in text and "scorer team connect URL" in text
    assert "Traceback" not in text


def test_a_url_with_a_password_is_refused_and_not_echoed(
    capsys: pytest.CaptureFixture[str]
) -> None:
    code, text = _run(capsys, "team", "connect", "postgresql://ann:hunter2@db.example.com/h",
                      "--no-password")
    assert code == 1 and "holds a password" in text and "hunter2" not in text


def test_an_unreachable_server_is_one_sentence(capsys: pytest.CaptureFixture[str]) -> None:
    code, text = _run(capsys, "team", "connect",
                      "postgresql://ann@127.0.0.1:9/hiring?connect_timeout=2", "--no-password")
    assert code == 1 and "cannot be reached" in text and "Traceback" not in text


@pytest.mark.parametrize(("args", "message"), [
    (["merge", "--team"], "--candidate EMAIL"),
    (["merge", "--team", "--candidate", "c@example.com", "x.pdf"], "name no files"),
    (["merge", "--candidate", "c@example.com", "x.pdf", "-o", "p.pdf"], "use it with --team"),
    (["merge", "x.pdf"], "-o PACKET.pdf"),
    (["merge", "-o", "p.pdf"], "Name the scorecards"),
])
def test_merge_options_are_checked(capsys: pytest.CaptureFixture[str], args: list[str],
                                   message: str) -> None:
    code, text = _run(capsys, *args)
    assert code == 1 and message in text


def test_without_psycopg_the_team_commands_say_which_extra_to_install(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "psycopg", None)  # as if it were not installed
    code, text = _run(capsys, "team", "connect", "postgresql://ann@127.0.0.1:9/hiring",
                      "--no-password")
    assert code == 1 and 'pip install "scorer[team]"' in text and "Traceback" not in text
