"""The "Ringkasan" tab of a group, and saving its statements and passbooks.

The overview answers the district's two questions at a glance: is the
money there (cash, savings, loans outstanding, arrears) and is the group
alive (members, last entry, last activity, a year of income and expense).
The chart is painted with QPainter (QtCharts is not shipped with the app).

Statements (PDF, XLSX) and passbooks (PDF) are written on the worker to a
file the officer picks; then the app offers to open it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QRectF, Qt, QUrl
from PySide6.QtGui import QColor, QDesktopServices, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QFileDialog, QGridLayout, QLabel, QVBoxLayout, QWidget

from desa_desktop.domain.formatting import rupiah, short_date, thousands
from desa_desktop.services import groups, statements
from desa_desktop.services.context import ServiceContext
from desa_desktop.services.statements import GroupOverview
from desa_desktop.ui import dialogs
from desa_desktop.ui.cashbook_tab import BookTab
from desa_desktop.ui.entry_dialog import ui_month
from desa_desktop.ui.operations import Operations
from desa_desktop.ui.tasks import TaskRunner
from desa_desktop.ui.translator import tr, trf

INCOME = QColor("#2e7d32")
EXPENSE = QColor("#c62828")
FIGURES = ("Saldo kas", "Anggota aktif", "Simpanan anggota", "Pinjaman berjalan",
           "Sisa pokok pinjaman", "Tunggakan", "Entri terakhir", "Kegiatan terakhir")


# ---------------------------------------------------------------------------
# Saving and opening reports
# ---------------------------------------------------------------------------


def file_stem(*parts: str) -> str:
    """``Laporan-KUP-Sari-Rasa-2026-11``: safe on every file system."""
    text = "-".join(p for p in parts if p)
    return re.sub(r"[^0-9A-Za-z]+", "-", text).strip("-")


def ask_save_path(parent: QWidget, title: str, stem: str, kind: str) -> Path | None:
    """Where to save; a module function so tests can answer it."""
    pattern = tr("Berkas PDF (*.pdf)") if kind == "pdf" else tr("Buku kerja Excel (*.xlsx)")
    name, _filter = QFileDialog.getSaveFileName(parent, title,
                                                str(Path.home() / f"{stem}.{kind}"), pattern)
    if not name:
        return None
    return Path(name) if name.lower().endswith(f".{kind}") else Path(f"{name}.{kind}")


def open_file(path: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def offer_open(parent: QWidget, ops: Operations, path: Path) -> None:
    ops.sig_message.emit(trf("Disimpan: {path}", path=path))
    choice = dialogs.choose(parent, tr("Berkas disimpan"),
                            trf("Berkas disimpan di {path}. Buka sekarang?", path=path),
                            [tr("Buka"), tr("Tutup")], default=0)
    if choice == 0:
        open_file(path)


def save_statement(parent: QWidget, ctx: ServiceContext, runner: TaskRunner, ops: Operations,
                   group_id: str, month: str, kind: str) -> None:
    """The month's statement as PDF or XLSX (the files the district receives)."""
    name = groups.get_group(ctx, group_id).name
    path = ask_save_path(parent, trf("Simpan laporan bulanan {month}", month=ui_month(month)),
                         file_stem("Laporan", name, month), kind)
    if path is None:
        return

    def render() -> Path:
        data = statements.monthly_statement(ctx, group_id, month)
        if kind == "xlsx":
            from desa_desktop.reports.statement_xlsx import render_statement_xlsx

            return render_statement_xlsx(path, data)
        from desa_desktop.reports.statement_pdf import render_statement_pdf

        return render_statement_pdf(path, data)

    runner.run(render, lambda saved: offer_open(parent, ops, saved), ops.show_error)


def print_statement(parent: QWidget, ctx: ServiceContext, runner: TaskRunner,
                    ops: Operations, group_id: str, month: str) -> None:
    """Render the statement to a temporary PDF and show the print preview."""
    from desa_desktop.reports.statement_pdf import render_statement_pdf
    from desa_desktop.ui.letter_dialog import show_pdf, temp_pdf

    target = temp_pdf()
    runner.run(lambda: render_statement_pdf(target, statements.monthly_statement(
        ctx, group_id, month)), lambda path: show_pdf(path, "A4", parent), ops.show_error)


def save_passbook(parent: QWidget, ctx: ServiceContext, runner: TaskRunner, ops: Operations,
                  member_id: str, name: str) -> None:
    """The member's passbook (buku anggota) as PDF."""
    path = ask_save_path(parent, trf("Simpan buku anggota {name}", name=name),
                         file_stem("Buku-anggota", name), "pdf")
    if path is None:
        return

    def render() -> Path:
        from desa_desktop.reports.passbook_pdf import render_passbook_pdf

        return render_passbook_pdf(path, statements.member_passbook(ctx, member_id))

    runner.run(render, lambda saved: offer_open(parent, ops, saved), ops.show_error)


# ---------------------------------------------------------------------------
# The chart
# ---------------------------------------------------------------------------


