"""Settings the officer may change: for now, the language of the app.

Saving switches the language at once (every open window retranslates
itself, nothing typed is lost) and remembers it for the next start.
Language names are shown in their own language, so an officer who switched
by mistake can still find their way back.
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
    QVBoxLayout,
    QWidget,
)

from desa_desktop import i18n
from desa_desktop.ui import settings as settings_keys
from desa_desktop.ui.settings import Settings
from desa_desktop.ui.translator import LanguageManager, tr


class SettingsDialog(QDialog):
    """Language choice with "Simpan" (apply now and remember) and "Tutup"."""

    def __init__(self, settings: Settings, languages: LanguageManager,
                 parent: QWidget | None = None) -> None:
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
        form = QFormLayout()
        form.addRow(self.language_label, self.language)
        form.addRow("", self.note)

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
        self.resize(460, 200)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(tr("Pengaturan"))
        self.language_label.setText(tr("Bahasa"))
        self.note.setText(tr("Perubahan bahasa langsung berlaku tanpa membuka ulang aplikasi."))
        self.save_button.setText(tr("Simpan"))
        self.close_button.setText(tr("Tutup"))

    def selected_language(self) -> str:
        return str(self.language.currentData())

    def save(self) -> None:
        """Apply the chosen language now, remember it, and close."""
        lang = self.selected_language()
        self.settings.set(settings_keys.LANGUAGE, lang)
        if lang != self.languages.lang:
            self.languages.apply(lang)
        self.accept()
