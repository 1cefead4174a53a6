"""The tabs of a case file besides its main data: persons, timeline, attachments,
follow-ups and consent.

Each tab shows one part of ``cases.CaseDetail`` and changes it through its
own service call (an entry in the timeline is saved when it is added, not
with the case form), so nothing typed there waits for a second "Simpan".
The dialog gives every tab an ``act`` function that runs the call on the
worker and shows its errors in the tab.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desa_desktop.domain.case_reference import ACTION_KIND
from desa_desktop.domain.formatting import short_date
from desa_desktop.services import accounts, case_timeline, cases, follow_ups
from desa_desktop.services.cases import CaseDetail
from desa_desktop.services.context import Change, ServiceContext
from desa_desktop.ui import dialogs
from desa_desktop.ui.translator import tr, trf
from desa_desktop.ui.widgets import CodeCombo, DateField, ErrorLabel

#: act(service call, error line of the tab, what to do after success)
Act = Callable[[Callable[[], Change], ErrorLabel, Callable[[], None] | None], None]


def make_table(columns: int) -> QTableWidget:
    table = QTableWidget(0, columns)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(24)
    table.horizontalHeader().setStretchLastSection(True)
    table.setWordWrap(False)
    return table


def fill_table(table: QTableWidget, rows: list[tuple[str, list[str]]]) -> None:
    table.setRowCount(len(rows))
    for r, (record_id, cells) in enumerate(rows):
        for c, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, record_id)
            table.setItem(r, c, item)
    table.resizeColumnsToContents()


def selected_id(table: QTableWidget) -> str | None:
    item = table.item(table.currentRow(), 0) if table.currentRow() >= 0 else None
    return item.data(Qt.ItemDataRole.UserRole) if item and table.selectedItems() else None


def human_size(size: int) -> str:
    """1536 -> '1,5 KB': sizes as Indonesians write decimals."""
    if size < 1024:
        return f"{size} B"
    value, unit = size / 1024, "KB"
    if value >= 1024:
        value, unit = value / 1024, "MB"
    return f"{value:.1f}".replace(".", ",") + f" {unit}"


class ActionLine(QLineEdit):
    """A line whose Enter runs its row's action and goes no further (not "Simpan")."""

    sig_enter = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            self.sig_enter.emit()
            return
        super().keyPressEvent(event)


def plain_buttons(*buttons: QPushButton) -> None:
    """Buttons inside a tab never become the dialog's Enter button."""
    for button in buttons:
        button.setAutoDefault(False)


class CaseTab(QWidget):
    """Common parts: the case it shows, its error line, read-only switch."""

    headers: tuple[str, ...] = ()

    def __init__(self, ctx: ServiceContext, act: Act, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.act = ctx, act
        self.case_id: str | None = None
        self.error = ErrorLabel()
        self.table = make_table(len(self.headers)) if self.headers else None
        self.editors: list[QWidget] = []

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        if self.table is not None:
            self.table.setHorizontalHeaderLabels([tr(h) for h in self.headers])

    def set_read_only(self, read_only: bool) -> None:
        for widget in self.editors:
            widget.setVisible(not read_only)

    def show_detail(self, detail: CaseDetail) -> None:
        self.case_id = detail.id

    def run(self, fn: Callable[[], Change], after: Callable[[], None] | None = None) -> None:
        self.error.show_message("")
        self.act(fn, self.error, after)


class TimelineTab(CaseTab):
    """What was done, newest first; new entries are added at the bottom."""

    headers = ("Tanggal", "Jenis", "Ringkasan", "Petugas", "Diketik")

    def __init__(self, ctx: ServiceContext, act: Act, parent: QWidget | None = None) -> None:
        super().__init__(ctx, act, parent)
        self.date = DateField()
        self.date.setMaximumWidth(110)
        self.kind = CodeCombo(ACTION_KIND)
        self.summary = ActionLine()
        self.add_button = QPushButton()
        self.add_label = QLabel()
        add_row = QHBoxLayout()
        add_row.addWidget(self.date)
        add_row.addWidget(self.kind)
        add_row.addWidget(self.summary, 1)
        add_row.addWidget(self.add_button)
        self.add_box = QWidget()
        box = QVBoxLayout(self.add_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.add_label)
        box.addLayout(add_row)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.add_box)
        layout.addWidget(self.error)
        self.editors = [self.add_box]
        self.summary.sig_enter.connect(self.add_entry)
        plain_buttons(self.add_button)
        self.add_button.clicked.connect(self.add_entry)
        self.date.set_value(ctx.today())
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.add_label.setText(tr("Catat langkah baru (tanggal, jenis, ringkasan):"))
        self.summary.setPlaceholderText(tr("Apa yang dilakukan dan hasilnya"))
        self.add_button.setText(tr("Tambah ke linimasa"))

    def show_detail(self, detail: CaseDetail) -> None:
        super().show_detail(detail)
        fill_table(self.table, [(a.id, [short_date(a.action_date),
                                        tr(ACTION_KIND.get(a.kind, a.kind)), a.summary,
                                        a.officer_name, short_date(a.typed_at.date())])
                                for a in detail.actions])

    def add_entry(self) -> None:
        if self.case_id is None:
            return
        try:
            day = self.date.value() or self.ctx.today()
        except ValueError as err:
            self.error.show_message(str(err))
            return
        ctx, case_id, kind, summary = self.ctx, self.case_id, self.kind.code(), \
            self.summary.text().strip()
        self.run(lambda: case_timeline.add_action(ctx, case_id, action_date=day, kind=kind,
                                                  summary=summary),
                 self.summary.clear)


