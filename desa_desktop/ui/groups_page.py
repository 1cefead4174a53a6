"""The business groups page: every group on the left, the chosen one's books on the right.

The list shows what the post checks first (members, cash held, running
loans) and is read with one query per figure (``statements.group_summaries``),
so it stays quick with many groups. Choosing a group opens its tabs
(``GroupDetail``): overview, members, cash book, savings, loans.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desa_desktop.domain.formatting import short_date
from desa_desktop.domain.ledger_reference import GROUP_KIND, GROUP_STATUS
from desa_desktop.services import statements
from desa_desktop.services.context import EDITOR_ROLES, Change, ServiceContext
from desa_desktop.services.statements import GroupSummary
from desa_desktop.ui.entry_dialog import money_item
from desa_desktop.ui.group_detail import LEDGER_ENTITIES, GroupDetail
from desa_desktop.ui.group_dialog import GroupDialog
from desa_desktop.ui.operations import Operations
from desa_desktop.ui.referrals_panel import make_table
from desa_desktop.ui.tasks import TaskRunner
from desa_desktop.ui.translator import tr, trf

COLUMNS = ("Kelompok", "Saldo kas")


class GroupsPage(QWidget):
    """List of groups with a filter and "Kelompok baru…"; the chosen group's tabs."""

    def __init__(self, ctx: ServiceContext, runner: TaskRunner, ops: Operations,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.runner, self.ops = ctx, runner, ops
        self.rows: list[GroupSummary] = []
        self.loading = False
        self._again = False
        self._want: str | None = None  # a group to select once the list is read
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.filter_box = QLineEdit()
        self.filter_box.setClearButtonEnabled(True)
        self.new_button = QPushButton()
        self.count_label = QLabel()
        self.table = make_table(len(COLUMNS))
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(1, 100)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(self.new_button)
        left_layout.addWidget(self.title)
        left_layout.addWidget(self.filter_box)
        left_layout.addWidget(self.table, 1)
        left_layout.addLayout(bottom)
        self.detail = GroupDetail(ctx, runner, ops)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("color: #555; font-size: 11pt; padding: 24px;")
        self.right = QStackedWidget()
        self.right.addWidget(self.empty)
        self.right.addWidget(self.detail)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([270, 890])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self.new_button.setEnabled(ctx.officer is not None and ctx.officer.role in EDITOR_ROLES)
        self.new_button.clicked.connect(self.new_group)
        self.filter_box.textChanged.connect(lambda _t: self._fill())
        self.table.itemSelectionChanged.connect(self._chosen)
        QShortcut(QKeySequence("Ctrl+Shift+G"), self, activated=self.new_group)
        ops.changed.connect(self.on_changed)
        self.retranslate()
        # Filled when first shown (the main window refreshes its lazy pages on show).

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.title.setText(tr("Kelompok usaha"))
        self.filter_box.setPlaceholderText(tr("Saring nama atau usaha kelompok…"))
        self.new_button.setText(tr("&Kelompok baru…"))
        self.new_button.setToolTip(tr("Daftarkan kelompok usaha, koperasi atau unit BUMDes "
                                      "(Ctrl+Shift+G)"))
        self.table.setHorizontalHeaderLabels([tr(c) for c in COLUMNS])
        self.empty.setText(tr("Belum ada kelompok usaha. Klik \"Kelompok baru…\" untuk "
                              "mendaftarkan kelompok usaha produktif, koperasi atau unit "
                              "BUMDes yang bukunya dipegang pos.") if not self.rows else
                           tr("Pilih kelompok di sebelah kiri."))
        self._fill()

    # -- loading -----------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the list again on the worker (a call while reading reads once more)."""
        if self.loading:
            self._again = True
            return
        self.loading = True
        self._show_count()
        ctx = self.ctx
        self.runner.run(lambda: statements.group_summaries(ctx), self._loaded, self._failed)

    def _loaded(self, rows: list[GroupSummary]) -> None:
        self.loading = False
        self.rows = rows
        if self._again:
            self._again = False
            self.refresh()
            return
        self.retranslate()
        target = self._want or self.selected_id()
        if target is None and self.rows:
            target = (self._visible() or self.rows)[0].id
        self._want = None
        if target is not None:
            self.select_group(target)

    def _failed(self, err: Exception) -> None:
        self.loading = False
        self._again = False
        self.ops.show_error(err)
        self._show_count()

    def _visible(self) -> list[GroupSummary]:
        words = self.filter_box.text().lower().split()
        return [g for g in self.rows
                if all(w in f"{g.name} {g.business_type}".lower() for w in words)]

    def _fill(self) -> None:
        selected = self.selected_id()
        rows = self._visible()
        self.table.blockSignals(True)
        self.table.setRowCount(len(rows))
        for r, g in enumerate(rows):
            items = [QTableWidgetItem(g.name), money_item(g.balance)]
            tip = " · ".join(p for p in (
                tr(GROUP_KIND.get(g.kind, g.kind)), g.business_type,
                tr(GROUP_STATUS.get(g.status, g.status)),
                trf("{n} anggota aktif", n=g.members_active),
                trf("{n} pinjaman berjalan", n=g.loans_active),
                trf("entri terakhir {day}", day=short_date(g.last_entry_date))
                if g.last_entry_date else "") if p)
            for c, item in enumerate(items):
                item.setData(Qt.ItemDataRole.UserRole, g.id)
                item.setToolTip(tip)
                if g.status != "aktif":
                    item.setForeground(Qt.GlobalColor.darkGray)
                self.table.setItem(r, c, item)
            if g.id == selected:
                self.table.selectRow(r)
        self.table.blockSignals(False)
        self._show_count()
        self._chosen()

    def _show_count(self) -> None:
        self.count_label.setText(tr("Memuat…") if self.loading and not self.rows
                                 else trf("{n} kelompok", n=len(self.rows)))

    def selected_id(self) -> str | None:
        if not self.table.selectionModel().hasSelection():
            return None
        item = self.table.item(self.table.currentRow(), 0)
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def select_group(self, group_id: str) -> None:
        for r in range(self.table.rowCount()):
            if self.table.item(r, 0).data(Qt.ItemDataRole.UserRole) == group_id:
                self.table.selectRow(r)
                self.table.scrollToItem(self.table.item(r, 0))
                return

    def _chosen(self) -> None:
        group_id = self.selected_id()
        self.detail.set_group(group_id)
        self.right.setCurrentWidget(self.detail if group_id else self.empty)

    def on_changed(self, change: Change) -> None:
        if change.entity not in LEDGER_ENTITIES:
            return
        if change.entity == "business_group" and change.action == "created" and change.ids:
            self._want = change.ids[0]
        self.refresh()

    # -- actions -----------------------------------------------------------------------
    def new_group(self) -> GroupDialog | None:
        if not self.new_button.isEnabled():
            return None
        dialog = GroupDialog(self.ctx, self.runner, None, self)
        dialog.saved.connect(self.ops.announce)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.restore_draft()
        self.dialog = dialog
        dialog.open()
        return dialog
