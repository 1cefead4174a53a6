"""The "Simpanan" tab: every member's savings by kind, and one member's lines.

Savings are cash-book lines of the three savings categories (pokok, wajib,
sukarela), so a deposit typed here shows in the Buku kas too, and a
withdrawal beyond what the member holds of that kind is refused with the
balance in the message. The member's passbook (buku anggota) prints from
here and from the loans tab.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desa_desktop.domain.formatting import rupiah, short_date
from desa_desktop.domain.ledger_reference import CATEGORY, SAVINGS_KINDS
from desa_desktop.services import savings
from desa_desktop.services.context import Change, ServiceContext
from desa_desktop.services.savings import PassbookLine, SavingsRow
from desa_desktop.ui.cashbook_tab import BookTab
from desa_desktop.ui.entry_dialog import MUTED, ActionDialog, AmountField, money_item
from desa_desktop.ui.form_base import FieldError
from desa_desktop.ui.operations import Operations
from desa_desktop.ui.referrals_panel import make_table
from desa_desktop.ui.tasks import TaskRunner
from desa_desktop.ui.translator import tr, trf
from desa_desktop.ui.widgets import CodeCombo, DateField

COLUMNS = ("No.", "Nama", "Simpanan pokok", "Simpanan wajib", "Simpanan sukarela", "Total")
LINE_COLUMNS = ("No.", "Tanggal", "Jenis", "Setor", "Tarik", "Saldo jenis ini", "Bukti",
                "Uraian")


class SavingsDialog(ActionDialog):
    """A deposit into, or a withdrawal from, one kind of a member's savings."""

    def __init__(self, ctx: ServiceContext, runner: TaskRunner, members: list[SavingsRow],
                 member_id: str | None, withdrawal: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, runner, parent)
        self.withdrawal = withdrawal
        self.rows = {m.member_id: m for m in members}
        member = QComboBox()
        member.setProperty("data_items", True)
        for m in members:
            if m.active:
                member.addItem(f"{m.member_no}. {m.full_name}", m.member_id)
        member.setCurrentIndex(max(member.findData(member_id), 0))
        self.member = self.add_row("member_id", "&Anggota", member)
        kinds = {k: CATEGORY[k] for k in SAVINGS_KINDS}
        self.kind = self.add_row("kind", "&Jenis simpanan", CodeCombo(kinds))
        self.kind.set_code("simpanan_sukarela" if withdrawal else "simpanan_wajib")  # type: ignore[attr-defined]
        self.amount = AmountField()
        self.add_row("amount", "J&umlah (Rp)", self.amount)
        day = self.add_row("entry_date", "&Tanggal", DateField())
        assert isinstance(day, DateField)
        day.set_value(ctx.today())
        self.receipt = self.add_row("receipt_no", "No. &bukti / kuitansi", QLineEdit())
        self.description = self.add_row("description", "&Uraian", QLineEdit())
        self.held_label = QLabel()
        self.held_label.setStyleSheet("color: #555;")
        self.form.addRow("", self.held_label)
        member.currentIndexChanged.connect(lambda _i: self._show_held())
        self.kind.currentIndexChanged.connect(lambda _i: self._show_held())  # type: ignore[attr-defined]
        self.aliases = {"category": "kind"}  # the cash book's name for the kind
        self.retranslate()
        self.resize(520, 420)
        self.amount.setFocus()

    def retranslate_texts(self) -> None:
        self.setWindowTitle(tr("Tarik simpanan") if self.withdrawal else tr("Setor simpanan"))
        self.intro.setText(tr("Dicatat sebagai entri buku kas kelompok."))
        self.ok_button.setText(tr("&Catat"))
        self._show_held()

    def _show_held(self) -> None:
        row = self.rows.get(self.member.currentData())  # type: ignore[attr-defined]
        kind = str(self.kind.code())  # type: ignore[attr-defined]
        if row is None:
            self.held_label.setText("")
            return
        held = {"simpanan_pokok": row.pokok, "simpanan_wajib": row.wajib,
                "simpanan_sukarela": row.sukarela}[kind]
        self.held_label.setText(trf("{kind} anggota ini sekarang: {amount}",
                                    kind=tr(CATEGORY[kind]), amount=rupiah(held)))

    def action(self) -> Callable[[], Change]:
        member_id = self.member.currentData()  # type: ignore[attr-defined]
        if not member_id:
            raise FieldError("member_id", tr("Pilih anggota."))
        amount = self.amount.amount()
        day = self.date_of("entry_date", "Isi tanggal entri.")
        kind = str(self.kind.code())  # type: ignore[attr-defined]
        receipt = self.receipt.text().strip()  # type: ignore[attr-defined]
        description = self.description.text().strip()  # type: ignore[attr-defined]
        post = savings.withdraw if self.withdrawal else savings.deposit
        ctx = self.ctx
        return lambda: post(ctx, member_id, kind, amount, on=day, receipt_no=receipt,
                            description=description)


