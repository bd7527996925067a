"""Write briefcase.toml into pyproject.toml's [tool.briefcase], or check they agree.

The app's `requires` is not written by hand: it is the locked runtime set,
requirements/app.txt (see .ci/lock.py), so the package ships the versions tested.

    python .ci/sync_briefcase.py           rewrite the generated section
    python .ci/sync_briefcase.py --check   exit 1 and show the diff if out of step
"""

from __future__ import annotations

import difflib
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BEGIN = (
    "# --- generated from briefcase.toml: "
    "edit that file, then run `python .ci/sync_briefcase.py` ---"
)
END = "# --- end of generated section ---"
_HEADER = re.compile(r"^(\[\[?)\s*([^\]]+?)\s*(\]\]?)\s*$")
_PIN = re.compile(r"^([A-Za-z0-9._-]+==[^\s\\;]+)(?:\s*;\s*([^\\]+?))?\s*\\?\s*$")
APP_TABLE = "app.scorer"
LOCKED = "requires = []  # the locked runtime set, requirements/app.txt"


def locked_requires(app_requirements: str) -> list[str]:
    """`name==version` (with its environment marker) for each pin in a `uv export` file."""
    pins = []
    for line in app_requirements.splitlines():
        match = _PIN.match(line)
        if match:
            pins.append(f"{match[1]}; {match[2]}" if match[2] else match[1])
    return pins


def _requires_lines(pins: list[str]) -> list[str]:
    return ["requires = [", *(f'    "{pin}",' for pin in pins), "]"]


def generated_section(briefcase_text: str, app_requirements: str) -> str:
    """briefcase.toml with every table header moved under `tool.briefcase`, and the app's
    `requires` filled from the lock."""
    out = ["[tool.briefcase]"]
    table = ""
    for line in briefcase_text.splitlines():
        if line.startswith("#"):
            continue
        match = _HEADER.match(line)
        if match:
            table = match[2]
            out.append(f"{match[1]}tool.briefcase.{match[2]}{match[3]}")
        elif table == APP_TABLE and line.strip() == LOCKED:
            out.extend(_requires_lines(locked_requires(app_requirements)))
        else:
            out.append(line)
    while out and not out[-1].strip():
        out.pop()
    body = "\n".join(out).replace("[tool.briefcase]\n\n", "[tool.briefcase]\n", 1)
    return f"{BEGIN}\n{body}\n{END}"


def expected_pyproject(pyproject_text: str, briefcase_text: str, app_requirements: str) -> str:
    start, end = pyproject_text.index(BEGIN), pyproject_text.index(END) + len(END)
    section = generated_section(briefcase_text, app_requirements)
    return pyproject_text[:start] + section + pyproject_text[end:]


def wanted_pyproject(root: Path) -> str:
    return expected_pyproject(
        (root / "pyproject.toml").read_text(encoding="utf-8"),
        (root / "briefcase.toml").read_text(encoding="utf-8"),
        (root / "requirements" / "app.txt").read_text(encoding="utf-8"),
    )


def diff(root: Path = ROOT) -> str:
    current = (root / "pyproject.toml").read_text(encoding="utf-8")
    wanted = wanted_pyproject(root)
    return "".join(
        difflib.unified_diff(
            current.splitlines(keepends=True), wanted.splitlines(keepends=True),
            "pyproject.toml", "pyproject.toml (from briefcase.toml)",
        )
    )


def main(argv: list[str]) -> int:
    pyproject = ROOT / "pyproject.toml"
    current = pyproject.read_text(encoding="utf-8")
    wanted = wanted_pyproject(ROOT)
    if "--check" in argv:
        changes = diff()
        if changes:
            print(changes, end="")
            print("pyproject.toml is out of step with briefcase.toml or requirements/app.txt; "
                  "run `make sync-briefcase` (or `make lock` after a dependency change)",
                  file=sys.stderr)
            return 1
        return 0
    if wanted != current:
        pyproject.write_text(wanted, encoding="utf-8")
        print("pyproject.toml: [tool.briefcase] rewritten from briefcase.toml")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
