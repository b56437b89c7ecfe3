"""One table model per section: the document's cells as a spreadsheet the clerk types into.

A section is shown in one of three orientations. *Rows*: a grid or a variable table, one model row
per document row (optionally only the rows belonging to one project), stored columns then
computed ones, and a computed 合计 row where editors.json declares one. *Transposed*: a grid that
editors.json declares so, laid out as its official 样表 prints it — one model column per grid row
(the items: 合计, 因公出国（境）费 …) and one model row per measure (年初预算数, 决算数, computed
rates, then the reasons). *Fields*: a form, or one record of a table (a project's 自评表 header),
one model row per field. Every cell is addressed as (document row id, column key) whatever the
orientation, so typing, paste, Delete, findings and the 审核 panel's jump work the same in all
three. Edits never touch the data here: `setData` and `paste` build commands and hand them to the
workspace.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from desktop.domain.blocks import Block, owner_block
from desktop.domain.codes import code_table
from desktop.domain.formatting import format_amount
from desktop.domain.schema import FORM_ROW, ValueRejected
from desktop.domain.published_texts import placement
from desktop.domain.table_sets import section_title
from desktop.domain.sources import PASTED, TYPED, Source
from desktop.domain.sources import describe as describe_source
from desktop.editing.commands import CellValue, Composite, InsertRows, RemoveRows, SetCells
from desktop.editing.computed import FORMULAS, READS_SCORES, READS_SECTIONS, Inputs, column_total, format_total, summable_rows
from desktop.rules.findings import Finding
from desktop.ui.editors import ColumnSpec
from desktop.ui.qt import QAbstractTableModel, QBrush, QColor, QFont, QModelIndex, Qt
from desktop.ui.workspace import Workspace

ERROR_BACKGROUND = QColor("#f8d0d0")
WARNING_BACKGROUND = QColor("#fbe6b8")
EXPLAINED_BACKGROUND = QColor("#eef3e2")
COMPUTED_BACKGROUND = QColor("#eef1f5")
TOTAL_BACKGROUND = QColor("#e3e8ef")
COMPUTED_FOREGROUND = QColor("#2f4f75")
NEGATIVE_FOREGROUND = QColor("#b00020")
TOTAL_ROW = "\u0000total"  # the computed 合计 row; never a document row id
FIXED_ROW = "\u0000fixed:"  # + a choice: a fixed row of a block the document does not hold yet
FIXED_LABELS = {"当年财政拨款": "其中：当年财政拨款"}
CellRole = Qt.ItemDataRole.UserRole + 1  # (row id, column key) of a stored cell


@dataclass(frozen=True)
class SheetRow:
    row_id: str          # document row id (TOTAL_ROW for the 合计 row)
    label: str


class SheetModel(QAbstractTableModel):
    def __init__(self, workspace: Workspace, section_key: str, scope: int | None = -1,
                 fields: bool | None = None, record: str | None = None,
                 filter_column: str = "", filter_value: str | None = None,
                 only_columns: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.workspace = workspace
        self.section = workspace.editors.schema.section(section_key)
        self.scope = (None if self.section.scope == "document" else workspace.year) if scope == -1 else scope
        self.fields = self.section.kind == "form" if fields is None else fields
        self.record = FORM_ROW if self.section.kind == "form" else record
        self.filter_column, self.filter_value = filter_column, filter_value
        editors = workspace.editors
        self.layout = editors.transposed.get(section_key) if not self.fields and self.section.kind == "grid" else None
        self.transposed = self.layout is not None
        hidden = (filter_column,) if filter_column else ()
        if self.scope is not None:  # columns only other profiles publish (表5 of the municipal set …)
            profile = workspace.document.year(self.scope).profile
            hidden += tuple(c.key for c in self.section.columns if not c.used_by(profile))
        if self.fields:
            self.specs = [editors.stored(c) for c in self.section.columns]
            self.specs += list(editors.computed_fields.get(section_key, ()))
            self.specs += list(editors.computed_columns.get(section_key, ()))
        elif self.transposed:
            # the measures as rows: figures, then what is computed from them, then the (tall) texts
            specs = editors.columns(self.section)
            self.specs = [s for s in specs if s.type != "longtext"] + [s for s in specs if s.type == "longtext"]
        else:
            self.specs = editors.columns(self.section, hidden)
            if only_columns:
                self.specs = [s for s in self.specs if s.key in only_columns or s.type == "computed"]
        self.total_columns = editors.total_rows.get(section_key, ()) if not self.fields else ()
        fixed = self.section.fixed_rows
        # one project's 项目资金: its fixed rows, in order, whether or not the document holds them yet
        self.fixed = fixed if fixed is not None and not self.fields and filter_column == fixed.per else None
        self._block: Block | None = None
        self._rows: list[SheetRow] = []
        self._marks: dict[tuple[str, str], list[Finding]] | None = None
        self.wrapped_headers: dict[int, str] = {}  # column -> its header as the view wrapped it
        computed = [s.formula for s in self.specs if s.type == "computed"]
        self._reads_scores = any(f in READS_SCORES for f in computed)
        self._reads = {(self.scope, s.column.target) for s in self.specs  # the names its references show
                       if s.type == "ref" and s.column is not None and s.column.target}
        self._reads |= {(self.scope, section) for f in computed for section in READS_SECTIONS.get(f, ())}
        self._rebuild_rows()
        workspace.changed.connect(self._on_changed)
        if self._reads_scores:
            workspace.scores_shown.connect(self._scores_shown)
        workspace.unit_changed.connect(self._refresh_all)
        workspace.reporting_unit_changed.connect(self._unit_shown)

    # -- structure ----------------------------------------------------------------------
    @property
    def key(self) -> str:
        """Where the table's cells are: the shown unit's copy of the section ("…@r2") or the section."""
        return self.section.key if self.scope is None else self.workspace.section_key(self.section.key)

    @property
    def data_section(self):
        document = self.workspace.document
        return document.section(self.section.key) if self.scope is None else \
            document.year(self.scope).section(self.key)

    def shows_summary(self) -> bool:
        """The department's 汇总 of its units: computed from them, typed in the units."""
        return self.scope is not None and self.workspace.shows_summary(self.section)

    def is_summary_cell(self, key: str) -> bool:
        if not self.shows_summary():
            return False
        if self.section.kind == "table":
            return True
        column = self.section._columns_by_key.get(key)
        return column is None or column.summed_across_units

    @property
    def year_data(self):
        return self.workspace.document.year(self.workspace.year)

    def is_variable(self) -> bool:
        """Rows can be added and removed (not in a fixed block: its rows are the form's, nor in a
        汇总: its rows are the units')."""
        return self.section.kind == "table" and not self.fields and self.fixed is None and not self.shows_summary()

    def _rebuild_rows(self) -> None:
        self._rows = self._current_rows()

    def _current_rows(self) -> list[SheetRow]:
        if self.fields:
            return []
        data = self.data_section
        self._block = None
        if self.section.kind == "grid":
            return [SheetRow(r.key, r.label) for r in self.section.rows]
        if self.fixed is not None:
            return self._fixed_rows()
        ids = [r for r, values in data.rows.items()
               if not self.filter_column or values.get(self.filter_column) == self.filter_value]
        rows = [SheetRow(r, str(i + 1)) for i, r in enumerate(ids)]
        if self.total_columns:
            rows.append(SheetRow(TOTAL_ROW, "合计"))
        return rows

    def _move_rows(self) -> None:
        """The table's rows after rows were added or removed: only the rows that came or went are
        inserted or removed (the views keep their place, measure only the new rows), a reset only
        when rows were also reordered; then every cell and row number is refreshed."""
        new = self._current_rows()
        old_ids, new_ids = [r.row_id for r in self._rows], [r.row_id for r in new]
        gone, came = set(old_ids) - set(new_ids), set(new_ids) - set(old_ids)
        if [r for r in old_ids if r not in gone] != [r for r in new_ids if r not in came]:
            self.beginResetModel()
            self._rows = new
            self._marks = None
            self.endResetModel()
            return
        for start, end in reversed(_runs([i for i, r in enumerate(old_ids) if r in gone])):
            self.beginRemoveRows(QModelIndex(), start, end)
            del self._rows[start:end + 1]
            self.endRemoveRows()
        for start, end in _runs([i for i, r in enumerate(new_ids) if r in came]):
            self.beginInsertRows(QModelIndex(), start, end)
            self._rows[start:start] = new[start:end + 1]
            self.endInsertRows()
        self._rows = new  # the row numbers after the change
        self._refresh_all()
        if new and not self.specs_down:
            self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, len(new) - 1)

    # -- fixed blocks (a project's 项目资金) --------------------------------------------------
    def block(self) -> Block | None:
        """The shown project's block (cached until the next change)."""
        if self.fixed is None or self.filter_value is None:
            return None
        if self._block is None:
            self._block = owner_block(self.data_section, self.filter_value)
        return self._block

    def _fixed_rows(self) -> list[SheetRow]:
        block = self.block()
        if block is None:
            return []
        rows = [SheetRow(block.row_ids[c] or FIXED_ROW + c, FIXED_LABELS.get(c, c)) for c in self.fixed.choices]
        return rows + [SheetRow(r, "重复/未选来源") for r in block.extra]

    def fixed_choice(self, row_id: str) -> str | None:
        """The block row a model row shows (its choice), or None outside a block."""
        if self.fixed is None:
            return None
        if row_id.startswith(FIXED_ROW):
            return row_id[len(FIXED_ROW):]
        block = self.block()
        return next((c for c, r in block.row_ids.items() if r == row_id), None) if block else None

    def _block_total(self, row_id: str, key: str) -> bool:
        """A 年度资金总额 cell computed from its filled 其中 rows."""
        block = self.block()
        return block is not None and key in self.fixed.sum_columns and block.parts_filled(key) \
            and self.fixed_choice(row_id) == self.fixed.total

    def set_filter_value(self, value: str | None) -> None:
        self.beginResetModel()
        self.filter_value = value
        self._rebuild_rows()
        self._marks = None
        self.endResetModel()

    def set_record(self, row_id: str | None) -> None:
        self.beginResetModel()
        self.record = row_id
        self._marks = None
        self.endResetModel()

    def document_rows(self) -> list[str]:
        return [r.row_id for r in self._rows if r.row_id != TOTAL_ROW and not r.row_id.startswith(FIXED_ROW)]

    # -- Qt model interface ---------------------------------------------------------------
    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        if parent.isValid():
            return 0
        if self.fields:
            return len(self.specs) if self.record is not None and self.record in self.data_section.rows else 0
        return len(self.specs) if self.transposed else len(self._rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        if parent.isValid():
            return 0
        if self.fields:
            return 1
        return len(self._rows) if self.transposed else len(self.specs)

    @property
    def specs_down(self) -> bool:
        """Whether the columns of the section run down the model (fields and transposed)."""
        return self.fields or self.transposed

    def spec_at(self, index: QModelIndex) -> ColumnSpec:
        return self.specs[index.row()] if self.specs_down else self.specs[index.column()]

    def item_at(self, index: QModelIndex) -> SheetRow:
        """The document row a cell belongs to (rows and transposed orientations)."""
        return self._rows[index.column()] if self.transposed else self._rows[index.row()]

    def address(self, index: QModelIndex) -> tuple[str, str]:
        """(document row id, column key) of a cell; the row id is TOTAL_ROW for the 合计 row."""
        spec = self.spec_at(index)
        if self.fields:
            return self.record or "", spec.key
        return self.item_at(index).row_id, spec.key

    def index_of(self, row_id: str, column_key: str = "") -> QModelIndex:
        """The cell of a document row and column (first column for a whole-row location)."""
        if self.fields:
            if row_id != (self.record or ""):
                return QModelIndex()
            for i, spec in enumerate(self.specs):
                if spec.key == column_key:
                    return self.index(i, 0)
            return self.index(0, 0)
        for r, row in enumerate(self._rows):
            if row.row_id == row_id:
                columns = [i for i, s in enumerate(self.specs) if s.key == column_key] or [0]
                return self.index(columns[0], r) if self.transposed else self.index(r, columns[0])
        return QModelIndex()

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if self.transposed:
            return self._transposed_header(section, horizontal, role)
        if role == Qt.ItemDataRole.DisplayRole:
            if self.fields:
                return "内容" if horizontal else self.specs[section].label
            if horizontal:
                if section in self.wrapped_headers:
                    return self.wrapped_headers[section]
                spec = self.specs[section]
                unit = self.workspace.unit_for(self.section.key) if spec.type == "money" else ""
                return f"{spec.label}\n（{unit}）" if unit else spec.label
            return self._rows[section].label
        if role == Qt.ItemDataRole.ToolTipRole:
            spec = self.specs[section] if (self.fields and not horizontal) or (horizontal and not self.fields) else None
            if spec is not None and spec.type == "computed":
                return f"{spec.label}：自动计算，不能填写"
            if spec is not None and spec.type in ("text", "longtext"):
                return f"{spec.label}\n{self._published_where(spec.key)}"
        if role == Qt.ItemDataRole.FontRole and not horizontal and not self.fields \
                and self._rows[section].row_id == TOTAL_ROW:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _transposed_header(self, section: int, horizontal: bool, role: int) -> Any:
        """Items across (their 样表 header text), measures down (their labels)."""
        if horizontal:
            row = self._rows[section]
            grid_row = next(r for r in self.section.rows if r.key == row.row_id)
            if role == Qt.ItemDataRole.DisplayRole:
                return self.layout.header(row.row_id, row.label)
            if role == Qt.ItemDataRole.ToolTipRole:
                return row.label + ("：自动计算（合计）" if grid_row.sum_of else "")
            if role == Qt.ItemDataRole.FontRole and grid_row.total:
                font = QFont()
                font.setBold(True)
                return font
            return None
        spec = self.specs[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return spec.label
        if role == Qt.ItemDataRole.ToolTipRole and spec.type == "computed":
            return f"{spec.label}：自动计算，不能填写"
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.is_editable(index):
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def is_editable(self, index: QModelIndex) -> bool:
        row_id, key = self.address(index)
        return self.spec_at(index).editable and row_id != TOTAL_ROW and not self.workspace.read_only \
            and not self.is_total_cell(row_id, key) and not self.is_summary_cell(key) \
            and not (self.fixed is not None and key == self.fixed.by and self.fixed_choice(row_id) is not None)

    def is_total_cell(self, row_id: str, key: str) -> bool:
        """A 合计/总计 cell of a grid, or a block's total: computed from its parts, never typed."""
        if self.fixed is not None:
            return self._block_total(row_id, key)
        return self.section.kind in ("grid", "form") and self.section.is_computed(row_id, key)

    def computed_reason(self, index: QModelIndex) -> str | None:
        """Why a cell cannot be typed into when it is computed (合计, rates, scores), else None."""
        if not index.isValid():
            return None
        spec = self.spec_at(index)
        row_id, key = self.address(index)
        name = f"合计（{spec.label}）" if row_id == TOTAL_ROW else self.cell_name(index).split("·", 1)[-1]
        if row_id == TOTAL_ROW:
            return f"{name}由上面各行相加，自动计算，不能填写；请修改各行的数字。"
        if self.is_total_cell(row_id, key):
            parts = self._total_tooltip(row_id, key).splitlines()[0].split("：", 1)[-1]
            return f"{name}由各部分相加（{parts}），自动计算，不能填写。"
        if spec.type == "computed":
            return f"{name}由其他数字自动计算，不能填写；请修改参与计算的数字。"
        if self.is_summary_cell(key):
            return f"{name}是各单位的汇总数，不能在汇总中填写；请在“单位”框中选择单位后修改该单位的数字。"
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        spec = self.spec_at(index)
        row_id, key = self.address(index)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(spec, row_id)
        if role == Qt.ItemDataRole.EditRole:
            return self.edit_text(spec, row_id)
        if role == CellRole:
            return (row_id, key)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = Qt.AlignmentFlag.AlignRight if spec.align_right else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._background(spec, row_id, key)
        if role == Qt.ItemDataRole.ForegroundRole:
            if spec.type == "computed":
                computed = self._computed(spec, row_id)
                return QBrush(NEGATIVE_FOREGROUND if computed and computed.negative else COMPUTED_FOREGROUND)
            return QBrush(COMPUTED_FOREGROUND) if self.is_total_cell(row_id, key) else None
        if role == Qt.ItemDataRole.FontRole and (row_id == TOTAL_ROW or self.is_total_cell(row_id, key)):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(spec, row_id, key)
        return None

    # -- values -------------------------------------------------------------------------
    def _value(self, row_id: str, key: str) -> Any:
        if self.fixed is not None and self.is_total_cell(row_id, key):
            return self.block().total.get(key)
        if self.is_total_cell(row_id, key):
            return self.data_section.value(row_id, key)
        if self.fixed is not None and row_id.startswith(FIXED_ROW):
            return self._value_row(row_id).get(key)
        return self.data_section.rows.get(row_id, {}).get(key)

    def _reported(self, row_id: str, key: str) -> Any:
        """A figure typed at a computed total (an import, an older file), or None."""
        return self.data_section.rows.get(row_id, {}).get(key) if self.is_total_cell(row_id, key) else None

    def _display(self, spec: ColumnSpec, row_id: str) -> str:
        unit = self.workspace.unit_for(self.section.key)
        if row_id == TOTAL_ROW:
            if spec.key not in self.total_columns:
                return ""
            if spec.type == "computed":
                return self._computed_total(spec, unit)
            value = column_total(self.year_data, self.key, spec.key, self._total_rows())
            return "" if value is None else format_total(value, unit)
        if spec.type == "computed":
            computed = self._computed(spec, row_id)
            return computed.text if computed else ""
        value = self._value(row_id, spec.key)
        if value is None:
            return ""
        if spec.type == "money":
            return format_amount(value, unit, self.workspace.format.decimals, self.workspace.format.thousands)
        if spec.type == "decimal":
            return _plain(value)
        if spec.type == "boolean":
            return "是" if value else "否"
        if spec.type == "ref":
            return self._ref_name(value)
        return str(value)

    def _computed_total(self, spec: ColumnSpec, unit: str) -> str:
        """The 合计 of a computed column (计算得分): the sum of what its rows compute; "—" while a
        row cannot be computed; rows that do not apply (不适用) or show nothing are left out."""
        values = []
        for row_id in self.document_rows():
            computed = self._computed(spec, row_id)
            text = computed.text.replace(",", "").strip() if computed else ""
            if text in ("", "不适用"):
                continue
            try:
                values.append(Decimal(text))
            except InvalidOperation:
                return "—"
        return format_total(sum(values, Decimal(0)), unit) if values else ""

    def _ref_name(self, row_id: str) -> str:
        column = self.section.column(self.filter_column) if self.filter_column else None
        target = column.target if column else next((c.target for c in self.section.columns if c.type == "ref"), "")
        if not target:
            return row_id
        return str(self.year_data.section(target).rows.get(row_id, {}).get("name", row_id))

    def _total_rows(self) -> list[dict[str, Any]]:
        rows = self.data_section.rows
        if self.filter_column:
            return [rows[r] for r in self.document_rows()]
        return summable_rows(self.year_data, self.key)

    def edit_text(self, spec: ColumnSpec, row_id: str) -> str:
        """What the editor starts with: the raw value, no 千分号, in the display unit."""
        value = self._value(row_id, spec.key) \
            if spec.type != "computed" and row_id != TOTAL_ROW and not self.is_total_cell(row_id, spec.key) else None
        if value is None:
            return ""
        if spec.type == "money":
            unit = self.workspace.unit_for(self.section.key)
            return _plain(value.wan if unit == "万元" else value.yuan, keep_cents=unit == "元")
        if spec.type == "decimal":
            return _plain(value)
        if spec.type == "boolean":
            return "是" if value else "否"
        return str(value)

    def _computed(self, spec: ColumnSpec, row_id: str):
        if row_id == TOTAL_ROW or self.scope is None:
            return None
        row = self._value_row(row_id)
        labels = {c.key: c.label for c in self.section.columns}
        inputs = Inputs(self.workspace.shown_year(), self.section.key, row_id, row, self.workspace.unit_for(self.section.key),
                        self.workspace.format.percent_decimals, self.workspace.scores, labels)
        return FORMULAS[spec.formula](inputs, *spec.args)

    def _value_row(self, row_id: str) -> dict[str, Any]:
        choice = self.fixed_choice(row_id)
        if choice is not None:  # the block's row as read: a fixed row not yet held, a summed total
            return {**self.block().values[choice], self.fixed.per: self.filter_value, self.fixed.by: choice}
        data = self.data_section
        return data.effective_row(row_id) if row_id in data.rows else {}

    # -- findings -----------------------------------------------------------------------
    def marks(self) -> dict[tuple[str, str], list[Finding]]:
        """Findings of this section by (row id, column key); a whole-row finding marks column ""."""
        if self._marks is None:
            marks: dict[tuple[str, str], list[Finding]] = {}
            if self.scope is not None:
                for finding in self.workspace.session.findings_at(self.key):
                    marks.setdefault((finding.location.row, finding.location.column), []).append(finding)
            self._marks = marks
        return self._marks

    def findings_at(self, row_id: str, key: str) -> list[Finding]:
        marks = self.marks()
        found = list(marks.get((row_id, key), ()))
        first = self.specs[0].key if self.specs else ""
        if key == first or (self.fields and key == self.specs[0].key):
            found += marks.get((row_id, ""), [])
        return found

    def _background(self, spec: ColumnSpec, row_id: str, key: str) -> Any:
        found = self.findings_at(row_id, key)
        if any(f.severity == "error" for f in found):
            return QBrush(ERROR_BACKGROUND)
        if any(f.needs_explanation for f in found):
            return QBrush(WARNING_BACKGROUND)
        if any(f.severity == "warning" for f in found):
            return QBrush(EXPLAINED_BACKGROUND)
        if row_id == TOTAL_ROW or self.is_total_cell(row_id, key):
            return QBrush(TOTAL_BACKGROUND)
        if spec.type == "computed" or (spec.editable and self.is_summary_cell(key)):
            return QBrush(COMPUTED_BACKGROUND)
        return None

    def _tooltip(self, spec: ColumnSpec, row_id: str, key: str) -> str | None:
        lines = []
        for finding in self.findings_at(row_id, key):
            label = {"error": "错误", "warning": "提示", "info": "提示信息"}[finding.severity]
            lines.append(f"【{label}】{finding.text}")
            if finding.explanation:
                lines.append(f"　说明：{finding.explanation}")
        if row_id == TOTAL_ROW and spec.key in self.total_columns:
            lines.append("合计：自动计算" + ("（各类之和）" if "code" in self.section.column_keys else ""))
        elif self.is_total_cell(row_id, key):
            lines.append(self._total_tooltip(row_id, key))
        elif spec.type == "computed":
            computed = self._computed(spec, row_id)
            lines.append(f"{spec.label}：自动计算" + (f"\n{computed.tooltip}" if computed and computed.tooltip else ""))
        elif spec.type == "longtext":
            value = self._value(row_id, key)
            if value:
                lines.append(str(value)[:600])
        if spec.editable and self.is_summary_cell(key):
            lines.append("部门汇总：各单位之和，自动计算；请在“单位”框中选择单位后修改")
        elif spec.editable and not self.is_total_cell(row_id, key) and self._value(row_id, key) is not None \
                and row_id in self.data_section.rows:
            source = self.workspace.document.sources.get((self.scope, self.key, row_id, key))
            lines.append(f"来源：{describe_source(source)}")
        if spec.type in ("text", "longtext"):
            lines.append(self._published_where(key))
        return "\n".join(line for line in lines if line) or None

    def _published_where(self, key: str) -> str:
        """Where this typed text appears in the published document (texts.json), so a clerk knows
        what a reader will read and what stays internal."""
        place = placement(self.section.key, key)
        if place is None:
            return ""
        if not place.published:
            return place.where
        needed = {"always": "（须填写）", "project": "（每个项目须填写）", "key_project": "（重点项目须填写）",
                  "reason": "（数字有变化时须填写）"}.get(place.need, "")
        return f"发布位置：{place.where}{needed}"

    def _total_tooltip(self, row_id: str, key: str) -> str:
        parts = self.section.sum_parts(row_id, key) or ()
        names = " + ".join(self.section.row_label(r) if r != row_id else self.section.column(c).label for r, c in parts)
        if self.fixed is not None:
            names = " + ".join(self.fixed.parts) + "（已填写的各项之和）"
        text = f"自动计算，不能填写：{names}"
        reported = self._reported(row_id, key)
        if reported is not None:
            unit = self.workspace.unit_for(self.section.key)
            shown = format_amount(reported, unit, self.workspace.format.decimals, self.workspace.format.thousands)
            text += f"\n导入的填报数为 {shown}：发布和说明使用计算值；按 Delete 清除填报数"
        return text

    # -- refresh ------------------------------------------------------------------------
    def _on_changed(self, outcome) -> None:
        """After an edit: a table whose section, shown references or scores the edit touched is
        refreshed; one where only 审核 marks came or went redraws them; any other table is left
        alone (so it is not repainted)."""
        if outcome.applied.relayout:  # the year entered per unit, or back: the shown cells moved
            self._unit_shown()
            return
        key = (self.scope, self.key)
        if key not in outcome.sections and not self._reads_changed(outcome.sections):
            if self.scope is not None and self.key in marked_sections(outcome):
                self._refresh_cells()
            return
        if self.fixed is not None:
            before = self._rows
            self._block = None
            if self._fixed_rows() != before:  # a row added, removed, or its source changed
                self.beginResetModel()
                self._rebuild_rows()
                self._marks = None
                self.endResetModel()
                return
        if key in outcome.applied.structural:
            self._move_rows()
            return
        self._refresh_cells()

    def _reads_changed(self, sections: set) -> bool:
        """Whether the edited sections hold what this table shows from elsewhere: the names its
        references show, another section a computed column reads; scores only when no window
        takes them for display (then `_scores_shown` redraws them)."""
        if self._reads_scores and not self.workspace.scores_taken:
            return True  # no window takes the scores for display: they change with every edit
        return not self._reads.isdisjoint(sections)

    def _scores_shown(self) -> None:
        """The window took the scores again: the cells that show them (not the others)."""
        rows, columns = self.rowCount(), self.columnCount()
        if not rows or not columns:
            return
        for position, spec in enumerate(self.specs):
            if spec.type == "computed" and spec.formula in READS_SCORES:
                if self.specs_down:
                    self.dataChanged.emit(self.index(position, 0), self.index(position, columns - 1))
                else:
                    self.dataChanged.emit(self.index(0, position), self.index(rows - 1, position))

    def refresh_findings(self) -> None:
        """The whole year was checked again (a code table was imported): redraw every mark."""
        self._refresh_all()

    def _refresh_cells(self) -> None:
        """Every cell again (values, marks); the headers stay (they change with the unit only)."""
        self._marks = None
        self._block = None
        rows, columns = self.rowCount(), self.columnCount()
        if rows and columns:
            self.dataChanged.emit(self.index(0, 0), self.index(rows - 1, columns - 1))

    def _unit_shown(self) -> None:
        """Another unit of the department (or its 汇总) is shown: its rows, cells and marks."""
        self.beginResetModel()
        self._block = None
        self._rebuild_rows()
        self._marks = None
        self.endResetModel()

    def _refresh_all(self) -> None:
        """Every cell and header again (the unit changed, the year was checked again)."""
        self._refresh_cells()
        rows, columns = self.rowCount(), self.columnCount()
        if columns:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, columns - 1)
        if rows and self.specs_down:
            self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, rows - 1)

    # -- editing ------------------------------------------------------------------------
    def setData(self, index: QModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role == Qt.ItemDataRole.EditRole and index.isValid() and self.workspace.refuse_if_read_only():
            return False
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or not self.is_editable(index):
            return False
        text = "" if value is None else str(value)
        if text == self.edit_text(self.spec_at(index), self.address(index)[0]):
            return False  # unchanged: no undo step, no write
        try:
            cells = self._parsed_cells([(index, text)])
        except ValueRejected as exc:
            self.workspace.problem.emit(str(exc))
            return False
        spec = self.spec_at(index)
        command = self._cells_command(cells, f"编辑 {self.cell_name(index)}" if spec else "编辑", TYPED)
        return self.workspace.push(command) if command is not None else False

    def rejection(self, index: QModelIndex, text: str) -> str | None:
        """The message setData would refuse this text with (naming the cell), or None when the
        column's parser accepts it; nothing is written and nothing is emitted."""
        if not index.isValid() or not self.is_editable(index):
            return None
        if text == self.edit_text(self.spec_at(index), self.address(index)[0]):
            return None
        try:
            self._parsed_cells([(index, text)])
        except ValueRejected as exc:
            return str(exc)
        return None

    def _cells_command(self, cells: list[CellValue], text: str, source: Source | None = None) -> Any:
        """SetCells for the held rows; a fixed row the document does not hold yet is inserted with
        its values (one undo step either way). None when nothing is left to do."""
        held = [c for c in cells if not c.row.startswith(FIXED_ROW)]
        new: dict[str, dict[str, Any]] = {}
        for cell in cells:
            if cell.row.startswith(FIXED_ROW) and cell.value is not None:
                choice = cell.row[len(FIXED_ROW):]
                new.setdefault(choice, {self.fixed.per: self.filter_value, self.fixed.by: choice})[cell.column] = cell.value
        commands: list[Any] = []
        if new:
            position = self._insert_position(len(self.document_rows()))
            commands.append(InsertRows(self.scope, self.key, position, list(new.values()), text, source))
        if held:
            commands.append(SetCells(held, text, source))
        if not commands:
            return None
        return commands[0] if len(commands) == 1 else Composite(commands, text)

    @property
    def title(self) -> str:
        """The section as the 审核 and the PDF name it: "表7 财政拨款“三公”经费支出决算表", else its label."""
        if self.scope is None:
            return self.section.label
        return section_title(self.workspace.document.year(self.scope).profile, self.section.key, self.section.label)

    def cell_name(self, index: QModelIndex) -> str:
        """How a message names a cell: 表名·行（列）."""
        spec = self.spec_at(index)
        if self.fields:
            return f"{self.title}·{spec.label}"
        return f"{self.title}·第{self.item_at(index).label}行（{spec.label}）" \
            if self.section.kind == "table" else f"{self.title}·{self.item_at(index).label}（{spec.label}）"

    def _parsed_cells(self, entries: list[tuple[QModelIndex, str]]) -> list[CellValue]:
        """Parse every entry or raise ValueRejected naming the first cell that fails.

        A code also fills in its name from the year's code table when the name is blank or was
        the previous code's name."""
        cells: list[CellValue] = []
        unit = self.workspace.unit_for(self.section.key)
        for index, text in entries:
            spec = self.spec_at(index)
            row_id, key = self.address(index)
            try:
                value = spec.column.parse(text, unit)
            except ValueRejected as exc:
                raise ValueRejected(f"{self.cell_name(index)}：{_without_label(str(exc), spec.label)}") from None
            cells.append(CellValue(self.scope, self.key, row_id, key, value))
            if spec.type == "code" and "name" in self.section.column_keys:
                cells += self._code_name(row_id, spec, value, {c.column for c in cells if c.row == row_id})
        return cells

    def _code_name(self, row_id: str, spec: ColumnSpec, code: str | None, written: set[str]) -> list[CellValue]:
        """The name that goes with a new code: the code table's name when the row's name is blank
        or was the old code's name; a name that belonged to the old code is blanked when the new
        code is unknown or cleared (it would name another 科目). A name the clerk typed stays."""
        if "name" in written:
            return []
        table = code_table(self.workspace.year)
        entry = table.lookup(spec.column.scheme, code) if code is not None else None
        old_code = self._value(row_id, spec.key)
        old_entry = table.lookup(spec.column.scheme, old_code) if old_code else None
        current_name = self._value(row_id, "name")
        named_by_old_code = old_entry is not None and current_name == old_entry.name
        if entry and (not current_name or named_by_old_code):
            return [CellValue(self.scope, self.key, row_id, "name", entry.name)]
        if entry is None and named_by_old_code and code != old_code:
            return [CellValue(self.scope, self.key, row_id, "name", None)]
        return []

    def clear(self, indexes: list[QModelIndex]) -> bool:
        """Delete: blank every editable selected cell that has a value, as one undo step."""
        if self.workspace.refuse_if_read_only():
            return False
        cells = []
        for index in indexes:
            row_id, key = self.address(index)
            if self.is_editable(index) and self._value(row_id, key) is not None \
                    or self._reported(row_id, key) is not None:  # a typed total is cleared, never typed
                cells.append(CellValue(self.scope, self.key, row_id, key, None))
        if not cells:
            return False
        return self.workspace.push(SetCells(cells, f"清除 {len(cells)} 个单元格"))

    def copy_value(self, index: QModelIndex) -> str:
        """What Ctrl+C puts on the clipboard for one cell: as Excel, a typed amount's value, not its
        display — every digit down to the 分 in the unit shown, without 千分号 (7812.957773 in the 万元
        view, 78129577.73 in 元), so Excel gets the exact number and a paste back in the same view
        restores the same 分. Computed cells and every other column copy what they show."""
        spec = self.spec_at(index)
        row_id, key = self.address(index)
        if spec.type == "money" and row_id != TOTAL_ROW and not self.is_total_cell(row_id, key):
            return self.edit_text(spec, row_id)
        return self.data(index) or ""

    def copy_text(self, indexes: list[QModelIndex]) -> str:
        """The selection's bounding block as tab-separated text, the way Excel pastes it."""
        if not indexes:
            return ""
        rows = sorted({i.row() for i in indexes})
        columns = sorted({i.column() for i in indexes})
        chosen = {(i.row(), i.column()) for i in indexes}
        lines = []
        for r in range(rows[0], rows[-1] + 1):
            cells = []
            for c in range(columns[0], columns[-1] + 1):
                text = self.copy_value(self.index(r, c)) if (r, c) in chosen else ""
                cells.append(f'"{text.replace(chr(34), chr(34) * 2)}"' if any(ch in text for ch in '\t\n"') else text)
            lines.append("\t".join(cells))
        return "\n".join(lines) + "\n"

    def paste(self, text: str, selection: list[QModelIndex]) -> bool:
        """Paste a block copied from Excel at the selection, as one undo step.

        A single value over a selection fills it; a block starts at the selection's top-left
        cell and, in a variable table, adds the rows it needs. A block that does not fit, or a
        value a column refuses, refuses the whole paste with a message saying where."""
        if self.workspace.refuse_if_read_only():
            return False
        block = parse_block(text)
        if not block or not selection:
            return False
        top = min(i.row() for i in selection)
        left = min(i.column() for i in selection)
        if len(block) == 1 and len(block[0]) == 1 and len(selection) > 1:
            targets = [(i, block[0][0]) for i in selection]
            return self._paste_cells(targets, [], "填充")
        height, width = len(block), max(len(line) for line in block)
        if left + width > self.columnCount():
            self.workspace.problem.emit(
                f"粘贴被拒绝：粘贴内容有 {width} 列，从“{self._column_label(left)}”起只剩 "
                f"{self.columnCount() - left} 列。未做任何修改。")
            return False
        available = len(self.document_rows()) - top if not self.specs_down and self.fixed is None \
            else self.rowCount() - top
        extra = height - available
        if extra > 0 and not self.is_variable():
            self.workspace.problem.emit(
                f"粘贴被拒绝：粘贴内容有 {height} 行，{self.title}从第 {top + 1} 行起只有 {max(available, 0)} 行。"
                "未做任何修改。")
            return False
        targets, new_rows = [], [dict() for _ in range(max(extra, 0))]
        for r, line in enumerate(block):
            for c, text_value in enumerate(line):
                column = left + c
                if top + r < top + available:
                    targets.append((self.index(top + r, column), text_value))
                else:
                    new_rows[top + r - (top + available)][column] = text_value
        return self._paste_cells(targets, new_rows, f"粘贴 {height}×{width}")

    def _column_label(self, column: int) -> str:
        if self.transposed:
            return self._rows[column].label
        return self.specs[column].label if not self.fields else "内容"

    def _paste_cells(self, targets: list[tuple[QModelIndex, str]], new_rows: list[dict[int, str]], verb: str) -> bool:
        editable = []
        for index, text in targets:
            if not self.is_editable(index):
                if text.strip() and text.strip() != (self.data(index) or "").strip():
                    self.workspace.problem.emit(f"粘贴被拒绝：{self.cell_name(index)}是自动计算的，不能粘贴。未做任何修改。")
                    return False
                continue
            editable.append((index, text))
        try:
            cells = self._parsed_cells(editable)
            added = [self._parse_new_row(values, n) for n, values in enumerate(new_rows)]
        except ValueRejected as exc:
            self.workspace.problem.emit(f"粘贴被拒绝：{exc}。未做任何修改。")
            return False
        commands = []
        if added:
            position = self._insert_position(len(self.document_rows()))
            commands.append(InsertRows(self.scope, self.key, position, added, "添加行", PASTED))
        if cells:
            command = self._cells_command(cells, verb, PASTED)
            commands += [command] if command is not None else []
        if not commands:
            return False
        count = len(cells) + sum(len(a) for a in added)
        return self.workspace.push(commands[0] if len(commands) == 1 else
                                   Composite(commands, f"{verb}（{count} 个单元格，新增 {len(added)} 行）"))

    def _parse_new_row(self, values: dict[int, str], number: int) -> dict[str, Any]:
        parsed: dict[str, Any] = {self.filter_column: self.filter_value} if self.filter_column else {}
        unit = self.workspace.unit_for(self.section.key)
        for column, text in values.items():
            spec = self.specs[column]
            if spec.type == "computed":
                continue
            try:
                value = spec.column.parse(text, unit)
            except ValueRejected as exc:
                row_label = len(self.document_rows()) + number + 1
                raise ValueRejected(f"{self.title}·第{row_label}行（{spec.label}）："
                                    f"{_without_label(str(exc), spec.label)}") from None
            if value is not None:
                parsed[spec.key] = value
        return parsed

    # -- rows ---------------------------------------------------------------------------
    def _insert_position(self, model_row: int) -> int:
        """The position in the document table for a new row shown at `model_row`."""
        rows = self.document_rows()
        all_rows = self.data_section.row_ids()
        if model_row < len(rows):
            return all_rows.index(rows[model_row])
        return all_rows.index(rows[-1]) + 1 if rows else len(all_rows)

    def insert_rows(self, model_row: int, count: int = 1) -> bool:
        if not self.is_variable():
            return False
        values = {self.filter_column: self.filter_value} if self.filter_column else {}
        position = self._insert_position(model_row)
        verb = "插入行" if model_row < len(self.document_rows()) else "添加行"
        return self.workspace.push(InsertRows(self.scope, self.key, position,
                                              [dict(values) for _ in range(count)], f"{self.section.label}：{verb}"))

    def remove_rows(self, model_rows: list[int]) -> bool:
        if self.fixed is not None:  # only the rows outside the block (a duplicate source) can go
            block = self.block()
            ids = [self._rows[r].row_id for r in sorted(set(model_rows))
                   if r < len(self._rows) and block is not None and self._rows[r].row_id in block.extra]
            return bool(ids) and self.workspace.push(RemoveRows(self.scope, self.key, ids,
                                                                f"{self.section.label}：删除 {len(ids)} 行"))
        rows = self.document_rows()
        ids = [rows[r] for r in sorted(set(model_rows)) if r < len(rows)]
        if not self.is_variable() or not ids:
            return False
        return self.workspace.push(RemoveRows(self.scope, self.key, ids,
                                              f"{self.section.label}：删除 {len(ids)} 行"))


def marked_sections(outcome) -> set[str]:
    """The sections where an edit made 审核 findings come, go, change or get explained."""
    sections = {f.location.section for f in (*outcome.delta.added, *outcome.delta.removed)}
    sections.update(location.split("/", 1)[0] for _year, _rule, location, _text in outcome.applied.write.explanations)
    sections.update(location.split("/", 1)[0] for _rule, location in outcome.pruned)
    return sections


def _runs(positions: list[int]) -> list[tuple[int, int]]:
    """Ascending positions as (first, last) runs of consecutive ones: [1, 2, 5] -> [(1, 2), (5, 5)]."""
    runs: list[tuple[int, int]] = []
    for position in positions:
        if runs and runs[-1][1] == position - 1:
            runs[-1] = (runs[-1][0], position)
        else:
            runs.append((position, position))
    return runs


def parse_block(text: str) -> list[list[str]]:
    """Tab-separated text as Excel and WPS put it on the clipboard (quoted cells may hold
    newlines); a trailing empty line is not a row."""
    if not text:
        return []
    reader = csv.reader(io.StringIO(text.replace("\r\n", "\n").replace("\r", "\n")), delimiter="\t", quotechar='"')
    rows = [row for row in reader]
    while rows and (not rows[-1] or rows[-1] == [""]):
        rows.pop()
    return [row if row else [""] for row in rows]


def _plain(value: Decimal, keep_cents: bool = False) -> str:
    if keep_cents:
        return format(value.quantize(Decimal("0.01")), "f")
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "0") else text


def _without_label(message: str, label: str) -> str:
    prefix = f"{label}："
    return message[len(prefix):] if message.startswith(prefix) else message

