"""The early-warning page as an officer uses it: report, correct, make a case."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desa_desktop.domain.nik import make_nik
from desa_desktop.services import cases, drafts, persons, warnings
from desa_desktop.services.context import OfficerInfo, ServiceContext
from desa_desktop.services.warnings import WarningInput
from desa_desktop.ui import dialogs, warnings_page
from desa_desktop.ui.operations import Operations
from desa_desktop.ui.tasks import TaskRunner
from desa_desktop.ui.warning_form import WarningForm
from desa_desktop.ui.warnings_page import CaseTypesDialog, WarningsPage

KASUS = 6  # the "Kasus" column


class Answers:
    """Stands in for ``dialogs.choose``: records what was asked, answers by label."""

    def __init__(self) -> None:
        self.labels: list[str] = []
        self.asked: list[tuple[str, str, list[str]]] = []

    def __call__(self, _parent, title: str, text: str, options: list[str], **_kw) -> int:
        self.asked.append((title, text, list(options)))
        if self.labels:
            return options.index(self.labels.pop(0))
        return len(options) - 1


@pytest.fixture(autouse=True)
def answers(monkeypatch: pytest.MonkeyPatch) -> Answers:
    fake = Answers()
    monkeypatch.setattr(dialogs, "choose", fake)
    return fake


@pytest.fixture
def runner(ctx: ServiceContext, qapp: QApplication) -> Iterator[TaskRunner]:
    worker = TaskRunner()
    yield worker
    worker.wait()
    qapp.processEvents()


@pytest.fixture
def siti(ctx: ServiceContext) -> str:
    born = date(1998, 4, 9)
    return persons.create_person(ctx, persons.PersonInput(
        make_nik("320712", born, "P", 1), "Siti Rahmawati", "P", "Ciamis", born)).ids[0]


@pytest.fixture
def page(qtbot: QtBot, ctx: ServiceContext, runner: TaskRunner) -> Iterator[WarningsPage]:
    ops = Operations(ctx, runner)
    page = WarningsPage(ctx, runner, ops)
    qtbot.addWidget(page)
    page.resize(1280, 640)
    page.show()
    qtbot.waitUntil(lambda: not page.loading)
    yield page
    runner.wait()


def cells(page: WarningsPage, row: int = 0) -> list[str]:
    return [page.table.item(row, c).text() for c in range(page.table.columnCount())]


def open_new_form(qtbot: QtBot, page: WarningsPage) -> WarningForm:
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    form = page.form
    qtbot.waitExposed(form)
    return form


def save(qtbot: QtBot, form: WarningForm) -> None:
    with qtbot.waitSignal(form.saved):
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)


def add_person(qtbot: QtBot, form: WarningForm, text: str) -> None:
    picker = form.picker
    qtbot.keyClicks(picker.search_box, text)
    qtbot.waitUntil(lambda: picker.results.count() > 0)
    qtbot.mouseClick(picker.add_button, Qt.MouseButton.LeftButton)


def test_a_report_without_what_was_seen_is_refused_then_saved(qtbot, ctx, page, siti):
    form = open_new_form(qtbot, page)
    assert form.windowTitle() == "Laporan peringatan dini baru"
    assert form.fields["report_date"].text() == "22/11/2026"
    assert "anonim" in form.reporter_hint.text()
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.errors["what_seen"].isVisible()
    assert form.errors["what_seen"].text() == "Tuliskan apa yang dilihat atau didengar."
    assert warnings.list_reports(ctx) == []

    qtbot.keyClicks(form.fields["kind"], "Calo")
    seen = form.fields["what_seen"]
    qtbot.keyClicks(seen, "Ada orang menawarkan kerja ke Malaysia.")
    qtbot.keyClick(seen, Qt.Key.Key_Return)  # a new line, not "save"
    qtbot.keyClicks(seen, "Datang malam hari dengan mobil hitam.")
    qtbot.keyClicks(form.fields["recruiter_name"], "Pak Jaka")
    qtbot.keyClicks(form.fields["recruiter_phone"], "0812 9999 1234")
    add_person(qtbot, form, "siti rah")
    assert form.picker.person_ids() == [siti]
    form.checklist.boxes["keluarga"].setChecked(True)
    save(qtbot, form)

    qtbot.waitUntil(lambda: page.table.rowCount() == 1)
    assert cells(page) == ["PD-2026-0001", "22/11/2026", "Calo / sponsor mencurigakan",
                           "Ada orang menawarkan kerja ke Malaysia.", "Pak Jaka",
                           "Memberi tahu keluarga", ""]
    [view] = warnings.list_reports(ctx)
    assert view.data.reporter_name == ""  # anonymous
    assert view.data.recruiter_phone == "+6281299991234"
    assert view.persons == ((siti, "Siti Rahmawati"),)
    assert page.count_label.text() == "1 laporan"


def test_bad_recruiter_phone_is_shown_next_to_the_field(qtbot, ctx, page):
    form = open_new_form(qtbot, page)
    qtbot.keyClicks(form.fields["what_seen"], "Tawaran kerja di pabrik tanpa biaya.")
    qtbot.keyClicks(form.fields["recruiter_phone"], "0812")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(form.errors["recruiter_phone"].isVisible)
    assert "tidak dikenali" in form.errors["recruiter_phone"].text()
    assert warnings.list_reports(ctx) == []


def test_editing_a_report_keeps_its_number(qtbot, ctx, page, siti):
    warnings.create_report(ctx, WarningInput(
        date(2026, 11, 20), "lowongan", "Lowongan di media sosial.", person_ids=(siti,)))
    page.refresh()
    qtbot.waitUntil(lambda: page.table.rowCount() == 1 and not page.loading)
    page.table.selectRow(0)
    rect = page.table.visualItemRect(page.table.item(0, 0))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    form = page.form
    assert form.windowTitle() == "Ubah laporan peringatan dini PD-2026-0001"
    assert form.fields["what_seen"].toPlainText() == "Lowongan di media sosial."
    assert form.picker.person_ids() == [siti]
    form.fields["what_seen"].selectAll()
    qtbot.keyClicks(form.fields["what_seen"], "Lowongan palsu di Facebook.")
    form.picker.chosen.setCurrentRow(0)
    qtbot.mouseClick(form.picker.remove_button, Qt.MouseButton.LeftButton)
    save(qtbot, form)

    qtbot.waitUntil(lambda: cells(page)[3] == "Lowongan palsu di Facebook.")
    assert cells(page)[:3] == ["PD-2026-0001", "20/11/2026", "Tawaran kerja mencurigakan"]
    [view] = warnings.list_reports(ctx)
    assert view.persons == ()


def test_making_a_case_shows_its_number_and_asks_to_open_it(qtbot, ctx, page, siti,
                                                            monkeypatch):
    warnings.create_report(ctx, WarningInput(
        date(2026, 11, 21), "calo", "Calo menjanjikan kerja di Taiwan.", person_ids=(siti,)))
    page.refresh()
    qtbot.waitUntil(lambda: page.table.rowCount() == 1 and not page.loading)
    asked: list[tuple[str, tuple[str, ...]]] = []

    def choose_types(_parent, number, preselect=()):
        asked.append((number, preselect))
        return ("penipuan_calo", "gagal_berangkat")

    monkeypatch.setattr(warnings_page, "ask_case_types", choose_types)
    page.table.selectRow(0)
    assert page.case_button.isEnabled()
    with qtbot.waitSignal(page.sig_open_case, timeout=10_000) as opened:
        qtbot.mouseClick(page.case_button, Qt.MouseButton.LeftButton)

    assert asked == [("PD-2026-0001", ("penipuan_calo",))]
    [case_id] = opened.args
    case = cases.get_case(ctx, case_id)
    assert cells(page)[KASUS] == case.number == "KS-2026-0001"
    assert page.message.isVisible()
    assert page.message.text() == "Laporan PD-2026-0001 sudah dijadikan kasus KS-2026-0001."
    assert set(case.data.types) == {"penipuan_calo", "gagal_berangkat"}
    assert [p.person_id for p in case.persons] == [siti]
    page.table.selectRow(0)
    assert not page.case_button.isEnabled()  # one report, one case


def test_cancelled_case_types_make_no_case(qtbot, ctx, page, siti, monkeypatch):
    warnings.create_report(ctx, WarningInput(
        date(2026, 11, 21), "calo", "Calo datang lagi.", person_ids=(siti,)))
    page.refresh()
    qtbot.waitUntil(lambda: page.table.rowCount() == 1 and not page.loading)
    monkeypatch.setattr(warnings_page, "ask_case_types", lambda *_a, **_k: None)
    page.table.selectRow(0)
    qtbot.mouseClick(page.case_button, Qt.MouseButton.LeftButton)
    page.runner.wait()
    assert warnings.list_reports(ctx)[0].case_id is None
    assert not page.message.isVisible()


def test_a_report_naming_nobody_cannot_become_a_case(qtbot, ctx, page, answers, monkeypatch):
    warnings.create_report(ctx, WarningInput(date(2026, 11, 21), "calo", "Ada calo."))
    page.refresh()
    qtbot.waitUntil(lambda: page.table.rowCount() == 1 and not page.loading)
    monkeypatch.setattr(warnings_page, "ask_case_types", lambda *_a, **_k: ("penipuan_calo",))
    page.table.selectRow(0)
    qtbot.mouseClick(page.case_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(answers.asked))
    title, text, _ = answers.asked[0]
    assert title == "Tidak dapat dilakukan"
    assert "Sebutkan dulu warga" in text
    assert warnings.list_reports(ctx)[0].case_id is None
    assert cells(page)[KASUS] == ""


def test_case_types_dialog_needs_one_type(qtbot):
    dialog = CaseTypesDialog("PD-2026-0003")
    qtbot.addWidget(dialog)
    assert "PD-2026-0003" in dialog.intro.text()
    assert not dialog.ok_button.isEnabled()
    dialog.boxes["tppo"].setChecked(True)
    assert dialog.ok_button.isEnabled()
    assert dialog.types() == ("tppo",)


def test_typed_text_survives_as_a_draft(qtbot, ctx, page, answers):
    form = open_new_form(qtbot, page)
    qtbot.keyClicks(form.fields["what_seen"], "Tetangga akan berangkat besok pagi.")
    answers.labels.append("Tutup, simpan sebagai draf")
    form.reject()
    page.runner.wait()
    qtbot.waitUntil(lambda: drafts.load_draft(ctx, "warning:new") is not None)
    again = open_new_form(qtbot, page)
    assert again.fields["what_seen"].toPlainText() == "Tetangga akan berangkat besok pagi."
    assert again.banner.isVisible()
    again.dirty = False
    again.close()


def test_the_village_head_reads_only(qtbot, ctx, runner):
    head = OfficerInfo(ctx.officer.id, "kades", "Kepala Desa", "kepala_desa")
    head_ctx = ServiceContext(ctx.db, ctx.village_code, head, today=ctx.today)
    warnings.create_report(ctx, WarningInput(date(2026, 11, 21), "calo", "Ada calo."))
    page = WarningsPage(head_ctx, runner, Operations(head_ctx, runner))
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.table.rowCount() == 1)
    page.table.selectRow(0)
    assert not page.new_button.isEnabled()
    assert not page.edit_button.isEnabled()
    assert not page.case_button.isEnabled()


def test_everything_shown_is_translated(qtbot, ctx, page, qapp):
    from desa_desktop.ui.translator import LanguageManager
    from tests.ui.helpers import left_in_indonesian, unknown_indonesian, visible_texts

    form = open_new_form(qtbot, page)
    dialog = CaseTypesDialog("PD-2026-0001")
    qtbot.addWidget(dialog)
    widgets = (page, form, dialog)
    assert [unknown_indonesian(visible_texts(w)) for w in widgets] == [[], [], []]
    languages = LanguageManager(qapp)
    try:
        languages.apply("en")
        qapp.processEvents()
        assert page.new_button.text() == "&New report…"
        assert form.reporter_hint.text() == "May be left empty: the reporter may stay anonymous."
        assert [left_in_indonesian(visible_texts(w)) for w in widgets] == [[], [], []]
    finally:
        languages.apply("id")
        qapp.processEvents()
    form.dirty = False
    form.close()


def test_enter_in_the_person_search_adds_the_match_and_does_not_save(qtbot, ctx, page, siti):
    form = open_new_form(qtbot, page)
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)
    qtbot.keyClicks(form.fields["what_seen"], "Ada calo.")
    form.picker.search_box.setFocus()
    qtbot.keyClicks(form.picker.search_box, "rahmawati")
    qtbot.keyClick(form.picker.search_box, Qt.Key.Key_Return)
    assert form.picker.person_ids() == [siti]
    page.runner.wait()
    assert form.isVisible()
    assert warnings.list_reports(ctx) == []
    form.dirty = False
    form.close()
