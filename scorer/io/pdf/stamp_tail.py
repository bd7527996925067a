"""A document's last content and its signature block, laid out so the stamp never has a
page to itself.

At the end of a document the signature block (a heading, the stamp and the words
beside it) follows the last section. Where it does not fit below that section, the
block goes without its heading if that fits; where even that does not fit, the end
of the last section goes on to the next page with it (at least two lines of a
paragraph, and a heading always with what it heads), so that the stamp's page has
content too.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Table, TableStyle

EPSILON = 0.01


class StampTail(Flowable):  # type: ignore[misc]
    """`lead` (the last section's flowables), then `full` (the signature block), or
    `compact` (the block without its heading) when only that fits beside the lead."""

    def __init__(self, lead: Sequence[Flowable], full: Sequence[Flowable],
                 compact: Sequence[Flowable]) -> None:
        super().__init__()
        self.lead = list(lead)
        self.full = list(full)
        self.compact = list(compact)
        self._shown = self.lead + self.full

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self._shown = self.lead + self.full
        self.width = avail_width
        self.height = _height(self._shown, avail_width)
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        lead = _height(self.lead, avail_width)
        if lead + _height(self.compact, avail_width) <= avail_height:
            return [*self.lead, *self.compact]
        here, later = _carry(self.lead, avail_width, avail_height)
        if not here:
            return []  # all of it on the next page
        return [*here, StampTail(later, self.full, self.compact)]

    def draw(self) -> None:
        canvas: Any = self.canv
        y = self.height
        for flowable in self._shown:
            y -= flowable.getSpaceBefore()
            _, h = flowable.wrap(self.width, y)
            y -= h
            flowable.drawOn(canvas, 0, y)
            y -= flowable.getSpaceAfter()


def _height(flowables: Sequence[Flowable], width: float) -> float:
    total = 0.0
    for flowable in flowables:
        _, h = flowable.wrap(width, 1e6)
        total += h + flowable.getSpaceBefore() + flowable.getSpaceAfter()
    return total


def _carry(lead: Sequence[Flowable], width: float, height: float
           ) -> tuple[list[Flowable], list[Flowable]]:
    """What of `lead` stays on this page, and what goes on (never nothing)."""
    used = 0.0
    here: list[Flowable] = []
    later: list[Flowable] = list(lead)
    for index, flowable in enumerate(lead):
        before = flowable.getSpaceBefore()
        _, h = flowable.wrap(width, 1e6)
        last = index == len(lead) - 1
        if not last and used + before + h <= height:
            here.append(flowable)
            used += before + h + flowable.getSpaceAfter()
            continue
        # Split this one so that its end goes on; the whole of it if it cannot be split.
        room = min(height - used - before, h - EPSILON)
        parts = flowable.split(width, room) if room > 0 else []
        if len(parts) == 2 and _height([parts[1]], width) > 0:
            here.append(parts[0])
            later = [parts[1], *lead[index + 1:]]
        else:
            later = list(lead[index:])
        break
    while here and here[-1].getKeepWithNext():  # a heading goes on with what it heads
        later.insert(0, here.pop())
    return here, later


def signature_table(slot: Flowable, words: Sequence[Flowable], width: float) -> Table:
    """The signature block's row: the stamp's slot, then the words beside it."""
    table = Table([[slot, list(words)]],
                  colWidths=[slot.width + 6 * mm, width - slot.width - 6 * mm])
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
    ]))
    return table
