"""briefcase.toml is the single source of the packaging settings."""

from __future__ import annotations

import importlib.util
import tomllib
from pathlib import Path

import scorer
from tests.conftest import REPO


def _sync_module():  # type: ignore[no-untyped-def]
    path = REPO / ".ci" / "sync_briefcase.py"
    spec = importlib.util.spec_from_file_location("sync_briefcase", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_pyproject_is_in_step_with_briefcase_toml() -> None:
    changes = _sync_module().diff(REPO)
    assert changes == "", "run `python .ci/sync_briefcase.py`:\n" + changes


def test_generated_section_parses_to_the_same_settings_with_the_locked_requires() -> None:
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    briefcase = tomllib.loads((REPO / "briefcase.toml").read_text(encoding="utf-8"))
    generated = pyproject["tool"]["briefcase"]
    locked = generated["app"]["scorer"].pop("requires")
    assert briefcase["app"]["scorer"].pop("requires") == []
    assert generated == briefcase
    app_txt = (REPO / "requirements" / "app.txt").read_text(encoding="utf-8")
    assert locked == _sync_module().locked_requires(app_txt)
    assert any(pin.startswith("pyhanko==") for pin in locked)


def test_locked_requires_keeps_pins_and_markers_and_drops_hashes() -> None:
    export = (
        "# generated\n"
        "pypdf==7.1.1 \\\n"
        "    --hash=sha256:abc \\\n"
        "    --hash=sha256:def\n"
        "    # via scorer\n"
        "shiboken6==6.11.3 ; python_full_version < '3.12' \\\n"
        "    --hash=sha256:123\n"
    )
    assert _sync_module().locked_requires(export) == [
        "pypdf==7.1.1",
        "shiboken6==6.11.3; python_full_version < '3.12'",
    ]


def test_a_drift_is_detected_and_shown(tmp_path: Path) -> None:
    (tmp_path / "requirements").mkdir()
    for name in ("pyproject.toml", "briefcase.toml", "requirements/app.txt"):
        (tmp_path / name).write_text((REPO / name).read_text(encoding="utf-8"), encoding="utf-8")
    toml = tmp_path / "briefcase.toml"
    toml.write_text(toml.read_text().replace('bundle = "com.pluralis"', 'bundle = "com.example"'))
    changes = _sync_module().diff(tmp_path)
    assert '-bundle = "com.pluralis"' in changes and '+bundle = "com.example"' in changes


def test_versions_agree() -> None:
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    briefcase = tomllib.loads((REPO / "briefcase.toml").read_text(encoding="utf-8"))
    assert briefcase["version"] == pyproject["project"]["version"] == scorer.__version__


def test_packaged_sources_and_icon_exist() -> None:
    app = tomllib.loads((REPO / "briefcase.toml").read_text(encoding="utf-8"))["app"]["scorer"]
    for source in app["sources"]:
        assert (REPO / source).is_dir(), source
    assert {"scorer", "rubrics", "resources"} <= set(app["sources"])
    for size in (16, 32, 64, 128, 256, 512):
        assert (REPO / f"{app['icon']}-{size}.png").is_file()
