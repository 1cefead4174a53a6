"""The main window: a side list of pages, menus with keyboard shortcuts,
undo, and a status bar saying who is logged in where.

A main window belongs to one logged-in officer: their rights decide the
menus and pages. When another officer takes over on the lock screen
(``ui.lock_screen``), the window emits ``officer_switched`` and is replaced
by a new one (``replace_for_officer``) rather than patched in place, so
nothing of the previous officer's session can linger.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QWidget,
)

from desa_desktop.domain.reference import ROLES
from desa_desktop.services import accounts
from desa_desktop.services.accounts import VillageInfo
from desa_desktop.services.context import Change, OfficerInfo, ServiceContext
from desa_desktop.ui import dialogs
from desa_desktop.ui.accounts_page import AccountsPage
from desa_desktop.ui.activities_page import ActivitiesPage
from desa_desktop.ui.at_risk_page import AtRiskPage
from desa_desktop.ui.bin_page import BinPage
from desa_desktop.ui.cases_page import CasesPage
from desa_desktop.ui.groups_page import GroupsPage
from desa_desktop.ui.households_page import HouseholdsPage
from desa_desktop.ui.institutions_page import InstitutionsPage
from desa_desktop.ui.letters_page import LettersPage
from desa_desktop.ui.lock_screen import LOCK_SHORTCUT, SessionLock
from desa_desktop.ui.login_dialog import error_text
from desa_desktop.ui.operations import Operations
from desa_desktop.ui.registry_page import RegistryPage
from desa_desktop.ui.settings import WINDOW_GEOMETRY, Settings, lock_minutes
from desa_desktop.ui.tasks import TaskRunner
from desa_desktop.ui.translator import LanguageManager, tr, trf
from desa_desktop.ui.warnings_page import WarningsPage

PAGES = ("Registri warga", "Keluarga & kunjungan", "Kasus & pengaduan", "Peringatan dini",
         "Risiko keberangkatan", "Surat keluar", "Lembaga rujukan", "Kelompok usaha", "Kegiatan",
         "Tempat sampah", "Akun petugas")
#: Row of the case page in the side list (the follow-ups due today are shown there).
CASES_ROW = PAGES.index("Kasus & pengaduan")


class MainWindow(QMainWindow):
    """The pages of one officer's session, with the lock that guards them."""

    #: Another officer logged in on the lock screen; the app replaces this window
    #: (see ``replace_for_officer``).
    officer_switched = Signal(object)  # OfficerInfo
    #: A backup was put in place of the database file; the app opens it again.
    database_restored = Signal(object)  # Path

    def __init__(self, ctx: ServiceContext, runner: TaskRunner, village: VillageInfo,
                 settings: Settings, languages: LanguageManager, *, demo: bool = False) -> None:
        super().__init__()
        self.ctx, self.runner, self.village = ctx, runner, village
        self.settings, self.languages, self.demo = settings, languages, demo
        self.ops = Operations(ctx, runner, self)

        self.nav = QListWidget()
        self.nav.setFixedWidth(190)
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nav.setStyleSheet(
            "QListWidget { font-size: 11pt; } QListWidget::item { padding: 8px; }")
        self.stack = QStackedWidget()
        self.registry = RegistryPage(ctx, runner, self.ops)
        self.households = HouseholdsPage(ctx, runner, self.ops)
        self.cases = CasesPage(ctx, runner, self.ops)
        self.warnings = WarningsPage(ctx, runner, self.ops)
        self.at_risk = AtRiskPage(ctx, runner, self.ops)
        self.letters = LettersPage(ctx, runner, self.ops)
        self.institutions = InstitutionsPage(ctx, runner, self.ops)
        self.groups = GroupsPage(ctx, runner, self.ops)
        self.activities = ActivitiesPage(ctx, runner, self.ops)
        self.bin = BinPage(ctx, runner)
        self.accounts = AccountsPage(ctx, runner)
        for page in (self.registry, self.households, self.cases, self.warnings, self.at_risk,
                     self.letters, self.institutions, self.groups, self.activities, self.bin,
                     self.accounts):
            self.stack.addWidget(page)
        #: Pages filled when first shown (and refreshed on every visit): their lists
        #: are read on the worker, so opening the window stays quick.
        self._lazy_pages = (self.cases, self.warnings, self.at_risk, self.letters,
                            self.institutions, self.groups, self.activities, self.bin,
                            self.accounts)
        self.registry.sig_new_case.connect(self.new_case_for_person)
        self.warnings.sig_open_case.connect(self.open_case)
        self.at_risk.sig_open_person.connect(self.open_person)
        for _ in PAGES:
            self.nav.addItem("")
        self.nav.currentRowChanged.connect(self.show_page)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.message = QLabel()
        self.undo_button = QPushButton()
        self.undo_button.setFlat(True)
        self.undo_button.hide()
        self.undo_button.clicked.connect(self.ops.undo_stack.undo)
        self.who = QLabel()
        self.statusBar().addWidget(self.message, 1)
        self.statusBar().addWidget(self.undo_button)
        self.statusBar().addPermanentWidget(self.who)
        self._message_timer = QTimer(self, singleShot=True, interval=12_000)
        self._message_timer.timeout.connect(self._clear_message)

        db = ctx.db
        self.session_lock = SessionLock(
            self, ctx.officer or OfficerInfo("", "", "", ""),
            lambda username, password: accounts.login(db, username, password),
            village.name, village.post_name, lock_minutes(settings))
        self.session_lock.sig_switched.connect(self.officer_switched)
        self._build_menus()
        self.ops.sig_message.connect(self.show_message)
        self.ops.changed.connect(self._on_changed)
        self.bin.sig_restored.connect(self.ops.announce)
        self.nav.setCurrentRow(0)
        self.retranslate()
        geometry = settings.get(WINDOW_GEOMETRY)
        if geometry:
            self.restoreGeometry(geometry)
        else:
            self.resize(1366, 740)

    def _build_menus(self) -> None:
        self.menu_file, self.menu_edit, self.menu_data, self.menu_help = (
            self.menuBar().addMenu("") for _ in range(4))
        self.act_settings = QAction(self, shortcut=QKeySequence("Ctrl+,"),
                                    triggered=self.open_settings)
        self.act_quit = QAction(self, shortcut=QKeySequence("Ctrl+Q"), triggered=self.close)
        self.act_lock = QAction(self, shortcut=QKeySequence(LOCK_SHORTCUT),
                                triggered=lambda: self.session_lock.lock())
        self.act_switch = QAction(self, triggered=self.session_lock.switch_officer)
        self.act_recovery_sheet = QAction(self, triggered=self.reprint_recovery_sheet)
        self.act_recovery_sheet.setVisible(self.is_admin)
        self.act_backup = QAction(self, triggered=self.open_backups)
        self.menu_file.addActions([self.act_lock, self.act_switch])
        self.menu_file.addSeparator()
        self.menu_file.addActions([self.act_backup, self.act_recovery_sheet, self.act_settings])
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.act_quit)
        # Own actions rather than QUndoStack.createUndoAction, whose text prefix
        # ("Undo") would stay in English.
        stack = self.ops.undo_stack
        self.act_undo = QAction(self, shortcut=QKeySequence.StandardKey.Undo,
                                triggered=stack.undo, enabled=False)
        self.act_redo = QAction(self, shortcut=QKeySequence.StandardKey.Redo,
                                triggered=stack.redo, enabled=False)
        stack.canUndoChanged.connect(self.act_undo.setEnabled)
        stack.canRedoChanged.connect(self.act_redo.setEnabled)
        self.menu_edit.addActions([self.act_undo, self.act_redo])
        self.act_add_person = QAction(self, shortcut=QKeySequence("Ctrl+N"),
                                      triggered=self.add_person)
        self.act_add_household = QAction(self, shortcut=QKeySequence("Ctrl+Shift+N"),
                                         triggered=self.add_household)
        self.act_find = QAction(self, shortcut=QKeySequence("Ctrl+F"), triggered=self.find)
        self.menu_data.addActions([self.act_add_person, self.act_add_household, self.act_find])
        self.act_about = QAction(self, triggered=self.about)
        self.menu_help.addAction(self.act_about)

    # -- language ----------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        title = trf("Layanan Migrasi Desa {village}", village=self.village.name)
        if self.demo:
            title += " — " + tr("MODE DEMO")
        self.setWindowTitle(title)
        for row, name in enumerate(PAGES):
            self.nav.item(row).setText(tr(name))
        self.menu_file.setTitle(tr("&Berkas"))
        self.menu_edit.setTitle(tr("&Edit"))
        self.menu_data.setTitle(tr("&Data"))
        self.menu_help.setTitle(tr("Ban&tuan"))
        self.act_settings.setText(tr("Pengaturan…"))
        self.act_lock.setText(tr("Kunci layar"))
        self.act_switch.setText(tr("Ganti petugas…"))
        self.act_recovery_sheet.setText(tr("Cetak ulang lembar pemulihan…"))
        self.act_backup.setText(tr("Cadangan data…"))
        self.act_quit.setText(tr("Keluar"))
        self.act_undo.setText(tr("Urungkan"))
        self.act_redo.setText(tr("Ulangi"))
        self.act_add_person.setText(tr("Tambah orang…"))
        self.act_add_household.setText(tr("Tambah keluarga…"))
        self.act_find.setText(tr("Cari"))
        self.act_about.setText(tr("Tentang aplikasi"))
        self.undo_button.setText(tr("Urungkan (Ctrl+Z)"))
        officer = self.ctx.officer
        if officer is None:
            self.who.setText(trf("{name} · {post}", name="-", post=self.village.post_name))
        else:
            self.who.setText(trf("{name} ({role}) · {post}", name=officer.full_name,
                                 role=tr(ROLES.get(officer.role, officer.role)),
                                 post=self.village.post_name))
        self.who.setToolTip(tr("Petugas yang sedang masuk"))

    @property
    def is_admin(self) -> bool:
        return self.ctx.officer is not None and self.ctx.officer.role == "admin"

    # -- navigation and actions --------------------------------------------------------
    def show_page(self, row: int) -> None:
        self.stack.setCurrentIndex(row)
        page = self.stack.currentWidget()
        if page in self._lazy_pages:
            page.refresh()

    def new_case_for_person(self, person_id: str) -> None:
        self.nav.setCurrentRow(CASES_ROW)
        self.cases.new_case(person_id)

    def open_case(self, case_id: str) -> None:
        self.nav.setCurrentRow(CASES_ROW)
        self.cases.open_case(case_id)

    def open_person(self, person_id: str) -> None:
        self.nav.setCurrentRow(0)
        self.registry.select_person(person_id)

    def show_due_follow_ups(self) -> None:
        """On opening: when follow-ups are due today or overdue, show the case page
        (its list of them is at the top) and say how many."""
        from desa_desktop.services import follow_ups

        ctx = self.ctx

        def shown(items: list) -> None:
            if items:
                self.nav.setCurrentRow(CASES_ROW)
                self.show_message(trf("{count} tindak lanjut jatuh tempo hari ini atau "
                                      "terlambat.", count=len(items)))

        self.runner.run(lambda: follow_ups.due_follow_ups(ctx), shown, lambda _e: None)

    def add_person(self) -> None:
        self.nav.setCurrentRow(0)
        self.registry.add_person()

    def add_household(self) -> None:
        self.nav.setCurrentRow(1)
        self.households.add_household()

    def find(self) -> None:
        self.nav.setCurrentRow(0)
        self.registry.focus_search()

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.undo_button.setVisible(self.ops.undo_stack.canUndo())
        self._message_timer.start()

    def _clear_message(self) -> None:
        self.message.setText("")
        self.undo_button.hide()

    def _on_changed(self, change: Change) -> None:
        if change.action == "restored":
            self.show_message(tr("Data dipulihkan."))
            self.undo_button.hide()
        if self.stack.currentWidget() is self.bin:
            self.bin.refresh()

    def open_settings(self) -> None:
        from desa_desktop.ui.settings_dialog import SettingsDialog

        SettingsDialog(self.settings, self.languages, self, lock_editable=self.is_admin).exec()
        self.session_lock.set_minutes(lock_minutes(self.settings))

    def open_backups(self) -> None:
        """The backup list: back up now, to a USB stick, or restore (admin)."""
        from desa_desktop.ui.backup_dialog import BackupDialog

        dialog = BackupDialog(self.ctx, self.runner, self)
        dialog.restored.connect(self.database_restored)
        dialog.exec()

    def reprint_recovery_sheet(self) -> None:
        """Save the recovery-key sheet again (admin): the first print was lost or is
        to be replaced. Rendering runs on the worker; the key never reaches the screen."""
        from desa_desktop.ui.account_dialogs import ask_recovery_sheet_path, write_recovery_sheet

        if not self.is_admin:
            return
        path = ask_recovery_sheet_path(self, self.village)
        if path is None:
            return
        ctx, village = self.ctx, self.village
        self.runner.run(lambda: write_recovery_sheet(ctx, village, path),
                        self._recovery_sheet_saved, self._recovery_sheet_failed)

    def _recovery_sheet_saved(self, path: Path) -> None:
        from desa_desktop.ui.account_dialogs import recovery_sheet_saved_text

        choice = dialogs.choose(self, tr("Lembar pemulihan tersimpan"),
                                recovery_sheet_saved_text(path), [tr("Buka PDF"), tr("Tutup")],
                                default=0)
        if choice == 0:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def _recovery_sheet_failed(self, err: Exception) -> None:
        dialogs.warn(self, tr("Lembar pemulihan tidak dapat dibuat"), error_text(err))

    def about(self) -> None:
        from desa_desktop import __version__

        dialogs.inform(self, tr("Tentang aplikasi"), trf(
            "desa-desktop {version}\nAplikasi pos layanan migrasi desa, bekerja tanpa internet.",
            version=__version__))

    def closeEvent(self, event: QCloseEvent) -> None:
        self.session_lock.shutdown()
        self.settings.set(WINDOW_GEOMETRY, bytes(self.saveGeometry().data()))
        self.runner.wait()
        super().closeEvent(event)


def replace_for_officer(old: MainWindow, officer: OfficerInfo) -> MainWindow:
    """Build the main window for ``officer`` (who took over on the lock screen), show it
    where the old one was, and close the old one (its lock screen closes with it).

    The app calls this from its ``officer_switched`` handler and keeps the result;
    the new window is shown before the old closes, so the app never has no window.
    """
    ctx = ServiceContext(old.ctx.db, old.ctx.village_code, officer, today=old.ctx.today)
    new = MainWindow(ctx, old.runner, old.village, old.settings, old.languages, demo=old.demo)
    new.restoreGeometry(old.saveGeometry())
    new.show()
    new.raise_()
    new.activateWindow()
    old.close()
    old.deleteLater()
    return new

