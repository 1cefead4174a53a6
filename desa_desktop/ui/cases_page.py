"""The cases page: what is due today, then every case file of the post.

The follow-ups due today or overdue sit on top because they are the
morning's work; below, the list of cases with filters. Confidential cases
of other officers appear (so the post knows they exist, and their status)
but with a lock and no names, and cannot be opened.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desa_desktop.domain.case_reference import CASE_STATUS, CASE_TYPES, PRIORITY
from desa_desktop.domain.formatting import short_date
from desa_desktop.services import cases
from desa_desktop.services.case_access import REDACTED
from desa_desktop.services.cases import CaseSummary
from desa_desktop.services.context import EDITOR_ROLES, Change, ServiceContext
from desa_desktop.services.errors import NotFoundError, PermissionDenied
from desa_desktop.ui import dialogs
from desa_desktop.ui.follow_up_panel import OVERDUE_COLOR, FollowUpPanel
from desa_desktop.ui.operations import Operations
from desa_desktop.ui.tasks import TaskRunner
from desa_desktop.ui.translator import lookup, tr, trf

COLUMNS = ("Nomor", "Tanggal lapor", "Yang bersangkutan", "Jenis", "Prioritas", "Status",
           "Petugas", "Tindak lanjut berikut")
URGENT = QColor("#8b0000")
Index = QModelIndex | QPersistentModelIndex


class CaseTableModel(QAbstractTableModel):
    """The rows of ``cases.list_cases`` as the list shows them."""

    def __init__(self, ctx: ServiceContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.rows: list[CaseSummary] = []

    def set_rows(self, rows: list[CaseSummary]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def retranslate(self) -> None:
        if self.rows:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self.rows) - 1, len(COLUMNS) - 1))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(COLUMNS[section])
        return None

    def cell_text(self, row: CaseSummary, column: int) -> str:
        if column == 0:
            return f"{row.number} {tr('(rahasia)')}" if row.confidential else row.number
        if column == 1:
            return short_date(row.reported_on)
        if column == 2:
            return row.title if row.readable else tr(REDACTED)
        if column == 3:
            return ", ".join(tr(CASE_TYPES.get(t, t)) for t in row.types)
        if column == 4:
            return tr(PRIORITY.get(row.priority, row.priority))
        if column == 5:
            return tr(CASE_STATUS.get(row.status, row.status))
        if column == 6:
            return row.assigned_officer_name
        return short_date(row.next_due)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cell_text(row, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            if not row.readable:
                return tr("Kasus rahasia: hanya petugas yang ditugaskan dan admin yang dapat "
                          "membukanya.")
            if index.column() in (2, 3):
                return self.cell_text(row, index.column())
        if role == Qt.ItemDataRole.ForegroundRole:
            if index.column() == 7 and row.next_due and row.next_due < self.ctx.today():
                return QBrush(OVERDUE_COLOR)
            if index.column() == 4 and row.priority == "darurat":
                return QBrush(URGENT)
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None

    def row_of(self, case_id: str | None) -> int:
        for r, row in enumerate(self.rows):
            if row.id == case_id:
                return r
        return -1


class CasesPage(QWidget):
    """Due follow-ups on top, the filtered list of cases below."""

    def __init__(self, ctx: ServiceContext, runner: TaskRunner, ops: Operations,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.runner, self.ops = ctx, runner, ops
        self.follow_ups = FollowUpPanel(ctx, runner, ops)
        self.search_box = QLineEdit()
        self.search_box.setClearButtonEnabled(True)
        self.status_filter = QComboBox()
        self.open_only = QCheckBox()
        self.open_only.setChecked(True)
        self.new_button = QPushButton()
        self.open_button = QPushButton()
        self.count_label = QLabel()
        self.model = CaseTableModel(ctx)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((150, 92, 180, 250, 80, 130, 130, 120)):
            self.table.setColumnWidth(column, width)

        filters = QHBoxLayout()
        filters.addWidget(self.search_box, 2)
        filters.addWidget(self.status_filter, 1)
        filters.addWidget(self.open_only)
        filters.addStretch(1)
        filters.addWidget(self.open_button)
        filters.addWidget(self.new_button)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addLayout(filters)
        lower_layout.addWidget(self.table, 1)
        lower_layout.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addWidget(self.follow_ups)
        layout.addWidget(lower, 1)

        self._timer = QTimer(self, singleShot=True, interval=150)
        self._timer.timeout.connect(self.refresh)
        self.search_box.textChanged.connect(lambda _t: self._timer.start())
        self.status_filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.open_only.toggled.connect(lambda _b: self.refresh())
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        self.new_button.clicked.connect(lambda: self.new_case())
        self.open_button.clicked.connect(self.open_selected)
        self.follow_ups.sig_open_case.connect(self.open_case)
        QShortcut(QKeySequence("Ctrl+Shift+K"), self, activated=lambda: self.new_case())
        QShortcut(QKeySequence(Qt.Key.Key_Return), self.table, activated=self.open_selected)
        QShortcut(QKeySequence(Qt.Key.Key_Enter), self.table, activated=self.open_selected)
        ops.changed.connect(self.on_changed)
        can_edit = ctx.officer is not None and ctx.officer.role in EDITOR_ROLES
        self.new_button.setVisible(can_edit)
        self.retranslate()
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.search_box.setPlaceholderText(tr("Cari nomor kasus atau nama…"))
        self.open_only.setText(tr("Hanya kasus &terbuka"))
        self.new_button.setText(tr("&Kasus baru…"))
        self.new_button.setToolTip(tr("Catat kasus baru (Ctrl+Shift+K)"))
        self.open_button.setText(tr("Buka kasus"))
        self.open_button.setToolTip(tr("Buka kasus yang dipilih (Enter)"))
        current = self.status_filter.currentData()
        self.status_filter.blockSignals(True)
        self.status_filter.clear()
        self.status_filter.addItem(tr("Semua status"), "")
        for code, label in CASE_STATUS.items():
            self.status_filter.addItem(tr(label), code)
        self.status_filter.setCurrentIndex(max(self.status_filter.findData(current or ""), 0))
        self.status_filter.blockSignals(False)
        self.model.retranslate()
        self._show_count()

    def _show_count(self) -> None:
        self.count_label.setText(trf("{n} kasus", n=len(self.model.rows)))

    # -- loading -----------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload the list with the current filters, keeping the selection."""
        self._timer.stop()
        selected = self.selected_id()
        rows = cases.list_cases(self.ctx, status=self.status_filter.currentData() or None,
                                open_only=self.open_only.isChecked(),
                                text=self.search_box.text().strip())
        self.model.set_rows(rows)
        row = self.model.row_of(selected)
        if row >= 0:
            self.table.selectRow(row)
        self._show_count()

    def on_changed(self, change: Change) -> None:
        if change.entity in ("case", "follow_up", "referral", "person"):
            self.refresh()

    def selected_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()].id if rows else None

    # -- actions -----------------------------------------------------------------------
    def open_selected(self) -> None:
        case_id = self.selected_id()
        if case_id is not None:
            self.open_case(case_id)

    def _show(self, dialog: QWidget) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def new_case(self, person_id: str | None = None) -> QWidget | None:
        """Open an empty case form, prefilled with ``person_id`` when given."""
        from desa_desktop.ui.case_dialog import CaseDialog

        if self.ctx.officer is None or self.ctx.officer.role not in EDITOR_ROLES:
            return None
        dialog = CaseDialog(self.ctx, self.runner, self.ops, None, person_id, self)
        dialog.restore_draft()
        self._show(dialog)
        return dialog

    def open_case(self, case_id: str) -> QWidget | None:
        """Open a case; a confidential case of another officer gets a plain message."""
        from desa_desktop.ui.case_dialog import CaseDialog

        row = self.model.row_of(case_id)
        if row >= 0 and not self.model.rows[row].readable:
            self._refuse()
            return None
        try:
            dialog = CaseDialog(self.ctx, self.runner, self.ops, case_id, None, self)
        except PermissionDenied:
            self._refuse()
            return None
        except NotFoundError as err:
            dialogs.inform(self, tr("Kasus"), err.translated(lookup))
            return None
        dialog.restore_draft()
        self._show(dialog)
        return dialog

    def _refuse(self) -> None:
        dialogs.inform(self, tr("Kasus rahasia"),
                       tr("Kasus ini rahasia: hanya petugas yang ditugaskan dan admin yang "
                          "dapat membuka isinya."))
