"""A person's change history, and the printout of all their data.

Two needs meet here. The kepala desa (and anyone reviewing) can see who
changed a record, when, and how the data was collected, which makes
dishonest data visible. And a villager who asks what the post holds about
them (UU 27/2022) gets it on paper: "Cetak data pribadi (PDF)…" writes the
whole record through ``subject_access.gather_person_data`` and
``reports.person_data``. Both the reading and the printing run on the
worker, so a slow disk never freezes the window.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from PySide6.QtCore import QEvent, QStandardPaths, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desa_desktop.domain.errors import DomainError
from desa_desktop.services import subject_access
from desa_desktop.services.context import ServiceContext
from desa_desktop.services.subject_access import ChangeLine, HistoryLine
from desa_desktop.ui import dialogs
from desa_desktop.ui.tasks import TaskRunner
from desa_desktop.ui.translator import lookup, tr, trf

_COLUMNS = ("Waktu", "Petugas", "Tindakan", "Perubahan")


def default_pdf_name(person_name: str, today: date) -> str:
    """``data-pribadi-siti-aminah-2026-11-22.pdf``: says whose and when, safe on Windows."""
    slug = re.sub(r"[^a-z0-9]+", "-", person_name.lower()).strip("-") or "warga"
    return f"data-pribadi-{slug}-{today.isoformat()}.pdf"


def _value(text: str, coded: bool) -> str:
    return tr(text) if coded or text == subject_access.EMPTY else text


def change_text(change: ChangeLine, show_old: bool) -> str:
    """One field's change in the current language (typed data is never translated)."""
    label = tr(change.label)
    new = _value(change.new, change.coded)
    if not show_old:
        return f"{label}: {new}"
    return f"{label}: {_value(change.old, change.coded)} → {new}"


class HistoryDialog(QDialog):
    """The history table of one person, with the button that prints their data."""

    sig_loaded = Signal(int)  # number of history lines shown
    sig_printed = Signal(str)  # path of the PDF written

    def __init__(self, ctx: ServiceContext, runner: TaskRunner, person_id: str,
                 person_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.runner = ctx, runner
        self.person_id, self.person_name = person_id, person_name
        self.lines: list[HistoryLine] = []
        self._state = "loading"  # "loading", "loaded", "failed"
        self._error = ""

        self.name_label = QLabel(person_name)
        self.name_label.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.name_label.setProperty("data", True)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.table = QTableWidget(0, len(_COLUMNS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        for column in range(len(_COLUMNS) - 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.print_button = QPushButton()
        self.print_button.clicked.connect(self.print_pdf)
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.accept)

        layout = QVBoxLayout(self)
        layout.addWidget(self.name_label)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self.resize(900, 520)
        self.retranslate()
        self.load()

    # -- language ----------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(tr("Riwayat perubahan"))
        self.intro.setText(tr("Siapa mengubah data orang ini, kapan, dan apa yang diubah "
                              "(terbaru di atas). Waktu menurut jam laptop ini."))
        self.table.setHorizontalHeaderLabels([tr(c) for c in _COLUMNS])
        self.print_button.setText(tr("Cetak data pribadi (PDF)…"))
        self.print_button.setToolTip(tr("Seluruh data orang ini untuk diserahkan kepada "
                                        "yang bersangkutan (hak akses data pribadi)"))
        self.close_button.setText(tr("Tutup"))
        self._fill()

    # -- reading -----------------------------------------------------------------------
    def load(self) -> None:
        """Read the history on the worker; the table fills when it arrives."""
        ctx, person_id = self.ctx, self.person_id
        self._state = "loading"
        self._fill()
        self.runner.run(lambda: subject_access.person_history(ctx, person_id),
                        self._loaded, self._load_failed)

    def _loaded(self, lines: list[HistoryLine]) -> None:
        self.lines = list(lines)
        self._state = "loaded"
        self._fill()
        self.sig_loaded.emit(len(self.lines))

    def _load_failed(self, err: Exception) -> None:
        self._state = "failed"
        self._error = err.translated(lookup) if isinstance(err, DomainError) else str(err)
        self._fill()

    def row_texts(self, line: HistoryLine) -> list[str]:
        """The four cells of one history line, in the current language."""
        what = f"{tr(line.entity_label)} {tr(line.action_label)}"
        if line.collection_method:
            what += "\n" + trf("Sumber: {method}", method=tr(line.collection_method))
        show_old = line.action != "create"
        changes = "\n".join(change_text(c, show_old) for c in line.changes) or "-"
        officer = (tr(line.officer_name) if line.officer_name in (
            subject_access.UNKNOWN_OFFICER, subject_access.SYSTEM_LABEL) else line.officer_name)
        return [line.at.strftime("%d/%m/%Y %H.%M"), officer, what, changes]

    def _fill(self) -> None:
        if self._state == "loading":
            self.status.setText(tr("Memuat riwayat…"))
        elif self._state == "failed":
            self.status.setText(trf("Riwayat tidak dapat dibaca: {error}", error=self._error))
        elif not self.lines:
            self.status.setText(tr("Belum ada riwayat perubahan yang tercatat."))
        else:
            self.status.setText(trf("{n} perubahan tercatat.", n=len(self.lines)))
        self.table.setRowCount(len(self.lines))
        for row, line in enumerate(self.lines):
            for column, value in enumerate(self.row_texts(line)):
                item = QTableWidgetItem(value)
                item.setTextAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
                self.table.setItem(row, column, item)
        self.table.resizeRowsToContents()

    # -- printing ----------------------------------------------------------------------
    def _default_path(self) -> str:
        folder = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
        return str(Path(folder) / default_pdf_name(self.person_name, self.ctx.today()))

    def print_pdf(self) -> None:
        """Ask where to save, then gather and write the PDF on the worker."""
        chosen, _filter = QFileDialog.getSaveFileName(
            self, tr("Simpan data pribadi sebagai PDF"), self._default_path(),
            tr("Berkas PDF (*.pdf)"))
        if not chosen:
            return
        path = Path(chosen)
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        ctx, person_id = self.ctx, self.person_id
        self.print_button.setEnabled(False)
        self.status.setText(tr("Menyiapkan PDF…"))

        def work() -> Path:
            from desa_desktop.reports.person_data import render_person_data

            written = render_person_data(path, subject_access.gather_person_data(ctx, person_id))
            subject_access.record_printout(ctx, person_id)
            return written

        self.runner.run(work, self._printed, self._print_failed)

    def _printed(self, path: Path) -> None:
        self.print_button.setEnabled(True)
        self.load()  # the printout is now part of the history
        self.sig_printed.emit(str(path))
        choice = dialogs.choose(
            self, tr("PDF tersimpan"),
            trf("Data pribadi disimpan di:\n{path}\n\nBerkas ini berisi data pribadi: "
                "serahkan hanya kepada yang bersangkutan dan hapus salinan yang tidak "
                "diperlukan.", path=str(path)),
            [tr("Buka PDF"), tr("Tutup")])
        if choice == 0:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def _print_failed(self, err: Exception) -> None:
        self.print_button.setEnabled(True)
        self._fill()
        if isinstance(err, DomainError):
            text = err.translated(lookup)
        elif isinstance(err, OSError):
            text = trf("Berkas tidak dapat ditulis. Bila berkas itu sedang dibuka di penampil "
                       "PDF, tutup dulu lalu coba lagi.\n({error})", error=err)
        else:
            text = str(err)
        dialogs.warn(self, tr("PDF tidak dapat dibuat"), text)
