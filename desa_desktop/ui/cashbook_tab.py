"""The "Buku kas" tab of a group: the month's lines, their balance, closing the month.

The table reads like the hand-kept Buku Kas Umum: number, date, category,
description, in, out, running balance. Lines cannot be edited here; a
wrong line is cancelled by a reversing line, and both stay visible (the
cancelled one struck through, the reversal in amber italics). Months are
closed in order by "Tutup buku…"; only the admin may reopen the latest.

``BookTab`` is the loading shape every tab of a group shares: its data is
read on the worker, a newer request wins over one still running, and a
tab that is not on screen only notes that it is stale.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desa_desktop.domain.formatting import rupiah, short_date
from desa_desktop.domain.ledger_reference import CATEGORY
from desa_desktop.domain.months import month_key
from desa_desktop.services.cashbook import EntryRow
from desa_desktop.services.context import EDITOR_ROLES, ServiceContext
from desa_desktop.ui.closing_dialog import (
    BookMonth,
    CloseMonthDialog,
    ClosingsDialog,
    ReopenDialog,
    read_month,
)
from desa_desktop.ui.entry_dialog import (
    EntryDialog,
    ReverseDialog,
    mark_row,
    money_item,
    ui_month,
)
from desa_desktop.ui.operations import Operations
from desa_desktop.ui.referrals_panel import make_table
from desa_desktop.ui.tasks import TaskRunner
from desa_desktop.ui.translator import tr, trf

COLUMNS = ("No.", "Tanggal", "Kategori", "Uraian", "Anggota", "Bukti", "Masuk (Rp)",
           "Keluar (Rp)", "Saldo (Rp)")
WIDTHS = (40, 80, 128, 0, 120, 56, 88, 88, 96)
DESCRIPTION = 3


class BookTab(QWidget):
    """A tab of a group whose data is read on the worker (see the module docstring)."""

    def __init__(self, ctx: ServiceContext, runner: TaskRunner, ops: Operations,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.runner, self.ops = ctx, runner, ops
        self.group_id: str | None = None
        self.loading = False
        self.stale = True
        self._again = False

    @property
    def editor(self) -> bool:
        return self.ctx.officer is not None and self.ctx.officer.role in EDITOR_ROLES

    @property
    def admin(self) -> bool:
        return self.ctx.officer is not None and self.ctx.officer.role == "admin"

    def set_group(self, group_id: str | None) -> None:
        """Forget the last group's figures; read the new group's when next shown."""
        self.group_id = group_id
        self.stale = True
        self.clear()

    def refresh(self) -> None:
        """Read the tab's data again; a second call while reading reads once more after."""
        if self.group_id is None:
            return
        if self.loading:
            self._again = True
            return
        self.loading, self.stale = True, False
        group_id, fetch = self.group_id, self.request()
        self.runner.run(fetch, lambda data: self._loaded(group_id, data), self._failed)

    def _loaded(self, group_id: str, data: Any) -> None:
        self.loading = False
        if self._again or group_id != self.group_id:
            self._again = False
            self.refresh()
            return
        self.show_data(data)

    def _failed(self, err: Exception) -> None:
        self.loading = False
        self._again = False
        self.ops.show_error(err)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- to be provided ----------------------------------------------------------------
    def request(self) -> Callable[[], Any]:
        """The read to run on the worker (built on the GUI thread: no widgets inside)."""
        raise NotImplementedError

    def show_data(self, data: Any) -> None:
        raise NotImplementedError

    def clear(self) -> None:
        """Show nothing (another group was chosen and is not read yet)."""
        raise NotImplementedError

    def retranslate(self) -> None:
        raise NotImplementedError


