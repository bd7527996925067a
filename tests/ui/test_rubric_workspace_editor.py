"""The YAML editor on its own: colours, indentation, problem marks."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from scorer.domain.problems import Diagnostic
from scorer.ui.rubric_workspace.yaml_editor import YamlEditor
from scorer.ui.rubric_workspace.yaml_highlighter import comment_start

TEXT = """\
# a comment
id: coding   # trailing comment
minutes: 30
prompt: |
  id: not a key inside the block
  # not a comment either
title: "quoted: text"
tags: [a, b]
levels:
  - score: 1
"""


def colours(editor: YamlEditor, line: int) -> dict[str, QColor]:
    """The foreground colour of each formatted piece of a line, keyed by its text."""
    block = editor.document().findBlockByNumber(line - 1)
    out = {}
    for fmt in block.layout().formats():
        piece = block.text()[fmt.start:fmt.start + fmt.length]
        out[piece] = fmt.format.foreground().color()
    return out


def make_editor(qtbot: QtBot, text: str = TEXT) -> YamlEditor:
    editor = YamlEditor()
    qtbot.addWidget(editor)
    editor.setPlainText(text)
    editor.resize(600, 400)
    editor.show()
    qtbot.waitExposed(editor)
    return editor


def test_keys_values_comments_and_block_text_get_their_colours(qtbot: QtBot) -> None:
    editor = make_editor(qtbot)
    key = colours(editor, 2)["id"]
    comment = colours(editor, 1)["# a comment"]
    string = colours(editor, 2)["coding"]
    assert len({key.name(), comment.name(), string.name()}) == 3
    assert colours(editor, 2)["# trailing comment"] == comment
    assert colours(editor, 3)["30"] not in (key, string, comment)  # numbers apart
    # Inside the `|` block everything is text: no keys, no comments.
    assert colours(editor, 5) == {"  id: not a key inside the block": string}
    assert colours(editor, 6) == {"  # not a comment either": string}
    # After the block, keys are keys again; a quoted colon stays inside the string.
    assert colours(editor, 7)["title"] == key
    assert colours(editor, 7)['"quoted: text"'] == string
    assert colours(editor, 10)["score"] == key
    assert "-" in colours(editor, 10)


def test_comment_start_ignores_hashes_in_quotes_and_words() -> None:
    assert comment_start('a: "x # y"  # z') == 12
    assert comment_start("url: http://x/#frag") == -1
    assert comment_start("# all") == 0


def test_tab_indents_with_spaces_and_return_keeps_the_indent(qtbot: QtBot) -> None:
    editor = make_editor(qtbot, "levels:")
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, "- score: 1")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    qtbot.keyClicks(editor, "label: x")
    assert editor.toPlainText() == "levels:\n  - score: 1\n    label: x"
    assert "\t" not in editor.toPlainText()


def test_problems_are_marked_at_their_lines(qtbot: QtBot) -> None:
    editor = make_editor(qtbot)
    editor.set_diagnostics([
        Diagnostic("f", 3, 10, "should be at most 20"),
        Diagnostic("f", 99, 1, "past the end is ignored for marks"),
    ])
    assert editor.problem_lines() == [3, 99]
    underlines = [
        s for s in editor.extraSelections()
        if s.format.underlineStyle() == s.format.UnderlineStyle.WaveUnderline
    ]
    (underline,) = underlines
    assert underline.cursor.selectedText() == "30"
    editor.jump_to(3, 10)
    assert editor.textCursor().blockNumber() == 2 and editor.textCursor().positionInBlock() == 9
    editor.set_diagnostics([])
    assert editor.problem_lines() == []
