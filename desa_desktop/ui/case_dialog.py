"""One case file (kasus / pengaduan): its data, persons, timeline and the rest.

The first two tabs ("Data kasus", "Orang") are the case form, saved together
with "Simpan" (drafts kept as the officer types, like every form). The other
tabs record things as they happen (a phone call, a scan, a follow-up date,
consent, a referral) and are saved at once. The status moves only along the
workflow: the buttons at the top are exactly the moves allowed now, so an
illegal one is never offered. The village head sees everything read-only.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desa_desktop.domain.case_reference import (
    CASE_STATUS,
    CASE_TYPES,
    CHANNEL,
    CONFIDENTIAL_TYPES,
    PRIORITY,
    REPORTER_RELATION,
)
from desa_desktop.domain.errors import DomainError
from desa_desktop.domain.reference import COUNTRIES
from desa_desktop.services import accounts, cases, drafts, persons
from desa_desktop.services.cases import CaseDetail, CaseInput, CasePersonInput
from desa_desktop.services.context import EDITOR_ROLES, Change, ServiceContext
from desa_desktop.services.errors import ServiceError, ValidationError
from desa_desktop.ui.case_tabs import AttachmentsTab, ConsentTab, FollowUpsTab, TimelineTab
from desa_desktop.ui.form_base import FieldError, RecordForm
from desa_desktop.ui.operations import Operations
from desa_desktop.ui.person_picker import PersonsEditor
from desa_desktop.ui.tasks import TaskRunner
from desa_desktop.ui.translator import lookup, tr, trf
from desa_desktop.ui.widgets import CodeCombo, DateField, ErrorLabel

_WATCHED = ("case", "follow_up", "referral", "letter")


def ask_text(parent: QWidget | None, title: str, prompt: str) -> str | None:
    """Ask for a short text (an outcome, a reason); None when cancelled.

    A module function so tests replace it, as they replace ``dialogs.choose``.
    """
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    label = QLabel(prompt)
    label.setWordWrap(True)
    text = QPlainTextEdit()
    text.setTabChangesFocus(True)
    ok, cancel = QPushButton(tr("Simpan")), QPushButton(tr("Batal"))
    ok.setDefault(True)
    ok.clicked.connect(dialog.accept)
    cancel.clicked.connect(dialog.reject)
    buttons = QHBoxLayout()
    buttons.addStretch(1)
    buttons.addWidget(cancel)
    buttons.addWidget(ok)
    layout = QVBoxLayout(dialog)
    layout.addWidget(label)
    layout.addWidget(text)
    layout.addLayout(buttons)
    dialog.resize(460, 220)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return text.toPlainText().strip()


def error_text(err: Exception) -> str:
    if isinstance(err, ValidationError):
        return "\n".join(p.translated(lookup) for p in err.problems)
    if isinstance(err, DomainError):
        return err.translated(lookup)
    return trf("Gagal menyimpan: {error}", error=err)


class TypeChecks(QWidget):
    """The case types as check boxes in two columns (a case often has several)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setVerticalSpacing(2)
        self.boxes: dict[str, QCheckBox] = {}
        half = (len(CASE_TYPES) + 1) // 2
        for i, (code, label) in enumerate(CASE_TYPES.items()):
            box = QCheckBox(tr(label))
            self.boxes[code] = box
            grid.addWidget(box, i % half, i // half)

    def retranslate(self) -> None:
        for code, box in self.boxes.items():
            box.setText(tr(CASE_TYPES[code]))

    def get_state(self) -> list[str]:
        return [code for code, box in self.boxes.items() if box.isChecked()]

    def set_state(self, codes: list[str] | None) -> None:
        for code, box in self.boxes.items():
            box.setChecked(code in (codes or []))


class CaseDialog(RecordForm):
    """A new case (prefilled from a person) or an existing one, per its access rights."""

    def __init__(self, ctx: ServiceContext, runner: TaskRunner, ops: Operations,
                 case_id: str | None = None, person_id: str | None = None,
                 parent: QWidget | None = None) -> None:
        self.ops = ops
        self.case_id = case_id
        self.detail: CaseDetail | None = cases.get_case(ctx, case_id) if case_id else None
        self.read_only = ctx.officer is None or ctx.officer.role not in EDITOR_ROLES
        self.officers = accounts.list_officers(ctx.db)
        key = f"case:{case_id}" if case_id else f"case:new:{person_id or ''}"
        super().__init__(ctx, runner, key, parent)
        self.saved.connect(ops.announce)
        ops.changed.connect(self.on_changed)
        if self.detail is not None:
            self.show_detail(self.detail)
        else:
            self._prefill(person_id)
        self.set_read_only(self.read_only)
        self.resize(1000, 690)

    # -- building ----------------------------------------------------------------------
    def build(self) -> None:
        self._build_header()
        self.types = TypeChecks()
        self.add_field("types", "&Jenis kasus", self.types)
        self.add_field("reported_on", "&Tanggal lapor", DateField())
        self.add_field("channel", "&Cara melapor", CodeCombo(CHANNEL))
        self.add_field("reporter_name", "Nama &pelapor", QLineEdit())
        self.add_field("reporter_relation", "&Hubungan pelapor",
                       CodeCombo({"": "-", **REPORTER_RELATION}))
        self.add_field("reporter_phone", "Telepon pela&por", QLineEdit())
        country = CodeCombo({"": "-", **COUNTRIES})
        self.add_field("country", "&Negara", country)
        self.add_field("employer", "&Majikan / perusahaan", QLineEdit())
        description = QPlainTextEdit()
        description.setTabChangesFocus(True)
        description.setFixedHeight(110)
        description.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.add_field("description", "&Uraian kejadian", description)
        self.add_field("priority", "P&rioritas", CodeCombo(PRIORITY))
        officer = QComboBox()
        officer.setProperty("data_items", True)  # officers' names are data
        for o in self.officers:
            officer.addItem(o.full_name, o.id)
        self.add_field("assigned_officer_id", "Petugas yang &ditugaskan", officer)
        self.confidential = QCheckBox()
        self.add_field("marked_confidential", "Kerahasiaan", self.confidential)
        self.confidential_hint = QLabel()
        self.confidential_hint.setWordWrap(True)
        self.confidential_hint.setStyleSheet("color: #555;")
        column = self.errors["marked_confidential"].parentWidget()
        column.layout().addWidget(self.confidential_hint)  # type: ignore[union-attr]
        # As wide as the form, or the hint wraps into a narrow, clipped column.
        column.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        for box in self.types.boxes.values():
            box.toggled.connect(self._types_changed)
        self.finish_fields()

        self.persons_editor = PersonsEditor(self.ctx)
        self.persons_editor.sig_changed.connect(self.mark_dirty)
        self.fields["persons"] = self.persons_editor
        self.errors["persons"] = ErrorLabel()
        persons_tab = QWidget()
        persons_layout = QVBoxLayout(persons_tab)
        persons_layout.addWidget(self.persons_editor, 1)
        persons_layout.addWidget(self.errors["persons"])

        act = self.act
        self.timeline_tab = TimelineTab(self.ctx, act)
        self.attachments_tab = AttachmentsTab(self.ctx, act)
        self.follow_ups_tab = FollowUpsTab(self.ctx, act)
        self.consent_tab = ConsentTab(self.ctx, act)
        self.referrals_tab: QWidget = QLabel()

        outer = self.layout()
        scroll = self.findChild(QScrollArea)
        index = outer.indexOf(scroll)  # type: ignore[union-attr]
        outer.removeWidget(scroll)  # type: ignore[union-attr]
        self.tabs = QTabWidget()
        self.tabs.addTab(scroll, "")
        self.tabs.addTab(persons_tab, "")
        for tab in (self.timeline_tab, self.attachments_tab, self.follow_ups_tab,
                    self.consent_tab, self.referrals_tab):
            self.tabs.addTab(tab, "")
        outer.insertWidget(index, self.tabs, 1)  # type: ignore[union-attr]
        outer.insertWidget(0, self.header)  # type: ignore[union-attr]
        self.tabs.currentChanged.connect(
            lambda i: self.save_button.setDefault(i <= 1))  # Enter saves the form only

    def _build_header(self) -> None:
        self.header = QWidget()
        self.number_label = QLabel()
        self.number_label.setProperty("data", True)
        self.number_label.setStyleSheet("font-weight: bold; font-size: 14pt;")
        self.status_label = QLabel()
        self.confidential_label = QLabel()
        self.confidential_label.setStyleSheet(
            "color: white; background: #8b0000; padding: 2px 6px; border-radius: 3px;")
        self.confidential_label.hide()
        self.status_caption = QLabel()
        self.transitions = QHBoxLayout()
        self.status_error = ErrorLabel()
        self.status_buttons: dict[str, QPushButton] = {}
        self.reopen_button = QPushButton()
        self.reopen_button.clicked.connect(self.reopen)
        top = QHBoxLayout()
        top.addWidget(self.number_label)
        top.addWidget(self.status_label)
        top.addWidget(self.confidential_label)
        top.addStretch(1)
        top.addWidget(self.status_caption)
        top.addLayout(self.transitions)
        top.addWidget(self.reopen_button)
        layout = QVBoxLayout(self.header)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.status_error)

    def title(self) -> str:
        if self.detail is None:
            return tr("Kasus baru")
        return trf("Kasus {number}", number=self.detail.number)

    def retranslate_fields(self) -> None:
        self.types.retranslate()
        self.confidential.setText(tr("Tandai &rahasia"))
        self._types_changed()
        names = ("Data kasus", "Orang", "Linimasa", "Lampiran", "Tindak lanjut", "Persetujuan",
                 "Rujukan")
        for i, name in enumerate(names):
            self.tabs.setTabText(i, tr(name))
        self.status_caption.setText(tr("Ubah status:"))
        self.confidential_label.setText(tr("Rahasia"))
        self.reopen_button.setText(tr("Buka kembali"))
        if isinstance(self.referrals_tab, QLabel):
            self.referrals_tab.setText(tr("Simpan kasus dulu untuk membuat rujukan.")
                                       if self.case_id is None else
                                       tr("Rujukan belum tersedia di versi ini."))
        self._show_header()

    def _types_changed(self, *_: object) -> None:
        forced = any(code in CONFIDENTIAL_TYPES for code in self.types.get_state())
        text = tr("Kasus rahasia hanya dapat dibuka oleh petugas yang ditugaskan dan admin. "
                  "Kasus indikasi perdagangan orang (TPPO) dan kekerasan seksual selalu "
                  "rahasia.")
        if forced:
            text += " " + tr("Kasus ini rahasia karena jenisnya.")
        self.confidential_hint.setText(text)

    # -- showing -----------------------------------------------------------------------
    def _prefill(self, person_id: str | None) -> None:
        values: dict[str, Any] = {"reported_on": self.ctx.today().strftime("%d/%m/%Y"),
                                  "assigned_officer_id": self.ctx.officer_id,
                                  "priority": "sedang", "channel": "datang"}
        if person_id:
            person = persons.get_person(self.ctx, person_id)
            values["persons"] = [{"person_id": person_id, "name": person.full_name,
                                  "nik": person.nik or ""}]
        self.write_values(values)
        values = {"country": self.persons_editor.latest_country()} if person_id else {}
        self.write_values(values)
        self._show_header()
        self.fields["types"].setFocus()

    def _show_header(self) -> None:
        detail = self.detail
        if detail is None:
            self.number_label.setText(tr("Kasus baru"))
            self.status_label.setText(tr("(nomor diberikan saat disimpan)"))
            self.confidential_label.hide()
        else:
            self.number_label.setText(detail.number)
            self.confidential_label.setVisible(detail.confidential)
            self.status_label.setText(trf("Status: {status}",
                                          status=tr(CASE_STATUS.get(detail.status,
                                                                    detail.status))))
        for button in self.status_buttons.values():
            self.transitions.removeWidget(button)
            button.setParent(None)
            button.deleteLater()
        self.status_buttons = {}
        allowed = () if detail is None or self.read_only else detail.allowed_transitions
        for status in allowed:
            button = QPushButton(tr(CASE_STATUS.get(status, status)))
            button.clicked.connect(lambda _c=False, s=status: self.change_status(s))
            self.transitions.addWidget(button)
            self.status_buttons[status] = button
        self.status_caption.setVisible(bool(allowed))
        self.reopen_button.setVisible(detail is not None and detail.can_reopen
                                      and not self.read_only)

    def show_detail(self, detail: CaseDetail) -> None:
        """Show a freshly read case; the form keeps what the officer is typing."""
        self.detail = detail
        self.case_id = detail.id
        self.setWindowTitle(self.title())
        if not self.dirty:
            self.write_values(self._values_of(detail))
        for tab in (self.timeline_tab, self.attachments_tab, self.follow_ups_tab,
                    self.consent_tab):
            tab.show_detail(detail)
        for i in range(2, self.tabs.count()):
            self.tabs.setTabEnabled(i, True)
        self._ensure_referrals_tab()
        self._show_header()

    def _values_of(self, detail: CaseDetail) -> dict[str, Any]:
        data = detail.data
        return {
            "types": list(data.types), "reported_on": data.reported_on.strftime("%d/%m/%Y"),
            "reporter_name": data.reporter_name, "reporter_relation": data.reporter_relation,
            "reporter_phone": data.reporter_phone, "channel": data.channel,
            "country": data.country, "employer": data.employer,
            "description": data.description, "priority": data.priority,
            "assigned_officer_id": data.assigned_officer_id,
            "marked_confidential": data.marked_confidential,
            "persons": [{"person_id": p.person_id, "name": p.full_name, "nik": p.nik or "",
                         "placement_id": p.placement_id, "role": p.role}
                        for p in detail.persons],
        }

    def _ensure_referrals_tab(self) -> None:
        if not isinstance(self.referrals_tab, QLabel) or self.case_id is None:
            return
        try:
            from desa_desktop.ui.referrals_panel import ReferralsPanel
        except ImportError:
            self.referrals_tab.setText(tr("Rujukan belum tersedia di versi ini."))
            return
        index = self.tabs.indexOf(self.referrals_tab)
        panel = ReferralsPanel(self.ctx, self.runner, self.ops, self.case_id, self)
        self.tabs.removeTab(index)
        self.referrals_tab.setParent(None)
        self.referrals_tab.deleteLater()
        self.referrals_tab = panel
        self.tabs.insertTab(index, panel, tr("Rujukan"))
        if self.read_only and hasattr(panel, "set_read_only"):
            panel.set_read_only(True)

    def set_read_only(self, read_only: bool) -> None:
        """The village head reads the whole case and changes nothing."""
        if self.case_id is None:
            for i in range(2, self.tabs.count()):
                self.tabs.setTabEnabled(i, False)
        if not read_only:
            return
        for name, widget in self.fields.items():
            if name != "persons":
                widget.setEnabled(False)
        self.persons_editor.set_read_only(True)
        for tab in (self.timeline_tab, self.attachments_tab, self.follow_ups_tab,
                    self.consent_tab):
            tab.set_read_only(True)
        self.save_button.hide()
        self._show_header()

    def on_changed(self, change: Change) -> None:
        if self.case_id is None or change.entity not in _WATCHED:
            return
        try:
            detail = cases.get_case(self.ctx, self.case_id)
        except ServiceError:
            return  # deleted or no longer readable; what is shown stays until closed
        self.show_detail(detail)

    # -- actions -----------------------------------------------------------------------
    def act(self, fn: Any, error: ErrorLabel, after: Any = None) -> None:
        """Run a change of one tab; errors go to that tab's error line."""
        def done(result: object) -> None:
            if after is not None:
                after()
            if isinstance(result, Change):
                self.ops.announce(result)
            else:
                self.show_banner(trf("Salinan disimpan: {path}", path=result))

        self.runner.run(fn, done, lambda err: error.show_message(error_text(err)))

    def change_status(self, status: str) -> None:
        if self.case_id is None:
            return
        outcome = closing = ""
        if status == "selesai":
            answer = ask_text(self, tr("Selesai ditangani"),
                              tr("Bagaimana hasil penanganan kasus ini?"))
            if answer is None:
                return
            outcome = answer
        elif status == "ditutup":
            answer = ask_text(self, tr("Tutup kasus"), tr("Mengapa kasus ini ditutup?"))
            if answer is None:
                return
            closing = answer
        ctx, case_id = self.ctx, self.case_id
        self.status_error.show_message("")
        self.act(lambda: cases.change_status(ctx, case_id, status, outcome=outcome,
                                             closing_reason=closing), self.status_error)

    def reopen(self) -> None:
        if self.case_id is None:
            return
        reason = ask_text(self, tr("Buka kembali kasus"),
                          tr("Mengapa kasus ini dibuka kembali?"))
        if reason is None:
            return
        ctx, case_id = self.ctx, self.case_id
        self.status_error.show_message("")
        self.act(lambda: cases.reopen_case(ctx, case_id, reason), self.status_error)

    # -- saving the form ---------------------------------------------------------------
    def make_input(self, values: dict[str, Any]) -> CaseInput:
        reported_on = self.date_value("reported_on")
        if reported_on is None:
            raise FieldError("reported_on", tr("Isi tanggal laporan."))
        return CaseInput(
            types=tuple(values["types"]), reported_on=reported_on,
            persons=tuple(CasePersonInput(p["person_id"], p.get("placement_id") or None,
                                          p.get("role") or "korban")
                          for p in values["persons"]),
            reporter_name=values["reporter_name"].strip(),
            reporter_relation=values["reporter_relation"] or "",
            reporter_phone=values["reporter_phone"].strip(), channel=values["channel"],
            country=values["country"] or "", employer=values["employer"].strip(),
            description=values["description"].strip(), priority=values["priority"],
            assigned_officer_id=values["assigned_officer_id"] or None,
            marked_confidential=bool(values["marked_confidential"]),
        )

    def save(self, data: CaseInput, confirmed: bool) -> Change:
        if self.case_id is None:
            return cases.create_case(self.ctx, data)
        return cases.update_case(self.ctx, self.case_id, data)

    def show_problems(self, problems: list) -> None:
        """Errors show next to their fields; the tab holding the first one comes forward."""
        super().show_problems(problems)
        fields = [p.field for p in problems if p.field in self.fields]
        self.tabs.setCurrentIndex(1 if fields and fields[0] == "persons" else 0)

    def _saved(self, change: Change) -> None:
        """A new case stays open as that case, so its timeline can be filled at once."""
        self.saving = False
        self.save_button.setEnabled(True)
        self.dirty = False
        self._draft_timer.stop()
        key, ctx = self.draft_key, self.ctx
        self.runner.run(lambda: drafts.discard_draft(ctx, key), on_error=lambda _e: None)
        if self.case_id is None and change.ids:
            self.case_id = change.ids[0]
            self.draft_key = f"case:{self.case_id}"
        self.saved.emit(change)
        self.show_banner(tr("Data kasus disimpan."))
