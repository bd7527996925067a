"""`scorer` / `scorer gui`: open the desktop app."""

from __future__ import annotations

import argparse
from typing import Any

from scorer.app import run


def register(commands: Any) -> None:
    gui = commands.add_parser("gui", help="open the desktop app (the default)")
    gui.set_defaults(handler=run_gui)


def run_gui(args: argparse.Namespace) -> int:
    return run()
