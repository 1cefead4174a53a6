"""The "Cadangan data" dialog: the backups on this laptop, making one, putting one back.

Everything that touches the disk runs on the worker with a progress bar
(``TaskRunner.run_with_progress``), because a backup of a big village on a
slow USB stick takes a while and must never freeze the window. The rules
live in ``services.backup``: this screen only asks, shows and reports.

Putting a backup back replaces the open database, so the dialog closes
afterwards and emits ``restored(path)``: whoever opened it reopens the
database at ``path`` and reloads every view.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desa_desktop.domain.errors import DomainError
from desa_desktop.services import backup
from desa_desktop.services.backup import BackupCancelled, BackupCheck, BackupInfo
from desa_desktop.services.context import ServiceContext
from desa_desktop.services.errors import PermissionDenied
from desa_desktop.ui import dialogs
from desa_desktop.ui.tasks import TaskRunner
from desa_desktop.ui.translator import lookup, tr, trf

_COLUMNS = ("Waktu", "Jenis", "Ukuran")
#: How each reason reads in the list.
REASON_LABELS = {
    "exit": "Keluar aplikasi",
    "daily": "Harian",
    "manual": "Manual",
    "usb": "USB / folder lain",
}
NOT_ADMIN = "Hanya admin yang dapat memulihkan data dari cadangan."


def size_text(size: int) -> str:
    """``1,4 MB`` in the current language's number format."""
    return QLocale().formattedDataSize(size, 1, QLocale.DataSizeFormat.DataSizeTraditionalFormat)


def error_text(err: Exception) -> str:
    """A service error in the current language; anything else as Python says it."""
    return err.translated(lookup) if isinstance(err, DomainError) else str(err)


