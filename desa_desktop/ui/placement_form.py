"""Recording one departure abroad (a placement) of a registered person.

Each departure is its own record, so circular migrants keep their history;
the person's status (CPMI, PMI, purna) follows from these records and is
never typed. The document checklist is the one the district asks for, shown
as tick boxes with a running count so a missing document stands out. The
"Tanda risiko" group asks what early detection needs (visa, licensed agency,
calo, debt, whether the family knows) and shows the signals as they appear.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QSizePolicy, QVBoxLayout, QWidget

from desa_desktop.domain.reference import (
    COUNTRIES,
    DOCUMENTS,
    JOB,
    PROCEDURAL,
    RISK_ANSWER,
    RISK_QUESTIONS,
    SCHEME,
    SECTOR,
    VISA_TYPE,
)
from desa_desktop.domain.risk import RISK_SIGNALS
from desa_desktop.services import at_risk, persons, placements
from desa_desktop.services.context import Change, ServiceContext
from desa_desktop.services.placements import PlacementInput, PlacementView
from desa_desktop.ui.form_base import FieldError, RecordForm, labelled_checks
from desa_desktop.ui.tasks import TaskRunner
from desa_desktop.ui.translator import tr, trf
from desa_desktop.ui.widgets import CodeCombo, DateField

#: The procedural flag (None/True/False) as combo codes that survive a JSON draft.
PROCEDURAL_CODES: dict[str, bool | None] = {"": None, "ya": True, "tidak": False}
PROCEDURAL_CHOICES = {code: PROCEDURAL[flag] for code, flag in PROCEDURAL_CODES.items()}

#: The yes / no / not known answers of the risk questions (RISK_QUESTIONS), same codes.
ANSWER_CHOICES = {code: RISK_ANSWER[flag] for code, flag in PROCEDURAL_CODES.items()}
FLAG_CODES = {None: "", True: "ya", False: "tidak"}


class DocumentChecklist(QWidget):
    """Tick boxes for the placement documents, in the order of the process."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.boxes = labelled_checks(self, DOCUMENTS, self._update_count)
        # One column: some labels are long, and a checklist reads top to bottom.
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        for box in self.boxes.values():
            column.addWidget(box)
        self.count = QLabel(self)
        self.count.setStyleSheet("color: #555;")
        column.addWidget(self.count)
        self._update_count()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            for code, box in self.boxes.items():
                box.setText(tr(DOCUMENTS[code]))
            self._update_count()
        super().changeEvent(event)

    def _update_count(self) -> None:
        self.count.setText(trf("{done} dari {total} dokumen sudah ada.",
                               done=len(self.get_state()), total=len(self.boxes)))

    def get_state(self) -> list[str]:
        """The codes of the documents ticked, in checklist order."""
        return [code for code, box in self.boxes.items() if box.isChecked()]

    def set_state(self, codes: Any) -> None:
        chosen = set(codes or [])
        for code, box in self.boxes.items():
            box.setChecked(code in chosen)


