"""Scores on screen (计算总分 of the project header and list, 计算得分 of indicators) are the ones
the window took with the score panel: painting them never scores anything, and they follow an
edit a moment later, together with the panel, the project each result belongs to kept."""

from __future__ import annotations

import pytest

from desktop.io.samples import load_example
from desktop.ui.qt import QApplication
from tests.ui.conftest import save
from tests.ui.test_main_window import type_into


@pytest.fixture()
def window(open_window, tmp_path):
    window = open_window(save(tmp_path / "docs", "example.fdesk", load_example()))
    view, page, _filter = window.views["projects#record"]
    window._show_page(page)  # the 项目自评 page: the project's header with its 计算总分
    QApplication.processEvents()
    return window


def total_of(window) -> str:
    model = window.views["projects#record"][0].sheet()
    return model.index_of(model.record, "computed_score").data()


def test_painting_after_an_edit_scores_nothing_and_the_scores_follow(qtbot, window, monkeypatch):
    session = window.workspace.session
    asked: list[bool] = []
    real = type(session).scores
    monkeypatch.setattr(type(session), "scores", lambda self: asked.append(True) or real(self))
    before = total_of(window)
    view = window.views["project_indicators"][0]
    model = view.sheet()
    row = next(r for r in model.document_rows() if model.edit_text(model.specs[[s.key for s in model.specs].index("points")], r))
    type_into(qtbot, view, model.index_of(row, "points"), "0")
    window.repaint()
    QApplication.processEvents()
    assert not asked, "a repaint scored the project"
    assert total_of(window) == before  # the scores shown until the panel's refresh
    assert window.score_timer.isActive()
    qtbot.waitUntil(lambda: total_of(window) != before)
    assert asked
    expected = window.score_panel.scores()["projects"][0]["total"]
    assert total_of(window) == expected


def test_a_removed_project_does_not_show_anothers_score(qtbot, window):
    listing = window.views["projects"][0]
    model = listing.sheet()
    rows = model.document_rows()
    if len(rows) < 2:
        pytest.skip("the example needs two projects")
    second = model.index_of(rows[1], "computed_score").data()
    listing.setCurrentIndex(model.index_of(rows[0], "name"))
    listing.selectRow(0)
    assert listing.remove_selected_rows()
    # before the scores are taken again, the row now first shows its own project's score
    assert model.index_of(rows[1], "computed_score").data() == second
