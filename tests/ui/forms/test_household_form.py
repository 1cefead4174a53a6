"""The household form: KK check while typing, RT/RW padding, duplicate KK."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from desa_desktop.services import households
from desa_desktop.services.households import HouseholdInput
from desa_desktop.ui.household_form import HouseholdForm

KK = "3207121508100003"


def click_save(qtbot, form: HouseholdForm) -> None:
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)


def type_household(qtbot, form: HouseholdForm, kk: str = KK) -> None:
    qtbot.keyClicks(form.fields["kk_number"], kk)
    qtbot.keyClick(form.fields["kk_number"], Qt.Key.Key_Tab)
    qtbot.keyClicks(form.fields["head_name"], "Supardi")
    qtbot.keyClicks(form.fields["dusun"], "Kaliwon")
    qtbot.keyClicks(form.fields["rw"], "2")
    qtbot.keyClicks(form.fields["rt"], "13")
    qtbot.keyClicks(form.fields["address"], "Jl. Mawar 4")


def test_household_is_saved_with_rt_rw_padded(qtbot, ctx, runner, open_form):
    form = open_form(HouseholdForm(ctx, runner))
    assert form.draft_key == "household:new"
    type_household(qtbot, form)
    with qtbot.waitSignal(form.saved) as blocker:
        click_save(qtbot, form)
    view = households.get_household(ctx, blocker.args[0].ids[0])
    assert (view.kk_number, view.head_name, view.dusun) == (KK, "Supardi", "Kaliwon")
    assert (view.rw, view.rt) == ("002", "013")
    assert view.collected_on == date(2026, 11, 22)


def test_bad_kk_is_reported_when_leaving_the_field(qtbot, ctx, runner, open_form):
    form = open_form(HouseholdForm(ctx, runner))
    qtbot.keyClicks(form.fields["kk_number"], "9907121508100003")
    qtbot.keyClick(form.fields["kk_number"], Qt.Key.Key_Tab)
    error = form.errors["kk_number"]
    assert error.isVisible() and "Kode provinsi 99" in error.text()


def test_rt_with_letters_is_refused_under_the_field(qtbot, ctx, runner, open_form):
    form = open_form(HouseholdForm(ctx, runner))
    qtbot.keyClicks(form.fields["head_name"], "Supardi")
    qtbot.keyClicks(form.fields["rt"], "1a")
    click_save(qtbot, form)
    qtbot.waitUntil(lambda: form.errors["rt"].isVisible())
    assert "angka saja" in form.errors["rt"].text()
    assert households.find_households(ctx) == []


def test_duplicate_kk_offers_the_existing_household(qtbot, ctx, runner, open_form):
    existing = households.create_household(ctx, HouseholdInput(KK, "Supardi")).ids[0]
    form = open_form(HouseholdForm(ctx, runner))
    type_household(qtbot, form)
    click_save(qtbot, form)
    qtbot.waitUntil(form.open_existing_button.isVisible)
    assert "sudah terdaftar" in form.errors["kk_number"].text()
    with qtbot.waitSignal(form.sig_open_existing) as blocker:
        qtbot.mouseClick(form.open_existing_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [existing]


def test_dusun_list_offers_hamlets_in_use(qtbot, ctx, runner, open_form):
    households.create_household(ctx, HouseholdInput("", "Karta", "Cikupa"))
    households.create_household(ctx, HouseholdInput("", "Asep", "Babakan"))
    form = open_form(HouseholdForm(ctx, runner))
    combo = form.fields["dusun"]
    assert [combo.itemText(i) for i in range(combo.count())] == ["Babakan", "Cikupa"]
    assert combo.currentText() == ""


def test_editing_fills_the_form_and_saves(qtbot, ctx, runner, open_form):
    household_id = households.create_household(ctx, HouseholdInput(
        KK, "Supardi", "Kaliwon", "2", "13", "Jl. Mawar 4", "kerabat", date(2026, 1, 5))).ids[0]
    form = open_form(HouseholdForm(ctx, runner, household_id))
    form.restore_draft()
    assert form.draft_key == f"household:{household_id}"
    assert form.windowTitle() == "Ubah data keluarga"
    assert form.fields["dusun"].currentText() == "Kaliwon"
    assert (form.fields["rw"].text(), form.fields["rt"].text()) == ("002", "013")
    assert form.fields["collection_method"].code() == "kerabat"
    assert form.fields["collected_on"].text() == "05/01/2026"
    assert not form.dirty
    form.fields["rt"].clear()
    qtbot.keyClicks(form.fields["rt"], "7")
    with qtbot.waitSignal(form.saved):
        click_save(qtbot, form)
    assert households.get_household(ctx, household_id).rt == "007"
