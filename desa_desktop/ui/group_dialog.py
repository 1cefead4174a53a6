"""The form of a business group: name, kind, business, founding date, status.

Officers (ketua, sekretaris, bendahara) are not typed here: they are
members with a role (the "Anggota" tab), so a chair is always a registered
person the post knows.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QSizePolicy, QWidget

from desa_desktop.domain.formatting import short_date
from desa_desktop.domain.ledger_reference import GROUP_KIND, GROUP_STATUS
from desa_desktop.services import groups
from desa_desktop.services.context import Change, ServiceContext
from desa_desktop.services.groups import GroupInput, GroupView
from desa_desktop.ui.form_base import FieldError, RecordForm
from desa_desktop.ui.tasks import TaskRunner
from desa_desktop.ui.translator import tr
from desa_desktop.ui.widgets import CodeCombo, DateField


class GroupDialog(RecordForm):
    """A new group, or the details of one (its books are in the group's tabs)."""

    def __init__(self, ctx: ServiceContext, runner: TaskRunner, group: GroupView | None = None,
                 parent: QWidget | None = None) -> None:
        self.group = group
        key = f"business_group:{group.id}" if group else "business_group:new"
        super().__init__(ctx, runner, key, parent)
        if group is not None:
            self.write_values({"name": group.name, "kind": group.kind,
                               "business_type": group.business_type,
                               "founded_on": short_date(group.founded_on),
                               "status": group.status, "address": group.address,
                               "notes": group.notes})
        self.resize(600, 520)
        self.fields["name"].setFocus()

    def title(self) -> str:
        return tr("Ubah data kelompok") if self.group else tr("Kelompok baru")

    def build(self) -> None:
        self.add_field("name", "&Nama kelompok", QLineEdit())
        self.add_field("kind", "&Jenis", CodeCombo(GROUP_KIND))
        business = QLineEdit()
        business.setPlaceholderText(tr("contoh: keripik singkong, abon ikan, tenun ikat"))
        self.add_field("business_type", "&Usaha", business)
        self.add_field("founded_on", "&Tanggal berdiri", DateField())
        self.add_field("status", "&Status", CodeCombo(GROUP_STATUS))
        for name, label, height in (("address", "&Alamat / tempat usaha", 54),
                                    ("notes", "&Catatan", 70)):
            box = QPlainTextEdit()
            box.setTabChangesFocus(True)
            box.setFixedHeight(height)
            box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            self.add_field(name, label, box)
        self.finish_fields()

    def retranslate_fields(self) -> None:
        business = self.fields["business_type"]
        assert isinstance(business, QLineEdit)
        business.setPlaceholderText(tr("contoh: keripik singkong, abon ikan, tenun ikat"))

    def make_input(self, values: dict[str, Any]) -> GroupInput:
        founded = self.date_value("founded_on")
        if founded is None:
            raise FieldError("founded_on", tr("Isi tanggal berdiri kelompok."))
        return GroupInput(name=values["name"], kind=str(values["kind"]),
                          business_type=values["business_type"], founded_on=founded,
                          status=str(values["status"]), address=values["address"],
                          notes=values["notes"])

    def save(self, data: GroupInput, confirmed: bool) -> Change:
        if self.group is None:
            return groups.create_group(self.ctx, data)
        return groups.update_group(self.ctx, self.group.id, data)
