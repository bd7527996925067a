"""Write briefcase.toml into pyproject.toml's [tool.briefcase], or check they agree.

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


def generated_section(briefcase_text: str) -> str:
    """briefcase.toml with every table header moved under `tool.briefcase`."""
    out = ["[tool.briefcase]"]
    for line in briefcase_text.splitlines():
        if line.startswith("#"):
            continue
        match = _HEADER.match(line)
        out.append(f"{match[1]}tool.briefcase.{match[2]}{match[3]}" if match else line)
    while out and not out[-1].strip():
        out.pop()
    body = "\n".join(out).replace("[tool.briefcase]\n\n", "[tool.briefcase]\n", 1)
    return f"{BEGIN}\n{body}\n{END}"


def expected_pyproject(pyproject_text: str, briefcase_text: str) -> str:
    start, end = pyproject_text.index(BEGIN), pyproject_text.index(END) + len(END)
    return pyproject_text[:start] + generated_section(briefcase_text) + pyproject_text[end:]


def diff(root: Path = ROOT) -> str:
    current = (root / "pyproject.toml").read_text(encoding="utf-8")
    wanted = expected_pyproject(current, (root / "briefcase.toml").read_text(encoding="utf-8"))
    return "".join(
        difflib.unified_diff(
            current.splitlines(keepends=True), wanted.splitlines(keepends=True),
            "pyproject.toml", "pyproject.toml (from briefcase.toml)",
        )
    )


def main(argv: list[str]) -> int:
    pyproject = ROOT / "pyproject.toml"
    current = pyproject.read_text(encoding="utf-8")
    wanted = expected_pyproject(current, (ROOT / "briefcase.toml").read_text(encoding="utf-8"))
    if "--check" in argv:
        changes = diff()
        if changes:
            print(changes, end="")
            print("pyproject.toml is out of step with briefcase.toml; "
                  "run `python .ci/sync_briefcase.py`", file=sys.stderr)
            return 1
        return 0
    if wanted != current:
        pyproject.write_text(wanted, encoding="utf-8")
        print("pyproject.toml: [tool.briefcase] rewritten from briefcase.toml")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
