"""Tables that break across pages the way a reader of a published table expects.

reportlab splits a table between rows only where no merged cell crosses, and otherwise splits a
row in two (`splitInRow`): a row's label could end up alone on one page and its figures on the
next, the header could be left alone at a page's foot, and a second copy of the header could
appear in the middle of a page. A GridTable breaks only between rows, merged cells included where
their label has room on both pages (a merged label such as "产出" is printed again on the next
page), keeps its header with at least KEEP_FIRST body rows and sends at least KEEP_LAST body rows
on together.

Only a table that no page can hold by these rules is broken less strictly: first with a single body
row under the header, then, for a row taller than a whole page, inside that row (reportlab's own
in-row split), so every text can still be laid out.
"""

from __future__ import annotations

from reportlab.platypus import Table

KEEP_FIRST = 2
KEEP_LAST = 2
_SPLIT_FAILURES = (UnboundLocalError, TypeError, IndexError)  # reportlab's in-row split on merged cells


class GridTable(Table):
    """A table with these breaking rules; `caption` names it when no page can hold a row."""

    caption = ""
    frame_height = 0.0  # the height of a whole frame of the table's orientation
    unsplittable: list[str] = []  # captions of tables that could not be split, last one last
    _mode = "rules"  # "rules", "relaxed" (one body row is enough), "in-row" (split inside a row)
    _split_at = 0

    def onSplit(self, part, byRow=1):  # noqa: N802 (reportlab's name)
        part.caption, part.frame_height = self.caption, self.frame_height

    @property
    def header_rows(self) -> int:
        return self.repeatRows if isinstance(self.repeatRows, int) else len(self.repeatRows)

    def _getFirstPossibleSplitRowPosition(self, availHeight, ignoreSpans=0):  # noqa: N802,N803
        """How many rows go on this page (in-row: the row that is split), 0 for none."""
        heights = self._rowHeights
        fitting, used = 0, 0.0
        for height in heights:
            if height is None or used + height > availHeight:
                break
            used += height
            fitting += 1
        if self._mode != "in-row" and fitting < len(heights):
            body = len(heights) - self.header_rows
            first = min(KEEP_FIRST, body) if self._mode == "rules" else 1
            last = min(KEEP_LAST, body - first) if self._mode == "rules" else 0
            fitting = min(fitting, len(heights) - last)
            while fitting >= self.header_rows + first and not self._label_fits_both_parts(fitting):
                fitting -= 1
            if fitting < self.header_rows + first:
                fitting = 0
        self._split_at = fitting
        return fitting

    def _label_fits_both_parts(self, at: int) -> bool:
        """Whether every merged cell a break before row `at` goes through still has room for its
        label on both pages (the label is printed on both)."""
        heights = self._rowHeights
        for span in getattr(self, "_spanRanges", {}).values():
            if span is None or not span[1] < at <= span[3]:
                continue
            first_column, first_row, last_column, last_row = span
            value = self._cellvalues[first_row][first_column]
            if not value:
                continue
            style = self._cellStyles[first_row][first_column]
            width = sum(self._colWidths[first_column:last_column + 1])
            needed = self._listCellGeom(value, width, style)[1] + style.topPadding + style.bottomPadding
            after = heights[at:last_row + 1]
            if sum(heights[first_row:at]) < needed or (None not in after and sum(after) < needed):
                return False
        return True

    def split(self, availWidth, availHeight):  # noqa: N803
        self._calc(availWidth, availHeight)
        if self._height <= availHeight + 1e-6 and self._width <= availWidth + 0.01:
            return [self]  # it fits whole (reportlab would refuse a table of header rows only)
        parts = self._split_as("rules", availWidth, availHeight)
        if not parts and not self._holds_on_a_page(availWidth, "rules"):
            parts = self._split_as("relaxed", availWidth, availHeight)
            if not parts and not self._holds_on_a_page(availWidth, "relaxed"):
                parts = self._split_as("in-row", availWidth, availHeight)
        if not parts:
            GridTable.unsplittable.append(self.caption)
        return parts

    def _holds_on_a_page(self, width: float, mode: str) -> bool:
        """Whether a whole frame can take the start of this table in this mode."""
        if not self.frame_height:
            return False
        self._mode = mode
        try:
            self._calc(width, self.frame_height)
            fitting = self._getFirstPossibleSplitRowPosition(self.frame_height)
            return fitting == len(self._rowHeights) or fitting > self.header_rows
        finally:
            self._mode = "rules"

    def _split_as(self, mode: str, width: float, height: float) -> list:
        self._mode = mode
        try:
            self._calc(width, height)
            if self._width > width + 0.01:  # wider than the frame (rounding aside)
                return []
            if mode == "in-row":
                # a row split in two reads from its top: its label with its first lines, not on whichever
                # page its middle falls (centred, reportlab also left its empty tail running on, page after
                # page, as header rows over nothing, and it fails on a merged cell centred vertically)
                for row in self._cellStyles:
                    for style in row:
                        style.valign = "TOP"
            try:
                parts = self._splitRows(height, doInRowSplit=mode == "in-row")
            except _SPLIT_FAILURES:
                parts = []
        finally:
            self._mode = "rules"
        if len(parts) == 2 and mode != "in-row":
            self._carry_merged_labels(parts[1])
        return parts

    def _carry_merged_labels(self, rest: Table) -> None:
        """Print again, on the next page, the label of a merged cell the break went through."""
        at = self._split_at
        for span in getattr(self, "_spanRanges", {}).values():
            if span is None:
                continue
            first_column, first_row, _, last_row = span
            if self.header_rows <= first_row < at <= last_row:
                rest._cellvalues[self.header_rows][first_column] = self._cellvalues[first_row][first_column]

    def _culprit(self):
        return self.caption  # reportlab's own version fails on rows it could not measure
