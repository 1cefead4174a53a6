"""Closing a month of the cash book, reopening it (admin), and the history of both.

Closing says "these are the figures and they will not move": the dialog
shows them before the treasurer's officer confirms. Reopening is for the
admin alone and asks why; the reason stays on the closing row, which the
history lists with a check that every closed month still matches what was
stored when it closed. ``read_month`` is the month of the book as the cash-book
tab and the closing dialog show it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desa_desktop.domain.formatting import rupiah, short_date
from desa_desktop.domain.months import month_bounds
from desa_desktop.services import cashbook, month_closing
from desa_desktop.services.cashbook import EntryRow
from desa_desktop.services.context import Change, ServiceContext
from desa_desktop.services.month_closing import CLOSING_STATUS, ClosingProblem, ClosingView
from desa_desktop.ui.case_dialog import error_text
from desa_desktop.ui.entry_dialog import ActionDialog, money_item, ui_month
from desa_desktop.ui.form_base import FieldError
from desa_desktop.ui.referrals_panel import make_table
from desa_desktop.ui.tasks import TaskRunner
from desa_desktop.ui.translator import lookup, tr, trf

HISTORY_COLUMNS = ("Bulan", "Saldo awal", "Pemasukan", "Pengeluaran", "Saldo akhir", "Entri",
                   "Ditutup", "Status", "Sidik entri")


@dataclass(frozen=True)
class BookMonth:
    """What the tab shows: one month of the book and the state of closing."""

    months: list[str]
    month: str
    rows: list[EntryRow]
    opening: int
    held: int
    closings: list[ClosingView]
    to_close: str | None

    @property
    def total_in(self) -> int:
        return sum(r.amount for r in self.rows if r.direction == "masuk")

    @property
    def total_out(self) -> int:
        return sum(r.amount for r in self.rows if r.direction == "keluar")

    def closing_of(self, month: str) -> ClosingView | None:
        active = [c for c in self.closings if c.month == month and c.status == "ditutup"]
        return active[-1] if active else None

    @property
    def last_closed(self) -> str | None:
        active = [c.month for c in self.closings if c.status == "ditutup"]
        return max(active) if active else None


def read_month(ctx: ServiceContext, group_id: str, month: str | None) -> BookMonth:
    """The month asked for (default: the current one) with its opening balance."""
    months = cashbook.months_with_entries(ctx, group_id)
    chosen = month if month in months else months[-1]
    first, _last = month_bounds(chosen)
    return BookMonth(months, chosen, cashbook.entries(ctx, group_id, month=chosen),
                     cashbook.balance(ctx, group_id, until=first - timedelta(days=1)),
                     cashbook.balance(ctx, group_id), month_closing.closings(ctx, group_id),
                     month_closing.next_month_to_close(ctx, group_id))


class CloseMonthDialog(ActionDialog):
    """The month's figures, what closing means, and "Tutup buku"."""

    def __init__(self, ctx: ServiceContext, runner: TaskRunner, group_id: str, month: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, runner, parent)
        self.group_id, self.month = group_id, month
        self.figures_label = QLabel()
        self.figures_label.setProperty("data", True)
        self.figures_label.setStyleSheet("font-size: 11pt;")
        self.form.addRow(self.figures_label)
        self.figures: tuple[int, int, int, int] | None = None
        self.retranslate()
        self.resize(540, 340)
        self.runner.run(lambda: read_month(ctx, group_id, month), self._show_figures,
                        lambda err: self.general_error.show_message(error_text(err)))

    def _show_figures(self, data: BookMonth) -> None:
        self.figures = (data.opening, data.total_in, data.total_out, len(data.rows))
        self._render_figures()

    def _render_figures(self) -> None:
        if self.figures is None:
            self.figures_label.setText(tr("Memuat…"))
            return
        opening, total_in, total_out, count = self.figures
        self.figures_label.setText(trf(
            "Saldo awal: {opening}\nPemasukan: {total_in}\nPengeluaran: {total_out}\n"
            "Saldo akhir: {closing}\nJumlah entri: {n}", opening=rupiah(opening),
            total_in=rupiah(total_in), total_out=rupiah(total_out),
            closing=rupiah(opening + total_in - total_out), n=count))

    def retranslate_texts(self) -> None:
        self.setWindowTitle(trf("Tutup buku {month}", month=ui_month(self.month)))
        self.intro.setText(tr(
            "Setelah bulan ditutup, tidak ada entri yang dapat dicatat dengan tanggal bulan "
            "itu. Saldo dan sidik (hash) entri bulan itu disimpan, sehingga perubahan di "
            "kemudian hari dapat diketahui. Hanya admin yang dapat membuka kembali bulan yang "
            "sudah ditutup."))
        self.ok_button.setText(tr("&Tutup buku"))
        self._render_figures()

    def action(self) -> Callable[[], Change]:
        ctx, group_id, month = self.ctx, self.group_id, self.month
        return lambda: month_closing.close_month(ctx, group_id, month)


