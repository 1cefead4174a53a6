"""Registering and editing a household (keluarga, as on the Kartu Keluarga),
and the household picker the person form uses to link a person to one.

The No. KK is checked as soon as the officer leaves the field, because
numbers copied from worn cards are the commonest mistake and the officer
still has the card in hand at that moment, not after pressing save.
"""

from __future__ import annotations

import contextlib
from typing import Any

import shiboken6
from PySide6.QtCore import QEvent, QStringListModel, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QCompleter, QLineEdit, QVBoxLayout, QWidget

from desa_desktop.domain.errors import DomainError
from desa_desktop.domain.nik import normalise_digits, parse_kk
from desa_desktop.domain.reference import COLLECTION_METHOD
from desa_desktop.services import households
from desa_desktop.services.context import Change, ServiceContext
from desa_desktop.services.households import HouseholdInput, HouseholdView
from desa_desktop.ui.form_base import RecordForm
from desa_desktop.ui.tasks import TaskRunner
from desa_desktop.ui.translator import lookup, tr, trf
from desa_desktop.ui.widgets import CodeCombo, DateField

PICKER_DELAY_MS = 250


def household_caption(view: HouseholdView) -> str:
    """How a household is named in pickers: by its KK number and its head."""
    if view.kk_number:
        return trf("KK {kk} - Kepala: {head}", kk=view.kk_number, head=view.head_name)
    return trf("Tanpa No. KK - Kepala: {head}", head=view.head_name)


