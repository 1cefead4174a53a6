"""The person form as an officer uses it: typing, the NIK check, warnings, drafts."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desa_desktop.services import drafts, households, persons, search
from desa_desktop.services.context import ServiceContext
from desa_desktop.services.households import HouseholdInput
from desa_desktop.services.persons import PersonInput
from desa_desktop.services.search import PersonQuery
from desa_desktop.ui.person_form import PersonForm

SITI_NIK = "3207124508850001"  # a woman born 05/08/1985 in Ciamis (32.07.12)
KK = "3207121508100003"


def new_form(ctx, runner, open_form, **kwargs) -> PersonForm:
    form = open_form(PersonForm(ctx, runner, None, **kwargs))
    form.restore_draft()  # as the registry page does when it opens a form
    return form


def type_person(qtbot, form: PersonForm, *, nik: str = SITI_NIK, name: str = "Siti Aminah",
                sex: str = "P", born: str = "05/08/1985") -> None:
    if nik:
        qtbot.keyClicks(form.fields["nik"], nik)
        qtbot.keyClick(form.fields["nik"], Qt.Key.Key_Tab)
    qtbot.keyClicks(form.fields["full_name"], name)
    qtbot.keyClicks(form.fields["sex"], sex)  # keyboard search in the combo
    qtbot.keyClicks(form.fields["birth_date"], born)


def click_save(qtbot, form: PersonForm) -> None:
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)


def wait_done(qtbot, form: PersonForm) -> None:
    qtbot.waitUntil(lambda: not form.saving)


def found(ctx: ServiceContext, text: str) -> list:
    return search.search_page(ctx.db, PersonQuery(text=text))


def test_typed_person_is_saved(qtbot, ctx, runner, open_form):
    form = new_form(ctx, runner, open_form)
    type_person(qtbot, form)
    assert form.fields["sex"].code() == "P"
    with qtbot.waitSignal(form.saved) as blocker:
        click_save(qtbot, form)
    person = persons.get_person(ctx, blocker.args[0].ids[0])
    assert (person.nik, person.full_name, person.sex) == (SITI_NIK, "Siti Aminah", "P")
    assert person.birth_date == date(1985, 8, 5)
    assert person.collected_on == date(2026, 11, 22)  # preset to today
    assert [row.full_name for row in found(ctx, "siti")] == ["Siti Aminah"]
    assert not form.isVisible()


def test_nik_is_decoded_as_soon_as_the_field_is_left(qtbot, ctx, runner, open_form):
    form = new_form(ctx, runner, open_form)
    qtbot.keyClicks(form.fields["nik"], "3207 12 450885 0001")
    qtbot.keyClick(form.fields["nik"], Qt.Key.Key_Tab)
    assert form.nik_hint.isVisible()
    for part in ("Perempuan", "05/08/1985", "Jawa Barat", "320712"):
        assert part in form.nik_hint.text()
    assert not form.errors["nik"].isVisible()


def test_bad_nik_shows_message_under_field_and_saves_nothing(qtbot, ctx, runner, open_form):
    form = new_form(ctx, runner, open_form)
    type_person(qtbot, form, nik="32071245088500")
    error = form.errors["nik"]
    assert error.isVisible() and "16 angka" in error.text()  # at once, before saving
    assert not form.nik_hint.isVisible()
    click_save(qtbot, form)
    wait_done(qtbot, form)
    assert error.isVisible() and "16 angka" in error.text()
    assert form.banner.isVisible()
    assert found(ctx, "siti") == []
    assert form.isVisible()


def test_duplicate_nik_offers_the_existing_record(qtbot, ctx, runner, open_form):
    existing = persons.create_person(ctx, PersonInput(SITI_NIK, "Siti Aminah", "P",
                                                      birth_date=date(1985, 8, 5))).ids[0]
    form = new_form(ctx, runner, open_form)
    type_person(qtbot, form, name="Siti Aminah Binti Karta")
    click_save(qtbot, form)
    qtbot.waitUntil(lambda: form.open_existing_button.isVisible())
    assert "sudah terdaftar atas nama Siti Aminah" in form.errors["nik"].text()
    with qtbot.waitSignal(form.sig_open_existing) as blocker:
        qtbot.mouseClick(form.open_existing_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [existing]
    assert len(found(ctx, "siti")) == 1


def test_sex_mismatch_asks_and_save_anyway_saves(qtbot, ctx, runner, open_form, chooser):
    form = new_form(ctx, runner, open_form)
    type_person(qtbot, form, name="Asep", sex="L")  # the NIK says a woman
    chooser.answer("Tetap simpan")
    with qtbot.waitSignal(form.saved) as blocker:
        click_save(qtbot, form)
    question = chooser.asked[-1]
    assert "berbeda dengan NIK" in question.text
    assert question.options == ["Tetap simpan", "Kembali ke formulir"]
    assert persons.get_person(ctx, blocker.args[0].ids[0]).sex == "L"


def test_going_back_shows_the_warning_under_the_field(qtbot, ctx, runner, open_form, chooser):
    form = new_form(ctx, runner, open_form)
    type_person(qtbot, form, name="Asep", sex="L")
    chooser.answer("Kembali ke formulir")
    click_save(qtbot, form)
    qtbot.waitUntil(lambda: form.errors["sex"].isVisible())
    assert "Periksa kembali KTP" in form.errors["sex"].text()
    assert found(ctx, "asep") == [] and form.isVisible()


def test_likely_duplicate_offers_to_open_it(qtbot, ctx, runner, open_form, chooser):
    existing = persons.create_person(ctx, PersonInput("", "Siti Aminah", "P",
                                                      birth_date=date(1985, 8, 5))).ids[0]
    form = new_form(ctx, runner, open_form)
    type_person(qtbot, form, nik="", name="SITI  AMINAH")
    chooser.answer("Buka data yang ada")
    with qtbot.waitSignal(form.sig_open_existing) as blocker:
        click_save(qtbot, form)
    assert blocker.args == [existing]
    question = chooser.asked[-1]
    assert question.options == ["Tetap simpan", "Buka data yang ada", "Kembali ke formulir"]
    assert "Siti Aminah" in question.text and "05/08/1985" in question.text
    assert len(found(ctx, "siti")) == 1


def test_closing_keeps_a_draft_that_comes_back(qtbot, ctx, runner, open_form, chooser):
    form = new_form(ctx, runner, open_form)
    qtbot.keyClicks(form.fields["full_name"], "Euis Kurniasih")
    chooser.answer("Tutup, simpan sebagai draf")
    qtbot.mouseClick(form.cancel_button, Qt.MouseButton.LeftButton)
    assert chooser.asked[-1].title == "Isian belum disimpan"
    assert not form.isVisible()
    runner.wait()
    QApplication.processEvents()
    again = new_form(ctx, runner, open_form)
    assert again.fields["full_name"].text() == "Euis Kurniasih"
    assert again.banner.isVisible() and again.dirty


def test_discarding_removes_the_draft(qtbot, ctx, runner, open_form, chooser):
    form = new_form(ctx, runner, open_form)
    qtbot.keyClicks(form.fields["full_name"], "Euis Kurniasih")
    qtbot.waitUntil(lambda: drafts.load_draft(ctx, "person:new") is not None)
    chooser.answer("Buang isian")
    form.close()  # the window's X
    assert not form.isVisible()
    runner.wait()
    assert drafts.load_draft(ctx, "person:new") is None
    again = new_form(ctx, runner, open_form)
    assert again.fields["full_name"].text() == "" and not again.dirty


def test_escape_on_a_dirty_form_asks_first(qtbot, ctx, runner, open_form, chooser):
    form = new_form(ctx, runner, open_form)
    qtbot.keyClicks(form.fields["full_name"], "Dedi")
    chooser.answer("Kembali ke formulir")
    qtbot.keyClick(form.fields["full_name"], Qt.Key.Key_Escape)
    assert len(chooser.asked) == 1
    assert form.isVisible() and form.fields["full_name"].text() == "Dedi"


def test_clean_form_closes_without_asking(qtbot, ctx, runner, open_form, chooser):
    form = new_form(ctx, runner, open_form)
    qtbot.keyClick(form.fields["nik"], Qt.Key.Key_Escape)
    assert chooser.asked == [] and not form.isVisible()


def test_household_is_picked_by_typing_the_head_name(qtbot, ctx, runner, open_form):
    household = households.create_household(ctx, HouseholdInput(KK, "Supardi")).ids[0]
    form = new_form(ctx, runner, open_form)
    type_person(qtbot, form)
    picker = form.picker
    qtbot.mouseClick(picker.edit, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(picker.edit, "supar")
    popup = picker.completer.popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert picker.edit.text() == f"KK {KK} - Kepala: Supardi"
    assert picker.household_id == household
    qtbot.keyClicks(form.fields["relation_to_head"], "Istri")
    with qtbot.waitSignal(form.saved) as blocker:
        click_save(qtbot, form)
    person = persons.get_person(ctx, blocker.args[0].ids[0])
    assert (person.household_id, person.relation_to_head) == (household, "istri")


def test_household_typed_but_not_chosen_is_refused(qtbot, ctx, runner, open_form):
    form = new_form(ctx, runner, open_form)
    type_person(qtbot, form)
    qtbot.keyClicks(form.picker.edit, "keluarga entah")
    click_save(qtbot, form)
    assert form.errors["household_id"].isVisible()
    assert "Pilih keluarga dari daftar" in form.errors["household_id"].text()
    assert not form.saving and found(ctx, "siti") == []


def test_preset_household_and_its_draft_key(qtbot, ctx, runner, open_form):
    household = households.create_household(ctx, HouseholdInput(KK, "Supardi")).ids[0]
    form = new_form(ctx, runner, open_form, household_id=household)
    assert form.draft_key == f"person:new:{household}"
    assert form.picker.edit.text() == f"KK {KK} - Kepala: Supardi"
    assert not form.dirty
    type_person(qtbot, form)
    with qtbot.waitSignal(form.saved) as blocker:
        click_save(qtbot, form)
    assert persons.get_person(ctx, blocker.args[0].ids[0]).household_id == household


def test_editing_loads_the_person_and_saves_changes(qtbot, ctx, runner, open_form):
    household = households.create_household(ctx, HouseholdInput(KK, "Supardi")).ids[0]
    person_id = persons.create_person(ctx, PersonInput(
        SITI_NIK, "Siti Aminah", "P", "Ciamis", date(1985, 8, 5), "0812-3456-7890",
        household_id=household, notes="Ibu dua anak")).ids[0]
    form = open_form(PersonForm(ctx, runner, person_id))
    form.restore_draft()
    assert form.draft_key == f"person:{person_id}"
    assert form.fields["nik"].text() == "3207 12 450885 0001"
    assert form.fields["birth_date"].text() == "05/08/1985"
    assert form.fields["phone"].text() == "0812-3456-7890"
    assert form.fields["notes"].toPlainText() == "Ibu dua anak"
    assert form.picker.household_id == household
    assert form.nik_hint.isVisible() and not form.dirty
    form.fields["full_name"].clear()
    qtbot.keyClicks(form.fields["full_name"], "Siti Aminah Rahayu")
    with qtbot.waitSignal(form.saved):
        click_save(qtbot, form)
    view = persons.get_person(ctx, person_id)
    assert (view.full_name, view.household_id, view.phone) == (
        "Siti Aminah Rahayu", household, "+6281234567890")


def test_first_field_has_focus_and_tab_follows_the_page(qtbot, ctx, runner, open_form):
    form = new_form(ctx, runner, open_form)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.fields["nik"])
    expected = [w.focusProxy() or w for w in form.fields.values()]
    expected += [form.cancel_button, form.save_button]
    seen = [QApplication.focusWidget()]
    for _ in expected[1:]:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    assert seen == expected
