"""Starting the GUI: language, database, first-run setup, login, main window.

Cold start matters on a 4 GB village laptop, so the first interactive window
(the login) is shown before the heavy parts are imported: SQLAlchemy,
Alembic, argon2 and the services load, and the database is opened and
upgraded, on a worker thread while the officer types the password.
Whether first-run setup is needed is asked of the file with the standard
``sqlite3`` module, which costs nothing to import.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QThread, QTimer, Signal
from PySide6.QtWidgets import QApplication

from desa_desktop.ui.settings import LANGUAGE, Settings
from desa_desktop.ui.translator import LanguageManager, lookup, tr

ENV_USER = "DESA_DESKTOP_USER"
ENV_PASSWORD = "DESA_DESKTOP_PASSWORD"
ENV_EXIT_AFTER_SHOW = "DESA_DESKTOP_EXIT_AFTER_SHOW"


def needs_setup(path: Path) -> bool:
    """True when the file has no village and account yet (or does not exist).

    An encrypted database always has its key file beside it (or, if that is
    lost, is not a plain SQLite file); only a plain file is looked into.
    """
    from desa_desktop.db.fileinfo import is_plain_sqlite, looks_encrypted

    if Path(f"{path}.keys").exists() or looks_encrypted(path):
        return False  # encrypted (if its key file is lost, the login offers the recovery key)
    if not is_plain_sqlite(path):
        return True
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            officers = conn.execute("SELECT count(*) FROM officer").fetchone()[0]
            villages = conn.execute("SELECT count(*) FROM village").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return True
    return not (officers and villages)


class _Opener(QThread):
    """Imports the data layer off the GUI thread while the officer types the password.

    The encrypted file itself can only be opened with the key the password
    unlocks; what is done here is the slow part that needs no key (importing
    SQLAlchemy, Alembic, SQLCipher, argon2 and the services) and telling
    the state of the file (normal, or its key file lost).
    """

    opened = Signal(object)  # FileState
    failed = Signal(str)

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path

    def run(self) -> None:
        try:
            import sqlcipher3  # noqa: F401 - warm the import

            from desa_desktop.db.migrate import head_revision
            from desa_desktop.services import unlock

            head_revision()
            state = unlock.file_state(self.path)
        except Exception as err:
            self.failed.emit(str(err))
        else:
            self.opened.emit(state)


class AppController(QObject):
    """Walks the officer from start to the main window."""

    def __init__(self, app: QApplication, path: Path, *, demo: bool, settings: Settings,
                 languages: LanguageManager) -> None:
        super().__init__()
        self.app, self.path, self.demo = app, path, demo
        self.settings, self.languages = settings, languages
        self.db: Any = None
        self._login_to_record: tuple[Any, float] | None = None
        self.window: Any = None
        self.login: Any = None
        self.opener: _Opener | None = None
        self.housekeeping: Any = None
        self.exit_after_show = os.environ.get(ENV_EXIT_AFTER_SHOW) == "1"

    # -- start -------------------------------------------------------------------------
    def start(self) -> None:
        if self.demo and not self.path.exists():
            self._create_demo()
        elif needs_setup(self.path):
            self._run_setup()
        else:
            self._show_login()

    def _first_window_shown(self) -> None:
        if self.exit_after_show:
            QTimer.singleShot(0, self.app.quit)

    def _create_demo(self) -> None:
        from desa_desktop.services.demo import ensure_demo_database
        from desa_desktop.ui.tasks import TaskRunner

        self.runner = TaskRunner(self)
        path = self.path
        self.runner.run_with_progress(
            lambda progress, _cancel: ensure_demo_database(path, progress=progress),
            None, tr("Menyiapkan desa contoh Karyamukti…"),
            lambda _created: self._show_login(), self._fatal)

    def _run_setup(self) -> None:
        from desa_desktop.services.unlock import create_database
        from desa_desktop.ui.setup_wizard import SetupWizard

        self.db = create_database(self.path)
        wizard = SetupWizard(self.db)
        wizard.completed.connect(self._logged_in)
        wizard.resize(820, 620)
        wizard.show()
        self.setup_wizard = wizard
        self._first_window_shown()

    def _show_login(self) -> None:
        from desa_desktop.ui.login_dialog import LoginDialog

        label = tr("Desa contoh Karyamukti (akun demo: petugas / petugas123)") if self.demo \
            else str(self.path.name)
        self.login = LoginDialog(self._authenticate, label)
        self.login.logged_in.connect(self._logged_in)
        self.login.recover_requested.connect(self._recover)
        self.login.set_busy(True)
        if self.demo:
            self._prefill_demo()
        self.login.show()
        self._first_window_shown()
        if self.exit_after_show:
            return
        self.opener = _Opener(self.path)
        self.opener.opened.connect(self._opened)
        self.opener.failed.connect(self._fatal_text)
        # Closing the login while the file is still opening must not kill the thread.
        self.app.aboutToQuit.connect(self.opener.wait)
        self.opener.start()

    def _prefill_demo(self) -> None:
        from desa_desktop.services.demo import DEMO_OFFICER_PASSWORD, DEMO_OFFICER_USERNAME

        self.login.username.setText(DEMO_OFFICER_USERNAME)
        self.login.password.setText(DEMO_OFFICER_PASSWORD)

    def _opened(self, state: Any) -> None:
        from desa_desktop.services.unlock import FileState

        if self.login is not None:
            self.login.set_busy(False)
            if state is FileState.KEYS_MISSING:
                self.login.show_keys_missing()
        user, password = os.environ.get(ENV_USER), os.environ.get(ENV_PASSWORD)
        if user and password and state is not FileState.KEYS_MISSING:
            try:
                self._logged_in(self._authenticate(user, password))
            except Exception as err:
                self._fatal(err)

    def _authenticate(self, username: str, password: str) -> Any:
        """Unlock the database key with the password and open the file (GUI thread:
        one argon2id and the open take a fraction of a second, under a wait cursor)."""
        from desa_desktop.services import unlock

        now = time.time()
        opened = unlock.open_with_password(self.path, username, password, now=now,
                                           record=False)
        self.db = opened.db
        self._login_to_record = (opened.officer, now)
        return opened.officer

    def _recover(self) -> None:
        """Every password forgotten, or the key file lost: open with the recovery key."""
        from desa_desktop.ui.recovery_dialog import RecoveryDialog

        dialog = RecoveryDialog(self.path, parent=self.login)
        if dialog.exec() and dialog.unlocked is not None:
            self.db = dialog.unlocked.db
            if self.login is not None:
                self.login.accept()
            self._logged_in(dialog.unlocked.officer)

    # -- main window -------------------------------------------------------------------
    def _logged_in(self, officer: Any) -> None:
        from desa_desktop.services import accounts
        from desa_desktop.services.context import ServiceContext
        from desa_desktop.ui.housekeeping import Housekeeping
        from desa_desktop.ui.main_window import MainWindow
        from desa_desktop.ui.tasks import TaskRunner

        village = accounts.get_village(self.db)
        ctx = ServiceContext(self.db, village.code, officer)
        self.runner = TaskRunner(self)
        previous = self.window
        self.window = MainWindow(ctx, self.runner, village, self.settings, self.languages,
                                 demo=self.demo)
        self.window.officer_switched.connect(self._officer_switched)
        self.window.database_restored.connect(lambda _path: self._reopen(officer))
        if self.login is not None:
            self.login.close()
        self.window.show()
        if previous is not None:  # after a restore: the new window is up before the old goes
            previous.close()
            previous.deleteLater()
        self._record_login()
        self.window.show_due_follow_ups()
        if self.housekeeping is None:
            self.housekeeping = Housekeeping(self.runner, self)
            self.app.aboutToQuit.connect(lambda: self.housekeeping.on_exit(self.db))
        self.housekeeping.runner = self.runner
        self.housekeeping.after_login(self.window, ctx, self.window.show_message,
                                      lambda: self._reopen(officer))
        self._refresh_statuses(ctx)

    def _record_login(self) -> None:
        """Write the login (key file and audit log) on the worker, after the window
        shows: the first job in the queue, so it precedes the backup and the refresh."""
        from desa_desktop.services import accounts

        if self._login_to_record is None:
            return
        officer, at = self._login_to_record
        self._login_to_record = None
        db = self.db
        window = self.window
        self.runner.run(lambda: accounts.record_login(db, officer, at), None,
                        lambda err: window.show_message(
                            err.translated(lookup) if hasattr(err, "translated") else str(err)))

    def _reopen(self, officer: Any) -> None:
        """After a restore: open the file again with the same key, rebuild the window."""
        from desa_desktop.db.migrate import open_database

        key, path = self.db.key, self.db.path
        self.db.close()
        self.db, _ = open_database(path, key)
        self._logged_in(officer)

    def _officer_switched(self, officer: Any) -> None:
        """Another officer took over on the lock screen: same database, new window."""
        from desa_desktop.ui.main_window import replace_for_officer

        self.window = replace_for_officer(self.window, officer)
        self.window.officer_switched.connect(self._officer_switched)
        self.window.database_restored.connect(lambda _path: self._reopen(officer))

    def _refresh_statuses(self, ctx: Any) -> None:
        """Bring statuses up to date with today's date, in the background after login
        (a contract that ended, purna years that ran out), then refresh the views."""
        from desa_desktop.services.context import Change
        from desa_desktop.services.maintenance import refresh_statuses

        def done(changed: int) -> None:
            if changed and self.window is not None:
                self.window.ops.announce(Change("person", (), "updated"))

        self.runner.run(lambda: refresh_statuses(ctx.db, ctx.today()), done, lambda _e: None)

    def _fatal(self, err: Exception) -> None:
        text = err.translated(lookup) if hasattr(err, "translated") else str(err)
        self._fatal_text(text)

    def _fatal_text(self, text: str) -> None:
        from desa_desktop.ui import dialogs

        dialogs.warn(None, tr("Database tidak dapat dibuka"), text)
        self.app.exit(1)


def make_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName("desa-desktop")
    app.setOrganizationName("desa-desktop")
    return app  # type: ignore[return-value]


def run_gui(db_path: Path | None = None, demo: bool = False, lang: str | None = None) -> int:
    """Start the GUI event loop; returns the process exit code."""
    app = make_app()
    settings = Settings()
    languages = LanguageManager(app)
    languages.apply(lang or settings.get(LANGUAGE))
    if db_path is None:
        from desa_desktop import paths  # platformdirs costs ~14 ms: only when needed

        db_path = paths.demo_db_path() if demo else paths.default_db_path()
    path = db_path
    controller = AppController(app, Path(path), demo=demo, settings=settings,
                               languages=languages)
    controller.start()
    return app.exec()