class HouseholdPicker(QWidget):
    """A search-as-you-type field that links a household by id, not by text.

    The officer types part of a KK number or the head's name and picks one of
    the households offered; what is kept is the household id. The lookup runs
    on the worker thread (after a short pause in typing) so a slow disk never
    freezes typing. ``get_state``/``set_state`` let the form base read it and
    keep it in drafts.
    """

    changed = Signal()

    def __init__(self, ctx: ServiceContext, runner: TaskRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.runner = runner
        self.household_id: str | None = None
        self._view: HouseholdView | None = None
        self._offered: dict[str, HouseholdView] = {}
        self.edit = QLineEdit(self)
        self.edit.setClearButtonEnabled(True)
        self.model = QStringListModel(self)
        self.completer = QCompleter(self.model, self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.activated.connect(self._picked)
        self.edit.setCompleter(self.completer)
        self.edit.textEdited.connect(self._typed)
        self._timer = QTimer(self, singleShot=True, interval=PICKER_DELAY_MS)
        self._timer.timeout.connect(self._lookup)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.edit)
        self.setFocusProxy(self.edit)
        self._retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.edit.setPlaceholderText(tr("Ketik No. KK atau nama kepala keluarga, lalu pilih"))
        if self._view is not None and self.household_id == self._view.id:
            self.edit.setText(household_caption(self._view))

    def _typed(self, _text: str) -> None:
        self.household_id = None
        self._view = None
        self._timer.start()
        self.changed.emit()

    def _lookup(self) -> None:
        text = self.edit.text().strip()
        query = text
        with contextlib.suppress(DomainError):  # a name, not a number
            query = normalise_digits(text) or text
        ctx = self.ctx
        self.runner.run(lambda: households.find_households(ctx, query, limit=20),
                        lambda rows: self._offer(text, rows), on_error=lambda _e: None)

    def _offer(self, text: str, rows: list[HouseholdView]) -> None:
        if not shiboken6.isValid(self.edit):
            return  # the form was closed while the lookup ran
        if text != self.edit.text().strip():
            return  # the officer kept typing; a newer lookup is on its way
        self._offered = {household_caption(v): v for v in rows}
        self.model.setStringList(list(self._offered))
        if rows and self.edit.hasFocus():
            self.completer.complete()

    def _picked(self, caption: str) -> None:
        view = self._offered.get(caption)
        if view is not None:
            self.set_household(view)
            self.changed.emit()

    def set_household(self, view: HouseholdView | None) -> None:
        """Show and select ``view`` (None clears the field)."""
        self._view = view
        self.household_id = view.id if view else None
        self.edit.setText(household_caption(view) if view else "")

    def resolve(self) -> str | None:
        """The chosen id; a caption typed out in full still counts as chosen."""
        if self.household_id is None:
            view = self._offered.get(self.edit.text().strip())
            if view is not None:
                self.set_household(view)
        return self.household_id

    def text(self) -> str:
        return self.edit.text().strip()

    def get_state(self) -> dict[str, Any]:
        return {"id": self.household_id, "text": self.edit.text()}

    def set_state(self, state: Any) -> None:
        state = state if isinstance(state, dict) else {}
        self.edit.setText(state.get("text") or "")
        self.household_id = state.get("id")
        self._view = None


class HouseholdForm(RecordForm):
    """The Kartu Keluarga as a form: KK number, head, where the family lives."""

    def __init__(self, ctx: ServiceContext, runner: TaskRunner,
                 household_id: str | None = None, parent: QWidget | None = None) -> None:
        self.household_id = household_id
        key = f"household:{household_id}" if household_id else "household:new"
        super().__init__(ctx, runner, key, parent)
        if household_id:
            self._load(households.get_household(ctx, household_id))
        else:
            self.fields["collected_on"].set_value(ctx.today())  # type: ignore[attr-defined]
        self.fields["kk_number"].setFocus()

    def title(self) -> str:
        return tr("Ubah data keluarga") if self.household_id else tr("Keluarga baru")

    def build(self) -> None:
        kk = QLineEdit()
        kk.setMaxLength(24)
        kk.setPlaceholderText(tr("16 angka, contoh 3207 1215 0810 0003"))
        kk.editingFinished.connect(self._check_kk)
        self.add_field("kk_number", "No. KK", kk)
        self.add_field("head_name", "Nama kepala keluarga", QLineEdit())
        dusun = QComboBox()
        dusun.setEditable(True)
        dusun.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        dusun.setMinimumWidth(240)  # room to type a new hamlet's name
        dusun.addItems(households.list_dusun(self.ctx))
        dusun.setCurrentIndex(-1)
        dusun.setEditText("")
        self.add_field("dusun", "Dusun", dusun)
        for unit, label in (("rw", "RW"), ("rt", "RT")):
            edit = QLineEdit()
            edit.setMaxLength(3)
            edit.setMaximumWidth(90)
            self.add_field(unit, label, edit)
        self.add_field("address", "Alamat", QLineEdit())
        self.add_field("collection_method", "Cara pengumpulan data",
                       CodeCombo(COLLECTION_METHOD))
        self.add_field("collected_on", "Tanggal pendataan", DateField())
        self.finish_fields()

    def retranslate_fields(self) -> None:
        self.fields["kk_number"].setPlaceholderText(  # type: ignore[attr-defined]
            tr("16 angka, contoh 3207 1215 0810 0003"))

    def _load(self, view: HouseholdView) -> None:
        self.write_values({
            "kk_number": view.kk_number, "head_name": view.head_name, "dusun": view.dusun,
            "rw": view.rw, "rt": view.rt, "address": view.address,
            "collection_method": view.collection_method,
        })
        self.fields["collected_on"].set_value(view.collected_on)  # type: ignore[attr-defined]

    def _check_kk(self) -> None:
        """Say at once what is wrong with the No. KK, before the officer moves on."""
        text = self.fields["kk_number"].text()  # type: ignore[attr-defined]
        message = ""
        if text.strip():
            try:
                parse_kk(text, today=self.ctx.today())
            except DomainError as err:
                message = err.translated(lookup)
        self.errors["kk_number"].show_message(message)

    def make_input(self, values: dict[str, Any]) -> HouseholdInput:
        return HouseholdInput(
            kk_number=values["kk_number"], head_name=values["head_name"],
            dusun=values["dusun"] or "", rw=values["rw"], rt=values["rt"],
            address=values["address"], collection_method=values["collection_method"],
            collected_on=self.date_value("collected_on"),
        )

    def save(self, data: HouseholdInput, confirmed: bool) -> Change:
        if self.household_id:
            return households.update_household(self.ctx, self.household_id, data)
        return households.create_household(self.ctx, data)
