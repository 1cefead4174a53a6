"""The activities page: the list and its filters, planning a meeting with its invitation
list, recording who came, the checks in plain words, delete with undo, the attendance
sheet and the participation report written to files, read-only for the village head,
English, and a laptop screen."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QCheckBox
from python_calamine import CalamineWorkbook

from desa_desktop.services import accounts, activities, groups
from desa_desktop.services.activities import ActivityInput, AttendeeInput
from desa_desktop.services.context import ServiceContext
from desa_desktop.services.groups import GroupInput
from desa_desktop.ui import activity_exports, letter_dialog
from desa_desktop.ui.activities_page import ActivitiesPage, period_bounds
from desa_desktop.ui.activity_dialog import ActivityDialog, parse_count
from desa_desktop.ui.translator import LanguageManager
from tests.conftest import TODAY, VILLAGE
from tests.reports.helpers import pdf_text
from tests.ui import test_referrals_panel as base
from tests.ui.helpers import left_in_indonesian, unknown_indonesian, visible_texts

# the shared fixtures and helpers
cell = base.cell
chooser = base.chooser
click = base.click
ops = base.ops
runner = base.runner
show = base.show
village = base.village


@pytest.fixture
def languages(qapp: QApplication) -> Iterator[LanguageManager]:
    manager = LanguageManager(qapp)
    manager.apply("id")
    yield manager
    manager.apply("id")


@pytest.fixture
def planned(ctx: ServiceContext, village: dict[str, str]) -> dict[str, str]:
    """A socialisation held in March (recorded), a training in June, a planned meeting."""
    create = activities.create_activity
    return {
        "march": create(ctx, ActivityInput(date(2026, 3, 14), "sosialisasi",
                                           "Migrasi aman ke Hong Kong", "09:00",
                                           "Bapak Dadang", place="Balai Desa",
                                           unregistered_count=23),
                        [AttendeeInput(village["Siti Aminah"], True),
                         AttendeeInput(village["Asep Saepudin"], False)]).ids[0],
        "june": create(ctx, ActivityInput(date(2026, 6, 2), "pelatihan_kewirausahaan",
                                          "Usaha keripik singkong", place="Rumah Ketua KUP"),
                       [AttendeeInput(village["Euis Kurniasih"])]).ids[0],
        "december": create(ctx, ActivityInput(date(2026, 12, 3), "pelatihan_keuangan",
                                              "Mengelola kiriman uang", place="Balai Desa"),
                           [AttendeeInput(village["Siti Aminah"])]).ids[0],
    }


def topics(page: ActivitiesPage) -> list[str]:
    return [cell(page.table, r, 3) for r in range(page.table.rowCount())]


def row_of(page: ActivitiesPage, topic: str) -> list[str]:
    r = topics(page).index(topic)
    return [cell(page.table, r, c) for c in range(page.table.columnCount())]


def loaded(qtbot, page: ActivitiesPage, expected: list[str]) -> None:
    qtbot.waitUntil(lambda: topics(page) == expected)


def choose_row(qtbot, page: ActivitiesPage, topic: str) -> None:
    page.table.selectRow(topics(page).index(topic))
    qtbot.waitUntil(lambda: page.attendee_table.rowCount() > 0
                    or "Pilih kegiatan" not in page.detail_title.text())


def open_dialog(page: ActivitiesPage) -> ActivityDialog:
    dialog = page.findChildren(ActivityDialog)[-1]
    assert dialog.isVisible()
    return dialog


def presence_box(dialog: ActivityDialog, row: int) -> QCheckBox:
    return dialog.editor.table.cellWidget(row, 3).findChild(QCheckBox)


# -- the list ----------------------------------------------------------------------------

def test_list_shows_this_year_with_counts_and_the_attendance_below(
        qtbot, ctx, runner, ops, show, planned):
    page = show(ActivitiesPage(ctx, runner, ops))
    loaded(qtbot, page, ["Mengelola kiriman uang", "Usaha keripik singkong",
                         "Migrasi aman ke Hong Kong"])
    assert page.period.currentText() == "Tahun ini"
    assert (page.date_from.text(), page.date_to.text()) == ("01/01/2026", "31/12/2026")
    assert row_of(page, "Migrasi aman ke Hong Kong") == [
        "14/03/2026", "09:00", "Sosialisasi migrasi aman", "Migrasi aman ke Hong Kong",
        "Balai Desa", "Bapak Dadang", "2", "1", "23", "24"]
    assert row_of(page, "Usaha keripik singkong")[6:] == ["1", "belum dicatat", "", ""]
    assert row_of(page, "Mengelola kiriman uang")[6:] == ["1", "terjadwal", "", ""]
    assert page.count_label.text() == "3 kegiatan, 24 kehadiran tercatat"
    assert not page.edit_button.isEnabled() and not page.sheet_button.isEnabled()

    choose_row(qtbot, page, "Migrasi aman ke Hong Kong")
    qtbot.waitUntil(lambda: page.attendee_table.rowCount() == 2)
    assert [cell(page.attendee_table, r, c) for r in range(2) for c in (0, 2)] == [
        "Asep Saepudin", "Tidak hadir", "Siti Aminah", "Hadir"]
    assert page.edit_button.isEnabled() and page.sheet_button.isEnabled()
    choose_row(qtbot, page, "Mengelola kiriman uang")
    qtbot.waitUntil(lambda: cell(page.attendee_table, 0, 2) == "Diundang")


def test_filters_period_kind_words_and_a_wrong_date(qtbot, ctx, runner, ops, show, planned):
    activities.create_activity(ctx, ActivityInput(date(2025, 8, 1), "parenting",
                                                  "Pengasuhan jarak jauh"))
    page = show(ActivitiesPage(ctx, runner, ops))
    loaded(qtbot, page, ["Mengelola kiriman uang", "Usaha keripik singkong",
                         "Migrasi aman ke Hong Kong"])
    page.period.setCurrentIndex(page.period.findText("Tahun lalu"))
    page.period.activated.emit(page.period.currentIndex())
    loaded(qtbot, page, ["Pengasuhan jarak jauh"])
    page.period.setCurrentIndex(page.period.findText("Semua waktu"))
    page.period.activated.emit(page.period.currentIndex())
    qtbot.waitUntil(lambda: len(topics(page)) == 4)
    assert page.date_from.text() == ""

    page.kind.setCurrentIndex(page.kind.findText("Sosialisasi migrasi aman"))
    page.kind.activated.emit(page.kind.currentIndex())
    loaded(qtbot, page, ["Migrasi aman ke Hong Kong"])
    page.kind.setCurrentIndex(0)
    qtbot.keyClicks(page.search, "balai")
    loaded(qtbot, page, ["Mengelola kiriman uang", "Migrasi aman ke Hong Kong"])
    page.search.clear()

    page.date_from.setText("31/02/2026")
    page.date_from.editingFinished.emit()
    assert page.period.currentText() == "Pilih tanggal"
    assert page.filter_error.text() == "Tanggal harus ditulis hh/bb/tttt, contoh 22/11/2026."
    page.date_from.setText("01/06/2026")
    page.date_to.setText("01/01/2026")
    page.date_to.editingFinished.emit()
    assert page.filter_error.text() == "Tanggal awal periode tidak boleh sesudah tanggal akhir."
    page.date_to.setText("30/06/2026")
    page.date_to.editingFinished.emit()
    loaded(qtbot, page, ["Usaha keripik singkong"])
    assert page.filter_error.isHidden()


@pytest.mark.parametrize(("code", "bounds"), [
    ("tahun", (date(2026, 1, 1), date(2026, 12, 31))),
    ("bulan", (date(2026, 11, 1), date(2026, 11, 30))),
    ("3bulan", (date(2026, 9, 1), TODAY)),
    ("tahun_lalu", (date(2025, 1, 1), date(2025, 12, 31))),
    ("semua", (None, None)),
])
def test_period_presets(code, bounds):
    assert period_bounds(code, TODAY) == bounds
    assert period_bounds("3bulan", date(2026, 1, 15))[0] == date(2025, 11, 1)
    assert period_bounds("bulan", date(2026, 12, 5))[1] == date(2026, 12, 31)


# -- the form ---------------------------------------------------------------------------

def test_new_activity_checks_then_invites_and_saves(qtbot, ctx, runner, ops, show, village):
    page = show(ActivitiesPage(ctx, runner, ops))
    click(qtbot, page.add_button)
    dialog = open_dialog(page)
    assert dialog.windowTitle() == "Kegiatan baru"
    assert dialog.fields["activity_date"].text() == "22/11/2026"
    dialog.fields["unregistered_count"].setText("dua")
    click(qtbot, dialog.save_button)
    assert dialog.errors["unregistered_count"].text() == "Tulis jumlah dengan angka, contoh 12."
    dialog.fields["unregistered_count"].setText("-3")
    dialog.fields["start_time"].setText("jam 9")
    click(qtbot, dialog.save_button)
    qtbot.waitUntil(dialog.errors["topic"].isVisible)
    assert dialog.errors["topic"].text() == "Isi topik kegiatan."
    assert dialog.errors["start_time"].text() == "Jam mulai ditulis jj:mm, contoh 09:00."
    assert dialog.errors["unregistered_count"].text() == (
        "Jumlah peserta tidak terdaftar tidak boleh negatif.")
    assert "Periksa kolom yang ditandai merah" in dialog.banner.text()

    dialog.fields["activity_date"].setText("05/12/2026")  # a meeting still to come
    assert not dialog.editor.recorded.isEnabled()
    assert "belum berlangsung" in dialog.editor.hint.text()
    dialog.fields["unregistered_count"].setText("")
    dialog.fields["start_time"].setText("9.00")
    dialog.fields["kind"].set_code("pelatihan_keuangan")
    qtbot.keyClicks(dialog.fields["topic"], "Mengelola kiriman uang keluarga")
    qtbot.keyClicks(dialog.fields["place"], "Balai Desa Karyamukti")
    qtbot.keyClicks(dialog.editor.picker.line, "Siti Aminah")
    qtbot.keyClick(dialog.editor.picker.line, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.editor.picker.line, "Asep")
    qtbot.keyClick(dialog.editor.picker.line, Qt.Key.Key_Return)
    dialog.editor.add_persons([village["Siti Aminah"]])  # picked twice: listed once
    assert [cell(dialog.editor.table, r, 0) for r in range(dialog.editor.table.rowCount())] \
        == ["Siti Aminah", "Asep Saepudin"]
    assert dialog.editor.summary.text() == "2 diundang, kehadiran belum dicatat"
    with qtbot.waitSignal(dialog.saved):
        click(qtbot, dialog.save_button)
    loaded(qtbot, page, ["Mengelola kiriman uang keluarga"])
    assert page.selected() is not None and page.selected().start_time == "09:00"
    assert row_of(page, "Mengelola kiriman uang keluarga")[6:8] == ["2", "terjadwal"]


def test_recording_who_came_after_the_meeting(qtbot, ctx, runner, ops, show, planned):
    page = show(ActivitiesPage(ctx, runner, ops))
    loaded(qtbot, page, ["Mengelola kiriman uang", "Usaha keripik singkong",
                         "Migrasi aman ke Hong Kong"])
    choose_row(qtbot, page, "Usaha keripik singkong")
    click(qtbot, page.edit_button)
    dialog = open_dialog(page)
    assert dialog.windowTitle() == "Ubah kegiatan"
    editor = dialog.editor
    assert editor.recorded.isEnabled() and not editor.recorded.isChecked()
    assert not presence_box(dialog, 0).isEnabled()
    editor.recorded.setChecked(True)
    box = presence_box(dialog, 0)
    assert box.isEnabled() and not box.isChecked()
    box.setChecked(True)
    assert editor.summary.text() == "1 diundang, 1 hadir"
    dialog.fields["unregistered_count"].setText("6")
    with qtbot.waitSignal(dialog.saved):
        click(qtbot, dialog.save_button)
    qtbot.waitUntil(lambda: row_of(page, "Usaha keripik singkong")[6:] == ["1", "1", "6", "7"])
    qtbot.waitUntil(lambda: page.attendee_table.rowCount() == 1
                    and cell(page.attendee_table, 0, 2) == "Hadir")


def test_invite_every_member_of_the_group(qtbot, ctx, runner, ops, show, village):
    group_id = groups.create_group(ctx, GroupInput("KUP Sari Rasa", "kup", "Keripik singkong",
                                                   date(2025, 1, 10))).ids[0]
    for name in ("Siti Aminah", "Dedi Supriatna"):
        groups.add_member(ctx, group_id, village[name], joined_on=date(2025, 2, 1))
    page = show(ActivitiesPage(ctx, runner, ops))
    click(qtbot, page.add_button)
    dialog = open_dialog(page)
    assert not dialog.editor.members_button.isEnabled()
    combo = dialog.fields["group_id"]
    combo.setCurrentIndex(combo.findText("KUP Sari Rasa"))
    click(qtbot, dialog.editor.members_button)
    assert sorted(cell(dialog.editor.table, r, 0) for r in range(2)) == [
        "Dedi Supriatna", "Siti Aminah"]
    dialog.dirty = False


def test_a_person_twice_is_named_by_the_service(qtbot, ctx, runner, ops, show, village):
    page = show(ActivitiesPage(ctx, runner, ops))
    click(qtbot, page.add_button)
    dialog = open_dialog(page)
    siti = village["Siti Aminah"]
    dialog.editor.set_state({"recorded": False, "rows": [
        {"person_id": siti, "name": "Siti Aminah", "nik": "", "address": "", "present": None}
        for _ in range(2)]})  # a draft from an older version, say
    qtbot.keyClicks(dialog.fields["topic"], "Migrasi aman")
    click(qtbot, dialog.save_button)
    qtbot.waitUntil(dialog.errors["attendees"].isVisible)
    assert dialog.errors["attendees"].text() == "Siti Aminah tercantum dua kali di daftar hadir."
    dialog.dirty = False


def test_parse_count():
    assert [parse_count(t) for t in ("", " 12 ", "1.200", "-3")] == [0, 12, 1200, -3]
    with pytest.raises(ValueError):
        parse_count("12a")


# -- delete, printouts, rights ---------------------------------------------------------

def test_delete_then_undo(qtbot, ctx, runner, ops, show, planned):
    page = show(ActivitiesPage(ctx, runner, ops))
    loaded(qtbot, page, ["Mengelola kiriman uang", "Usaha keripik singkong",
                         "Migrasi aman ke Hong Kong"])
    messages: list[str] = []
    ops.sig_message.connect(messages.append)
    choose_row(qtbot, page, "Usaha keripik singkong")
    click(qtbot, page.delete_button)
    loaded(qtbot, page, ["Mengelola kiriman uang", "Migrasi aman ke Hong Kong"])
    assert messages == ["Kegiatan Usaha keripik singkong dipindahkan ke tempat sampah. Tekan "
                        "Ctrl+Z untuk membatalkan."]
    ops.undo_stack.undo()
    loaded(qtbot, page, ["Mengelola kiriman uang", "Usaha keripik singkong",
                         "Migrasi aman ke Hong Kong"])
    assert page.selected() is not None and page.selected().topic == "Usaha keripik singkong"


def test_attendance_sheet_and_report_are_written_to_files(
        qtbot, ctx, runner, ops, show, planned, chooser, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch):
    asked: list[tuple[str, str]] = []

    def fake_save(parent, title, suggested, kind):
        asked.append((title, suggested))
        return tmp_path / suggested

    monkeypatch.setattr(activity_exports, "ask_save_path", fake_save)
    page = show(ActivitiesPage(ctx, runner, ops))
    loaded(qtbot, page, ["Mengelola kiriman uang", "Usaha keripik singkong",
                         "Migrasi aman ke Hong Kong"])
    choose_row(qtbot, page, "Mengelola kiriman uang")
    page.save_sheet_action.trigger()
    sheet = tmp_path / "daftar-hadir-2026-12-03-mengelola-kiriman-uang.pdf"
    qtbot.waitUntil(lambda: bool(chooser.asked))
    assert asked[-1][0] == "Simpan daftar hadir sebagai PDF"
    assert chooser.asked[-1][0] == "Berkas tersimpan"
    assert chooser.asked[-1][2] == ["Buka berkas", "Tutup"]
    words = pdf_text(sheet)
    assert "DAFTAR HADIR" in words and "Mengelola kiriman uang" in words
    assert "Siti Aminah" in words

    shown: list[tuple[Path, str]] = []

    def fake_preview(path, paper, parent):
        shown.append((Path(path), paper))
        assert "Mengelola kiriman uang" in pdf_text(Path(path))
        Path(path).unlink()  # as the real preview does: the sheet holds personal data

    monkeypatch.setattr(letter_dialog, "show_pdf", fake_preview)
    page.print_sheet_action.trigger()
    qtbot.waitUntil(lambda: bool(shown))
    assert shown[0][1] == "A4" and not shown[0][0].exists()

    page.report_xlsx_action.trigger()
    report = tmp_path / "laporan-kehadiran-2026-01-01-sd-2026-12-31.xlsx"
    qtbot.waitUntil(lambda: len(chooser.asked) == 2)
    summary = CalamineWorkbook.from_path(str(report)).get_sheet_by_name("Ringkasan").to_python()
    assert summary[-1][:5] == ["Jumlah", 3, 1, 23, 24]
    page.report_pdf_action.trigger()
    qtbot.waitUntil(lambda: len(chooser.asked) == 3)
    assert "LAPORAN KEHADIRAN KEGIATAN" in pdf_text(report.with_suffix(".pdf"))


def test_a_file_that_cannot_be_written_is_said_plainly(
        qtbot, ctx, runner, ops, show, planned, chooser, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(activity_exports, "ask_save_path",
                        lambda *a: tmp_path / "tidak-ada" / "laporan.pdf")
    page = show(ActivitiesPage(ctx, runner, ops))
    loaded(qtbot, page, ["Mengelola kiriman uang", "Usaha keripik singkong",
                         "Migrasi aman ke Hong Kong"])
    page.report_pdf_action.trigger()
    qtbot.waitUntil(lambda: bool(chooser.asked))
    title, text, _options = chooser.asked[-1]
    assert title == "Berkas tidak dapat dibuat"
    assert text.startswith("Berkas tidak dapat ditulis.")


def test_the_village_head_reads_and_prints_but_changes_nothing(
        qtbot, ctx, runner, ops, show, planned, db, officer):
    head = accounts.create_officer(ctx, "kades", "Bapak Kepala Desa", "kades-rahasia-1",
                                   role="kepala_desa")
    head_ctx = ServiceContext(db, VILLAGE.code, head, today=lambda: TODAY)
    page = show(ActivitiesPage(head_ctx, runner, ops))
    loaded(qtbot, page, ["Mengelola kiriman uang", "Usaha keripik singkong",
                         "Migrasi aman ke Hong Kong"])
    choose_row(qtbot, page, "Usaha keripik singkong")
    assert not page.add_button.isEnabled()
    assert not page.edit_button.isEnabled() and not page.delete_button.isEnabled()
    assert page.sheet_button.isEnabled() and page.report_button.isEnabled()
    page.edit_selected()
    page.delete_selected()
    assert page.findChildren(ActivityDialog) == [] and ops.undo_stack.count() == 0


# -- language and screen ---------------------------------------------------------------

def test_page_and_form_in_english_and_on_a_laptop_screen(
        qtbot, qapp, ctx, runner, ops, show, planned, languages):
    page = show(ActivitiesPage(ctx, runner, ops), 1150, 660)  # 1366x768 minus the menu
    loaded(qtbot, page, ["Mengelola kiriman uang", "Usaha keripik singkong",
                         "Migrasi aman ke Hong Kong"])
    choose_row(qtbot, page, "Migrasi aman ke Hong Kong")
    click(qtbot, page.edit_button)
    dialog = open_dialog(page)
    dialog.fields["topic"].setText("")
    click(qtbot, dialog.save_button)
    qtbot.waitUntil(dialog.errors["topic"].isVisible)

    assert page.minimumSizeHint().width() <= 1150 and page.minimumSizeHint().height() <= 660
    assert dialog.width() <= 1366 and dialog.height() <= 700
    assert dialog.minimumSizeHint().width() <= 1366 and dialog.minimumSizeHint().height() <= 700
    header = page.table.horizontalHeader()
    assert header.length() <= page.table.viewport().width()  # every column in view
    texts = visible_texts(page) + visible_texts(dialog)
    assert unknown_indonesian(texts) == []

    languages.apply("en")
    qapp.processEvents()
    assert page.add_button.text() == "&New activity"
    assert page.period.currentText() == "This year"
    assert dialog.windowTitle() == "Edit activity"
    assert dialog.errors["topic"].text() == "Enter the topic of the activity."
    assert page.table.horizontalHeaderItem(9).text() == "Total present"
    assert languages.translator is not None and languages.translator.missing == set()
    assert left_in_indonesian(visible_texts(page) + visible_texts(dialog)) == []
    dialog.dirty = False


def test_an_unsaved_form_comes_back_with_its_list(qtbot, ctx, runner, ops, show, village):
    page = show(ActivitiesPage(ctx, runner, ops))
    click(qtbot, page.add_button)
    dialog = open_dialog(page)
    dialog.fields["activity_date"].setText("05/12/2026")
    qtbot.keyClicks(dialog.fields["topic"], "Migrasi aman")
    dialog.editor.add_persons([village["Dedi Supriatna"], village["Siti Aminah"]])
    dialog.save_draft()
    runner.wait()
    dialog.dirty = False
    dialog.close()
    click(qtbot, page.add_button)
    again = open_dialog(page)
    assert again is not dialog
    assert "dipulihkan" in again.banner.text()
    assert again.fields["topic"].text() == "Migrasi aman"
    assert [cell(again.editor.table, r, 0) for r in range(2)] == ["Dedi Supriatna",
                                                                  "Siti Aminah"]
    assert not again.editor.recorded.isEnabled()  # 5 December is still to come
    again.dirty = False
