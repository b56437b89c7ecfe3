"""The 项目资金 block in the window: four fixed rows per project, 年度资金总额 summed from its 其中 rows
(read-only, no 合计 row adding it to them again), 分值 / 执行率 / 得分 computed, and a fixed row the
document does not hold yet created by typing into it — one undo step."""

import pytest

from desktop.domain.money import Money
from desktop.editing.session import EditSession
from desktop.io.samples import load_sample
from desktop.ui.qt import Qt
from desktop.ui.sheet_model import FIXED_ROW, TOTAL_ROW, SheetModel
from desktop.ui.workspace import Workspace


@pytest.fixture
def workspace(qapp):
    return Workspace(EditSession(load_sample(1), None))


@pytest.fixture
def model(workspace):
    return SheetModel(workspace, "project_funds", filter_column="project", filter_value="r1")


def shown(model, row, key):
    return model.data(model.index_of(row, key))


def test_seed1_block_has_four_fixed_rows_and_no_double_counting_total(qtmodeltester, model):
    qtmodeltester.check(model, force_py=True)
    assert [model.headerData(r, Qt.Orientation.Vertical) for r in range(model.rowCount())] == [
        "年度资金总额", "其中：当年财政拨款", "上年结转资金", "其他资金"]
    assert TOTAL_ROW not in [r.row_id for r in model._rows]           # no 合计 row: 45.16 is gone
    assert model.document_rows() == ["r1", "r2", "r3"]
    assert shown(model, "r1", "full_year_budget") == "22.58"
    assert shown(model, f"{FIXED_ROW}上年结转资金", "source") == "上年结转资金"
    assert shown(model, "r1", "points") == "10.00" and shown(model, "r1", "score") == "10.00"
    assert shown(model, "r1", "execution_rate") == "100.0%" and shown(model, "r2", "execution_rate") == "100.0%"
    assert shown(model, "r2", "points") == "" and shown(model, "r2", "score") == ""
    assert not model.is_variable()


def test_the_total_is_read_only_while_its_parts_are_filled(model):
    total = model.index_of("r1", "full_year_budget")
    assert model.is_total_cell("r1", "full_year_budget")
    assert not model.flags(total) & Qt.ItemFlag.ItemIsEditable
    assert "当年财政拨款 + 上年结转资金 + 其他资金" in model.data(total, Qt.ItemDataRole.ToolTipRole)
    # 年初预算数: no part is filled, so the clerk types the total there
    assert model.flags(model.index_of("r1", "initial_budget")) & Qt.ItemFlag.ItemIsEditable
    assert not model.flags(model.index_of("r2", "source")) & Qt.ItemFlag.ItemIsEditable


def test_typing_into_a_missing_fixed_row_creates_it_and_updates_the_total(workspace, model):
    year = workspace.document.year(workspace.year)
    row = f"{FIXED_ROW}上年结转资金"
    assert model.setData(model.index_of(row, "full_year_budget"), "1.42")
    funds = year.section("project_funds").rows
    added = [r for r, v in funds.items() if v.get("source") == "上年结转资金"]
    assert len(added) == 1 and funds[added[0]] == {"project": "r1", "source": "上年结转资金",
                                                   "full_year_budget": Money.from_yuan("14200")}
    assert model.rowCount() == 4 and model.document_rows()[2] == added[0]
    assert shown(model, "r1", "full_year_budget") == "24.00"          # 22.58 + 1.42
    assert shown(model, "r1", "execution_rate") == "94.1%"             # 22.58 / 24.00
    workspace.undo_stack.undo()
    assert not any(v.get("source") == "上年结转资金" for v in funds.values())
    assert shown(model, "r1", "full_year_budget") == "22.58" and model.rowCount() == 4


def test_a_duplicate_source_row_is_kept_below_the_block_and_can_be_removed(workspace, model):
    from desktop.editing.commands import InsertRows
    assert workspace.push(InsertRows(workspace.year, "project_funds", 3,
                                     [{"project": "r1", "source": "当年财政拨款", "executed": Money.from_yuan("1")}],
                                     "添加"))
    assert model.rowCount() == 5 and model.headerData(4, Qt.Orientation.Vertical) == "重复/未选来源"
    extra = model._rows[4].row_id
    assert model.flags(model.index_of(extra, "source")) & Qt.ItemFlag.ItemIsEditable
    assert not model.remove_rows([1])                                   # a fixed row stays
    assert model.remove_rows([4]) and model.rowCount() == 4
    assert extra not in workspace.document.year(workspace.year).section("project_funds").rows


def test_paste_of_the_whole_block_from_excel_fills_missing_rows(workspace, model):
    column = [s.key for s in model.specs].index("initial_budget")
    assert model.paste("22.58\n20\n2.58\n0\n", [model.index(0, column)])
    assert shown(model, "r1", "initial_budget") == "22.58"
    assert not model.flags(model.index_of("r1", "initial_budget")) & Qt.ItemFlag.ItemIsEditable
    funds = workspace.document.year(workspace.year).section("project_funds").rows
    assert sorted(v.get("source") for v in funds.values() if v.get("project") == "r1") == [
        "上年结转资金", "其他资金", "年度资金总额", "当年财政拨款"]
    assert funds["r3"]["initial_budget"] == Money(0)
    assert model._reported("r1", "initial_budget") == Money.from_yuan("225800")  # typed, equal to the sum
    workspace.undo_stack.undo()                                         # one step
    assert shown(model, "r1", "initial_budget") == "" and model.document_rows() == ["r1", "r2", "r3"]
