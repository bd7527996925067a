"""Write the lock, or check it agrees with pyproject.toml.

    python .ci/lock.py [UV LOCK ARGS]   `make lock`: uv.lock, then requirements/*.txt from it
    python .ci/lock.py --check          exit 1, naming what differs, if any is out of step

uv.lock is the universal lock (every platform and Python version the project supports);
requirements/*.txt are its exports with hashes, which pip installs with --require-hashes.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIX = "run `make lock` and commit uv.lock and requirements/"

# File under requirements/ -> the `uv export` options that select its packages.
EXPORTS: dict[str, tuple[str, ...]] = {
    "app.txt": ("--no-default-groups",),
    "dev.txt": ("--no-default-groups", "--extra", "dev"),
    "package.txt": ("--only-group", "package"),
}


def uv() -> str:
    beside = Path(sys.executable).parent / "uv"
    found = str(beside) if beside.exists() else shutil.which("uv")
    if found is None:
        sys.exit("uv is not installed: `make lock` installs it with the dev tools")
    return found


def run_uv(args: list[str], root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([uv(), *args], cwd=root, capture_output=True, text=True, check=False)


def exported(name: str, root: Path) -> str:
    args = ["export", "--frozen", "--format", "requirements-txt", "--no-emit-project",
            *EXPORTS[name]]
    done = run_uv(args, root)
    if done.returncode != 0:
        sys.exit(f"uv export for requirements/{name} failed:\n{done.stderr}")
    return done.stdout


def check(root: Path = ROOT) -> list[str]:
    """What is out of step, one line each; empty when the lock agrees with pyproject.toml."""
    if not (root / "uv.lock").exists():
        return [f"uv.lock is missing; {FIX}"]
    # Offline: a lock that agrees needs no network; one that does not fails either way.
    done = run_uv(["lock", "--check", "--offline"], root)
    if done.returncode != 0:
        detail = done.stderr.strip().splitlines()
        return [f"uv.lock does not match the dependencies in pyproject.toml; {FIX}",
                *(f"  uv: {line}" for line in detail if line.strip())]
    problems = []
    for name in EXPORTS:
        path = root / "requirements" / name
        if not path.exists() or path.read_text(encoding="utf-8") != exported(name, root):
            problems.append(f"requirements/{name} is not the export of uv.lock; {FIX}")
    return problems


def write(uv_lock_args: list[str], root: Path = ROOT) -> int:
    done = subprocess.run([uv(), "lock", *uv_lock_args], cwd=root, check=False)
    if done.returncode != 0:
        print("uv lock could not reach the index; trying again from uv's cache only",
              file=sys.stderr)
        done = subprocess.run([uv(), "lock", "--offline", *uv_lock_args], cwd=root, check=False)
        if done.returncode != 0:
            return done.returncode
    (root / "requirements").mkdir(exist_ok=True)
    for name in EXPORTS:
        (root / "requirements" / name).write_text(exported(name, root), encoding="utf-8")
        print(f"requirements/{name} written from uv.lock")
    return 0


def main(argv: list[str]) -> int:
    if argv[:1] == ["--check"]:
        problems = check()
        for line in problems:
            print(line, file=sys.stderr)
        return 1 if problems else 0
    return write(argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
