"""Opening the database with the recovery key when every password is forgotten.

The admin types the key from the recovery sheet, names their account and
chooses a new password; the key opens the database and the new password
gets a fresh key slot. Also the way in when the key file beside the
database was lost.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desa_desktop.ui.login_dialog import error_text
from desa_desktop.ui.translator import tr
from desa_desktop.ui.widgets import ErrorLabel


class RecoveryDialog(QDialog):
    """Recovery key, admin user name, new password twice; ``unlocked`` after success."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.unlocked: Any = None
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.key = QLineEdit()
        self.key.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.key.setPlaceholderText("XXXXX-XXXXX-XXXXX-…")
        self.username = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.labels = [QLabel() for _ in range(4)]
        form = QFormLayout()
        for label, field in zip(self.labels, (self.key, self.username, self.password,
                                              self.repeat), strict=True):
            label.setBuddy(field)
            form.addRow(label, field)
        self.error = ErrorLabel()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.retranslate()
        self.resize(620, 320)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(tr("Buka dengan kunci pemulihan"))
        self.intro.setText(tr(
            "Ketik kunci pemulihan dari lembar pemulihan (tanda hubung boleh dilewati), "
            "nama pengguna admin, dan kata sandi baru untuk akun itu."))
        for label, text in zip(self.labels, ("Kunci pemulihan", "Nama pengguna admin",
                                             "Kata sandi baru", "Ulangi kata sandi"),
                               strict=True):
            label.setText(tr(text))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Buka"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Batal"))

    def submit(self) -> None:
        """Try the key; on success keep the opened database in ``unlocked`` and accept."""
        from desa_desktop.services import unlock

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.unlocked = unlock.open_with_recovery(
                self.path, self.key.text(), self.username.text(), self.password.text(),
                self.repeat.text())
        except Exception as err:
            self.error.show_message(error_text(err))
            field = getattr(err, "field", None)
            target = {"recovery_key": self.key, "username": self.username,
                      "password": self.password, "repeat": self.repeat}.get(field or "")
            if target is not None:
                target.setFocus()
                target.selectAll()
            return
        finally:
            QApplication.restoreOverrideCursor()
        self.accept()
