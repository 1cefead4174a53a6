"""The follow-up panel: due and overdue items, red when late, ticked off with "Selesai"."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from desa_desktop.services import follow_ups
from desa_desktop.ui.follow_up_panel import OVERDUE_COLOR, FollowUpPanel
from tests.ui import test_case_dialog as shared
from tests.ui.test_case_dialog import click, days_ago, make_case

# The fixtures of the case dialog tests, shared here.
answers, ops, runner = shared.answers, shared.ops, shared.runner
show, village = shared.show, shared.village


def add(ctx, case_id: str, due: date, note: str) -> str:
    return follow_ups.add_follow_up(days_ago(ctx, 10), due_date=due, note=note,
                                    case_id=case_id).ids[0]


def test_overdue_is_red_with_days_and_completing_removes_it(qtbot, ctx, runner, ops, village,
                                                           show):
    case_id = make_case(ctx, village["Siti Aminah"])
    add(ctx, case_id, date(2026, 11, 19), "Tanyakan jawaban BP3MI")
    add(ctx, case_id, date(2026, 11, 22), "Telepon keluarga")
    add(ctx, case_id, date(2026, 11, 30), "Belum waktunya")
    panel = show(FollowUpPanel(ctx, runner, ops), 900, 260)
    assert panel.count == 2
    assert "(2)" in panel.box.title()
    table = panel.table
    assert [table.item(0, c).text() for c in range(5)] == [
        "19/11/2026", "Terlambat 3 hari", "KS-2026-0001", "Siti Aminah",
        "Tanyakan jawaban BP3MI"]
    assert table.item(0, 1).foreground().color() == OVERDUE_COLOR
    assert table.item(1, 1).text() == "Hari ini"
    assert table.item(1, 1).foreground().color() != OVERDUE_COLOR
    assert not panel.done_button.isEnabled()  # nothing selected yet

    table.selectRow(0)
    click(qtbot, panel.done_button)
    qtbot.waitUntil(lambda: panel.count == 1)
    assert table.rowCount() == 1 and table.item(0, 4).text() == "Telepon keluarga"


def test_double_click_opens_the_case(qtbot, ctx, runner, ops, village, show):
    case_id = make_case(ctx, village["Siti Aminah"])
    add(ctx, case_id, date(2026, 11, 20), "Cek dokumen")
    panel = show(FollowUpPanel(ctx, runner, ops), 900, 260)
    rect = panel.table.visualItemRect(panel.table.item(0, 0))
    with qtbot.waitSignal(panel.sig_open_case) as signal:
        qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(panel.table.viewport(), Qt.MouseButton.LeftButton,
                          pos=rect.center())
    assert signal.args == [case_id]


def test_nothing_due_says_so(qtbot, ctx, runner, ops, village, show):
    panel = show(FollowUpPanel(ctx, runner, ops), 900, 260)
    assert panel.count == 0
    assert panel.empty_label.text() == "Tidak ada tindak lanjut yang jatuh tempo."
