"""The GitHub workflows parse, and each job has what GitHub Actions requires of it."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.conftest import REPO

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))


def test_there_is_a_workflow() -> None:
    assert WORKFLOWS


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_a_workflow_is_well_formed(path: Path) -> None:
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(workflow, dict) and workflow.get("name")
    assert True in workflow  # `on:` (YAML 1.1 reads the key as true)
    for name, job in workflow["jobs"].items():
        assert job.get("runs-on"), name
        assert job["steps"], name
        for step in job["steps"]:
            assert ("uses" in step) != ("run" in step), (name, step)
        for entry in job.get("strategy", {}).get("matrix", {}).get("include", []):
            assert entry["os"] in {"windows-latest", "macos-latest", "ubuntu-latest"}


def test_the_packages_are_built_from_the_lock() -> None:
    text = (REPO / ".github" / "workflows" / "packages.yml").read_text(encoding="utf-8")
    assert "--require-hashes -r requirements/package.txt" in text