class BackupDialog(QDialog):
    """The list of backups with the buttons to make one and to put one back."""

    restored = Signal(object)  # Path of the database that was replaced: reopen it
    sig_loaded = Signal(int)  # number of backups listed
    sig_backup_made = Signal(object)  # BackupInfo
    sig_failed = Signal(str)  # the message shown for a failure

    def __init__(self, ctx: ServiceContext, runner: TaskRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.runner = ctx, runner
        self.db_path = ctx.db.path
        self.folder = backup.backup_folder(self.db_path)
        self.backups: list[BackupInfo] = []
        self.busy = False
        self._state = "loading"  # "loading", "loaded", "failed"
        self._note = ""  # the last thing done, shown under the list
        self._select_after_load: Path | None = None
        try:
            backup.require_restore_permission(ctx)
            self.can_restore = True
        except PermissionDenied:
            self.can_restore = False

        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.folder_label = QLabel()
        self.folder_label.setWordWrap(True)
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.folder_label.setStyleSheet("color: palette(placeholder-text);")
        self.table = QTableWidget(0, len(_COLUMNS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(2, 120)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.status = QLabel()
        self.status.setWordWrap(True)

        self.backup_button = QPushButton()
        self.backup_button.setDefault(True)
        self.backup_button.clicked.connect(self.backup_now)
        self.usb_button = QPushButton()
        self.usb_button.clicked.connect(self.backup_to_folder)
        self.restore_button = QPushButton()
        self.restore_button.clicked.connect(self.restore_selected)
        self.restore_file_button = QPushButton()
        self.restore_file_button.clicked.connect(self.restore_from_file)
        self.restore_note = QLabel()
        self.restore_note.setWordWrap(True)
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.reject)

        self.make_box = QGroupBox()
        make_row = QHBoxLayout(self.make_box)
        make_row.addWidget(self.backup_button)
        make_row.addWidget(self.usb_button)
        make_row.addStretch(1)
        self.restore_box = QGroupBox()
        restore_layout = QVBoxLayout(self.restore_box)
        restore_layout.addWidget(self.restore_note)
        restore_row = QHBoxLayout()
        restore_row.addWidget(self.restore_button)
        restore_row.addWidget(self.restore_file_button)
        restore_row.addStretch(1)
        restore_layout.addLayout(restore_row)

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.folder_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.make_box)
        layout.addWidget(self.restore_box)
        closing = QHBoxLayout()
        closing.addStretch(1)
        closing.addWidget(self.close_button)
        layout.addLayout(closing)
        self.resize(780, 600)
        self.retranslate()
        self.load()

    # -- language ----------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(tr("Cadangan data"))
        self.intro.setText(trf(
            "Cadangan adalah salinan seluruh data, terkunci seperti databasenya: hanya dapat "
            "dibuka dengan kata sandi akun atau kunci pemulihan. Aplikasi membuat cadangan "
            "otomatis setiap kali ditutup dan sekali sehari ({keep} yang terbaru disimpan). "
            "Simpan juga cadangan ke flashdisk secara berkala, dan simpan flashdisk itu di "
            "tempat lain.", keep=backup.DEFAULT_KEEP))
        self.folder_label.setText(trf("Folder cadangan: {folder}", folder=str(self.folder)))
        self.table.setHorizontalHeaderLabels([tr(c) for c in _COLUMNS])
        size_header = self.table.horizontalHeaderItem(2)
        size_header.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.make_box.setTitle(tr("Membuat cadangan"))
        self.backup_button.setText(tr("Cadangkan sekarang"))
        self.backup_button.setToolTip(tr("Simpan salinan data sekarang di folder cadangan "
                                         "laptop ini"))
        self.usb_button.setText(tr("Cadangkan ke USB / folder lain…"))
        self.usb_button.setToolTip(tr("Simpan salinan data di flashdisk atau folder yang "
                                      "Anda pilih"))
        self.restore_box.setTitle(tr("Memulihkan data"))
        note = tr("Memulihkan mengganti data saat ini dengan isi cadangan. Data saat ini "
                  "tidak dihapus: disimpan di samping database sebagai berkas "
                  "\u201csebelum-pulih\u201d.")
        if not self.can_restore:  # a greyed button alone does not say why
            note += "\n" + tr(NOT_ADMIN)
        self.restore_note.setText(note)
        self.restore_button.setText(tr("Pulihkan dari cadangan terpilih…"))
        self.restore_file_button.setText(tr("Pulihkan dari berkas lain…"))
        self.restore_file_button.setToolTip(
            tr("Pilih berkas cadangan, misalnya dari flashdisk") if self.can_restore
            else tr(NOT_ADMIN))
        self.close_button.setText(tr("Tutup"))
        self._fill()

    # -- the list ----------------------------------------------------------------------
    def load(self) -> None:
        """Read the backup folder on the worker (a slow disk must not freeze the window)."""
        folder, stem = self.folder, self.db_path.stem
        self._state = "loading"
        self._fill()
        self.runner.run(lambda: backup.list_backups(folder, stem), self._loaded,
                        self._load_failed)

    def _loaded(self, backups: list[BackupInfo]) -> None:
        selected = self.selected()
        target = self._select_after_load or (selected.path if selected else None)
        self._select_after_load = None
        self.backups = list(backups)
        self._state = "loaded"
        self._fill()
        if target is not None:
            self.select_path(target)
        self.sig_loaded.emit(len(self.backups))

    def _load_failed(self, err: Exception) -> None:
        self._state = "failed"
        self._note = trf("Daftar cadangan tidak dapat dibaca: {error}", error=error_text(err))
        self._fill()

    def row_texts(self, info: BackupInfo) -> list[str]:
        """The three cells of one backup, in the current language."""
        return [info.created.strftime("%d/%m/%Y %H.%M"),
                tr(REASON_LABELS.get(info.reason, info.reason)), size_text(info.size)]

    def _fill(self) -> None:
        if self._state == "loading":
            summary = tr("Memuat daftar cadangan…")
        elif self._state == "failed":
            summary = ""
        elif not self.backups:
            summary = tr("Belum ada cadangan di laptop ini.")
        else:
            summary = trf("Cadangan: {n}. Terakhir: {when}.", n=len(self.backups),
                          when=self.backups[0].created.strftime("%d/%m/%Y %H.%M"))
        self.status.setText("\n".join(t for t in (summary, self._note) if t))
        self.table.setRowCount(len(self.backups))
        for row, info in enumerate(self.backups):
            for column, value in enumerate(self.row_texts(info)):
                item = QTableWidgetItem(value)
                if column == 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        self._update_buttons()

    def selected(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.backups):
            return None
        return self.backups[rows[0].row()]

    def select_path(self, path: Path) -> None:
        for row, info in enumerate(self.backups):
            if info.path == path:
                self.table.selectRow(row)
                return

    def _update_buttons(self) -> None:
        idle = not self.busy
        self.backup_button.setEnabled(idle)
        self.usb_button.setEnabled(idle)
        self.restore_file_button.setEnabled(idle and self.can_restore)
        self.restore_button.setEnabled(idle and self.can_restore
                                       and self.selected() is not None)
        if not self.can_restore:
            self.restore_button.setToolTip(tr(NOT_ADMIN))
        elif self.selected() is None:
            self.restore_button.setToolTip(tr("Pilih dulu cadangan di daftar."))
        else:
            self.restore_button.setToolTip(tr("Ganti data saat ini dengan isi cadangan ini"))

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self._update_buttons()

    # -- making backups ----------------------------------------------------------------
    def backup_now(self) -> None:
        """A manual backup into this laptop's backup folder."""
        self._make(None, "manual")

    def backup_to_folder(self) -> None:
        """A backup on a USB stick or any folder the officer picks."""
        chosen = QFileDialog.getExistingDirectory(
            self, tr("Pilih flashdisk atau folder tujuan"), str(Path.home()))
        if chosen:
            self._make(Path(chosen), "usb")

    def _make(self, folder: Path | None, reason: str) -> None:
        db = self.ctx.db
        self._set_busy(True)
        self._note = ""
        self.runner.run_with_progress(
            lambda progress, cancel: backup.make_backup(db, folder, reason=reason,
                                                        progress=progress, cancel=cancel),
            self, tr("Membuat cadangan…"), self._made, self._make_failed)

    def _made(self, info: BackupInfo) -> None:
        self._set_busy(False)
        self.sig_backup_made.emit(info)
        if info.path.parent == self.folder:
            self._note = trf("Cadangan dibuat: {name}", name=info.path.name)
            self._select_after_load = info.path
            self.load()
            return
        self._note = trf("Cadangan disimpan di {path}", path=str(info.path))
        self._fill()
        dialogs.inform(self, tr("Cadangan tersimpan"), trf(
            "Cadangan disimpan di:\n{path}\n\nBerkas kuncinya ({keys}) ikut disimpan di "
            "sampingnya: salin dan simpan keduanya bersama. Cadangan ini dapat dibuka dengan "
            "kata sandi akun yang berlaku sekarang atau dengan kunci pemulihan.",
            path=str(info.path), keys=info.keys_path.name))

    def _make_failed(self, err: Exception) -> None:
        self._set_busy(False)
        if isinstance(err, BackupCancelled):
            self._note = error_text(err)
            self._fill()
            return
        self._show_failure(tr("Cadangan gagal dibuat"), err)

    def _show_failure(self, title: str, err: Exception) -> None:
        text = error_text(err)
        self._note = text
        self._fill()
        self.sig_failed.emit(text)
        dialogs.warn(self, title, text)

    # -- restoring ---------------------------------------------------------------------
    def restore_selected(self) -> None:
        info = self.selected()
        if info is not None and self.can_restore:
            self._check_then_restore(info.path)

    def restore_from_file(self) -> None:
        if not self.can_restore:
            return
        chosen, _filter = QFileDialog.getOpenFileName(
            self, tr("Pilih berkas cadangan"), str(self.folder),
            tr("Cadangan database (*.sqlite3);;Semua berkas (*)"))
        if chosen:
            self._check_then_restore(Path(chosen))

    def _check_then_restore(self, path: Path) -> None:
        """Check the backup first, so the question can say what it holds (or why not)."""
        key = self.ctx.db.key
        self._set_busy(True)
        self._note = tr("Memeriksa cadangan…")
        self._fill()
        self.runner.run(lambda: backup.check_backup(path, key),
                        lambda check: self._checked(path, check),
                        lambda err: self._restore_failed(err))

    def _checked(self, path: Path, check: BackupCheck) -> None:
        self._set_busy(False)
        self._note = ""
        if not check.ok:
            assert check.problem is not None
            self._show_failure(tr("Cadangan tidak dapat dipulihkan"),
                               backup.BackupUnusable(check.problem.template,
                                                     **check.problem.params))
            return
        self._fill()
        answer = dialogs.choose(self, tr("Pulihkan data dari cadangan?"), trf(
            "Data saat ini akan diganti dengan isi cadangan {name}: {persons} orang dan "
            "{households} keluarga.\n\nPerubahan yang dibuat sesudah cadangan itu tidak ada "
            "di data yang dipulihkan. Data saat ini tidak dihapus, tetapi disimpan di samping "
            "database.", name=path.name, persons=check.persons, households=check.households),
            [tr("Pulihkan"), tr("Batal")], default=1, icon=QMessageBox.Icon.Warning)
        if answer != 0:
            return
        ctx = self.ctx
        self._set_busy(True)
        self.runner.run_with_progress(
            lambda progress, cancel: backup.restore_backup(ctx, path, progress=progress,
                                                           cancel=cancel),
            self, tr("Memulihkan data…"), self._restored, self._restore_failed)

    def _restored(self, result: backup.RestoreResult) -> None:
        self._set_busy(False)
        aside = str(result.set_aside) if result.set_aside else "-"
        dialogs.inform(self, tr("Data dipulihkan"), trf(
            "Data dipulihkan dari cadangan. Database sebelumnya disimpan sebagai:\n{aside}",
            aside=aside))
        self.restored.emit(result.db_path)
        self.accept()

    def _restore_failed(self, err: Exception) -> None:
        self._set_busy(False)
        if isinstance(err, BackupCancelled):
            self._note = error_text(err)
            self._fill()
            return
        self._show_failure(tr("Cadangan tidak dapat dipulihkan"), err)
        self.load()
