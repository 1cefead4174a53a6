"""The data-subject access printout: gathered through the services, written as PDF,
read back by pypdf and drawn by poppler."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from desa_desktop.domain.nik import format_nik
from desa_desktop.reports.person_data import TITLE, render_person_data
from desa_desktop.services import persons, placements, subject_access, visits
from desa_desktop.services.audit import FieldChange
from desa_desktop.services.context import ServiceContext
from desa_desktop.services.errors import PermissionDenied
from desa_desktop.services.subject_access import gather_person_data, person_history
from tests.reports.helpers import leftovers, pdf_text, render_first_page
from tests.services.helpers import add_household, add_person


@pytest.fixture
def siti(ctx: ServiceContext) -> str:
    """Siti: registered, placed in Hong Kong, phone corrected later, one household visit."""
    home = add_household(ctx, "Ahmad Sobari", dusun="Dusun Cikupa", rt="1", rw="2")
    person_id = add_person(ctx, "Siti Aminah", sex="P", birth=date(1990, 5, 4),
                           household_id=home, relation_to_head="istri")
    placements.add_placement(ctx, person_id, placements.PlacementInput(
        "HK", "informal", "plrt", "p2p", "PT Contoh", date(2024, 3, 1), date(2026, 12, 1),
        documents=("ktp", "paspor")))
    view = persons.get_person(ctx, person_id)
    persons.update_person(ctx, person_id, replace(view.as_input(), phone="081234567890"),
                          confirmed=True)
    visits.add_visit(ctx, home, visits.VisitInput(date(2026, 11, 2), "bertemu",
                                                  notes="Bertemu suami."))
    return person_id


def test_gathered_sheet_holds_identity_household_placements_visits_history(
        ctx: ServiceContext, siti: str) -> None:
    sheet = gather_person_data(ctx, siti)
    assert sheet.person_name == "Siti Aminah"
    assert (sheet.village_name, sheet.village_code) == ("Karyamukti", "32.07.12.2001")
    assert sheet.printed_by == "Admin Desa"
    identity = {row.label: row.value for row in sheet.identity}
    assert identity["NIK"] == format_nik(persons.get_person(ctx, siti).nik)
    assert identity["Tempat, tanggal lahir"].endswith("4 Mei 1990")
    assert identity["No. HP"] == "0812-3456-7890"
    household = {row.label: row.value for row in sheet.household}
    assert household["Nama kepala keluarga"] == "Ahmad Sobari"
    assert household["Hubungan dengan kepala keluarga"] == "Istri"
    assert [b.title for b in sheet.placements] == ["Penempatan 1: Hong Kong, "
                                                   "berangkat 1 Maret 2024"]
    assert [v.outcome for v in sheet.visits] == ["Bertemu"]
    whats = [line.what for line in sheet.history]
    assert "Data pribadi dibuat" in whats
    assert "Data pribadi diubah" in whats
    assert "Penempatan dibuat" in whats
    assert "Kunjungan dibuat" in whats
    assert all(line.officer_name for line in sheet.history)
    update = next(line for line in sheet.history if line.what == "Data pribadi diubah"
                  and any(c.field == "phone" for c in line.changes))
    assert update.officer_name == "Admin Desa"
    assert "No. HP: (kosong) → 0812-3456-7890" in update.changes_text()


def test_history_is_newest_first(ctx: ServiceContext, siti: str) -> None:
    history = person_history(ctx, siti)
    assert [h.at for h in history] == sorted((h.at for h in history), reverse=True)
    assert history[-1].what == "Data pribadi dibuat"


def test_pdf_states_name_nik_country_and_history(ctx: ServiceContext, siti: str,
                                                 tmp_path: Path) -> None:
    nik = persons.get_person(ctx, siti).nik
    path = render_person_data(tmp_path / "siti.pdf", gather_person_data(ctx, siti))
    text = pdf_text(path)
    for expected in (TITLE, "Siti Aminah", format_nik(nik), "Hong Kong", "PT Contoh",
                     "Karyamukti", "Undang-Undang Nomor 27 Tahun 2022",
                     "Data pribadi dibuat", "Data pribadi diubah", "Admin Desa",
                     "No. HP: (kosong) → 0812-3456-7890", "Bertemu suami.",
                     "Yang menerima", "Halaman 1 dari"):
        assert expected in text, expected


def test_pdf_page_one_renders_to_a_png(ctx: ServiceContext, siti: str, tmp_path: Path) -> None:
    pdf = render_person_data(tmp_path / "siti.pdf", gather_person_data(ctx, siti))
    png = render_first_page(pdf, tmp_path)
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 2000


def test_writing_leaves_no_temporary_file(ctx: ServiceContext, siti: str,
                                          tmp_path: Path) -> None:
    out = tmp_path / "cetak"
    out.mkdir()
    target = out / "siti.pdf"
    target.write_bytes(b"an older printout")
    render_person_data(target, gather_person_data(ctx, siti))
    assert target.read_bytes().startswith(b"%PDF")
    assert leftovers(out) == []
    assert [p.name for p in out.iterdir()] == ["siti.pdf"]


def test_a_person_without_household_or_placements_still_prints(ctx: ServiceContext,
                                                               tmp_path: Path) -> None:
    person_id = add_person(ctx, "Dedi Supriatna", with_nik=False)
    sheet = gather_person_data(ctx, person_id)
    assert sheet.household == () and sheet.placements == () and sheet.visits == ()
    text = pdf_text(render_person_data(tmp_path / "dedi.pdf", sheet))
    assert "(belum ada NIK)" in text
    assert "Belum terhubung ke data keluarga." in text
    assert "Tidak ada data penempatan." in text


def test_a_deleted_person_is_printed_with_a_note(ctx: ServiceContext, siti: str,
                                                 tmp_path: Path) -> None:
    persons.delete_person(ctx, siti)
    sheet = gather_person_data(ctx, siti)
    assert sheet.in_bin
    assert "Data pribadi dihapus" in [line.what for line in sheet.history]
    assert "sudah dihapus dari daftar" in pdf_text(render_person_data(tmp_path / "s.pdf", sheet))


def test_nobody_logged_in_may_not_read(ctx: ServiceContext, siti: str) -> None:
    anonymous = replace(ctx, officer=None)
    with pytest.raises(PermissionDenied):
        gather_person_data(anonymous, siti)
    with pytest.raises(PermissionDenied):
        person_history(anonymous, siti)


def test_village_head_may_read(ctx: ServiceContext, siti: str) -> None:
    head = replace(ctx, officer=replace(ctx.officer, role="kepala_desa"))
    assert gather_person_data(head, siti).person_name == "Siti Aminah"


def test_log_values_are_labelled_like_the_forms() -> None:
    changes = subject_access.describe_changes([
        FieldChange("sex", None, "P"),
        FieldChange("procedural", None, "true"),
        FieldChange("documents", "ktp", "ktp, paspor"),
        FieldChange("birth_date", None, "1990-05-04"),
        FieldChange("full_name", None, "Siti"),
        FieldChange("name_key", None, "siti"),
    ])
    assert [c.field for c in changes] == ["full_name", "sex", "birth_date", "procedural",
                                          "documents"]
    by_field = {c.field: c for c in changes}
    assert by_field["sex"].new == "Perempuan" and by_field["sex"].coded
    assert by_field["procedural"].new == "Prosedural"
    assert by_field["documents"].text() == "Dokumen: KTP → KTP, Paspor"
    assert by_field["birth_date"].new == "04/05/1990"
