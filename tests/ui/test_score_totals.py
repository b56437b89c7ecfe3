"""The 合计 rows of 整体绩效目标实现情况 and of each project's 绩效指标: they add up 分值 and
计算得分, never the typed 得分."""

from decimal import Decimal

import pytest

from desktop.io.samples import load_example, load_sample
from desktop.ui.qt import Qt
from desktop.ui.sheet_model import TOTAL_ROW

from tests.ui.conftest import save

pytestmark = pytest.mark.usefixtures("no_dialog_left_open", "no_real_modals")


@pytest.fixture()
def model(tmp_path, open_window):
    """Seed 2's eleven indicators, each worth 5 points, each with a typed 定性 得分 of 4 (only the
    定性 ones use it: the 定量 ones that meet their target score the full 5)."""
    document = load_sample(2)
    for row in document.year(2022).section("dept_score_indicators").rows.values():
        row["points"], row["score"] = Decimal(5), Decimal(4)
    window = open_window(save(tmp_path / "docs", "seed2.fdesk", document))
    return window, window.views["dept_score_indicators"][0].sheet()


def column(model, key):
    return next(c for c, spec in enumerate(model.specs) if spec.key == key)


def test_the_total_row_adds_points_and_computed_scores_not_the_typed_score(model):
    _window, model = model
    total = model.rowCount() - 1
    assert model.address(model.index(total, 0))[0] == TOTAL_ROW
    rows = range(total)
    points, computed, typed = column(model, "points"), column(model, "computed_score"), column(model, "score")
    assert all(model.index(r, typed).data() == "4" for r in rows)
    assert model.index(total, typed).data() == ""
    expected_points = sum(Decimal(model.index(r, points).data()) for r in rows if model.index(r, points).data())
    assert Decimal(model.index(total, points).data()) == expected_points == 55
    scores = [model.index(r, computed).data() for r in rows]
    assert all(scores)
    assert model.index(total, computed).data() == f"{sum(Decimal(s) for s in scores):.2f}"
    assert Decimal(4) * len(rows) < Decimal(model.index(total, computed).data()) < 55
    assert model.index(total, computed).data(Qt.ItemDataRole.FontRole).bold()


def test_a_row_that_cannot_be_scored_leaves_the_total_unknown(qtbot, model):
    _window, model = model
    first = model.document_rows()[0]
    index = model.index_of(first, "points")
    assert model.setData(index, "")  # 分值 blank: that indicator cannot be scored
    total = model.rowCount() - 1
    # the scores follow a moment after the edit, with the score panel
    qtbot.waitUntil(lambda: model.index(0, column(model, "computed_score")).data() == "—")
    assert model.index(total, column(model, "computed_score")).data() == "—"


def test_a_projects_indicator_total_adds_points_and_computed_scores(open_window, tmp_path):
    """Each project's 绩效指标 合计: 分值 and 计算得分 added up; the typed 得分 is not totalled."""
    document = load_example()
    year = document.latest_year()
    project = next(iter(year.section("projects").rows))
    for row in year.section("project_indicators").rows.values():
        if row.get("project") == project:
            row["score"] = Decimal(1)  # a typed 得分 the 合计 must not add
    window = open_window(save(tmp_path / "docs", "example.fdesk", document))
    view = window.views["project_indicators"][0]
    model = view.sheet()
    assert model.filter_value == project  # the first project is shown first
    total = model.rowCount() - 1
    assert model.address(model.index(total, 0))[0] == TOTAL_ROW
    points, computed = column(model, "points"), column(model, "computed_score")
    rows = [r for r in range(total) if model.index(r, points).data()]
    assert rows
    assert Decimal(model.index(total, points).data()) == sum(Decimal(model.index(r, points).data()) for r in rows)
    scores = [Decimal(model.index(r, computed).data()) for r in rows]
    assert model.index(total, computed).data() == f"{sum(scores):.2f}"
    assert Decimal(model.index(total, computed).data()) > len(rows)  # not the typed 1 per row
    assert model.index(total, column(model, "score")).data() == ""
