"""The window on an office screen (issue 20): at 1366×768 the table gets most of the window (at
least 20 rows of the 预算执行 tab in view), every page has one vertical scrollbar (tables grow
with the page), no header is cut, text columns use the width, a growing badge never overlaps its
tab's label, the explanation box stays compact until a warning is chosen, and the layout is
remembered per screen size."""

import dataclasses
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.store.settings import Settings
from desktop.ui.main_window import MainWindow
from desktop.ui.pages import ProjectsPage
from desktop.ui.qt import QApplication, QEvent, QMouseEvent, QPoint, QPointF, QScrollArea, Qt
from desktop.ui.screenshots import settle
from desktop.ui.sheet_view import AMOUNT_SAMPLE, SheetView
from layout_checks import (cut_text, every_page, execution_page, header_problems, layout_problems,
                           nested_scrollbars, rows_in_view)

SCREENS = [(1366, 768)]  # in this process; 1920×1080 at 125 % scaling runs in a subprocess (below)


@pytest.fixture()
def sized_window(qtbot, tmp_path):
    def opener(path, width: int, height: int, settings: Settings | None = None) -> MainWindow:
        window = MainWindow(settings or Settings(), tmp_path / "settings.json", persist=False)
        qtbot.addWidget(window)
        window.resize(width, height)
        window.show()
        qtbot.waitExposed(window)
        assert window.open_document(path)
        settle(window)
        return window
    return opener


def test_twenty_rows_of_the_execution_tab_are_visible_at_1366x768(sized_window, seed1_path):
    window = sized_window(seed1_path, 1366, 768)
    page = execution_page(window)
    view = page.boxes[0].view
    assert view.sheet().rowCount() > 20
    assert rows_in_view(page, view) >= 20


@pytest.mark.parametrize("size", SCREENS)
def test_no_page_has_a_vertical_scrollbar_inside_another_scroll_area(sized_window, seed1_path, size):
    window = sized_window(seed1_path, *size)
    nested = []
    for label, page in every_page(window):
        nested += nested_scrollbars(window, label, page)
    assert nested == []


@pytest.mark.parametrize("size", SCREENS)
def test_wrapped_text_is_never_cut(sized_window, seed1_path, size):
    """职责, 名词解释, 项目概况, 偏差原因 …: the row grows until the whole text shows (up to the cap)."""
    window = sized_window(seed1_path, *size)
    problems, tall = [], 0
    for _label, page in every_page(window):
        for view in page.findChildren(SheetView):
            if view.isVisible():
                problems += cut_text(view)
                tall += sum(1 for r in range(view.sheet().rowCount()) if view.rowHeight(r) > 40)
    assert tall > 10  # the sample has long texts: some rows did grow
    assert problems == [], "\n".join(problems)


def test_an_edit_refits_its_own_row_only(sized_window, seed1_path, monkeypatch):
    window = sized_window(seed1_path, 1366, 768)
    view, page, _filter = window.views["units"]
    window._show_page(page)
    settle(window)
    model = view.sheet()
    column = next(c for c, s in enumerate(model.specs) if s.key == "name")
    before = view.rowHeight(0)
    fitted = []
    original = SheetView._row_height
    monkeypatch.setattr(SheetView, "_row_height", lambda self, row: fitted.append((self, row)) or original(self, row))
    assert model.setData(model.index(0, column), "北京市门头沟区园区服务保障事务中心" * 6)
    QApplication.processEvents()
    assert [row for v, row in fitted if v is view] == [0]  # the edited row, not the table
    assert view.rowHeight(0) > before
    assert cut_text(view) == []
    assert view.height() == view.minimumHeight() >= sum(view.rowHeight(r) for r in range(model.rowCount()))
    window.workspace.undo()  # the short name again: the row shrinks back
    QApplication.processEvents()
    assert view.rowHeight(0) == before


def test_amount_columns_fit_the_amounts_present(sized_window, seed1_path):
    window = sized_window(seed1_path, 1366, 768)
    view, page, _filter = window.views["sangong"]
    window._show_page(page)
    settle(window)
    model = view.sheet()
    money = [c for c, s in enumerate(model.specs) if s.type == "money"]
    metrics = view.fontMetrics()
    assert money and all(metrics.horizontalAdvance(AMOUNT_SAMPLE) < view.columnWidth(c) < model.specs[c].width
                         for c in money)
    row = next(r for r in range(model.rowCount()) if model.is_editable(model.index(r, money[0])))
    assert model.setData(model.index(row, money[0]), "123456789012.34")
    QApplication.processEvents()
    assert view.columnWidth(money[0]) > metrics.horizontalAdvance(str(model.index(row, money[0]).data()))


