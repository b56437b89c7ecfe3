"""Invariants of the document model: typed cells, blank ≠ zero, fixed grids, stable row ids."""

import pytest

from desktop.domain.document import Document, DocumentError
from desktop.domain.money import ZERO, Money


@pytest.fixture()
def doc():
    return Document.new("测试部门", 2023)


def test_new_document_has_every_section_empty(doc):
    year = doc.year(2023)
    assert doc.department_name == "测试部门"
    assert all(s.is_empty() for s in year.sections.values())
    assert year.section("sangong").row_ids() == ["total", "abroad", "vehicle", "vehicle_purchase",
                                                  "vehicle_operation", "reception"]


def test_a_total_is_the_sum_of_its_filled_parts_and_a_typed_one_is_kept_apart(doc):
    sangong = doc.year(2023).section("sangong")
    assert sangong.value("total", "actual") is None  # every part blank: no total
    sangong.set_value("vehicle_operation", "actual", Money.from_yuan("300"))
    sangong.set_value("reception", "actual", Money.from_yuan("50"))
    assert sangong.value("vehicle", "actual") == Money.from_yuan("300")
    assert sangong.value("total", "actual") == Money.from_yuan("350")  # through the 小计 row
    sangong.set_value("total", "actual", Money.from_yuan("999"))  # arrived typed (an import)
    assert sangong.value("total", "actual") == Money.from_yuan("350")
    assert sangong.stored("total", "actual") == Money.from_yuan("999")
    assert sangong.effective_row("total") == {"actual": Money.from_yuan("350")}
    assert sangong.drop_agreeing_totals() == []  # a differing typed total stays, for the 审核
    sangong.set_value("total", "actual", Money.from_yuan("350"))
    assert sangong.drop_agreeing_totals() == [("total", "actual")]
    assert sangong.stored("total", "actual") is None and sangong.value("total", "actual") == Money.from_yuan("350")


def test_a_total_column_adds_up_its_columns_in_every_row(doc):
    summary = doc.year(2023).section("fiscal_summary")
    summary.set_value("gp", "income", Money.from_yuan("100"))
    summary.set_value("gp", "opening_balance", Money.from_yuan("20"))
    summary.set_value("fund", "income", Money(0))
    assert summary.value("gp", "grand_total") == Money.from_yuan("120")
    assert summary.value("total", "grand_total") == Money.from_yuan("120")
    assert summary.value("total", "income") == Money.from_yuan("100")
    assert summary.value("soe", "grand_total") is None
    assert summary.value("total", "prior_grand_total") is None  # a 上年数, typed


def test_blank_and_zero_are_different(doc):
    sangong = doc.year(2023).section("sangong")
    sangong.set_value("abroad", "actual", ZERO)
    assert sangong.value("abroad", "actual") == ZERO
    assert sangong.value("abroad", "budget") is None
    assert sangong.set_value("abroad", "actual", None) == ZERO
    assert sangong.value("abroad", "actual") is None


def test_cells_are_typed(doc):
    sangong = doc.year(2023).section("sangong")
    with pytest.raises(DocumentError) as caught:
        sangong.set_value("total", "budget", 44961.0)
    assert "三公" in str(caught.value) and "合计" in str(caught.value)


def test_grid_rows_are_fixed(doc):
    sangong = doc.year(2023).section("sangong")
    with pytest.raises(DocumentError):
        sangong.add_row()
    with pytest.raises(DocumentError):
        sangong.set_value("nonexistent", "budget", ZERO)
    with pytest.raises(KeyError):
        sangong.set_value("total", "colour", ZERO)


def test_table_rows_keep_order_and_ids(doc):
    table = doc.year(2023).section("gp_functional")
    first = table.add_row({"code": "201", "name": "一般公共服务支出"})
    third = table.add_row({"code": "215"})
    second = table.add_row({"code": "213"}, position=1)
    assert table.row_ids() == [first, second, third]
    assert len({first, second, third}) == 3
    table.move_row(third, 0)
    assert table.row_ids() == [third, first, second]
    position, values = table.remove_row(first)
    assert position == 1 and values["code"] == "201"
    assert table.add_row() not in (second, third)


