"""The business-group screens as an officer uses them: the list, the group form, members,
the cash book (amounts in plain words, lines read-only, reversals marked), closing and
reopening, the village head's read-only view and the English texts. Savings and loans are
in test_group_journey.py."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication

from desa_desktop.services import cashbook, groups, month_closing, savings
from desa_desktop.services.cashbook import EntryInput
from desa_desktop.services.context import ServiceContext
from desa_desktop.ui.entry_dialog import MUTED, REVERSAL, EntryDialog
from desa_desktop.ui.groups_page import GroupsPage
from desa_desktop.ui.translator import LanguageManager
from tests.ui import test_referrals_panel as base
from tests.ui.helpers import left_in_indonesian, unknown_indonesian, visible_texts

chooser = base.chooser
click = base.click
ops = base.ops
runner = base.runner
show = base.show
village = base.village

FOUNDED = date(2026, 9, 1)


@pytest.fixture
def group(ctx: ServiceContext, village: dict[str, str]) -> dict[str, str]:
    """KUP Sari Rasa with Siti (ketua), Asep (bendahara) and Euis; a grant in October."""
    gid = groups.create_group(ctx, groups.GroupInput("KUP Sari Rasa", "kup",
                                                     "Keripik singkong", FOUNDED)).ids[0]
    ids = {"group": gid}
    for name, role in (("Siti Aminah", "ketua"), ("Asep Saepudin", "bendahara"),
                       ("Euis Kurniasih", "anggota")):
        ids[name] = groups.add_member(ctx, gid, village[name], joined_on=FOUNDED,
                                      role=role).ids[0]
    cashbook.post_entry(ctx, gid, EntryInput(date(2026, 10, 2), "masuk", "hibah", 5_000_000,
                                             description="Hibah Disnaker"))
    return ids


def open_page(show, ctx, runner, ops, qtbot) -> GroupsPage:
    page = show(GroupsPage(ctx, runner, ops), 1160, 700)
    page.refresh()  # as the main window does when the page is shown
    qtbot.waitUntil(lambda: not page.loading)
    return page


def book(qtbot, page: GroupsPage):
    """The cash-book tab on screen, loaded."""
    tab = page.detail.cashbook
    page.detail.show_tab(tab)
    qtbot.waitUntil(lambda: tab.data is not None and not tab.loading)
    return tab


def cells(table, row: int) -> list[str]:
    return [table.item(row, c).text() for c in range(table.columnCount())]


# -- the list and the group form ----------------------------------------------------------

def test_empty_page_says_what_to_do(qtbot, ctx, runner, ops, show):
    page = open_page(show, ctx, runner, ops, qtbot)
    assert page.count_label.text() == "0 kelompok"
    assert page.right.currentWidget() is page.empty
    assert "Kelompok baru" in page.empty.text()
    assert page.new_button.isEnabled()


def test_new_group_is_checked_then_listed_and_opened(qtbot, ctx, runner, ops, show):
    page = open_page(show, ctx, runner, ops, qtbot)
    click(qtbot, page.new_button)
    dialog = page.dialog
    assert dialog.windowTitle() == "Kelompok baru"
    dialog.fields["founded_on"].setText("31/02/2026")
    click(qtbot, dialog.save_button)
    assert dialog.errors["founded_on"].text() == ("Tanggal harus ditulis hh/bb/tttt, contoh "
                                                  "22/11/2026.")
    dialog.fields["founded_on"].setText("01/12/2026")
    click(qtbot, dialog.save_button)
    qtbot.waitUntil(dialog.errors["name"].isVisible)
    assert dialog.errors["name"].text() == "Isi nama kelompok."
    assert dialog.errors["founded_on"].text() == "Tanggal berdiri tidak boleh di masa depan."

    qtbot.keyClicks(dialog.fields["name"], "Koperasi Mekar Jaya")
    dialog.fields["kind"].set_code("koperasi")
    qtbot.keyClicks(dialog.fields["business_type"], "Abon ikan")
    dialog.fields["founded_on"].setText("05/01/2024")
    with qtbot.waitSignal(dialog.saved):
        click(qtbot, dialog.save_button)
    qtbot.waitUntil(lambda: page.table.rowCount() == 1 and page.detail.group is not None)
    assert cells(page.table, 0) == ["Koperasi Mekar Jaya", "0"]
    assert "0 anggota aktif" in page.table.item(0, 0).toolTip()
    assert page.detail.name_label.text() == "Koperasi Mekar Jaya"
    assert page.detail.info_label.text() == "Koperasi · Abon ikan · berdiri 05/01/2024 · Aktif"

    dialog = page.detail.edit_group()
    dialog.fields["business_type"].setText("Abon ikan dan kerupuk")
    with qtbot.waitSignal(dialog.saved):
        click(qtbot, dialog.save_button)
    qtbot.waitUntil(lambda: "kerupuk" in page.detail.info_label.text())


def test_members_are_picked_from_the_registry(qtbot, ctx, runner, ops, show, group):
    page = open_page(show, ctx, runner, ops, qtbot)
    tab = page.detail.members
    page.detail.show_tab(tab)
    qtbot.waitUntil(lambda: tab.table.rowCount() == 3)
    assert cells(tab.table, 0)[1:4:2] == ["Siti Aminah", "Ketua"]
    click(qtbot, tab.add_button)
    dialog = tab.dialog
    click(qtbot, dialog.ok_button)
    assert dialog.errors["person_id"].text() == "Pilih orang dari data penduduk."
    qtbot.keyClicks(dialog.picker.line, "Dedi")
    dialog.picker.run_search()
    qtbot.keyClick(dialog.picker.line, Qt.Key.Key_Return)
    assert dialog.chosen.text() == "Dedi Supriatna"
    dialog.role.set_code("ketua")
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(dialog.errors["role"].isVisible)
    assert dialog.errors["role"].text() == ("Ketua kelompok ini masih Siti Aminah; ubah dulu "
                                            "peran Siti Aminah menjadi anggota.")
    dialog.role.set_code("sekretaris")
    with qtbot.waitSignal(dialog.done):
        click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: tab.table.rowCount() == 4)
    assert cells(tab.table, 3)[1] == "Dedi Supriatna" and cells(tab.table, 3)[3] == "Sekretaris"

    # Leaving with savings still held is refused, in plain words.
    savings.deposit(ctx, group["Euis Kurniasih"], "simpanan_pokok", 50_000,
                    on=date(2026, 10, 5))
    tab.table.selectRow(2)
    click(qtbot, tab.leave_button)
    dialog = tab.dialog
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(dialog.general_error.isVisible)
    assert dialog.general_error.text() == ("Simpanan anggota masih Rp 50.000; catat dulu "
                                           "pengembalian simpanannya.")


# -- the cash book ----------------------------------------------------------------------

def test_amounts_are_read_as_written_and_refused_in_plain_words(qtbot, ctx, runner, ops,
                                                               show, group):
    page = open_page(show, ctx, runner, ops, qtbot)
    tab = book(qtbot, page)
    dialog = tab.new_entry()
    assert isinstance(dialog, EntryDialog)
    assert dialog.held_label.text() == "Kas kelompok saat ini: Rp 5.000.000"
    categories = [dialog.fields["category"].itemData(i)
                  for i in range(dialog.fields["category"].count())]
    assert categories == ["penjualan", "hibah", "simpanan_pokok", "simpanan_wajib",
                          "simpanan_sukarela", "lainnya"]  # loan lines come from Pinjaman
    assert not dialog.fields["member_id"].isEnabled()
    for typed, message in (
            ("12,5", "Jumlah uang harus Rupiah bulat tanpa sen (contoh: 1.250.000)."),
            ("-5000", "Jumlah uang tidak boleh negatif; untuk membetulkan entri, buat entri "
                      "pembalik."),
            ("50.000.000.000", "Jumlah Rp 50.000.000.000 terlalu besar; periksa lagi angka "
                               "nolnya (paling banyak Rp 10.000.000.000)."),
            ("lima ribu", "Jumlah uang hanya boleh berisi angka (contoh: 1.250.000).")):
        dialog.amount.setText(typed)
        dialog.amount.editingFinished.emit()
        assert dialog.errors["amount"].text() == message
        click(qtbot, dialog.save_button)
        assert dialog.errors["amount"].text() == message
    dialog.amount.setText("1250000")
    dialog.amount.editingFinished.emit()
    assert dialog.amount.text() == "1.250.000" and not dialog.errors["amount"].isVisible()

    dialog.fields["direction"].set_code("keluar")
    assert dialog.fields["category"].itemData(0) == "simpanan_pokok"
    dialog.fields["category"].setCurrentIndex(dialog.fields["category"].findData("bahan_baku"))
    dialog.amount.setText("6.000.000")
    click(qtbot, dialog.save_button)
    qtbot.waitUntil(dialog.errors["amount"].isVisible)
    assert dialog.errors["amount"].text() == ("Kas kelompok hanya Rp 5.000.000; tidak cukup "
                                              "untuk mengeluarkan Rp 6.000.000.")
    dialog.amount.setText("1.250.000")
    qtbot.keyClicks(dialog.fields["receipt_no"], "K-01")
    qtbot.keyClicks(dialog.fields["description"], "Singkong 500 kg")
    with qtbot.waitSignal(dialog.saved):
        click(qtbot, dialog.save_button)
    qtbot.waitUntil(lambda: tab.table.rowCount() == 1 and not tab.loading)
    assert tab.data.month == "2026-11"
    assert cells(tab.table, 0) == ["2", "22/11/2026", "Bahan baku", "Singkong 500 kg", "",
                                   "K-01", "", "1.250.000", "3.750.000"]


def test_savings_need_a_member(qtbot, ctx, runner, ops, show, group):
    page = open_page(show, ctx, runner, ops, qtbot)
    dialog = book(qtbot, page).new_entry()
    combo = dialog.fields["category"]
    combo.setCurrentIndex(combo.findData("simpanan_wajib"))
    assert dialog.fields["member_id"].isEnabled()
    dialog.amount.setText("20.000")
    click(qtbot, dialog.save_button)
    qtbot.waitUntil(dialog.errors["member_id"].isVisible)
    assert dialog.errors["member_id"].text() == "Pilih anggota untuk simpanan wajib."


def test_an_unsaved_entry_comes_back_as_a_draft(qtbot, ctx, runner, ops, show, group,
                                               chooser):
    page = open_page(show, ctx, runner, ops, qtbot)
    tab = book(qtbot, page)
    dialog = tab.new_entry()
    dialog.fields["direction"].set_code("keluar")
    combo = dialog.fields["category"]
    combo.setCurrentIndex(combo.findData("simpanan_sukarela"))
    members = dialog.fields["member_id"]
    members.setCurrentIndex(members.findData(group["Euis Kurniasih"]))
    qtbot.keyClicks(dialog.amount, "30.000")
    chooser.answer("Tutup, simpan sebagai draf")
    dialog.reject()
    runner.wait()
    dialog = tab.new_entry()
    assert dialog.banner.isVisible()
    assert dialog.fields["direction"].code() == "keluar"
    assert dialog.fields["category"].currentData() == "simpanan_sukarela"
    assert dialog.fields["member_id"].currentData() == group["Euis Kurniasih"]
    assert dialog.amount.text() == "30.000"


def test_lines_are_read_only_and_reversals_visible(qtbot, ctx, runner, ops, show, group):
    gid = group["group"]
    wrong = cashbook.post_entry(ctx, gid, EntryInput(date(2026, 11, 6), "keluar", "peralatan",
                                                     450_000, description="Wajan")).ids[0]
    page = open_page(show, ctx, runner, ops, qtbot)
    tab = book(qtbot, page)
    assert tab.table.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
    tab.table.selectRow(0)
    click(qtbot, tab.reverse_button)
    dialog = tab.dialog
    assert "No. 2, 06/11/2026, Peralatan, Rp 450.000" in dialog.intro.text()
    click(qtbot, dialog.ok_button)
    assert dialog.errors["reason"].text() == "Tulis alasan pembatalan entri."
    dialog.fields["entry_date"].setText("05/11/2026")
    qtbot.keyClicks(dialog.reason, "Salah catat")
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(dialog.errors["entry_date"].isVisible)
    assert dialog.errors["entry_date"].text() == ("Tanggal pembalikan tidak boleh sebelum "
                                                  "tanggal entri yang dibatalkan (06/11/2026).")
    dialog.fields["entry_date"].setText("22/11/2026")
    with qtbot.waitSignal(dialog.done):
        click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: tab.table.rowCount() == 2 and not tab.loading)
    original, reversal = tab.table.item(0, 0), tab.table.item(1, 0)
    assert original.font().strikeOut() and original.foreground().color() == MUTED
    assert original.toolTip() == "Dibatalkan oleh entri no. 3"
    assert reversal.font().italic() and reversal.foreground().color() == REVERSAL
    assert cells(tab.table, 1)[3] == "Pembatalan entri no. 2: Salah catat"
    assert cells(tab.table, 1)[8] == "5.000.000"
    for row in (0, 1):
        tab.table.selectRow(row)
        assert not tab.reverse_button.isEnabled()
    first = cashbook.entries(ctx, gid, month="2026-11")[0]
    assert (first.id, first.direction, first.amount) == (wrong, "keluar", 450_000)  # unchanged


def test_close_month_then_admin_reopens_with_a_reason(qtbot, ctx, runner, ops, show, group):
    page = open_page(show, ctx, runner, ops, qtbot)
    tab = book(qtbot, page)
    assert tab.close_button.text() == "&Tutup buku Oktober 2026…"
    assert tab.reopen_button.isVisible() and not tab.reopen_button.isEnabled()
    click(qtbot, tab.close_button)
    dialog = tab.dialog
    qtbot.waitUntil(lambda: dialog.figures is not None)
    assert "Saldo akhir: Rp 5.000.000" in dialog.figures_label.text()
    with qtbot.waitSignal(dialog.done):
        click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: tab.data.last_closed == "2026-10" and not tab.loading)
    assert not tab.close_button.isEnabled()  # November has not ended
    tab.month_box.setCurrentIndex(tab.month_box.findData("2026-10"))
    tab.month_box.activated.emit(tab.month_box.currentIndex())
    qtbot.waitUntil(lambda: tab.data.month == "2026-10" and not tab.loading)
    assert tab.state_label.text() == "Ditutup 22/11/2026 oleh Admin Desa"

    click(qtbot, tab.reopen_button)
    dialog = tab.dialog
    assert dialog.windowTitle() == "Buka kembali Oktober 2026"
    click(qtbot, dialog.ok_button)
    assert dialog.errors["reason"].text() == "Tulis alasan membuka kembali bulan ini."
    qtbot.keyClicks(dialog.reason, "Kuitansi Oktober tertinggal")
    with qtbot.waitSignal(dialog.done):
        click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: tab.data.last_closed is None and not tab.loading)
    assert tab.state_label.text() == "Bulan ini masih terbuka"
    history = tab.show_closings()
    qtbot.waitUntil(lambda: history.table.rowCount() == 1)
    assert "Kuitansi Oktober tertinggal" in history.table.item(0, 7).text()


def test_history_tells_when_a_closed_month_was_changed_outside_the_app(
        qtbot, ctx, runner, ops, show, group):
    from sqlalchemy import text

    month_closing.close_month(ctx, group["group"], "2026-10")
    page = open_page(show, ctx, runner, ops, qtbot)
    history = book(qtbot, page).show_closings()
    qtbot.waitUntil(lambda: history.table.rowCount() == 1)
    assert history.table.item(0, 0).text() == "Oktober 2026"
    click(qtbot, history.verify_button)
    qtbot.waitUntil(lambda: history.problems is not None)
    assert history.result_label.text() == ("Semua bulan yang ditutup masih sama dengan saat "
                                           "ditutup.")
    with ctx.db.engine.begin() as conn:  # what anyone holding the key could do with a tool
        conn.execute(text("DROP TRIGGER cash_entry_no_update"))
        conn.execute(text("UPDATE cash_entry SET amount = 4000000"))
    history.problems = None
    click(qtbot, history.verify_button)
    qtbot.waitUntil(lambda: history.problems is not None)
    shown = history.result_label.text()
    assert shown.startswith("Isi buku kas bulan Oktober 2026 tidak sama lagi dengan saat "
                            "ditutup pada 22/11/2026")
    assert "Pemasukan bulan Oktober 2026 saat ditutup Rp 5.000.000, sekarang Rp 4.000.000." \
        in shown


def test_only_the_admin_sees_reopen(qtbot, ctx, runner, ops, show, group):
    month_closing.close_month(ctx, group["group"], "2026-10")
    petugas = replace(ctx, officer=replace(ctx.officer, role="petugas"))
    page = open_page(show, petugas, runner, ops, qtbot)
    tab = book(qtbot, page)
    assert tab.new_button.isEnabled() and not tab.reopen_button.isVisible()
    assert tab.reopen_month() is None


def test_village_head_reads_only(qtbot, ctx, runner, ops, show, group):
    head = replace(ctx, officer=replace(ctx.officer, role="kepala_desa"))
    page = open_page(show, head, runner, ops, qtbot)
    tab = book(qtbot, page)
    tab.table.selectRow(0)
    detail = page.detail
    assert not page.new_button.isEnabled() and not detail.edit_button.isEnabled()
    assert not tab.new_button.isEnabled() and not tab.reverse_button.isEnabled()
    assert not tab.close_button.isEnabled() and tab.report_button.isEnabled()
    for member_tab in (detail.members, detail.savings, detail.loans):
        detail.show_tab(member_tab)
        qtbot.waitUntil(lambda t=member_tab: not t.loading)
    assert not detail.members.add_button.isEnabled()
    assert not detail.savings.deposit_button.isEnabled()
    assert not detail.loans.new_button.isEnabled()


# -- language -----------------------------------------------------------------------------

def test_every_text_is_translated(qtbot, ctx, runner, ops, show, group, qapp):
    """Every text shown is a catalogue string, and switching to English leaves none behind."""
    page = open_page(show, ctx, runner, ops, qtbot)
    detail = page.detail
    for tab in detail.book_tabs:
        detail.show_tab(tab)
        qtbot.waitUntil(lambda t=tab: not t.loading and not t.stale)
    cash = detail.cashbook
    detail.show_tab(cash)
    opened = [cash.new_entry(), cash.close_month(), cash.show_closings(),
              detail.members.add_member(), detail.loans.new_loan(),
              detail.savings.open_savings(withdrawal=False)]
    runner.wait()
    QApplication.processEvents()

    def texts() -> list[str]:
        found = []
        for tab in detail.book_tabs:
            detail.show_tab(tab)
            found += visible_texts(page)
        for dialog in opened:
            found += visible_texts(dialog)
        return found

    assert unknown_indonesian(texts()) == []
    languages = LanguageManager(qapp)
    try:
        languages.apply("en")
        qapp.processEvents()
        assert detail.tabs.tabText(2) == "Cash book"
        assert cash.summary.text().startswith("Opening balance Rp 5.000.000")
        assert left_in_indonesian(texts()) == []
        assert languages.translator is not None and languages.translator.missing == set()
    finally:
        languages.apply("id")
        qapp.processEvents()
