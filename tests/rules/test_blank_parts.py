"""Blank-aware identities: a cell not yet filled is named, never taken for an arithmetic slip.

The sweep blanks, one at a time, every filled amount of the synthetic document and of the three
samples (partial documents as clerks have them) and checks that no identity reports a mismatch
because of it: at most one 提示性 finding names the blank cell, and with the cell filled again
the findings are exactly those of the full document.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from desktop.domain.document import Document
from desktop.domain.money import Money
from desktop.io.samples import load_bundled
from desktop.rules.engine import check_document
from desktop.synthetic import build_document

YEAR = 2023
UNFILLED = "未填写；如为0请填0"
# the rules that compare a figure with a sum or with another table's figure
IDENTITY_RULES = ("T", "X", "P-01", "P-02", "N-08b", "N-09", "V-01", "W-01", "W-03")
COMPLETENESS_RULES = ("T0-01",)  # a table not filled in: names the blank, compares nothing


def yuan(text: str) -> Money:
    return Money.from_yuan(Decimal(text))


def findings(document: Document, year: int | None = None) -> dict[tuple[str, str], object]:
    return {f.identity: f for f in check_document(document, year)}


def is_identity_rule(rule: str) -> bool:
    if rule in COMPLETENESS_RULES:
        return False
    return any(rule == prefix or rule.startswith(prefix) and len(prefix) == 1 for prefix in IDENTITY_RULES)


def names_a_blank(message: str) -> bool:
    """A completeness finding: it says what is missing or what cannot be computed without it."""
    return any(word in message for word in ("未填写", "为空", "无法计"))


def partial_source(name: str) -> Document:
    return build_document() if name == "synthetic" else load_bundled(name)


@pytest.mark.parametrize("name", ["synthetic", "seed1", "seed2", "example"])
def test_each_blanked_amount_is_named_and_never_a_mismatch(name):
    document = partial_source(name)
    year = document.latest_year()
    before = findings(document, year.year)
    blanked = 0
    for section_key, section in year.sections.items():
        for row_id, row in list(section.rows.items()):
            for column, value in list(row.items()):
                if not isinstance(value, Money) or section.section.is_computed(row_id, column):
                    continue
                blanked += 1
                row[column] = None
                after = findings(document, year.year)
                row[column] = value
                where = f"{section_key}/{row_id}/{column} blank"
                for identity, finding in after.items():
                    old = before.get(identity)
                    if old is not None and old.severity == finding.severity:
                        continue
                    if is_identity_rule(finding.rule):
                        assert finding.severity in ("warning", "info") and UNFILLED in finding.message, (where, finding.text)
                    else:
                        assert names_a_blank(finding.message), (where, finding.text)
                assert findings(document, year.year) == before, where
    assert blanked >= 20


def _synthetic_t1():
    document = build_document()
    return document, document.year(YEAR).section("income_expenditure")


def test_a_blank_balance_is_named_at_its_cell_with_the_figures():
    document, t1 = _synthetic_t1()
    opening = t1.value("opening_balance", "current")
    assert opening is not None and opening.fen > 0
    t1.set_value("opening_balance", "current", None)
    found = check_document(document)
    assert [f.severity for f in found if f.severity == "error"] == []
    t105 = [f for f in found if f.rule == "T1-05"]
    assert len(t105) == 1 and t105[0].severity == "warning"
    assert t105[0].location.key == "income_expenditure/opening_balance/current"
    message = t105[0].message
    assert message.startswith("表1 收入支出决算总表·年初结转和结余（本年决算数） 未填写；如为0请填0")
    income = t1.value("income_grand_total", "current")
    expenditure = t1.value("expenditure_grand_total", "current")
    assert f"{income.fen // 100:,}" in message and f"{expenditure.fen // 100:,}" in message

    t1.set_value("opening_balance", "current", opening)
    assert check_document(document) == []


def test_filled_parts_that_already_break_the_identity_stay_an_error():
    document, t1 = _synthetic_t1()
    t1.set_value("opening_balance", "current", None)
    # the income side, without its blank, already exceeds the expenditure side: no blank can mend it
    gp = t1.value("income_gp", "current")
    t1.set_value("income_gp", "current", gp + yuan("100000000"))
    t105 = [f for f in check_document(document) if f.rule == "T1-05"]
    assert len(t105) == 1 and t105[0].severity == "error"
    assert t105[0].location.key == "income_expenditure/income_grand_total/current"
    assert "≠" in t105[0].message and UNFILLED not in t105[0].message


def test_a_blank_on_the_larger_side_of_an_upper_bound_is_named():
    """X-08 政府采购 ≤ 本年支出合计: a blank 支出 part could raise the bound."""
    document, t1 = _synthetic_t1()
    year = document.year(YEAR)
    expenditure = t1.value("expenditure_total", "current")
    year.section("procurement").set_value("", "total", expenditure - yuan("1"))
    for part in ("goods", "works", "services"):
        year.section("procurement").set_value("", part, None)
    year.section("procurement").set_value("", "goods", expenditure - yuan("1"))
    t1.set_value("expenditure_project", "current", None)
    x08 = [f for f in check_document(document) if f.rule == "X-08"]
    assert len(x08) == 1 and x08[0].severity == "warning"
    assert x08[0].location.key == "income_expenditure/expenditure_project/current"
    assert "项目支出（本年决算数） 未填写" in x08[0].message and "政府采购" in x08[0].message


def test_a_blank_on_the_smaller_side_of_a_lower_bound_cannot_mend_it():
    """X-09 三公 ≥ its economic class: blank economic rows would only raise the right side."""
    document = build_document()
    year = document.year(YEAR)
    economic = year.section("gp_basic_economic")
    economic.add_row({"code": "31013", "name": "公务用车购置", "actual": yuan("1")})
    economic.add_row({"code": "30913", "name": "公务用车购置"})
    x09 = [f for f in check_document(document) if f.rule == "X-09"]
    assert len(x09) == 1 and x09[0].severity == "error"
    assert x09[0].location.key == "sangong/vehicle_purchase/actual"
    assert "0.00 < 基本支出经济分类 31013+30913 公务用车购置 1.00" in x09[0].message


def test_a_partly_filled_roll_forward_names_its_blanks():
    document = build_document()
    fiscal = document.year(YEAR).section("fiscal_summary")
    opening = fiscal.value("gp", "opening_balance")
    fiscal.set_value("gp", "opening_balance", None)
    t404 = [f for f in check_document(document) if f.rule == "T4-04"]
    assert [(f.severity, f.location.key) for f in t404] == [("info", "fiscal_summary/gp/opening_balance")]
    assert "年初结转和结余） 未填写；如为0请填0" in t404[0].message
    fiscal.set_value("gp", "opening_balance", opening)
    assert not [f for f in check_document(document) if f.rule == "T4-04"]


def test_a_roll_forward_with_nothing_filled_says_nothing():
    document = build_document()
    fiscal = document.year(YEAR).section("fiscal_summary")
    for column in ("opening_balance", "income", "expenditure", "closing_balance"):
        fiscal.set_value("soe", column, None)
    assert not [f for f in check_document(document) if f.rule == "T4-04" and f.location.row == "soe"]


def test_a_blank_sangong_part_is_named_not_a_sangong_total_error():
    document = build_document()
    reception = document.year(YEAR).section("sangong_reception")
    before = findings(document)
    kept = reception.value("domestic", "amount")
    assert kept is not None
    reception.set_value("domestic", "amount", None)
    new = [f for i, f in findings(document).items() if i not in before]
    assert [f.severity for f in new if f.rule == "T7-04"] == ["warning"]
    t704 = next(f for f in new if f.rule == "T7-04")
    assert t704.location.key == "sangong_reception/domestic/amount" and UNFILLED in t704.message
    assert all(f.severity != "error" for f in new)
    reception.set_value("domestic", "amount", kept)
    assert findings(document) == before
