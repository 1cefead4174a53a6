"""The login window, the first thing the officer sees on every start.

It must appear at once on a slow laptop, so this module imports only Qt and
the small ui helpers: no SQLAlchemy, Alembic, argon2 or services. The app
opens the database meanwhile (``set_busy(True)`` until it is ready) and
hands in ``authenticate(username, password)``, which returns the officer or
raises an error whose text is the Indonesian message.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desa_desktop.ui.credentials import CredentialFields
from desa_desktop.ui.translator import lookup, tr
from desa_desktop.ui.widgets import ErrorLabel


def error_text(err: Exception) -> str:
    """The officer-facing message of an error: translated if it knows how."""
    translated = getattr(err, "translated", None)
    if callable(translated):
        return str(translated(lookup))
    return str(err)


class LoginDialog(QDialog):
    """User name, password, "Masuk"; emits ``logged_in(officer)`` and accepts."""

    logged_in = Signal(object)
    #: "Lupa kata sandi?": the app opens the recovery-key dialog.
    recover_requested = Signal()

    def __init__(self, authenticate: Callable[[str, str], object], village_label: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.authenticate = authenticate
        self.busy = False
        self._error: Exception | str | None = None  # kept to re-render on language change

        self.village = QLabel(village_label)
        self.village.setWordWrap(True)
        self.village.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.village.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.village.setVisible(bool(village_label))
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.fields = CredentialFields()
        self.username, self.password = self.fields.username, self.fields.password
        self.show_password = self.fields.show_password

        self.error = ErrorLabel()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setStyleSheet("color: #555;")
        self.status.hide()

        self.recover_button = QPushButton()
        self.recover_button.setFlat(True)
        self.recover_button.setAutoDefault(False)
        self.recover_button.setStyleSheet("text-align: left; color: #1a5fb4;")
        self.recover_button.clicked.connect(self.recover_requested)
        self._keys_missing = False

        self.quit_button = QPushButton()
        self.quit_button.setAutoDefault(False)
        self.quit_button.clicked.connect(self.reject)
        self.login_button = QPushButton()
        self.login_button.setDefault(True)  # Enter in either field submits
        self.login_button.clicked.connect(self.submit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.quit_button)
        buttons.addStretch(1)
        buttons.addWidget(self.login_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.village)
        layout.addWidget(self.intro)
        layout.addSpacing(8)
        layout.addLayout(self.fields.form)
        layout.addWidget(self.error)
        layout.addWidget(self.status)
        layout.addWidget(self.recover_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        layout.addLayout(buttons)

        self.username.textEdited.connect(self._clear_error)
        self.password.textEdited.connect(self._clear_error)
        self.retranslate()
        self.resize(420, 300)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(tr("Masuk"))
        self.intro.setText(tr("Masuk dengan akun petugas."))
        self.fields.retranslate()
        self.login_button.setText(tr("Masuk"))
        self.quit_button.setText(tr("Keluar"))
        self.status.setText(tr("Sedang membuka data desa, mohon tunggu..."))
        self.recover_button.setText(tr("Lupa kata sandi? Pakai kunci pemulihan…"))
        self._render_error()

    def set_village_label(self, text: str) -> None:
        """Show the village/post name (known only once the database is open)."""
        self.village.setText(text)
        self.village.setVisible(bool(text))

    def show_keys_missing(self) -> None:
        """The key file beside the database is gone: only the recovery key can open it."""
        self._keys_missing = True
        self._error = ("Berkas kunci database tidak ditemukan. Pakai kunci pemulihan dari "
                       "lembar pemulihan untuk membuka data.")
        self._render_error()
        self.recover_button.setFocus()

    def set_busy(self, busy: bool) -> None:
        """While the app still opens the database, inputs are off and a note says why."""
        self.busy = busy
        for widget in (self.username, self.password, self.show_password, self.login_button):
            widget.setEnabled(not busy)
        self.status.setVisible(busy)
        if busy:
            self._clear_error()
        else:
            (self.password if self.username.text() else self.username).setFocus()


    def _clear_error(self) -> None:
        if self._keys_missing:
            return
        self._error = None
        self.error.show_message("")

    def _render_error(self) -> None:
        if self._error is None:
            self.error.show_message("")
        elif isinstance(self._error, str):
            self.error.show_message(tr(self._error))
        else:
            self.error.show_message(error_text(self._error))

    def submit(self) -> None:
        """Check the password through ``authenticate``; on success emit and close."""
        if self.busy:
            return
        username, password = self.username.text().strip(), self.password.text()
        if not username or not password:
            self._error = "Isi nama pengguna dan kata sandi."
            self._render_error()
            (self.password if username else self.username).setFocus()
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            officer = self.authenticate(username, password)
        except Exception as err:
            self._error = err
            self._render_error()
            self.password.clear()
            self.password.setFocus()
            return
        finally:
            QApplication.restoreOverrideCursor()
        self._error = None
        self.logged_in.emit(officer)
        self.accept()
