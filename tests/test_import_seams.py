"""A module's dependencies are imported at its top, where a reader sees them.

Imports inside functions are kept to the seams where loading is lazy on purpose, each
listed here with the reason; any other one fails this test, naming the file and line.
"""

from __future__ import annotations

import ast
from pathlib import Path

import scorer

PACKAGE = Path(scorer.__file__).parent

# (module, function) -> why that function imports what it uses.
SEAMS: dict[tuple[str, str], str] = {
    # The command dispatch and the app's composition root.
    ("scorer.cli", "__call__"): "`--version` reads the libraries' versions only when asked",
    ("scorer.app", "load_services"):
        "the services and their libraries load on the loader thread after the first paint",
    ("scorer.ui.main_window", "attach"): "the tabs that need the services, once they are loaded",
    ("scorer.ui.main_window", "open_interview"): "the interview page, when one is opened",
    ("scorer.ui.main_window", "new_interview"): "the new-interview dialog, when asked for",
    ("scorer.ui.main_window", "merge_scorecards"): "the merge service and dialog, when asked for",
    # Factories that load a room's library on first use.
    ("scorer.storage", "__getattr__"): "SQLAlchemy, when the store is first opened",
    ("scorer.storage.migrate", "upgrade"): "Alembic, only when a database must be migrated",
    ("scorer.storage.migrate", "known_revisions"): "Alembic, only to explain a revision",
    ("scorer.storage.migrate", "script_head"): "Alembic, only to read its head",
    ("scorer.team.migrate", "init_team"): "Alembic, only when a team store is created",
    ("scorer.team.connection", "login_of"): "psycopg belongs to the optional `team` extra",
    ("scorer.team.connection", "connect"): "psycopg belongs to the optional `team` extra",
    ("scorer.team.connection", "translated"): "psycopg belongs to the optional `team` extra",
    ("scorer.paths", "data_home"): "platformdirs only when no home is given",
    ("scorer.commands.merge", "_run_team_merge"):
        "the local store and its team link (SQLAlchemy), only for `merge --team`",
    ("scorer.services.interview_listing", "list_interviews"):
        "the full store only when the standard-library reader cannot answer",
    ("scorer.services.keyring_store", "_keyring"): "keyring picks its backend when imported",
    ("scorer.services.keyring_store", "explicitly_configured"): "keyring, on first use",
    ("scorer.services.keyring_store", "_is_fail_backend"): "keyring, on first use",
    ("scorer.services.keyring_store", "_visible_backends"): "keyring, on first use",
    ("scorer.services.keyring_store", "checked_backend"): "keyring, on first use",
    ("scorer.services.merge.pool", "_limit_memory"): "`resource` exists on POSIX only",
    # The PDF stack (pyHanko, reportlab, pypdf), when a file is signed, checked or built.
    ("scorer.services.verify", "load_trust"): "certificates, when a trust folder is read",
    ("scorer.services.verify", "verify_bytes"): "pyHanko, when a file is checked",
    ("scorer.services.verify", "_verify_cohort"): "the cohort report's models, for a report",
    ("scorer.services.export", "key"): "pyHanko, when a key is parsed",
    ("scorer.services.export", "sign"): "reportlab and pyHanko, when a card is signed",
    ("scorer.services.merge.build", "signing_key"): "pyHanko, in the worker that signs",
    ("scorer.services.merge.build", "warm_up_build"): "the PDF stack, while workers start",
    ("scorer.services.merge.build", "build_packet"): "the PDF stack, in the worker that builds",
    ("scorer.services.merge.cohort", "cohort_files"): "the PDF stack, for a cohort report",
    ("scorer.services.merge.tasks", "warm_up"): "the PDF stack, in a worker starting",
    ("scorer.services.merge.tasks", "check_file"): "the PDF stack, in the worker that checks",
}


def function_imports() -> list[tuple[str, str, int]]:
    """(module, function, line) of each import statement inside a function."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE.parent).with_suffix("")
        if "migrations" in relative.parts:
            continue  # Alembic's scripts
        parts = relative.parts[:-1] if relative.name == "__init__" else relative.parts
        module = ".".join(parts)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        seen: set[int] = set()
        for node in ast.walk(tree):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for inner in ast.walk(node):
                if isinstance(inner, ast.Import | ast.ImportFrom) and inner.lineno not in seen:
                    seen.add(inner.lineno)
                    found.append((module, node.name, inner.lineno))
    return found


def test_imports_inside_functions_are_only_at_the_seams() -> None:
    stray = [f"{module.replace('.', '/')}.py:{line} in {function}()"
             for module, function, line in function_imports()
             if (module, function) not in SEAMS]
    assert not stray, "imports inside functions outside the seams:\n" + "\n".join(stray)


def test_every_seam_listed_still_imports_lazily() -> None:
    used = {(module, function) for module, function, _ in function_imports()}
    assert not set(SEAMS) - used, f"seams listed that no longer exist: {set(SEAMS) - used}"

