"""The cases page: a case made from a person appears numbered; filters; confidentiality."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desa_desktop.services import cases, follow_ups
from desa_desktop.ui.case_dialog import CaseDialog
from desa_desktop.ui.cases_page import CasesPage
from desa_desktop.ui.operations import Operations
from tests.ui import test_case_dialog as shared
from tests.ui.helpers import unknown_indonesian, visible_texts
from tests.ui.test_case_dialog import add_account, as_officer, click, days_ago, make_case, tick

# The fixtures of the case dialog tests, shared here.
answers, ops, runner = shared.answers, shared.ops, shared.runner
show, village = shared.show, shared.village


def cells(page: CasesPage, row: int) -> list[str]:
    model = page.model
    return [model.data(model.index(row, c)) for c in range(model.columnCount())]


def test_case_created_from_a_person_appears_in_the_list(qtbot, ctx, runner, ops, village, show):
    page = show(CasesPage(ctx, runner, ops), 1300, 700)
    assert page.model.rowCount() == 0 and page.count_label.text() == "0 kasus"
    dialog = page.new_case(village["Siti Aminah"])
    show(dialog)
    tick(qtbot, dialog.types.boxes["gaji"])
    tick(qtbot, dialog.types.boxes["pemulangan"])
    qtbot.keyClicks(dialog.fields["reporter_name"], "Rahmat Hidayat")
    qtbot.keyClicks(dialog.fields["reporter_relation"], "Suami")
    qtbot.keyClicks(dialog.fields["reporter_phone"], "0812 3456 7890")
    qtbot.keyClicks(dialog.fields["employer"], "Mr. Chan")
    qtbot.keyClicks(dialog.fields["description"], "Gaji empat bulan belum dibayar.")
    qtbot.keyClicks(dialog.fields["priority"], "Tinggi")
    with qtbot.waitSignal(dialog.saved):
        click(qtbot, dialog.save_button)
    qtbot.waitUntil(lambda: dialog.detail is not None)
    assert dialog.isVisible() and dialog.windowTitle() == "Kasus KS-2026-0001"
    assert dialog.number_label.text() == "KS-2026-0001"
    assert all(dialog.tabs.isTabEnabled(i) for i in range(dialog.tabs.count()))

    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert cells(page, 0) == ["KS-2026-0001", "22/11/2026", "Siti Aminah",
                              "Gaji tidak dibayar, Minta dipulangkan", "Tinggi", "Dilaporkan",
                              "Admin Desa", ""]
    data = cases.get_case(ctx, dialog.case_id).data
    assert (data.reporter_relation, data.country, data.employer) == ("suami_istri", "HK",
                                                                     "Mr. Chan")


def test_filters_open_only_status_and_text(qtbot, ctx, runner, ops, village, show):
    first = make_case(ctx, village["Siti Aminah"])
    make_case(ctx, village["Asep Saepudin"], "gagal_berangkat")
    cases.change_status(ctx, first, "ditutup", closing_reason="Laporan ganda")
    page = show(CasesPage(ctx, runner, ops), 1300, 700)
    assert page.open_only.isChecked()
    assert [cells(page, r)[2] for r in range(page.model.rowCount())] == ["Asep Saepudin"]
    tick(qtbot, page.open_only)
    assert page.model.rowCount() == 2
    page.status_filter.setCurrentIndex(page.status_filter.findData("ditutup"))
    assert [cells(page, r)[2] for r in range(page.model.rowCount())] == ["Siti Aminah"]
    page.status_filter.setCurrentIndex(0)
    qtbot.keyClicks(page.search_box, "asep")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert cells(page, 0)[2] == "Asep Saepudin"
    assert page.status_filter.itemText(0) == "Semua status"
    assert unknown_indonesian(visible_texts(page)) == []


def test_confidential_case_of_another_officer_is_redacted_and_cannot_be_opened(
        qtbot, ctx, runner, village, answers, show):
    sari = add_account(ctx, "sari", "Sari Wulandari")
    budi = as_officer(ctx, add_account(ctx, "budi", "Budi Santoso"))
    case_id = make_case(ctx, village["Siti Aminah"], "tppo", assigned_officer_id=sari.id)
    follow_ups.add_follow_up(days_ago(ctx, 5), due_date=date(2026, 11, 21),
                             note="Hubungi Polres", case_id=case_id,
                             assigned_officer_id=budi.officer.id)
    page = show(CasesPage(budi, runner, Operations(budi, runner)), 1300, 700)
    assert cells(page, 0)[:4] == ["KS-2026-0001 (rahasia)", "20/11/2026", "[rahasia]", ""]
    assert "Siti" not in " ".join(cells(page, 0))
    assert page.follow_ups.table.item(0, 3).text() == "[rahasia]"
    assert page.follow_ups.table.item(0, 4).text() == "[rahasia]"

    rect = page.table.visualRect(page.model.index(0, 2))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert answers.asked == ["Kasus rahasia"]
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert answers.asked == ["Kasus rahasia", "Kasus rahasia"]
    assert page.open_case(case_id) is None
    assert not [w for w in QApplication.topLevelWidgets()
                if isinstance(w, CaseDialog) and w.isVisible()]


def test_due_follow_up_opens_its_case(qtbot, ctx, runner, ops, village, show):
    case_id = make_case(ctx, village["Siti Aminah"])
    follow_ups.add_follow_up(days_ago(ctx, 5), due_date=date(2026, 11, 21),
                             note="Hubungi agensi", case_id=case_id)
    page = show(CasesPage(ctx, runner, ops), 1300, 700)
    assert page.follow_ups.count == 1
    assert cells(page, 0)[7] == "21/11/2026"
    page.follow_ups.table.selectRow(0)
    click(qtbot, page.follow_ups.open_button)
    [dialog] = [w for w in page.findChildren(CaseDialog) if w.isVisible()]
    show(dialog)
    assert dialog.case_id == case_id
