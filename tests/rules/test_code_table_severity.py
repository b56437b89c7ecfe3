"""N-13 and W-09 stay 提示性 and say the table is incomplete while the year's table is the bundled
one, and keep their catalogue severity and plain wording once the official table is imported."""

from __future__ import annotations

from datetime import datetime


from desktop.domain.code_import import parse_code_sheets
from desktop.domain.codes import INCOMPLETE_HINT, code_table
from desktop.domain.money import Money
from desktop.rules.catalogue import load_catalogue
from desktop.rules.engine import check_document
from desktop.rules.findings import Location
from desktop.store.code_tables import save_imported
from desktop.synthetic import build_document

YEAR = 2023


def _document_with_problems():
    document = build_document(projects=1, functional_rows=12, units=1, year=YEAR)
    gp = document.year(YEAR).section("gp_functional")
    first = next(r for r, row in gp.rows.items() if len(row.get("code") or "") == 3)
    code = gp.rows[first]["code"]
    gp.set_value(first, "name", "写错的类名")
    new_row = gp.add_row({"code": "29999", "name": "不存在的科目", "budget": Money(100), "total": Money(100)})
    return document, first, code, new_row


def _import_everything_bundled_for(year: int) -> None:
    """An 'official' table holding exactly the bundled codes, so only the severity changes."""
    table = code_table(year)
    rows = [["科目编码", "科目名称"]] + [[e.code, e.name] for s in ("functional", "economic") for e in table.entries(s)]
    save_imported(year, parse_code_sheets([("科目", rows)]), "2023年政府收支分类科目.xlsx", datetime(2024, 1, 2))


def _code_findings(document):
    return {f.rule: f for f in check_document(document, YEAR) if f.rule in ("N-13", "W-09")}


def test_with_the_bundled_table_code_findings_stay_warnings_and_say_the_table_is_incomplete(codes_home):
    document, row, code, new_row = _document_with_problems()
    found = _code_findings(document)
    assert found["N-13"].severity == "warning" and found["W-09"].severity == "warning"
    assert found["N-13"].location == Location("gp_functional", row, "name")
    assert found["W-09"].location == Location("gp_functional", new_row, "code")
    assert found["N-13"].message.endswith(f"表中写作“写错的类名”。{INCOMPLETE_HINT}")
    assert found["W-09"].message == f"一般公共预算财政拨款支出决算表：科目编码 29999 不在 {YEAR} 年科目表中，请核对。{INCOMPLETE_HINT}"
    assert "内置科目表不完整，请导入财政部门下发的科目表（文件 → 导入科目表…）" in found["W-09"].message
    assert found["W-09"].needs_explanation   # a clerk imports the table or explains, as for any 提示性


def test_with_an_imported_table_code_findings_keep_their_catalogue_severity(codes_home):
    _import_everything_bundled_for(YEAR)
    document, row, code, new_row = _document_with_problems()
    found = _code_findings(document)
    catalogue = load_catalogue()
    assert found["N-13"].severity == catalogue.rule("N-13").severity == "warning"
    assert found["W-09"].severity == catalogue.rule("W-09").severity == "warning"
    assert found["N-13"].location == Location("gp_functional", row, "name")
    assert found["W-09"].location == Location("gp_functional", new_row, "code")
    assert INCOMPLETE_HINT not in found["N-13"].message and INCOMPLETE_HINT not in found["W-09"].message
    assert found["W-09"].message == f"一般公共预算财政拨款支出决算表：科目编码 29999 不在 {YEAR} 年科目表中，请核对"
    assert found["W-09"].needs_explanation


def test_an_error_rule_on_the_bundled_table_reports_at_most_a_warning(codes_home):
    """Were a code check declared 强制性, the incomplete bundled table could still not make it block."""
    from desktop.rules.checks.code_table import code_finding
    from desktop.rules.context import RuleContext
    document, row, _code, _new_row = _document_with_problems()
    ctx = RuleContext(document, YEAR)
    ctx.rule_id, ctx.severity = "W-09", "error"
    finding = code_finding(ctx, code_table(YEAR), "functional", "gp_functional", row, "code", "科目编码不在科目表中")
    assert (finding.severity, finding.location) == ("warning", Location("gp_functional", row, "code"))
    assert finding.message == f"科目编码不在科目表中。{INCOMPLETE_HINT}"
    ctx.severity = "info"
    assert code_finding(ctx, code_table(YEAR), "functional", "gp_functional", row, "code", "…").severity == "info"
