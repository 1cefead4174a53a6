"""The placement form: documents ticked, status following the departure."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt

from desa_desktop.services import persons, placements
from desa_desktop.services.persons import PersonInput
from desa_desktop.services.placements import PlacementInput
from desa_desktop.ui.placement_form import PlacementForm


@pytest.fixture
def person_id(ctx) -> str:
    return persons.create_person(ctx, PersonInput(
        "3207124508850001", "Siti Aminah", "P", birth_date=date(1985, 8, 5))).ids[0]


def click_save(qtbot, form: PlacementForm) -> None:
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)


def tick(qtbot, form: PlacementForm, *codes: str) -> None:
    for code in codes:
        box = form.checklist.boxes[code]
        # on the tick box itself, as a user would (the widget is wider than its text)
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def fill(qtbot, form: PlacementForm, departure: str) -> None:
    qtbot.keyClicks(form.fields["country"], "Tai")  # keyboard search: Taiwan
    qtbot.keyClicks(form.fields["sector"], "I")
    qtbot.keyClicks(form.fields["job"], "Per")  # Perawat lansia
    qtbot.keyClicks(form.fields["scheme"], "P")
    qtbot.keyClicks(form.fields["agency_name"], "PT Maju Jaya")
    qtbot.keyClicks(form.fields["departure_date"], departure)
    qtbot.keyClicks(form.fields["procedural"], "Pro")


@pytest.mark.parametrize(("departure", "status"), [("01/10/2026", "pmi"),
                                                    ("15/01/2027", "cpmi"),
                                                    ("", "cpmi")])
def test_placement_is_saved_and_status_follows(qtbot, ctx, runner, open_form, person_id,
                                               departure, status):
    form = open_form(PlacementForm(ctx, runner, person_id))
    assert form.draft_key == f"placement:new:{person_id}"
    assert "Siti Aminah" in form.windowTitle()
    fill(qtbot, form, departure)
    tick(qtbot, form, "ktp", "paspor", "visa_kerja")
    assert form.checklist.count.text() == "3 dari 13 dokumen sudah ada."
    with qtbot.waitSignal(form.saved):
        click_save(qtbot, form)
    [saved] = placements.list_placements(ctx, person_id)
    assert (saved.country, saved.sector, saved.job, saved.scheme) == (
        "TW", "informal", "caregiver", "p2p")
    assert saved.agency_name == "PT Maju Jaya" and saved.procedural is True
    assert saved.documents == ("ktp", "paspor", "visa_kerja")
    assert persons.get_person(ctx, person_id).status == status


def test_country_must_be_chosen(qtbot, ctx, runner, open_form, person_id):
    form = open_form(PlacementForm(ctx, runner, person_id))
    click_save(qtbot, form)
    qtbot.waitUntil(form.errors["country"].isVisible)
    assert form.errors["country"].text() == "Pilih negara tujuan."
    assert placements.list_placements(ctx, person_id) == []


def test_wrongly_typed_date_is_shown_under_its_field(qtbot, ctx, runner, open_form, person_id):
    form = open_form(PlacementForm(ctx, runner, person_id))
    fill(qtbot, form, "1 Okt 2026")
    click_save(qtbot, form)
    assert form.errors["departure_date"].isVisible()
    assert "hh/bb/tttt" in form.errors["departure_date"].text()
    assert not form.saving


def test_underage_departure_is_refused(qtbot, ctx, runner, open_form):
    young = persons.create_person(ctx, PersonInput("", "Rina", "P",
                                                   birth_date=date(2010, 1, 1))).ids[0]
    form = open_form(PlacementForm(ctx, runner, young))
    fill(qtbot, form, "01/10/2026")
    click_save(qtbot, form)
    qtbot.waitUntil(form.errors["departure_date"].isVisible)
    assert "minimal berumur 18" in form.errors["departure_date"].text()


def test_editing_fills_from_the_saved_placement(qtbot, ctx, runner, open_form, person_id):
    placement_id = placements.add_placement(ctx, person_id, PlacementInput(
        "HK", "informal", "plrt", "p2p", "PT Contoh", date(2024, 3, 1), date(2026, 12, 1),
        None, False, ("ktp", "kk"), "lewat sponsor")).ids[0]
    form = open_form(PlacementForm(ctx, runner, person_id, placement_id))
    form.restore_draft()
    assert form.draft_key == f"placement:{placement_id}"
    assert form.fields["country"].code() == "HK"
    assert form.fields["procedural"].code() == "tidak"
    assert form.fields["departure_date"].text() == "01/03/2024"
    assert form.checklist.get_state() == ["ktp", "kk"]
    assert form.fields["notes"].toPlainText() == "lewat sponsor"
    assert not form.dirty
    qtbot.keyClicks(form.fields["return_date"], "01/11/2026")
    with qtbot.waitSignal(form.saved):
        click_save(qtbot, form)
    [saved] = placements.list_placements(ctx, person_id)
    assert saved.return_date == date(2026, 11, 1) and saved.procedural is False
    assert persons.get_person(ctx, person_id).status == "purna"


def test_ticked_documents_survive_in_the_draft(qtbot, ctx, runner, open_form, person_id,
                                              chooser):
    form = open_form(PlacementForm(ctx, runner, person_id))
    tick(qtbot, form, "ktp", "bpjs")
    chooser.answer("Tutup, simpan sebagai draf")
    form.close()
    runner.wait()
    again = open_form(PlacementForm(ctx, runner, person_id))
    assert again.restore_draft()
    assert again.checklist.get_state() == ["ktp", "bpjs"]


# --------------------------------------------------------------------------
# Tanda risiko: the questions of early detection and the signals they raise
# --------------------------------------------------------------------------


def choose_down(qtbot, combo, steps: int) -> None:
    for _ in range(steps):
        qtbot.keyClick(combo, Qt.Key.Key_Down)


def test_risk_answers_are_saved_and_signals_shown_while_typing(qtbot, ctx, runner, open_form,
                                                               person_id):
    form = open_form(PlacementForm(ctx, runner, person_id))
    # Nothing answered yet: no agency and no permission letter are already signals.
    assert form.risk_summary.text() == (
        "Ditemukan: Tanpa agensi P3MI, Belum ada surat izin keluarga.")
    fill(qtbot, form, "01/02/2027")
    tick(qtbot, form, "izin_keluarga")
    assert form.risk_summary.text() == "Belum ada tanda risiko."
    choose_down(qtbot, form.fields["visa_type"], 2)  # -, Visa kerja, Visa turis
    assert form.fields["visa_type"].currentText() == "Visa turis"
    qtbot.keyClicks(form.fields["agency_licensed"], "T")  # Tidak
    qtbot.keyClicks(form.fields["via_calo"], "Y")
    qtbot.keyClicks(form.fields["recruiter_name"], "Pak Udin")
    qtbot.keyClicks(form.fields["recruiter_debt"], "Y")
    qtbot.keyClicks(form.fields["family_informed"], "T")
    assert form.risk_summary.text() == (
        "Ditemukan: Agensi tidak berizin, Visa turis/kunjungan, Direkrut lewat "
        "calo/sponsor, Berutang kepada perekrut, Keluarga tidak tahu tanggal berangkat.")
    with qtbot.waitSignal(form.saved):
        click_save(qtbot, form)
    [saved] = placements.list_placements(ctx, person_id)
    assert (saved.visa_type, saved.agency_licensed, saved.via_calo, saved.recruiter_name,
            saved.recruiter_debt, saved.family_informed) == ("turis", False, True, "Pak Udin",
                                                             True, False)


def test_editing_fills_the_risk_answers(qtbot, ctx, runner, open_form, person_id):
    placement_id = placements.add_placement(ctx, person_id, PlacementInput(
        "SA", agency_name="PT Contoh", visa_type="kunjungan", agency_licensed=True,
        via_calo=None, recruiter_name="Bu Imas", recruiter_debt=False,
        family_informed=True, documents=("izin_keluarga",))).ids[0]
    form = open_form(PlacementForm(ctx, runner, person_id, placement_id))
    assert [form.fields[n].code() for n in ("visa_type", "agency_licensed", "via_calo",
                                            "recruiter_debt", "family_informed")] == [
        "kunjungan", "ya", "", "tidak", "ya"]
    assert form.fields["via_calo"].currentText() == "Belum diketahui"
    assert form.fields["recruiter_name"].text() == "Bu Imas"
    assert form.risk_summary.text() == "Ditemukan: Visa turis/kunjungan."
    assert not form.dirty
    for _ in range(2):  # up from Visa kunjungan, past Visa turis
        qtbot.keyClick(form.fields["visa_type"], Qt.Key.Key_Up)
    assert form.fields["visa_type"].currentText() == "Visa kerja"
    assert form.risk_summary.text() == "Belum ada tanda risiko."
    with qtbot.waitSignal(form.saved):
        click_save(qtbot, form)
    [saved] = placements.list_placements(ctx, person_id)
    assert (saved.visa_type, saved.agency_licensed, saved.via_calo) == ("kerja", True, None)


def test_minor_without_a_departure_date_is_flagged_in_the_form(qtbot, ctx, runner, open_form):
    young = persons.create_person(ctx, PersonInput("", "Rina", "P",
                                                   birth_date=date(2010, 1, 1))).ids[0]
    form = open_form(PlacementForm(ctx, runner, young))
    assert "Belum berumur 18 tahun" in form.risk_summary.text()
    qtbot.keyClicks(form.fields["departure_date"], "01/0")  # half typed: no crash, no date
    assert "Belum berumur 18 tahun" in form.risk_summary.text()


def test_risk_answers_survive_in_the_draft(qtbot, ctx, runner, open_form, person_id, chooser):
    form = open_form(PlacementForm(ctx, runner, person_id))
    qtbot.keyClicks(form.fields["via_calo"], "Y")
    qtbot.keyClicks(form.fields["recruiter_name"], "Pak Udin")
    chooser.answer("Tutup, simpan sebagai draf")
    form.close()
    runner.wait()
    again = open_form(PlacementForm(ctx, runner, person_id))
    assert again.restore_draft()
    assert again.fields["via_calo"].code() == "ya"
    assert again.fields["recruiter_name"].text() == "Pak Udin"
    assert "Direkrut lewat calo/sponsor" in again.risk_summary.text()


def test_form_fits_a_1366x768_laptop(qtbot, ctx, runner, open_form, person_id):
    form = open_form(PlacementForm(ctx, runner, person_id))
    form.resize(form.sizeHint())
    hint = form.sizeHint()
    assert hint.width() <= 1366 and hint.height() <= 768 - 48  # minus the taskbar
    assert form.minimumSizeHint().height() <= 768 - 48
    # Every field, the last risk question included, can be scrolled to and reached.
    last = form.fields["family_informed"]
    assert last.visibleRegion().isEmpty()  # below the fold at first
    form.fields["recruiter_debt"].setFocus()
    qtbot.keyClick(form.fields["recruiter_debt"], Qt.Key.Key_Tab)
    assert last.hasFocus()
    qtbot.waitUntil(lambda: not last.visibleRegion().isEmpty())
