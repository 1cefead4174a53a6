"""Recording an outreach visit (pendataan / penjangkauan) to a household.

The officer's name is shown, not chosen: a visit is always recorded under
the account that typed it, which is what lets the village head see who
went where. When nobody was home the form asks for the day of the next
visit, so a household that was missed is not silently forgotten.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QPlainTextEdit, QSizePolicy, QWidget

from desa_desktop.domain.reference import COLLECTION_METHOD, VISIT_KIND, VISIT_OUTCOME
from desa_desktop.services import households, visits
from desa_desktop.services.context import Change, ServiceContext
from desa_desktop.services.visits import VisitInput
from desa_desktop.ui.form_base import FieldError, RecordForm
from desa_desktop.ui.household_form import household_caption
from desa_desktop.ui.tasks import TaskRunner
from desa_desktop.ui.translator import tr, trf
from desa_desktop.ui.widgets import CodeCombo, DateField

NOT_HOME = "tidak_di_rumah"


class VisitForm(RecordForm):
    """Date, kind and outcome of a visit; a follow-up date when nobody was home."""

    def __init__(self, ctx: ServiceContext, runner: TaskRunner, household_id: str,
                 parent: QWidget | None = None) -> None:
        self.household_id = household_id
        self.household = households.get_household(ctx, household_id)
        super().__init__(ctx, runner, f"visit:new:{household_id}", parent)
        self.fields["visit_date"].set_value(ctx.today())  # type: ignore[attr-defined]
        self._outcome_changed()
        self.fields["visit_date"].setFocus()

    def title(self) -> str:
        return tr("Kunjungan baru")

    def build(self) -> None:
        self.household_label = QLabel()
        self.household_label.setProperty("data", True)
        self.add_field("household", "Keluarga", self.household_label)
        officer = QLabel(self.ctx.officer.full_name if self.ctx.officer else "-")
        officer.setProperty("data", True)  # a name, not a text to translate
        self.add_field("officer", "Petugas", officer)
        self.add_field("visit_date", "Tanggal kunjungan", DateField())
        self.add_field("kind", "Jenis kunjungan", CodeCombo(VISIT_KIND))
        outcome = CodeCombo(VISIT_OUTCOME)
        outcome.currentIndexChanged.connect(self._outcome_changed)
        self.add_field("outcome", "Hasil kunjungan", outcome)
        self.add_field("follow_up_date", "Tanggal kunjungan ulang", DateField())
        self.follow_up_hint = QLabel()
        self.follow_up_hint.setWordWrap(True)
        self.follow_up_hint.setStyleSheet("color: #555;")
        column = self.errors["follow_up_date"].parentWidget()
        column.layout().addWidget(self.follow_up_hint)  # type: ignore[union-attr]
        self.add_field("collection_method", "Cara pengumpulan data",
                       CodeCombo(COLLECTION_METHOD))
        notes = QPlainTextEdit()
        notes.setTabChangesFocus(True)
        notes.setFixedHeight(80)
        # Fixed, or the row takes all spare height and floats the box in its middle.
        notes.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.add_field("notes", "Catatan", notes)
        order = [w for w in self.fields.values() if not isinstance(w, QLabel)]
        self.finish_fields(order)

    def retranslate_fields(self) -> None:
        self.household_label.setText(household_caption(self.household))
        self._outcome_changed()

    def _outcome_changed(self, *_: object) -> None:
        """The follow-up date only matters, and is then required, when nobody was home."""
        not_home = self.fields["outcome"].code() == NOT_HOME  # type: ignore[attr-defined]
        self.fields["follow_up_date"].setEnabled(not_home)
        self.follow_up_hint.setText(
            tr("Wajib diisi: kapan keluarga ini akan dikunjungi lagi.") if not_home
            else trf('Diisi bila hasil kunjungan "{outcome}".',
                     outcome=tr(VISIT_OUTCOME[NOT_HOME]))
        )

    def make_input(self, values: dict[str, Any]) -> VisitInput:
        visit_date = self.date_value("visit_date")
        if visit_date is None:
            raise FieldError("visit_date", tr("Isi tanggal kunjungan."))
        not_home = values["outcome"] == NOT_HOME
        return VisitInput(
            visit_date=visit_date, outcome=values["outcome"], kind=values["kind"],
            follow_up_date=self.date_value("follow_up_date") if not_home else None,
            collection_method=values["collection_method"], notes=values["notes"],
        )

    def save(self, data: VisitInput, confirmed: bool) -> Change:
        return visits.add_visit(self.ctx, self.household_id, data)
