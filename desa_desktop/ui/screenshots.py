"""Render every main screen offscreen to PNG at 1366x768.

Used for the docs (``docs/screenshots/``) and for looking at the app as an
officer would, on the common village laptop screen, without a display.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SCREEN = (1366, 768)


def _settle(app: object, runner: object | None = None) -> None:
    from PySide6.QtCore import QCoreApplication

    for _ in range(5):
        if runner is not None:
            runner.wait()  # type: ignore[attr-defined]
        QCoreApplication.processEvents()


def render_all(out: Path, lang: str = "id", persons: int = 600) -> list[Path]:
    """Build a small demo village in a temporary folder and save one PNG per screen."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QWidget

    from desa_desktop.app import make_app
    from desa_desktop.services import accounts
    from desa_desktop.services.context import ServiceContext
    from desa_desktop.services.demo import (
        DEMO_ADMIN_PASSWORD,
        DEMO_ADMIN_USERNAME,
        DEMO_OFFICER_PASSWORD,
        DEMO_OFFICER_USERNAME,
        DEMO_VILLAGE,
        write_demo_database,
    )
    from desa_desktop.services.unlock import create_database, open_with_password
    from desa_desktop.ui.household_form import HouseholdForm
    from desa_desktop.ui.login_dialog import LoginDialog
    from desa_desktop.ui.main_window import MainWindow
    from desa_desktop.ui.person_form import PersonForm
    from desa_desktop.ui.placement_form import PlacementForm
    from desa_desktop.ui.settings import Settings
    from desa_desktop.ui.setup_wizard import SetupWizard
    from desa_desktop.ui.tasks import TaskRunner
    from desa_desktop.ui.translator import LanguageManager
    from desa_desktop.ui.visit_form import VisitForm

    app = make_app()
    languages = LanguageManager(app)
    languages.apply(lang)
    out.mkdir(parents=True, exist_ok=True)
    saved: list[Path] = []
    tmp = Path(tempfile.mkdtemp(prefix="desa-shots-"))
    settings = Settings(QSettings(str(tmp / "settings.ini"), QSettings.Format.IniFormat))

    def shot(widget: QWidget, name: str, size: tuple[int, int] = SCREEN) -> None:
        widget.resize(*size)
        widget.show()
        _settle(app, runner)
        path = out / f"{name}.png"
        widget.grab().save(str(path))
        saved.append(path)

    runner = TaskRunner()
    empty_db = create_database(tmp / "empty.sqlite3")
    shot(SetupWizard(empty_db), "01-setup", (820, 620))
    db_path = tmp / "demo.sqlite3"
    write_demo_database(db_path, persons=persons)
    db = open_with_password(db_path, DEMO_ADMIN_USERNAME, DEMO_ADMIN_PASSWORD).db
    officer = accounts.login(db, DEMO_OFFICER_USERNAME, DEMO_OFFICER_PASSWORD)
    village = accounts.get_village(db)
    assert village is not None
    login = LoginDialog(lambda u, p: officer, village.post_name)
    shot(login, "02-login", (460, 340))
    login.close()
    ctx = ServiceContext(db, village.code, officer)
    window = MainWindow(ctx, runner, village, settings, languages, demo=True)
    window.resize(*SCREEN)
    window.show()
    _settle(app, runner)
    registry = window.registry
    registry.table.selectRow(3)
    shot(window, "03-registry")
    registry.search_box.setText("sit")
    registry.run_search()
    registry.table.selectRow(0)
    shot(window, "04-registry-search")
    person_id = registry.selected_id()
    assert person_id is not None
    shot(PersonForm(ctx, runner, person_id, window), "05-person-form", (700, 700))
    shot(PlacementForm(ctx, runner, person_id, None, window), "06-placement-form", (700, 720))
    window.nav.setCurrentRow(1)
    window.households.table.selectRow(0)
    shot(window, "07-households")
    household_id = window.households.selected_id()
    assert household_id is not None
    shot(HouseholdForm(ctx, runner, household_id, window), "08-household-form", (640, 560))
    shot(VisitForm(ctx, runner, household_id, window), "09-visit-form", (640, 560))
    window.nav.setCurrentRow(window.stack.indexOf(window.bin))
    shot(window, "10-bin")
    _case_screens(window, shot, app, runner, out, saved)
    from desa_desktop.ui.screenshots_ledger import ledger_screens

    ledger_screens(window, shot, lambda: _settle(app, runner), out, saved)
    runner.wait()
    window.close()

    setup_db = create_database(tmp / "setup.sqlite3")
    wizard = SetupWizard(setup_db)
    for name, value in DEMO_VILLAGE.__dict__.items():
        wizard.fields[name].setText(value)
    for name, value in (("full_name", "Nining Kurniasih"), ("username", "nining"),
                        ("password", "rahasia-desa-1"), ("repeat", "rahasia-desa-1")):
        wizard.fields[name].setText(value)
    wizard.show()
    wizard.next()
    wizard.next()  # stores the village and admin, then the recovery sheet page
    shot(wizard, "11-setup-recovery-sheet", (820, 620))
    wizard.hide()

    admin = accounts.login(db, DEMO_ADMIN_USERNAME, DEMO_ADMIN_PASSWORD)
    admin_ctx = ServiceContext(db, village.code, admin)
    accounts.create_officer(admin_ctx, "kades", "H. Oman Suparman", "kepala-desa-1",
                            "kepala_desa", "kepala-desa-1")
    admin_window = MainWindow(admin_ctx, runner, village, settings, languages, demo=True)
    admin_window.resize(*SCREEN)
    admin_window.show()
    admin_window.nav.setCurrentRow(admin_window.stack.indexOf(admin_window.accounts))
    _settle(app, runner)
    admin_window.accounts.table.selectRow(1)
    shot(admin_window, "12-accounts")
    admin_window.session_lock.lock()
    screen = admin_window.session_lock.screen
    assert screen is not None
    shot(screen, "13-lock-screen")
    admin_window.session_lock.switch_officer()
    screen.username.setText("kades")
    shot(screen, "14-lock-screen-switch")
    runner.wait()
    admin_window.close()
    return saved


