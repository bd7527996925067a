"""The command line imports only the module of the command it runs."""

from __future__ import annotations

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
