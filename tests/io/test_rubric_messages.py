"""The rubric loader's messages: each at the line of the mistake, in plain words, all at once.

Every case edits the shipped math rubric the way a lead slips while editing it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scorer.io.rubrics.loader import load_rubric_file, load_rubric_text
from scorer.paths import bundled_rubrics_dir

MATH = (bundled_rubrics_dir() / "math.yaml").read_text(encoding="utf-8")
LINES = MATH.splitlines()
CORPUS = Path(__file__).parent / "rubric_corpus" / "malformed"


def line_of(needle: str, text: str = MATH) -> int:
    return next(i for i, line in enumerate(text.splitlines(), start=1) if needle in line)


def problems(text: str) -> list[tuple[int, int, str]]:
    load = load_rubric_text(text, "math.yaml")
    assert load.rubric is None
    return [(d.line, d.column, d.message) for d in load.diagnostics]


def edit(old: str, new: str, text: str = MATH) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


# Syntax errors, each at the line where the mistake is


def test_a_missing_colon_is_on_its_own_line_not_the_next() -> None:
    assert line_of("duration_minutes: 60") == 12
    found = problems(edit("duration_minutes: 60", "duration_minutes 60"))
    assert (12, 1, "'duration_minutes 60' needs a colon after the key") in found
    assert not any(line == 13 for line, _, _ in found)
    assert not any("YAML" in message for _, _, message in found)


def test_a_missing_colon_in_a_nested_key_is_on_its_own_line() -> None:
    line = line_of("  kind: shared_notepad")
    found = problems(edit("  kind: shared_notepad", "  kind shared_notepad"))
    assert (line, 3, "'kind shared_notepad' needs a colon after the key") in found


def test_an_unclosed_quote_names_the_line_where_it_opened() -> None:
    line = line_of('title: "Math:')
    # The next double quote in the file is hundreds of lines below, and closes it there.
    text = edit('ML/DL theory"\n', "ML/DL theory\n")
    closing = line_of('"prevents overfitting"', text)
    assert closing > line + 100
    assert problems(text) == [(
        line, 8, f'the quote (") opened here is not closed on this line; the next ", on line '
        f'{closing}, closes it: end the text with " here',
    )]
    # With no quote after it at all, it is never closed.
    last = text.split("recommendation:")[0].replace('"prevents overfitting"', "overfitting")
    assert '"' not in last.split("\n", line)[-1]
    assert problems(last) == [
        (line, 8, 'the quote (") opened here is never closed; end the text with "')
    ]
    # A single quote, closed by the apostrophe of "Bayes'" seven lines below.
    single = problems(edit("area: Linear algebra", "area: 'Linear algebra"))
    assert [(ln, col) for ln, col, _ in single] == [(line_of("area:"), 7)]
    assert f"the next ', on line {line_of('Bayes')}, closes it" in single[0][2]


@pytest.mark.parametrize(
    ("old", "new", "needle", "column", "words"),
    [
        ("  kind: shared_notepad", "\tkind: shared_notepad", "\tkind", 1,
         "a tab is used for indentation here"),
        ("tags: [linear-algebra, least-squares, pseudo-inverse]",
         "tags: [linear-algebra, least-squares, pseudo-inverse", "tags: [linear-algebra", 11,
         "the '[' opened here is never closed"),
        ("area: Linear algebra, probability", "area: Linear algebra: probability", "area:", 21,
         "put the whole value in quotes"),
        ("    title: Introduction and rules", "     title: Introduction and rules",
         "title: Introduction and rules", 6, "is indented more than '- id: intro' above it"),
        ("    minutes: 3\n", "   minutes: 3\n", "   minutes: 3", 4,
         "lines up with nothing above it"),
        ("  - id: linear-algebra-discussion", "  -id: linear-algebra-discussion",
         "-id: linear-algebra-discussion", 3, "needs a space after the '-'"),
        ("    kind: conversation\n    minutes: 3", "    kind: conversation\n     minutes: 3",
         "     minutes: 3", 6, "is indented more than 'kind: conversation' above it"),
        ("  - id: least-squares", "  - id least-squares", "- id least-squares", 3,
         "'- id least-squares' needs a colon after the key"),
        ("    minutes: 3\n", "    minutes: @3\n", "minutes: @3", 14,
         "YAML reads @ here as a special character: put the value in quotes"),
    ],
    ids=["tab", "unclosed-bracket", "colon-in-value", "indent-deeper", "indent-between",
         "dash-without-space", "key-deeper-than-its-sibling", "item-missing-colon",
         "special-character"],
)
def test_each_slip_is_named_at_its_line(
    old: str, new: str, needle: str, column: int, words: str
) -> None:
    text = edit(old, new)
    line = line_of(needle, text)
    found = problems(text)
    assert any(
        (ln, col) == (line, column) and words in message for ln, col, message in found
    ), found


# Every problem in one pass


def test_a_typo_a_missing_anchor_and_a_duplicate_id_show_with_the_checks_across_fields() -> None:
    text = MATH
    typo = "        anchr: >\n          Could not set up"
    text = edit("        anchor: >\n          Could not set up", typo, text)
    text = edit("      - score: 2\n        label: Partial\n        anchor: >",
                "      - score: 2\n        label: Partial\n        note: >", text)
    text = edit("  - id: probability-estimation", "  - id: linear-algebra", text)
    text = edit("    minutes: 3\n", "    minutes: 4\n", text)  # the agenda no longer adds up
    text = edit("section: linear-algebra-notepad", "section: linear-algebra-pad", text)
    found = problems(text)
    messages = [m for _, _, m in found]
    assert "unknown key 'anchr'; did you mean 'anchor'?" in messages
    assert "unknown key 'note'; allowed here: anchor, label, score" in messages
    level = line_of("note: >", text) - 2  # the level that lost its anchor
    assert (level, 9, "missing required key 'anchor'") in found
    assert LINES[445] == "  - id: linear-algebra"
    duplicate = [m for m in messages if m.startswith("duplicate dimension id")]
    assert duplicate == ["duplicate dimension id 'linear-algebra' (first used on line 446)"]
    assert any(m.startswith("agenda minutes add up to 61") for m in messages)
    assert any("section 'linear-algebra-pad' is not an agenda section id" in m for m in messages)
    # The questions that name the renamed dimension are rightly reported as well.
    assert all(
        m.startswith(("unknown key", "missing required key", "duplicate", "agenda minutes",
                      "section 'linear-algebra-pad'", "dimension 'probability-estimation'"))
        for m in messages
    ), messages


def test_a_broken_item_never_makes_a_sound_reference_look_wrong() -> None:
    # The dimension 'linear-algebra' has an error of its own; questions that name it are fine.
    text = edit("    weight: 1.5", "    weight: -1")
    found = problems(text)
    assert [(line, m) for line, _, m in found] == [
        (line_of("weight: -1", text), "'weight' should be greater than 0, found -1")
    ]


def test_an_indent_error_does_not_hide_the_problems_elsewhere() -> None:
    text = edit("    title: Introduction and rules", "     title: Introduction and rules")
    text = edit("    weight: 1.5", "    wieght: 1.5", text)
    text = edit("  - id: choose-questions", "  - id: open-notepad", text)
    found = problems(text)
    where = {message.split(";")[0].split(" (")[0]: line for line, _, message in found}
    assert line_of("title: Introduction and rules", text) in where.values()
    assert where["unknown key 'wieght'"] == line_of("wieght", text)
    assert where["duplicate prep item id 'open-notepad'"] == line_of("- id: choose", MATH)
    # The broken section's keys are neither missing nor checked, nor is anything that
    # refers to them: the questions name agenda sections that could not be read.
    messages = [m for *_, m in found]
    assert not any("'agenda'" in m or "agenda minutes" in m for m in messages)
    assert not any("is not an agenda section id" in m for m in messages)
    assert len(found) == 3, found


def test_no_message_names_a_place_by_its_path() -> None:
    """Places are lines: 'first used at dimensions[0]' is 'first used on line 34'."""
    for path in sorted(CORPUS.glob("*.yaml")):
        for diagnostic in load_rubric_file(path).diagnostics:
            assert not re.search(r"\b\w+\[\d+\]", diagnostic.message), diagnostic
            assert diagnostic.line >= 1


# Placeholders


def test_a_template_placeholder_is_a_problem_at_its_line() -> None:
    text = edit("area: Linear algebra, probability and estimation theory, ML/DL theory",
                "area: <<The subject area, e.g. Linear algebra>>")
    text = edit(
        "        anchor: >\n          Could not set up",
        "        anchor: >\n          <<Observed at score 1,\n          e.g. nothing.>>\n"
        "          Could not set up", text,
    )
    load = load_rubric_text(text, "math.yaml")
    assert load.rubric is None and load.draft is not None
    found = [(d.line, d.message) for d in load.diagnostics]
    assert (line_of("area:", text),
            "'area' still holds a template placeholder: <<The subject area, e.g. Linear "
            "algebra>>") in found
    assert any(line == line_of("anchor: >", text) and "'anchor' still holds" in m
               for line, m in found)
    assert len(found) == 2


def test_angle_brackets_in_real_text_are_not_placeholders() -> None:
    text = edit("area: Linear algebra, probability",
                "area: Shift operators (x << 2 >> 1) and p < 0.05 > q, probability")
    assert load_rubric_text(text, "math.yaml").ok


def test_a_key_left_without_its_value_says_so() -> None:
    text = edit("        label: Partial", "        label:")
    line = text.splitlines().index("        label:") + 1
    assert problems(text) == [(line, 9, "'label' has no value: write it after the colon")]
