"""The `scorer` command. With no arguments it opens the desktop app.

Each command group lives in `scorer.commands.<group>`, imports what it needs at its
top and registers its own sub-commands. This dispatch is the seam where loading is
lazy: only the module of the command given is imported (every one only for help
or an unknown command), so that `scorer interviews list` loads no PDF library and
the app loads no command's dependencies.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from scorer.commands.errors import fail, run_guarded
from scorer.domain.errors import ScorerError
from scorer.paths import HOME_ENV, data_home
from scorer.private_home import check_home

# By command name, the modules exposing `register(subparsers)`; each sets `handler=`.
COMMAND_MODULES = {
    "gui": "scorer.commands.gui",
    "rubrics": "scorer.commands.rubrics",
    "interviews": "scorer.commands.interviews",
    "demo": "scorer.commands.demo",
    "identity": "scorer.commands.identity",
    "export": "scorer.commands.export",
    "verify": "scorer.commands.verify",
    "merge": "scorer.commands.merge",
    "team": "scorer.commands.team",
}

# Commands whose worker processes start before the command's own modules load (they
# import the PDF stack meanwhile, on another core): the function that starts them.
EARLY_WORKERS = {"merge": ("scorer.services.merge.workers", "start_server")}

Handler = Callable[[argparse.Namespace], int]


class _ShowVersions(argparse.Action):
    """`--version`: Scorer's version, then Python's and the key libraries', one a line."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: object, option_string: str | None = None) -> None:
        from scorer.versions import version_lines

        print("\n".join(version_lines()))
        parser.exit()


def command_named(argv: Sequence[str]) -> str | None:
    """The command `argv` runs ("gui" when none; "" for --version, which needs none), or
    None for help or an unknown command."""
    words = iter(argv)
    for word in words:
        if word == "--home":
            next(words, None)
        elif word in ("-h", "--help"):
            return None
        elif word == "--version":
            return ""
        elif not word.startswith("-"):
            return word if word in COMMAND_MODULES else None
    return "gui"


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser for `argv` (default: this process's), with only its command registered;
    every command when `argv` asks for help or names an unknown one."""
    parser = argparse.ArgumentParser(
        prog="scorer",
        description="Structured technical interviews: run, score, sign and merge scorecards.",
    )
    parser.add_argument("--version", action=_ShowVersions, nargs=0,
                        help="show the versions of Scorer, Python and the key libraries")
    parser.add_argument(
        "--home",
        metavar="DIR",
        type=Path,
        help=f"keep all local state (database, settings) in DIR (also ${HOME_ENV})",
    )
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")
    chosen = command_named(sys.argv[1:] if argv is None else argv)
    for name, module in COMMAND_MODULES.items():
        if chosen in (None, name):
            importlib.import_module(module).register(commands)
    return parser


def start_workers_early(argv: Sequence[str]) -> None:
    early = EARLY_WORKERS.get(command_named(argv) or "")
    if early is None or "-h" in argv or "--help" in argv:
        return
    module, function = early
    with contextlib.suppress(OSError):  # the command starts them itself, or says why not
        getattr(importlib.import_module(module), function)()


def main(argv: Sequence[str] | None = None) -> int:
    start_workers_early(sys.argv[1:] if argv is None else argv)
    args = build_parser(argv).parse_args(argv)
    if args.home is not None:
        os.environ[HOME_ENV] = str(args.home.expanduser().resolve())
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:  # no command: the app
        handler = importlib.import_module(COMMAND_MODULES["gui"]).run_gui
    if handler.__module__ != COMMAND_MODULES["gui"]:  # the app says it in a window
        try:
            check_home(data_home())
        except ScorerError as exc:
            return fail(exc.message)
    return run_guarded(handler, args)


if __name__ == "__main__":
    sys.exit(main())
