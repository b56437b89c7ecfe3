"""The window on an office screen (issue 20): at 1366×768 the table gets most of the window (at
least 20 rows of the 预算执行 tab in view), every page has one vertical scrollbar (tables grow
with the page), no header is cut, text columns use the width, a growing badge never overlaps its
tab's label, the explanation box stays compact until a warning is chosen, and the layout is
remembered per screen size."""

import dataclasses

import pytest

from desktop.store.settings import Settings
from desktop.ui.main_window import MainWindow
from desktop.ui.pages import ProjectsPage, SectionPage
from desktop.ui.qt import QAbstractScrollArea, QApplication, QFont, QFontMetrics, QRect, QScrollArea, QStyle, Qt, QTabWidget
from desktop.ui.sheet_view import SheetView

SCREENS = [(1366, 768), (1536, 864)]  # the office screen, and 1920×1080 at 125 % scaling


@pytest.fixture()
def sized_window(qtbot, tmp_path):
    def opener(path, width: int, height: int, settings: Settings | None = None) -> MainWindow:
        window = MainWindow(settings or Settings(), tmp_path / "settings.json", persist=False)
        qtbot.addWidget(window)
        window.resize(width, height)
        window.show()
        qtbot.waitExposed(window)
        assert window.open_document(path)
        QApplication.processEvents()
        return window
    return opener


def every_page(window: MainWindow):
    """Shows each tab and sub-tab in turn and yields its label and page."""
    for number in range(window.tabs.count()):
        window.tabs.setCurrentIndex(number)
        page = window.tabs.widget(number)
        if isinstance(page, QTabWidget):
            for sub in range(page.count()):
                page.setCurrentIndex(sub)
                QApplication.processEvents()
                yield f"{window.tabs.tabText(number)}/{page.tabText(sub)}", page.widget(sub)
        else:
            QApplication.processEvents()
            yield window.tabs.tabText(number), page


def execution_page(window: MainWindow) -> SectionPage:
    number = next(n for n in range(window.tabs.count()) if window.tabs.tabText(n) == "预算执行")
    window.tabs.setCurrentIndex(number)
    QApplication.processEvents()
    return window.tabs.widget(number)


def rows_in_view(page: SectionPage, view: SheetView) -> int:
    """The rows whose whole rectangle is inside both the table's and the page's viewport."""
    shown = 0
    for row in range(view.sheet().rowCount()):
        rect = view.visualRect(view.sheet().index(row, 0))
        if rect.isEmpty() or not view.viewport().rect().contains(rect):
            continue
        on_page = QRect(view.viewport().mapTo(page.viewport(), rect.topLeft()),
                        view.viewport().mapTo(page.viewport(), rect.bottomRight()))
        if page.viewport().rect().contains(on_page):
            shown += 1
    return shown


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
        for area in page.findChildren(QAbstractScrollArea) + [page]:
            if not isinstance(area, QAbstractScrollArea) or not area.isVisible():
                continue
            if not area.verticalScrollBar().isVisible():
                continue
            parent = area.parentWidget()
            while parent is not None and parent is not window:
                if isinstance(parent, QAbstractScrollArea):
                    nested.append((label, type(area).__name__, type(parent).__name__))
                    break
                parent = parent.parentWidget()
    assert nested == []


def test_the_projects_page_has_one_scroll_area(sized_window, seed1_path):
    window = sized_window(seed1_path, 1366, 768)
    [(label, page)] = [(label, page) for label, page in every_page(window) if isinstance(page, ProjectsPage)]
    areas = page.findChildren(QScrollArea)
    assert areas == [page.detail], label
    assert page.summary.boxes and page.detail.widget().isAncestorOf(page.summary.boxes[0])


def header_problems(view: SheetView) -> list[str]:
    header = view.horizontalHeader()
    if header.isHidden():
        return []
    bold = QFont(header.font())
    bold.setBold(True)  # the header of the current cell's column is drawn bold
    metrics = QFontMetrics(bold)
    margin = 2 * header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    problems = []
    for section in range(header.count()):
        if header.isSectionHidden(section):
            continue
        lines = str(view.model().headerData(section, Qt.Orientation.Horizontal) or "").splitlines()
        widest = max((metrics.horizontalAdvance(line) for line in lines), default=0)
        if widest + margin > header.sectionSize(section):
            problems.append(f"{view.sheet().section.key}: “{' '.join(lines)}” needs {widest + margin}, "
                            f"has {header.sectionSize(section)}")
        if len(lines) * metrics.height() > header.height():
            problems.append(f"{view.sheet().section.key}: “{' '.join(lines)}” {len(lines)} lines, "
                            f"header {header.height()} high")
    if view.cut_at_edge():
        problems.append(f"{view.sheet().section.key}: the last columns are cut by the table's edge, "
                        "though a text column could give up width")
    return problems


@pytest.mark.parametrize("size", SCREENS)
def test_no_header_is_cut(sized_window, seed1_path, size):
    window = sized_window(seed1_path, *size)
    problems, seen = [], 0
    for _label, page in every_page(window):
        for view in page.findChildren(SheetView):
            if view.isVisible():
                seen += 1
                problems += header_problems(view)
    assert seen > 20
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
