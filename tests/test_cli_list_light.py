"""`scorer interviews list` on a current store loads no database library; opening a store
leaves the sample-data module out."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from scorer.services.demo import fill_demo
from scorer.services.store import open_local_store
from tests.services.factories import make_rubric

HEAVY = ("sqlalchemy", "sqlmodel", "alembic", "pydantic")


def _run(code: str) -> list[str]:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, timeout=120)
    return json.loads(done.stdout.splitlines()[-1])  # type: ignore[no-any-return]


def test_the_list_of_a_current_store_loads_no_database_library(tmp_path: Path) -> None:
    home = tmp_path / "home"
    with open_local_store(home) as store:
        fill_demo(store, [make_rubric()], 3)
    loaded = _run(
        "import io, json, sys, contextlib\n"
        "from scorer.cli import main\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out):\n"
        f"    main(['--home', {str(home)!r}, 'interviews', 'list', '--json'])\n"
        "assert len(json.loads(out.getvalue())) == 3, out.getvalue()\n"
        f"print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r})))\n"
    )
    assert loaded == []


def test_opening_a_store_does_not_load_the_bulk_import(tmp_path: Path) -> None:
    loaded = _run(
        "import json, sys\n"
        "from scorer.services.store import open_local_store\n"
        "from pathlib import Path\n"
        f"open_local_store(Path({str(tmp_path)!r})).close()\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('scorer.storage'))))\n"
    )
    assert "scorer.storage.store" in loaded and "scorer.storage.bulk" not in loaded
