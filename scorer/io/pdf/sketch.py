"""Charts as a flowable: lines, polygons, circles, rectangles and strings drawn straight
onto the page.

reportlab's graphics `Drawing` builds a tree of shape objects and walks it through a
renderer that sets every attribute of every node again; a chart of a few dozen
shapes costs milliseconds that way. A `Sketch` keeps the shapes as plain tuples and
draws them with the canvas, changing the colour, line width or font only when it
differs from the shape before.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib.colors import Color
from reportlab.platypus import Flowable

Shape = tuple[Any, ...]


class Sketch(Flowable):  # type: ignore[misc]
    """A fixed-size figure; coordinates in points from its lower-left corner."""

    def __init__(self, width: float, height: float) -> None:
        super().__init__()
        self.width = width
        self.height = height
        self.shapes: list[Shape] = []

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    # -- adding shapes ---------------------------------------------------------------

    def line(self, x0: float, y0: float, x1: float, y1: float, colour: Color,
             width: float = 1.0, dash: Sequence[float] | None = None) -> None:
        self.shapes.append(("line", colour, width, tuple(dash or ()), x0, y0, x1, y1))

    def polygon(self, points: Sequence[float], stroke: Color | None, width: float = 1.0,
                fill: Color | None = None) -> None:
        self.shapes.append(("polygon", stroke, width, fill, tuple(points)))

    def circle(self, x: float, y: float, radius: float, fill: Color | None,
               stroke: Color | None = None, width: float = 1.0) -> None:
        self.shapes.append(("circle", stroke, width, fill, x, y, radius))

    def rect(self, x: float, y: float, w: float, h: float, fill: Color) -> None:
        self.shapes.append(("rect", fill, x, y, w, h))

    def string(self, x: float, y: float, text: str, font: str, size: float, colour: Color,
               anchor: str = "start") -> None:
        """`anchor`: "start", "middle" or "end", where `x` is along the text."""
        self.shapes.append(("string", colour, font, size, anchor, x, y, text))

    # -- drawing ---------------------------------------------------------------------

    def draw(self) -> None:
        canvas: Any = self.canv
        pen = _Pen(canvas)
        canvas.saveState()
        for shape in self.shapes:
            kind = shape[0]
            if kind == "string":
                _, colour, font, size, anchor, x, y, text = shape
                pen.fill(colour)
                pen.font(font, size)
                if anchor == "middle":
                    canvas.drawCentredString(x, y, text)
                elif anchor == "end":
                    canvas.drawRightString(x, y, text)
                else:
                    canvas.drawString(x, y, text)
            elif kind == "line":
                _, colour, width, dash, x0, y0, x1, y1 = shape
                pen.stroke(colour, width, dash)
                canvas.line(x0, y0, x1, y1)
            elif kind == "rect":
                _, fill, x, y, w, h = shape
                pen.fill(fill)
                canvas.rect(x, y, w, h, stroke=0, fill=1)
            elif kind == "circle":
                _, stroke, width, fill, x, y, radius = shape
                pen.shape(stroke, width, fill)
                canvas.circle(x, y, radius, stroke=int(stroke is not None),
                              fill=int(fill is not None))
            else:  # polygon
                _, stroke, width, fill, points = shape
                pen.shape(stroke, width, fill)
                path = canvas.beginPath()
                path.moveTo(points[0], points[1])
                for i in range(2, len(points), 2):
                    path.lineTo(points[i], points[i + 1])
                path.close()
                canvas.drawPath(path, stroke=int(stroke is not None), fill=int(fill is not None))
        canvas.restoreState()


class _Pen:
    """The canvas' current colours, width, dash, font and fill opacity; set when they change."""

    def __init__(self, canvas: Any) -> None:
        self.canvas = canvas
        self._fill: Color | None = None
        self._alpha = 1.0
        self._stroke: Color | None = None
        self._width: float | None = None
        self._dash: tuple[float, ...] = ()
        self._font: tuple[str, float] | None = None

    def fill(self, colour: Color) -> None:
        alpha = float(getattr(colour, "alpha", 1.0))
        if alpha != self._alpha:
            self.canvas.setFillAlpha(alpha)
            self._alpha = alpha
        if colour is not self._fill:
            self.canvas.setFillColorRGB(colour.red, colour.green, colour.blue)
            self._fill = colour

    def stroke(self, colour: Color, width: float, dash: tuple[float, ...] = ()) -> None:
        if colour is not self._stroke:
            self.canvas.setStrokeColorRGB(colour.red, colour.green, colour.blue)
            self._stroke = colour
        if width != self._width:
            self.canvas.setLineWidth(width)
            self._width = width
        if dash != self._dash:
            if dash:
                self.canvas.setDash(list(dash))
            else:
                self.canvas.setDash()
            self._dash = dash

    def shape(self, stroke: Color | None, width: float, fill: Color | None) -> None:
        if stroke is not None:
            self.stroke(stroke, width)
        if fill is not None:
            self.fill(fill)

    def font(self, name: str, size: float) -> None:
        if (name, size) != self._font:
            self.canvas.setFont(name, size)
            self._font = (name, size)