class AttachmentsTab(CaseTab):
    """Scans and photos kept inside the encrypted database, with a fingerprint."""

    headers = ("Nama berkas", "Ukuran", "SHA-256", "Keterangan", "Ditambahkan")

    def __init__(self, ctx: ServiceContext, act: Act, parent: QWidget | None = None) -> None:
        super().__init__(ctx, act, parent)
        self.detail: CaseDetail | None = None
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.add_button, self.save_button, self.remove_button = (QPushButton() for _ in range(3))
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        row.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.error)
        self.editors = [self.add_button, self.remove_button]
        self.add_button.clicked.connect(self.add_file)
        self.save_button.clicked.connect(self.save_copy)
        self.remove_button.clicked.connect(self.remove_selected)
        plain_buttons(self.add_button, self.save_button, self.remove_button)
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.note.setText(tr("Berkas disimpan terenkripsi di dalam basis data (paling besar "
                             "25 MB). Sidik SHA-256 menunjukkan bahwa berkas tidak berubah."))
        self.add_button.setText(tr("Tambah berkas…"))
        self.save_button.setText(tr("Simpan salinan…"))
        self.remove_button.setText(tr("Hapus berkas"))

    def show_detail(self, detail: CaseDetail) -> None:
        super().show_detail(detail)
        self.detail = detail
        fill_table(self.table, [(a.id, [a.file_name, human_size(a.size), a.sha256[:12],
                                        a.description, short_date(a.added_at.date())])
                                for a in detail.attachments])

    def add_file(self) -> None:
        if self.case_id is None:
            return
        name, _filter = QFileDialog.getOpenFileName(self, tr("Pilih berkas lampiran"))
        if not name:
            return
        ctx, case_id, path = self.ctx, self.case_id, Path(name)
        self.run(lambda: case_timeline.add_attachment(ctx, case_id, path))

    def save_copy(self) -> None:
        attachment_id = selected_id(self.table)
        if attachment_id is None:
            return
        file_name = self.table.item(self.table.currentRow(), 0).text()
        target, _filter = QFileDialog.getSaveFileName(self, tr("Simpan salinan lampiran"),
                                                      file_name)
        if not target:
            return
        ctx, path = self.ctx, Path(target)
        self.error.show_message("")
        self.act(lambda: case_timeline.save_attachment(ctx, attachment_id, path),  # type: ignore[arg-type,return-value]
                 self.error, None)

    def remove_selected(self) -> None:
        attachment_id = selected_id(self.table)
        if attachment_id is None:
            return
        file_name = self.table.item(self.table.currentRow(), 0).text()
        choice = dialogs.choose(self, tr("Hapus berkas"),
                                trf("Hapus lampiran {name} dari kasus ini?", name=file_name),
                                [tr("Hapus"), tr("Batal")], default=1)
        if choice == 0:
            ctx = self.ctx
            self.run(lambda: case_timeline.remove_attachment(ctx, attachment_id))


