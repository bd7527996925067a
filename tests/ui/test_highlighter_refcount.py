"""The YAML highlighter leaves `None`'s reference count alone.

PySide6-Essentials 6.12.0 on CPython 3.11 drops a reference to `None` at every
`QSyntaxHighlighter.setFormat` and `setCurrentBlockState` call; after enough
highlighting CPython frees `None` and the process dies ("none_dealloc"). The
dependency bounds exclude that combination; this test fails on it.
"""

from __future__ import annotations

import gc
import sys

from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication

from scorer.paths import bundled_rubrics_dir
from scorer.ui.rubric_workspace.yaml_highlighter import YamlHighlighter


def _none_refs() -> int:
    gc.collect()
    return sys.getrefcount(None)


def test_a_highlight_pass_over_a_real_rubric_keeps_none_alive(qapp: QApplication) -> None:
    text = (bundled_rubrics_dir() / "coding.yaml").read_text(encoding="utf-8")
    document = QTextDocument()
    highlighter = YamlHighlighter(document, qapp.palette())
    document.setPlainText(text)  # the first pass: caches and formats are made here
    before = _none_refs()
    highlighter.rehighlight()
    after = _none_refs()
    lines = text.count("\n")
    # Each line makes at least one setFormat or setCurrentBlockState call, so the
    # broken binding loses hundreds of references in one pass; noise is a handful.
    assert lines > 100
    assert after >= before - 5, f"None lost {before - after} references in one pass"
