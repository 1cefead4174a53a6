"""Choosing persons from the registry by typing part of a name or NIK.

Cases, letters and warnings are about people who are already registered;
picking them (instead of typing a name again) keeps one person one record,
so their case shows up on their page. The picker searches the registry's
FTS index as the officer types and shows name, NIK and status, because two
villagers often share a name. ``PersonsEditor`` is the list of persons a
case is about, built on the picker.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desa_desktop.domain.case_reference import CASE_PERSON_ROLE
from desa_desktop.domain.formatting import short_date
from desa_desktop.domain.nik import format_nik
from desa_desktop.domain.reference import COUNTRIES, STATUS_SHORT
from desa_desktop.services import persons, placements, search
from desa_desktop.services.context import ServiceContext
from desa_desktop.ui.translator import tr
from desa_desktop.ui.widgets import CodeCombo

SEARCH_DELAY_MS = 150
MAX_RESULTS = 12


class PersonPicker(QWidget):
    """A search line with a short list of matches; picking one emits its id."""

    sig_picked = Signal(str, str)  # person_id, full name

    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list[search.PersonRow] = []
        self.person_id: str | None = None
        self.line = QLineEdit()
        self.line.setClearButtonEnabled(True)
        self.results = QListWidget()
        self.results.setProperty("data", True)  # names are data, not texts to translate
        self.results.setMaximumHeight(150)
        self.results.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.line)
        layout.addWidget(self.results)
        self.setFocusProxy(self.line)

        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.run_search)
        self.line.textEdited.connect(lambda _t: self._timer.start())
        self.line.installEventFilter(self)
        self.results.itemActivated.connect(self._pick_item)
        self.results.itemDoubleClicked.connect(self._pick_item)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.line.setPlaceholderText(tr("Ketik nama atau NIK untuk mencari orang…"))
        self._show_rows()

    def eventFilter(self, watched: object, event: QEvent) -> bool:
        """Arrow keys move through the matches; Enter picks one (and does not save
        the dialog around the picker)."""
        if watched is self.line and event.type() == QEvent.Type.KeyPress \
                and isinstance(event, QKeyEvent):
            key = event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.line.text().strip():
                self._pick_first_or_current()
                return True
            if not self.results.isVisible():
                return super().eventFilter(watched, event)
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                row = self.results.currentRow() + (1 if key == Qt.Key.Key_Down else -1)
                self.results.setCurrentRow(max(0, min(row, self.results.count() - 1)))
                return True
            if key == Qt.Key.Key_Escape:
                self.results.hide()
                return True
        return super().eventFilter(watched, event)

    def run_search(self) -> None:
        self._timer.stop()
        text = self.line.text().strip()
        self.rows = (search.search_page(self.ctx.db, search.PersonQuery(text=text),
                                        limit=MAX_RESULTS) if text else [])
        self._show_rows()

    def _show_rows(self) -> None:
        self.results.clear()
        for row in self.rows:
            nik = format_nik(row.nik) if row.nik else tr("tanpa NIK")
            status = tr(STATUS_SHORT.get(row.status, row.status)) if row.status else ""
            item = QListWidgetItem(" · ".join(p for p in (row.full_name, nik, status) if p))
            item.setData(Qt.ItemDataRole.UserRole, (row.id, row.full_name))
            self.results.addItem(item)
        if self.rows:
            self.results.setCurrentRow(0)
        self.results.setVisible(bool(self.rows))

    def _pick_first_or_current(self) -> None:
        if self._timer.isActive():
            self.run_search()
        item = self.results.currentItem() or self.results.item(0)
        if item is not None:
            self._pick_item(item)

    def _pick_item(self, item: QListWidgetItem) -> None:
        person_id, name = item.data(Qt.ItemDataRole.UserRole)
        self.pick(person_id, name)

    def pick(self, person_id: str, name: str) -> None:
        """Choose a person (also for callers that already know who)."""
        self.person_id = person_id
        self.rows = []
        self.results.clear()
        self.results.hide()
        self.line.clear()
        self.sig_picked.emit(person_id, name)


class PersonsEditor(QWidget):
    """The persons concerned, each with the placement the case is about and a role.

    Part of the case form (saved with "Simpan"); ``get_state``/``set_state``
    give JSON-safe rows so the form's draft keeps them.
    """

    sig_changed = Signal()

    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list[dict[str, Any]] = []
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.picker = PersonPicker(ctx)
        self.table = QTableWidget(0, 4)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.remove_button = QPushButton()
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.picker)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.remove_button)
        layout.addLayout(row)
        self.picker.sig_picked.connect(self.add_person)
        self.remove_button.clicked.connect(self.remove_selected)
        self.remove_button.setAutoDefault(False)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.hint.setText(tr("Cari dan pilih orang yang bersangkutan dari data penduduk. "
                             "Pilih juga penempatan yang menjadi pokok kasus bila ada."))
        self.remove_button.setText(tr("Keluarkan dari kasus"))
        self.table.setHorizontalHeaderLabels([tr(h) for h in ("Nama", "NIK", "Penempatan",
                                                               "Peran")])
        for r in range(self.table.rowCount()):
            combo = self.table.cellWidget(r, 2)
            if isinstance(combo, QComboBox):
                combo.setItemText(0, tr("(tanpa penempatan)"))

    def set_read_only(self, read_only: bool) -> None:
        self.picker.setVisible(not read_only)
        self.remove_button.setVisible(not read_only)
        self.table.setEnabled(True)
        for r in range(self.table.rowCount()):
            for c in (2, 3):
                widget = self.table.cellWidget(r, c)
                if widget is not None:
                    widget.setEnabled(not read_only)
        self._read_only = read_only

    def add_person(self, person_id: str, name: str) -> None:
        if any(row["person_id"] == person_id for row in self.rows):
            return
        self.rows.append(self._row_for(person_id, name, None, "korban", latest=True))
        self._show()
        self.sig_changed.emit()

    def _row_for(self, person_id: str, name: str, placement_id: str | None, role: str,
                 nik: str = "", latest: bool = False) -> dict[str, Any]:
        """A row of the table; ``latest`` picks the person's latest departure, which
        most cases are about."""
        options = [(p.id, " · ".join(x for x in (tr(COUNTRIES.get(p.country, p.country)),
                                                 p.agency_name, short_date(p.departure_date))
                                     if x))
                   for p in placements.list_placements(self.ctx, person_id)]
        if latest and options:
            placement_id = options[0][0]
        if not nik:
            nik = persons.get_person(self.ctx, person_id).nik or ""
        return {"person_id": person_id, "name": name, "nik": nik,
                "placement_id": placement_id, "role": role, "options": options}

    def latest_country(self) -> str:
        """Country of the first person's chosen placement, to prefill the case."""
        if not self.rows or not self.rows[0]["placement_id"]:
            return ""
        for p in placements.list_placements(self.ctx, self.rows[0]["person_id"]):
            if p.id == self.rows[0]["placement_id"]:
                return p.country
        return ""

    def _show(self) -> None:
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            nik = format_nik(row["nik"]) if row["nik"] else "-"
            for c, text in enumerate((row["name"], nik)):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, row["person_id"])
                self.table.setItem(r, c, item)
            placement = QComboBox()
            placement.setProperty("data_items", True)
            placement.addItem(tr("(tanpa penempatan)"), "")
            for pid, text in row["options"]:
                placement.addItem(text, pid)
            placement.setCurrentIndex(max(placement.findData(row["placement_id"] or ""), 0))
            placement.currentIndexChanged.connect(
                lambda _i, r=r, w=placement: self._set(r, "placement_id", w.currentData() or None))
            role = CodeCombo(CASE_PERSON_ROLE)
            role.set_code(row["role"])
            role.currentIndexChanged.connect(
                lambda _i, r=r, w=role: self._set(r, "role", w.code()))
            self.table.setCellWidget(r, 2, placement)
            self.table.setCellWidget(r, 3, role)
        for column in (0, 1, 3):
            self.table.resizeColumnToContents(column)
        if getattr(self, "_read_only", False):
            self.set_read_only(True)

    def _set(self, index: int, key: str, value: Any) -> None:
        self.rows[index][key] = value
        self.sig_changed.emit()

    def remove_selected(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.rows):
            del self.rows[row]
            self._show()
            self.sig_changed.emit()

    def get_state(self) -> list[dict[str, Any]]:
        return [{k: row[k] for k in ("person_id", "name", "nik", "placement_id", "role")}
                for row in self.rows]

    def set_state(self, state: list[dict[str, Any]] | None) -> None:
        self.rows = []
        for item in state or []:
            try:
                self.rows.append(self._row_for(item["person_id"], item["name"],
                                               item.get("placement_id"),
                                               item.get("role") or "korban",
                                               item.get("nik", ""),
                                               latest="placement_id" not in item))
            except Exception:  # a person deleted since the draft was saved
                continue
        self._show()
