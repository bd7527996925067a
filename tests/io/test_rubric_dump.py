from __future__ import annotations

import pytest

from scorer.io.rubrics.dump import dump_rubric, yaml_string
from scorer.io.rubrics.loader import load_rubric_file, load_rubric_text, rubric_files
from scorer.paths import bundled_rubrics_dir


@pytest.mark.parametrize("path", rubric_files(bundled_rubrics_dir()), ids=lambda p: p.name)
def test_the_dump_reads_back_as_the_same_version(path: object) -> None:
    rubric = load_rubric_file(path).rubric  # type: ignore[arg-type]
    assert rubric is not None
    again = load_rubric_text(dump_rubric(rubric), "dump.yaml")
    assert again.ok, again.diagnostics
    assert again.rubric is not None and again.rubric.version == rubric.version


def test_the_dump_follows_the_schema_order_and_keeps_line_breaks_in_blocks() -> None:
    rubric = load_rubric_file(bundled_rubrics_dir() / "coding.yaml").rubric
    assert rubric is not None
    text = dump_rubric(rubric)
    lines = text.splitlines()
    assert lines[:3] == ["schema_version: 1", "id: coding", f"title: {rubric.title}"]
    multi = next(q for q in rubric.questions if "\n" in q.prompt)
    first_line = multi.prompt.splitlines()[0]
    at = next(i for i, line in enumerate(lines) if line.strip() == first_line.strip())
    assert lines[at - 1].endswith(("prompt: |", "prompt: |-"))
    # Level anchors come in the order the interviewer reads them: lowest score first.
    assert text.index("score: 1") < text.index("score: 4")


def test_yaml_string_quotes_what_yaml_would_misread() -> None:
    for title in ("Plain", "Has: a colon", 'Quotes "inside" \\ and # hash', "Zoë's yes"):
        load = load_rubric_text(f"k: {yaml_string(title)}\n", "x.yaml")
        assert load.document is not None and load.document.data == {"k": title}