class FollowUpsTab(CaseTab):
    """Dates by which something must be checked again, and who will do it."""

    headers = ("Jatuh tempo", "Petugas", "Selesai", "Catatan")

    def __init__(self, ctx: ServiceContext, act: Act, parent: QWidget | None = None) -> None:
        super().__init__(ctx, act, parent)
        self.due = DateField()
        self.due.setMaximumWidth(110)
        self.note = ActionLine()
        self.officer = QComboBox()
        self.officer.setProperty("data_items", True)
        for o in accounts.list_officers(ctx.db):
            self.officer.addItem(o.full_name, o.id)
        self.officer.setCurrentIndex(max(self.officer.findData(ctx.officer_id), 0))
        self.add_button, self.done_button = QPushButton(), QPushButton()
        self.add_label = QLabel()
        add_row = QHBoxLayout()
        add_row.addWidget(self.due)
        add_row.addWidget(self.note, 1)
        add_row.addWidget(self.officer)
        add_row.addWidget(self.add_button)
        self.add_box = QWidget()
        box = QVBoxLayout(self.add_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.add_label)
        box.addLayout(add_row)
        done_row = QHBoxLayout()
        done_row.addStretch(1)
        done_row.addWidget(self.done_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(done_row)
        layout.addWidget(self.add_box)
        layout.addWidget(self.error)
        self.editors = [self.add_box, self.done_button]
        self.add_button.clicked.connect(self.add_item)
        self.note.sig_enter.connect(self.add_item)
        plain_buttons(self.add_button, self.done_button)
        self.done_button.clicked.connect(self.complete_selected)
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.add_label.setText(tr("Tindak lanjut baru (jatuh tempo, catatan, petugas):"))
        self.note.setPlaceholderText(tr("Apa yang harus diperiksa atau dikerjakan"))
        self.add_button.setText(tr("Tambah tindak lanjut"))
        self.done_button.setText(tr("Tandai selesai"))

    def show_detail(self, detail: CaseDetail) -> None:
        super().show_detail(detail)
        fill_table(self.table, [(f.id, [short_date(f.due_date), f.assigned_officer_name,
                                        short_date(f.done_on), f.note])
                                for f in detail.follow_ups])

    def add_item(self) -> None:
        if self.case_id is None:
            return
        try:
            due = self.due.value()
        except ValueError as err:
            self.error.show_message(str(err))
            return
        if due is None:
            self.error.show_message(tr("Isi tanggal jatuh tempo tindak lanjut."))
            return
        ctx, case_id, note = self.ctx, self.case_id, self.note.text().strip()
        officer_id = self.officer.currentData()

        def after() -> None:
            self.note.clear()
            self.due.clear()

        self.run(lambda: follow_ups.add_follow_up(ctx, due_date=due, note=note, case_id=case_id,
                                                  assigned_officer_id=officer_id), after)

    def complete_selected(self) -> None:
        follow_up_id = selected_id(self.table)
        if follow_up_id is not None:
            ctx = self.ctx
            self.run(lambda: follow_ups.complete_follow_up(ctx, follow_up_id))


class ConsentTab(CaseTab):
    """The person's consent to be referred and to have their data shared."""

    def __init__(self, ctx: ServiceContext, act: Act, parent: QWidget | None = None) -> None:
        super().__init__(ctx, act, parent)
        self.why = QLabel()
        self.why.setWordWrap(True)
        self.referral = QCheckBox()
        self.sharing = QCheckBox()
        self.given_by = QLineEdit()
        self.on = DateField()
        self.on.setMaximumWidth(110)
        self.given_by_label, self.on_label = QLabel(), QLabel()
        self.given_by_label.setBuddy(self.given_by)
        self.on_label.setBuddy(self.on)
        self.save_button = QPushButton()
        form = QFormLayout()
        form.addRow(self.referral)
        form.addRow(self.sharing)
        form.addRow(self.given_by_label, self.given_by)
        form.addRow(self.on_label, self.on)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.why)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addLayout(row)
        layout.addStretch(1)
        self.editors = [self.save_button]
        self.save_button.clicked.connect(self.save)
        plain_buttons(self.save_button)
        self.retranslate()

    def retranslate(self) -> None:
        self.why.setText(tr(
            "Surat rujukan membawa nama dan cerita orang yang bersangkutan ke lembaga lain. "
            "Karena itu, sebelum surat rujukan dibuat, orang tersebut (atau keluarganya) "
            "harus setuju dirujuk dan setuju datanya dibagikan kepada lembaga tujuan."))
        self.referral.setText(tr("Setuju &dirujuk ke lembaga lain"))
        self.sharing.setText(tr("Setuju data &dibagikan kepada lembaga tujuan"))
        self.given_by_label.setText(tr("Persetujuan &diberikan oleh"))
        self.on_label.setText(tr("&Tanggal persetujuan"))
        self.save_button.setText(tr("Simpan persetujuan"))

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        for widget in (self.referral, self.sharing, self.given_by, self.on):
            widget.setEnabled(not read_only)

    def show_detail(self, detail: CaseDetail) -> None:
        super().show_detail(detail)
        self.referral.setChecked(bool(detail.consent_referral))
        self.sharing.setChecked(bool(detail.consent_data_sharing))
        self.given_by.setText(detail.consent_given_by)
        self.on.set_value(detail.consent_on or self.ctx.today())

    def save(self) -> None:
        if self.case_id is None:
            return
        try:
            on = self.on.value() or self.ctx.today()
        except ValueError as err:
            self.error.show_message(str(err))
            return
        ctx, case_id = self.ctx, self.case_id
        referral, sharing = self.referral.isChecked(), self.sharing.isChecked()
        given_by = self.given_by.text().strip()
        self.run(lambda: cases.record_consent(ctx, case_id, referral=referral,
                                              data_sharing=sharing, given_by=given_by, on=on))
