from __future__ import annotations

from scorer.ui.prose import prose_html


def test_wrapped_lines_are_reflowed_into_paragraphs() -> None:
    text = "A dataset lives\non a server.\n\nImplement a\nclient.\n"
    assert prose_html(text) == "<p>A dataset lives on a server.</p><p>Implement a client.</p>"


def test_lists_stay_lists_and_wrapped_items_join() -> None:
    text = "Requirements:\n  - An abstract base\n    class.\n  - Clean shutdown.\n"
    assert prose_html(text) == (
        "<p>Requirements:</p><ul><li>An abstract base class.</li><li>Clean shutdown.</li></ul>"
    )


def test_text_is_escaped() -> None:
    assert prose_html("x < y & z") == "<p>x &lt; y &amp; z</p>"
