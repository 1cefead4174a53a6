"""Lending to a member, recording what they repay, and settling a loan early.

The new-loan form shows the repayment schedule as the terms are typed, so
the treasurer and the member agree on the figures (each month's principal
and service fee) before any money leaves the cash box. Repayments and the
early payoff are cash-book lines too; the payoff quote waives the fees of
instalments not yet due.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desa_desktop.domain.formatting import rupiah, short_date
from desa_desktop.domain.ledger_reference import FEE_METHOD
from desa_desktop.services import groups, loans
from desa_desktop.services.context import Change, ServiceContext
from desa_desktop.services.errors import Problem, ValidationError
from desa_desktop.services.loans import LoanInput, LoanView
from desa_desktop.ui.entry_dialog import ActionDialog, AmountField, money_item
from desa_desktop.ui.form_base import FieldError, RecordForm
from desa_desktop.ui.referrals_panel import make_table
from desa_desktop.ui.tasks import TaskRunner
from desa_desktop.ui.translator import lookup, tr, trf
from desa_desktop.ui.widgets import CodeCombo, DateField

PREVIEW_COLUMNS = ("Ke", "Jatuh tempo", "Pokok", "Jasa", "Angsuran")
_RATE = re.compile(r"^(\d{1,2})(?:[.,](\d{1,2}))?$")
PREVIEW_DELAY_MS = 200


def parse_rate(text: str) -> int:
    """A monthly fee typed in percent (``1,5``) as basis points (150), in integers."""
    raw = text.strip().rstrip("%").strip()
    match = _RATE.match(raw)
    if not match:
        raise FieldError("fee_rate_bp", tr("Tulis jasa per bulan dalam persen, contoh 1,5."))
    whole, fraction = match.group(1), (match.group(2) or "").ljust(2, "0")
    return int(whole) * 100 + int(fraction)


def rate_label(bp: int) -> str:
    """``1,5 %`` from 150 basis points."""
    whole, rest = divmod(bp, 100)
    return f"{whole},{rest:02d}".rstrip("0").rstrip(",") + " %"


class LoanDialog(RecordForm):
    """A loan to an active member, with the schedule previewed as it is typed."""

    def __init__(self, ctx: ServiceContext, runner: TaskRunner, group_id: str,
                 member_id: str | None = None, parent: QWidget | None = None) -> None:
        self.group_id = group_id
        self.members = groups.list_members(ctx, group_id)
        super().__init__(ctx, runner, f"loan:new:{group_id}", parent)
        self.write_values({"member_id": member_id or "", "fee_method": "flat",
                           "fee_rate_bp": "1", "term_months": "10",
                           "disbursed_on": short_date(ctx.today())})
        self.resize(1040, 600)
        self.update_preview()
        self.fields["member_id"].setFocus()

    def title(self) -> str:
        return tr("Pinjaman baru")

    def build(self) -> None:
        member = QComboBox()
        member.setProperty("data_items", True)
        member.addItem("", "")
        for m in self.members:
            member.addItem(f"{m.member_no}. {m.full_name}", m.id)
        self.add_field("member_id", "&Anggota", member)
        self.principal = AmountField()
        self.add_field("principal", "&Pokok pinjaman (Rp)", self.principal)
        self.add_field("fee_method", "&Cara hitung jasa", CodeCombo(FEE_METHOD))
        self.add_field("fee_rate_bp", "&Jasa per bulan (%)", QLineEdit())
        self.add_field("term_months", "&Lama (bulan)", QLineEdit())
        self.add_field("disbursed_on", "&Tanggal diberikan", DateField())
        self.add_field("first_due_on", "Angsuran &pertama", DateField())
        self.add_field("purpose", "&Keperluan", QLineEdit())
        self.add_field("receipt_no", "No. &bukti / kuitansi", QLineEdit())
        self.finish_fields()
        for name in ("fee_rate_bp", "term_months"):
            self.fields[name].setMaximumWidth(90)

        self.preview_caption = QLabel()
        self.preview_caption.setWordWrap(True)
        self.preview_table = make_table(len(PREVIEW_COLUMNS))
        for column, width in enumerate((36, 96, 100, 90)):
            self.preview_table.setColumnWidth(column, width)
        self.preview_totals = QLabel()
        self.preview_totals.setProperty("data", True)
        self.preview_totals.setWordWrap(True)
        preview = QWidget()
        column = QVBoxLayout(preview)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.preview_caption)
        column.addWidget(self.preview_table, 1)
        column.addWidget(self.preview_totals)
        outer = self.layout()
        scroll = self.findChild(QScrollArea)
        index = outer.indexOf(scroll)  # type: ignore[union-attr]
        outer.removeWidget(scroll)  # type: ignore[union-attr]
        row = QHBoxLayout()
        row.addWidget(scroll, 11)
        row.addWidget(preview, 9)
        outer.insertLayout(index, row, 1)  # type: ignore[union-attr]
        self._preview_timer = QTimer(self, singleShot=True, interval=PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self.update_preview)
        for name in ("fee_method", "member_id"):
            self.fields[name].currentIndexChanged.connect(  # type: ignore[attr-defined]
                lambda _i: self._preview_timer.start())
        for name in ("principal", "fee_rate_bp", "term_months", "disbursed_on", "first_due_on"):
            self.fields[name].textChanged.connect(  # type: ignore[attr-defined]
                lambda _t: self._preview_timer.start())

    def retranslate_fields(self) -> None:
        self.save_button.setText(tr("&Berikan pinjaman"))
        self.save_button.setToolTip(tr("Catat pinjaman dan pengeluarannya di buku kas "
                                       "(Ctrl+S)"))
        first_due = self.fields["first_due_on"]
        assert isinstance(first_due, DateField)
        first_due.setPlaceholderText(tr("otomatis"))
        first_due.setToolTip(tr("Kosongkan: sebulan sesudah pinjaman diberikan"))
        self.preview_table.setHorizontalHeaderLabels([tr(c) for c in PREVIEW_COLUMNS])
        if hasattr(self, "_preview_timer"):
            self.update_preview()

    # -- the loan ------------------------------------------------------------------------
    def make_input(self, values: dict[str, Any]) -> LoanInput:
        disbursed = self.date_value("disbursed_on")
        if disbursed is None:
            raise FieldError("disbursed_on", tr("Isi tanggal pinjaman diberikan."))
        term = values["term_months"].strip()
        if not term.isdigit():
            raise FieldError("term_months", tr("Tulis lamanya dalam bulan, contoh 10."))
        return LoanInput(member_id=values["member_id"] or "",
                         principal=self.principal.amount("principal"),
                         fee_method=str(values["fee_method"]),
                         fee_rate_bp=parse_rate(values["fee_rate_bp"]),
                         term_months=int(term), disbursed_on=disbursed,
                         first_due_on=self.date_value("first_due_on"),
                         purpose=values["purpose"].strip(),
                         receipt_no=values["receipt_no"].strip())

    def save(self, data: LoanInput, confirmed: bool) -> Change:
        return loans.create_loan(self.ctx, self.group_id, data)

    def show_problems(self, problems: list[Problem]) -> None:
        """The disbursal's cash-book line speaks of "entry_date": that is the loan's date."""
        super().show_problems([Problem("disbursed_on" if p.field == "entry_date" else p.field,
                                       p.template, p.params) for p in problems])

    def update_preview(self) -> None:
        """Show the schedule of the terms as typed, or why there is none yet."""
        self._preview_timer.stop()
        self.preview_caption.setText(tr("Jadwal angsuran"))
        try:
            data = self.make_input(self.read_values())
            rows = loans.preview_schedule(data)
        except FieldError as err:
            self._no_preview(err.message)
            return
        except ValidationError as err:
            self._no_preview("\n".join(p.translated(lookup) for p in err.problems))
            return
        self.preview_table.setRowCount(len(rows))
        for r, inst in enumerate(rows):
            items = [QTableWidgetItem(str(inst.n)), QTableWidgetItem(short_date(inst.due_on)),
                     money_item(inst.principal), money_item(inst.fee), money_item(inst.total)]
            for c, item in enumerate(items):
                self.preview_table.setItem(r, c, item)
        fees = sum(i.fee for i in rows)
        self.preview_totals.setText(trf(
            "Pokok {principal} + jasa {fees} = {total} dalam {n} angsuran",
            principal=rupiah(data.principal), fees=rupiah(fees),
            total=rupiah(data.principal + fees), n=len(rows)))

    def _no_preview(self, reason: str) -> None:
        self.preview_table.setRowCount(0)
        self.preview_totals.setText(trf("Jadwal belum dapat dihitung: {reason}",
                                        reason=reason))


class RepaymentDialog(ActionDialog):
    """What the member paid today; split into fee and principal by the schedule."""

    def __init__(self, ctx: ServiceContext, runner: TaskRunner, loan: LoanView,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, runner, parent)
        self.loan = loan
        self.amount = AmountField()
        self.add_row("amount", "J&umlah dibayar (Rp)", self.amount)
        day = self.add_row("paid_on", "&Tanggal bayar", DateField())
        assert isinstance(day, DateField)
        day.set_value(ctx.today())
        self.receipt = self.add_row("receipt_no", "No. &bukti / kuitansi", QLineEdit())
        self.aliases = {"entry_date": "paid_on"}
        if loan.arrears.amount_overdue:
            self.amount.set_amount(loan.arrears.amount_overdue)
        self.retranslate()
        self.resize(520, 340)
        self.amount.setFocus()
        self.amount.selectAll()

    def retranslate_texts(self) -> None:
        loan = self.loan
        self.setWindowTitle(trf("Angsuran pinjaman no. {no}", no=loan.no))
        text = trf("{name}: sisa pokok {left}.", name=loan.member_name,
                   left=rupiah(loan.outstanding_principal))
        if loan.arrears.amount_overdue:
            text += " " + trf("Tunggakan {amount} ({days} hari).",
                              amount=rupiah(loan.arrears.amount_overdue),
                              days=loan.arrears.days_late)
        self.intro.setText(text + "\n" + tr("Pembayaran dipakai untuk jasa lalu pokok setiap "
                                             "angsuran, berurutan."))
        self.ok_button.setText(tr("&Catat angsuran"))

    def action(self) -> Callable[[], Change]:
        amount = self.amount.amount()
        day = self.date_of("paid_on", "Isi tanggal bayar.")
        receipt = self.receipt.text().strip()  # type: ignore[attr-defined]
        ctx, loan_id = self.ctx, self.loan.id
        return lambda: loans.record_repayment(ctx, loan_id, amount=amount, paid_on=day,
                                              receipt_no=receipt)


class PayoffDialog(ActionDialog):
    """Settle the loan on a day: all principal left plus fees already due."""

    def __init__(self, ctx: ServiceContext, runner: TaskRunner, loan: LoanView,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, runner, parent)
        self.loan = loan
        self.quote: tuple[int, int] | None = None
        self.day = self.add_row("paid_on", "&Tanggal pelunasan", DateField())
        assert isinstance(self.day, DateField)
        self.day.set_value(ctx.today())
        self.receipt = self.add_row("receipt_no", "No. &bukti / kuitansi", QLineEdit())
        self.quote_label = QLabel()
        self.quote_label.setProperty("data", True)
        self.quote_label.setStyleSheet("font-size: 11pt;")
        self.form.addRow(self.quote_label)
        self.aliases = {"entry_date": "paid_on"}
        self.day.editingFinished.connect(self.ask_quote)
        self.retranslate()
        self.resize(520, 330)
        self.ask_quote()

    def ask_quote(self) -> None:
        try:
            day = self.date_of("paid_on", "Isi tanggal pelunasan.")
        except FieldError as err:
            self.errors["paid_on"].show_message(err.message)
            return
        self.errors["paid_on"].show_message("")
        ctx, loan_id = self.ctx, self.loan.id
        self.runner.run(lambda: loans.payoff_quote(ctx, loan_id, on=day), self._quoted,
                        lambda err: self.general_error.show_message(str(err)))

    def _quoted(self, quote: tuple[int, int]) -> None:
        self.quote = quote
        self._show_quote()

    def _show_quote(self) -> None:
        if self.quote is None:
            self.quote_label.setText(tr("Memuat…"))
            return
        principal, fee = self.quote
        self.quote_label.setText(trf("Pokok {principal} + jasa {fee} = {total}",
                                     principal=rupiah(principal), fee=rupiah(fee),
                                     total=rupiah(principal + fee)))

    def retranslate_texts(self) -> None:
        self.setWindowTitle(trf("Pelunasan pinjaman no. {no}", no=self.loan.no))
        self.intro.setText(trf(
            "{name} melunasi seluruh sisa pinjaman. Jasa angsuran yang belum jatuh tempo "
            "tidak ditagih.", name=self.loan.member_name))
        self.ok_button.setText(tr("&Lunasi"))
        self._show_quote()

    def action(self) -> Callable[[], Change]:
        day = self.date_of("paid_on", "Isi tanggal pelunasan.")
        receipt = self.receipt.text().strip()  # type: ignore[attr-defined]
        ctx, loan_id = self.ctx, self.loan.id
        return lambda: loans.pay_off(ctx, loan_id, paid_on=day, receipt_no=receipt)
