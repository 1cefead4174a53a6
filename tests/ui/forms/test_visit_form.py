"""The visit form: today preset, officer shown, follow-up when nobody was home."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from desa_desktop.services import households, visits
from desa_desktop.services.households import HouseholdInput
from desa_desktop.ui.visit_form import VisitForm


@pytest.fixture
def household_id(ctx) -> str:
    return households.create_household(ctx, HouseholdInput("3207121508100003", "Supardi")).ids[0]


def click_save(qtbot, form: VisitForm) -> None:
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)


def test_form_shows_today_officer_and_household(qtbot, ctx, runner, open_form, household_id):
    form = open_form(VisitForm(ctx, runner, household_id))
    assert form.draft_key == f"visit:new:{household_id}"
    assert form.fields["visit_date"].text() == "22/11/2026"
    assert form.labels["officer"][0].text() == "Petugas"
    assert form.fields["officer"].text() == "Admin Desa"
    assert "Supardi" in form.fields["household"].text()
    assert not form.fields["follow_up_date"].isEnabled()
    assert not form.dirty


def test_not_at_home_needs_a_follow_up_date(qtbot, ctx, runner, open_form, household_id):
    form = open_form(VisitForm(ctx, runner, household_id))
    qtbot.keyClicks(form.fields["outcome"], "Tidak")
    follow_up = form.fields["follow_up_date"]
    assert follow_up.isEnabled()
    assert "Wajib diisi" in form.follow_up_hint.text()
    click_save(qtbot, form)
    qtbot.waitUntil(form.errors["follow_up_date"].isVisible)
    assert "kunjungan ulang" in form.errors["follow_up_date"].text()
    assert visits.list_visits(ctx, household_id) == []
    qtbot.keyClicks(follow_up, "29/11/2026")
    with qtbot.waitSignal(form.saved):
        click_save(qtbot, form)
    [visit] = visits.list_visits(ctx, household_id)
    assert (visit.outcome, visit.follow_up_date) == ("tidak_di_rumah", date(2026, 11, 29))
    assert visit.officer_name == "Admin Desa"


def test_met_visit_is_saved_without_follow_up(qtbot, ctx, runner, open_form, household_id):
    form = open_form(VisitForm(ctx, runner, household_id))
    qtbot.keyClicks(form.fields["kind"], "Penj")
    qtbot.keyClicks(form.fields["collection_method"], "Tel")
    qtbot.keyClicks(form.fields["notes"], "Keluarga minta info pelatihan.")
    with qtbot.waitSignal(form.saved):
        click_save(qtbot, form)
    [visit] = visits.list_visits(ctx, household_id)
    assert (visit.visit_date, visit.kind, visit.outcome) == (
        date(2026, 11, 22), "penjangkauan", "bertemu")
    assert visit.collection_method == "telepon" and visit.follow_up_date is None
    assert visit.notes == "Keluarga minta info pelatihan."


def test_empty_or_future_visit_date_is_refused(qtbot, ctx, runner, open_form, household_id):
    form = open_form(VisitForm(ctx, runner, household_id))
    form.fields["visit_date"].clear()
    click_save(qtbot, form)
    assert form.errors["visit_date"].text() == "Isi tanggal kunjungan."
    qtbot.keyClicks(form.fields["visit_date"], "01/12/2026")
    click_save(qtbot, form)
    qtbot.waitUntil(lambda: "masa depan" in form.errors["visit_date"].text())