class SavingsTab(BookTab):
    """Savings per member and kind; the selected member's savings lines below."""

    def __init__(self, ctx: ServiceContext, runner: TaskRunner, ops: Operations,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, runner, ops, parent)
        self.rows: list[SavingsRow] = []
        self.lines: list[PassbookLine] = []
        self.deposit_button, self.withdraw_button, self.passbook_button = (
            QPushButton() for _ in range(3))
        self.total_label = QLabel()
        self.total_label.setProperty("data", True)
        self.table = make_table(len(COLUMNS))
        self.lines_caption = QLabel()
        self.lines_table = make_table(len(LINE_COLUMNS))
        for table, widths in ((self.table, (40, 200, 136, 136, 136)),
                              (self.lines_table, (40, 80, 130, 90, 90, 120, 64))):
            for column, width in enumerate(widths):
                table.setColumnWidth(column, width)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        top = QHBoxLayout()
        top.addStretch(1)
        for button in (self.deposit_button, self.withdraw_button, self.passbook_button):
            top.addWidget(button)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.lines_caption)
        lower_layout.addWidget(self.lines_table, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(lower)
        splitter.setSizes([300, 200])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.total_label)
        self.table.itemSelectionChanged.connect(self._member_chosen)
        self.deposit_button.clicked.connect(lambda: self.open_savings(withdrawal=False))
        self.withdraw_button.clicked.connect(lambda: self.open_savings(withdrawal=True))
        self.passbook_button.clicked.connect(self.save_passbook)
        self.retranslate()

    def retranslate(self) -> None:
        self.deposit_button.setText(tr("&Setor simpanan…"))
        self.withdraw_button.setText(tr("&Tarik simpanan…"))
        self.passbook_button.setText(tr("&Buku anggota (PDF)…"))
        self.table.setHorizontalHeaderLabels([tr(c) for c in COLUMNS])
        self.lines_table.setHorizontalHeaderLabels([tr(c) for c in LINE_COLUMNS])
        self._fill()
        self._fill_lines()

    def request(self) -> Callable[[], list[SavingsRow]]:
        ctx, group_id = self.ctx, self.group_id
        assert group_id is not None
        return lambda: savings.savings_by_member(ctx, group_id)

    def show_data(self, data: list[SavingsRow]) -> None:
        self.rows = [r for r in data if r.active or r.total]
        self._fill()
        self._member_chosen()

    def clear(self) -> None:
        self.rows, self.lines = [], []
        self._fill()
        self._fill_lines()

    def _fill(self) -> None:
        selected = self.selected()
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            items = [QTableWidgetItem(str(row.member_no)), QTableWidgetItem(row.full_name),
                     money_item(row.pokok), money_item(row.wajib), money_item(row.sukarela),
                     money_item(row.total)]
            for c, item in enumerate(items):
                item.setData(Qt.ItemDataRole.UserRole, row.member_id)
                if not row.active:
                    item.setForeground(QBrush(MUTED))
                    item.setToolTip(tr("Sudah keluar dari kelompok"))
                self.table.setItem(r, c, item)
            if selected is not None and selected.member_id == row.member_id:
                self.table.selectRow(r)
        self.table.blockSignals(False)
        totals = [sum(getattr(r, k) for r in self.rows) for k in ("pokok", "wajib", "sukarela")]
        self.total_label.setText(trf(
            "Jumlah simpanan {total} (pokok {pokok}, wajib {wajib}, sukarela {sukarela})",
            total=rupiah(sum(totals)), pokok=rupiah(totals[0]), wajib=rupiah(totals[1]),
            sukarela=rupiah(totals[2])))
        self._update_buttons()

    def selected(self) -> SavingsRow | None:
        if not self.table.selectionModel().hasSelection():
            return None
        item = self.table.item(self.table.currentRow(), 0)
        member_id = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return next((r for r in self.rows if r.member_id == member_id), None)

    def _member_chosen(self) -> None:
        row = self.selected()
        self._update_buttons()
        if row is None:
            self.lines = []
            self._fill_lines()
            return
        ctx, member_id = self.ctx, row.member_id
        self.runner.run(lambda: savings.savings_lines(ctx, member_id),
                        lambda lines: self._lines_loaded(member_id, lines), self.ops.show_error)

    def _lines_loaded(self, member_id: str, lines: list[PassbookLine]) -> None:
        row = self.selected()
        if row is not None and row.member_id == member_id:
            self.lines = lines
            self._fill_lines()

    def _fill_lines(self) -> None:
        row = self.selected()
        self.lines_caption.setText(trf("Simpanan {name}", name=row.full_name) if row else
                                   tr("Pilih anggota untuk melihat rincian simpanannya."))
        lines = self.lines if row is not None else []
        self.lines_table.setRowCount(len(lines))
        for r, line in enumerate(lines):
            items = [QTableWidgetItem(str(line.no)), QTableWidgetItem(short_date(line.entry_date)),
                     QTableWidgetItem(tr(CATEGORY.get(line.category, line.category))),
                     money_item(line.deposit, blank_zero=True),
                     money_item(line.withdrawal, blank_zero=True),
                     money_item(line.balance_of_kind), QTableWidgetItem(line.receipt_no),
                     QTableWidgetItem(line.description)]
            items[7].setToolTip(line.description)
            for c, item in enumerate(items):
                self.lines_table.setItem(r, c, item)
        self.lines_table.scrollToBottom()

    def _update_buttons(self) -> None:
        has_members = any(r.active for r in self.rows)
        self.deposit_button.setEnabled(self.editor and has_members)
        self.withdraw_button.setEnabled(self.editor and has_members)
        self.passbook_button.setEnabled(self.selected() is not None)

    def open_savings(self, *, withdrawal: bool) -> SavingsDialog | None:
        button = self.withdraw_button if withdrawal else self.deposit_button
        if not button.isEnabled():
            return None
        row = self.selected()
        dialog = SavingsDialog(self.ctx, self.runner, self.rows,
                               row.member_id if row else None, withdrawal, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.done.connect(self.ops.announce)
        self.dialog = dialog
        dialog.open()
        return dialog

    def save_passbook(self) -> None:
        from desa_desktop.ui.overview_tab import save_passbook

        row = self.selected()
        if row is not None:
            save_passbook(self, self.ctx, self.runner, self.ops, row.member_id, row.full_name)