class PlacementForm(RecordForm):
    """Destination, job, scheme, agency, dates, procedural or not, documents."""

    def __init__(self, ctx: ServiceContext, runner: TaskRunner, person_id: str,
                 placement_id: str | None = None, parent: QWidget | None = None) -> None:
        self.person_id = person_id
        self.placement_id = placement_id
        self.person_name = persons.get_person(ctx, person_id).full_name
        # Before the base class builds the form: its retranslate shows the signals.
        self.birth_date = at_risk.person_birth_date(ctx, person_id)
        key = f"placement:{placement_id}" if placement_id else f"placement:new:{person_id}"
        super().__init__(ctx, runner, key, parent)
        if placement_id:
            views = [v for v in placements.list_placements(ctx, person_id)
                     if v.id == placement_id]
            if views:
                self._load(views[0])
        self.fields["country"].setFocus()

    def title(self) -> str:
        if self.placement_id:
            return trf("Ubah data penempatan: {name}", name=self.person_name)
        return trf("Penempatan baru: {name}", name=self.person_name)

    def build(self) -> None:
        self.add_field("country", "Negara tujuan", CodeCombo({"": "- Pilih -", **COUNTRIES}))
        self.add_field("sector", "Sektor", CodeCombo(SECTOR))
        self.add_field("job", "Jabatan/pekerjaan", CodeCombo(JOB))
        self.add_field("scheme", "Skema penempatan", CodeCombo(SCHEME))
        self.add_field("agency_name", "Nama P3MI", QLineEdit())
        self.add_field("departure_date", "Tanggal berangkat", DateField())
        self.add_field("contract_end", "Akhir kontrak", DateField())
        self.add_field("return_date", "Tanggal pulang", DateField())
        self.add_field("procedural", "Prosedural", CodeCombo(PROCEDURAL_CHOICES))
        self.checklist = DocumentChecklist()
        self.add_field("documents", "Dokumen", self.checklist)
        self.risk_heading = QLabel()
        self.risk_heading.setStyleSheet("font-weight: bold; margin-top: 6px;")
        self.form.addRow(self.risk_heading)
        self.risk_summary = QLabel()
        self.risk_summary.setWordWrap(True)
        self.form.addRow(self.risk_summary)
        self.add_field("visa_type", "Jenis visa", CodeCombo(VISA_TYPE))
        self.add_field("agency_licensed", RISK_QUESTIONS["agency_licensed"],
                       CodeCombo(ANSWER_CHOICES))
        self.add_field("via_calo", RISK_QUESTIONS["via_calo"], CodeCombo(ANSWER_CHOICES))
        self.add_field("recruiter_name", "Nama perekrut/calo", QLineEdit())
        for name in ("recruiter_debt", "family_informed"):
            self.add_field(name, RISK_QUESTIONS[name], CodeCombo(ANSWER_CHOICES))
        notes = QPlainTextEdit()
        notes.setTabChangesFocus(True)
        notes.setFixedHeight(64)
        # Fixed, or the row takes all spare height and floats the box in its middle.
        notes.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.add_field("notes", "Catatan", notes)
        order: list[QWidget] = []
        for widget in self.fields.values():
            order += list(self.checklist.boxes.values()) if widget is self.checklist else [widget]
        self.finish_fields(order)

    def retranslate_fields(self) -> None:
        self.fields["agency_name"].setPlaceholderText(  # type: ignore[attr-defined]
            tr("Perusahaan penempatan; kosongkan bila berangkat tanpa P3MI"))
        self.fields["recruiter_name"].setPlaceholderText(  # type: ignore[attr-defined]
            tr("Orang yang mengajak berangkat, bila ada"))
        self.risk_heading.setText(tr("Tanda risiko"))
        self.update_risk()

    # -- the risk signals, shown as the officer answers ----------------------------------
    def mark_dirty(self, *args: object) -> None:
        super().mark_dirty(*args)
        self.update_risk()

    def write_values(self, values: dict[str, Any]) -> None:
        super().write_values(values)
        self.update_risk()

    def current_signals(self) -> tuple[str, ...]:
        """The signals of what the form holds now (a half-typed date counts as none)."""
        values = self.read_values()
        try:
            data = self.make_input(values)
        except FieldError:
            data = self._make_input(values, departure_date=None, contract_end=None,
                                    return_date=None)
        return at_risk.input_signals(data, self.birth_date, self.ctx.today())

    def update_risk(self) -> None:
        signals = self.current_signals()
        if signals:
            self.risk_summary.setText(trf("Ditemukan: {signals}.", signals=", ".join(
                tr(RISK_SIGNALS[code]) for code in signals)))
            self.risk_summary.setStyleSheet("color: #8a5300;")
        else:
            self.risk_summary.setText(tr("Belum ada tanda risiko."))
            self.risk_summary.setStyleSheet("color: #555;")

    def _load(self, view: PlacementView) -> None:
        flag = {None: "", True: "ya", False: "tidak"}[view.procedural]
        self.write_values({
            "country": view.country, "sector": view.sector, "job": view.job,
            "scheme": view.scheme, "agency_name": view.agency_name, "procedural": flag,
            "documents": list(view.documents), "notes": view.notes,
            "visa_type": view.visa_type, "recruiter_name": view.recruiter_name,
            **{name: FLAG_CODES[getattr(view, name)] for name in RISK_QUESTIONS},
        })
        for name in ("departure_date", "contract_end", "return_date"):
            self.fields[name].set_value(getattr(view, name))  # type: ignore[attr-defined]

    def make_input(self, values: dict[str, Any]) -> PlacementInput:
        return self._make_input(values, departure_date=self.date_value("departure_date"),
                                contract_end=self.date_value("contract_end"),
                                return_date=self.date_value("return_date"))

    def _make_input(self, values: dict[str, Any], **dates: Any) -> PlacementInput:
        return PlacementInput(
            country=values["country"] or "", sector=values["sector"], job=values["job"],
            scheme=values["scheme"], agency_name=values["agency_name"],
            procedural=PROCEDURAL_CODES.get(values["procedural"] or ""),
            documents=tuple(values["documents"]), notes=values["notes"],
            visa_type=values["visa_type"] or "", recruiter_name=values["recruiter_name"],
            **{name: PROCEDURAL_CODES.get(values[name] or "") for name in RISK_QUESTIONS},
            **dates,
        )

    def save(self, data: PlacementInput, confirmed: bool) -> Change:
        if self.placement_id:
            return placements.update_placement(self.ctx, self.placement_id, data)
        return placements.add_placement(self.ctx, self.person_id, data)
