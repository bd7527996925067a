"""Hostile rubric files: each gets a located diagnostic, within bounded memory."""

from __future__ import annotations

import os
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from scorer.io.rubrics.loader import (
    MAX_RUBRIC_BYTES,
    RubricLoad,
    load_rubric_file,
    load_rubric_text,
)
from scorer.io.rubrics.yaml_marks import MAX_DEPTH, MAX_VALUES, YamlSyntaxError, load_marked
from tests.support.hostile_files import (
    alias_bomb,
    deep_block_yaml,
    deep_flow_yaml,
    fifo,
    link_to,
)

REPO = Path(__file__).resolve().parents[2]


@contextmanager
def peak_memory(limit_mb: float) -> Iterator[None]:
    tracemalloc.start()
    try:
        yield
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < limit_mb * 1024 * 1024, f"peak {peak / 1e6:.1f} MB"


def only(load: RubricLoad) -> tuple[int, int, str]:
    assert load.rubric is None
    assert len(load.diagnostics) == 1, load.diagnostics
    d = load.diagnostics[0]
    return d.line, d.column, d.message


@pytest.mark.parametrize("levels", [6, 9])
def test_an_alias_bomb_is_refused_at_its_line(levels: int) -> None:
    with peak_memory(20):
        line, column, message = only(load_rubric_text(alias_bomb(levels), "bomb.yaml"))
    assert line <= levels + 1 and column > 1
    assert f"more than {MAX_VALUES:,} values" in message


def test_merge_keys_nested_in_merge_keys_cannot_multiply_past_the_bound() -> None:
    text = "x: " + "{<<: [" * 20 + "{a: 1}" + "]}" * 20 + "\n"
    with peak_memory(20), pytest.raises(YamlSyntaxError) as caught:
        load_marked(text)
    assert caught.value.bound


def test_a_wide_merge_bomb_stays_small() -> None:
    lines = ["m0: &m0 {" + ", ".join(f"k{i}: {i}" for i in range(30)) + "}"]
    for level in range(1, 8):
        refs = ", ".join([f"*m{level - 1}"] * 9)
        lines.append(f"m{level}: &m{level} {{<<: [{refs}], own{level}: 1}}")
    with peak_memory(20):
        doc = load_marked("\n".join(lines) + "\n")
    assert len(doc.data["m7"]) == 37  # each merged key once


def test_an_alias_that_contains_itself_is_refused() -> None:
    with pytest.raises(YamlSyntaxError, match="nests more than"):
        load_marked("a: &a [1, *a]\n")


def test_aliases_a_rubric_may_use_still_give_the_same_data() -> None:
    doc = load_marked("a: &a {x: [1, 2]}\nb: *a\nc: {<<: *a, y: 3}\n")
    assert doc.data == {"a": {"x": [1, 2]}, "b": {"x": [1, 2]}, "c": {"x": [1, 2], "y": 3}}


@pytest.mark.parametrize("make", [deep_block_yaml, deep_flow_yaml])
def test_nesting_past_the_depth_bound_is_one_located_diagnostic(
    make: Callable[[int], str]
) -> None:
    line, column, message = only(load_rubric_text(make(1000), "deep.yaml"))
    assert f"more than {MAX_DEPTH} levels deep" in message
    assert (line, column) != (1, 1) or make is deep_flow_yaml
    assert line <= MAX_DEPTH + 2


def test_nesting_within_the_bound_still_parses() -> None:
    assert load_marked(deep_flow_yaml(MAX_DEPTH - 2)).data is not None


def test_too_many_plain_values_are_refused() -> None:
    with pytest.raises(YamlSyntaxError, match="more than"):
        load_marked("- a\n" * (MAX_VALUES + 10))


def test_a_nul_byte_is_a_located_diagnostic() -> None:
    load = load_rubric_text("id: a\nname: b\x00c\n", "nul.yaml")
    found = [(d.line, d.column) for d in load.diagnostics
             if d.message == "the file holds a NUL byte, which YAML text may not contain"]
    assert found == [(2, 8)]


def test_a_text_over_the_size_bound_is_refused_before_parsing() -> None:
    text = "# " + "x" * MAX_RUBRIC_BYTES + "\n"
    assert "over the 2 MB a rubric may be" in only(load_rubric_text(text, "big.yaml"))[2]


def test_a_file_over_the_size_bound_is_refused_unread(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: nothing to read
    with peak_memory(5):
        message = only(load_rubric_file(big))[2]
    assert message == "refused: 50 MB is over the 2 MB bound for a rubric"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_pipe_and_a_device_are_refused_without_blocking(tmp_path: Path) -> None:
    pipe = fifo(tmp_path / "pipe.yaml")
    zero = link_to(tmp_path / "zero.yaml", "/dev/zero")
    assert only(load_rubric_file(pipe))[2] == "refused: a named pipe, not a regular file"
    assert only(load_rubric_file(zero))[2] == "refused: a device, not a regular file"


def test_the_shipped_rubrics_are_far_inside_the_bounds() -> None:
    for path in sorted((REPO / "rubrics").glob("*.yaml")):
        assert load_rubric_file(path).ok, path