class CashbookTab(BookTab):
    """One month of the cash book with new line, cancel line, close, reopen, reports."""

    def __init__(self, ctx: ServiceContext, runner: TaskRunner, ops: Operations,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, runner, ops, parent)
        self.data: BookMonth | None = None
        self.month: str | None = None
        self.month_label = QLabel()
        self.month_box = QComboBox()
        self.month_box.setProperty("data_items", True)
        self.month_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.month_label.setBuddy(self.month_box)
        self.state_label = QLabel()
        self.summary = QLabel()
        self.summary.setProperty("data", True)
        self.summary.setWordWrap(True)
        (self.new_button, self.reverse_button, self.close_button, self.reopen_button,
         self.history_button, self.report_button) = (QPushButton() for _ in range(6))
        self.report_menu = QMenu(self)
        self.pdf_action = self.report_menu.addAction("")
        self.xlsx_action = self.report_menu.addAction("")
        self.print_action = self.report_menu.addAction("")
        self.report_button.setMenu(self.report_menu)
        self.table = make_table(len(COLUMNS))
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        for column, width in enumerate(WIDTHS):
            if width:
                self.table.setColumnWidth(column, width)
        header.setSectionResizeMode(DESCRIPTION, QHeaderView.ResizeMode.Stretch)

        top = QHBoxLayout()
        top.addWidget(self.month_label)
        top.addWidget(self.month_box)
        top.addWidget(self.state_label, 1)
        top.addWidget(self.new_button)
        top.addWidget(self.reverse_button)
        bottom = QHBoxLayout()
        for button in (self.close_button, self.reopen_button, self.history_button):
            bottom.addWidget(button)
        bottom.addStretch(1)
        bottom.addWidget(self.report_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addLayout(bottom)

        self.month_box.activated.connect(self._month_chosen)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.new_button.clicked.connect(self.new_entry)
        self.reverse_button.clicked.connect(self.reverse_selected)
        self.close_button.clicked.connect(self.close_month)
        self.reopen_button.clicked.connect(self.reopen_month)
        self.history_button.clicked.connect(self.show_closings)
        self.pdf_action.triggered.connect(lambda: self.save_statement("pdf"))
        self.xlsx_action.triggered.connect(lambda: self.save_statement("xlsx"))
        self.print_action.triggered.connect(self.print_statement)
        QShortcut(QKeySequence("Ctrl+E"), self, activated=self.new_entry,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.retranslate()

    def retranslate(self) -> None:
        self.month_label.setText(tr("&Bulan"))
        self.new_button.setText(tr("&Entri baru…"))
        self.new_button.setToolTip(tr("Catat pemasukan atau pengeluaran (Ctrl+E)"))
        self.reverse_button.setText(tr("Bat&alkan entri…"))
        self.reverse_button.setToolTip(tr("Entri tidak dapat diubah; pembatalan mencatat "
                                          "entri pembalik"))
        self.reopen_button.setToolTip(tr("Hanya admin; alasan dicatat"))
        self.history_button.setText(tr("&Riwayat tutup buku…"))
        self.report_button.setText(tr("&Laporan bulanan"))
        self.pdf_action.setText(tr("Simpan sebagai &PDF…"))
        self.xlsx_action.setText(tr("Simpan sebagai &XLSX (Excel)…"))
        self.print_action.setText(tr("&Cetak…"))
        self.table.setHorizontalHeaderLabels([tr(c) for c in COLUMNS])
        self._show()

    # -- loading -----------------------------------------------------------------------
    def request(self) -> Callable[[], BookMonth]:
        ctx, group_id, month = self.ctx, self.group_id, self.month
        assert group_id is not None
        return lambda: read_month(ctx, group_id, month)

    def show_data(self, data: BookMonth) -> None:
        self.data = data
        self.month = data.month
        self._show()

    def clear(self) -> None:
        self.data, self.month = None, None
        self._show()

    def _month_chosen(self, _index: int) -> None:
        self.month = self.month_box.currentData()
        self.refresh()

    def _show(self) -> None:
        data = self.data
        self.month_box.clear()
        if data is None:
            self.table.setRowCount(0)
            self.summary.setText("")
            self.state_label.setText("")
            self._update_buttons()
            return
        for key in reversed(data.months):
            self.month_box.addItem(ui_month(key), key)
        self.month_box.setCurrentIndex(max(self.month_box.findData(data.month), 0))
        selected = self.selected()
        self.table.setRowCount(len(data.rows))
        for r, row in enumerate(data.rows):
            items = [QTableWidgetItem(str(row.no)), QTableWidgetItem(short_date(row.entry_date)),
                     QTableWidgetItem(tr(CATEGORY.get(row.category, row.category))),
                     QTableWidgetItem(self._description(row)),
                     QTableWidgetItem(row.member_name), QTableWidgetItem(row.receipt_no),
                     money_item(row.amount if row.direction == "masuk" else None),
                     money_item(row.amount if row.direction == "keluar" else None),
                     money_item(row.balance)]
            items[0].setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            items[DESCRIPTION].setToolTip(row.description)
            mark_row(items, row)
            for c, item in enumerate(items):
                item.setData(Qt.ItemDataRole.UserRole, row.id)
                self.table.setItem(r, c, item)
            if selected is not None and selected.id == row.id:
                self.table.selectRow(r)
        closing = data.closing_of(data.month)
        self.state_label.setText(
            trf("Ditutup {day} oleh {name}", day=short_date(closing.closed_on),
                name=closing.closed_by_name) if closing else tr("Bulan ini masih terbuka"))
        self.state_label.setStyleSheet("color: #1d5b2a; font-weight: bold;" if closing else "")
        self.summary.setText(trf(
            "Saldo awal {opening} · Pemasukan {total_in} · Pengeluaran {total_out} · "
            "Saldo akhir {closing} · {n} entri", opening=rupiah(data.opening),
            total_in=rupiah(data.total_in), total_out=rupiah(data.total_out),
            closing=rupiah(data.opening + data.total_in - data.total_out), n=len(data.rows)))
        self._update_buttons()

    def _description(self, row: EntryRow) -> str:
        text = " ".join(row.description.split())
        if row.reverses_id is not None and not text:
            return trf("Membatalkan entri no. {no}", no=row.reverses_no)
        if row.loan_no is not None:
            text = " · ".join(t for t in (trf("Pinjaman no. {no}", no=row.loan_no), text) if t)
        return text

    def selected(self) -> EntryRow | None:
        if self.data is None or not self.table.selectionModel().hasSelection():
            return None
        item = self.table.item(self.table.currentRow(), 0)
        entry_id = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return next((r for r in self.data.rows if r.id == entry_id), None)

    def select_entry(self, entry_id: str) -> None:
        for r in range(self.table.rowCount()):
            if self.table.item(r, 0).data(Qt.ItemDataRole.UserRole) == entry_id:
                self.table.selectRow(r)
                self.table.scrollToItem(self.table.item(r, 0))

    def _update_buttons(self) -> None:
        data, row = self.data, self.selected()
        self.new_button.setEnabled(self.editor and data is not None)
        self.reverse_button.setEnabled(
            self.editor and row is not None and row.reverses_id is None
            and row.reversed_by_no is None)
        to_close = data.to_close if data is not None else None
        self.close_button.setText(trf("&Tutup buku {month}…", month=ui_month(
            to_close)) if to_close else tr("&Tutup buku…"))
        self.close_button.setEnabled(self.editor and to_close is not None)
        self.close_button.setToolTip("" if to_close else tr(
            "Tidak ada bulan yang dapat ditutup: bulan berjalan baru dapat ditutup setelah "
            "berakhir."))
        last = data.last_closed if data is not None else None
        self.reopen_button.setText(trf("Buka kembal&i {month}…", month=ui_month(
            last)) if last else tr("Buka kembal&i…"))
        self.reopen_button.setVisible(self.admin)
        self.reopen_button.setEnabled(self.admin and last is not None)
        self.history_button.setEnabled(data is not None)
        self.report_button.setEnabled(data is not None)

    # -- actions -----------------------------------------------------------------------
    def _open(self, dialog: QWidget) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()

    def new_entry(self) -> EntryDialog | None:
        if self.group_id is None or not self.new_button.isEnabled():
            return None
        dialog = EntryDialog(self.ctx, self.runner, self.group_id,
                             self.data.held if self.data else None, self)
        dialog.saved.connect(self._posted)
        dialog.restore_draft()
        self._open(dialog)
        return dialog

    def _posted(self, change: Any) -> None:
        """Show the month of the new line, then tell every view."""
        self.month = month_key(self.ctx.today())
        self.ops.announce(change)

    def reverse_selected(self) -> ReverseDialog | None:
        row = self.selected()
        if row is None or not self.reverse_button.isEnabled():
            return None
        dialog = ReverseDialog(self.ctx, self.runner, row, self)
        dialog.done.connect(self.ops.announce)
        self._open(dialog)
        return dialog

    def close_month(self) -> CloseMonthDialog | None:
        if self.data is None or self.data.to_close is None or self.group_id is None:
            return None
        dialog = CloseMonthDialog(self.ctx, self.runner, self.group_id, self.data.to_close,
                                  self)
        dialog.done.connect(self.ops.announce)
        self._open(dialog)
        return dialog

    def reopen_month(self) -> ReopenDialog | None:
        last = self.data.last_closed if self.data else None
        if last is None or self.group_id is None or not self.admin:
            return None
        dialog = ReopenDialog(self.ctx, self.runner, self.group_id, last, self)
        dialog.done.connect(self.ops.announce)
        self._open(dialog)
        return dialog

    def show_closings(self) -> ClosingsDialog | None:
        if self.group_id is None:
            return None
        dialog = ClosingsDialog(self.ctx, self.runner, self.group_id, self)
        self._open(dialog)
        return dialog

    def save_statement(self, kind: str) -> None:
        """Save the chosen month's statement (PDF or XLSX) and offer to open it."""
        from desa_desktop.ui.overview_tab import save_statement

        if self.group_id is not None and self.data is not None:
            save_statement(self, self.ctx, self.runner, self.ops, self.group_id,
                           self.data.month, kind)

    def print_statement(self) -> None:
        from desa_desktop.ui.overview_tab import print_statement

        if self.group_id is not None and self.data is not None:
            print_statement(self, self.ctx, self.runner, self.ops, self.group_id,
                            self.data.month)
