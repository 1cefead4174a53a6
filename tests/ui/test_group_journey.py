"""A treasurer's month on the groups page, as an officer does it with the keyboard and mouse:
register a group, add members, post the month's lines, cancel a wrong one, close the month,
then save the monthly statement (PDF and XLSX) and a member's passbook, and read the files
back with tools the app did not write. Then a member's money: savings in and out, a loan
with its schedule previewed, a repayment."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desa_desktop.services import cashbook, loans, month_closing, statements
from desa_desktop.services.context import ServiceContext
from desa_desktop.ui import overview_tab
from desa_desktop.ui.groups_page import GroupsPage
from desa_desktop.ui.loan_dialog import LoanDialog, parse_rate
from tests.reports.helpers import pdf_text, render_first_page
from tests.ui import test_groups_page as base_groups
from tests.ui import test_referrals_panel as base

chooser = base.chooser
click = base.click
ops = base.ops
runner = base.runner
show = base.show
village = base.village
group = base_groups.group


@pytest.fixture
def saved_to(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Answers every "save as" with a file in ``tmp_path``; never opens a viewer."""
    asked: list[Path] = []

    def ask(_parent, _title: str, stem: str, kind: str) -> Path:
        asked.append(tmp_path / f"{stem}.{kind}")
        return asked[-1]

    monkeypatch.setattr(overview_tab, "ask_save_path", ask)
    monkeypatch.setattr(overview_tab, "open_file", lambda path: pytest.fail(f"opened {path}"))
    return asked


def add_member(qtbot, page: GroupsPage, name: str, role: str) -> None:
    tab = page.detail.members
    qtbot.waitUntil(lambda: not tab.loading and tab.add_button.isEnabled())
    rows = tab.table.rowCount()
    click(qtbot, tab.add_button)
    dialog = tab.dialog
    qtbot.keyClicks(dialog.picker.line, name.split()[0])
    dialog.picker.run_search()
    qtbot.keyClick(dialog.picker.line, Qt.Key.Key_Return)
    assert dialog.chosen.text() == name
    dialog.fields["joined_on"].setText("01/09/2026")
    dialog.role.set_code(role)
    with qtbot.waitSignal(dialog.done):
        click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: tab.table.rowCount() == rows + 1 and not tab.loading)


def post(qtbot, page: GroupsPage, day: str, direction: str, category: str, amount: str,
         description: str, member: str = "") -> None:
    tab = page.detail.cashbook
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: getattr(tab, "dialog", None) is not None and tab.dialog.isVisible())
    dialog = tab.dialog
    dialog.fields["entry_date"].setText(day)
    dialog.fields["direction"].set_code(direction)
    combo = dialog.fields["category"]
    combo.setCurrentIndex(combo.findData(category))
    if member:
        members = dialog.fields["member_id"]
        members.setCurrentIndex(next(i for i in range(members.count())
                                     if member in members.itemText(i)))
    qtbot.keyClicks(dialog.amount, amount)
    qtbot.keyClicks(dialog.fields["description"], description)
    with qtbot.waitSignal(dialog.saved):  # Enter saves (the default button)
        qtbot.keyClick(dialog.fields["description"], Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not tab.loading)


