"""Recording an early-warning report from the community (laporan peringatan dini).

Villagers tell the post about a calo, a dubious job offer or somebody about
to leave without papers. Many only speak up if they may stay anonymous, so
the reporter's name is optional and the form says so. What was seen is the
one thing the report cannot do without. Persons at risk are picked from the
registry (not typed), so the report shows up on their record.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desa_desktop.domain.case_reference import WARNING_ACTION, WARNING_KIND
from desa_desktop.domain.formatting import short_date
from desa_desktop.services import search, warnings
from desa_desktop.services.context import Change, ServiceContext
from desa_desktop.services.warnings import WarningInput
from desa_desktop.ui.form_base import FieldError, RecordForm, labelled_checks
from desa_desktop.ui.tasks import TaskRunner
from desa_desktop.ui.translator import tr, trf
from desa_desktop.ui.widgets import CodeCombo, DateField

SEARCH_DELAY_MS = 150
SEARCH_LIMIT = 20


def _text_box(height: int) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    box.setFixedHeight(height)
    # Fixed, or the row takes all spare height and floats the box in its middle.
    box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    return box


def _hint() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet("color: #555;")
    return label


class ActionChecklist(QWidget):
    """Tick boxes for what the post did with the report."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.boxes = labelled_checks(self, WARNING_ACTION)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        for box in self.boxes.values():
            column.addWidget(box)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            for code, box in self.boxes.items():
                box.setText(tr(WARNING_ACTION[code]))
        super().changeEvent(event)

    def get_state(self) -> list[str]:
        return [code for code, box in self.boxes.items() if box.isChecked()]

    def set_state(self, codes: Any) -> None:
        chosen = set(codes or [])
        for code, box in self.boxes.items():
            box.setChecked(code in chosen)


class _EnterAdds(QObject):
    """Enter in the search box or the matches adds a person instead of saving the form."""

    def __init__(self, picker: PersonPicker) -> None:
        super().__init__(picker)
        self.picker = picker

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            if watched is self.picker.search_box:
                self.picker.run_search()
            self.picker.add_selected()
            return True
        return False