def test_opening_measures_the_shown_tab_only_and_a_hidden_one_when_it_is_shown(sized_window, seed1_path, monkeypatch):
    measured = []
    original = SheetView.apply_widths
    monkeypatch.setattr(SheetView, "apply_widths", lambda view: (measured.append(view), original(view))[1])
    window = sized_window(seed1_path, 1366, 768)
    shown = window.tabs.currentWidget()
    assert measured and [v.sheet().section.key for v in measured if not shown.isAncestorOf(v)] == []
    view, page, _filter = window.views["sangong"]
    assert view not in measured and not view.isVisible()
    window._show_page(page)
    settle(window)
    assert view in measured
    model = view.sheet()
    money = next(c for c, s in enumerate(model.specs) if s.type == "money")
    assert view.columnWidth(money) < model.specs[money].width  # fitted to its amounts when shown


def test_the_findings_dock_shows_its_messages_at_its_default_width(sized_window, seed1_path):
    window = sized_window(seed1_path, 1366, 768)
    view = window.findings_panel.view
    view.settle()
    assert view.horizontalScrollBar().maximum() == 0  # no sideways scrolling in the dock
    from desktop.ui.findings_panel import MESSAGE_COLUMN
    cap = view.fontMetrics().lineSpacing() * view.MESSAGE_LINES
    cut = []
    for row in range(view.model().rowCount()):
        index = view.model().index(row, MESSAGE_COLUMN)
        from layout_checks import text_needs
        if text_needs(view, index, view.columnWidth(MESSAGE_COLUMN)) > view.rowHeight(row) and view.rowHeight(row) < cap:
            cut.append(str(index.data())[:20])
    assert cut == []
    assert any(view.rowHeight(r) > 2 * view.fontMetrics().lineSpacing() for r in range(view.model().rowCount()))


