"""Where in the tables a right figure stands: the cells that hold it, so 核对说明 can show one.

A figure the generator computed (a 合计, a share, a growth) stands in no single cell; an amount
the clerk entered does: every filled money cell of the year equal to it at the precision the
figure shows is a candidate, in the order of the tables.
"""

from __future__ import annotations

from decimal import Decimal

from desktop.domain.document import Document
from desktop.domain.money import Money
from desktop.review.claims import VALUE, BUDGET, PRIOR, Claim
from desktop.review.figures import AMOUNT_UNITS
from desktop.rules.findings import Location

STORED_ROLES = (VALUE, BUDGET, PRIOR)  # a change or a growth is always computed


def cells_holding(document: Document, year: int, right: Claim) -> list[Location]:
    figure = right.figure
    if figure.kind != "amount" or right.role not in STORED_ROLES or figure.value == 0:
        return []  # a zero stands in half the cells of a document: it points nowhere
    factor, step = AMOUNT_UNITS[figure.unit], Decimal(1).scaleb(-figure.decimals)
    found = []
    for section_key, data in document.years[year].sections.items():
        for row_id, row in data.rows.items():
            for column, value in row.items():
                if isinstance(value, Money) and abs(value.yuan / factor - figure.value) < step / 2:
                    found.append(Location(section_key, row_id, column))
    return found
