"""Starting the app as an officer does: from a database file to the main window."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from desa_desktop.app import AppController, needs_setup
from desa_desktop.services.demo import (
    DEMO_OFFICER_PASSWORD,
    DEMO_OFFICER_USERNAME,
    write_demo_database,
)
from desa_desktop.ui.settings import Settings
from desa_desktop.ui.translator import LanguageManager


@pytest.fixture
def demo_db(tmp_path: Path) -> Path:
    path = tmp_path / "demo.sqlite3"
    write_demo_database(path, persons=120)
    return path


@pytest.fixture
def controller(qapp, tmp_path: Path):
    def make(path: Path, demo: bool = False) -> AppController:
        settings = Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
        languages = LanguageManager(qapp)
        languages.apply("id")
        return AppController(qapp, path, demo=demo, settings=settings, languages=languages)

    made: list[AppController] = []
    yield lambda path, demo=False: made.append(make(path, demo)) or made[-1]
    for c in made:
        if c.opener is not None:
            c.opener.wait()
        if c.window is not None:
            c.window.runner.wait()
            c.window.close()


def test_needs_setup_only_for_an_empty_or_missing_file(tmp_path: Path, demo_db: Path) -> None:
    assert needs_setup(tmp_path / "none.sqlite3")
    (tmp_path / "garbage.sqlite3").write_bytes(b"not a database")
    assert needs_setup(tmp_path / "garbage.sqlite3")
    assert not needs_setup(demo_db)


def test_login_then_main_window_with_the_registry(qtbot, controller, demo_db: Path) -> None:
    app = controller(demo_db)
    app.start()
    login = app.login
    assert login is not None and login.isVisible()
    qtbot.waitUntil(lambda: not app.login.busy, timeout=15_000)
    qtbot.keyClicks(login.username, DEMO_OFFICER_USERNAME)
    qtbot.keyClicks(login.password, DEMO_OFFICER_PASSWORD)
    login.submit()
    qtbot.waitUntil(lambda: app.window is not None and app.window.isVisible(), timeout=10_000)
    assert len(app.window.registry.model.rows) == 120
    assert app.window.ctx.officer.username == DEMO_OFFICER_USERNAME


def test_wrong_password_keeps_the_login_open(qtbot, controller, demo_db: Path) -> None:
    app = controller(demo_db)
    app.start()
    qtbot.waitUntil(lambda: not app.login.busy, timeout=15_000)
    qtbot.keyClicks(app.login.username, DEMO_OFFICER_USERNAME)
    qtbot.keyClicks(app.login.password, "salah-sekali")
    app.login.submit()
    assert app.window is None
    assert app.login.isVisible()


def test_demo_mode_fills_in_the_demo_account(qtbot, controller, demo_db: Path) -> None:
    app = controller(demo_db, demo=True)
    app.start()
    assert app.login.username.text() == DEMO_OFFICER_USERNAME
    assert app.login.password.text() == DEMO_OFFICER_PASSWORD


def test_a_new_file_starts_the_setup_wizard(qtbot, controller, tmp_path: Path) -> None:
    app = controller(tmp_path / "new.sqlite3")
    app.start()
    assert app.setup_wizard.isVisible()
    app.setup_wizard.close()


def test_cli_opens_a_demo_data_database(tmp_path: Path) -> None:
    """`demo-data` writes a file that the app opens to its first window."""
    path = tmp_path / "cli.sqlite3"
    subprocess.run([sys.executable, "-m", "desa_desktop", "demo-data", "--db", str(path),
                    "--persons", "30"], check=True, capture_output=True, timeout=120)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", DESA_DESKTOP_EXIT_AFTER_SHOW="1")
    result = subprocess.run([sys.executable, "-m", "desa_desktop", "--db", str(path)], env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr


def _logged_in_app(qtbot, controller, demo_db: Path):
    app = controller(demo_db)
    app.start()
    qtbot.waitUntil(lambda: not app.login.busy, timeout=15_000)
    qtbot.keyClicks(app.login.username, DEMO_OFFICER_USERNAME)
    qtbot.keyClicks(app.login.password, DEMO_OFFICER_PASSWORD)
    app.login.submit()
    qtbot.waitUntil(lambda: app.window is not None and app.window.isVisible(), timeout=10_000)
    return app


def test_another_officer_taking_over_gets_their_own_window(qtbot, controller,
                                                           demo_db: Path) -> None:
    from desa_desktop.services import accounts
    from desa_desktop.services.demo import DEMO_ADMIN_PASSWORD, DEMO_ADMIN_USERNAME

    app = _logged_in_app(qtbot, controller, demo_db)
    first = app.window
    admin = accounts.login(app.db, DEMO_ADMIN_USERNAME, DEMO_ADMIN_PASSWORD)
    first.officer_switched.emit(admin)
    qtbot.waitUntil(lambda: app.window is not first and app.window.isVisible(), timeout=5_000)
    assert app.window.ctx.officer == admin
    assert not first.isVisible()


def test_after_a_restore_the_app_reopens_the_file(qtbot, controller, demo_db: Path) -> None:
    app = _logged_in_app(qtbot, controller, demo_db)
    first, officer = app.window, app.window.ctx.officer
    first.runner.wait()
    first.database_restored.emit(demo_db)
    qtbot.waitUntil(lambda: app.window is not first and app.window.isVisible(), timeout=5_000)
    assert app.window.ctx.officer == officer
    assert app.window.ctx.db is app.db and app.db.key is not None
    app.window.runner.wait()
    assert len(app.window.registry.model.rows) == 120


def test_the_login_is_recorded_in_the_audit_log_after_the_window_shows(
        qtbot, controller, demo_db: Path) -> None:
    """The login record is written on the worker, but it is written."""
    from sqlalchemy import text

    from desa_desktop.services import audit

    def logins(db) -> int:
        with db.engine.connect() as conn:
            return conn.execute(text(
                "SELECT count(*) FROM audit_log WHERE action = 'login' AND officer_id = :o"),
                {"o": app.window.ctx.officer.id}).scalar_one()

    app = _logged_in_app(qtbot, controller, demo_db)
    qtbot.waitUntil(lambda: logins(app.db) >= 1, timeout=5_000)
    app.window.runner.wait()
    assert logins(app.db) == 1
    assert audit.verify_chain(app.db).ok
