"""Registering and editing a person: the form an officer fills in most.

Two checks happen while typing rather than at save time: the NIK is decoded
as soon as the officer leaves the field (what it says about birth date, sex
and region, or exactly what is wrong with it), so a digit misread from a
worn KTP is caught with the card still in hand. Warnings that must not stop
a save (the NIK disagrees with the typed sex or birth date; someone with the
same name and birth date exists) are asked about in one question, with the
likely duplicates listed so the officer can open the existing record
instead of registering the same person twice.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QSizePolicy, QWidget

from desa_desktop.domain.errors import DomainError
from desa_desktop.domain.nik import NikParts, format_nik, parse_nik
from desa_desktop.domain.phone import format_phone
from desa_desktop.domain.reference import (
    COLLECTION_METHOD,
    EDUCATION,
    MARITAL_STATUS,
    RELATION_TO_HEAD,
    SEX,
)
from desa_desktop.services import households, persons
from desa_desktop.services.context import Change, ServiceContext
from desa_desktop.services.persons import NeedsConfirmation, PersonInput, PersonView
from desa_desktop.ui import dialogs
from desa_desktop.ui.form_base import FieldError, RecordForm
from desa_desktop.ui.household_form import HouseholdPicker
from desa_desktop.ui.tasks import TaskRunner
from desa_desktop.ui.translator import lookup, tr, trf
from desa_desktop.ui.widgets import CodeCombo, DateField

#: An empty first choice, so a sex is chosen on purpose and never by default.
CHOOSE = {"": "- Pilih -"}
NIK_PLACEHOLDER = "16 angka, contoh 3207 12 450885 0001"

#: Answers of the confirmation question, by position.
KEEP_SAVING, OPEN_EXISTING = "keep", "open"


def _date_text(value: Any) -> str:
    return value.strftime("%d/%m/%Y") if value else "-"


class PersonForm(RecordForm):
    """One person: identity (NIK), personal data, household link, provenance."""

    def __init__(self, ctx: ServiceContext, runner: TaskRunner, person_id: str | None = None,
                 parent: QWidget | None = None, *, household_id: str | None = None) -> None:
        self.person_id = person_id
        self._nik_parts: NikParts | None = None
        if person_id:
            key = f"person:{person_id}"
        elif household_id:
            key = f"person:new:{household_id}"
        else:
            key = "person:new"
        super().__init__(ctx, runner, key, parent)
        if person_id:
            self._load(persons.get_person(ctx, person_id))
        else:
            self.fields["collected_on"].set_value(ctx.today())  # type: ignore[attr-defined]
            if household_id:
                self.picker.set_household(households.get_household(ctx, household_id))
        self._check_nik()
        self.fields["nik"].setFocus()

    def restore_draft(self) -> bool:
        """The opener restores the draft (as for every form); decode its NIK too."""
        restored = super().restore_draft()
        self._check_nik()
        return restored

    def title(self) -> str:
        return tr("Ubah data orang") if self.person_id else tr("Pendaftaran orang baru")

    # -- building ----------------------------------------------------------------------
    def build(self) -> None:
        nik = QLineEdit()
        nik.setMaxLength(24)  # 16 digits plus the spaces or dots of a grouped NIK
        nik.editingFinished.connect(self._check_nik)
        nik.textEdited.connect(lambda _t: self.nik_hint.hide())
        self.add_field("nik", "NIK", nik)
        self.nik_hint = QLabel()
        self.nik_hint.setWordWrap(True)
        self.nik_hint.setStyleSheet("color: #1d5b2a;")
        self.nik_hint.hide()
        column = self.errors["nik"].parentWidget()
        column.layout().addWidget(self.nik_hint)  # type: ignore[union-attr]

        self.add_field("full_name", "Nama lengkap", QLineEdit())
        self.add_field("sex", "Jenis kelamin", CodeCombo({**CHOOSE, **SEX}))
        self.add_field("birth_place", "Tempat lahir", QLineEdit())
        self.add_field("birth_date", "Tanggal lahir", DateField())
        phone = QLineEdit()
        phone.setMaxLength(20)
        self.add_field("phone", "No. HP", phone)
        self.add_field("education", "Pendidikan", CodeCombo(EDUCATION))
        self.add_field("marital_status", "Status perkawinan", CodeCombo(MARITAL_STATUS))
        self.picker = HouseholdPicker(self.ctx, self.runner)
        self.picker.changed.connect(self.mark_dirty)
        self.add_field("household_id", "Keluarga", self.picker)
        self.add_field("relation_to_head", "Hubungan dengan kepala keluarga",
                       CodeCombo(RELATION_TO_HEAD))
        self.add_field("passport_number", "No. paspor", QLineEdit())
        self.add_field("collection_method", "Cara pengumpulan data",
                       CodeCombo(COLLECTION_METHOD))
        self.add_field("collected_on", "Tanggal pendataan", DateField())
        notes = QPlainTextEdit()
        notes.setTabChangesFocus(True)
        notes.setFixedHeight(64)
        # Fixed, or the row takes all spare height and floats the box in its middle.
        notes.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.add_field("notes", "Catatan", notes)

        order = [w.focusProxy() or w for w in self.fields.values()]
        self.finish_fields(order)

    def retranslate_fields(self) -> None:
        self.fields["nik"].setPlaceholderText(tr(NIK_PLACEHOLDER))  # type: ignore[attr-defined]
        self.fields["phone"].setPlaceholderText(  # type: ignore[attr-defined]
            tr("contoh 0812 3456 7890"))
        self._show_nik_parts()

    def _load(self, view: PersonView) -> None:
        self.write_values({
            "nik": format_nik(view.nik), "full_name": view.full_name, "sex": view.sex,
            "birth_place": view.birth_place, "phone": format_phone(view.phone),
            "education": view.education, "marital_status": view.marital_status,
            "relation_to_head": view.relation_to_head, "passport_number": view.passport_number,
            "collection_method": view.collection_method, "notes": view.notes,
        })
        self.fields["birth_date"].set_value(view.birth_date)  # type: ignore[attr-defined]
        self.fields["collected_on"].set_value(view.collected_on)  # type: ignore[attr-defined]
        if view.household_id:
            self.picker.set_household(households.get_household(self.ctx, view.household_id))

    # -- the NIK, decoded as soon as it is typed ----------------------------------------
    def _check_nik(self) -> None:
        """Show what the NIK says, or what is wrong with it, right under the field."""
        text = self.fields["nik"].text()  # type: ignore[attr-defined]
        self._nik_parts = None
        message = ""
        if text.strip():
            try:
                self._nik_parts = parse_nik(text, today=self.ctx.today())
            except DomainError as err:
                message = err.translated(lookup)
        self.errors["nik"].show_message(message)
        self._show_nik_parts()

    def _show_nik_parts(self) -> None:
        parts = self._nik_parts
        if parts is None:
            self.nik_hint.hide()
            return
        self.nik_hint.setText(trf(
            "Menurut NIK: {sex}, lahir {date}, provinsi {province} (kode wilayah {region}).",
            sex=tr(SEX[parts.sex]), date=_date_text(parts.birth_date),
            province=parts.province_name, region=parts.district_code,
        ))
        self.nik_hint.show()

    # -- saving ------------------------------------------------------------------------
    def make_input(self, values: dict[str, Any]) -> PersonInput:
        household_id = self.picker.resolve()
        if household_id is None and self.picker.text():
            raise FieldError("household_id", tr(
                "Pilih keluarga dari daftar yang muncul saat mengetik, atau kosongkan kolom ini."))
        return PersonInput(
            nik=values["nik"], full_name=values["full_name"], sex=values["sex"] or "",
            birth_place=values["birth_place"], birth_date=self.date_value("birth_date"),
            phone=values["phone"], education=values["education"],
            marital_status=values["marital_status"], household_id=household_id,
            relation_to_head=values["relation_to_head"],
            passport_number=values["passport_number"],
            collection_method=values["collection_method"],
            collected_on=self.date_value("collected_on"), notes=values["notes"],
        )

    def save(self, data: PersonInput, confirmed: bool) -> Change:
        if self.person_id:
            return persons.update_person(self.ctx, self.person_id, data, confirmed=confirmed)
        return persons.create_person(self.ctx, data, confirmed=confirmed)

    def handle_failure(self, err: Exception, data: Any) -> bool:
        """Warnings do not block: list them with the likely duplicates and ask."""
        if not isinstance(err, NeedsConfirmation):
            return False
        check = err.check
        lines = [tr("Sebelum menyimpan, periksa dulu:")]
        lines += [f"- {w.translated(lookup)}" for w in check.warnings]
        if check.duplicates:
            lines += ["", tr("Kemungkinan orang yang sama sudah terdaftar:")]
            lines += [
                "- " + trf("{name}, NIK {nik}, lahir {date}", name=d.full_name,
                           nik=format_nik(d.nik) if d.nik else "-",
                           date=_date_text(d.birth_date))
                for d in check.duplicates
            ]
        answers = [KEEP_SAVING] + ([OPEN_EXISTING] if check.duplicates else []) + [""]
        labels = {KEEP_SAVING: tr("Tetap simpan"), OPEN_EXISTING: tr("Buka data yang ada"),
                  "": tr("Kembali ke formulir")}
        choice = dialogs.choose(self, tr("Periksa sebelum menyimpan"), "\n".join(lines),
                                [labels[a] for a in answers], default=len(answers) - 1)
        answer = answers[choice] if 0 <= choice < len(answers) else ""
        if answer == KEEP_SAVING:
            self.confirm_and_save(data)
        elif answer == OPEN_EXISTING:
            self.open_existing(check.duplicates[0].id)
        else:
            for warning in check.warnings:
                label = self.errors.get(warning.field or "")
                if label is not None:
                    label.show_message(warning.translated(lookup))
        return True
