"""`scorer interviews list` prints an aligned table, and `--json` one object a line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scorer.cli import main
from scorer.commands.interviews import _print_table
from scorer.services.demo import fill_demo
from scorer.services.store import open_local_store
from tests.services.factories import make_rubric


def test_columns_are_padded_to_their_widest_cell_with_no_trailing_space(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _print_table([("ID", "Candidate", "Age"), ("7", "Łukasz Øster-Müller", "2h"),
                  ("12", "Ann", "3d")])
    assert capsys.readouterr().out.splitlines() == [
        "ID  Candidate            Age",
        " 7  Łukasz Øster-Müller  2h",
        "12  Ann                  3d",
    ]


def test_a_name_holding_braces_is_printed_as_it_is(capsys: pytest.CaptureFixture[str]) -> None:
    _print_table([("ID", "Candidate", "Age"), ("1", "{0} {x}", "1m")])
    assert capsys.readouterr().out.splitlines()[1] == " 1  {0} {x}    1m"


def test_the_json_list_is_an_array_with_one_interview_a_line(
    scorer_home: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    with open_local_store() as store:
        fill_demo(store, [make_rubric()], 2)
    assert main(["interviews", "list", "--json"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == "[" and lines[-1] == "]"
    assert [json.loads(line.rstrip(","))["id"] for line in lines[1:-1]] == [
        row["id"] for row in json.loads(out)]
