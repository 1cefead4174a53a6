"""The case dialog: validation next to the fields, timeline, status moves, tabs, read-only.

The fixtures here (worker, operations, patched questions, a filled village,
other accounts) are shared with the cases page and follow-up panel tests.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget
from shiboken6 import isValid

from desa_desktop.services import accounts, cases
from desa_desktop.services.cases import CaseInput, CasePersonInput
from desa_desktop.services.context import OfficerInfo, ServiceContext
from desa_desktop.ui import case_dialog, dialogs
from desa_desktop.ui.case_dialog import CaseDialog
from desa_desktop.ui.operations import Operations
from desa_desktop.ui.tasks import TaskRunner
from desa_desktop.ui.translator import LanguageManager
from tests.ui.helpers import fill_village, left_in_indonesian, unknown_indonesian, visible_texts


class Answers:
    """Stands in for ``dialogs.choose`` and ``case_dialog.ask_text``; records questions."""

    def __init__(self) -> None:
        self.choices: list[int] = []
        self.texts: list[str | None] = []
        self.asked: list[str] = []

    def choose(self, _parent, title: str, _text: str, options: list[str], **_kw) -> int:
        self.asked.append(title)
        return self.choices.pop(0) if self.choices else len(options) - 1

    def ask_text(self, _parent, title: str, _prompt: str) -> str | None:
        self.asked.append(title)
        return self.texts.pop(0) if self.texts else None


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> Answers:
    fake = Answers()
    monkeypatch.setattr(dialogs, "choose", fake.choose)
    monkeypatch.setattr(case_dialog, "ask_text", fake.ask_text)
    return fake


@pytest.fixture
def runner(ctx: ServiceContext) -> Iterator[TaskRunner]:
    worker = TaskRunner()
    yield worker
    worker.wait()
    QApplication.processEvents()


@pytest.fixture
def ops(ctx: ServiceContext, runner: TaskRunner) -> Operations:
    return Operations(ctx, runner)


@pytest.fixture
def village(ctx: ServiceContext) -> dict[str, str]:
    return fill_village(ctx)


@pytest.fixture
def show(qtbot, answers: Answers, runner: TaskRunner) -> Iterator:
    """Show a dialog or page as the officer would; close dialogs quietly at the end."""
    opened: list[QWidget] = []

    def _show(widget: QWidget, width: int = 1000, height: int = 690) -> QWidget:
        qtbot.addWidget(widget)
        widget.resize(width, height)
        widget.show()
        qtbot.waitExposed(widget)
        opened.append(widget)
        return widget

    yield _show
    for widget in opened:
        if isValid(widget) and isinstance(widget, CaseDialog):
            widget.dirty = False
            widget.close()
    runner.wait()
    QApplication.processEvents()


def as_officer(ctx: ServiceContext, info: OfficerInfo) -> ServiceContext:
    return ServiceContext(ctx.db, ctx.village_code, info, today=ctx.today)


def add_account(ctx: ServiceContext, username: str, name: str, role: str = "petugas"
                ) -> OfficerInfo:
    return accounts.create_officer(ctx, username, name, "pos-desa-2026", role)


def days_ago(ctx: ServiceContext, days: int) -> ServiceContext:
    """The same officer some days back (follow-ups cannot be set in the past)."""
    day = date.fromordinal(ctx.today().toordinal() - days)
    return ServiceContext(ctx.db, ctx.village_code, ctx.officer, today=lambda: day)


def make_case(ctx: ServiceContext, person_id: str, *types: str, **extra) -> str:
    data = CaseInput(types=types or ("gaji",), reported_on=date(2026, 11, 20),
                     persons=(CasePersonInput(person_id),), **extra)
    return cases.create_case(ctx, data).ids[0]


def click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def tick(qtbot, box) -> None:
    """Click a check box on its square (a wide box's middle may be empty space)."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


# -- the form ----------------------------------------------------------------------------
def test_new_case_is_prefilled_from_the_person(qtbot, ctx, runner, ops, village, show):
    dialog = show(CaseDialog(ctx, runner, ops, person_id=village["Siti Aminah"]))
    assert dialog.windowTitle() == "Kasus baru"
    assert [r["name"] for r in dialog.persons_editor.rows] == ["Siti Aminah"]
    assert dialog.persons_editor.rows[0]["placement_id"]  # her latest departure
    assert dialog.fields["country"].code() == "HK"
    assert dialog.fields["reported_on"].text() == "22/11/2026"
    assert dialog.fields["assigned_officer_id"].currentText() == "Admin Desa"
    assert not any(dialog.tabs.isTabEnabled(i) for i in range(2, dialog.tabs.count()))
    assert not dialog.status_buttons


def test_no_type_chosen_is_shown_next_to_the_field_and_nothing_saved(qtbot, ctx, runner, ops,
                                                                    village, show):
    dialog = show(CaseDialog(ctx, runner, ops, person_id=village["Siti Aminah"]))
    qtbot.keyClicks(dialog.fields["reporter_name"], "Rahmat")
    click(qtbot, dialog.save_button)
    qtbot.waitUntil(dialog.errors["types"].isVisible)
    assert dialog.errors["types"].text() == "Pilih minimal satu jenis kasus."
    assert dialog.banner.isVisible() and dialog.tabs.currentIndex() == 0
    assert cases.list_cases(ctx) == []
    assert dialog.case_id is None and dialog.fields["reporter_name"].text() == "Rahmat"


def test_a_case_without_persons_points_to_the_persons_tab(qtbot, ctx, runner, ops, village,
                                                          show):
    dialog = show(CaseDialog(ctx, runner, ops))
    tick(qtbot, dialog.types.boxes["hilang_kontak"])
    click(qtbot, dialog.save_button)
    qtbot.waitUntil(dialog.errors["persons"].isVisible)
    assert "minimal satu orang" in dialog.errors["persons"].text()
    assert dialog.tabs.currentIndex() == 1
    picker = dialog.persons_editor.picker
    qtbot.keyClicks(picker.line, "euis")
    qtbot.waitUntil(picker.results.isVisible)
    assert "Euis Kurniasih" in picker.results.item(0).text()
    qtbot.keyClick(picker.line, Qt.Key.Key_Return)  # picks; does not save the dialog
    assert [r["name"] for r in dialog.persons_editor.rows] == ["Euis Kurniasih"]
    assert cases.list_cases(ctx) == []
    click(qtbot, dialog.save_button)
    qtbot.waitUntil(lambda: dialog.case_id is not None)
    [row] = cases.list_cases(ctx)
    assert row.title == "Euis Kurniasih" and row.types == ("hilang_kontak",)


def test_confidential_types_explain_themselves(qtbot, ctx, runner, ops, village, show):
    dialog = show(CaseDialog(ctx, runner, ops, person_id=village["Siti Aminah"]))
    assert "selalu rahasia" in dialog.confidential_hint.text()
    assert "karena jenisnya" not in dialog.confidential_hint.text()
    tick(qtbot, dialog.types.boxes["tppo"])
    assert "karena jenisnya" in dialog.confidential_hint.text()
    click(qtbot, dialog.save_button)
    qtbot.waitUntil(lambda: dialog.detail is not None)
    assert dialog.detail.confidential and dialog.confidential_label.isVisible()
    assert dialog.confidential_label.text() == "Rahasia"


# -- timeline and status -----------------------------------------------------------------
def test_timeline_entry_is_added_newest_first(qtbot, ctx, runner, ops, village, show):
    case_id = make_case(ctx, village["Siti Aminah"])
    dialog = show(CaseDialog(ctx, runner, ops, case_id))
    tab = dialog.timeline_tab
    dialog.tabs.setCurrentWidget(tab)
    before = tab.table.rowCount()
    click(qtbot, tab.add_button)  # no summary yet
    qtbot.waitUntil(tab.error.isVisible)
    assert tab.error.text() == "Isi ringkasan tindakan."
    tab.date.clear()
    qtbot.keyClicks(tab.date, "21/11/2026")
    qtbot.keyClicks(tab.kind, "Tel")
    qtbot.keyClicks(tab.summary, "Menelepon agensi di Hong Kong")
    qtbot.keyClick(tab.summary, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tab.table.rowCount() == before + 1)
    assert not tab.error.isVisible()
    assert [tab.table.item(0, c).text() for c in range(3)] == [
        "21/11/2026", "Telepon", "Menelepon agensi di Hong Kong"]
    assert tab.summary.text() == ""
    assert cases.get_case(ctx, case_id).actions[0].summary == "Menelepon agensi di Hong Kong"


def test_status_moves_only_along_the_workflow(qtbot, ctx, runner, ops, village, answers, show):
    case_id = make_case(ctx, village["Siti Aminah"])
    dialog = show(CaseDialog(ctx, runner, ops, case_id))
    assert set(dialog.status_buttons) == {"diverifikasi", "ditutup"}  # not "selesai"
    assert not dialog.reopen_button.isVisible()
    click(qtbot, dialog.status_buttons["diverifikasi"])
    qtbot.waitUntil(lambda: dialog.detail.status == "diverifikasi")
    assert dialog.status_label.text() == "Status: Diverifikasi"
    click(qtbot, dialog.status_buttons["ditangani"])
    qtbot.waitUntil(lambda: "selesai" in dialog.status_buttons)

    click(qtbot, dialog.status_buttons["selesai"])  # asked for the outcome, cancelled
    assert answers.asked[-1] == "Selesai ditangani"
    runner.wait()
    QApplication.processEvents()
    assert cases.get_case(ctx, case_id).status == "ditangani"
    answers.texts.append("")  # an empty outcome is refused in plain words
    click(qtbot, dialog.status_buttons["selesai"])
    qtbot.waitUntil(dialog.status_error.isVisible)
    assert "hasil penanganan" in dialog.status_error.text()
    answers.texts.append("Gaji dibayar penuh oleh majikan")
    click(qtbot, dialog.status_buttons["selesai"])
    qtbot.waitUntil(lambda: dialog.detail.status == "selesai")
    assert set(dialog.status_buttons) == {"ditutup"}
    assert dialog.reopen_button.isVisible()
    assert cases.get_case(ctx, case_id).outcome == "Gaji dibayar penuh oleh majikan"

    answers.texts.append("Majikan berhenti membayar lagi")
    click(qtbot, dialog.reopen_button)
    qtbot.waitUntil(lambda: dialog.detail.status == "ditangani")
    assert not dialog.reopen_button.isVisible()


def test_edit_saves_and_keeps_the_dialog_open(qtbot, ctx, runner, ops, village, show):
    case_id = make_case(ctx, village["Siti Aminah"])
    dialog = show(CaseDialog(ctx, runner, ops, case_id))
    assert dialog.windowTitle() == "Kasus KS-2026-0001"
    assert dialog.types.boxes["gaji"].isChecked()
    qtbot.keyClicks(dialog.fields["employer"], "Mr. Chan Tai Man")
    assert dialog.dirty
    with qtbot.waitSignal(dialog.saved):
        click(qtbot, dialog.save_button)
    assert dialog.isVisible() and "disimpan" in dialog.banner.text()
    assert cases.get_case(ctx, case_id).data.employer == "Mr. Chan Tai Man"


# -- other tabs --------------------------------------------------------------------------
def test_attachment_follow_up_and_consent_tabs(qtbot, ctx, runner, ops, village, answers, show,
                                               monkeypatch, tmp_path: Path):
    case_id = make_case(ctx, village["Siti Aminah"])
    dialog = show(CaseDialog(ctx, runner, ops, case_id))
    scan = tmp_path / "kontrak.pdf"
    scan.write_bytes(b"%PDF-1.4 kontrak kerja" * 100)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(scan), ""))
    attachments = dialog.attachments_tab
    dialog.tabs.setCurrentWidget(attachments)
    click(qtbot, attachments.add_button)
    qtbot.waitUntil(lambda: attachments.table.rowCount() == 1)
    import hashlib

    assert attachments.table.item(0, 0).text() == "kontrak.pdf"
    assert attachments.table.item(0, 1).text() == "2,1 KB"
    assert attachments.table.item(0, 2).text() == hashlib.sha256(scan.read_bytes()).hexdigest()[:12]
    attachments.table.selectRow(0)
    click(qtbot, attachments.remove_button)  # asked, answered "Batal"
    assert answers.asked[-1] == "Hapus berkas"
    answers.choices.append(0)
    click(qtbot, attachments.remove_button)
    qtbot.waitUntil(lambda: attachments.table.rowCount() == 0)

    follow = dialog.follow_ups_tab
    dialog.tabs.setCurrentWidget(follow)
    click(qtbot, follow.add_button)
    assert follow.error.text() == "Isi tanggal jatuh tempo tindak lanjut."
    qtbot.keyClicks(follow.due, "25/11/2026")
    qtbot.keyClicks(follow.note, "Telepon keluarga lagi")
    click(qtbot, follow.add_button)
    qtbot.waitUntil(lambda: follow.table.rowCount() == 1)
    assert follow.table.item(0, 3).text() == "Telepon keluarga lagi"
    follow.table.selectRow(0)
    click(qtbot, follow.done_button)
    qtbot.waitUntil(lambda: follow.table.item(0, 2).text() == "22/11/2026")

    consent = dialog.consent_tab
    dialog.tabs.setCurrentWidget(consent)
    assert "sebelum surat rujukan dibuat" in consent.why.text()
    tick(qtbot, consent.referral)
    tick(qtbot, consent.sharing)
    qtbot.keyClicks(consent.given_by, "Siti Aminah")
    click(qtbot, consent.save_button)
    qtbot.waitUntil(lambda: dialog.detail.consent_referral is True)
    detail = cases.get_case(ctx, case_id)
    assert (detail.consent_data_sharing, detail.consent_given_by) == (True, "Siti Aminah")