def test_add_row_is_all_or_nothing(doc):
    table = doc.year(2023).section("gp_functional")
    with pytest.raises(DocumentError):
        table.add_row({"code": "201", "budget": "12a"})
    assert table.row_ids() == []


def test_duplicate_and_invalid_row_ids_refused(doc):
    table = doc.year(2023).section("projects")
    table.add_row(row_id="p1")
    for bad in ("p1", "has space", ""):
        with pytest.raises(DocumentError):
            table.add_row(row_id=bad or "x" * 41)


def test_removing_a_project_removes_its_indicators_and_funds(doc):
    year = doc.year(2023)
    project = year.section("projects").add_row({"name": "标识建设"})
    other = year.section("projects").add_row({"name": "其他项目"})
    year.section("project_indicators").add_row({"project": project, "level3": "数量"})
    kept = year.section("project_indicators").add_row({"project": other, "level3": "质量"})
    year.section("project_funds").add_row({"project": project, "source": "当年财政拨款"})
    removed = year.remove_row(doc.schema, "projects", project)
    assert [r[0] for r in removed] == ["project_funds", "project_indicators", "projects"]
    assert year.section("project_indicators").row_ids() == [kept]
    assert year.reference_problems(doc.schema) == []


def test_dangling_reference_reported(doc):
    year = doc.year(2023)
    year.section("project_indicators").add_row({"project": "ghost"})
    assert "ghost" in year.reference_problems(doc.schema)[0]


@pytest.mark.parametrize("year", [1999, 2101, "2023", True])
def test_year_range(doc, year):
    with pytest.raises(DocumentError):
        doc.add_year(year)


def test_years_are_unique_and_sorted(doc):
    doc.add_year(2022)
    with pytest.raises(DocumentError):
        doc.add_year(2023)
    assert list(doc.years) == [2022, 2023]
    assert doc.latest_year().year == 2023


def test_equality_sees_row_order(doc):
    other = Document.new("测试部门", 2023)
    for d in (doc, other):
        d.year(2023).section("gp_functional").add_row({"code": "201"}, row_id="a")
        d.year(2023).section("gp_functional").add_row({"code": "213"}, row_id="b")
    assert doc == other
    other.year(2023).section("gp_functional").move_row("b", 0)
    assert doc != other
    doc.year(2023).section("gp_functional").move_row("b", 0)
    doc.year(2023).section("gp_functional").set_value("a", "budget", Money(1))
    assert doc != other


def calls_to(action) -> int:
    """How many Python and built-in function calls `action` makes (work done, not time taken)."""
    import cProfile
    import pstats
    profiler = cProfile.Profile()
    profiler.runcall(action)
    return pstats.Stats(profiler).total_calls


def test_appending_rows_costs_the_same_for_each_row(doc):
    """Issue 19: an Excel import of 16,000 rows took 114 s, each new id scanning every id before it."""
    def append(count: int):
        table = Document.new("测试部门", 2023).year(2023).section("other_staff")
        return lambda: [table.add_row({"category": "在编人员", "count": 1}) for _ in range(count)]
    small, large = calls_to(append(1000)), calls_to(append(4000))
    assert large < 4.4 * small  # linear: four times the rows, four times the work (quadratic: ~16 times)


def test_ids_stay_unique_whatever_was_added_or_removed(doc):
    table = doc.year(2023).section("other_staff")
    ids = [table.add_row() for _ in range(3)]
    assert ids == ["r1", "r2", "r3"]
    table.add_row(row_id="r7")
    table.rows["r8"] = {}  # a reader may fill the dict directly
    table.remove_row("r3")
    fresh = table.add_row(position=0)
    assert fresh not in ("r1", "r2", "r7", "r8") and table.row_ids()[0] == fresh
    table.rows = {"r40": {}}  # a new set of rows: counted afresh
    assert table.add_row() == "r41"
    assert table.row_ids() == ["r40", "r41"]
