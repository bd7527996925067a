"""The command line imports only the module of the command it runs."""

from __future__ import annotations

import pytest

from scorer.cli import build_parser, command_named


def test_the_command_is_found_past_the_global_options() -> None:
    assert command_named([]) == "gui"
    assert command_named(["--home", "verify"]) == "gui"  # "verify" is the folder here
    assert command_named(["--home", "/tmp/h", "verify", "card.pdf"]) == "verify"
    assert command_named(["--version"]) == ""
    assert command_named(["-h"]) is None and command_named(["--help", "merge"]) is None
    assert command_named(["no-such-command"]) is None


def test_only_the_command_given_is_registered() -> None:
    def registered(argv: list[str]) -> set[str]:
        parser = build_parser(argv)
        commands = next(a for a in parser._actions if a.dest == "==SUPPRESS==" and a.choices)
        return set(commands.choices or ())

    assert registered(["interviews", "list"]) == {"interviews"}
    assert registered(["--help"]) == {"gui", "rubrics", "interviews", "demo", "identity",
                                      "export", "verify", "merge", "team"}


def test_only_a_merge_starts_its_workers_before_loading_the_command(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import scorer.services.merge.workers as workers
    from scorer.cli import start_workers_early

    started: list[str] = []
    monkeypatch.setattr(workers, "start_server", lambda: started.append("server"))
    for argv in (["interviews", "list"], ["verify", "card.pdf"], ["merge", "--help"],
                 ["merge", "-h"], []):
        start_workers_early(argv)
    assert started == []
    start_workers_early(["--home", "/tmp/h", "merge", "--per-candidate", "out", "cards"])
    assert started == ["server"]


def test_a_server_that_cannot_start_early_leaves_the_merge_to_say_why(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import scorer.services.merge.workers as workers
    from scorer.cli import start_workers_early

    def refuse() -> None:
        raise OSError("no more processes")

    monkeypatch.setattr(workers, "start_server", refuse)
    start_workers_early(["merge", "-o", "p.pdf", "cards"])  # no traceback here
