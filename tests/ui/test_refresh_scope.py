"""After an edit only the tables it can change are refreshed (and so repainted): the edited
section's tables, tables whose 审核 marks came or went, tables showing what the edit changed
elsewhere (车均运行维护费 from the 三公 table, names of the referenced rows, scores). The others
keep their cells, which is what keeps an edit cheap in a window of some sixty tables."""

from __future__ import annotations

import pytest

from desktop.ui.qt import QApplication
from desktop.ui.sheet_model import marked_sections
from tests.ui.test_main_window import type_into


@pytest.fixture()
def window(open_window, seed1_path):
    window = open_window(seed1_path)
    QApplication.processEvents()
    return window


def watch(window) -> tuple[dict, list]:
    refreshed: dict[str, int] = {}
    for key, (view, _page, _filter) in window.views.items():
        model = view.sheet()
        model.dataChanged.connect(lambda *_args, k=key: refreshed.__setitem__(k, refreshed.get(k, 0) + 1))
    outcomes: list = []
    window.workspace.changed.connect(outcomes.append)
    return refreshed, outcomes


def test_an_edit_refreshes_the_tables_it_changes_and_no_other(qtbot, window):
    refreshed, outcomes = watch(window)
    view = window.views["sangong"][0]
    window._show_page(window.views["sangong"][1])
    type_into(qtbot, view, view.sheet().index_of("vehicle_operation", "actual"), "12345")
    assert len(outcomes) == 1
    marked = marked_sections(outcomes[0])
    assert "sangong" in refreshed
    assert "sangong_details" in refreshed  # its 车均运行维护费 reads the 三公 table
    for key, (view, _page, _filter) in window.views.items():
        model = view.sheet()
        changes = (model.section.key in marked or (model.scope, model.section.key) in outcomes[0].sections
                   or model._reads_changed(outcomes[0].sections))
        assert (key in refreshed) == changes, key
    assert "procurement" not in refreshed and "units" not in refreshed


def test_a_mark_that_appears_elsewhere_is_drawn(qtbot, window):
    refreshed, outcomes = watch(window)
    view = window.views["gp_functional"][0]
    model = view.sheet()
    window._show_page(window.views["gp_functional"][1])
    type_into(qtbot, view, model.index_of(model.document_rows()[0], "total"), "99999999")
    marked = marked_sections(outcomes[0])
    assert marked - {"gp_functional"}, "the wrong total is found in other tables too"
    for key, (view, _page, _filter) in window.views.items():
        if view.sheet().section.key in marked and view.sheet().scope is not None:
            assert key in refreshed, key
            finding = next(f for f in window.workspace.session.findings if f.location.section == view.sheet().section.key)
            assert finding in view.sheet().findings_at(finding.location.row, finding.location.column) \
                or any(finding in found for found in view.sheet().marks().values())