class PersonPicker(QWidget):
    """Find registered persons by name or NIK and keep a list of those at risk."""

    sig_changed = Signal()

    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.search_box = QLineEdit()
        self.search_box.setClearButtonEnabled(True)
        self.results = QListWidget()
        self.results.setFixedHeight(84)
        self.add_button = QPushButton()
        self.chosen = QListWidget()
        self.chosen.setFixedHeight(68)
        self.chosen.setProperty("data", True)
        self.results.setProperty("data", True)
        self.remove_button = QPushButton()
        self.found_label = QLabel()
        self.found_label.setStyleSheet("color: #555;")
        self.chosen_label = QLabel()
        self.chosen_label.setBuddy(self.chosen)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        layout.addWidget(self.search_box)
        layout.addWidget(self.results)
        row = QHBoxLayout()
        row.addWidget(self.found_label, 1)
        row.addWidget(self.add_button)
        layout.addLayout(row)
        layout.addWidget(self.chosen_label)
        layout.addWidget(self.chosen)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.remove_button)
        layout.addLayout(row)

        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.run_search)
        self.search_box.textChanged.connect(lambda _t: self._timer.start())
        self._enter = _EnterAdds(self)
        self.search_box.installEventFilter(self._enter)
        self.results.installEventFilter(self._enter)
        self.results.itemDoubleClicked.connect(lambda _i: self.add_selected())
        self.add_button.clicked.connect(self.add_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        self.results.currentRowChanged.connect(lambda _r: self._update_buttons())
        self.chosen.currentRowChanged.connect(lambda _r: self._update_buttons())
        self.retranslate()
        self._update_buttons()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.search_box.setPlaceholderText(tr("Cari nama atau NIK orang yang terdaftar…"))
        self.add_button.setText(tr("Tambahkan ke daftar"))
        self.remove_button.setText(tr("Hapus dari daftar"))
        self.chosen_label.setText(tr("Disebut dalam laporan ini:"))
        self._show_found()

    def _show_found(self) -> None:
        if not self.search_box.text().strip():
            self.found_label.setText(tr("Ketik untuk mencari, lalu pilih dan tambahkan."))
        elif self.results.count() == 0:
            self.found_label.setText(tr("Tidak ada orang terdaftar yang cocok."))
        else:
            self.found_label.setText(trf("{n} orang ditemukan", n=self.results.count()))

    def run_search(self) -> None:
        self._timer.stop()
        text = self.search_box.text()
        rows = search.search_page(self.ctx.db, search.PersonQuery(text=text),
                                  limit=SEARCH_LIMIT) if text.strip() else []
        self.results.clear()
        for row in rows:
            caption = row.full_name + (f" - {row.nik}" if row.nik else "")
            if row.birth_date:
                caption += f" ({short_date(row.birth_date)})"
            item = QListWidgetItem(caption)
            item.setData(Qt.ItemDataRole.UserRole, (row.id, row.full_name))
            self.results.addItem(item)
        if rows:
            self.results.setCurrentRow(0)
        self._show_found()
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.add_button.setEnabled(self.results.currentItem() is not None)
        self.remove_button.setEnabled(self.chosen.currentItem() is not None)

    def add_selected(self) -> None:
        item = self.results.currentItem()
        if item is None:
            return
        person_id, name = item.data(Qt.ItemDataRole.UserRole)
        self.add_person(person_id, name)

    def add_person(self, person_id: str, name: str) -> None:
        if person_id in self.person_ids():
            return
        item = QListWidgetItem(name)
        item.setData(Qt.ItemDataRole.UserRole, person_id)
        self.chosen.addItem(item)
        self.chosen.setCurrentItem(item)
        self._update_buttons()
        self.sig_changed.emit()

    def remove_selected(self) -> None:
        row = self.chosen.currentRow()
        if row < 0:
            return
        self.chosen.takeItem(row)
        self._update_buttons()
        self.sig_changed.emit()

    def person_ids(self) -> list[str]:
        return [self.chosen.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(self.chosen.count())]

    def get_state(self) -> list[list[str]]:
        """[[id, name], ...]: JSON-safe, and the names survive in a draft."""
        return [[self.chosen.item(i).data(Qt.ItemDataRole.UserRole), self.chosen.item(i).text()]
                for i in range(self.chosen.count())]

    def set_state(self, pairs: Any) -> None:
        self.chosen.clear()
        for pair in pairs or []:
            person_id, name = pair
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, person_id)
            self.chosen.addItem(item)
        self._update_buttons()


