"""The participation report: gathered by the service, written as PDF and XLSX, read back
by pypdf, poppler, openpyxl and python-calamine (readers no one here wrote)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook

from desa_desktop.reports.activity_report import (
    render_participation_pdf,
    render_participation_xlsx,
)
from desa_desktop.reports.xlsx_base import DATE_FORMAT, INTEGER_FORMAT
from desa_desktop.services import activities, activity_reports
from desa_desktop.services.activities import ActivityInput, AttendeeInput
from desa_desktop.services.activity_reports import ParticipationReport
from desa_desktop.services.context import ServiceContext
from tests.reports.helpers import leftovers, pdf_text, render_first_page
from tests.services.helpers import add_household, add_person


@pytest.fixture
def report(ctx: ServiceContext) -> ParticipationReport:
    """Four activities of 2026: two recorded, one held but never recorded, one planned."""
    cikupa = add_household(ctx, "Karsih", dusun="Dusun Cikupa", rt="001", rw="002")
    siti = add_person(ctx, "Siti Aminah", sex="P", birth=date(1990, 5, 4), household_id=cikupa)
    asep = add_person(ctx, "Asep Saepudin", household_id=cikupa)
    euis = add_person(ctx, "=Euis Kurniasih", sex="P", birth=date(1995, 3, 30))
    create = activities.create_activity
    create(ctx, ActivityInput(date(2026, 3, 14), "sosialisasi", "Migrasi aman ke Hong Kong",
                              "09:00", "Bapak Dadang", place="Balai Desa",
                              unregistered_count=23),
           [AttendeeInput(siti, True), AttendeeInput(asep, False), AttendeeInput(euis, True)])
    create(ctx, ActivityInput(date(2026, 6, 2), "pelatihan_kewirausahaan",
                              "Usaha keripik singkong", partner_name="Dinas Koperasi",
                              unregistered_count=4),
           [AttendeeInput(siti, True), AttendeeInput(asep, True)])
    create(ctx, ActivityInput(date(2026, 9, 20), "parenting", "Pengasuhan jarak jauh"),
           [AttendeeInput(asep)])
    create(ctx, ActivityInput(date(2026, 12, 3), "pelatihan_keuangan", "Kiriman uang"),
           [AttendeeInput(siti)])
    return activity_reports.participation_report(ctx, date(2026, 1, 1), date(2026, 12, 31))


def test_pdf_has_the_totals_per_kind_per_activity_and_per_person(report, tmp_path: Path):
    pdf = render_participation_pdf(tmp_path / "laporan.pdf", report)
    words = pdf_text(pdf)
    for expected in ("LAPORAN KEHADIRAN KEGIATAN", "Periode 1 Januari 2026 s.d. 31 Desember "
                     "2026", "Pos Layanan Desmigratif Karyamukti",
                     # per kind: sosialisasi 2 registered + 23 = 25; total 4 + 27 = 31
                     "Sosialisasi migrasi aman 1 2 23 25", "Pelatihan kewirausahaan 1 2 4 6",
                     "Jumlah 4 4 27 31",
                     "Migrasi aman ke Hong Kong", "kehadiran belum dicatat",
                     "kehadiran belum berlangsung",
                     "Perhatian: kehadiran 1 kegiatan yang sudah berlangsung belum dicatat",
                     "3 orang terdaftar hadir",
                     "Asep Saepudin", "Dusun Cikupa", "02/06/2026 Usaha keripik singkong",
                     "=Euis Kurniasih", "( Admin Desa )"):
        assert expected in words, expected
    png = render_first_page(pdf, tmp_path)
    assert png.stat().st_size > 2000


def test_pdf_of_an_empty_period(ctx: ServiceContext, tmp_path: Path):
    empty = activity_reports.participation_report(ctx, date(2020, 1, 1), date(2020, 12, 31),
                                                  kind="parenting")
    words = pdf_text(render_participation_pdf(tmp_path / "kosong.pdf", empty))
    assert "Tidak ada kegiatan dalam periode ini." in words
    assert "Community parenting" in words  # the kind asked for, in the subtitle
    open_ended = activity_reports.participation_report(ctx)
    assert "semua kegiatan yang tercatat" in pdf_text(
        render_participation_pdf(tmp_path / "semua.pdf", open_ended))


def test_xlsx_read_back_by_calamine_has_the_service_totals(report, tmp_path: Path):
    out = tmp_path / "keluar"
    out.mkdir()
    path = render_participation_xlsx(out / "laporan.xlsx", report)
    assert leftovers(out) == []
    book = CalamineWorkbook.from_path(str(path))
    assert book.sheet_names == ["Ringkasan", "Kegiatan", "Peserta", "Kehadiran"]
    summary = book.get_sheet_by_name("Ringkasan").to_python()
    assert summary[0][0] == "LAPORAN KEHADIRAN KEGIATAN Pos Layanan Desmigratif Karyamukti"
    assert summary[-1][:5] == ["Jumlah", 4, 4, 27, 31]
    assert summary[-1][4] == report.total_present

    kegiatan = book.get_sheet_by_name("Kegiatan").to_python()
    assert kegiatan[0][0] == "Tanggal"
    assert [row[0] for row in kegiatan[1:]] == [date(2026, 3, 14), date(2026, 6, 2),
                                                date(2026, 9, 20), date(2026, 12, 3)]
    assert sum(row[11] for row in kegiatan[1:]) == report.total_present
    assert [row[12] for row in kegiatan[1:]] == ["dicatat", "dicatat", "belum dicatat",
                                                 "belum berlangsung"]

    peserta = book.get_sheet_by_name("Peserta").to_python()
    assert [row[0] for row in peserta[1:]] == ["Asep Saepudin", "=Euis Kurniasih",
                                               "Siti Aminah"]  # by name, as in the registry
    assert all(row[1].startswith("************") for row in peserta[1:])
    kehadiran = book.get_sheet_by_name("Kehadiran").to_python()
    assert len(kehadiran) - 1 == report.registered_present == 4


def test_xlsx_cells_have_real_types_and_no_formula(report, tmp_path: Path):
    path = render_participation_xlsx(tmp_path / "laporan.xlsx", report)
    wb = load_workbook(path)
    ws = wb["Kegiatan"]
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref.startswith("A1:M")
    first = [c for c in ws[2]]
    assert first[0].is_date and first[0].number_format == DATE_FORMAT
    for cell in first[8:12]:
        assert type(cell.value) is int and cell.number_format == INTEGER_FORMAT
    counts = [c.value for row in wb["Ringkasan"].iter_rows(min_row=6) for c in row[1:]]
    assert counts and all(type(v) is int for v in counts)  # never a float
    name = wb["Peserta"]["A3"]
    assert name.value == "=Euis Kurniasih" and name.data_type == "s"  # text, not a formula
