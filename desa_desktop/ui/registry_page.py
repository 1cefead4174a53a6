"""The registry page: search as you type, filters, the person list and details.

Search runs on every keystroke (after a short pause of typing) against the
FTS index; the count of matches is computed on the worker thread so typing
never waits for it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelection, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desa_desktop.domain.formatting import thousands
from desa_desktop.domain.reference import COUNTRIES, STATUS_SHORT
from desa_desktop.services import households, persons, placements, search
from desa_desktop.services.context import Change, ServiceContext
from desa_desktop.services.errors import NotFoundError
from desa_desktop.ui.operations import Operations
from desa_desktop.ui.person_detail import PersonDetail
from desa_desktop.ui.person_table_model import PersonTableModel
from desa_desktop.ui.tasks import TaskRunner
from desa_desktop.ui.translator import tr, trf

SEARCH_DELAY_MS = 120


class RegistryPage(QWidget):
    """Find, open, add and delete persons."""

    sig_open_person = Signal(str)
    #: The officer asked for a new case for this person (from the person pane).
    sig_new_case = Signal(str)

    def __init__(self, ctx: ServiceContext, runner: TaskRunner, ops: Operations,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.runner, self.ops = ctx, runner, ops
        self._count_token = 0
        self._count: int | None = None
        self._countries: list[str] = []
        self._dusun: list[str] = []

        self.search_box = QLineEdit()
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setMinimumWidth(320)
        self.status_filter = QComboBox()
        self.dusun_filter = QComboBox()
        self.dusun_filter.setProperty("data_items", True)  # hamlet names are data
        self.country_filter = QComboBox()
        self.count_label = QLabel()
        self.add_button = QPushButton()
        self.edit_button = QPushButton()
        self.delete_button = QPushButton()

        self.model = PersonTableModel(ctx.db)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((170, 152, 34, 78, 86, 80, 110, 58)):
            self.table.setColumnWidth(column, width)
        self.detail = PersonDetail()

        top = QHBoxLayout()
        top.addWidget(self.search_box, 2)
        for combo in (self.status_filter, self.dusun_filter, self.country_filter):
            top.addWidget(combo, 1)
        actions = QHBoxLayout()
        actions.addWidget(self.count_label, 1)
        for button in (self.add_button, self.edit_button, self.delete_button):
            actions.addWidget(button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(top)
        left_layout.addLayout(actions)
        left_layout.addWidget(self.table, 1)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([880, 380])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.run_search)
        self.search_box.textChanged.connect(lambda _t: self._search_timer.start())
        self.search_box.returnPressed.connect(self.run_search)
        for combo in (self.status_filter, self.dusun_filter, self.country_filter):
            combo.currentIndexChanged.connect(lambda _i: self.run_search())
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        self.add_button.clicked.connect(self.add_person)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.detail.sig_add_placement.connect(self.add_placement)
        self.detail.sig_edit_placement.connect(self.edit_placement)
        self.detail.sig_delete_placement.connect(self.ops.delete_placement)
        self.detail.sig_new_case.connect(self.sig_new_case)
        QShortcut(QKeySequence.StandardKey.Find, self, activated=self.focus_search)
        QShortcut(QKeySequence(Qt.Key.Key_Delete), self.table, activated=self.delete_selected)
        QShortcut(QKeySequence(Qt.Key.Key_Return), self.table, activated=self.edit_selected)
        ops.changed.connect(self.on_changed)

        self.retranslate()
        self.reload_filters()
        self.run_search()

    # -- language ----------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.search_box.setPlaceholderText(tr("Cari nama, NIK atau No. KK… (Ctrl+F)"))
        self.add_button.setText(tr("Tambah orang"))
        self.add_button.setToolTip(tr("Daftarkan orang baru (Ctrl+N)"))
        self.edit_button.setText(tr("Buka / ubah"))
        self.edit_button.setToolTip(tr("Buka data yang dipilih (Enter)"))
        self.delete_button.setText(tr("Hapus"))
        self.delete_button.setToolTip(tr("Pindahkan ke tempat sampah (Delete); Ctrl+Z membatalkan"))
        self._fill_combo(self.status_filter, tr("Semua status"),
                         [(tr(label), code) for code, label in STATUS_SHORT.items()])
        self._fill_combo(self.dusun_filter, tr("Semua dusun"), [(d, d) for d in self._dusun])
        self._fill_combo(self.country_filter, tr("Semua negara"),
                         [(tr(COUNTRIES.get(c, c)), c) for c in self._countries])
        self.model.retranslate()
        self._show_count(self._count)

    @staticmethod
    def _fill_combo(combo: QComboBox, everything: str, items: list[tuple[str, str]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everything, "")
        for text, code in items:
            combo.addItem(text, code)
        combo.setCurrentIndex(max(combo.findData(current), 0) if current else 0)
        combo.blockSignals(False)

    # -- searching ---------------------------------------------------------------------
    def reload_filters(self) -> None:
        self._dusun = households.list_dusun(self.ctx)
        self._countries = search.countries_in_use(self.ctx.db)
        self.retranslate()

    def current_query(self) -> search.PersonQuery:
        return search.PersonQuery(
            text=self.search_box.text(),
            status=self.status_filter.currentData() or "",
            dusun=self.dusun_filter.currentData() or "",
            country=self.country_filter.currentData() or "",
        )

    def run_search(self) -> None:
        self._search_timer.stop()
        selected = self.selected_id()
        self.model.set_query(self.current_query())
        self._restore_selection(selected)
        self._count_token += 1
        token, query, db = self._count_token, self.model.query, self.ctx.db
        self._show_count(None)
        self.runner.run(lambda: search.count_matches(db, query),
                        lambda n: self._count_done(token, n), lambda _e: None)

    def _count_done(self, token: int, count: int) -> None:
        if token == self._count_token:
            self._show_count(count)

    def _show_count(self, count: int | None) -> None:
        self._count = count
        if count is None:
            self.count_label.setText(tr("Menghitung…"))
        else:
            self.count_label.setText(trf("{n} orang", n=thousands(count)))

    def focus_search(self) -> None:
        self.search_box.setFocus()
        self.search_box.selectAll()

    # -- selection and details ---------------------------------------------------------
    def selected_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_id(rows[0].row()) if rows else None

    def _restore_selection(self, person_id: str | None) -> None:
        row = self.model.row_of(person_id) if person_id else -1
        if row >= 0:
            self.table.selectRow(row)
        else:
            self.detail.show_person(None)

    def select_person(self, person_id: str) -> None:
        """Show one person (e.g. an existing duplicate): search their NIK or name."""
        try:
            person = persons.get_person(self.ctx, person_id)
        except NotFoundError:
            return
        self.search_box.blockSignals(True)
        self.search_box.setText(person.nik or person.full_name)
        self.search_box.blockSignals(False)
        for combo in (self.status_filter, self.dusun_filter, self.country_filter):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.run_search()
        self._restore_selection(person_id)

    def _selection_changed(self, _new: QItemSelection, _old: QItemSelection) -> None:
        self.refresh_detail()

    def refresh_detail(self) -> None:
        person_id = self.selected_id()
        if person_id is None:
            self.detail.show_person(None)
            return
        try:
            person = persons.get_person(self.ctx, person_id)
            household = (households.get_household(self.ctx, person.household_id)
                         if person.household_id else None)
        except NotFoundError:
            self.detail.show_person(None)
            return
        self.detail.show_person(person, household,
                                placements.list_placements(self.ctx, person_id))

    def on_changed(self, change: Change) -> None:
        if change.entity in ("person", "household", "placement"):
            if change.entity == "placement" or change.action in ("created", "restored"):
                self.reload_filters()
            self.model.reload()
            new_person = (change.ids[0] if change.entity == "person" and change.ids
                          and change.action in ("created", "restored") else None)
            self._restore_selection(self.selected_id() or new_person)
            self.refresh_detail()
            self.run_count_only()

    def run_count_only(self) -> None:
        self._count_token += 1
        token, query, db = self._count_token, self.model.query, self.ctx.db
        self.runner.run(lambda: search.count_matches(db, query),
                        lambda n: self._count_done(token, n), lambda _e: None)

    # -- actions -----------------------------------------------------------------------
    def _open_form(self, form: QWidget) -> None:
        form.saved.connect(self.ops.announce)
        form.sig_open_existing.connect(self._open_existing_from_form)
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.restore_draft()
        form.open()

    def _open_existing_from_form(self, record_id: str) -> None:
        sender = self.sender()
        if sender is not None:
            sender.done(0)
        self.select_person(record_id)

    def add_person(self) -> None:
        from desa_desktop.ui.person_form import PersonForm

        self._open_form(PersonForm(self.ctx, self.runner, None, self))

    def edit_selected(self) -> None:
        person_id = self.selected_id()
        if person_id is None:
            return
        from desa_desktop.ui.person_form import PersonForm

        self._open_form(PersonForm(self.ctx, self.runner, person_id, self))

    def delete_selected(self) -> None:
        person_id = self.selected_id()
        if person_id is None:
            return
        row = self.model.row_of(person_id)
        self.ops.delete_person(person_id, self.model.rows[row].full_name)

    def add_placement(self) -> None:
        person_id = self.selected_id()
        if person_id is None:
            return
        from desa_desktop.ui.placement_form import PlacementForm

        self._open_form(PlacementForm(self.ctx, self.runner, person_id, None, self))

    def edit_placement(self, placement_id: str) -> None:
        person_id = self.selected_id()
        if person_id is None:
            return
        from desa_desktop.ui.placement_form import PlacementForm

        self._open_form(PlacementForm(self.ctx, self.runner, person_id, placement_id, self))
