"""The early-warning page: community reports of calo, dubious offers, risky departures.

A report is a tip, not yet a case. When a tip turns out to need handling
(someone was cheated, someone is gone), "Jadikan kasus" opens a case file
from it, carrying the persons and the story over, and the report row shows
the case number from then on so nobody opens a second case for it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desa_desktop.domain.case_reference import CASE_TYPES, WARNING_ACTION, WARNING_KIND
from desa_desktop.domain.formatting import short_date
from desa_desktop.services import warnings
from desa_desktop.services.context import EDITOR_ROLES, Change, ServiceContext
from desa_desktop.services.warnings import WarningView
from desa_desktop.ui.operations import Operations
from desa_desktop.ui.tasks import TaskRunner
from desa_desktop.ui.translator import tr, trf

COLUMNS = ("Nomor", "Tanggal", "Jenis", "Yang dilihat", "Perekrut", "Tindakan", "Kasus")
COLUMN_WIDTHS = (112, 86, 205, 0, 130, 215, 112)
STORY = 3  # "Yang dilihat" takes the width that is left

#: Case types ticked in advance when a report of this kind becomes a case.
SUGGESTED_TYPES = {"calo": ("penipuan_calo",), "lowongan": ("penipuan_calo",)}


def first_line(text: str) -> str:
    """The first non-empty line: a table row shows one line of the story."""
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    return ""


class CaseTypesDialog(QDialog):
    """A short checklist of case types; "Buat kasus" needs at least one ticked."""

    def __init__(self, number: str, preselect: tuple[str, ...] = (),
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.number = number
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.boxes: dict[str, QCheckBox] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        grid = QGridLayout()  # two columns: sixteen types in one would be a tall strip
        half = (len(CASE_TYPES) + 1) // 2
        for index, code in enumerate(CASE_TYPES):
            box = QCheckBox()
            box.setChecked(code in preselect)
            box.toggled.connect(self._update)
            self.boxes[code] = box
            grid.addWidget(box, index % half, index // half)
        layout.addLayout(grid)
        self.hint = QLabel()
        self.hint.setStyleSheet("color: #555;")
        layout.addWidget(self.hint)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.cancel_button = QPushButton()
        self.ok_button = QPushButton()
        self.ok_button.setDefault(True)
        self.cancel_button.clicked.connect(self.reject)
        self.ok_button.clicked.connect(self.accept)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.ok_button)
        layout.addLayout(buttons)
        self.setMinimumWidth(640)
        self.retranslate()
        self._update()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(tr("Jadikan kasus"))
        self.intro.setText(trf("Laporan {number} akan dibuka sebagai kasus. Pilih jenis "
                               "kasusnya (boleh lebih dari satu):", number=self.number))
        for code, box in self.boxes.items():
            box.setText(tr(CASE_TYPES[code]))
        self.hint.setText(tr("Pilih sedikitnya satu jenis kasus."))
        self.cancel_button.setText(tr("Batal"))
        self.ok_button.setText(tr("Buat kasus"))

    def _update(self, *_: object) -> None:
        chosen = bool(self.types())
        self.ok_button.setEnabled(chosen)
        self.hint.setVisible(not chosen)

    def types(self) -> tuple[str, ...]:
        return tuple(code for code, box in self.boxes.items() if box.isChecked())


def ask_case_types(parent: QWidget | None, number: str,
                   preselect: tuple[str, ...] = ()) -> tuple[str, ...] | None:
    """The case types chosen, or None when the officer cancelled (tests patch this)."""
    dialog = CaseTypesDialog(number, preselect, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.types() or None


class WarningsPage(QWidget):
    """The list of early-warning reports with new / edit / make-a-case."""

    sig_open_case = Signal(str)  # case id

    def __init__(self, ctx: ServiceContext, runner: TaskRunner, ops: Operations,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.runner, self.ops = ctx, runner, ops
        self.rows: list[WarningView] = []
        self.loading = False
        self._reload_again = False
        self._awaiting: tuple[str, str | None] | None = None  # (report id, case id)
        self._message: tuple[str, dict] | None = None
        self.can_edit = bool(ctx.officer and ctx.officer.role in EDITOR_ROLES)

        self.title = QLabel()
        self.title.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet(
            "padding: 6px; border-radius: 4px; background: #e8f4ea; color: #1d5b2a;")
        self.message.hide()
        self.new_button, self.edit_button, self.case_button = (QPushButton() for _ in range(3))
        self.count_label = QLabel()
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(STORY, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(60)
        for column, width in enumerate(COLUMN_WIDTHS):
            if column != STORY:
                self.table.setColumnWidth(column, width)

        buttons = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.case_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.explanation)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)

        self.new_button.clicked.connect(self.new_report)
        self.edit_button.clicked.connect(self.edit_selected)
        self.case_button.clicked.connect(self.make_case)
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        self.table.itemSelectionChanged.connect(self._update_buttons)
        QShortcut(QKeySequence(Qt.Key.Key_Return), self.table, activated=self.edit_selected,
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
        self.title.setText(tr("Laporan peringatan dini"))
        self.explanation.setText(tr(
            "Laporan warga tentang calo, tawaran kerja mencurigakan atau orang yang akan "
            "berangkat nonprosedural. Pelapor boleh tidak menyebutkan nama."))
        self.new_button.setText(tr("&Laporan baru…"))
        self.edit_button.setText(tr("&Ubah…"))
        self.case_button.setText(tr("&Jadikan kasus…"))
        self.case_button.setToolTip(tr("Buka kasus dari laporan yang dipilih"))
        self.table.setHorizontalHeaderLabels([tr(c) for c in COLUMNS])
        self._fill()
        self._render_message()

    # -- loading -----------------------------------------------------------------------
    def refresh(self) -> None:
        """Load the reports again (on the worker)."""
        if self.loading:
            self._reload_again = True
            return
        self.loading = True
        self._show_count()
        ctx = self.ctx
        self.runner.run(lambda: warnings.list_reports(ctx), self._loaded, self._load_failed)

    def _loaded(self, rows: list[WarningView]) -> None:
        self.loading = False
        self.rows = rows
        self._fill()
        if self._reload_again:
            self._reload_again = False
            self.refresh()
            return
        self._case_made()

    def _load_failed(self, err: Exception) -> None:
        self.loading = False
        self._reload_again = False
        self.ops.show_error(err)
        self._show_count()

    def _fill(self) -> None:
        selected = self.selected_id()
        self.table.setRowCount(len(self.rows))
        for r, view in enumerate(self.rows):
            data = view.data
            cells = [view.number, short_date(data.report_date),
                     tr(WARNING_KIND.get(data.kind, data.kind)), first_line(data.what_seen),
                     data.recruiter_name,
                     ", ".join(tr(WARNING_ACTION.get(a, a)) for a in data.actions),
                     view.case_number]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, view.id)
                if c == STORY:
                    item.setToolTip(data.what_seen)
                self.table.setItem(r, c, item)
            if view.id == selected:
                self.table.selectRow(r)
        self._show_count()
        self._update_buttons()

    def _show_count(self) -> None:
        self.count_label.setText(tr("Memuat…") if self.loading
                                 else trf("{n} laporan", n=len(self.rows)))

    # -- selection ---------------------------------------------------------------------
    def selected_id(self) -> str | None:
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 else None
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def selected_view(self) -> WarningView | None:
        report_id = self.selected_id()
        return next((v for v in self.rows if v.id == report_id), None)

    def select_report(self, report_id: str) -> None:
        for r, view in enumerate(self.rows):
            if view.id == report_id:
                self.table.selectRow(r)

    def _update_buttons(self) -> None:
        view = self.selected_view()
        self.new_button.setEnabled(self.can_edit)
        self.edit_button.setEnabled(self.can_edit and view is not None)
        self.case_button.setEnabled(self.can_edit and view is not None and not view.case_id)

    def on_changed(self, change: Change) -> None:
        if change.entity == "case" and change.action == "created" and self._awaiting:
            self._awaiting = (self._awaiting[0], change.ids[0] if change.ids else None)
        if change.entity in ("warning_report", "case", "person"):
            self.refresh()

    # -- messages ----------------------------------------------------------------------
    def show_message(self, template: str | None, **params: object) -> None:
        self._message = None if template is None else (template, params)
        self._render_message()

    def _render_message(self) -> None:
        if self._message is None:
            self.message.hide()
            return
        template, params = self._message
        self.message.setText(trf(template, **params))
        self.message.show()

    # -- actions -----------------------------------------------------------------------
    def _open_form(self, report_id: str | None) -> None:
        from desa_desktop.ui.warning_form import WarningForm

        form = WarningForm(self.ctx, self.runner, report_id, self)
        form.saved.connect(self.ops.announce)
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.restore_draft()
        form.open()
        self.form = form

    def new_report(self) -> None:
        if self.can_edit:
            self._open_form(None)

    def edit_selected(self) -> None:
        if self.can_edit and (report_id := self.selected_id()) is not None:
            self._open_form(report_id)

    def make_case(self) -> None:
        """Ask the case types, then open a case from the selected report (on the worker)."""
        view = self.selected_view()
        if view is None or view.case_id or not self.can_edit:
            return
        types = ask_case_types(self, view.number, SUGGESTED_TYPES.get(view.data.kind, ()))
        if not types:
            return
        self.show_message(None)
        self._awaiting = (view.id, None)
        ctx, report_id = self.ctx, view.id
        self.ops.run(lambda: warnings.make_case(ctx, report_id, types))

    def _case_made(self) -> None:
        """After the reload that follows make_case: name the new case, offer to open it."""
        if self._awaiting is None or self._awaiting[1] is None:
            return
        report_id, case_id = self._awaiting
        self._awaiting = None
        view = next((v for v in self.rows if v.id == report_id), None)
        if view is None or view.case_id != case_id:
            return
        self.show_message("Laporan {report} sudah dijadikan kasus {case}.",
                          report=view.number, case=view.case_number)
        self.ops.sig_message.emit(trf("Laporan {report} sudah dijadikan kasus {case}.",
                                      report=view.number, case=view.case_number))
        self.sig_open_case.emit(case_id)
