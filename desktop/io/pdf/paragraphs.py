"""A reportlab Paragraph that remembers its last line breaking.

reportlab breaks a paragraph's lines again on every wrap: a table cell is wrapped when its table
is measured, again at each attempt to split the table, and again when it is drawn, in both passes
of the build; for a 270-page document that is most of the export time. The lines depend only on
the width, so a wrap at the width of the previous one (to a millionth of a point: the table's arithmetic
jitters) returns the same size without breaking the
lines again (reportlab drops `blPara` itself whenever a split invalidates it).
"""

from __future__ import annotations

from reportlab.platypus import Paragraph as _Paragraph


class Paragraph(_Paragraph):
    _wrapped_at: float | None = None

    def wrap(self, availWidth, availHeight):  # noqa: N803 (reportlab's names)
        if self._wrapped_at is not None and abs(self._wrapped_at - availWidth) < 1e-6 and hasattr(self, "blPara"):
            return self.width, self.height
        size = super().wrap(availWidth, availHeight)
        self._wrapped_at = availWidth
        return size