def _case_screens(window: Any, shot: Any, app: object, runner: Any, out: Path,
                  saved: list[Path]) -> None:
    """Cases, early warnings, at-risk list, letters, the directory, and one letter's PDF."""
    from desa_desktop.reports.letter_print import page_images
    from desa_desktop.services import letters
    from desa_desktop.ui.case_dialog import CaseDialog
    from desa_desktop.ui.letter_dialog import LetterDialog

    ctx = window.ctx
    window.nav.setCurrentRow(window.stack.indexOf(window.cases))
    _settle(app, runner)
    shot(window, "15-cases")
    readable = next(r for r in window.cases.model.rows if r.readable and r.status == "dirujuk")
    dialog = CaseDialog(ctx, runner, window.ops, readable.id, None, window)
    dialog.tabs.setCurrentWidget(dialog.timeline_tab)
    shot(dialog, "16-case-timeline", (1000, 690))
    dialog.tabs.setCurrentIndex(dialog.tabs.count() - 1)
    _settle(app, runner)
    shot(dialog, "17-case-referrals", (1000, 690))
    dialog.dirty = False
    dialog.close()
    for page, name in ((window.warnings, "18-warnings"), (window.at_risk, "19-at-risk"),
                       (window.letters, "20-letters-register"),
                       (window.institutions, "21-institutions")):
        window.nav.setCurrentRow(window.stack.indexOf(page))
        _settle(app, runner)
        shot(window, name)
    issued = next(v for v in letters.letter_register(ctx) if v.kind == "SR"
                  and v.status == "terbit")
    viewer = LetterDialog.for_issued(ctx, runner, window.ops, issued.id, window)
    shot(viewer, "22-letter-dialog", (900, 700))
    viewer.close()
    pdf = letters.render_letter_pdf(ctx, issued.id, out / "contoh-surat-rujukan.pdf")
    first = next(iter(page_images(pdf, dpi=80)))
    path = out / "23-letter-pdf.png"
    first.save(str(path))
    saved.append(path)
    pdf.unlink()