def drag_dock_edge(window: MainWindow, by: int) -> None:
    """The clerk drags the edge between the tables and the docks by `by` pixels."""
    edge = QPoint(window.findings_dock.geometry().left() - 3, window.findings_dock.geometry().center().y())
    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton

    def send(kind: QEvent.Type, point: QPoint, button, buttons) -> None:
        QApplication.sendEvent(window, QMouseEvent(kind, QPointF(point), QPointF(window.mapToGlobal(point)), button,
                                                   buttons, Qt.KeyboardModifier.NoModifier))
        QApplication.processEvents()  # the window moves its separator on a timer

    send(QEvent.Type.MouseButtonPress, edge, left, left)
    send(QEvent.Type.MouseMove, edge + QPoint(by // 2, 0), none, left)
    send(QEvent.Type.MouseMove, edge + QPoint(by, 0), none, left)
    send(QEvent.Type.MouseButtonRelease, edge + QPoint(by, 0), left, none)


def test_the_docks_keep_their_share_of_a_resized_window(qtbot, sized_window, seed1_path):
    window = sized_window(seed1_path, 1536, 864)
    assert abs(window.findings_dock.width() - 0.26 * 1536) < 30
    window.resize(1366, 768)
    settle(window)
    assert abs(window.findings_dock.width() - 0.26 * 1366) < 30
    window.resize(1800, 900)
    settle(window)
    assert abs(window.findings_dock.width() - 0.26 * 1800) < 30


def test_a_dragged_dock_keeps_the_clerks_width(qtbot, sized_window, seed1_path):
    window = sized_window(seed1_path, 1366, 768)
    before = window.findings_dock.width()
    drag_dock_edge(window, -120)
    dragged = window.findings_dock.width()
    assert dragged > before + 60
    window.resize(1600, 800)
    settle(window)
    assert window.findings_dock.width() == dragged
    settings = close_and_settings(window)  # remembered for this screen size, with the clerk's width
    assert settings.layouts[window.screen_key()]["dragged"] is True


def test_the_projects_page_has_one_scroll_area(sized_window, seed1_path):
    window = sized_window(seed1_path, 1366, 768)
    [(label, page)] = [(label, page) for label, page in every_page(window) if isinstance(page, ProjectsPage)]
    areas = page.findChildren(QScrollArea)
    assert areas == [page.detail], label
    assert page.summary.boxes and page.detail.widget().isAncestorOf(page.summary.boxes[0])


@pytest.mark.parametrize("size", SCREENS)
def test_no_header_is_cut(sized_window, seed1_path, size):
    window = sized_window(seed1_path, *size)
    problems, seen, wrapped = [], 0, 0
    for _label, page in every_page(window):
        for view in page.findChildren(SheetView):
            if view.isVisible():
                seen += 1
                problems += header_problems(view)
                wrapped += sum(1 for c in range(view.sheet().columnCount())
                               if len(str(view.sheet().headerData(c, Qt.Orientation.Horizontal)).splitlines()) >= 3)
    assert seen > 20
    assert wrapped  # wide tables' headers wrap rather than widen their columns
    assert problems == [], "\n".join(problems)


def test_text_columns_take_the_width_left_over(sized_window, seed1_path):
    window = sized_window(seed1_path, 1366, 768)
    view, _page, _column = window.views["units"]
    window._show_page(_page)
    QApplication.processEvents()
    used = sum(view.columnWidth(c) for c in range(view.sheet().columnCount()))
    assert view.viewport().width() - 8 <= used <= view.viewport().width()
    name = view.sheet().specs.index(next(s for s in view.sheet().specs if s.key == "name"))
    assert view.columnWidth(name) > view.sheet().specs[name].width  # the name column got the room
    window.resize(1536, 864)  # a wider window: the table follows
    QApplication.processEvents()
    assert view.viewport().width() - 8 <= sum(view.columnWidth(c) for c in range(view.sheet().columnCount()))


def test_moving_the_cursor_down_scrolls_the_page_to_the_cell(qtbot, sized_window, seed1_path):
    window = sized_window(seed1_path, 1366, 768)
    page = execution_page(window)
    view = page.boxes[0].view
    view.setFocus()
    view.setCurrentIndex(view.sheet().index(0, 0))
    last = view.sheet().rowCount() - 1
    for _ in range(last + 5):  # to the last row, then on: the first table's rows end below the page
        qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.currentIndex().row() == last
    rect = view.visualRect(view.currentIndex())
    assert page.verticalScrollBar().value() > 0 or page.viewport().rect().contains(
        view.viewport().mapTo(page.viewport(), rect.bottomLeft()))
    page.verticalScrollBar().setValue(0)
    below = next(box.view for box in page.boxes if box.view.sheet().rowCount() >= 4
                 and box.mapTo(page.viewport(), box.rect().topLeft()).y() > page.viewport().height())
    below.setFocus()
    below.setCurrentIndex(below.sheet().index(0, 0))  # as Tab into it would: the page does not move yet
    for _ in range(3):
        qtbot.keyClick(below, Qt.Key.Key_Down)
    rect = below.visualRect(below.currentIndex())
    assert page.verticalScrollBar().value() > 0
    assert page.viewport().rect().contains(below.viewport().mapTo(page.viewport(), rect.bottomLeft()))
    assert page.viewport().rect().contains(below.viewport().mapTo(page.viewport(), rect.topLeft()))


def badge_fits(window: MainWindow, key: str) -> bool:
    tabs, index, badge = window.badges[key]
    bar = tabs.tabBar()
    rect = bar.tabRect(index)
    label = bar.fontMetrics().horizontalAdvance(tabs.tabText(index))
    return rect.contains(badge.geometry()) and rect.width() >= label + badge.width()


def test_a_badge_that_grows_widens_its_tab(sized_window, seed1_path):
    window = sized_window(seed1_path, 1366, 768)
    session = window.workspace.session
    original = list(session.findings)
    procurement = [f for f in original if window.workspace.editors.tab_label(f.location.section) == "政府采购"]
    assert procurement and badge_fits(window, "政府采购")
    session.findings = original + [dataclasses.replace(procurement[0], severity="error")] * 163 \
        + [dataclasses.replace(procurement[0], severity="warning", explanation="")] * 163
    window._refresh_findings()
    QApplication.processEvents()
    assert window.badge_counts()["政府采购"][0] >= 163
    assert badge_fits(window, "政府采购")
    session.findings = original
    window._refresh_findings()
    QApplication.processEvents()
    assert badge_fits(window, "政府采购")


def test_the_explanation_box_is_compact_until_a_warning_is_chosen(qtbot, sized_window, seed1_path):
    window = sized_window(seed1_path, 1366, 768)
    panel = window.findings_panel
    assert not panel.editor.isVisible() and panel.hint_label.isVisible()
    assert panel.view.height() > 0.6 * panel.height()
    source = next(r for r in range(panel.model.rowCount()) if panel.model.finding(r).severity == "warning")
    index = panel.proxy.mapFromSource(panel.model.index(source, 0))
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=panel.view.visualRect(index).center())
    QApplication.processEvents()
    assert panel.current_finding() == panel.model.finding(source)
    assert panel.editor.isVisible() and panel.editor.height() >= 40
    error = next(r for r in range(panel.model.rowCount()) if panel.model.finding(r).severity == "error")
    panel.select_finding(panel.model.finding(error).identity)
    QApplication.processEvents()
    assert not panel.editor.isVisible() and panel.detail_label.isVisible()


def test_the_table_gets_most_of_the_window_by_default(sized_window, seed1_path):
    window = sized_window(seed1_path, 1366, 768)
    assert window.dockWidgetArea(window.findings_dock) == Qt.DockWidgetArea.RightDockWidgetArea
    assert window.tabifiedDockWidgets(window.findings_dock) == [window.score_dock]
    assert window.tabs.height() >= 0.85 * window.centralWidget().parentWidget().height() - 60
    assert window.tabs.width() >= 0.65 * window.width()


def close_and_settings(window: MainWindow) -> Settings:
    window.close()
    QApplication.processEvents()
    return window.settings


def test_the_layout_is_remembered_per_screen_size(sized_window, seed1_path, tmp_path):
    first = sized_window(seed1_path, 1366, 768)
    first.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, first.findings_dock)  # the clerk moves it
    settings = close_and_settings(first)
    key = first.screen_key()
    assert key and settings.layouts[key]["state"]

    again = MainWindow(settings, tmp_path / "settings.json", persist=False)
    again.restore_layout()
    assert again.dockWidgetArea(again.findings_dock) == Qt.DockWidgetArea.BottomDockWidgetArea
    again.close()

    elsewhere = Settings(layouts={"9999x9999": settings.layouts[key]})  # saved on another screen only
    other = sized_window(seed1_path, 1366, 768, elsewhere)
    other.restore_layout()
    assert other.dockWidgetArea(other.findings_dock) == Qt.DockWidgetArea.RightDockWidgetArea


