"""The open document as the window sees it: the editing session, the undo stack, display settings.

Every edit reaches the document through `Workspace.push`: the command is applied and committed
at once (so a refused value or a failed write never lands on the undo stack), then recorded on
the QUndoStack, whose undo/redo go back through the same session. Views listen to `changed`
and refresh what the outcome names; nothing edits a widget's copy of the data.

The window undoes and redoes through `Workspace.undo`/`Workspace.redo`, never the stack's own
actions: QUndoCommand.undo cannot refuse, so the step is applied to the document first and the
stack moves only when that succeeded (its commands then skip the work, `_stepping`). A failed undo
or redo leaves the document, the file and the stack's index exactly as they were.
"""

from __future__ import annotations

from desktop.domain.department_units import (ReportingUnit, home_unit, is_split, reporting_units, section_key,
                                             unit_publication, unit_year)
from desktop.domain.document import DocumentError
from desktop.domain.profiles import load_profile
from desktop.domain.schema import Section
from desktop.editing.commands import Command
from desktop.editing.computed import shown_scores
from desktop.editing.session import EditSession, Outcome
from desktop.oserrors import describe
from desktop.store.docfile import DocumentFileError
from desktop.store.settings import UNIT_CHOICES
from desktop.ui.editors import Editors, load_editors
from desktop.ui.qt import QObject, QUndoCommand, QUndoStack, Signal


class UndoStep(QUndoCommand):
    """A command on the undo stack; its first redo is the push itself, already applied."""

    def __init__(self, workspace: Workspace, command: Command) -> None:
        super().__init__(command.text)
        self.workspace = workspace
        self.command = command
        self._pushed = True

    def redo(self) -> None:
        if self._pushed:
            self._pushed = False
            return
        if not self.workspace._stepping:  # a direct QUndoStack.redo(): cannot be refused here
            self.workspace.run(self.command, forward=True)

    def undo(self) -> None:
        if not self.workspace._stepping:  # a direct QUndoStack.undo(): cannot be refused here
            self.workspace.run(self.command, forward=False)


