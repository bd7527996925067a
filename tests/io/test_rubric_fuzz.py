"""Mutated rubric text: the loader only ever returns a rubric or located diagnostics."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scorer.io.rubrics.loader import RubricLoad, load_rubric_text
from tests.support.fuzz import FUZZ
from tests.support.hostile_files import alias_bomb, deep_flow_yaml

pytestmark = pytest.mark.fuzz

SEED = (Path(__file__).resolve().parents[2] / "rubrics" / "math.yaml").read_text()
YAML_BITS = ["&a ", "*a", "<<: *a\n", "[", "]", "{", "}", ": ", "- ", "\n", "  ", "\t", "|\n",
             ">-\n", "!!python/object:os.system ", "!!binary ", "%YAML 1.1\n", "---\n", "...\n",
             "\x00", "\ufeff", "'", '"', "#", "?", "@", "`", "\\", "\r\n", "\x85", "\u2028"]


@st.composite
def mutated(draw: st.DrawFn) -> str:
    text = SEED
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(text)))
        kind = draw(st.sampled_from(["insert", "delete", "repeat", "bomb", "deep"]))
        if kind == "insert":
            bit = draw(st.sampled_from(YAML_BITS) | st.text(max_size=12))
            text = text[:at] + bit + text[at:]
        elif kind == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 400)):]
        elif kind == "repeat":
            span = text[at:at + draw(st.integers(1, 200))]
            text = text[:at] + span * draw(st.integers(2, 40)) + text[at:]
        elif kind == "bomb":
            text = alias_bomb(draw(st.integers(1, 9)), draw(st.integers(1, 12))) + text
        else:
            text = text[:at] + deep_flow_yaml(draw(st.integers(1, 3000))) + text[at:]
    return text


def _check(load: RubricLoad) -> None:
    assert isinstance(load, RubricLoad)
    if load.rubric is None:
        assert load.diagnostics
    for d in load.diagnostics:
        assert d.file == "fuzz.yaml" and d.line >= 1 and d.column >= 1 and d.message


@FUZZ
@given(mutated())
def test_mutated_rubric_text_gives_a_rubric_or_located_diagnostics(text: str) -> None:
    tracemalloc.start()
    try:
        load = load_rubric_text(text, "fuzz.yaml")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    _check(load)
    assert peak < 100 * 1024 * 1024


@FUZZ
@given(st.text(max_size=2000))
def test_any_text_gives_a_rubric_or_located_diagnostics(text: str) -> None:
    _check(load_rubric_text(text, "fuzz.yaml"))
