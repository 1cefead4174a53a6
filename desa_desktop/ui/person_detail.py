"""The pane beside the registry list: who the selected person is, how their
data was collected, and every departure on record (circular migration shows
as several placements)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desa_desktop.domain.formatting import short_date
from desa_desktop.domain.nik import format_nik
from desa_desktop.domain.phone import format_phone
from desa_desktop.domain.reference import (
    COLLECTION_METHOD,
    COUNTRIES,
    DOCUMENTS,
    JOB,
    PROCEDURAL,
    RELATION_TO_HEAD,
    SEX,
    STATUS,
)
from desa_desktop.services.context import ServiceContext
from desa_desktop.services.households import HouseholdView
from desa_desktop.services.persons import PersonView
from desa_desktop.services.placements import PlacementView
from desa_desktop.ui.tasks import TaskRunner
from desa_desktop.ui.translator import tr, trf

_FIELDS = ("Status", "NIK", "Jenis kelamin", "Lahir", "No. HP", "Keluarga", "Hubungan",
           "Sumber data")
_PLACEMENT_COLUMNS = ("Negara", "Pekerjaan", "Berangkat", "Pulang", "Prosedural", "Dokumen")


def _local(moment: object) -> str:
    if not isinstance(moment, datetime):
        return ""
    from datetime import UTC

    return moment.replace(tzinfo=UTC).astimezone().strftime("%d/%m/%Y")


class PersonDetail(QWidget):
    """Read-only facts about one person, with buttons for their placements."""

    sig_add_placement = Signal()
    sig_edit_placement = Signal(str)
    #: "New case for this person": the main window opens the case dialog.
    sig_new_case = Signal(str)  # person id
    sig_delete_placement = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, ctx: ServiceContext | None = None,
                 runner: TaskRunner | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.runner = ctx, runner
        self.history_dialog: QDialog | None = None
        self.person: PersonView | None = None
        self.household: HouseholdView | None = None
        self.placements: list[PlacementView] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.name = QLabel()
        self.name.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.name.setWordWrap(True)
        self.name.setProperty("data", True)
        layout.addWidget(self.name)
        self.facts_box = QGroupBox()
        facts = QFormLayout(self.facts_box)
        self.fact_labels: dict[str, QLabel] = {}
        self.fact_values: dict[str, QLabel] = {}
        for key in _FIELDS:
            label, value = QLabel(), QLabel()
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setProperty("data", True)
            facts.addRow(label, value)
            self.fact_labels[key], self.fact_values[key] = label, value
        layout.addWidget(self.facts_box)
        self.history_button = QPushButton()
        self.history_button.clicked.connect(self.open_history)
        self.case_button = QPushButton()
        self.case_button.clicked.connect(self._new_case)
        history_row = QHBoxLayout()
        history_row.addStretch(1)
        history_row.addWidget(self.case_button)
        history_row.addWidget(self.history_button)
        layout.addLayout(history_row)

        self.placement_box = QGroupBox()
        box = QVBoxLayout(self.placement_box)
        self.placement_table = QTableWidget(0, len(_PLACEMENT_COLUMNS))
        self.placement_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.placement_table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.placement_table.verticalHeader().hide()
        self.placement_table.horizontalHeader().setStretchLastSection(True)
        self.placement_table.doubleClicked.connect(self._edit_selected)
        box.addWidget(self.placement_table)
        row = QHBoxLayout()
        self.add_button, self.edit_button, self.delete_button = (QPushButton() for _ in range(3))
        self.add_button.clicked.connect(self.sig_add_placement)
        self.edit_button.clicked.connect(self._edit_selected)
        self.delete_button.clicked.connect(self._delete_selected)
        for button in (self.add_button, self.edit_button, self.delete_button):
            row.addWidget(button)
        row.addStretch(1)
        box.addLayout(row)
        layout.addWidget(self.placement_box, 1)
        self.retranslate()
        self.show_person(None)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.facts_box.setTitle(tr("Data pribadi"))
        self.placement_box.setTitle(tr("Riwayat penempatan (setiap keberangkatan)"))
        for key, label in self.fact_labels.items():
            label.setText(tr(key))
        self.placement_table.setHorizontalHeaderLabels([tr(c) for c in _PLACEMENT_COLUMNS])
        self.add_button.setText(tr("Tambah penempatan"))
        self.edit_button.setText(tr("Ubah penempatan"))
        self.delete_button.setText(tr("Hapus penempatan"))
        # "&&": a single "&" would make the next letter a keyboard shortcut and vanish.
        self.history_button.setText(tr("Riwayat & data pribadi").replace("&", "&&"))
        self.case_button.setText(tr("Kasus baru…"))
        self.case_button.setToolTip(tr("Catat pengaduan atau masalah orang ini sebagai kasus"))
        self.history_button.setToolTip(tr("Siapa mengubah data ini dan kapan; cetak seluruh "
                                          "data orang ini untuk yang bersangkutan"))
        self.show_person(self.person, self.household, self.placements)

    def show_person(self, person: PersonView | None, household: HouseholdView | None = None,
                    placements: list[PlacementView] | None = None) -> None:
        self.person, self.household = person, household
        self.placements = placements or []
        for button in (self.add_button, self.edit_button, self.delete_button,
                       self.history_button, self.case_button):
            button.setEnabled(person is not None)
        if person is None:
            self.name.setText(tr("Pilih seseorang di daftar."))
            for value in self.fact_values.values():
                value.setText("")
            self.placement_table.setRowCount(0)
            return
        self.name.setText(person.full_name)
        v = self.fact_values
        v["Status"].setText(tr(STATUS.get(person.status, person.status)))
        v["NIK"].setText(format_nik(person.nik) if person.nik else tr("(belum ada NIK)"))
        v["Jenis kelamin"].setText(tr(SEX.get(person.sex, person.sex)))
        born = ", ".join(x for x in (person.birth_place, short_date(person.birth_date)) if x)
        v["Lahir"].setText(born)
        v["No. HP"].setText(format_phone(person.phone))
        if household is not None:
            v["Keluarga"].setText(trf("KK {kk} - {head}, {dusun} RT {rt}/RW {rw}",
                                      kk=household.kk_number or "-", head=household.head_name,
                                      dusun=household.dusun, rt=household.rt or "-",
                                      rw=household.rw or "-"))
        else:
            v["Keluarga"].setText(tr("(belum terhubung ke keluarga)"))
        v["Hubungan"].setText(tr(RELATION_TO_HEAD.get(person.relation_to_head, "")))
        source = trf("{method}; dikumpulkan {collected}; diketik {typed}",
                     method=tr(COLLECTION_METHOD.get(person.collection_method, "")),
                     collected=short_date(person.collected_on) or "-",
                     typed=_local(person.created_at))
        v["Sumber data"].setText(source)
        self._fill_placements()

    def _fill_placements(self) -> None:
        table = self.placement_table
        table.setRowCount(len(self.placements))
        for row, p in enumerate(self.placements):
            cells = (
                tr(COUNTRIES.get(p.country, p.country)),
                tr(JOB.get(p.job, p.job)),
                short_date(p.departure_date) or tr("(rencana)"),
                short_date(p.return_date),
                tr(PROCEDURAL.get(p.procedural, "")),
                f"{len(p.documents)}/{len(DOCUMENTS)}",
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, p.id)
                table.setItem(row, column, item)
        table.resizeColumnsToContents()

    def selected_placement(self) -> str | None:
        row = self.placement_table.currentRow()
        return self.placements[row].id if 0 <= row < len(self.placements) else None

    def _services(self) -> tuple[ServiceContext, TaskRunner] | None:
        """The context and worker: given at construction, else those of the page holding
        this pane (the registry page owns both, so it need not pass them on)."""
        if self.ctx is not None and self.runner is not None:
            return self.ctx, self.runner
        owner = self.parent()
        while owner is not None:
            ctx, runner = getattr(owner, "ctx", None), getattr(owner, "runner", None)
            if isinstance(ctx, ServiceContext) and isinstance(runner, TaskRunner):
                return ctx, runner
            owner = owner.parent()
        return None

    def _new_case(self) -> None:
        if self.person is not None:
            self.sig_new_case.emit(self.person.id)

    def open_history(self) -> None:
        """Show the person's change history (and the printout button) in a dialog."""
        services = self._services()
        if self.person is None or services is None:
            return
        from desa_desktop.ui.history_dialog import HistoryDialog

        ctx, runner = services
        dialog = HistoryDialog(ctx, runner, self.person.id, self.person.full_name, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self._history_closed)
        self.history_dialog = dialog
        dialog.open()

    def _history_closed(self, _result: int) -> None:
        self.history_dialog = None

    def _edit_selected(self) -> None:
        placement_id = self.selected_placement()
        if placement_id:
            self.sig_edit_placement.emit(placement_id)

    def _delete_selected(self) -> None:
        placement_id = self.selected_placement()
        if placement_id:
            self.sig_delete_placement.emit(placement_id)