def test_village_head_sees_a_read_only_case(qtbot, ctx, runner, ops, village, show):
    case_id = make_case(ctx, village["Siti Aminah"], reporter_name="Rahmat")
    head = as_officer(ctx, add_account(ctx, "kades", "Kepala Desa", "kepala_desa"))
    dialog = show(CaseDialog(head, runner, Operations(head, runner), case_id))
    assert dialog.fields["reporter_name"].text() == "Rahmat"
    assert not dialog.fields["reporter_name"].isEnabled()
    assert not dialog.types.boxes["gaji"].isEnabled()
    assert not dialog.save_button.isVisible()
    assert dialog.status_buttons == {} and not dialog.reopen_button.isVisible()
    assert not dialog.persons_editor.picker.isVisible()
    dialog.tabs.setCurrentWidget(dialog.timeline_tab)
    assert dialog.timeline_tab.table.rowCount() == 1
    assert not dialog.timeline_tab.add_box.isVisible()
    dialog.tabs.setCurrentWidget(dialog.consent_tab)
    assert not dialog.consent_tab.save_button.isVisible()
    assert not dialog.consent_tab.referral.isEnabled()


def test_every_text_is_translated(qtbot, ctx, runner, ops, village, show, qapp):
    case_id = make_case(ctx, village["Siti Aminah"], "tppo")
    dialog = show(CaseDialog(ctx, runner, ops, case_id))
    assert unknown_indonesian(visible_texts(dialog)) == []
    languages = LanguageManager(qapp)
    try:
        languages.apply("en")
        QApplication.processEvents()
        assert dialog.tabs.tabText(2) == "Timeline"
        left = left_in_indonesian(visible_texts(dialog))
        assert left == [], left
    finally:
        languages.apply("id")
