"""Follow-ups due today or overdue: what the officer must not forget this morning.

A promise to call a family back, or to chase an institution that has not
answered, is only worth something if it comes back on the right day. This
panel lists the open follow-ups due today or earlier (the officer's own and
unassigned ones), overdue ones in red with how many days late, so the list
is read at a glance; a double-click opens the case and "Selesai" ticks one off.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desa_desktop.domain.formatting import short_date
from desa_desktop.services import follow_ups
from desa_desktop.services.case_access import REDACTED
from desa_desktop.services.context import EDITOR_ROLES, Change, ServiceContext
from desa_desktop.ui.operations import Operations
from desa_desktop.ui.tasks import TaskRunner
from desa_desktop.ui.translator import tr, trf

OVERDUE_COLOR = QColor("#b00020")
_COLUMNS = ("Jatuh tempo", "Keterangan", "Kasus", "Perihal", "Catatan")
_WATCHED = ("follow_up", "case", "warning_report", "referral")


class FollowUpPanel(QWidget):
    """The list of due follow-ups with a button to mark the selected one done."""

    sig_open_case = Signal(str)

    def __init__(self, ctx: ServiceContext, runner: TaskRunner, ops: Operations,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.runner, self.ops = ctx, runner, ops
        self.items: list[follow_ups.DueItem] = []
        self.box = QGroupBox()
        self.table = QTableWidget(0, len(_COLUMNS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setWordWrap(False)
        self.table.setMaximumHeight(150)  # about five rows; the case list needs the room
        self.empty_label = QLabel()
        self.empty_label.setStyleSheet("color: #555;")
        self.done_button = QPushButton()
        self.open_button = QPushButton()

        buttons = QHBoxLayout()
        buttons.addWidget(self.empty_label, 1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.done_button)
        inner = QVBoxLayout(self.box)
        inner.addWidget(self.table, 1)
        inner.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.box)

        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.done_button.clicked.connect(self.complete_selected)
        self.open_button.clicked.connect(self.open_selected)
        ops.changed.connect(self.on_changed)
        self.retranslate()
        self.refresh()

    @property
    def count(self) -> int:
        """How many follow-ups are due (for a badge or a start-up reminder)."""
        return len(self.items)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([tr(c) for c in _COLUMNS])
        self.done_button.setText(tr("Selesai"))
        self.done_button.setToolTip(tr("Tandai tindak lanjut yang dipilih sudah dikerjakan"))
        self.open_button.setText(tr("Buka kasus"))
        self._fill()

    def refresh(self) -> None:
        self.items = follow_ups.due_follow_ups(self.ctx)
        self._fill()

    def _late_text(self, item: follow_ups.DueItem) -> str:
        days = (self.ctx.today() - item.due_date).days
        if item.overdue and days > 0:
            return trf("Terlambat {n} hari", n=days)
        return tr("Hari ini")

    def _fill(self) -> None:
        selected = self.selected_id()
        self.box.setTitle(trf("Tindak lanjut hari ini dan terlambat ({n})", n=len(self.items)))
        self.table.setRowCount(len(self.items))
        for r, item in enumerate(self.items):
            title = tr(REDACTED) if item.title == REDACTED else item.title
            note = tr(REDACTED) if item.note == REDACTED else item.note
            cells = (short_date(item.due_date), self._late_text(item), item.case_number,
                     title, note)
            for c, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setData(Qt.ItemDataRole.UserRole, item.id)
                if item.overdue:
                    cell.setForeground(QBrush(OVERDUE_COLOR))
                self.table.setItem(r, c, cell)
            if item.id == selected:
                self.table.selectRow(r)
        self.table.resizeColumnsToContents()
        self.empty_label.setText(tr("Tidak ada tindak lanjut yang jatuh tempo.")
                                 if not self.items else "")
        self.table.setVisible(bool(self.items))
        self._update_buttons()

    def selected_item(self) -> follow_ups.DueItem | None:
        row = self.table.currentRow()
        if row < 0 or row >= len(self.items) or not self.table.selectedItems():
            return None
        return self.items[row]

    def selected_id(self) -> str | None:
        item = self.selected_item()
        return item.id if item else None

    def _update_buttons(self) -> None:
        item = self.selected_item()
        self.done_button.setEnabled(item is not None and self.ctx.officer is not None
                                    and self.ctx.officer.role in EDITOR_ROLES)
        self.open_button.setEnabled(item is not None and item.case_id is not None)

    def open_selected(self) -> None:
        item = self.selected_item()
        if item is not None and item.case_id:
            self.sig_open_case.emit(item.case_id)

    def complete_selected(self) -> None:
        item = self.selected_item()
        if item is None:
            return
        ctx, follow_up_id = self.ctx, item.id
        self.ops.run(lambda: follow_ups.complete_follow_up(ctx, follow_up_id))

    def on_changed(self, change: Change) -> None:
        if change.entity in _WATCHED:
            self.refresh()
