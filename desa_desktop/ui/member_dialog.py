"""The members of a group: enrolling registered persons, roles, leaving.

A member is always a person of the registry (picked, not typed), so the
district can see whom the empowerment pillar reaches. A member who leaves
stays in the member book with a leaving date; their lines in the cash book
keep their name.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desa_desktop.domain.formatting import short_date
from desa_desktop.domain.ledger_reference import MEMBER_ROLE
from desa_desktop.domain.nik import format_nik
from desa_desktop.services import groups
from desa_desktop.services.context import Change, ServiceContext
from desa_desktop.services.groups import MemberView
from desa_desktop.ui.cashbook_tab import BookTab
from desa_desktop.ui.entry_dialog import MUTED, ActionDialog
from desa_desktop.ui.form_base import FieldError
from desa_desktop.ui.operations import Operations
from desa_desktop.ui.person_picker import PersonPicker
from desa_desktop.ui.referrals_panel import make_table
from desa_desktop.ui.tasks import TaskRunner
from desa_desktop.ui.translator import tr, trf
from desa_desktop.ui.widgets import CodeCombo, DateField

COLUMNS = ("No.", "Nama", "NIK", "Peran", "Tgl. masuk", "Tgl. keluar")


class MemberDialog(ActionDialog):
    """Pick a registered person, the date they joined and their role."""

    def __init__(self, ctx: ServiceContext, runner: TaskRunner, group_id: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, runner, parent)
        self.group_id = group_id
        self.person_id: str | None = None
        self.picker = PersonPicker(ctx)
        self.chosen = QLabel()
        self.chosen.setProperty("data", True)
        self.chosen.setStyleSheet("font-weight: bold;")
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.picker)
        column.addWidget(self.chosen)
        self.add_row("person_id", "&Orang", box)
        day = self.add_row("joined_on", "&Tanggal masuk", DateField())
        assert isinstance(day, DateField)
        day.set_value(ctx.today())
        self.role = self.add_row("role", "&Peran", CodeCombo(MEMBER_ROLE))
        self.role.set_code("anggota")  # type: ignore[attr-defined]
        self.picker.sig_picked.connect(self.pick)
        self.retranslate()
        self.resize(560, 420)
        self.picker.setFocus()

    def pick(self, person_id: str, name: str) -> None:
        self.person_id = person_id
        self.chosen.setText(name)
        self.errors["person_id"].show_message("")
        self.fields["joined_on"].setFocus()

    def retranslate_texts(self) -> None:
        self.setWindowTitle(tr("Tambah anggota"))
        self.intro.setText(tr("Anggota dipilih dari data penduduk. Bila orangnya belum "
                              "terdaftar, daftarkan dulu di halaman Penduduk."))
        self.ok_button.setText(tr("&Tambahkan"))
        self.ok_button.setAutoDefault(False)

    def action(self) -> Callable[[], Change]:
        if self.person_id is None:
            raise FieldError("person_id", tr("Pilih orang dari data penduduk."))
        joined = self.date_of("joined_on", "Isi tanggal masuk.")
        ctx, group_id, person_id = self.ctx, self.group_id, self.person_id
        role = str(self.role.code())  # type: ignore[attr-defined]
        return lambda: groups.add_member(ctx, group_id, person_id, joined_on=joined, role=role)


class RoleDialog(ActionDialog):
    """Change a member's role (one ketua, sekretaris and bendahara at a time)."""

    def __init__(self, ctx: ServiceContext, runner: TaskRunner, member: MemberView,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, runner, parent)
        self.member = member
        self.role = self.add_row("role", "&Peran", CodeCombo(MEMBER_ROLE))
        self.role.set_code(member.role)  # type: ignore[attr-defined]
        self.retranslate()
        self.resize(440, 200)

    def retranslate_texts(self) -> None:
        self.setWindowTitle(trf("Peran {name}", name=self.member.full_name))
        self.intro.setText(tr("Ketua, sekretaris dan bendahara masing-masing dipegang satu "
                              "orang pada satu waktu."))
        self.ok_button.setText(tr("Simpan"))

    def action(self) -> Callable[[], Change]:
        ctx, member_id = self.ctx, self.member.id
        role = str(self.role.code())  # type: ignore[attr-defined]
        return lambda: groups.set_member_role(ctx, member_id, role)


