"""Every table model passes Qt's model tester, in every orientation the window uses, on both seeds,
and keeps passing across row insertion and removal."""

import pytest

from desktop.domain.schema import document_schema
from desktop.editing.commands import CellValue, InsertRows, SetCells
from desktop.editing.session import EditSession
from desktop.io.samples import load_sample
from desktop.ui.qt import Qt
from desktop.ui.sheet_model import TOTAL_ROW, SheetModel, parse_block
from desktop.ui.workspace import Workspace

SECTIONS = [s.key for s in document_schema().sections]


@pytest.fixture(params=[1, 2], ids=["seed1", "seed2"])
def workspace(request, qapp):
    return Workspace(EditSession(load_sample(request.param), None))


@pytest.mark.parametrize("section", SECTIONS)
def test_every_section_model_passes_the_model_tester(qtmodeltester, workspace, section):
    model = SheetModel(workspace, section)
    qtmodeltester.check(model, force_py=True)
    assert model.columnCount() >= 1


def test_project_record_and_filtered_models_pass_the_model_tester(qtmodeltester, workspace):
    projects = list(workspace.document.year(workspace.year).section("projects").rows)
    record = SheetModel(workspace, "projects", fields=True, record=projects[0] if projects else None)
    qtmodeltester.check(record, force_py=True)
    listing = SheetModel(workspace, "projects", only_columns=("name", "implementer", "is_key"))
    qtmodeltester.check(listing, force_py=True)
    for child in ("project_indicators", "project_funds"):
        model = SheetModel(workspace, child, filter_column="project", filter_value=projects[0] if projects else None)
        qtmodeltester.check(model, force_py=True)
        assert "project" not in [s.key for s in model.specs], "the project column is implied by the selection"
        for row_id in model.document_rows():
            assert workspace.document.year(workspace.year).section(child).rows[row_id]["project"] == projects[0]


def test_models_stay_valid_across_row_changes(qtmodeltester, workspace):
    model = SheetModel(workspace, "purchased_services")
    qtmodeltester.check(model, force_py=True)
    count = len(model.document_rows())
    assert workspace.push(InsertRows(workspace.year, "purchased_services", 0, [{"item": "新增"}], "添加行"))
    assert len(model.document_rows()) == count + 1  # the tester, still connected, watched the reset
    workspace.undo_stack.undo()
    assert len(model.document_rows()) == count


def test_the_total_row_is_computed_and_read_only(workspace):
    model = SheetModel(workspace, "purchased_services")
    total = model.index_of(TOTAL_ROW, "amount")
    assert total.isValid() and not model.flags(total) & Qt.ItemFlag.ItemIsEditable
    rows = workspace.document.year(workspace.year).section("purchased_services").rows
    amounts = [r["amount"].fen for r in rows.values() if "amount" in r]
    if amounts:
        shown = model.data(total).replace(",", "")
        unit = workspace.unit_for("purchased_services")
        assert shown == f"{sum(amounts) / (1_000_000 if unit == '万元' else 100):.2f}"
    row = model.document_rows()[0] if model.document_rows() else None
    if row:
        assert workspace.push(SetCells([CellValue(workspace.year, "purchased_services", row, "amount", None)], "清除"))
        assert model.data(model.index_of(row, "amount")) == ""


@pytest.mark.parametrize("text, block", [
    ("1\t2\n3\t4\n", [["1", "2"], ["3", "4"]]),
    ("a\r\nb\r\n", [["a"], ["b"]]),
    ('"多行\n文字"\t5\n', [["多行\n文字", "5"]]),
    ("x", [["x"]]),
    ("", []),
    ("\t\n", [["", ""]]),
])
def test_clipboard_blocks_are_parsed_like_excel_writes_them(text, block):
    assert parse_block(text) == block


from hypothesis import given, settings, strategies as st  # noqa: E402

_CELL = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\t\n\r\""), max_size=8)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(_CELL, min_size=1, max_size=5), min_size=1, max_size=5))
def test_parse_block_inverts_tab_separated_rows(rows):
    text = "\n".join("\t".join(row) for row in rows) + "\n"
    parsed = parse_block(text)
    expected = list(rows)
    while expected and expected[-1] == [""]:
        expected.pop()
    assert parsed == expected


def test_a_typed_text_says_where_it_is_published(qapp):
    workspace = Workspace(EditSession(load_sample(1), None))
    form = SheetModel(workspace, "performance_management")
    row = next(i for i, spec in enumerate(form.specs) if spec.key == "problems")
    tip = form.headerData(row, Qt.Orientation.Vertical, Qt.ItemDataRole.ToolTipRole)
    assert "发布位置：第四部分 一、（五）2.存在的问题及原因分析（须填写）" in tip
    cell = form.data(form.index(row, 0), Qt.ItemDataRole.ToolTipRole)
    assert cell.endswith("发布位置：第四部分 一、（五）2.存在的问题及原因分析（须填写）")
    projects = SheetModel(workspace, "projects")
    column = next(i for i, spec in enumerate(projects.specs) if spec.key == "grade_reported")
    assert projects.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole).endswith(
        "不公开：填报的等级，仅供与计算等级核对（公开计算等级）")
