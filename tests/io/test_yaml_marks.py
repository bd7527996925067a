from __future__ import annotations

import pytest

from scorer.io.rubrics.yaml_marks import YamlSyntaxError, load_marked


def test_positions_of_keys_and_items() -> None:
    doc = load_marked("a: 1\nb:\n  - x\n  - c: 2\n")
    assert doc.data == {"a": 1, "b": ["x", {"c": 2}]}
    assert doc.positions[("a",)] == (1, 1)
    assert doc.positions[("b", 1)] == (4, 5)
    assert doc.positions[("b", 1, "c")] == (4, 5)
    assert doc.position(("b", 1, "missing")) == (4, 5)


def test_duplicate_keys_are_reported_not_overwritten() -> None:
    doc = load_marked("a: 1\nb: 2\na: 3\n")
    assert doc.data == {"a": 1, "b": 2}
    assert doc.problems == [((3, 1), "duplicate key 'a' (first defined on line 1)")]


def test_yes_and_no_stay_strings() -> None:
    doc = load_marked("ids: [yes, no, on, off]\nflag: true\n")
    assert doc.data == {"ids": ["yes", "no", "on", "off"], "flag": True}


def test_merge_keys_are_resolved() -> None:
    doc = load_marked("base: &b {x: 1}\nderived:\n  <<: *b\n  y: 2\n")
    assert doc.data["derived"] == {"x": 1, "y": 2}


def test_syntax_error_has_position() -> None:
    with pytest.raises(YamlSyntaxError) as caught:
        load_marked("a: [1, 2\nb: 3\n")
    assert caught.value.position == (1, 4)  # where the bracket opened, not where YAML gave up
    assert "'[' opened here is never closed" in caught.value.message


def test_empty_document() -> None:
    assert load_marked("# only a comment\n").data is None
