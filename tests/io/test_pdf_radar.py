"""The radar chart's label layout: every name inside the drawing, whole, and apart."""

from __future__ import annotations

import pytest
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from scorer.io.pdf.fonts import BOLD, REGULAR, register_fonts
from scorer.io.pdf.page import MARGIN as PAGE_MARGIN
from scorer.io.pdf.radar import MARGIN, SIZE, Axis, Layout, layout, radar
from scorer.paths import bundled_rubrics_dir
from scorer.services.rubrics.library import load_library

HEIGHT = 62 * mm
WIDTHS = {"A4": (A4[0] - 2 * PAGE_MARGIN) / 2, "Letter": (LETTER[0] - 2 * PAGE_MARGIN) / 2}


def _shipped() -> dict[str, list[str]]:
    return {r.id: [d.name for d in r.dimensions]
            for r in load_library(bundled_rubrics_dir()).rubrics}


NAME_SETS = {
    **{f"shipped-{k}": v for k, v in _shipped().items()},
    "ten-long": [f"Implementing the basic components of training, part {i}" for i in range(10)],
    "three-huge": ["Supercalifragilisticexpialidocious-distributed-optimisation"] * 3,
    "eight-mixed": ["Linear algebra", "Probability and estimation theory", "ML/DL theory",
                    "Expressing and solving on the whiteboard", "Working code",
                    "Implementing a model-parallel technique", "Code cleanliness",
                    "Knowledge of model-parallel methods"],
}


def _axes(names: list[str]) -> list[Axis]:
    return [Axis(name, (i % 4) + 1 if i != 1 else None, 1, 4) for i, name in enumerate(names)]


@pytest.fixture(scope="module", autouse=True)
def _fonts() -> None:
    register_fonts()


@pytest.mark.parametrize("size", WIDTHS)
@pytest.mark.parametrize("names", NAME_SETS.values(), ids=NAME_SETS.keys())
def test_labels_stay_inside_the_drawing_and_apart(names: list[str], size: str) -> None:
    width = WIDTHS[size]
    plan = layout(_axes(names), width, HEIGHT)
    assert plan.width == width and plan.height >= HEIGHT
    assert plan.radius >= 10
    for box in plan.labels:
        assert box.x0 >= MARGIN - 0.01 and box.x1 <= width - MARGIN + 0.01, box
        assert box.y0 >= 0 and box.y1 <= plan.height - MARGIN + 0.01, box
    for i, a in enumerate(plan.labels):
        for b in plan.labels[i + 1:]:
            assert not a.overlaps(b), (a, b)
    # The ring itself is inside too, and no label covers its centre.
    assert plan.cx - plan.radius >= MARGIN and plan.cx + plan.radius <= width - MARGIN
    assert plan.cy + plan.radius <= plan.height - MARGIN
    for box in plan.labels:
        assert not (box.x0 < plan.cx < box.x1 and box.y0 < plan.cy < box.y1)
    _nothing_lost(plan, names)


def _nothing_lost(plan: Layout, names: list[str]) -> None:
    """Every name is there in full, on lines that fit their box (or the legend's width)."""
    if plan.numbered:
        for line in plan.legend:
            assert stringWidth(line.strip(), REGULAR, SIZE) <= plan.width - 2 * MARGIN
        legend = "".join("".join(line.split()) for line in plan.legend)
        for number, name in enumerate(names, start=1):
            assert f"{number}{''.join(name.split())}" in legend
        return
    for box, name in zip(plan.labels, names, strict=True):
        assert "".join(box.lines[:-1]).replace(" ", "") == name.replace(" ", "")
        for i, line in enumerate(box.lines):
            font = BOLD if i == len(box.lines) - 1 else REGULAR  # the score is bold
            assert stringWidth(line, font, SIZE) <= box.x1 - box.x0 + 0.01


@pytest.mark.parametrize("size", WIDTHS)
def test_the_shipped_rubrics_get_their_names_beside_the_axes(size: str) -> None:
    for rubric_id, names in _shipped().items():
        plan = layout(_axes(names), WIDTHS[size], HEIGHT)
        assert not plan.numbered, rubric_id
        assert plan.radius >= 40, rubric_id


def test_the_long_training_label_sits_right_of_its_axis_and_inside() -> None:
    names = _shipped()["model-parallel"]
    index = names.index("Implementing the basic components of training")
    plan = layout(_axes(names), WIDTHS["A4"], HEIGHT)
    box = plan.labels[index]
    assert box.anchor == "start" and box.x0 > plan.cx + plan.radius
    assert box.x1 <= WIDTHS["A4"] - MARGIN and len(box.lines) >= 3


def test_too_many_long_names_fall_back_to_numbered_axes_with_a_legend() -> None:
    plan = layout(_axes(NAME_SETS["ten-long"]), WIDTHS["A4"], HEIGHT)
    assert plan.numbered and plan.height > HEIGHT
    assert [box.lines[0] for box in plan.labels] == [str(n) for n in range(1, 11)]
    drawing = radar(_axes(NAME_SETS["ten-long"]), WIDTHS["A4"], HEIGHT)
    assert drawing is not None and drawing.height == plan.height


def test_fewer_than_three_dimensions_draw_no_chart() -> None:
    assert radar(_axes(["A", "B"]), 200, 150) is None
