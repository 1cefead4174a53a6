"""Settings the officer may change: the language of the app and the idle
time after which the screen locks.

Saving switches the language at once (every open window retranslates
itself, nothing typed is lost) and remembers it for the next start.
Language names are shown in their own language, so an officer who switched
by mistake can still find their way back. The lock time protects the
people in the data on a shared laptop, so only an admin may change it
(others see it, greyed out).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desa_desktop import i18n
from desa_desktop.ui import settings as settings_keys
from desa_desktop.ui.settings import LOCK_MINUTES, LOCK_MINUTES_RANGE, Settings, lock_minutes
from desa_desktop.ui.translator import LanguageManager, tr


class SettingsDialog(QDialog):
    """Language and lock time, with "Simpan" (apply now and remember) and "Tutup"."""

    def __init__(self, settings: Settings, languages: LanguageManager,
                 parent: QWidget | None = None, *, lock_editable: bool = True) -> None:
        super().__init__(parent)
        self.settings = settings
        self.languages = languages

        self.language = QComboBox()
        self.language.setProperty("data_items", True)  # endonyms: never translated
        for code, name in i18n.LANGUAGES.items():
            self.language.addItem(name, code)  # each name in its own language, untranslated
        current = self.language.findData(languages.lang)  # what the officer sees now
        self.language.setCurrentIndex(max(current, 0))
        self.language_label = QLabel()
        self.language_label.setBuddy(self.language)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #555;")
        self.lock_minutes = QSpinBox()
        self.lock_minutes.setRange(*LOCK_MINUTES_RANGE)  # 0 ("never lock") is not offered
        self.lock_minutes.setValue(lock_minutes(settings))
        self.lock_minutes.setEnabled(lock_editable)
        self.lock_label = QLabel()
        self.lock_label.setBuddy(self.lock_minutes)
        self.lock_note = QLabel()
        self.lock_note.setWordWrap(True)
        self.lock_note.setStyleSheet("color: #555;")
        self.lock_editable = lock_editable
        form = QFormLayout()
        form.addRow(self.language_label, self.language)
        form.addRow("", self.note)
        lock_row = QHBoxLayout()  # a short number field, not one as wide as the dialog
        lock_row.addWidget(self.lock_minutes)
        lock_row.addStretch(1)
        form.addRow(self.lock_label, lock_row)
        form.addRow("", self.lock_note)

        self.close_button = QPushButton()
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.reject)
        self.save_button = QPushButton()
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.retranslate()
        self.resize(520, 280)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(tr("Pengaturan"))
        self.language_label.setText(tr("Bahasa"))
        self.note.setText(tr("Perubahan bahasa langsung berlaku tanpa membuka ulang aplikasi."))
        self.lock_label.setText(tr("Kunci layar setelah"))
        self.lock_minutes.setSuffix(tr(" menit"))
        self.lock_note.setText(tr(
            "Layar dikunci bila laptop tidak disentuh selama waktu ini, agar data warga tidak "
            "terbaca orang lain. Isian formulir tidak hilang.") if self.lock_editable else tr(
            "Hanya admin yang dapat mengubah waktu kunci layar."))
        self.save_button.setText(tr("Simpan"))
        self.close_button.setText(tr("Tutup"))

    def selected_language(self) -> str:
        return str(self.language.currentData())

    def save(self) -> None:
        """Apply the chosen language now, remember it and the lock time, and close."""
        lang = self.selected_language()
        self.settings.set(settings_keys.LANGUAGE, lang)
        if self.lock_editable:
            self.settings.set(LOCK_MINUTES, self.lock_minutes.value())
        if lang != self.languages.lang:
            self.languages.apply(lang)
        self.accept()
