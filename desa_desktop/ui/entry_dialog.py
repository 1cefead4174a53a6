"""Writing in the cash book: a new line, and the reversing line that corrects one.

A treasurer types amounts the way they are written on a receipt
(``1.250.000``); ``AmountField`` reads them with ``domain.money`` and says
in plain words, next to the field, why ``12,5`` or ``-5000`` is refused.
Posted lines are never edited: "Batalkan entri…" asks why and writes a
reversing line (``ReverseDialog``). ``ActionDialog`` is the small shape
every one-shot book action shares (reverse, close, reopen, repay): fields,
an error line under each, the service call on the worker.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QEvent, QLocale, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desa_desktop.domain.errors import DomainError
from desa_desktop.domain.formatting import rupiah, short_date, thousands
from desa_desktop.domain.ledger_reference import (
    CATEGORY,
    CATEGORY_DIRECTIONS,
    DIRECTION,
    LOAN_CATEGORIES,
    MEMBER_CATEGORIES,
)
from desa_desktop.domain.money import parse_rupiah
from desa_desktop.domain.months import month_label
from desa_desktop.services import cashbook, groups
from desa_desktop.services.cashbook import EntryInput, EntryRow
from desa_desktop.services.context import Change, ServiceContext
from desa_desktop.services.errors import Problem, ValidationError
from desa_desktop.ui.case_dialog import error_text
from desa_desktop.ui.form_base import FieldError, RecordForm
from desa_desktop.ui.tasks import TaskRunner
from desa_desktop.ui.translator import lookup, tr, trf
from desa_desktop.ui.widgets import CodeCombo, DateField, ErrorLabel, with_error_line

MUTED = QColor("#8a8a8a")
REVERSAL = QColor("#8a5300")


# ---------------------------------------------------------------------------
# Money in fields and tables
# ---------------------------------------------------------------------------


class AmountField(QLineEdit):
    """Whole Rupiah as typed on a receipt; tidied to ``1.250.000`` when left."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMaxLength(20)
        self.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.setPlaceholderText("0")
        self.editingFinished.connect(self.tidy)

    def amount(self, field: str = "amount") -> int:
        """The amount; ``FieldError`` with the plain-words reason when it is not one."""
        try:
            return parse_rupiah(self.text(), field=field)
        except DomainError as err:
            raise FieldError(field, err.translated(lookup)) from None

    def set_amount(self, amount: int | None) -> None:
        self.setText(thousands(amount) if amount else "")

    def tidy(self) -> None:
        try:
            value = parse_rupiah(self.text())
        except DomainError:
            return
        self.setText(thousands(value))


def money_item(amount: int | None, *, blank_zero: bool = False) -> QTableWidgetItem:
    """A right-aligned Rupiah cell (``1.250.000``); empty for no amount."""
    text = "" if amount is None or (blank_zero and amount == 0) else (
        ("-" if amount < 0 else "") + thousands(abs(amount)))
    item = QTableWidgetItem(text)
    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


def entry_text(row: EntryRow) -> str:
    """``No. 12, 03/11/2026, Penjualan, Rp 250.000`` for questions about one line."""
    return trf("No. {no}, {day}, {category}, {amount}", no=row.no,
               day=short_date(row.entry_date),
               category=tr(CATEGORY.get(row.category, row.category)),
               amount=rupiah(row.amount))


def mark_row(items: list[QTableWidgetItem], row: EntryRow) -> None:
    """A reversed line is struck through and grey; a reversal is amber italics."""
    if row.reversed_by_no is not None:
        for item in items:
            font = item.font()
            font.setStrikeOut(True)
            item.setFont(font)
            item.setForeground(QBrush(MUTED))
            item.setToolTip(trf("Dibatalkan oleh entri no. {no}", no=row.reversed_by_no))
    elif row.reverses_id is not None:
        for item in items:
            font = item.font()
            font.setItalic(True)
            item.setFont(font)
            item.setForeground(QBrush(REVERSAL))
            item.setToolTip(trf("Membatalkan entri no. {no}", no=row.reverses_no))


# ---------------------------------------------------------------------------
# A one-shot action with its own error lines
# ---------------------------------------------------------------------------


