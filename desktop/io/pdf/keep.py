"""Headings and captions kept on the page of what follows them.

A heading (a part title, 一、, （一）, 1.) or a table's caption (表N, its title, the 编制单位/单位
line) must never be the last thing on a page. reportlab's keepWithNext either lets the table
that follows slip to the next page (when the caption is its own group) or moves a whole long
table to a new page (KeepTogether of heading and table). LeadIn places the lead (headings,
caption) on this page only when the start of what follows fits under it: at least two lines of a
paragraph, a table's header with its first body rows (grid.GridTable's own rule), a whole chart;
otherwise it starts a new page with them.
"""

from __future__ import annotations

from reportlab.platypus import Paragraph
from reportlab.platypus.doctemplate import FrameBreak
from reportlab.platypus.flowables import Flowable

from desktop.io.pdf.grid import GridTable

_SAFETY = 1.0  # points kept free for rounding between this estimate and the frame's own


class LeadIn(Flowable):
    """`lead` followed by `follower`, never parted by a page break."""

    def __init__(self, lead: list[Flowable], follower: Flowable) -> None:
        super().__init__()
        self.lead, self.follower = lead, follower

    def wrap(self, availWidth, availHeight):  # noqa: N803 (reportlab's names)
        return availWidth, 0xFFFFFF  # always split: the frame then places the pieces one by one

    def split(self, availWidth, availHeight):  # noqa: N803
        frame = getattr(self, "_frame", None)
        at_top = bool(frame is not None and frame._atTop)
        room = availHeight - self._lead_height(availWidth, availHeight, at_top) - _SAFETY
        room -= self.follower.getSpaceBefore()
        start = self._start(availWidth, room) if room > 0 else None
        if start is not None:
            return [*self.lead, *start]
        if at_top:
            return [*self.lead, self.follower]
        return [FrameBreak(), self]

    def _lead_height(self, width: float, height: float, at_top: bool) -> float:
        total = 0.0
        for index, flowable in enumerate(self.lead):
            if index or not at_top:
                total += flowable.getSpaceBefore()
            total += flowable.wrap(width, height)[1] + flowable.getSpaceAfter()
        return total

    def _start(self, width: float, room: float) -> list[Flowable] | None:
        """The follower's pieces when its required start fits in `room`, else None."""
        follower = self.follower
        if isinstance(follower, GridTable):
            return follower.split(width, room) or None  # [] unless its header and first rows fit
        if follower.wrap(width, room)[1] <= room:
            return [follower]
        if isinstance(follower, Paragraph):
            return follower.split(width, room) or None  # [] unless two lines fit
        return None