class ReopenDialog(ActionDialog):
    """Admin only: reopen the latest closed month, with the reason kept on record."""

    def __init__(self, ctx: ServiceContext, runner: TaskRunner, group_id: str, month: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, runner, parent)
        self.group_id, self.month = group_id, month
        self.reason = self.add_row("reason", "&Alasan (wajib)", self.reason_box())
        self.retranslate()
        self.resize(520, 300)
        self.reason.setFocus()

    def retranslate_texts(self) -> None:
        self.setWindowTitle(trf("Buka kembali {month}", month=ui_month(self.month)))
        self.intro.setText(tr(
            "Membuka kembali bulan yang sudah ditutup dicatat dengan nama Anda, waktunya dan "
            "alasannya. Setelah diperbaiki, tutup lagi bulan itu."))
        self.ok_button.setText(tr("&Buka kembali"))

    def action(self) -> Callable[[], Change]:
        reason = self.reason.toPlainText().strip()  # type: ignore[attr-defined]
        if not reason:
            raise FieldError("reason", tr("Tulis alasan membuka kembali bulan ini."))
        ctx, group_id, month = self.ctx, self.group_id, self.month
        return lambda: month_closing.reopen_month(ctx, group_id, month, reason=reason)


class ClosingsDialog(QDialog):
    """Every closing of the group, reopened ones too, and a check of the closed months."""

    def __init__(self, ctx: ServiceContext, runner: TaskRunner, group_id: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.runner, self.group_id = ctx, runner, group_id
        self.rows: list[ClosingView] = []
        self.problems: list[ClosingProblem] | None = None
        self.table = make_table(len(HISTORY_COLUMNS))
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.verify_button, self.close_button = QPushButton(), QPushButton()
        self.close_button.clicked.connect(self.accept)
        self.verify_button.clicked.connect(self.verify)
        buttons = QHBoxLayout()
        buttons.addWidget(self.verify_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.result_label)
        layout.addLayout(buttons)
        self.retranslate()
        self.resize(900, 420)
        self.runner.run(lambda: month_closing.closings(ctx, group_id), self._loaded,
                        lambda err: self._say(error_text(err), ok=False))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(tr("Riwayat tutup buku"))
        self.table.setHorizontalHeaderLabels([tr(c) for c in HISTORY_COLUMNS])
        self.verify_button.setText(tr("&Periksa keutuhan buku"))
        self.verify_button.setToolTip(tr("Hitung ulang setiap bulan yang ditutup dan "
                                         "bandingkan dengan yang disimpan saat ditutup"))
        self.close_button.setText(tr("Tutup"))
        self._fill()
        self._show_problems()

    def _loaded(self, rows: list[ClosingView]) -> None:
        self.rows = rows
        self._fill()

    def _fill(self) -> None:
        self.table.setRowCount(len(self.rows))
        for r, c in enumerate(reversed(self.rows)):
            status = tr(CLOSING_STATUS.get(c.status, c.status))
            if c.status != "ditutup" and c.reopened_at is not None:
                status = trf("{status} {day} oleh {name}: {reason}", status=status,
                             day=short_date(c.reopened_at.date()), name=c.reopened_by_name,
                             reason=c.reopen_reason)
            items = [QTableWidgetItem(ui_month(c.month)), money_item(c.opening_balance),
                     money_item(c.total_in), money_item(c.total_out),
                     money_item(c.closing_balance), money_item(c.entry_count),
                     QTableWidgetItem(f"{short_date(c.closed_on)} · {c.closed_by_name}"),
                     QTableWidgetItem(status), QTableWidgetItem(c.entries_hash[:12])]
            items[7].setToolTip(status)
            items[8].setToolTip(c.entries_hash)
            for column, item in enumerate(items):
                if c.status != "ditutup":
                    item.setForeground(Qt.GlobalColor.darkGray)
                self.table.setItem(r, column, item)
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(7, min(self.table.columnWidth(7), 260))
        self.verify_button.setEnabled(any(c.status == "ditutup" for c in self.rows))

    def verify(self) -> None:
        ctx, group_id = self.ctx, self.group_id
        self.verify_button.setEnabled(False)
        self._say(tr("Memeriksa…"), ok=True)
        self.runner.run(lambda: month_closing.verify_closings(ctx, group_id), self._verified,
                        lambda err: self._say(error_text(err), ok=False))

    def _verified(self, problems: list[ClosingProblem]) -> None:
        self.problems = problems
        self.verify_button.setEnabled(True)
        self._show_problems()

    def _show_problems(self) -> None:
        if self.problems is None:
            self.result_label.hide()
        elif not self.problems:
            self._say(tr("Semua bulan yang ditutup masih sama dengan saat ditutup."), ok=True)
        else:
            lines = [lookup(p.template).format(**p.params) for p in self.problems]
            self._say("\n".join(lines), ok=False)

    def _say(self, text: str, *, ok: bool) -> None:
        self.result_label.setText(text)
        self.result_label.setStyleSheet(
            "padding: 6px; border-radius: 4px; background: %s;"
            % ("#e8f4ea; color: #1d5b2a" if ok else "#fde7e9; color: #8b0000"))
        self.result_label.show()
