"""The households page: families (KK), their members and outreach visits.

Visits typed long after they happened, or collected second-hand, are marked
in the list so that back-entered data stays visible as such.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desa_desktop.domain.formatting import short_date
from desa_desktop.domain.reference import (
    COLLECTION_METHOD,
    RELATION_TO_HEAD,
    STATUS_SHORT,
    VISIT_KIND,
    VISIT_OUTCOME,
)
from desa_desktop.services import households, visits
from desa_desktop.services.context import Change, ServiceContext
from desa_desktop.services.errors import NotFoundError
from desa_desktop.ui.operations import Operations
from desa_desktop.ui.tasks import TaskRunner
from desa_desktop.ui.translator import tr, trf

LIST_LIMIT = 500
_HH_COLUMNS = ("Kepala keluarga", "No. KK", "Dusun", "RT/RW")
_MEMBER_COLUMNS = ("Nama", "Hubungan", "Status", "Tgl lahir")
_VISIT_COLUMNS = ("Tanggal", "Jenis", "Hasil", "Kunjungan ulang", "Cara", "Petugas", "Catatan")


def _table(columns: int) -> QTableWidget:
    table = QTableWidget(0, columns)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    table.horizontalHeader().setStretchLastSection(True)
    table.setWordWrap(False)
    table.verticalHeader().setDefaultSectionSize(24)
    return table


def _fill(table: QTableWidget, rows: list[tuple[str, list[str]]]) -> None:
    table.setRowCount(len(rows))
    for r, (record_id, cells) in enumerate(rows):
        for c, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, record_id)
            table.setItem(r, c, item)


def _selected(table: QTableWidget) -> str | None:
    item = table.item(table.currentRow(), 0) if table.currentRow() >= 0 else None
    return item.data(Qt.ItemDataRole.UserRole) if item else None


class HouseholdsPage(QWidget):
    def __init__(self, ctx: ServiceContext, runner: TaskRunner, ops: Operations,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.runner, self.ops = ctx, runner, ops
        self.rows: list[households.HouseholdView] = []
        self.search_box = QLineEdit()
        self.search_box.setClearButtonEnabled(True)
        self.note = QLabel()
        self.table = _table(len(_HH_COLUMNS))
        self.add_button, self.edit_button, self.delete_button = (QPushButton() for _ in range(3))
        self.members_box, self.visits_box = QGroupBox(), QGroupBox()
        self.members = _table(len(_MEMBER_COLUMNS))
        self.visits = _table(len(_VISIT_COLUMNS))
        self.add_member_button, self.add_visit_button, self.delete_visit_button = (
            QPushButton() for _ in range(3))

        left = QVBoxLayout()
        left.addWidget(self.search_box)
        buttons = QHBoxLayout()
        for b in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        left.addLayout(buttons)
        left.addWidget(self.table, 1)
        left.addWidget(self.note)
        members_layout = QVBoxLayout(self.members_box)
        members_layout.addWidget(self.members)
        members_layout.addWidget(self.add_member_button, 0, Qt.AlignmentFlag.AlignLeft)
        visits_layout = QVBoxLayout(self.visits_box)
        visits_layout.addWidget(self.visits)
        row = QHBoxLayout()
        row.addWidget(self.add_visit_button)
        row.addWidget(self.delete_visit_button)
        row.addStretch(1)
        visits_layout.addLayout(row)
        right = QVBoxLayout()
        right.addWidget(self.members_box, 1)
        right.addWidget(self.visits_box, 1)
        left_w, right_w = QWidget(), QWidget()
        left_w.setLayout(left)
        right_w.setLayout(right)
        splitter = QSplitter()
        splitter.addWidget(left_w)
        splitter.addWidget(right_w)
        splitter.setSizes([600, 680])
        QVBoxLayout(self).addWidget(splitter)

        self._timer = QTimer(self, singleShot=True, interval=150)
        self._timer.timeout.connect(self.reload)
        self.search_box.textChanged.connect(lambda _t: self._timer.start())
        self.table.itemSelectionChanged.connect(self.refresh_detail)
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        self.add_button.clicked.connect(self.add_household)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.add_member_button.clicked.connect(self.add_member)
        self.add_visit_button.clicked.connect(self.add_visit)
        self.delete_visit_button.clicked.connect(self.delete_visit)
        ops.changed.connect(self.on_changed)
        self.retranslate()
        self.reload()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.search_box.setPlaceholderText(tr("Cari No. KK atau nama kepala keluarga…"))
        self.add_button.setText(tr("Tambah keluarga"))
        self.edit_button.setText(tr("Buka / ubah"))
        self.delete_button.setText(tr("Hapus"))
        self.members_box.setTitle(tr("Anggota keluarga"))
        self.visits_box.setTitle(tr("Kunjungan (pendataan / penjangkauan)"))
        self.add_member_button.setText(tr("Tambah anggota"))
        self.add_visit_button.setText(tr("Catat kunjungan"))
        self.delete_visit_button.setText(tr("Hapus kunjungan"))
        for table, columns in ((self.table, _HH_COLUMNS), (self.members, _MEMBER_COLUMNS),
                               (self.visits, _VISIT_COLUMNS)):
            table.setHorizontalHeaderLabels([tr(c) for c in columns])
        self._show_note()
        self.refresh_detail()

    def _show_note(self) -> None:
        if len(self.rows) >= LIST_LIMIT:
            self.note.setText(trf("Menampilkan {n} keluarga pertama; ketik untuk mencari.",
                                  n=LIST_LIMIT))
        else:
            self.note.setText(trf("{n} keluarga", n=len(self.rows)))

    def reload(self) -> None:
        selected = _selected(self.table)
        self.rows = households.find_households(self.ctx, self.search_box.text(), LIST_LIMIT)
        _fill(self.table, [(h.id, [h.head_name, h.kk_number, h.dusun,
                                   f"{h.rt}/{h.rw}" if h.rt or h.rw else ""])
                           for h in self.rows])
        self.table.resizeColumnsToContents()
        for r, h in enumerate(self.rows):
            if h.id == selected:
                self.table.selectRow(r)
        self._show_note()

    def selected_id(self) -> str | None:
        return _selected(self.table)

    def refresh_detail(self) -> None:
        household_id = self.selected_id()
        for b in (self.edit_button, self.delete_button, self.add_member_button,
                  self.add_visit_button, self.delete_visit_button):
            b.setEnabled(household_id is not None)
        if household_id is None:
            _fill(self.members, [])
            _fill(self.visits, [])
            return
        try:
            members = households.list_members(self.ctx, household_id)
            visit_rows = visits.list_visits(self.ctx, household_id)
        except NotFoundError:
            return
        _fill(self.members, [(m.id, [m.full_name, tr(RELATION_TO_HEAD.get(m.relation_to_head,
                                                                          "")),
                                     tr(STATUS_SHORT.get(m.status, m.status)),
                                     short_date(m.birth_date)]) for m in members])
        rows = []
        for v in visit_rows:
            notes = v.notes
            if v.back_entered:
                notes = trf("[diketik {typed}] {notes}", typed=short_date(v.typed_at.date()),
                            notes=notes)
            rows.append((v.id, [short_date(v.visit_date), tr(VISIT_KIND.get(v.kind, v.kind)),
                                tr(VISIT_OUTCOME.get(v.outcome, v.outcome)),
                                short_date(v.follow_up_date),
                                tr(COLLECTION_METHOD.get(v.collection_method, "")),
                                v.officer_name, notes]))
        _fill(self.visits, rows)
        self.members.resizeColumnsToContents()
        self.visits.resizeColumnsToContents()

    def on_changed(self, change: Change) -> None:
        if change.entity in ("household", "person", "visit"):
            self.reload()
            self.refresh_detail()

    # -- actions -----------------------------------------------------------------------
    def _open_form(self, form: QWidget) -> None:
        form.saved.connect(self.ops.announce)
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.restore_draft()
        form.open()

    def add_household(self) -> None:
        from desa_desktop.ui.household_form import HouseholdForm

        self._open_form(HouseholdForm(self.ctx, self.runner, None, self))

    def edit_selected(self) -> None:
        if (household_id := self.selected_id()) is not None:
            from desa_desktop.ui.household_form import HouseholdForm

            self._open_form(HouseholdForm(self.ctx, self.runner, household_id, self))

    def delete_selected(self) -> None:
        if (household_id := self.selected_id()) is not None:
            head = self.table.item(self.table.currentRow(), 0).text()
            self.ops.delete_household(household_id, head)

    def add_member(self) -> None:
        if (household_id := self.selected_id()) is not None:
            from desa_desktop.ui.person_form import PersonForm

            self._open_form(PersonForm(self.ctx, self.runner, None, self,
                                       household_id=household_id))

    def add_visit(self) -> None:
        if (household_id := self.selected_id()) is not None:
            from desa_desktop.ui.visit_form import VisitForm

            self._open_form(VisitForm(self.ctx, self.runner, household_id, self))

    def delete_visit(self) -> None:
        if (visit_id := _selected(self.visits)) is not None:
            self.ops.delete_visit(visit_id)
