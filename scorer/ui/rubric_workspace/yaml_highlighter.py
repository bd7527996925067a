"""YAML colours for rubric files: keys, strings, comments, numbers, list dashes, blocks.

Not a YAML parser: it reads a line at a time, which is all a rubric needs, and
carries one piece of state between lines, the indent of a `|` or `>` block's
key, so that the block's text is coloured as text until the indent drops back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtGui import (
    QColor,
    QFont,
    QPalette,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextDocument,
)

from scorer.ui.theme import is_dark, tones

_NORMAL = -1
_KEY = re.compile(
    r"""(?P<key>"[^"]*"|'[^']*'|[^\s#'"\[\]{},:-][^#:]*?|-[^\s#:][^#:]*?)(?P<colon>\s*:)(?=\s|$)"""
)
_DASH = re.compile(r"-(?=\s|$)")
_BLOCK = re.compile(r"[|>][+-]?[1-9]?[+-]?(?=\s*(#.*)?$)")
_NUMBER = re.compile(r"[-+]?(\d[\d_]*(\.\d*)?([eE][-+]?\d+)?|\.\d+)(?=\s*(#.*)?$)")
_CONSTANT = re.compile(r"(true|false|True|False|TRUE|FALSE|null|~)(?=\s*(#.*)?$)")


@dataclass(frozen=True)
class _Formats:
    key: QTextCharFormat
    string: QTextCharFormat
    comment: QTextCharFormat
    number: QTextCharFormat
    punctuation: QTextCharFormat
    block_text: QTextCharFormat


def _format(colour: QColor, bold: bool = False, italic: bool = False) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setForeground(colour)
    if bold:
        fmt.setFontWeight(QFont.Weight.Bold)
    fmt.setFontItalic(italic)
    return fmt


def _formats(palette: QPalette) -> _Formats:
    dark = is_dark(palette)
    palette_tones = tones(palette)
    string = QColor("#a5d6a7" if dark else "#2e6b30")
    return _Formats(
        key=_format(QColor("#8ab4f8" if dark else "#1a4f9c"), bold=True),
        string=_format(string),
        comment=_format(palette_tones.muted, italic=True),
        number=_format(QColor("#ce93d8" if dark else "#7b1fa2")),
        punctuation=_format(palette_tones.warn, bold=True),
        block_text=_format(string),
    )


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def comment_start(text: str, start: int = 0) -> int:
    """Where a `#` comment starts in the line, outside quotes; -1 if there is none."""
    quote = ""
    for i in range(start, len(text)):
        char = text[i]
        if quote:
            if char == quote:
                quote = ""
        elif char in "\"'" and (i == start or text[i - 1] in " \t[{,:-"):
            quote = char
        elif char == "#" and (i == 0 or text[i - 1] in " \t"):
            return i
    return -1


class YamlHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument, palette: QPalette) -> None:
        super().__init__(document)
        self._formats = _formats(palette)

    def set_palette(self, palette: QPalette) -> None:
        self._formats = _formats(palette)
        self.rehighlight()

    def highlightBlock(self, text: str) -> None:
        previous = self.previousBlockState()
        if previous >= 0 and (not text.strip() or _indent(text) > previous):
            self.setFormat(0, len(text), self._formats.block_text)
            self.setCurrentBlockState(previous)
            return
        self.setCurrentBlockState(_NORMAL)
        if text.lstrip().startswith("#"):
            self.setFormat(0, len(text), self._formats.comment)
            return
        comment = comment_start(text)
        end = comment if comment >= 0 else len(text)
        if comment >= 0:
            self.setFormat(comment, len(text) - comment, self._formats.comment)
        position = _indent(text)
        while True:  # `- - key: value` nests dashes before the key
            dash = _DASH.match(text, position, end)
            if dash is None:
                break
            self.setFormat(dash.start(), 1, self._formats.punctuation)
            position = dash.end()
            while position < end and text[position] == " ":
                position += 1
        key_column = position
        key = _KEY.match(text, position, end)
        if key is not None:
            self.setFormat(key.start("key"), len(key.group("key")), self._formats.key)
            position = key.end()
            while position < end and text[position] == " ":
                position += 1
        self._value(text, position, end, key_column)

    def _value(self, text: str, start: int, end: int, key_column: int) -> None:
        value = text[start:end].rstrip()
        if not value:
            return
        if _BLOCK.match(text, start):
            self.setFormat(start, len(value), self._formats.punctuation)
            # Lines indented deeper than the key belong to the block.
            self.setCurrentBlockState(key_column)
        elif value[0] in "\"'":
            self.setFormat(start, len(value), self._formats.string)
        elif _NUMBER.match(text, start) or _CONSTANT.match(text, start):
            self.setFormat(start, len(value), self._formats.number)
        elif value[0] in "[{":
            self._flow(text, start, start + len(value))
        else:
            self.setFormat(start, len(value), self._formats.string)

    def _flow(self, text: str, start: int, end: int) -> None:
        self.setFormat(start, end - start, self._formats.string)
        for i in range(start, end):
            if text[i] in "[]{},":
                self.setFormat(i, 1, self._formats.punctuation)
