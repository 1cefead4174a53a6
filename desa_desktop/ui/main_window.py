"""The main window: a side list of pages, menus with keyboard shortcuts,
undo, and a status bar saying who is logged in where."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QWidget,
)

from desa_desktop.services.accounts import VillageInfo
from desa_desktop.services.context import Change, ServiceContext
from desa_desktop.ui import dialogs
from desa_desktop.ui.bin_page import BinPage
from desa_desktop.ui.households_page import HouseholdsPage
from desa_desktop.ui.operations import Operations
from desa_desktop.ui.registry_page import RegistryPage
from desa_desktop.ui.settings import WINDOW_GEOMETRY, Settings
from desa_desktop.ui.tasks import TaskRunner
from desa_desktop.ui.translator import LanguageManager, tr, trf

PAGES = ("Registri warga", "Keluarga & kunjungan", "Tempat sampah")


class MainWindow(QMainWindow):
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
        self.bin = BinPage(ctx, runner)
        for page in (self.registry, self.households, self.bin):
            self.stack.addWidget(page)
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
        self.menu_file.addActions([self.act_settings, self.act_quit])
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
        self.act_quit.setText(tr("Keluar"))
        self.act_undo.setText(tr("Urungkan"))
        self.act_redo.setText(tr("Ulangi"))
        self.act_add_person.setText(tr("Tambah orang…"))
        self.act_add_household.setText(tr("Tambah keluarga…"))
        self.act_find.setText(tr("Cari"))
        self.act_about.setText(tr("Tentang aplikasi"))
        self.undo_button.setText(tr("Urungkan (Ctrl+Z)"))
        officer = self.ctx.officer
        self.who.setText(trf("{name} · {post}", name=officer.full_name if officer else "-",
                             post=self.village.post_name))

    # -- navigation and actions --------------------------------------------------------
    def show_page(self, row: int) -> None:
        self.stack.setCurrentIndex(row)
        if self.stack.currentWidget() is self.bin:
            self.bin.refresh()

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

        SettingsDialog(self.settings, self.languages, self).exec()

    def about(self) -> None:
        from desa_desktop import __version__

        dialogs.inform(self, tr("Tentang aplikasi"), trf(
            "desa-desktop {version}\nAplikasi pos layanan migrasi desa, bekerja tanpa internet.",
            version=__version__))

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.set(WINDOW_GEOMETRY, bytes(self.saveGeometry().data()))
        self.runner.wait()
        super().closeEvent(event)