class Workspace(QObject):
    changed = Signal(object)      # Outcome
    scores_shown = Signal()       # the scores computed cells show were taken again
    problem = Signal(str)         # a refused edit, in Chinese
    unit_changed = Signal()
    reporting_unit_changed = Signal()  # another unit of the department (or its 汇总) is shown

    def __init__(self, session: EditSession, parent: QObject | None = None, read_only: bool = False) -> None:
        super().__init__(parent)
        self.session = session
        self.read_only = read_only  # opened read-only: another FiscalDesk is editing the document
        self.editors: Editors = load_editors()
        self.undo_stack = QUndoStack(self)
        self._stepping = False  # Workspace.undo/redo has applied the step; the stack only moves
        self.unit_override = "按模板"
        self.format = load_profile(session.year_data.profile).format
        self._shown_scores: dict | None = None  # None: computed cells read the session's scores
        self.reporting_unit: str | None = None  # the unit shown (units-table row id); None: the department

    def scores(self) -> dict:
        """The scores computed cells (计算得分, 计算总分) show. In the window, those it last took
        (`show_scores`, with the score panel, a moment after typing stops), so painting a cell
        never scores anything; without a window, the session's own."""
        return self._shown_scores if self._shown_scores is not None else self.session.scores()

    @property
    def scores_taken(self) -> bool:
        """Whether computed cells show scores taken by `show_scores` (a window), not live ones."""
        return self._shown_scores is not None

    def show_scores(self) -> dict:
        """Take the session's scores for display (scoring what the edits since touched) and tell
        the tables that show them; returns them."""
        scores = self.session.scores()
        if self._shown_scores is None or self._shown_scores.get("projects") is not scores["projects"] \
                or self._shown_scores.get("department") is not scores["department"]:
            self._shown_scores = shown_scores(scores, list(self.session.year_data.section("projects").rows))
            self.scores_shown.emit()
        return scores

    @property
    def document(self):
        return self.session.document

    @property
    def year(self) -> int:
        return self.session.year

    # -- the department's units ---------------------------------------------------------------
    def section_key(self, section: str) -> str:
        """Where the shown unit's copy of `section` is (the section itself for the department, for
        a section not entered per unit, and for the 本级 of a year not entered per unit)."""
        year = self.session.year_data
        unit = self.reporting_unit
        if unit is not None and not is_split(year):
            home = home_unit(self.document)
            unit = unit if home is not None and home.id == unit else None
        return section_key(self.document, year, unit, section)

    def shown_year(self):
        """The year as the shown unit reported it (department_units.unit_year), for what its tables
        compute from other sections (the 车均 of its own 三公); the department's year otherwise."""
        year = self.session.year_data
        unit = next((u for u in reporting_units(self.document) if u.id == self.reporting_unit), None)
        if unit is None or not (is_split(year) or unit.home):
            return year
        return unit_year(self.document, year, unit)

    def shown_unit(self) -> ReportingUnit | None:
        """The unit shown, or None for the department (its 汇总)."""
        return next((u for u in reporting_units(self.document) if u.id == self.reporting_unit), None)

    def import_unit(self) -> str | None:
        """The unit an import fills: the one shown in a year entered per unit (None: the department,
        and also the 本级 of a year not entered per unit, whose figures are the department's)."""
        return self.reporting_unit if is_split(self.session.year_data) else None

    def published_document(self):
        """What 导出 writes: the department's 部门决算公开, or the shown unit's 单位决算公开."""
        unit = self.shown_unit()
        return self.document if unit is None else unit_publication(self.document, self.year, unit)

    def shows_summary(self, section: Section) -> bool:
        """Whether `section` is shown as the 汇总 of the units (computed, not typed here)."""
        return self.reporting_unit is None and section.per_unit and section.scope == "year" \
            and is_split(self.session.year_data)

    def set_reporting_unit(self, unit: str | None) -> None:
        """Show another unit's figures (None: the department's 汇总); every table follows."""
        if unit is not None and unit not in {u.id for u in reporting_units(self.document)}:
            unit = None
        if unit != self.reporting_unit:
            self.reporting_unit = unit
            self.reporting_unit_changed.emit()

    def unit_for(self, section_key: str) -> str:
        if self.unit_override != "按模板":
            return self.unit_override
        return self.format.unit_for(self.editors.schema.section(section_key).money_unit)

    def set_unit(self, unit: str) -> None:
        if unit not in UNIT_CHOICES:
            raise ValueError(unit)
        if unit != self.unit_override:
            self.unit_override = unit
            self.unit_changed.emit()

    def push(self, command: Command) -> bool:
        """Apply, commit and record one edit; False (with `problem` emitted) if it was refused."""
        if self.refuse_if_read_only():
            return False
        if not self.run(command, forward=True):
            return False
        self.undo_stack.push(UndoStep(self, command))
        return True

    def refuse_if_read_only(self) -> bool:
        """True (with the reason emitted) when the document was opened read-only."""
        if self.read_only:
            self.problem.emit("文档以只读方式打开，不能修改。要修改，请先关闭正在编辑它的 FiscalDesk，再重新打开。")
        return self.read_only

    def undo(self) -> bool:
        """Undo the last step; False (with `problem` emitted) if the document or the file refused,
        and then the document, the file and the undo history all stay as they were."""
        return self._step(forward=False)

    def redo(self) -> bool:
        """Redo the next step, on the same terms as `undo`."""
        return self._step(forward=True)

    def _step(self, forward: bool) -> bool:
        stack = self.undo_stack
        if self._stepping or not (stack.canRedo() if forward else stack.canUndo()):
            return False
        step = stack.command(stack.index() if forward else stack.index() - 1)
        outcome = self._apply(step.command, forward)
        if isinstance(outcome, Exception):
            verb, keys = ("重做", "Ctrl+Y") if forward else ("撤销", "Ctrl+Z")
            reason = str(outcome) if not isinstance(outcome, OSError) else f"无法写入文档文件（{describe(outcome)}）"
            self.problem.emit(f"无法{verb}“{step.text()}”：{reason.rstrip('。')}。文档和撤销记录都保持原样，"
                              f"问题排除后可再按 {keys} {verb}。")
            return False
        self._stepping = True
        try:
            stack.redo() if forward else stack.undo()
        finally:
            self._stepping = False
        self.changed.emit(outcome)
        return True

    def run(self, command: Command, forward: bool) -> bool:
        outcome = self._apply(command, forward)
        if isinstance(outcome, OSError):
            self.problem.emit(f"无法写入文档文件（{describe(outcome)}），本次修改未保存，已撤回。")
            return False
        if isinstance(outcome, Exception):
            self.problem.emit(str(outcome))
            return False
        self.changed.emit(outcome)
        return True

    def _apply(self, command: Command, forward: bool) -> Outcome | Exception:
        """The outcome, or why not (the session has put the document and the file back)."""
        try:
            return self.session.do(command) if forward else self.session.undo(command)
        except (DocumentError, DocumentFileError, ValueError, OSError) as exc:
            return exc
