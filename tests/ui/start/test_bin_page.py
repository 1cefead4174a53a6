"""The bin page: deleted persons show up and come back with "Pulihkan"."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desa_desktop.domain.nik import make_nik
from desa_desktop.services import persons, search
from desa_desktop.services.context import ServiceContext
from desa_desktop.ui.bin_page import BinPage, local_time
from desa_desktop.ui.tasks import TaskRunner

BORN = date(1990, 5, 1)
NIK = make_nik("320712", BORN, "L", 1)


def add_and_delete(ctx: ServiceContext, name: str = "Budi Santoso") -> str:
    person_id = persons.create_person(
        ctx, persons.PersonInput(NIK, name, "L", birth_date=BORN), confirmed=True).ids[0]
    persons.delete_person(ctx, person_id)
    return person_id


def found(ctx: ServiceContext, text: str) -> list[str]:
    return [row.id for row in search.search_page(ctx.db, search.PersonQuery(text=text))]


def open_page(qtbot: QtBot, ctx: ServiceContext, runner: TaskRunner) -> BinPage:
    page = BinPage(ctx, runner)
    qtbot.addWidget(page)
    page.resize(1100, 600)
    page.show()
    page.refresh()
    qtbot.waitUntil(lambda: not page.loading)
    return page


def test_empty_bin_says_so(qtbot: QtBot, ctx: ServiceContext, runner: TaskRunner) -> None:
    page = open_page(qtbot, ctx, runner)
    assert page.stack.currentWidget() is page.empty
    assert page.empty.isVisible()
    assert page.empty.text() == "Tempat sampah kosong."
    assert not page.restore_button.isEnabled()


def test_deleted_person_appears_and_is_restored(
        qtbot: QtBot, ctx: ServiceContext, runner: TaskRunner) -> None:
    person_id = add_and_delete(ctx)
    assert found(ctx, "Budi") == []
    page = open_page(qtbot, ctx, runner)

    model = page.model
    assert model.rowCount() == 1
    row = [model.index(0, c).data() for c in range(model.columnCount())]
    assert row[:3] == ["Orang", "Budi Santoso", NIK]
    assert row[3] == local_time(model.items[0].deleted_at)
    assert row[4] == "Admin Desa"
    assert model.headerData(3, Qt.Orientation.Horizontal) == "Dihapus pada"

    page.table.selectRow(0)
    with qtbot.waitSignal(page.sig_restored, timeout=5_000) as blocker:
        qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
    change = blocker.args[0]
    assert (change.entity, change.ids, change.action) == ("person", (person_id,), "restored")
    assert found(ctx, "Budi") == [person_id]
    qtbot.waitUntil(lambda: not page.loading and page.model.rowCount() == 0)
    assert page.message.text() == "Budi Santoso sudah dipulihkan."
    assert page.stack.currentWidget() is page.empty


def test_double_click_restores(qtbot: QtBot, ctx: ServiceContext, runner: TaskRunner) -> None:
    person_id = add_and_delete(ctx)
    page = open_page(qtbot, ctx, runner)
    rect = page.table.visualRect(page.model.index(0, 1))
    with qtbot.waitSignal(page.sig_restored, timeout=5_000):
        qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert found(ctx, "Budi") == [person_id]


def test_ctrl_r_restores(qtbot: QtBot, ctx: ServiceContext, runner: TaskRunner) -> None:
    add_and_delete(ctx)
    page = open_page(qtbot, ctx, runner)
    page.activateWindow()
    qtbot.waitActive(page)
    page.table.selectRow(0)
    page.table.setFocus()
    with qtbot.waitSignal(page.sig_restored, timeout=5_000):
        qtbot.keyClick(page.table, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)


def test_restore_refused_when_nik_registered_again(
        qtbot: QtBot, ctx: ServiceContext, runner: TaskRunner) -> None:
    add_and_delete(ctx)
    persons.create_person(ctx, persons.PersonInput(NIK, "Budi Baru", "L", birth_date=BORN),
                          confirmed=True)
    page = open_page(qtbot, ctx, runner)
    page.table.selectRow(0)
    with qtbot.assertNotEmitted(page.sig_restored, wait=200):
        page.restore_selected()
        qtbot.waitUntil(lambda: not page.restoring)
    assert page.message.isVisible()
    assert page.message.property("role") == "error"
    assert page.message.text().startswith(
        "NIK ini sudah terdaftar atas nama Budi Baru. Buka data yang sudah ada.")
    assert page.model.rowCount() == 1  # still in the bin


def test_restore_without_selection_asks_to_select(
        qtbot: QtBot, ctx: ServiceContext, runner: TaskRunner) -> None:
    add_and_delete(ctx)
    page = open_page(qtbot, ctx, runner)
    page.restore_selected()
    assert page.message.text() == "Pilih dulu data yang ingin dipulihkan."
    assert page.model.rowCount() == 1
