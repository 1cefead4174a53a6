"""The "Pinjaman" tab: the group's loans with their arrears, and one loan's schedule.

A loan in arrears shows in red with the days late and the amount overdue,
the figures a treasurer reads out at the monthly meeting. Below, the
selected loan's schedule says instalment by instalment what was paid and
what is late.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desa_desktop.domain.formatting import rupiah, short_date
from desa_desktop.domain.ledger_reference import LOAN_STATUS
from desa_desktop.services import loans
from desa_desktop.services.context import ServiceContext
from desa_desktop.services.loans import SCHEDULE_STATE, LoanView, ScheduleRow
from desa_desktop.ui.cashbook_tab import BookTab
from desa_desktop.ui.entry_dialog import MUTED, ActionDialog, money_item
from desa_desktop.ui.loan_dialog import LoanDialog, PayoffDialog, RepaymentDialog, rate_label
from desa_desktop.ui.operations import Operations
from desa_desktop.ui.referrals_panel import make_table
from desa_desktop.ui.tasks import TaskRunner
from desa_desktop.ui.translator import tr, trf

COLUMNS = ("No.", "Anggota", "Pokok", "Jasa/bulan", "Lama", "Diberikan", "Sisa pokok",
           "Tunggakan", "Hari telat", "Status")
SCHEDULE_COLUMNS = ("Ke", "Jatuh tempo", "Pokok", "Jasa", "Angsuran", "Dibayar", "Keadaan")
LATE = QColor("#b00020")


class LoansTab(BookTab):
    """Loans of the group; new loan, repayment, payoff, passbook."""

    def __init__(self, ctx: ServiceContext, runner: TaskRunner, ops: Operations,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, runner, ops, parent)
        self.rows: list[LoanView] = []
        self.schedule: list[ScheduleRow] = []
        self.show_settled = QCheckBox()
        (self.new_button, self.repay_button, self.payoff_button,
         self.passbook_button) = (QPushButton() for _ in range(4))
        self.summary = QLabel()
        self.summary.setProperty("data", True)
        self.table = make_table(len(COLUMNS))
        for column, width in enumerate((36, 150, 90, 96, 52, 80, 90, 90, 72)):
            self.table.setColumnWidth(column, width)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.schedule_caption = QLabel()
        self.schedule_table = make_table(len(SCHEDULE_COLUMNS))
        for column, width in enumerate((36, 96, 100, 90, 100, 100)):
            self.schedule_table.setColumnWidth(column, width)
        top = QHBoxLayout()
        top.addStretch(1)
        for button in (self.new_button, self.repay_button, self.payoff_button,
                       self.passbook_button):
            top.addWidget(button)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.schedule_caption)
        lower_layout.addWidget(self.schedule_table, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(lower)
        splitter.setSizes([260, 240])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary, 1)
        bottom.addWidget(self.show_settled)
        layout.addLayout(bottom)
        self.show_settled.toggled.connect(lambda _b: self._fill())
        self.table.itemSelectionChanged.connect(self._loan_chosen)
        self.table.doubleClicked.connect(lambda _i: self.record_repayment())
        self.new_button.clicked.connect(self.new_loan)
        self.repay_button.clicked.connect(self.record_repayment)
        self.payoff_button.clicked.connect(self.pay_off)
        self.passbook_button.clicked.connect(self.save_passbook)
        self.retranslate()

    def retranslate(self) -> None:
        self.show_settled.setText(tr("Tampilkan yang lu&nas dan batal"))
        self.new_button.setText(tr("&Pinjaman baru…"))
        self.repay_button.setText(tr("Catat &angsuran…"))
        self.payoff_button.setText(tr("Pe&lunasan…"))
        self.passbook_button.setText(tr("&Buku anggota (PDF)…"))
        self.table.setHorizontalHeaderLabels([tr(c) for c in COLUMNS])
        self.schedule_table.setHorizontalHeaderLabels([tr(c) for c in SCHEDULE_COLUMNS])
        self._fill()
        self._fill_schedule()

    def request(self) -> Callable[[], list[LoanView]]:
        ctx, group_id = self.ctx, self.group_id
        assert group_id is not None
        return lambda: loans.list_loans(ctx, group_id)

    def show_data(self, data: list[LoanView]) -> None:
        self.rows = data
        self._fill()
        self._loan_chosen()

    def clear(self) -> None:
        self.rows, self.schedule = [], []
        self._fill()
        self._fill_schedule()

    def _visible(self) -> list[LoanView]:
        return [v for v in self.rows if v.status == "berjalan" or self.show_settled.isChecked()]

    def _fill(self) -> None:
        selected = self.selected()
        rows = self._visible()
        self.table.blockSignals(True)
        self.table.setRowCount(len(rows))
        for r, v in enumerate(rows):
            late = v.status == "berjalan" and v.arrears.amount_overdue > 0
            items = [QTableWidgetItem(str(v.no)), QTableWidgetItem(v.member_name),
                     money_item(v.principal),
                     QTableWidgetItem(rate_label(v.fee_rate_bp) + " " +
                                      (tr("flat") if v.fee_method == "flat" else tr("menurun"))),
                     QTableWidgetItem(trf("{n} bln", n=v.term_months)),
                     QTableWidgetItem(short_date(v.disbursed_on)),
                     money_item(v.outstanding_principal),
                     money_item(v.arrears.amount_overdue, blank_zero=True),
                     QTableWidgetItem(str(v.arrears.days_late) if late else ""),
                     QTableWidgetItem(tr(LOAN_STATUS.get(v.status, v.status)))]
            items[1].setToolTip(v.purpose)
            for c, item in enumerate(items):
                item.setData(Qt.ItemDataRole.UserRole, v.id)
                if late:
                    item.setForeground(QBrush(LATE))
                elif v.status != "berjalan":
                    item.setForeground(QBrush(MUTED))
                self.table.setItem(r, c, item)
            if selected is not None and selected.id == v.id:
                self.table.selectRow(r)
        self.table.blockSignals(False)
        running = [v for v in self.rows if v.status == "berjalan"]
        late = [v for v in running if v.arrears.amount_overdue > 0]
        self.summary.setText(trf(
            "{n} pinjaman berjalan, sisa pokok {left}; {late} menunggak sejumlah {overdue}",
            n=len(running), left=rupiah(sum(v.outstanding_principal for v in running)),
            late=len(late), overdue=rupiah(sum(v.arrears.amount_overdue for v in late))))
        self._update_buttons()

    def selected(self) -> LoanView | None:
        if not self.table.selectionModel().hasSelection():
            return None
        item = self.table.item(self.table.currentRow(), 0)
        loan_id = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return next((v for v in self.rows if v.id == loan_id), None)

    def _loan_chosen(self) -> None:
        loan = self.selected()
        self._update_buttons()
        if loan is None:
            self.schedule = []
            self._fill_schedule()
            return
        ctx, loan_id = self.ctx, loan.id
        self.runner.run(lambda: loans.schedule_rows(ctx, loan_id),
                        lambda rows: self._schedule_loaded(loan_id, rows), self.ops.show_error)

    def _schedule_loaded(self, loan_id: str, rows: list[ScheduleRow]) -> None:
        loan = self.selected()
        if loan is not None and loan.id == loan_id:
            self.schedule = rows
            self._fill_schedule()

    def _fill_schedule(self) -> None:
        loan = self.selected()
        self.schedule_caption.setText(
            trf("Jadwal angsuran pinjaman no. {no} ({name})", no=loan.no, name=loan.member_name)
            if loan else tr("Pilih pinjaman untuk melihat jadwal angsurannya."))
        rows = self.schedule if loan is not None else []
        self.schedule_table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            inst = row.instalment
            items = [QTableWidgetItem(str(inst.n)), QTableWidgetItem(short_date(inst.due_on)),
                     money_item(inst.principal), money_item(inst.fee), money_item(inst.total),
                     money_item(row.paid, blank_zero=True),
                     QTableWidgetItem(tr(SCHEDULE_STATE.get(row.state, row.state)))]
            for c, item in enumerate(items):
                if row.state == "terlambat":
                    item.setForeground(QBrush(LATE))
                elif row.state == "lunas":
                    item.setForeground(QBrush(MUTED))
                self.schedule_table.setItem(r, c, item)

    def _update_buttons(self) -> None:
        loan = self.selected()
        running = loan is not None and loan.status == "berjalan"
        self.new_button.setEnabled(self.editor and self.group_id is not None)
        self.repay_button.setEnabled(self.editor and running)
        self.payoff_button.setEnabled(self.editor and running)
        self.passbook_button.setEnabled(loan is not None)

    # -- actions -----------------------------------------------------------------------
    def _open(self, dialog: QWidget) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()

    def new_loan(self) -> LoanDialog | None:
        if self.group_id is None or not self.new_button.isEnabled():
            return None
        dialog = LoanDialog(self.ctx, self.runner, self.group_id, None, self)
        dialog.saved.connect(self.ops.announce)
        dialog.restore_draft()
        self._open(dialog)
        return dialog

    def _action(self, cls: type[RepaymentDialog] | type[PayoffDialog],
                button: QPushButton) -> ActionDialog | None:
        loan = self.selected()
        if loan is None or not button.isEnabled():
            return None
        dialog = cls(self.ctx, self.runner, loan, self)
        dialog.done.connect(self.ops.announce)
        self._open(dialog)
        return dialog

    def record_repayment(self) -> ActionDialog | None:
        return self._action(RepaymentDialog, self.repay_button)

    def pay_off(self) -> ActionDialog | None:
        return self._action(PayoffDialog, self.payoff_button)

    def save_passbook(self) -> None:
        from desa_desktop.ui.overview_tab import save_passbook

        loan = self.selected()
        if loan is not None:
            save_passbook(self, self.ctx, self.runner, self.ops, loan.member_id,
                          loan.member_name)
