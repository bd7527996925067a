"""The versions `scorer --version` and the About box show: Scorer's, Python's and the key
libraries', read from the installed metadata without importing the libraries."""

from __future__ import annotations

import platform
from importlib.metadata import PackageNotFoundError, version

from scorer import __version__

# The libraries whose behaviour the documents and the app depend on most closely.
KEY_LIBRARIES = ("PySide6-Essentials", "pyHanko", "pypdf", "reportlab", "SQLModel",
                 "SQLAlchemy", "pydantic", "cryptography", "keyring")


def library_versions() -> list[tuple[str, str]]:
    found = []
    for name in KEY_LIBRARIES:
        try:
            found.append((name, version(name)))
        except PackageNotFoundError:
            found.append((name, "not installed"))
    return found


def runtime_versions() -> list[tuple[str, str]]:
    """Python's version, then each key library's."""
    return [("Python", platform.python_version()), *library_versions()]


def version_lines() -> list[str]:
    """'scorer 0.1.0' first, then Python and each key library, one per line."""
    return [f"scorer {__version__}", *(f"{name} {number}" for name, number in runtime_versions())]
