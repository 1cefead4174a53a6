"""The at-risk list: CPMI whose placement data shows signs of a non-procedural departure.

Early detection is one of the post's duties (DOMAIN.md): no or an
unlicensed agency, a tourist visa, a calo, under 18, a missing permission
letter, a debt to the recruiter, a family that does not know the date. The
list is worked through from the top (the service puts the most signals
first); from a row the officer opens the person or records a warning report.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desa_desktop.domain.formatting import short_date
from desa_desktop.domain.reference import COUNTRIES
from desa_desktop.domain.risk import RISK_SIGNALS
from desa_desktop.services import at_risk
from desa_desktop.services.at_risk import AtRiskRow
from desa_desktop.services.context import EDITOR_ROLES, Change, ServiceContext
from desa_desktop.ui.operations import Operations
from desa_desktop.ui.tasks import TaskRunner
from desa_desktop.ui.translator import tr, trf

COLUMNS = ("Nama", "NIK", "Negara tujuan", "Agensi", "Rencana berangkat", "Jumlah",
           "Tanda risiko")
COLUMN_WIDTHS = (170, 140, 150, 140, 140, 64)


def risk_labels(reasons: tuple[str, ...]) -> str:
    """The signals in words, joined with "; " (unknown codes shown as they are)."""
    return "; ".join(tr(RISK_SIGNALS.get(code, code)) for code in reasons)


class AtRiskPage(QWidget):
    """CPMI with at least one risk signal, most signals first."""

    sig_open_person = Signal(str)

    def __init__(self, ctx: ServiceContext, runner: TaskRunner, ops: Operations,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.runner, self.ops = ctx, runner, ops
        self.rows: list[AtRiskRow] = []
        self.loading = False
        self.failed = False
        self._reload_again = False
        self.can_edit = bool(ctx.officer and ctx.officer.role in EDITOR_ROLES)

        self.title = QLabel()
        self.title.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.count_label = QLabel()
        self.open_button, self.report_button = QPushButton(), QPushButton()
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        # Six signs do not fit one line: the signs wrap and the row grows.
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        # Rows follow their wrapped text as columns resize (the list is tens of rows).
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate(COLUMN_WIDTHS):
            self.table.setColumnWidth(column, width)
        self.empty = QLabel()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: #666; font-size: 12pt;")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)

        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.report_button)
        buttons.addStretch(1)
        buttons.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.explanation)
        layout.addLayout(buttons)
        layout.addWidget(self.stack, 1)

        self.open_button.clicked.connect(self.open_person)
        self.report_button.clicked.connect(self.record_warning)
        self.table.doubleClicked.connect(lambda _i: self.open_person())
        self.table.itemSelectionChanged.connect(self._update_buttons)
        QShortcut(QKeySequence(Qt.Key.Key_Return), self.table, activated=self.open_person,
                  context=Qt.ShortcutContext.WidgetShortcut)
        ops.changed.connect(self.on_changed)
        self.retranslate()
        self.refresh()

    # -- language ----------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.title.setText(tr("Daftar CPMI berisiko"))
        self.explanation.setText(tr(
            "CPMI yang data penempatannya menunjukkan tanda risiko keberangkatan "
            "nonprosedural"))
        self.open_button.setText(tr("&Buka data orang"))
        self.report_button.setText(tr("&Catat laporan peringatan…"))
        self.table.setHorizontalHeaderLabels([tr(c) for c in COLUMNS])
        self._fill()

    # -- loading -----------------------------------------------------------------------
    def refresh(self) -> None:
        """Compute the list again on the worker; it reads every CPMI placement."""
        if self.loading:
            self._reload_again = True
            return
        self.loading = True
        self.failed = False
        self._render_state()
        ctx = self.ctx
        self.runner.run(lambda: at_risk.at_risk_list(ctx), self._loaded, self._load_failed)

    def _loaded(self, rows: list[AtRiskRow]) -> None:
        self.loading = False
        self.rows = rows
        self._fill()
        if self._reload_again:
            self._reload_again = False
            self.refresh()

    def _load_failed(self, err: Exception) -> None:
        self.loading = False
        self._reload_again = False
        self.failed = True
        self._render_state()
        self.ops.show_error(err)

    def on_changed(self, change: Change) -> None:
        if change.entity in ("person", "placement", "household"):
            self.refresh()

    def _fill(self) -> None:
        selected = self.selected_id()
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            when = short_date(row.departure_date) if row.departure_date else tr(
                "Belum diketahui")
            cells = [row.full_name, row.nik or "", tr(COUNTRIES.get(row.country, row.country)),
                     row.agency_name or "-", when, str(len(row.reasons)),
                     risk_labels(row.reasons)]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, row.person_id)
                if c == 5:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if c == 6:
                    item.setToolTip("\n".join(tr(RISK_SIGNALS.get(code, code))
                                              for code in row.reasons))
                self.table.setItem(r, c, item)
            if row.person_id == selected:
                self.table.selectRow(r)
        self._render_state()

    def _render_state(self) -> None:
        if self.loading:
            self.empty.setText(tr("Memuat…"))
            self.count_label.setText(tr("Memuat…"))
        elif self.failed:
            self.empty.setText(tr("Daftar tidak dapat dimuat."))
            self.count_label.setText("")
        else:
            self.empty.setText(tr("Tidak ada CPMI dengan tanda risiko."))
            self.count_label.setText(trf("{n} CPMI berisiko", n=len(self.rows)))
        showing_rows = bool(self.rows) and not self.loading
        self.stack.setCurrentWidget(self.table if showing_rows else self.empty)
        self._update_buttons()

    # -- selection and actions ---------------------------------------------------------
    def selected_id(self) -> str | None:
        r = self.table.currentRow()
        item = self.table.item(r, 0) if r >= 0 else None
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def selected_row(self) -> AtRiskRow | None:
        if self.loading:
            return None
        person_id = self.selected_id()
        return next((row for row in self.rows if row.person_id == person_id), None)

    def _update_buttons(self) -> None:
        chosen = self.selected_row() is not None
        self.open_button.setEnabled(chosen)
        self.report_button.setEnabled(chosen and self.can_edit)

    def open_person(self) -> None:
        if (person_id := self.selected_id()) is not None:
            self.sig_open_person.emit(person_id)

    def record_warning(self) -> None:
        """A warning report about this CPMI: kind "nonprosedural", the person filled in."""
        row = self.selected_row()
        if row is None or not self.can_edit:
            return
        from desa_desktop.ui.warning_form import WarningForm

        form = WarningForm(self.ctx, self.runner, None, self,
                           persons=((row.person_id, row.full_name),), kind="nonprosedural")
        form.saved.connect(self.ops.announce)
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.restore_draft()
        form.open()
        self.form = form
