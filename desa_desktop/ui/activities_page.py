"""The activities of the post: socialisation meetings, trainings, community parenting.

A list filtered by period, kind and words, the selected activity's attendance
list below it, and the two printouts the work needs: the attendance sheet
(printed before the meeting, signed during it) and the participation report
over the period shown (PDF for the file, XLSX for the district's Excel).
Deleting goes to the bin with undo (Ctrl+Z), like persons.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QUndoCommand
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desa_desktop.domain.formatting import short_date, thousands
from desa_desktop.domain.ledger_reference import ACTIVITY_KIND, PRESENCE
from desa_desktop.services import activities
from desa_desktop.services.activities import ActivityFilter, ActivityView, AttendeeView
from desa_desktop.services.context import EDITOR_ROLES, Change, ServiceContext
from desa_desktop.ui import activity_exports
from desa_desktop.ui.activity_dialog import ActivityDialog
from desa_desktop.ui.operations import Operations
from desa_desktop.ui.referrals_panel import make_table
from desa_desktop.ui.tasks import TaskRunner
from desa_desktop.ui.translator import tr, trf
from desa_desktop.ui.widgets import DateField, ErrorLabel

COLUMNS = ("Tanggal", "Jam", "Jenis", "Topik", "Tempat", "Mitra / fasilitator", "Diundang",
           "Hadir", "Tidak terdaftar", "Jumlah hadir")
PERIODS = {"semua": "Semua waktu", "tahun": "Tahun ini", "bulan": "Bulan ini",
           "3bulan": "3 bulan terakhir", "tahun_lalu": "Tahun lalu", "pilih": "Pilih tanggal"}
SEARCH_DELAY_MS = 250


def period_bounds(code: str, today: date) -> tuple[date | None, date | None]:
    """The dates of a period preset ("pilih" and "semua" leave both open)."""
    if code == "tahun":
        return date(today.year, 1, 1), date(today.year, 12, 31)
    if code == "bulan":
        start = today.replace(day=1)
        following = date(start.year + start.month // 12, start.month % 12 + 1, 1)
        return start, date.fromordinal(following.toordinal() - 1)
    if code == "3bulan":
        month = today.month - 2
        year = today.year - (1 if month < 1 else 0)
        return date(year, (month - 1) % 12 + 1, 1), today
    if code == "tahun_lalu":
        return date(today.year - 1, 1, 1), date(today.year - 1, 12, 31)
    return None, None


class _DeleteCommand(QUndoCommand):
    """Delete an activity on redo, restore it on undo (the row is a tombstone meanwhile)."""

    def __init__(self, ops: Operations, activity_id: str, label: str) -> None:
        super().__init__(label)
        self.ops, self.activity_id = ops, activity_id

    def redo(self) -> None:
        ctx, activity_id = self.ops.ctx, self.activity_id
        self.ops.run(lambda: activities.delete_activity(ctx, activity_id))

    def undo(self) -> None:
        ctx, activity_id = self.ops.ctx, self.activity_id
        self.ops.run(lambda: activities.restore_activity(ctx, activity_id))


class ActivitiesPage(QWidget):
    """List, filters, attendance of the selected activity, and the printouts."""

    def __init__(self, ctx: ServiceContext, runner: TaskRunner, ops: Operations,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.runner, self.ops = ctx, runner, ops
        self.rows: list[ActivityView] = []
        self.attendees: list[AttendeeView] = []
        self._select_after: str | None = None
        self._build()
        self.retranslate()
        self.period.setCurrentIndex(list(PERIODS).index("tahun"))
        self._period_chosen()

    def _build(self) -> None:
        self.period = QComboBox()
        for code in PERIODS:
            self.period.addItem("", code)
        self.from_label, self.to_label, self.kind_label = QLabel(), QLabel(), QLabel()
        self.date_from, self.date_to = DateField(), DateField()
        for field in (self.date_from, self.date_to):
            field.setMaximumWidth(110)
        self.kind = QComboBox()
        self.kind.addItem("", "")
        for code in ACTIVITY_KIND:
            self.kind.addItem("", code)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.filter_error = ErrorLabel()
        filters = QHBoxLayout()
        for widget in (self.period, self.from_label, self.date_from, self.to_label,
                       self.date_to, self.kind_label, self.kind):
            filters.addWidget(widget)
        filters.addWidget(self.search, 1)

        self.add_button, self.edit_button, self.delete_button = (QPushButton() for _ in range(3))
        self.sheet_button, self.report_button = QPushButton(), QPushButton()
        self.sheet_menu, self.report_menu = QMenu(self), QMenu(self)
        self.print_sheet_action = self.sheet_menu.addAction("", self.print_sheet)
        self.save_sheet_action = self.sheet_menu.addAction("", self.save_sheet)
        self.report_pdf_action = self.report_menu.addAction("", lambda: self.save_report("pdf"))
        self.report_xlsx_action = self.report_menu.addAction("",
                                                             lambda: self.save_report("xlsx"))
        self.sheet_button.setMenu(self.sheet_menu)
        self.report_button.setMenu(self.report_menu)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.sheet_button)
        buttons.addWidget(self.report_button)

        self.table = make_table(len(COLUMNS))
        self.table.setProperty("data", True)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)  # the topic takes the rest
        self.detail_title = QLabel()
        self.detail_title.setWordWrap(True)
        self.detail_title.setProperty("data", True)
        self.attendee_table = make_table(3)
        self.attendee_table.setProperty("data", True)
        self.attendee_table.horizontalHeader().setStretchLastSection(False)
        self.attendee_table.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.Stretch)
        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(self.detail_title)
        detail_layout.addWidget(self.attendee_table, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(detail)
        self.splitter.setSizes([380, 200])
        self.count_label = QLabel()

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.filter_error)
        layout.addLayout(buttons)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.count_label)

        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.period.activated.connect(lambda _i: self._period_chosen())
        self.kind.activated.connect(lambda _i: self.refresh())
        for field in (self.date_from, self.date_to):
            field.editingFinished.connect(self._dates_typed)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.ops.changed.connect(self.on_changed)

    @property
    def editor(self) -> bool:
        return self.ctx.officer is not None and self.ctx.officer.role in EDITOR_ROLES

    def closeEvent(self, event: QCloseEvent) -> None:
        """A pending search must not run after the page is gone."""
        self._search_timer.stop()
        super().closeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        for index, label in enumerate(PERIODS.values()):
            self.period.setItemText(index, tr(label))
        self.kind.setItemText(0, tr("Semua jenis"))
        for index, label in enumerate(ACTIVITY_KIND.values(), start=1):
            self.kind.setItemText(index, tr(label))
        self.from_label.setText(tr("Dari"))
        self.to_label.setText(tr("sampai"))
        self.kind_label.setText(tr("Jenis"))
        self.search.setPlaceholderText(tr("Cari topik, tempat, mitra atau fasilitator…"))
        self.add_button.setText(tr("&Kegiatan baru"))
        self.edit_button.setText(tr("&Ubah / catat kehadiran"))
        self.delete_button.setText(tr("Hapus"))
        self.sheet_button.setText(tr("&Daftar hadir"))
        self.report_button.setText(tr("&Laporan kehadiran"))
        self.print_sheet_action.setText(tr("Cetak daftar hadir…"))
        self.save_sheet_action.setText(tr("Simpan daftar hadir sebagai PDF…"))
        self.report_pdf_action.setText(tr("Simpan laporan sebagai PDF…"))
        self.report_xlsx_action.setText(tr("Simpan laporan sebagai Excel (XLSX)…"))
        self.table.setHorizontalHeaderLabels([tr(c) for c in COLUMNS])
        self.attendee_table.setHorizontalHeaderLabels([tr(c) for c in ("Nama", "Alamat",
                                                                         "Kehadiran")])
        self._fill()

    # -- filters and loading -----------------------------------------------------------
    def _period_chosen(self) -> None:
        start, end = period_bounds(self.period.currentData(), self.ctx.today())
        if self.period.currentData() != "pilih":
            self.date_from.set_value(start)
            self.date_to.set_value(end)
        self.refresh()

    def _dates_typed(self) -> None:
        self.period.setCurrentIndex(list(PERIODS).index("pilih"))
        self.refresh()

    def current_filter(self) -> ActivityFilter | None:
        """The filters as typed; None (with the reason shown) when a date cannot be read."""
        try:
            start, end = self.date_from.value(), self.date_to.value()
        except ValueError as err:
            self.filter_error.show_message(str(err))
            return None
        if start and end and start > end:
            self.filter_error.show_message(tr("Tanggal awal periode tidak boleh sesudah "
                                              "tanggal akhir."))
            return None
        self.filter_error.show_message("")
        return ActivityFilter(start, end, self.kind.currentData() or "", self.search.text())

    def refresh(self) -> None:
        flt = self.current_filter()
        if flt is None:
            return
        ctx = self.ctx
        self.runner.run(lambda: activities.list_activities(ctx, flt),
                        activity_exports.alive(self, self._loaded), self.ops.show_error)

    def _loaded(self, rows: list[ActivityView]) -> None:
        self.rows = rows
        self._fill()

    def _fill(self) -> None:
        keep = self._select_after or (self.selected().id if self.selected() else None)
        self._select_after = None
        today = self.ctx.today()
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.rows))
        for r, a in enumerate(self.rows):
            if a.activity_date > today:
                counts = [tr("terjadwal"), "", ""]
            elif not a.recorded:
                counts = [tr("belum dicatat"), "", ""]
            else:
                counts = [thousands(a.registered_present), thousands(a.unregistered_count),
                          thousands(a.total_present)]
            partner = " / ".join(x for x in (a.partner, a.facilitator) if x)
            cells = [short_date(a.activity_date), a.start_time,
                     tr(ACTIVITY_KIND.get(a.kind, a.kind)), a.topic, a.place, partner,
                     thousands(a.invited), *counts]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, a.id)
                if c >= 6:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                if c in (3, 5) and text:
                    item.setToolTip(text)
                self.table.setItem(r, c, item)
        for column in range(len(COLUMNS)):
            if column != 3:  # the topic stretches (resizing it would undo that)
                self.table.resizeColumnToContents(column)
        for column, most in ((2, 170), (4, 140), (5, 170)):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), most))
        self.table.clearSelection()
        for r, a in enumerate(self.rows):
            if a.id == keep:
                self.table.selectRow(r)
        self.table.blockSignals(False)
        total = sum(a.total_present for a in self.rows)
        self.count_label.setText(trf("{n} kegiatan, {people} kehadiran tercatat",
                                     n=len(self.rows), people=thousands(total)))
        self._selection_changed()

    def selected(self) -> ActivityView | None:
        if not self.table.selectionModel().hasSelection():
            return None
        item = self.table.item(self.table.currentRow(), 0)
        activity_id = item.data(Qt.ItemDataRole.UserRole) if item else None
        return next((a for a in self.rows if a.id == activity_id), None)

    def _selection_changed(self) -> None:
        activity = self.selected()
        self.edit_button.setEnabled(self.editor and activity is not None)
        self.delete_button.setEnabled(self.editor and activity is not None)
        self.sheet_button.setEnabled(activity is not None)
        self.add_button.setEnabled(self.editor)
        if activity is None:
            self.attendees = []
            self._show_attendees(None)
            return
        ctx, activity_id = self.ctx, activity.id
        self.runner.run(lambda: activities.list_attendees(ctx, activity_id),
                        activity_exports.alive(
                            self, lambda rows: self._attendees_loaded(activity_id, rows)),
                        lambda _err: None)  # deleted meanwhile: the list refreshes anyway

    def _attendees_loaded(self, activity_id: str, rows: list[AttendeeView]) -> None:
        current = self.selected()
        if current is not None and current.id == activity_id:
            self.attendees = rows
            self._show_attendees(current)

    def _show_attendees(self, activity: ActivityView | None) -> None:
        if activity is None:
            self.detail_title.setText(tr("Pilih kegiatan untuk melihat daftar hadirnya."))
            self.attendee_table.setRowCount(0)
            return
        lines = [f"{short_date(activity.activity_date)} · {activity.topic}"]
        if activity.notes:
            lines.append(activity.notes)
        self.detail_title.setText("\n".join(lines))
        future = activity.activity_date > self.ctx.today()
        self.attendee_table.setRowCount(len(self.attendees))
        for r, person in enumerate(self.attendees):
            state = tr("Diundang") if future else tr(PRESENCE[person.present])
            for c, text in enumerate((person.full_name, person.address or "-", state)):
                self.attendee_table.setItem(r, c, QTableWidgetItem(text))
        for column in (0, 2):  # the address stretches (resizing it would undo that)
            self.attendee_table.resizeColumnToContents(column)

    def select_activity(self, activity_id: str) -> None:
        for r in range(self.table.rowCount()):
            if self.table.item(r, 0).data(Qt.ItemDataRole.UserRole) == activity_id:
                self.table.selectRow(r)
                return

    def on_changed(self, change: Change) -> None:
        if change.entity in ("activity", "person", "institution", "business_group"):
            if change.entity == "activity" and change.action in ("created", "restored"):
                self._select_after = change.ids[0]
            self.refresh()

    # -- actions -------------------------------------------------------------------------
    def _open(self, dialog: ActivityDialog) -> None:
        dialog.saved.connect(self.ops.announce)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.restore_draft()
        dialog.open()

    def add(self) -> None:
        if self.editor:
            self._open(ActivityDialog(self.ctx, self.runner, None, self))

    def edit_selected(self) -> None:
        if (activity := self.selected()) is not None and self.editor:
            self._open(ActivityDialog(self.ctx, self.runner, activity, self))

    def delete_selected(self) -> None:
        """To the bin at once; Ctrl+Z (the main window's undo) brings it back."""
        if (activity := self.selected()) is None or not self.editor:
            return
        label = trf("Kegiatan {topic}", topic=activity.topic)
        self.ops.undo_stack.push(_DeleteCommand(self.ops, activity.id, label))
        self.ops.sig_message.emit(trf("{what} dipindahkan ke tempat sampah. Tekan Ctrl+Z untuk "
                                      "membatalkan.", what=label))

    def save_sheet(self) -> None:
        if (activity := self.selected()) is not None:
            activity_exports.save_sheet(self, self.ctx, self.runner, activity)

    def print_sheet(self) -> None:
        if (activity := self.selected()) is not None:
            activity_exports.print_sheet(self, self.ctx, self.runner, activity)

    def save_report(self, kind: str) -> None:
        """The participation report over the period and kind the list shows."""
        if (flt := self.current_filter()) is not None:
            activity_exports.save_report(self, self.ctx, self.runner, flt, kind)
