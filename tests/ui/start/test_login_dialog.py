"""Logging in: one message for any mistake, the dialog stays; success emits and closes."""

from __future__ import annotations

import os
import subprocess
import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLineEdit
from pytestqt.qtbot import QtBot

from desa_desktop.db.engine import Database
from desa_desktop.services import accounts
from desa_desktop.services.context import OfficerInfo
from desa_desktop.ui.login_dialog import LoginDialog
from tests.conftest import ADMIN_PASSWORD, VILLAGE


def open_login(qtbot: QtBot, db: Database) -> LoginDialog:
    dialog = LoginDialog(lambda u, p: accounts.login(db, u, p), VILLAGE.post_name)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def type_in(qtbot: QtBot, dialog: LoginDialog, username: str, password: str) -> None:
    qtbot.keyClicks(dialog.username, username)
    qtbot.keyClicks(dialog.password, password)


def test_wrong_password_shows_the_message_and_stays_open(
        qtbot: QtBot, db: Database, officer: OfficerInfo) -> None:
    dialog = open_login(qtbot, db)
    assert dialog.village.text() == VILLAGE.post_name
    type_in(qtbot, dialog, "admin", "bukan-sandinya")
    with qtbot.assertNotEmitted(dialog.logged_in):
        qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    assert dialog.error.isVisible()
    assert dialog.error.text() == "Nama pengguna atau kata sandi salah."
    assert dialog.isVisible()
    assert dialog.password.text() == ""  # ready for the next try
    assert dialog.username.text() == "admin"


def test_right_password_emits_logged_in_and_accepts(
        qtbot: QtBot, db: Database, officer: OfficerInfo) -> None:
    dialog = open_login(qtbot, db)
    type_in(qtbot, dialog, "admin", ADMIN_PASSWORD)
    with qtbot.waitSignal(dialog.logged_in, timeout=5_000) as blocker:
        qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    assert blocker.args[0] == officer
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert not dialog.isVisible()


def test_enter_submits(qtbot: QtBot, db: Database, officer: OfficerInfo) -> None:
    dialog = open_login(qtbot, db)
    type_in(qtbot, dialog, "admin", ADMIN_PASSWORD)
    with qtbot.waitSignal(dialog.logged_in, timeout=5_000):
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)


def test_empty_fields_are_not_sent(qtbot: QtBot) -> None:
    calls: list[tuple[str, str]] = []
    dialog = LoginDialog(lambda u, p: calls.append((u, p)))
    qtbot.addWidget(dialog)
    dialog.submit()
    assert calls == []
    assert dialog.error.text() == "Isi nama pengguna dan kata sandi."
    assert not dialog.village.isVisibleTo(dialog)  # no label given, none shown


def test_busy_disables_input_and_ignores_submit(qtbot: QtBot) -> None:
    calls: list[tuple[str, str]] = []
    dialog = LoginDialog(lambda u, p: calls.append((u, p)) or "someone")
    qtbot.addWidget(dialog)
    dialog.username.setText("admin")
    dialog.password.setText("rahasia")
    dialog.set_busy(True)
    assert not dialog.username.isEnabled() and not dialog.login_button.isEnabled()
    assert dialog.status.isVisibleTo(dialog)
    dialog.submit()
    assert calls == []
    dialog.set_busy(False)
    with qtbot.waitSignal(dialog.logged_in) as blocker:
        dialog.submit()
    assert calls == [("admin", "rahasia")]
    assert blocker.args == ["someone"]


def test_show_password_toggle(qtbot: QtBot) -> None:
    dialog = LoginDialog(lambda u, p: None)
    qtbot.addWidget(dialog)
    assert dialog.password.echoMode() == QLineEdit.EchoMode.Password
    assert dialog.show_password.text() == "Tampilkan"
    dialog.show_password.click()
    assert dialog.password.echoMode() == QLineEdit.EchoMode.Normal
    assert dialog.show_password.text() == "Sembunyikan"
    dialog.show_password.click()
    assert dialog.password.echoMode() == QLineEdit.EchoMode.Password


def test_error_without_translated_uses_str(qtbot: QtBot) -> None:
    def refuse(_u: str, _p: str) -> object:
        raise RuntimeError("Berkas data tidak dapat dibuka.")

    dialog = LoginDialog(refuse)
    qtbot.addWidget(dialog)
    dialog.username.setText("admin")
    dialog.password.setText("x")
    dialog.submit()
    assert dialog.error.text() == "Berkas data tidak dapat dibuka."


def test_module_imports_no_database_code() -> None:
    """Cold start: the login window must not pull in SQLAlchemy, argon2 or services."""
    code = (
        "import sys, desa_desktop.ui.login_dialog\n"
        "heavy = ('sqlalchemy', 'alembic', 'argon2', 'desa_desktop.db', 'desa_desktop.services')\n"
        "print(sorted(m for m in sys.modules if m.startswith(heavy)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert out.stdout.strip() == "[]"
