"""One activity: its details on the left, its attendance list on the right.

The list is made before the meeting by picking registered persons (or every
member of the group the activity is for) and printed for signatures. After
the meeting the officer switches on "Kehadiran sudah dicatat" and ticks, from
the signed sheet, who came; those who came without being registered are a
number. For a meeting that has not happened yet the switch stays off: who
came cannot be known before.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desa_desktop.domain.ledger_reference import ACTIVITY_KIND
from desa_desktop.domain.nik import format_nik
from desa_desktop.services import activities, groups, institutions
from desa_desktop.services.activities import ActivityInput, ActivityView, AttendeeInput
from desa_desktop.services.context import Change, ServiceContext
from desa_desktop.services.errors import Problem
from desa_desktop.ui.form_base import FieldError, RecordForm
from desa_desktop.ui.person_picker import PersonPicker
from desa_desktop.ui.referrals_panel import make_table
from desa_desktop.ui.tasks import TaskRunner
from desa_desktop.ui.translator import lookup, tr, trf
from desa_desktop.ui.widgets import CodeCombo, DateField, ErrorLabel

_HEADERS = ("Nama", "NIK", "Alamat", "Hadir")


def parse_count(text: str) -> int:
    """The typed number of unregistered attendees ("" is none); ValueError if not a number."""
    text = text.strip().replace(".", "")
    if not text:
        return 0
    sign = -1 if text.startswith("-") else 1
    digits = text.lstrip("-").strip()
    if not digits.isdigit():
        raise ValueError(text)
    return sign * int(digits)


class AttendanceEditor(QWidget):
    """The list of registered persons, with a "present" box per person once recorded.

    ``get_state``/``set_state`` give JSON-safe data so the form's draft keeps the list.
    """

    sig_changed = Signal()

    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list[dict[str, Any]] = []
        self.meeting_day: date | None = None
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.picker = PersonPicker(ctx)
        self.members_button = QPushButton()
        self.table = make_table(len(_HEADERS))
        self.table.setProperty("data", True)  # names are data, not texts to translate
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.recorded = QCheckBox()
        self.all_button, self.remove_button = QPushButton(), QPushButton()
        self.summary = QLabel()
        pick_row = QHBoxLayout()
        pick_row.addWidget(self.picker, 1)
        pick_row.addWidget(self.members_button, 0, Qt.AlignmentFlag.AlignTop)
        bottom = QHBoxLayout()
        bottom.addWidget(self.recorded)
        bottom.addStretch(1)
        bottom.addWidget(self.all_button)
        bottom.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.hint)
        layout.addLayout(pick_row)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        layout.addWidget(self.summary)
        for button in (self.members_button, self.all_button, self.remove_button):
            button.setAutoDefault(False)
        self.picker.sig_picked.connect(lambda pid, _name: self.add_persons([pid]))
        self.remove_button.clicked.connect(self.remove_selected)
        self.all_button.clicked.connect(self.tick_all)
        self.recorded.toggled.connect(self._recorded_toggled)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([tr(h) for h in _HEADERS])
        self.members_button.setText(tr("Undang anggota kelompok"))
        self.recorded.setText(tr("Kehadiran sudah dicatat (sesudah kegiatan)"))
        self.all_button.setText(tr("Centang semua hadir"))
        self.remove_button.setText(tr("Keluarkan dari daftar"))
        self._update()

    # -- state -------------------------------------------------------------------------
    def set_meeting_day(self, day: date | None) -> None:
        """Presence can be recorded on the day of the meeting or later, never before."""
        self.meeting_day = day
        future = day is not None and day > self.ctx.today()
        if future and self.recorded.isChecked():
            self.recorded.setChecked(False)
        self.recorded.setEnabled(not future)
        self._update()

    def add_persons(self, person_ids: list[str]) -> None:
        known = {row["person_id"] for row in self.rows}
        fresh = [i for i in person_ids if i not in known]
        if not fresh:
            return
        present = True if self.recorded.isChecked() else None
        for view in activities.persons_info(self.ctx, fresh):
            self.rows.append({"person_id": view.person_id, "name": view.full_name,
                              "nik": view.nik, "address": view.address, "present": present})
        self._show()
        self.sig_changed.emit()

    def remove_selected(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.rows):
            del self.rows[row]
            self._show()
            self.sig_changed.emit()

    def tick_all(self) -> None:
        if not self.recorded.isChecked():
            self.recorded.setChecked(True)
        for row in self.rows:
            row["present"] = True
        self._show()
        self.sig_changed.emit()

    def _recorded_toggled(self, on: bool) -> None:
        for row in self.rows:
            row["present"] = bool(row["present"]) if on else None
        self._show()
        self.sig_changed.emit()

    def _set_present(self, index: int, on: bool) -> None:
        self.rows[index]["present"] = on
        self._update()
        self.sig_changed.emit()

    def attendees(self) -> list[AttendeeInput]:
        on = self.recorded.isChecked()
        return [AttendeeInput(row["person_id"], bool(row["present"]) if on else None)
                for row in self.rows]

    def get_state(self) -> dict[str, Any]:
        return {"recorded": self.recorded.isChecked(),
                "rows": [dict(row) for row in self.rows]}

    def set_state(self, state: dict[str, Any] | None) -> None:
        state = state or {}
        self.recorded.blockSignals(True)
        self.recorded.setChecked(bool(state.get("recorded")))
        self.recorded.blockSignals(False)
        self.rows = [dict(row) for row in state.get("rows", []) if row.get("person_id")]
        self.set_meeting_day(self.meeting_day)  # a draft cannot tick a meeting still to come
        self._show()

    # -- showing -----------------------------------------------------------------------
    def _show(self) -> None:
        on = self.recorded.isChecked()
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            nik = format_nik(row["nik"]) if row["nik"] else "-"
            for c, text in enumerate((row["name"], nik, row["address"] or "-")):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(r, c, item)
            box = QCheckBox()
            box.setChecked(bool(row["present"]) and on)
            box.setEnabled(on)
            box.toggled.connect(lambda checked, r=r: self._set_present(r, checked))
            cell = QWidget()
            cell_layout = QHBoxLayout(cell)
            cell_layout.setContentsMargins(6, 0, 6, 0)
            cell_layout.addWidget(box)
            self.table.setCellWidget(r, 3, cell)
        for column in (1, 2, 3):
            self.table.resizeColumnToContents(column)
        self._update()

    def _update(self) -> None:
        invited = len(self.rows)
        future = self.meeting_day is not None and self.meeting_day > self.ctx.today()
        if future:
            self.hint.setText(tr("Kegiatan belum berlangsung. Pilih orang yang diundang, lalu "
                                 "cetak daftar hadir untuk ditandatangani. Kehadiran dicatat "
                                 "sesudah kegiatan."))
        else:
            self.hint.setText(tr("Pilih orang yang diundang dari data penduduk. Sesudah "
                                 "kegiatan, nyalakan \u201cKehadiran sudah dicatat\u201d dan "
                                 "centang yang hadir sesuai daftar yang ditandatangani."))
        if self.recorded.isChecked():
            present = sum(1 for row in self.rows if row["present"])
            self.summary.setText(trf("{invited} diundang, {present} hadir", invited=invited,
                                     present=present))
        else:
            self.summary.setText(trf("{invited} diundang, kehadiran belum dicatat",
                                     invited=invited))
        self.all_button.setEnabled(bool(self.rows) and self.recorded.isEnabled())
        self.remove_button.setEnabled(bool(self.rows))


class ActivityDialog(RecordForm):
    """A new activity, or an existing one to change or to record who came."""

    def __init__(self, ctx: ServiceContext, runner: TaskRunner,
                 activity: ActivityView | None = None, parent: QWidget | None = None) -> None:
        self.activity = activity
        self.institutions = institutions.list_institutions(ctx)
        self.groups = groups.list_groups(ctx)
        key = f"activity:{activity.id}" if activity else "activity:new"
        super().__init__(ctx, runner, key, parent)
        if activity is not None:
            self._fill(activity)
        else:
            self.write_values({"activity_date": ctx.today().strftime("%d/%m/%Y")})
        self._date_changed()
        self.resize(1120, 660)
        self.fields["activity_date"].setFocus()

    def title(self) -> str:
        return tr("Ubah kegiatan") if self.activity else tr("Kegiatan baru")

    def build(self) -> None:
        self.add_field("activity_date", "&Tanggal", DateField())
        start = QLineEdit()
        start.setMaxLength(5)
        start.setMaximumWidth(90)
        self.add_field("start_time", "&Jam mulai", start)
        self.add_field("kind", "&Jenis kegiatan", CodeCombo(ACTIVITY_KIND))
        self.add_field("topic", "T&opik", QLineEdit())
        self.add_field("facilitator", "&Fasilitator / narasumber", QLineEdit())
        self.add_field("institution_id", "&Lembaga mitra", self._combo(
            [(i.id, i.name) for i in self.institutions]))
        self.add_field("partner_name", "Mitra &lain", QLineEdit())
        self.add_field("place", "Te&mpat", QLineEdit())
        self.add_field("group_id", "&Kelompok usaha", self._combo(
            [(g.id, g.name) for g in self.groups]))
        count = QLineEdit()
        count.setMaximumWidth(90)
        self.add_field("unregistered_count", "Peserta tidak &terdaftar", count)
        notes = QPlainTextEdit()
        notes.setTabChangesFocus(True)
        notes.setFixedHeight(80)
        notes.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.add_field("notes", "&Catatan", notes)

        self.editor = AttendanceEditor(self.ctx)
        self.editor.sig_changed.connect(self.mark_dirty)
        self.fields["attendees"] = self.editor
        self.errors["attendees"] = ErrorLabel()
        self.list_title = QLabel()
        self.list_title.setStyleSheet("font-weight: bold;")
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(6, 0, 0, 0)
        right_layout.addWidget(self.list_title)
        right_layout.addWidget(self.editor, 1)
        right_layout.addWidget(self.errors["attendees"])
        self.finish_fields([*list(self.fields.values())[:-1], self.editor.picker])

        outer = self.layout()
        scroll = self.findChild(QScrollArea)
        index = outer.indexOf(scroll)  # type: ignore[union-attr]
        outer.removeWidget(scroll)  # type: ignore[union-attr]
        scroll.setHorizontalScrollBarPolicy(  # type: ignore[union-attr]
            Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(scroll)
        self.splitter.addWidget(right)
        self.splitter.setSizes([500, 600])
        outer.insertWidget(index, self.splitter, 1)  # type: ignore[union-attr]

        date_field = self.fields["activity_date"]
        assert isinstance(date_field, DateField)
        date_field.textChanged.connect(lambda _t: self._date_changed())
        self.fields["group_id"].currentIndexChanged.connect(  # type: ignore[attr-defined]
            lambda _i: self._group_changed())
        self.editor.members_button.clicked.connect(self.invite_members)
        self._group_changed()

    def _combo(self, items: list[tuple[str, str]]) -> QComboBox:
        combo = QComboBox()
        combo.setProperty("data_items", True)  # the names are data
        # Long institution names must not widen the form past the dialog.
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(24)
        combo.addItem(tr("(tidak ada)"), "")
        for value, label in items:
            combo.addItem(label, value)
        return combo

    def show_problems(self, problems: list[Problem]) -> None:
        self._problems = list(problems)  # kept to show them again in another language
        super().show_problems(problems)

    def clear_errors(self) -> None:
        self._problems = []
        super().clear_errors()

    def retranslate_fields(self) -> None:
        problems = getattr(self, "_problems", [])
        for problem in problems:
            if (error := self.errors.get(problem.field or "")) is not None:
                error.show_message(problem.translated(lookup))
        if problems:
            loose = [p for p in problems if p.field not in self.errors]
            self.show_banner(loose[-1].translated(lookup) if loose else tr(
                "Data belum disimpan. Periksa kolom yang ditandai merah."), error=True)
        self.list_title.setText(tr("Daftar hadir (orang terdaftar)"))
        self.fields["start_time"].setPlaceholderText("09:00")  # type: ignore[attr-defined]
        self.fields["unregistered_count"].setPlaceholderText("0")  # type: ignore[attr-defined]
        self.fields["partner_name"].setPlaceholderText(  # type: ignore[attr-defined]
            tr("bila tidak ada di daftar lembaga"))
        for name in ("institution_id", "group_id"):
            self.fields[name].setItemText(0, tr("(tidak ada)"))  # type: ignore[attr-defined]

    def _fill(self, a: ActivityView) -> None:
        """Show the stored activity; a partner or group removed since stays selectable."""
        for name, value, label in (("institution_id", a.institution_id, a.institution_name),
                                   ("group_id", a.group_id, a.group_name)):
            combo = self.fields[name]
            assert isinstance(combo, QComboBox)
            if value and combo.findData(value) < 0:
                combo.addItem(label, value)
        rows = [{"person_id": p.person_id, "name": p.full_name, "nik": p.nik,
                 "address": p.address, "present": p.present}
                for p in activities.list_attendees(self.ctx, a.id)]
        self.write_values({
            "activity_date": a.activity_date.strftime("%d/%m/%Y"), "start_time": a.start_time,
            "kind": a.kind, "topic": a.topic, "facilitator": a.facilitator,
            "institution_id": a.institution_id or "", "partner_name": a.partner_name,
            "place": a.place, "group_id": a.group_id or "",
            "unregistered_count": str(a.unregistered_count) if a.unregistered_count else "",
            "notes": a.notes,
            "attendees": {"recorded": any(r["present"] is not None for r in rows),
                          "rows": rows}})

    def _date_changed(self) -> None:
        widget = self.fields["activity_date"]
        assert isinstance(widget, DateField)
        try:
            self.editor.set_meeting_day(widget.value())
        except ValueError:
            self.editor.set_meeting_day(None)

    def _group_changed(self) -> None:
        combo = self.fields["group_id"]
        assert isinstance(combo, QComboBox)
        self.editor.members_button.setEnabled(bool(combo.currentData()))

    def invite_members(self) -> None:
        """Put every active member of the chosen group on the list."""
        group_id = self.fields["group_id"].currentData()  # type: ignore[attr-defined]
        if group_id:
            self.editor.add_persons([m.person_id for m in groups.list_members(self.ctx,
                                                                              group_id)])

    def make_input(self, values: dict[str, Any]) -> tuple[ActivityInput, list[AttendeeInput]]:
        day = self.date_value("activity_date")
        try:
            count = parse_count(values["unregistered_count"])
        except ValueError:
            raise FieldError("unregistered_count",
                             tr("Tulis jumlah dengan angka, contoh 12.")) from None
        data = ActivityInput(
            activity_date=day, kind=values["kind"], topic=values["topic"],
            start_time=values["start_time"], facilitator=values["facilitator"],
            institution_id=values["institution_id"] or None,
            partner_name=values["partner_name"], place=values["place"],
            group_id=values["group_id"] or None, unregistered_count=count,
            notes=values["notes"])
        return data, self.editor.attendees()

    def save(self, data: tuple[ActivityInput, list[AttendeeInput]], confirmed: bool) -> Change:
        details, attendees = data
        if self.activity is None:
            return activities.create_activity(self.ctx, details, attendees)
        return activities.update_activity(self.ctx, self.activity.id, details, attendees)
