"""The kop surat: the lines at the top of every letter, the logo, the signer.

Changing it affects only letters issued afterwards; letters already issued
keep what they were signed with.
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desa_desktop.services import letterhead
from desa_desktop.services.context import Change, ServiceContext
from desa_desktop.services.letterhead import Letterhead
from desa_desktop.ui.form_base import RecordForm
from desa_desktop.ui.tasks import TaskRunner
from desa_desktop.ui.translator import tr

LOGO_PREVIEW = 72


class LogoField(QWidget):
    """A logo file: its path, a small preview, and buttons to choose or remove it."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = QLineEdit()
        self.path.setReadOnly(True)
        self.path.setProperty("data", True)
        self.preview = QLabel()
        self.preview.setFixedSize(LOGO_PREVIEW, LOGO_PREVIEW)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setStyleSheet("border: 1px solid #ccc; color: #777;")
        self.preview.setWordWrap(True)
        self.choose_button, self.clear_button = QPushButton(), QPushButton()
        self.choose_button.clicked.connect(self.choose)
        self.clear_button.clicked.connect(lambda: self.set_state(""))
        self.clear_button.clicked.connect(self.changed.emit)
        right = QVBoxLayout()
        right.addWidget(self.path)
        buttons = QHBoxLayout()
        buttons.addWidget(self.choose_button)
        buttons.addWidget(self.clear_button)
        buttons.addStretch(1)
        right.addLayout(buttons)
        right.addStretch(1)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.preview, 0, Qt.AlignmentFlag.AlignTop)
        row.addLayout(right, 1)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.retranslate()

    def retranslate(self) -> None:
        self.choose_button.setText(tr("Pilih &logo…"))
        self.clear_button.setText(tr("Pakai logo bawaan"))
        self.path.setPlaceholderText(tr("Logo bawaan (bila ada)"))
        self._show()

    def choose(self) -> None:
        start = self.path.text() or str(Path.home())
        name, _filter = QFileDialog.getOpenFileName(
            self, tr("Pilih berkas logo"), start, tr("Gambar (*.png *.jpg *.jpeg)"))
        if name:
            self.set_state(name)
            self.changed.emit()

    def get_state(self) -> str:
        return self.path.text()

    def set_state(self, value: Any) -> None:
        self.path.setText(str(value or ""))
        self._show()

    def _show(self) -> None:
        # An empty path prints the logo bundled in resources/: preview that one.
        source = self.path.text() or letterhead.default_logo()
        pixmap = QPixmap(source) if source else QPixmap()
        if pixmap.isNull():
            self.preview.setPixmap(QPixmap())
            self.preview.setText(tr("Berkas tidak dapat dibaca") if self.path.text()
                                 else tr("Tanpa logo"))
        else:
            self.preview.setText("")
            self.preview.setPixmap(pixmap.scaled(
                LOGO_PREVIEW - 4, LOGO_PREVIEW - 4, Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation))


class LetterheadDialog(RecordForm):
    """Edit the letterhead, the signer and the unit code of the letter numbers."""

    def __init__(self, ctx: ServiceContext, runner: TaskRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, runner, "letterhead", parent)
        self.write_values(asdict(letterhead.get_letterhead(ctx)))
        self.resize(680, 540)
        self.fields["regency_line"].setFocus()

    def title(self) -> str:
        return tr("Kop surat dan penanda tangan")

    def build(self) -> None:
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #555;")
        self.form.addRow(self.note)
        self.add_field("regency_line", "Baris &1 (kabupaten)", QLineEdit())
        self.add_field("district_line", "Baris &2 (kecamatan)", QLineEdit())
        self.add_field("village_line", "Baris &3 (desa)", QLineEdit())
        address = QPlainTextEdit()
        address.setTabChangesFocus(True)
        address.setFixedHeight(52)
        address.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.add_field("address", "&Alamat", address)
        logo = LogoField()
        self.add_field("logo_path", "Lo&go", logo)
        logo.changed.connect(self.mark_dirty)
        self.add_field("signer_title", "&Jabatan penanda tangan", QLineEdit())
        self.add_field("signer_name", "&Nama penanda tangan", QLineEdit())
        self.add_field("place", "&Tempat surat dibuat", QLineEdit())
        self.add_field("unit_code", "&Kode unit di nomor surat", QLineEdit())
        self.finish_fields([*(w for n, w in self.fields.items() if n != "logo_path"),
                            logo.choose_button])

    def retranslate_fields(self) -> None:
        self.note.setText(tr("Perubahan hanya berlaku untuk surat yang diterbitkan sesudahnya; "
                             "surat yang sudah terbit tidak berubah. Contoh nomor surat: "
                             "045/SR/DESMIG/XI/2026 (DESMIG = kode unit)."))
        self.fields["logo_path"].retranslate()  # type: ignore[attr-defined]

    def make_input(self, values: dict[str, Any]) -> Letterhead:
        return Letterhead(**{name: str(values.get(name, "")) for name in (
            "regency_line", "district_line", "village_line", "address", "logo_path",
            "signer_name", "signer_title", "unit_code", "place")})

    def save(self, data: Letterhead, confirmed: bool) -> Change:
        letterhead.save_letterhead(self.ctx, data)
        return Change("letterhead", (), "updated")
