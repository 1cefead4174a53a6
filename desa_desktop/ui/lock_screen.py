"""Locking the screen of the shared post laptop, and switching officer.

The laptop stands on a desk in the village office where neighbours come and
go, and the officer is called away mid-form. After a few idle minutes (or
Ctrl+L, "Kunci layar") every window that may show a resident's data is
hidden and only the lock screen remains: the village and post name, the
officer's user name and a password field. Nothing typed is lost: forms are
hidden, not closed (and their drafts saved, in case the laptop is switched
off meanwhile), and come back as they were when the same officer unlocks.

When a different officer logs in on the lock screen, the previous officer's
open forms are kept as drafts and closed, and ``SessionLock.sig_switched``
tells the main window, which is then rebuilt for the new officer (so menus,
rights and the "who" in the status bar are right from the first click).

An application-wide event filter sees every key press and mouse movement,
which is how the idle time is measured without touching every screen.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeGuard

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desa_desktop.services.context import OfficerInfo
from desa_desktop.ui.credentials import CredentialFields
from desa_desktop.ui.login_dialog import error_text
from desa_desktop.ui.translator import tr, trf
from desa_desktop.ui.widgets import ErrorLabel

if TYPE_CHECKING:
    from desa_desktop.ui.form_base import RecordForm

LOCK_SHORTCUT = "Ctrl+L"

#: What counts as "someone is using the laptop".
_INPUT_EVENTS = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
    QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate,
    QEvent.Type.TabletPress, QEvent.Type.InputMethod,
})
#: Short-lived windows: hidden at lock time, never brought back.
_TRANSIENT = frozenset({Qt.WindowType.Popup, Qt.WindowType.ToolTip})


def is_record_form(widget: QWidget) -> TypeGuard[RecordForm]:
    """A record form, without importing the forms at start (they load when first opened,
    and if their module is not loaded yet, no form can be open)."""
    module = sys.modules.get("desa_desktop.ui.form_base")
    return module is not None and isinstance(widget, module.RecordForm)


class LockScreen(QWidget):
    """The only window left while locked: no resident's data, just who may unlock.

    ``authenticate(username, password)`` returns the officer or raises an error
    whose text is the Indonesian message (wrong password, or the growing wait
    after repeated failures); success emits ``sig_authenticated(officer)``.
    """

    sig_authenticated = Signal(object)

    def __init__(self, authenticate: Callable[[str, str], Any], current_username: str,
                 village_name: str, post_name: str) -> None:
        super().__init__(None, Qt.WindowType.Window)  # own taskbar button: never lost behind
        self.authenticate = authenticate
        self.current_username = current_username
        self.village_name = village_name
        self._error: Exception | str | None = None
        self._may_close = False
        self.setObjectName("lockScreen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(
            "#lockScreen { background: #2f4858; }"
            "#lockCard { background: #ffffff; border-radius: 10px; }")

        self.village = QLabel()
        self.village.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.village.setWordWrap(True)
        self.village.setStyleSheet("font-size: 12pt; color: #333;")
        self.post = QLabel(post_name)
        self.post.setProperty("data", True)  # a name as typed at setup, not a UI text
        self.post.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.post.setWordWrap(True)
        self.post.setStyleSheet("color: #555;")
        self.heading = QLabel()
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.heading.setStyleSheet("font-size: 18pt; font-weight: bold; color: #2f4858;")
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.fields = CredentialFields()
        self.username, self.password = self.fields.username, self.fields.password
        self.show_password = self.fields.show_password

        self.switch_note = QLabel()
        self.switch_note.setWordWrap(True)
        self.switch_note.setMargin(6)  # not CSS padding: word wrap would not count it
        self.switch_note.setStyleSheet(
            "background: #fff4d6; color: #5c4400; border-radius: 4px;")
        self.switch_note.hide()
        self.error = ErrorLabel()

        self.switch_button = QPushButton()
        self.switch_button.setAutoDefault(False)
        self.switch_button.clicked.connect(lambda: self.prepare(switching=True))
        self.unlock_button = QPushButton()
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.submit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.switch_button)
        buttons.addStretch(1)
        buttons.addWidget(self.unlock_button)

        card = QFrame()
        card.setObjectName("lockCard")
        card.setFixedWidth(470)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(28, 24, 28, 24)
        inner.setSpacing(8)
        inner.addWidget(self.village)
        inner.addWidget(self.post)
        inner.addSpacing(10)
        inner.addWidget(self.heading)
        inner.addWidget(self.intro)
        inner.addSpacing(8)
        inner.addLayout(self.fields.form)
        inner.addWidget(self.switch_note)
        inner.addWidget(self.error)
        inner.addSpacing(6)
        inner.addLayout(buttons)
        # Stretches rather than an alignment flag: an aligned item gets its size hint,
        # so a note shown later would be squeezed instead of making the card taller.
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card)
        row.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)

        for edit in (self.username, self.password):
            edit.returnPressed.connect(self.submit)
            edit.textEdited.connect(self._clear_error)
        self.username.textChanged.connect(self._update_switch_note)
        self.retranslate()
        self.resize(900, 620)

    # -- language ----------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(tr("Layar terkunci"))
        self.village.setText(trf("Desa {village}", village=self.village_name))
        self.heading.setText(tr("Layar terkunci"))
        self.intro.setText(tr("Data warga disembunyikan selama laptop tidak dipakai. "
                              "Masukkan kata sandi untuk melanjutkan."))
        self.fields.retranslate()
        self.switch_note.setText(tr(
            "Petugas lain akan masuk. Isian formulir yang masih terbuka disimpan sebagai "
            "draf, lalu formulir ditutup."))
        self.switch_button.setText(tr("Ganti petugas"))
        self.switch_button.setToolTip(tr("Masuk dengan akun petugas lain"))
        self.unlock_button.setText(tr("Buka kunci"))
        self._render_error()

    # -- state -------------------------------------------------------------------------
    def prepare(self, switching: bool = False) -> None:
        """Empty the password; the user name is the current officer's, or empty to switch."""
        self._error = None
        self._render_error()
        self.password.clear()
        self.username.setText("" if switching else self.current_username)
        self.focus_first_empty()

    def focus_first_empty(self) -> None:
        (self.password if self.username.text().strip() else self.username).setFocus()

    def is_switch(self) -> bool:
        """True when the typed user name is not the officer who locked the screen."""
        typed = self.username.text().strip().lower()
        return typed != self.current_username

    def _update_switch_note(self) -> None:
        self.switch_note.setVisible(bool(self.username.text().strip()) and self.is_switch())


    def _clear_error(self) -> None:
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
        """Check the password (one argon2id, under a wait cursor, as the login does:
        the worker may be busy with a long export that must not delay unlocking)."""
        username, password = self.username.text().strip(), self.password.text()
        if not username or not password:
            self._error = "Isi nama pengguna dan kata sandi."
            self._render_error()
            self.focus_first_empty()
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
        self.password.clear()
        self.sig_authenticated.emit(officer)

    # -- closing -----------------------------------------------------------------------
    def allow_close(self) -> None:
        self._may_close = True

    def closeEvent(self, event: QCloseEvent) -> None:
        """The window's X and Alt+F4 do not unlock; only the owner's ``shutdown`` closes."""
        if self._may_close:
            super().closeEvent(event)
        else:
            event.ignore()


