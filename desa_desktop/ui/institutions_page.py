"""The directory of institutions the post refers cases to (Disnaker, BP3MI, police...).

It starts with the usual institutions of DOMAIN.md; the officer fills in the
addresses and the names of the people to call, which is what makes a
referral reach someone.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desa_desktop.domain.case_reference import INSTITUTION_KIND
from desa_desktop.services import institutions
from desa_desktop.services.context import EDITOR_ROLES, Change, ServiceContext
from desa_desktop.services.institutions import InstitutionInput, InstitutionView
from desa_desktop.ui import dialogs
from desa_desktop.ui.form_base import RecordForm
from desa_desktop.ui.operations import Operations
from desa_desktop.ui.referrals_panel import make_table
from desa_desktop.ui.tasks import TaskRunner
from desa_desktop.ui.translator import tr, trf
from desa_desktop.ui.widgets import CodeCombo

COLUMNS = ("Nama", "Jenis", "Alamat", "Telepon", "Email", "Kontak")


class InstitutionDialog(RecordForm):
    """Name, kind and how to reach an institution."""

    def __init__(self, ctx: ServiceContext, runner: TaskRunner,
                 institution: InstitutionView | None = None,
                 parent: QWidget | None = None) -> None:
        self.institution = institution
        key = f"institution:{institution.id}" if institution else "institution:new"
        super().__init__(ctx, runner, key, parent)
        if institution is not None:
            self.write_values({"name": institution.name, "kind": institution.kind,
                               "address": institution.address, "phone": institution.phone,
                               "email": institution.email,
                               "contact_person": institution.contact_person})
        self.resize(600, 470)
        self.fields["name"].setFocus()

    def title(self) -> str:
        return tr("Ubah data lembaga") if self.institution else tr("Lembaga baru")

    def build(self) -> None:
        self.add_field("name", "&Nama lembaga", QLineEdit())
        self.add_field("kind", "&Jenis", CodeCombo(INSTITUTION_KIND))
        address = QPlainTextEdit()
        address.setTabChangesFocus(True)
        address.setFixedHeight(64)
        address.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.add_field("address", "&Alamat", address)
        self.add_field("phone", "&Telepon", QLineEdit())
        self.add_field("email", "&Email", QLineEdit())
        self.add_field("contact_person", "&Kontak (nama petugas)", QLineEdit())
        self.finish_fields()

    def make_input(self, values: dict[str, Any]) -> InstitutionInput:
        return InstitutionInput(name=values["name"], kind=values["kind"],
                                address=values["address"], phone=values["phone"],
                                email=values["email"], contact_person=values["contact_person"])

    def save(self, data: InstitutionInput, confirmed: bool) -> Change:
        if self.institution is None:
            return institutions.create_institution(self.ctx, data)
        return institutions.update_institution(self.ctx, self.institution.id, data)


class InstitutionsPage(QWidget):
    """The editable directory of referral institutions."""

    def __init__(self, ctx: ServiceContext, runner: TaskRunner, ops: Operations,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.runner, self.ops = ctx, runner, ops
        self.rows: list[InstitutionView] = []
        self.filter_box = QLineEdit()
        self.filter_box.setClearButtonEnabled(True)
        self.table = make_table(len(COLUMNS))
        self.count_label = QLabel()
        self.add_button, self.edit_button, self.delete_button = (
            QPushButton() for _ in range(3))
        top = QHBoxLayout()
        top.addWidget(self.filter_box, 1)
        for button in (self.add_button, self.edit_button, self.delete_button):
            top.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)

        editor = ctx.officer is not None and ctx.officer.role in EDITOR_ROLES
        self.add_button.setEnabled(editor)
        self.filter_box.textChanged.connect(lambda _t: self._fill())
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        ops.changed.connect(self.on_changed)
        self.retranslate()
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.filter_box.setPlaceholderText(tr("Saring nama, jenis atau alamat lembaga…"))
        self.add_button.setText(tr("&Tambah lembaga"))
        self.edit_button.setText(tr("Buka / ubah"))
        self.delete_button.setText(tr("Hapus"))
        self.table.setHorizontalHeaderLabels([tr(c) for c in COLUMNS])
        self._fill()

    def refresh(self) -> None:
        self.rows = institutions.list_institutions(self.ctx)
        self._fill()

    def _visible(self) -> list[InstitutionView]:
        words = self.filter_box.text().lower().split()
        if not words:
            return self.rows
        return [i for i in self.rows
                if all(w in f"{i.name} {tr(INSTITUTION_KIND.get(i.kind, ''))} {i.address}"
                       .lower() for w in words)]

    def _fill(self) -> None:
        selected = self.selected()
        rows = self._visible()
        self.table.setRowCount(len(rows))
        for r, inst in enumerate(rows):
            cells = [inst.name, tr(INSTITUTION_KIND.get(inst.kind, inst.kind)),
                     " ".join(inst.address.split()), inst.phone, inst.email,
                     inst.contact_person]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, inst.id)
                if c in (0, 2) and text:
                    item.setToolTip(inst.name if c == 0 else inst.address)
                self.table.setItem(r, c, item)
            if selected is not None and inst.id == selected.id:
                self.table.selectRow(r)
        self.table.resizeColumnsToContents()
        for column, most in ((0, 330), (2, 260)):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), most))
        self.count_label.setText(trf("{n} lembaga", n=len(rows)))
        self._update_buttons()

    def selected(self) -> InstitutionView | None:
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 else None
        if item is None or not self.table.selectionModel().hasSelection():
            return None
        inst_id = item.data(Qt.ItemDataRole.UserRole)
        return next((i for i in self.rows if i.id == inst_id), None)

    def select_institution(self, institution_id: str) -> None:
        for r in range(self.table.rowCount()):
            if self.table.item(r, 0).data(Qt.ItemDataRole.UserRole) == institution_id:
                self.table.selectRow(r)

    def _update_buttons(self) -> None:
        editor = self.ctx.officer is not None and self.ctx.officer.role in EDITOR_ROLES
        for button in (self.edit_button, self.delete_button):
            button.setEnabled(editor and self.selected() is not None)

    def on_changed(self, change: Change) -> None:
        if change.entity == "institution":
            self.refresh()
            if change.action == "created" and change.ids:
                self.select_institution(change.ids[0])

    # -- actions -------------------------------------------------------------------------
    def _open(self, dialog: InstitutionDialog) -> None:
        dialog.saved.connect(self.ops.announce)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.restore_draft()
        dialog.open()

    def add(self) -> None:
        self._open(InstitutionDialog(self.ctx, self.runner, None, self))

    def edit_selected(self) -> None:
        if (inst := self.selected()) is not None and self.edit_button.isEnabled():
            self._open(InstitutionDialog(self.ctx, self.runner, inst, self))

    def delete_selected(self) -> None:
        """Ask first: the directory has no undo (earlier referrals keep the name)."""
        if (inst := self.selected()) is None:
            return
        choice = dialogs.choose(
            self, tr("Hapus lembaga"),
            trf("Hapus {name} dari daftar lembaga? Rujukan yang sudah ada tetap menyimpan "
                "nama lembaga ini.", name=inst.name),
            [tr("Hapus"), tr("Batal")], default=1)
        if choice == 0:
            ctx, inst_id = self.ctx, inst.id
            self.ops.run(lambda: institutions.delete_institution(ctx, inst_id))