class WarningForm(RecordForm):
    """What was seen, by whom (or anonymous), the recruiter, persons at risk, actions."""

    def __init__(self, ctx: ServiceContext, runner: TaskRunner, report_id: str | None = None,
                 parent: QWidget | None = None, *,
                 persons: tuple[tuple[str, str], ...] = (), kind: str | None = None) -> None:
        """``persons`` ((id, name), ...) and ``kind`` prefill a new report (at-risk list)."""
        self.report_id = report_id
        self.number = ""
        key = (f"warning:{report_id}" if report_id
               else "warning:new" + "".join(f":{pid}" for pid, _ in persons))
        super().__init__(ctx, runner, key, parent)
        if report_id:
            self._load(warnings.get_report(ctx, report_id))
        else:
            self.write_values({"kind": kind or next(iter(WARNING_KIND)),
                               "person_ids": [list(p) for p in persons]})
            self.fields["report_date"].set_value(ctx.today())  # type: ignore[attr-defined]
        self.retranslate()
        self.fields["report_date"].setFocus()

    def title(self) -> str:
        if self.report_id:
            return trf("Ubah laporan peringatan dini {number}", number=self.number)
        return tr("Laporan peringatan dini baru")

    def build(self) -> None:
        self.add_field("report_date", "&Tanggal laporan", DateField())
        self.add_field("kind", "&Jenis laporan", CodeCombo(WARNING_KIND))
        self.add_field("reporter_name", "Nama &pelapor", QLineEdit())
        self.reporter_hint = _hint()
        self._column("reporter_name").addWidget(self.reporter_hint)
        self.add_field("what_seen", "Yang &dilihat/didengar", _text_box(96))
        self.add_field("recruiter_name", "Nama pe&rekrut/calo", QLineEdit())
        self.add_field("recruiter_phone", "Telepon perekrut", QLineEdit())
        self.add_field("recruiter_details", "Keterangan perekrut", _text_box(56))
        self.picker = PersonPicker(self.ctx)
        self.picker.sig_changed.connect(self.mark_dirty)
        self.add_field("person_ids", "&Orang yang berisiko", self.picker)
        self.checklist = ActionChecklist()
        self.add_field("actions", "Tindakan yang di&ambil", self.checklist)
        self.add_field("action_notes", "Catatan tindakan", _text_box(56))
        order: list[QWidget] = []
        for widget in self.fields.values():
            if widget is self.picker:
                order += [self.picker.search_box, self.picker.results, self.picker.add_button,
                          self.picker.chosen, self.picker.remove_button]
            elif widget is self.checklist:
                order += list(self.checklist.boxes.values())
            else:
                order.append(widget)
        self.finish_fields(order)

    def _column(self, name: str) -> QVBoxLayout:
        layout = self.errors[name].parentWidget().layout()
        assert isinstance(layout, QVBoxLayout)
        return layout

    def retranslate_fields(self) -> None:
        self.reporter_hint.setText(tr(
            "Boleh dikosongkan: pelapor boleh tidak menyebutkan nama (anonim)."))
        self.fields["recruiter_phone"].setPlaceholderText(  # type: ignore[attr-defined]
            tr("contoh 0812 3456 7890"))
        self.fields["what_seen"].setPlaceholderText(  # type: ignore[attr-defined]
            tr("Apa yang dilihat atau didengar, di mana dan kapan"))
        self.fields["recruiter_details"].setPlaceholderText(  # type: ignore[attr-defined]
            tr("Ciri-ciri, kendaraan, asal, perusahaan yang disebut"))

    def _load(self, view: warnings.WarningView) -> None:
        data = view.data
        self.number = view.number
        self.write_values({
            "kind": data.kind, "reporter_name": data.reporter_name,
            "what_seen": data.what_seen, "recruiter_name": data.recruiter_name,
            "recruiter_phone": data.recruiter_phone,
            "recruiter_details": data.recruiter_details, "actions": list(data.actions),
            "action_notes": data.action_notes,
            "person_ids": [list(p) for p in view.persons],
        })
        self.fields["report_date"].set_value(data.report_date)  # type: ignore[attr-defined]

    def make_input(self, values: dict[str, Any]) -> WarningInput:
        report_date = self.date_value("report_date")
        if report_date is None:
            raise FieldError("report_date", tr("Isi tanggal laporan."))
        if not values["what_seen"].strip():
            raise FieldError("what_seen", tr("Tuliskan apa yang dilihat atau didengar."))
        return WarningInput(
            report_date=report_date, kind=values["kind"], what_seen=values["what_seen"],
            reporter_name=values["reporter_name"], recruiter_name=values["recruiter_name"],
            recruiter_phone=values["recruiter_phone"],
            recruiter_details=values["recruiter_details"],
            actions=tuple(values["actions"]), action_notes=values["action_notes"],
            person_ids=tuple(self.picker.person_ids()),
        )

    def save(self, data: WarningInput, confirmed: bool) -> Change:
        if self.report_id:
            return warnings.update_report(self.ctx, self.report_id, data)
        return warnings.create_report(self.ctx, data)