class SessionLock(QObject):
    """Idle timer, lock and unlock for one main window and the officer logged into it.

    ``sig_switched(officer)`` is emitted when another officer unlocked: the
    previous officer's forms are closed (drafts kept) and the screen stays
    locked until the main window is replaced and calls ``shutdown``.
    """

    sig_locked = Signal()
    sig_unlocked = Signal()
    sig_switched = Signal(object)  # OfficerInfo

    def __init__(self, window: QWidget, officer: OfficerInfo,
                 authenticate: Callable[[str, str], Any], village_name: str, post_name: str,
                 minutes: int) -> None:
        super().__init__(window)
        self.window = window
        self.officer = officer
        self.authenticate = authenticate
        self.village_name, self.post_name = village_name, post_name
        self.locked = False
        self.screen: LockScreen | None = None
        self._hidden: list[QWidget] = []
        self._shortcut = QKeySequence(LOCK_SHORTCUT)
        self.timer = QTimer(self, singleShot=True)
        self.timer.timeout.connect(self.lock)
        self.set_minutes(minutes)
        self._app = QApplication.instance()
        self._app.installEventFilter(self)

    # -- idle time ---------------------------------------------------------------------
    def set_minutes(self, minutes: int) -> None:
        self.set_timeout_ms(minutes * 60_000)

    def set_timeout_ms(self, msecs: int) -> None:
        """Idle time before locking (tests use a few milliseconds); restarts the count."""
        self.timer.setInterval(max(msecs, 1))
        if not self.locked:
            self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in _INPUT_EVENTS:
            if not self.locked:
                self.timer.start()
                if (kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                        and QKeySequence(event.keyCombination()) == self._shortcut):
                    # Also from a form, whose window-modality blocks the menu's shortcut.
                    self.lock()
                    return True
        elif kind == QEvent.Type.Show and self.locked and watched is not self.screen \
                and isinstance(watched, QWidget) and watched.isWindow() \
                and watched.windowType() not in _TRANSIENT:
            # A window opened by a job finishing while locked (a message, a progress
            # bar) must not appear over the lock screen: hide it once it is shown.
            QTimer.singleShot(0, lambda w=watched: self._hide_late(w))
        return False

    # -- lock and unlock ---------------------------------------------------------------
    def lock(self, switching: bool = False) -> None:
        """Hide every window that may show personal data and show the lock screen."""
        if self.locked:
            if switching and self.screen is not None:
                self.screen.prepare(switching=True)
            return
        self.locked = True
        self.timer.stop()
        screen = self._lock_screen()
        screen.prepare(switching)
        self._place(screen)
        windows = [w for w in QApplication.topLevelWidgets()
                   if w is not screen and w.isVisible()]
        screen.show()
        screen.raise_()
        screen.activateWindow()
        screen.focus_first_empty()
        windows.sort(key=lambda w: not isinstance(w, QMainWindow))  # shown again first
        for widget in windows:
            if widget.windowType() in _TRANSIENT:
                widget.hide()
            else:
                self._stash(widget)
        self.sig_locked.emit()

    def switch_officer(self) -> None:
        """"Ganti petugas…": lock now with an empty user name for the next officer."""
        self.lock(switching=True)

    def _lock_screen(self) -> LockScreen:
        if self.screen is None:
            self.screen = LockScreen(self.authenticate, self.officer.username,
                                     self.village_name, self.post_name)
            self.screen.sig_authenticated.connect(self._authenticated)
        return self.screen

    def _place(self, screen: LockScreen) -> None:
        """Over the main window, as large: the lock replaces what was on the screen."""
        window = self.window
        if window.isVisible() and (window.isMaximized() or window.isFullScreen()):
            screen.setWindowState(Qt.WindowState.WindowMaximized)
        elif window.isVisible():
            screen.setWindowState(Qt.WindowState.WindowNoState)
            screen.setGeometry(window.geometry())

    def _stash(self, widget: QWidget) -> None:
        """Hide one window; keep it to show again unless it was a question being asked.

        An application-modal dialog is one run with ``exec()`` (a message box, a
        file chooser): hiding it ends it as if Esc was pressed, the safe answer,
        and showing it again would show a dead dialog.
        """
        if is_record_form(widget):
            widget.save_draft()  # the laptop may be switched off while locked
        resumable = widget.windowModality() != Qt.WindowModality.ApplicationModal
        widget.hide()
        if resumable and widget not in self._hidden:
            self._hidden.append(widget)

    def _hide_late(self, widget: QWidget) -> None:
        if self.locked and shiboken6.isValid(widget) and widget.isVisible():
            self._stash(widget)

    def _authenticated(self, officer: OfficerInfo) -> None:
        if officer.id == self.officer.id:
            self.unlock()
        else:
            self._switch_to(officer)

    def unlock(self) -> None:
        """Bring back the hidden windows as they were (main window first, forms on top)."""
        self.locked = False
        windows, self._hidden = self._hidden, []
        for widget in windows:
            if shiboken6.isValid(widget):
                widget.show()
                widget.raise_()
        if windows and shiboken6.isValid(windows[-1]):
            windows[-1].activateWindow()
        if self.screen is not None:
            self.screen.hide()
        self.timer.start()
        self.sig_unlocked.emit()

    def _switch_to(self, officer: OfficerInfo) -> None:
        """Keep the previous officer's forms as drafts, close them without asking, and
        hand over: the screen stays locked until the main window is rebuilt."""
        for widget in self.open_forms():
            widget.save_draft()
            widget.dirty = False  # saved as a draft: nothing left to ask about
            widget.done(QDialog.DialogCode.Rejected.value)  # no close event, so no question
        self._hidden = [w for w in self._hidden
                        if shiboken6.isValid(w) and not is_record_form(w)]
        self.sig_switched.emit(officer)

    def open_forms(self) -> list[RecordForm]:
        """The record forms hidden by the lock (still holding what was typed)."""
        return [w for w in self._hidden if shiboken6.isValid(w) and is_record_form(w)]

    def shutdown(self) -> None:
        """The main window closes: stop watching input and close the lock screen."""
        self.timer.stop()
        if self._app is not None:
            self._app.removeEventFilter(self)
            self._app = None
        self.locked = False
        self._hidden = []
        if self.screen is not None and shiboken6.isValid(self.screen):
            self.screen.allow_close()
            self.screen.close()
            self.screen.deleteLater()
        self.screen = None