class LeaveDialog(ActionDialog):
    """Record the day a member left (savings paid back and loans settled first)."""

    def __init__(self, ctx: ServiceContext, runner: TaskRunner, member: MemberView,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, runner, parent)
        self.member = member
        day = self.add_row("left_on", "&Tanggal keluar", DateField())
        assert isinstance(day, DateField)
        day.set_value(ctx.today())
        self.retranslate()
        self.resize(480, 240)

    def retranslate_texts(self) -> None:
        self.setWindowTitle(trf("{name} keluar dari kelompok", name=self.member.full_name))
        self.intro.setText(tr("Simpanan anggota harus sudah dikembalikan dan pinjamannya "
                              "lunas. Riwayatnya tetap ada di buku kas."))
        self.ok_button.setText(tr("Catat &keluar"))

    def action(self) -> Callable[[], Change]:
        left = self.date_of("left_on", "Isi tanggal keluar.")
        ctx, member_id = self.ctx, self.member.id
        return lambda: groups.member_leaves(ctx, member_id, left_on=left)


class MembersTab(BookTab):
    """The member book of a group."""

    def __init__(self, ctx: ServiceContext, runner: TaskRunner, ops: Operations,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, runner, ops, parent)
        self.rows: list[MemberView] = []
        self.show_left = QCheckBox()
        self.count_label = QLabel()
        self.add_button, self.role_button, self.leave_button = (QPushButton() for _ in range(3))
        self.table = make_table(len(COLUMNS))
        for column, width in enumerate((44, 240, 170, 110, 90)):
            self.table.setColumnWidth(column, width)
        top = QHBoxLayout()
        top.addWidget(self.show_left)
        top.addStretch(1)
        for button in (self.add_button, self.role_button, self.leave_button):
            top.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)
        self.show_left.toggled.connect(lambda _b: self._fill())
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _i: self.change_role())
        self.add_button.clicked.connect(self.add_member)
        self.role_button.clicked.connect(self.change_role)
        self.leave_button.clicked.connect(self.member_leaves)
        self.retranslate()

    def retranslate(self) -> None:
        self.show_left.setText(tr("Tampilkan yang sudah kelua&r"))
        self.add_button.setText(tr("&Tambah anggota…"))
        self.role_button.setText(tr("Ubah &peran…"))
        self.leave_button.setText(tr("Keluar dari kelompok…"))
        self.table.setHorizontalHeaderLabels([tr(c) for c in COLUMNS])
        self._fill()

    def request(self) -> Callable[[], list[MemberView]]:
        ctx, group_id = self.ctx, self.group_id
        assert group_id is not None
        return lambda: groups.list_members(ctx, group_id, include_left=True)

    def show_data(self, data: list[MemberView]) -> None:
        self.rows = data
        self._fill()

    def clear(self) -> None:
        self.rows = []
        self._fill()

    def _visible(self) -> list[MemberView]:
        return [m for m in self.rows if m.active or self.show_left.isChecked()]

    def _fill(self) -> None:
        selected = self.selected()
        rows = self._visible()
        self.table.setRowCount(len(rows))
        for r, m in enumerate(rows):
            cells = [str(m.member_no), m.full_name, format_nik(m.nik) if m.nik else "-",
                     tr(MEMBER_ROLE.get(m.role, m.role)), short_date(m.joined_on),
                     short_date(m.left_on)]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, m.id)
                if not m.active:
                    item.setForeground(QBrush(MUTED))
                if c == 3 and m.role != "anggota":
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(r, c, item)
            if selected is not None and selected.id == m.id:
                self.table.selectRow(r)
        active = sum(1 for m in self.rows if m.active)
        self.count_label.setText(trf("{n} anggota aktif, {left} sudah keluar", n=active,
                                     left=len(self.rows) - active))
        self._update_buttons()

    def selected(self) -> MemberView | None:
        if not self.table.selectionModel().hasSelection():
            return None
        item = self.table.item(self.table.currentRow(), 0)
        member_id = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return next((m for m in self.rows if m.id == member_id), None)

    def _update_buttons(self) -> None:
        member = self.selected()
        live = member is not None and member.active
        self.add_button.setEnabled(self.editor and self.group_id is not None)
        self.role_button.setEnabled(self.editor and live)
        self.leave_button.setEnabled(self.editor and live)

    def _open(self, dialog: ActionDialog) -> ActionDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.done.connect(self.ops.announce)
        self.dialog = dialog
        dialog.open()
        return dialog

    def add_member(self) -> ActionDialog | None:
        if self.group_id is None or not self.add_button.isEnabled():
            return None
        return self._open(MemberDialog(self.ctx, self.runner, self.group_id, self))

    def change_role(self) -> ActionDialog | None:
        member = self.selected()
        if member is None or not self.role_button.isEnabled():
            return None
        return self._open(RoleDialog(self.ctx, self.runner, member, self))

    def member_leaves(self) -> ActionDialog | None:
        member = self.selected()
        if member is None or not self.leave_button.isEnabled():
            return None
        return self._open(LeaveDialog(self.ctx, self.runner, member, self))