def test_the_first_window_fits_the_screen(qtbot, tmp_path):
    window = MainWindow(Settings(), tmp_path / "settings.json", persist=False)
    qtbot.addWidget(window)
    area = window.screen().availableGeometry()
    assert window.width() <= max(area.width(), 640) and window.height() <= max(area.height(), 480)


# -- 1920×1080 at 125 % scaling: QT_SCALE_FACTOR counts only before the application exists ------
@pytest.fixture(scope="module")
def scaled(tmp_path_factory):
    """What tests/ui/layout_probe.py finds with real 125 % scaling, a 1920×1080 screen (1536×864
    logical pixels), on the seed 1 sample and on the complete example."""
    from conftest import save
    from desktop.io.samples import load_example, load_sample
    folder = tmp_path_factory.mktemp("scaled")
    results = {}
    for name, document in (("seed1", load_sample(1)), ("example", load_example())):
        path = save(folder, f"{name}.fdesk", document)
        environment = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_SCALE_FACTOR="1.25")
        done = subprocess.run([sys.executable, str(Path(__file__).with_name("layout_probe.py")), str(path), "1536", "864"],
                              capture_output=True, text=True, env=environment, timeout=300)
        assert done.returncode == 0, done.stderr
        results[name] = json.loads(done.stdout.strip().splitlines()[-1])
    return results


@pytest.mark.parametrize("document", ["seed1", "example"])
def test_125_percent_scaling_is_real(scaled, document):
    assert scaled[document]["scale"] == 1.25 and scaled[document]["size"] == [1536, 864]
    assert scaled[document]["warnings"] == []


@pytest.mark.parametrize("document", ["seed1", "example"])
def test_at_125_percent_no_vertical_scrollbar_is_nested(scaled, document):
    assert scaled[document]["problems"]["nested"] == []
    assert "tables" not in scaled[document]["problems"]


@pytest.mark.parametrize("document", ["seed1", "example"])
def test_at_125_percent_no_header_is_cut(scaled, document):
    assert scaled[document]["problems"]["headers"] == []


@pytest.mark.parametrize("document", ["seed1", "example"])
def test_at_125_percent_wrapped_text_is_never_cut(scaled, document):
    assert scaled[document]["problems"]["text"] == []


def test_at_125_percent_twenty_execution_rows_are_visible(scaled):
    assert scaled["seed1"]["execution_rows"] >= 20


def test_the_whole_window_at_1366x768_on_the_example(sized_window, tmp_path):
    from conftest import save
    from desktop.io.samples import load_example
    window = sized_window(save(tmp_path / "docs", "example.fdesk", load_example()), 1366, 768)
    page = execution_page(window)
    assert rows_in_view(page, page.boxes[0].view) >= 20
    assert layout_problems(window) == {"nested": [], "headers": [], "text": []}