def test_a_month_of_books_from_the_first_line_to_the_statement(
        qtbot, ctx: ServiceContext, runner, ops, show, village, chooser, saved_to, tmp_path,
        monkeypatch):
    page = show(GroupsPage(ctx, runner, ops), 1160, 700)
    page.refresh()  # as the main window does when the page is shown
    qtbot.waitUntil(lambda: not page.loading)

    # 1. The group.
    click(qtbot, page.new_button)
    dialog = page.dialog
    qtbot.keyClicks(dialog.fields["name"], "KUP Sari Rasa")
    qtbot.keyClicks(dialog.fields["business_type"], "Keripik singkong")
    qtbot.keyClicks(dialog.fields["founded_on"], "01/09/2026")
    with qtbot.waitSignal(dialog.saved):
        click(qtbot, dialog.save_button)
    qtbot.waitUntil(lambda: page.detail.group is not None)
    group_id = page.detail.group_id
    assert group_id is not None and page.detail.name_label.text() == "KUP Sari Rasa"

    # 2. Members from the registry.
    page.detail.show_tab(page.detail.members)
    add_member(qtbot, page, "Siti Aminah", "ketua")
    add_member(qtbot, page, "Asep Saepudin", "bendahara")
    assert page.detail.members.count_label.text() == "2 anggota aktif, 0 sudah keluar"

    # 3. October's lines, one of them wrong.
    tab = page.detail.cashbook
    page.detail.show_tab(tab)
    qtbot.waitUntil(lambda: tab.data is not None)
    post(qtbot, page, "02/10/2026", "masuk", "hibah", "5.000.000", "Hibah Disnaker")
    post(qtbot, page, "05/10/2026", "masuk", "simpanan_pokok", "100.000", "Simpanan pokok",
         member="Siti Aminah")
    post(qtbot, page, "09/10/2026", "keluar", "bahan_baku", "1.250.000", "Singkong 500 kg")
    post(qtbot, page, "12/10/2026", "keluar", "peralatan", "2.400.000", "Wajan (salah)")
    post(qtbot, page, "20/10/2026", "masuk", "penjualan", "1.875.000", "Penjualan ke warung")
    tab.month_box.setCurrentIndex(tab.month_box.findData("2026-10"))
    tab.month_box.activated.emit(tab.month_box.currentIndex())
    qtbot.waitUntil(lambda: tab.data.month == "2026-10" and len(tab.data.rows) == 5)

    # 4. Cancel the wrong line (dated in October, still open).
    wrong = next(r for r, row in enumerate(tab.data.rows) if row.category == "peralatan")
    tab.table.selectRow(wrong)
    click(qtbot, tab.reverse_button)
    dialog = tab.dialog
    dialog.fields["entry_date"].setText("31/10/2026")
    qtbot.keyClicks(dialog.reason, "Wajan dibeli dengan uang pribadi ketua")
    with qtbot.waitSignal(dialog.done):
        click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: len(tab.data.rows) == 6 and not tab.loading)
    assert tab.table.item(wrong, 0).font().strikeOut()
    assert tab.table.item(5, 3).text() == ("Pembatalan entri no. 4: Wajan dibeli dengan uang "
                                           "pribadi ketua")
    assert tab.table.item(5, 8).text() == "5.725.000"
    assert cashbook.balance(ctx, group_id) == 5_725_000

    # 5. Close October.
    assert tab.close_button.text() == "&Tutup buku Oktober 2026…"
    click(qtbot, tab.close_button)
    dialog = tab.dialog
    qtbot.waitUntil(lambda: dialog.figures is not None)
    assert dialog.figures == (0, 9_375_000, 3_650_000, 6)
    with qtbot.waitSignal(dialog.done):
        click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: tab.data.last_closed == "2026-10" and not tab.loading)
    assert tab.state_label.text() == "Ditutup 22/11/2026 oleh Admin Desa"
    assert month_closing.month_is_closed(ctx, group_id, "2026-10")

    # A line dated into the closed month is refused next to its date.
    click(qtbot, tab.new_button)
    dialog = tab.dialog
    dialog.fields["entry_date"].setText("30/10/2026")
    qtbot.keyClicks(dialog.amount, "10.000")
    click(qtbot, dialog.save_button)
    qtbot.waitUntil(dialog.errors["entry_date"].isVisible)
    assert dialog.errors["entry_date"].text().startswith("Bulan Oktober 2026 sudah ditutup")
    dialog.dirty = False
    dialog.reject()

    # 6. The statement, as PDF and as XLSX.
    chooser.answer("Tutup")
    tab.pdf_action.trigger()
    qtbot.waitUntil(lambda: len(chooser.asked) == 1, timeout=20_000)
    pdf = saved_to[-1]
    assert pdf.name == "Laporan-KUP-Sari-Rasa-2026-10.pdf" and pdf.is_file()
    assert chooser.asked[0][1] == f"Berkas disimpan di {pdf}. Buka sekarang?"
    text = pdf_text(pdf)
    for expected in ("KUP Sari Rasa", "Oktober 2026", "5.725.000", "Pembatalan entri no. 4"):
        assert expected in text
    assert render_first_page(pdf, tmp_path).stat().st_size > 5_000

    chooser.answer("Tutup")
    tab.xlsx_action.trigger()
    qtbot.waitUntil(lambda: len(chooser.asked) == 2, timeout=20_000)
    xlsx = saved_to[-1]
    assert xlsx.suffix == ".xlsx"
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(xlsx))
    lines = book.get_sheet_by_name("Buku kas").to_python()
    numbers = [v for row in lines for v in row if isinstance(v, (int, float))]
    assert 5_725_000 in numbers
    statement = statements.monthly_statement(ctx, group_id, "2026-10")
    assert (statement.total_in, statement.total_out, statement.closing_balance) == (
        6_975_000, 1_250_000, 5_725_000)  # the reversal nets the equipment line out

    printed: list[Path] = []
    monkeypatch.setattr("desa_desktop.ui.letter_dialog.show_pdf",
                        lambda path, paper, _parent: printed.append(Path(path)))
    tab.print_action.trigger()
    qtbot.waitUntil(lambda: bool(printed), timeout=20_000)
    assert "KUP Sari Rasa" in pdf_text(printed[0])  # what the print preview shows
    printed[0].unlink()

    # 7. Siti's passbook.
    savings_tab = page.detail.savings
    page.detail.show_tab(savings_tab)
    qtbot.waitUntil(lambda: savings_tab.table.rowCount() == 2 and not savings_tab.loading)
    savings_tab.table.selectRow(0)
    chooser.answer("Tutup")
    click(qtbot, savings_tab.passbook_button)
    qtbot.waitUntil(lambda: len(chooser.asked) == 3, timeout=20_000)
    passbook = saved_to[-1]
    assert passbook.name == "Buku-anggota-Siti-Aminah.pdf"
    assert "Siti Aminah" in pdf_text(passbook) and "100.000" in pdf_text(passbook)

    # 8. The overview sums it up.
    overview = page.detail.overview
    page.detail.show_tab(overview)
    qtbot.waitUntil(lambda: overview.data is not None and not overview.loading)
    assert overview.values[0].text() == "Rp 5.725.000"
    assert overview.values[1].text() == "2"
    assert ("2026-10", 6_975_000, 1_250_000) in overview.chart.months
    assert page.table.item(0, 1).text() == "5.725.000"
    assert date(2026, 10, 31) == cashbook.entries(ctx, group_id, month="2026-10")[-1].entry_date