class ActionDialog(QDialog):
    """Fields, an error line under each, and one service call on the worker."""

    done = Signal(object)  # the service's Change

    def __init__(self, ctx: ServiceContext, runner: TaskRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.runner = ctx, runner
        self.busy = False
        #: Service field names shown under another field here (e.g. "entry_date" -> "paid_on").
        self.aliases: dict[str, str] = {}
        self.fields: dict[str, QWidget] = {}
        self.errors: dict[str, ErrorLabel] = {}
        self.labels: list[tuple[QLabel, str]] = []
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.form = QFormLayout()
        self.general_error = ErrorLabel()
        self.ok_button, self.cancel_button = QPushButton(), QPushButton()
        self.ok_button.setDefault(True)
        self.ok_button.clicked.connect(self.confirm)
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.ok_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addWidget(self.general_error)
        layout.addStretch(1)
        layout.addLayout(buttons)

    def add_row(self, name: str, label: str, widget: QWidget) -> QWidget:
        caption = QLabel()
        caption.setBuddy(widget)
        column, error = with_error_line(widget)
        self.form.addRow(caption, column)
        self.fields[name], self.errors[name] = widget, error
        self.labels.append((caption, label))
        if isinstance(widget, DateField):
            widget.setMaximumWidth(160)
        return widget

    def reason_box(self) -> QPlainTextEdit:
        box = QPlainTextEdit()
        box.setTabChangesFocus(True)
        box.setFixedHeight(70)
        return box

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        for caption, text in self.labels:
            caption.setText(tr(text))
        self.cancel_button.setText(tr("Batal"))
        self.retranslate_texts()

    # -- to be provided ----------------------------------------------------------------
    def retranslate_texts(self) -> None:
        raise NotImplementedError

    def action(self) -> Callable[[], Change]:
        """Read the fields (GUI thread) into the service call run on the worker."""
        raise NotImplementedError

    # -- running -----------------------------------------------------------------------
    def date_of(self, name: str, missing: str) -> date:
        widget = self.fields[name]
        assert isinstance(widget, DateField)
        try:
            value = widget.value()
        except ValueError as err:
            raise FieldError(name, str(err)) from None
        if value is None:
            raise FieldError(name, tr(missing))
        return value

    def clear_errors(self) -> None:
        for error in (*self.errors.values(), self.general_error):
            error.show_message("")

    def show_problems(self, problems: list[Problem]) -> None:
        general = []
        for problem in problems:
            field = self.aliases.get(problem.field or "", problem.field or "")
            error = self.errors.get(field)
            if error is not None:
                error.show_message(problem.translated(lookup))
            else:
                general.append(problem.translated(lookup))
        self.general_error.show_message("\n".join(general))

    def confirm(self) -> None:
        if self.busy:
            return
        self.clear_errors()
        try:
            fn = self.action()
        except FieldError as err:
            self.show_problems([Problem(err.field, err.message)])
            self.fields.get(err.field, self.ok_button).setFocus()
            return
        self.busy = True
        self.ok_button.setEnabled(False)
        self.runner.run(fn, self._done, self._failed)

    def _done(self, change: Change) -> None:
        self.busy = False
        self.ok_button.setEnabled(True)
        self.done.emit(change)
        self.accept()

    def _failed(self, err: Exception) -> None:
        self.busy = False
        self.ok_button.setEnabled(True)
        if isinstance(err, ValidationError):
            self.show_problems(err.problems)
        else:
            self.general_error.show_message(error_text(err))


# ---------------------------------------------------------------------------
# A new line
# ---------------------------------------------------------------------------


class EntryDialog(RecordForm):
    """Date, in or out, category, amount, member, receipt: one line of the book.

    Loan lines are not offered here (they are written by the loan screens);
    the member list is enabled only for categories that concern a member.
    """

    def __init__(self, ctx: ServiceContext, runner: TaskRunner, group_id: str,
                 held: int | None = None, parent: QWidget | None = None) -> None:
        self.group_id = group_id
        self.held = held
        self.members = groups.list_members(ctx, group_id)
        super().__init__(ctx, runner, f"cash_entry:new:{group_id}", parent)
        self.write_values({"entry_date": short_date(ctx.today()), "direction": "masuk"})
        self._fill_categories()
        self.resize(560, 400)
        self.fields["entry_date"].setFocus()

    def title(self) -> str:
        return tr("Entri buku kas baru")

    def build(self) -> None:
        self.add_field("entry_date", "&Tanggal", DateField())
        direction = CodeCombo(DIRECTION)
        self.add_field("direction", "&Jenis", direction)
        self.add_field("category", "&Kategori", QComboBox())
        self.amount = AmountField()
        self.add_field("amount", "J&umlah (Rp)", self.amount)
        member = QComboBox()
        member.setProperty("data_items", True)
        member.addItem("", "")
        for m in self.members:
            member.addItem(f"{m.member_no}. {m.full_name}", m.id)
        self.add_field("member_id", "&Anggota", member)
        self.add_field("receipt_no", "No. &bukti / kuitansi", QLineEdit())
        self.add_field("description", "&Uraian", QLineEdit())
        self.held_label = QLabel()
        self.held_label.setStyleSheet("color: #555;")
        self.form.addRow("", self.held_label)
        direction.currentIndexChanged.connect(lambda _i: self._fill_categories())
        self.fields["category"].currentIndexChanged.connect(lambda _i: self._member_state())
        self.amount.editingFinished.connect(self._check_amount)
        self.finish_fields()

    def retranslate_fields(self) -> None:
        self.save_button.setText(tr("&Catat"))
        member = self.fields["member_id"]
        assert isinstance(member, QComboBox)
        member.setItemText(0, tr("(bukan untuk anggota)"))
        self.held_label.setText("" if self.held is None else
                                trf("Kas kelompok saat ini: {amount}", amount=rupiah(self.held)))
        if self.fields["category"].count():
            self._fill_categories()

    def _fill_categories(self) -> None:
        combo = self.fields["category"]
        assert isinstance(combo, QComboBox)
        direction = self.fields["direction"].code()  # type: ignore[attr-defined]
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        for code, label in CATEGORY.items():
            if code not in LOAN_CATEGORIES and direction in CATEGORY_DIRECTIONS[code]:
                combo.addItem(tr(label), code)
        combo.setCurrentIndex(max(combo.findData(current), 0))
        combo.blockSignals(False)
        self._member_state()

    def _member_state(self) -> None:
        needed = self.fields["category"].currentData() in MEMBER_CATEGORIES  # type: ignore[attr-defined]
        member = self.fields["member_id"]
        member.setEnabled(needed)
        if not needed:
            member.setCurrentIndex(0)  # type: ignore[attr-defined]

    def _check_amount(self) -> None:
        """Say at once, next to the field, why a typed amount is not one."""
        if not self.amount.text().strip():
            self.errors["amount"].show_message("")
            return
        try:
            self.amount.amount()
        except FieldError as err:
            self.errors["amount"].show_message(err.message)
        else:
            self.errors["amount"].show_message("")

    def _write_values(self, values: dict[str, Any]) -> None:
        super()._write_values({k: v for k, v in values.items() if k != "category"})
        self._fill_categories()
        if "category" in values:
            super()._write_values({"category": values["category"]})
            self._member_state()
            super()._write_values({k: v for k, v in values.items() if k == "member_id"})

    def make_input(self, values: dict[str, Any]) -> EntryInput:
        day = self.date_value("entry_date")
        if day is None:
            raise FieldError("entry_date", tr("Isi tanggal entri."))
        return EntryInput(entry_date=day, direction=str(values["direction"]),
                          category=str(values["category"] or ""),
                          amount=self.amount.amount(),
                          member_id=values["member_id"] or None,
                          receipt_no=values["receipt_no"].strip(),
                          description=values["description"].strip())

    def save(self, data: EntryInput, confirmed: bool) -> Change:
        return cashbook.post_entry(self.ctx, self.group_id, data)


# ---------------------------------------------------------------------------
# Cancelling a line by a reversing line
# ---------------------------------------------------------------------------


class ReverseDialog(ActionDialog):
    """Why and when a line is cancelled; the reversing line is dated in an open month."""

    def __init__(self, ctx: ServiceContext, runner: TaskRunner, row: EntryRow,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, runner, parent)
        self.row = row
        day = self.add_row("entry_date", "&Tanggal pembatalan", DateField())
        assert isinstance(day, DateField)
        day.set_value(max(ctx.today(), row.entry_date))
        self.reason = self.add_row("reason", "&Alasan (wajib)", self.reason_box())
        self.retranslate()
        self.resize(520, 320)
        self.reason.setFocus()

    def retranslate_texts(self) -> None:
        self.setWindowTitle(trf("Batalkan entri no. {no}", no=self.row.no))
        self.intro.setText(
            entry_text(self.row) + "\n\n" +
            tr("Entri yang sudah dicatat tidak diubah atau dihapus. Pembatalan mencatat entri "
               "pembalik dengan jumlah yang sama dan arah sebaliknya; keduanya tetap terlihat "
               "di buku kas."))
        self.ok_button.setText(tr("Catat &pembatalan"))

    def action(self) -> Callable[[], Change]:
        on = self.date_of("entry_date", "Isi tanggal pembatalan.")
        reason = self.reason.toPlainText().strip()  # type: ignore[attr-defined]
        if not reason:
            raise FieldError("reason", tr("Tulis alasan pembatalan entri."))
        ctx, entry_id = self.ctx, self.row.id
        return lambda: cashbook.reverse_entry(ctx, entry_id, on=on, reason=reason)


def ui_month(key: str) -> str:
    """``November 2026`` in the language on screen (the translator sets the locale)."""
    english = QLocale().language() == QLocale.Language.English
    return month_label(key, "en" if english else "id")
