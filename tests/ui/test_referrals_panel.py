"""The "Rujukan" tab of a case: referring with consent, with the consent override,
overdue answers in red, and recording what the institution did.

The fixtures here (a worker, the operations, patched questions, a case of
Siti Aminah) are shared by the other letter screen tests.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from desa_desktop.services import cases, institutions, referrals
from desa_desktop.services.cases import CaseInput, CasePersonInput
from desa_desktop.services.context import ServiceContext
from desa_desktop.ui import dialogs
from desa_desktop.ui.form_base import RecordForm
from desa_desktop.ui.operations import Operations
from desa_desktop.ui.referral_dialog import ReferralDialog, ReferralStatusDialog
from desa_desktop.ui.referrals_panel import OVERDUE, ReferralsPanel
from desa_desktop.ui.tasks import TaskRunner
from tests.ui.helpers import fill_village


@dataclass
class Chooser:
    """Stands in for ``dialogs.choose``: answers queued labels, else the last option (Esc)."""

    answers: list[str] = field(default_factory=list)
    asked: list[tuple[str, str, list[str]]] = field(default_factory=list)

    def answer(self, *labels: str) -> None:
        self.answers.extend(labels)

    def __call__(self, parent, title: str, text: str, options: list[str], default: int = 0,
                 icon=None) -> int:
        self.asked.append((title, text, list(options)))
        if self.answers:
            return options.index(self.answers.pop(0))
        return len(options) - 1


@pytest.fixture
def chooser(monkeypatch: pytest.MonkeyPatch) -> Chooser:
    fake = Chooser()
    monkeypatch.setattr(dialogs, "choose", fake)
    return fake


@pytest.fixture
def runner(ctx: ServiceContext) -> Iterator[TaskRunner]:
    worker = TaskRunner()
    yield worker
    worker.wait()
    QApplication.processEvents()


@pytest.fixture
def ops(ctx: ServiceContext, runner: TaskRunner, chooser: Chooser) -> Operations:
    return Operations(ctx, runner)


@pytest.fixture
def show(qtbot, runner: TaskRunner) -> Iterator:
    """Show a widget at laptop size; at the end close every form quietly, before the
    worker and the database go away."""
    shown: list[QWidget] = []

    def _show(widget: QWidget, width: int = 1200, height: int = 650) -> QWidget:
        qtbot.addWidget(widget)
        widget.resize(width, height)
        widget.show()
        shown.append(widget)
        return widget

    yield _show
    for widget in shown:
        for form in [widget, *widget.findChildren(QDialog)]:
            if isinstance(form, RecordForm):
                form.dirty = False
                form._draft_timer.stop()
        widget.close()
    runner.wait()
    QApplication.processEvents()


@pytest.fixture
def village(ctx: ServiceContext) -> dict[str, str]:
    return fill_village(ctx)


@pytest.fixture
def case_id(ctx: ServiceContext, village: dict[str, str]) -> str:
    """A wage case of Siti Aminah (Hong Kong), reported two days ago, no consent yet."""
    data = CaseInput(types=("gaji",), reported_on=date(2026, 11, 20),
                     persons=(CasePersonInput(village["Siti Aminah"]),),
                     reporter_name="Karsih", reporter_relation="orang_tua",
                     description="Gaji tiga bulan belum dibayar majikan.")
    return cases.create_case(ctx, data).ids[0]


def give_consent(ctx: ServiceContext, case_id: str) -> None:
    cases.record_consent(ctx, case_id, referral=True, data_sharing=True,
                         given_by="Siti Aminah", on=date(2026, 11, 21))


def institution_id(ctx: ServiceContext, code: str) -> str:
    return next(i.id for i in institutions.list_institutions(ctx) if i.code == code)


def cell(table, row: int, column: int) -> str:
    return table.item(row, column).text()


def click(qtbot, button) -> None:
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def choose_institution(dialog: ReferralDialog, name_part: str) -> None:
    combo = dialog.fields["institution_id"]
    combo.setCurrentIndex(next(i for i in range(combo.count()) if name_part in combo.itemText(i)))


# -- tests -------------------------------------------------------------------------------

def test_refer_a_case_with_consent(qtbot, ctx, runner, ops, show, case_id):
    give_consent(ctx, case_id)
    cases.change_status(ctx, case_id, "diverifikasi")
    panel = show(ReferralsPanel(ctx, runner, ops, case_id))
    assert panel.table.rowCount() == 0
    assert "belum dirujuk" in panel.note.text()
    assert not panel.letter_button.isEnabled()
    click(qtbot, panel.refer_button)
    dialog = panel.form
    assert isinstance(dialog, ReferralDialog)
    assert "consent_override" not in dialog.fields
    assert dialog.fields["referred_on"].text() == "22/11/2026"
    assert dialog.fields["answer_due"].text() == "06/12/2026"  # two weeks to answer
    choose_institution(dialog, "Polres")

    click(qtbot, dialog.save_button)  # no reason written: the service says so, by the field
    qtbot.waitUntil(dialog.errors["reason"].isVisible)
    assert dialog.errors["reason"].text() == "Tulis alasan rujukan."
    assert referrals.referrals_for_case(ctx, case_id) == []

    qtbot.keyClicks(dialog.fields["reason"], "Majikan menahan gaji dan paspor.")
    with qtbot.waitSignal(dialog.saved):
        click(qtbot, dialog.save_button)
    qtbot.waitUntil(lambda: panel.table.rowCount() == 1)
    assert [cell(panel.table, 0, c) for c in range(5)] == [
        "Polres (Unit PPA / TPPO)", "22/11/2026", "Dikirim", "06/12/2026", ""]
    assert cases.get_case(ctx, case_id).status == "dirujuk"  # a verified case moves on
    assert panel.note.text() == "1 rujukan"


def test_refer_without_consent_needs_a_written_reason(qtbot, ctx, runner, ops, show, case_id):
    panel = show(ReferralsPanel(ctx, runner, ops, case_id))
    click(qtbot, panel.refer_button)
    dialog = panel.form
    assert "belum mencatat persetujuan" in dialog.consent_warning.text()
    assert dialog.consent_warning.isVisible()
    choose_institution(dialog, "UPTD")
    qtbot.keyClicks(dialog.fields["reason"], "Korban butuh pendampingan segera.")
    click(qtbot, dialog.save_button)
    assert dialog.errors["consent_override"].text() == (
        "Tuliskan alasan merujuk tanpa persetujuan.")
    assert dialog.isVisible()
    runner.wait()
    assert referrals.referrals_for_case(ctx, case_id) == []

    qtbot.keyClicks(dialog.fields["consent_override"],
                    "Keluarga tidak dapat dihubungi; korban dalam bahaya.")
    with qtbot.waitSignal(dialog.saved):
        click(qtbot, dialog.save_button)
    qtbot.waitUntil(lambda: panel.table.rowCount() == 1)
    [ref] = referrals.referrals_for_case(ctx, case_id)
    assert ref.institution_name == "UPTD Perlindungan Perempuan dan Anak"
    # the override counts as the consent for the referral letter too
    panel.table.selectRow(0)
    assert panel.letter_button.isEnabled()


def test_unanswered_referral_is_red_and_its_answer_is_recorded(qtbot, ctx, runner, ops, show,
                                                               case_id):
    give_consent(ctx, case_id)
    referrals.refer_case(ctx, case_id, institution_id(ctx, "disnaker"),
                         referred_on=date(2026, 11, 2), reason="Gaji tidak dibayar.",
                         answer_due=date(2026, 11, 16))
    panel = show(ReferralsPanel(ctx, runner, ops, case_id))
    assert cell(panel.table, 0, 3) == "16/11/2026"
    assert panel.table.item(0, 3).foreground().color() == OVERDUE
    assert panel.note.text() == "1 rujukan belum dijawab melewati batas waktu."
    assert not panel.status_button.isEnabled()  # nothing chosen yet

    panel.table.selectRow(0)
    click(qtbot, panel.status_button)
    dialog = panel.form
    assert isinstance(dialog, ReferralStatusDialog)
    combo = dialog.fields["status"]
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "Diterima lembaga", "Tidak ada tanggapan"]
    dialog.fields["on"].setText("30/11/2026")
    click(qtbot, dialog.save_button)
    qtbot.waitUntil(dialog.errors["on"].isVisible)
    assert "masa depan" in dialog.errors["on"].text()

    dialog.fields["on"].setText("20/11/2026")
    qtbot.keyClicks(dialog.fields["notes"], "Diterima Bu Rina, bidang penempatan.")
    with qtbot.waitSignal(dialog.saved):
        click(qtbot, dialog.save_button)
    qtbot.waitUntil(lambda: cell(panel.table, 0, 2) == "Diterima lembaga")
    assert panel.table.item(0, 3).foreground().color() != OVERDUE
    [ref] = referrals.referrals_for_case(ctx, case_id)
    assert (ref.status, ref.acknowledged_on) == ("diterima", date(2026, 11, 20))
    assert panel.note.text() == "1 rujukan"