# -- a member's money ---------------------------------------------------------------------

def test_savings_deposit_and_withdrawal_beyond_balance(qtbot, ctx, runner, ops, show, group):
    page = base_groups.open_page(show, ctx, runner, ops, qtbot)
    tab = page.detail.savings
    page.detail.show_tab(tab)
    qtbot.waitUntil(lambda: tab.table.rowCount() == 3)
    tab.table.selectRow(2)
    dialog = tab.open_savings(withdrawal=False)
    dialog.kind.set_code("simpanan_sukarela")
    dialog.amount.setText("75.000")
    with qtbot.waitSignal(dialog.done):
        click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: base_groups.cells(tab.table, 2)[4] == "75.000")
    qtbot.waitUntil(lambda: tab.lines_table.rowCount() == 1)
    assert tab.lines_caption.text() == "Simpanan Euis Kurniasih"
    dialog = tab.open_savings(withdrawal=True)
    assert dialog.held_label.text() == "Simpanan sukarela anggota ini sekarang: Rp 75.000"
    dialog.amount.setText("100.000")
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(dialog.errors["amount"].isVisible)
    assert dialog.errors["amount"].text() == ("Penarikan Rp 100.000 melebihi simpanan sukarela "
                                              "anggota ini (Rp 75.000).")


def test_fee_rates_are_read_in_integers():
    assert [parse_rate(t) for t in ("1", "1,5", "1.25", "0", "2 %", "10")] == [
        100, 150, 125, 0, 200, 1000]
    with pytest.raises(Exception, match="persen"):
        parse_rate("satu")


def test_new_loan_previews_its_schedule_then_repayment(qtbot, ctx, runner, ops, show, group):
    page = base_groups.open_page(show, ctx, runner, ops, qtbot)
    tab = page.detail.loans
    page.detail.show_tab(tab)
    qtbot.waitUntil(lambda: not tab.loading and tab.new_button.isEnabled())
    click(qtbot, tab.new_button)
    dialog = tab.dialog
    assert isinstance(dialog, LoanDialog)
    assert dialog.preview_table.rowCount() == 0
    assert dialog.preview_totals.text() == "Jadwal belum dapat dihitung: Isi jumlah uangnya."
    combo = dialog.fields["member_id"]
    combo.setCurrentIndex(combo.findData(group["Euis Kurniasih"]))
    dialog.principal.setText("1.200.000")
    dialog.fields["term_months"].setText("12")
    dialog.update_preview()
    assert dialog.preview_table.rowCount() == 12
    assert base_groups.cells(dialog.preview_table, 0) == ["1", "22/12/2026", "100.000", "12.000",
                                              "112.000"]
    assert dialog.preview_totals.text() == ("Pokok Rp 1.200.000 + jasa Rp 144.000 = "
                                            "Rp 1.344.000 dalam 12 angsuran")
    dialog.fields["fee_method"].set_code("menurun")
    dialog.update_preview()
    assert [dialog.preview_table.item(r, 3).text() for r in (0, 11)] == ["12.000", "1.000"]
    dialog.fields["fee_rate_bp"].setText("15")
    dialog.update_preview()
    assert "paling tinggi" in dialog.preview_totals.text() or \
        dialog.preview_table.rowCount() == 0
    dialog.fields["fee_rate_bp"].setText("1")
    with qtbot.waitSignal(dialog.saved):
        click(qtbot, dialog.save_button)
    qtbot.waitUntil(lambda: tab.table.rowCount() == 1 and not tab.loading)
    assert base_groups.cells(tab.table, 0)[1:3] == ["Euis Kurniasih", "1.200.000"]

    tab.table.selectRow(0)
    qtbot.waitUntil(lambda: tab.schedule_table.rowCount() == 12)
    click(qtbot, tab.repay_button)
    dialog = tab.dialog
    dialog.amount.setText("2.000.000")
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(dialog.errors["amount"].isVisible)
    assert "melebihi sisa pinjaman" in dialog.errors["amount"].text()
    dialog.amount.setText("112.000")
    with qtbot.waitSignal(dialog.done):
        click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: not tab.loading and tab.rows[0].principal_paid == 100_000)
    tab.table.selectRow(0)
    qtbot.waitUntil(lambda: tab.schedule_table.rowCount() == 12
                    and tab.schedule_table.item(0, 6).text() == "Lunas")
    assert loans.get_loan(ctx, tab.rows[0].id).fee_paid == 12_000
