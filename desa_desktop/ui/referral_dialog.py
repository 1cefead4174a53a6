"""Referring a case to an institution, and recording what the institution did.

A referral sends the person's story outside the village, so it needs the
person's (or family's) consent. When the case has none on record the form
says so plainly and asks for the reason to refer anyway (an emergency, a
trafficking report to the police): that reason is kept with the referral.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from PySide6.QtWidgets import QComboBox, QLabel, QPlainTextEdit, QSizePolicy, QWidget

from desa_desktop.domain.case_reference import REFERRAL_STATUS
from desa_desktop.services import cases, institutions, referrals
from desa_desktop.services.context import Change, ServiceContext
from desa_desktop.services.referrals import ReferralView
from desa_desktop.ui.form_base import FieldError, RecordForm
from desa_desktop.ui.tasks import TaskRunner
from desa_desktop.ui.translator import tr, trf
from desa_desktop.ui.widgets import CodeCombo, DateField

#: Days the institution gets to answer before the referral shows as overdue.
ANSWER_DAYS = 14


def status_choices(current: str) -> dict[str, str]:
    """The statuses a referral may move to from ``current``, in the usual order."""
    allowed = referrals.TRANSITIONS.get(current, frozenset())
    return {code: label for code, label in REFERRAL_STATUS.items() if code in allowed}


def _text_box(height: int = 70) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    box.setFixedHeight(height)
    box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    return box


def consent_given(detail: cases.CaseDetail) -> bool:
    """Both consents (to refer and to share the data) are needed to refer freely."""
    return bool(detail.consent_referral) and bool(detail.consent_data_sharing)


class ReferralDialog(RecordForm):
    """Institution, date, reason, answer due date; a consent override when needed."""

    def __init__(self, ctx: ServiceContext, runner: TaskRunner, case_id: str,
                 parent: QWidget | None = None) -> None:
        self.case_id = case_id
        detail = cases.get_case(ctx, case_id)
        self.case_number = detail.number
        self.needs_override = not consent_given(detail)
        self.institutions = institutions.list_institutions(ctx)
        super().__init__(ctx, runner, f"referral:new:{case_id}", parent)
        today = ctx.today()
        self.fields["referred_on"].set_value(today)  # type: ignore[attr-defined]
        self.fields["answer_due"].set_value(  # type: ignore[attr-defined]
            today + timedelta(days=ANSWER_DAYS))
        self.resize(620, 500 if self.needs_override else 400)
        self.fields["institution_id"].setFocus()

    def title(self) -> str:
        return trf("Rujuk kasus {number}", number=self.case_number)

    def build(self) -> None:
        combo = QComboBox()
        combo.setProperty("data_items", True)  # institution names are data
        # Some names are long: do not let one widen the whole form past the window.
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(30)
        combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        for item in self.institutions:
            combo.addItem(item.name, item.id)
        self.add_field("institution_id", "&Lembaga tujuan", combo)
        self.add_field("referred_on", "&Tanggal rujukan", DateField())
        self.add_field("reason", "&Alasan / permintaan", _text_box())
        self.add_field("answer_due", "&Batas jawaban", DateField())
        self.consent_warning = QLabel()
        self.consent_warning.setWordWrap(True)
        self.consent_warning.setStyleSheet(
            "padding: 6px; border-radius: 4px; background: #fff4e0; color: #8a5300;")
        override = _text_box(60)
        if self.needs_override:
            self.form.addRow(self.consent_warning)
            self.add_field("consent_override", "Alasan tanpa &persetujuan", override)
        self.finish_fields()

    def retranslate_fields(self) -> None:
        self.consent_warning.setText(tr(
            "Kasus ini belum mencatat persetujuan (rujukan dan berbagi data) dari yang "
            "bersangkutan atau keluarganya. Rujukan tanpa persetujuan hanya untuk keadaan "
            "mendesak; tuliskan alasannya. Alasan ini disimpan bersama rujukan."))

    def make_input(self, values: dict[str, Any]) -> dict[str, Any]:
        referred_on = self.date_value("referred_on")
        if referred_on is None:
            raise FieldError("referred_on", tr("Isi tanggal rujukan."))
        if not values["institution_id"]:
            raise FieldError("institution_id", tr("Pilih lembaga tujuan rujukan."))
        override = (values.get("consent_override") or "").strip()
        if self.needs_override and not override:
            raise FieldError("consent_override",
                             tr("Tuliskan alasan merujuk tanpa persetujuan."))
        return {"institution_id": values["institution_id"], "referred_on": referred_on,
                "reason": values["reason"].strip(), "answer_due": self.date_value("answer_due"),
                "consent_override": override}

    def save(self, data: dict[str, Any], confirmed: bool) -> Change:
        return referrals.refer_case(
            self.ctx, self.case_id, data["institution_id"], referred_on=data["referred_on"],
            reason=data["reason"], answer_due=data["answer_due"],
            consent_override=data["consent_override"])


class ReferralStatusDialog(RecordForm):
    """What the institution did: received it, acted on it, or never answered."""

    def __init__(self, ctx: ServiceContext, runner: TaskRunner, referral: ReferralView,
                 parent: QWidget | None = None) -> None:
        self.referral = referral
        super().__init__(ctx, runner, f"referral_status:{referral.id}", parent)
        self.fields["on"].set_value(ctx.today())  # type: ignore[attr-defined]
        self.resize(560, 380)
        self.fields["status"].setFocus()

    def title(self) -> str:
        return tr("Status rujukan")

    def build(self) -> None:
        institution = QLabel(self.referral.institution_name)
        institution.setProperty("data", True)
        institution.setWordWrap(True)
        self.add_field("institution", "Lembaga", institution)
        self.add_field("status", "&Status baru", CodeCombo(status_choices(self.referral.status)))
        self.add_field("on", "&Tanggal", DateField())
        self.add_field("notes", "&Catatan", _text_box())
        self.finish_fields([self.fields["status"], self.fields["on"], self.fields["notes"]])

    def make_input(self, values: dict[str, Any]) -> dict[str, Any]:
        on = self.date_value("on")
        if on is None:
            raise FieldError("on", tr("Isi tanggal."))
        return {"status": values["status"], "on": on, "notes": values["notes"].strip()}

    def save(self, data: dict[str, Any], confirmed: bool) -> Change:
        return referrals.update_referral_status(self.ctx, self.referral.id, data["status"],
                                                on=data["on"], notes=data["notes"])