def short_money(amount: int) -> str:
    """``1,5 jt`` / ``250 rb`` for the chart's axis (integers only)."""
    if amount >= 1_000_000:
        whole, rest = divmod(amount, 1_000_000)
        tenth = rest // 100_000
        return trf("{n} jt", n=f"{thousands(whole)},{tenth}" if tenth else thousands(whole))
    if amount >= 1_000:
        return trf("{n} rb", n=thousands(amount // 1_000))
    return str(amount)


def nice_step(top: int, lines: int = 4) -> int:
    """A round grid step (1, 2 or 5 times a power of ten) so ``lines`` steps reach ``top``."""
    step = 1
    while True:
        for factor in (1, 2, 5):
            if step * factor * lines >= top:
                return step * factor
        step *= 10


class BarChart(QWidget):
    """Income (green) and expense (red) side by side for each month."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.months: list[tuple[str, int, int]] = []
        self.setMinimumHeight(200)

    def set_months(self, months: list[tuple[str, int, int]]) -> None:
        self.months = months
        self.setToolTip("\n".join(
            trf("{month}: masuk {total_in}, keluar {total_out}", month=ui_month(m),
                total_in=rupiah(i), total_out=rupiah(o)) for m, i, o in months))
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        metrics = painter.fontMetrics()
        line = metrics.height()
        left, top, right, bottom = 70, line + 12, 12, line + 10
        plot = QRectF(left, top, self.width() - left - right, self.height() - top - bottom)
        self._legend(painter, line)
        if not self.months or plot.width() < 50 or plot.height() < 40:
            painter.end()
            return
        step = nice_step(max([1, *(max(i, o) for _m, i, o in self.months)]))
        scale = plot.height() / (step * 4)
        painter.setPen(QPen(QColor("#dddddd")))
        for k in range(5):
            y = plot.bottom() - k * step * scale
            painter.drawLine(int(plot.left()), int(y), int(plot.right()), int(y))
            painter.setPen(QColor("#555555"))
            painter.drawText(QRectF(0, y - line / 2, left - 6, line),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             short_money(k * step))
            painter.setPen(QPen(QColor("#dddddd")))
        slot = plot.width() / len(self.months)
        bar = max(2.0, min(slot * 0.35, 28.0))
        painter.setPen(Qt.PenStyle.NoPen)
        for n, (month, total_in, total_out) in enumerate(self.months):
            x = plot.left() + n * slot + slot / 2
            for offset, value, colour in ((-bar, total_in, INCOME), (0.0, total_out, EXPENSE)):
                height = value * scale
                painter.setBrush(colour)
                painter.drawRect(QRectF(x + offset, plot.bottom() - height, bar, height))
            painter.setPen(QColor("#333333"))
            label = ui_month(month)
            text = f"{label[:3]} {label[-2:]}"
            painter.drawText(QRectF(x - slot / 2, plot.bottom() + 4, slot, line),
                             Qt.AlignmentFlag.AlignCenter, text)
            painter.setPen(Qt.PenStyle.NoPen)
        painter.end()

    def _legend(self, painter: QPainter, line: int) -> None:
        x = 70
        for colour, label in ((INCOME, tr("Pemasukan")), (EXPENSE, tr("Pengeluaran"))):
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawRect(QRectF(x, 4 + line / 4, line / 2 + 4, line / 2 + 4))
            painter.setPen(QColor("#333333"))
            painter.drawText(x + line, 4 + line - 2, label)
            x += line + painter.fontMetrics().horizontalAdvance(label) + 24


# ---------------------------------------------------------------------------
# The tab
# ---------------------------------------------------------------------------


class OverviewTab(BookTab):
    """Headline figures and a year of income and expense."""

    def __init__(self, ctx: ServiceContext, runner: TaskRunner, ops: Operations,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, runner, ops, parent)
        self.data: GroupOverview | None = None
        self.captions = [QLabel() for _ in FIGURES]
        self.values = [QLabel() for _ in FIGURES]
        grid = QGridLayout()
        for n, (caption, value) in enumerate(zip(self.captions, self.values, strict=True)):
            caption.setStyleSheet("color: #555;")
            value.setProperty("data", True)
            value.setStyleSheet("font-size: 13pt; font-weight: bold;")
            grid.addWidget(caption, (n // 4) * 2, n % 4)
            grid.addWidget(value, (n // 4) * 2 + 1, n % 4)
        self.chart_title = QLabel()
        self.chart_title.setStyleSheet("font-weight: bold;")
        self.chart = BarChart()
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addSpacing(8)
        layout.addWidget(self.chart_title)
        layout.addWidget(self.chart, 1)
        self.retranslate()

    def retranslate(self) -> None:
        for caption, text in zip(self.captions, FIGURES, strict=True):
            caption.setText(tr(text))
        self.chart_title.setText(tr("Pemasukan dan pengeluaran 12 bulan terakhir"))
        self._show()

    def request(self) -> Callable[[], GroupOverview]:
        ctx, group_id = self.ctx, self.group_id
        assert group_id is not None
        return lambda: statements.group_overview(ctx, group_id)

    def show_data(self, data: GroupOverview) -> None:
        self.data = data
        self._show()

    def clear(self) -> None:
        self.data = None
        self._show()

    def _show(self) -> None:
        data = self.data
        if data is None:
            for value in self.values:
                value.setText("")
            self.chart.set_months([])
            return
        arrears = (trf("{amount} ({n} pinjaman)", amount=rupiah(data.arrears_total),
                       n=data.arrears_count) if data.arrears_count else tr("Tidak ada"))
        texts = [rupiah(data.balance), str(data.members_active), rupiah(data.savings_total),
                 str(data.loans_active), rupiah(data.loans_outstanding), arrears,
                 short_date(data.last_entry_date) or "-",
                 short_date(data.last_activity_date) or "-"]
        for value, text in zip(self.values, texts, strict=True):
            value.setText(text)
        self.values[5].setStyleSheet("font-size: 13pt; font-weight: bold; color: %s;"
                                     % ("#b00020" if data.arrears_count else "#1d5b2a"))
        self.chart.set_months(list(data.months))
