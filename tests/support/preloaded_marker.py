"""A module that records which process imported it (a worker pool's preload in tests)."""

import os

IMPORTED_IN = os.getpid()
