"""The command line's error boundary: user errors as one line, never a traceback."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable

from scorer.domain.errors import ScorerError
from scorer.logging_setup import log_file, setup_logging

log = logging.getLogger("scorer")


def fail(message: str, code: int = 1) -> int:
    print(f"scorer: {message}", file=sys.stderr)
    return code


def run_guarded(handler: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    setup_logging()
    try:
        return handler(args)
    except ScorerError as exc:
        return fail(exc.message, exc.exit_code)
    except KeyboardInterrupt:
        return fail("interrupted", 130)
    except BrokenPipeError:
        return 0
    except Exception as exc:
        log.exception("unexpected error")
        where = log_file()
        detail = f"; details are in {where}" if where else ""
        return fail(f"unexpected error: {exc.__class__.__name__}: {exc}{detail}", 70)
