"""The institution directory: seeded list, add with checks, edit, delete after asking,
and read-only for the village head."""

from __future__ import annotations

from dataclasses import replace

from desa_desktop.services import institutions
from desa_desktop.ui.institutions_page import InstitutionDialog, InstitutionsPage
from tests.ui import test_referrals_panel as base

# the shared fixtures and helpers
cell = base.cell
chooser = base.chooser
click = base.click
ops = base.ops
runner = base.runner
show = base.show


def names(page: InstitutionsPage) -> list[str]:
    return [cell(page.table, r, 0) for r in range(page.table.rowCount())]


def open_dialog(page: InstitutionsPage) -> InstitutionDialog:
    dialog = page.findChildren(InstitutionDialog)[-1]
    assert dialog.isVisible()
    return dialog


def test_directory_starts_with_the_usual_institutions(ctx, runner, ops, show):
    page = show(InstitutionsPage(ctx, runner, ops))
    assert "Migrant CARE" in names(page) and "Polres (Unit PPA / TPPO)" in names(page)
    assert page.count_label.text() == f"{len(names(page))} lembaga"
    assert not page.edit_button.isEnabled() and not page.delete_button.isEnabled()
    page.filter_box.setText("imigrasi")
    assert names(page) == ["Kantor Imigrasi (PIMPASA)"]


def test_add_with_checks_then_edit(qtbot, ctx, runner, ops, show):
    page = show(InstitutionsPage(ctx, runner, ops))
    click(qtbot, page.add_button)
    dialog = open_dialog(page)
    assert dialog.windowTitle() == "Lembaga baru"
    qtbot.keyClicks(dialog.fields["name"], "Migrant CARE")
    qtbot.keyClicks(dialog.fields["email"], "bukan-email")
    click(qtbot, dialog.save_button)
    qtbot.waitUntil(dialog.errors["email"].isVisible)
    assert dialog.errors["name"].text() == "Lembaga dengan nama ini sudah ada di daftar."
    assert dialog.errors["email"].text() == "Alamat email tidak valid."

    dialog.fields["name"].setText("P2TP2A Kabupaten Ciamis")
    dialog.fields["email"].setText("p2tp2a@ciamiskab.go.id")
    dialog.fields["kind"].set_code("uptd_ppa")
    qtbot.keyClicks(dialog.fields["address"], "Jl. Jenderal Sudirman No. 12, Ciamis")
    qtbot.keyClicks(dialog.fields["phone"], "(0265) 771234")
    qtbot.keyClicks(dialog.fields["contact_person"], "Ibu Rina")
    with qtbot.waitSignal(dialog.saved):
        click(qtbot, dialog.save_button)
    qtbot.waitUntil(lambda: "P2TP2A Kabupaten Ciamis" in names(page))
    row = names(page).index("P2TP2A Kabupaten Ciamis")
    assert [cell(page.table, row, c) for c in range(6)] == [
        "P2TP2A Kabupaten Ciamis", "UPTD PPA", "Jl. Jenderal Sudirman No. 12, Ciamis",
        "(0265) 771234", "p2tp2a@ciamiskab.go.id", "Ibu Rina"]
    assert page.selected() is not None and page.selected().name == "P2TP2A Kabupaten Ciamis"

    click(qtbot, page.edit_button)
    dialog = open_dialog(page)
    assert dialog.windowTitle() == "Ubah data lembaga"
    assert dialog.fields["contact_person"].text() == "Ibu Rina"
    dialog.fields["contact_person"].setText("Bapak Asep")
    with qtbot.waitSignal(dialog.saved):
        click(qtbot, dialog.save_button)
    qtbot.waitUntil(lambda: cell(page.table, names(page).index("P2TP2A Kabupaten Ciamis"), 5)
                    == "Bapak Asep")


def test_delete_asks_first(qtbot, ctx, runner, ops, show, chooser):
    page = show(InstitutionsPage(ctx, runner, ops))
    before = len(names(page))
    page.table.selectRow(names(page).index("Migrant CARE"))
    click(qtbot, page.delete_button)  # the chooser answers "Batal" (Esc)
    runner.wait()
    assert len(names(page)) == before
    assert "Rujukan yang sudah ada" in chooser.asked[0][1]
    chooser.answer("Hapus")
    click(qtbot, page.delete_button)
    qtbot.waitUntil(lambda: "Migrant CARE" not in names(page))
    assert all(i.name != "Migrant CARE" for i in institutions.list_institutions(ctx))


def test_village_head_reads_only(ctx, runner, ops, show):
    head = replace(ctx, officer=replace(ctx.officer, role="kepala_desa"))
    institutions.list_institutions(ctx)  # seeded by an officer before
    page = show(InstitutionsPage(head, runner, ops))
    page.table.selectRow(0)
    assert not page.add_button.isEnabled()
    assert not page.edit_button.isEnabled() and not page.delete_button.isEnabled()
