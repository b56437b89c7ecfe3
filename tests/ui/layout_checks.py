"""What the layout tests look for on every tab, in the test process (1366×768) and in a
subprocess with real 125 % scaling (tests/ui/layout_probe.py): tables cut sideways or nested
scrollbars, headers cut, wrapped text cut."""

from desktop.ui.main_window import MainWindow
from desktop.ui.pages import SectionPage
from desktop.ui.qt import (QAbstractScrollArea, QApplication, QFont, QFontMetrics, QRect, QStyle,
                           QStyleOptionViewItem, Qt, QTabWidget)
from desktop.ui.screenshots import settle
from desktop.ui.sheet_view import TEXT_TYPES, WRAP_LINES, SheetView


def every_page(window: MainWindow):
    """Shows each tab and sub-tab in turn, laid out completely, and yields its label and page."""
    for number in range(window.tabs.count()):
        window.tabs.setCurrentIndex(number)
        page = window.tabs.widget(number)
        if isinstance(page, QTabWidget):
            for sub in range(page.count()):
                page.setCurrentIndex(sub)
                settle(window)
                yield f"{window.tabs.tabText(number)}/{page.tabText(sub)}", page.widget(sub)
        else:
            settle(window)
            yield window.tabs.tabText(number), page


def execution_page(window: MainWindow) -> SectionPage:
    number = next(n for n in range(window.tabs.count()) if window.tabs.tabText(n) == "预算执行")
    window.tabs.setCurrentIndex(number)
    settle(window)
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


def nested_scrollbars(window: MainWindow, label: str, page) -> list[str]:
    """A visible vertical scrollbar of a scroll area inside another scroll area."""
    found = []
    for area in page.findChildren(QAbstractScrollArea) + [page]:
        if not isinstance(area, QAbstractScrollArea) or not area.isVisible() or not area.verticalScrollBar().isVisible():
            continue
        parent = area.parentWidget()
        while parent is not None and parent is not window:
            if isinstance(parent, QAbstractScrollArea):
                found.append(f"{label}: {type(area).__name__} scrolls inside {type(parent).__name__}")
                break
            parent = parent.parentWidget()
    return found


def header_problems(view: SheetView) -> list[str]:
    """Header texts wider than their section, or with more lines than the header is high."""
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


def text_needs(view, index, width: int) -> int:
    """The height a cell's text needs, wrapped at the column's width, as the delegate draws it."""
    option = QStyleOptionViewItem()
    view.initViewItemOption(option)
    option.rect = QRect(0, 0, width, 20)
    return view.itemDelegate().sizeHint(option, index).height()


def cut_text(view: SheetView) -> list[str]:
    """Text cells whose wrapped text is taller than their row, the row not at its cap."""
    model = view.sheet()
    cap = view.fontMetrics().lineSpacing() * WRAP_LINES
    problems = []
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            if model.spec_at(index).type not in TEXT_TYPES or view.isColumnHidden(column) or not index.data():
                continue
            needed = text_needs(view, index, view.columnWidth(column))
            if needed > view.rowHeight(row) and view.rowHeight(row) < cap:
                problems.append(f"{model.section.key} row {row + 1}: “{str(index.data())[:12]}…” needs {needed}, "
                                f"row {view.rowHeight(row)}")
    return problems


def layout_problems(window: MainWindow) -> dict[str, list[str]]:
    """Every tab at the window's size: nested scrollbars, cut headers, cut wrapped text."""
    problems: dict[str, list[str]] = {"nested": [], "headers": [], "text": []}
    seen = 0
    for label, page in every_page(window):
        problems["nested"] += nested_scrollbars(window, label, page)
        for view in page.findChildren(SheetView):
            if view.isVisible():
                seen += 1
                problems["headers"] += [f"{label}: {p}" for p in header_problems(view)]
                problems["text"] += [f"{label}: {p}" for p in cut_text(view)]
    if seen < 20:
        problems["tables"] = [f"only {seen} tables seen"]
    QApplication.processEvents()
    return problems
