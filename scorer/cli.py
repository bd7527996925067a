"""The `scorer` command. With no arguments it opens the desktop app.

Each command group lives in `scorer.commands.<group>` and registers its own
sub-commands; heavy libraries are imported inside the handlers, so that
`scorer rubrics check` and the app start quickly.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from scorer.paths import HOME_ENV

# Modules exposing `register(subparsers)`; each sets `handler=` on its parsers.
COMMAND_MODULES = (
    "scorer.commands.gui",
    "scorer.commands.rubrics",
    "scorer.commands.interviews",
    "scorer.commands.demo",
    "scorer.commands.identity",
    "scorer.commands.export",
    "scorer.commands.verify",
    "scorer.commands.merge",
    "scorer.commands.team",
)

Handler = Callable[[argparse.Namespace], int]


class _ShowVersions(argparse.Action):
    """`--version`: Scorer's version, then Python's and the key libraries', one a line."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: object, option_string: str | None = None) -> None:
        from scorer.versions import version_lines

        print("\n".join(version_lines()))
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
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
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.home is not None:
        os.environ[HOME_ENV] = str(args.home.expanduser().resolve())
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        from scorer.commands.gui import run_gui

        handler = run_gui
    from scorer.commands.errors import fail, run_guarded
    from scorer.commands.gui import run_gui
    from scorer.domain.errors import ScorerError
    from scorer.paths import data_home
    from scorer.private_home import check_home

    if handler is not run_gui:  # the app says it in a window
        try:
            check_home(data_home())
        except ScorerError as exc:
            return fail(exc.message)
    return run_guarded(handler, args)


if __name__ == "__main__":
    sys.exit(main())
