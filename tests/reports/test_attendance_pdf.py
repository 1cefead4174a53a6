"""The attendance sheet printed before a meeting: read back by pypdf, drawn by poppler.

Fed plain data (as the service hands it over), so each case says exactly what
is on the paper.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from pypdf import PdfReader

from desa_desktop.reports.attendance_pdf import (
    day_and_date,
    fill_last_page,
    masked_nik,
    render_attendance_sheet,
)
from desa_desktop.services.activities import ActivityView, AttendeeView
from desa_desktop.services.activity_reports import AttendanceSheet, Masthead
from tests.reports.helpers import leftovers, page_count, pdf_text, render_first_page

HEAD = Masthead(("PEMERINTAH KABUPATEN CIAMIS", "KECAMATAN BANJARANYAR", "DESA KARYAMUKTI"),
                "Jl. Raya Karyamukti No. 1", "Pos Layanan Desmigratif Karyamukti", "Karyamukti")
SITI_NIK = "3207124405900001"


def activity(**fields: object) -> ActivityView:
    values: dict = dict(
        id="a1", activity_date=date(2026, 12, 3), start_time="09:00", kind="pelatihan_keuangan",
        topic="Mengelola kiriman uang keluarga", facilitator="Ibu Rina Marlina (OJK)",
        institution_id=None, institution_name="", partner_name="Migrant CARE",
        place="Balai Desa Karyamukti", group_id=None, group_name="", unregistered_count=0,
        notes="", invited=0, registered_present=0, marked=0, revision=1)
    values.update(fields)
    return ActivityView(**values)


def person(name: str, nik: str = "", sex: str = "P", dusun: str = "Dusun Cikupa",
           rt: str = "001", rw: str = "002") -> AttendeeView:
    return AttendeeView(name, name, nik, sex, dusun, rt, rw, None)


def sheet(attendees: list[AttendeeView], blank_rows: int = 8, fill_page: bool = False,
          **fields: object) -> AttendanceSheet:
    return AttendanceSheet(HEAD, activity(**fields), attendees, blank_rows,
                           datetime(2026, 11, 22, 14, 5), "Admin Desa", fill_page)


def test_sheet_names_the_activity_and_lists_the_invited(tmp_path: Path) -> None:
    people = [person("Siti Aminah", SITI_NIK), person("Asep Saepudin", "3207121201850002",
                                                      "L", "Dusun Babakan", "003", "001"),
              person("Euis Kurniasih")]  # no NIK on record
    pdf = render_attendance_sheet(tmp_path / "hadir.pdf", sheet(people))
    words = pdf_text(pdf)
    for expected in ("DESA KARYAMUKTI", "Pos Layanan Desmigratif Karyamukti", "DAFTAR HADIR",
                     "Pelatihan literasi keuangan", "Mengelola kiriman uang keluarga",
                     "Kamis, 3 Desember 2026", "09.00 s.d. selesai", "Balai Desa Karyamukti",
                     "Ibu Rina Marlina (OJK)", "Migrant CARE", "Tanda tangan",
                     "Siti Aminah", "************0001", "Asep Saepudin", "Dusun Babakan",
                     "RT 003/RW 001", "Euis Kurniasih", "Diundang: 3 orang",
                     "Karyamukti, 3 Desember 2026", "( Admin Desa )", "Halaman 1 dari"):
        assert expected in words, expected
    # The sheet goes round the room: never a whole NIK on it.
    assert SITI_NIK not in words and "3207121201850002" not in words
    assert words.index("Asep Saepudin") < words.index("Euis Kurniasih")


def _numbers_x(pdf: Path) -> dict[str, float]:
    """Where each "<n>." of the signature column is written on page 1 (x in points)."""
    found: dict[str, float] = {}

    def visit(text: str, cm: list, tm: list, _font: object, _size: object) -> None:
        word = text.strip()
        if word.endswith(".") and word[:-1].isdigit():
            found.setdefault(word, cm[4] + tm[4])

    PdfReader(str(pdf)).pages[0].extract_text(visitor_text=visit)
    return found


def test_empty_numbered_rows_and_the_zigzag_signature_column(tmp_path: Path) -> None:
    pdf = render_attendance_sheet(tmp_path / "hadir.pdf", sheet(
        [person("Siti Aminah", SITI_NIK), person("Asep Saepudin")], blank_rows=6))
    xs = _numbers_x(pdf)
    assert sorted(xs, key=lambda w: int(w[:-1])) == [f"{n}." for n in range(1, 9)]
    odd, even = {xs[f"{n}."] for n in (1, 3, 5, 7)}, {xs[f"{n}."] for n in (2, 4, 6, 8)}
    assert len(odd) == 1 and len(even) == 1  # each in its own lane
    assert min(even) - max(odd) > 40  # even numbers sign on the right half


def test_empty_rows_fill_the_last_page_and_never_add_one(tmp_path: Path) -> None:
    few = render_attendance_sheet(tmp_path / "sedikit.pdf", sheet(
        [person("Siti Aminah"), person("Asep Saepudin")], blank_rows=5, fill_page=True))
    assert page_count(few) == 1
    numbers = [int(w[:-1]) for w in _numbers_x(few)]
    assert max(numbers) > 2 + 5  # more room than asked, on the same single page
    assert "( Admin Desa )" in pdf_text(few)  # the signatures stayed on it too
    filled = fill_last_page(sheet([person(f"Warga {n:02d}") for n in range(1, 23)], 5, True))
    assert filled.blank_rows >= 5
    longer = render_attendance_sheet(tmp_path / "banyak.pdf", filled)
    base = render_attendance_sheet(tmp_path / "dasar.pdf", sheet(
        [person(f"Warga {n:02d}") for n in range(1, 23)], 5))
    assert page_count(longer) == page_count(base)
    assert page_count(render_attendance_sheet(tmp_path / "lebih.pdf", sheet(
        [person(f"Warga {n:02d}") for n in range(1, 23)], filled.blank_rows + 1))) > \
        page_count(base)  # one row more would have needed another page


def test_no_empty_rows_when_asked(tmp_path: Path) -> None:
    pdf = render_attendance_sheet(tmp_path / "hadir.pdf",
                                  sheet([person("Siti Aminah")], blank_rows=0))
    assert list(_numbers_x(pdf)) == ["1."]
    assert "baris kosong" not in pdf_text(pdf)


def test_a_long_list_runs_over_pages_with_the_header_on_each(tmp_path: Path) -> None:
    people = [person(f"Warga Nomor {n:02d}") for n in range(1, 41)]
    pdf = render_attendance_sheet(tmp_path / "hadir.pdf", sheet(people))
    pages = PdfReader(str(pdf)).pages
    assert len(pages) >= 3
    for page in pages[:-1]:
        text = " ".join((page.extract_text() or "").split())
        assert "Tanda tangan" in text and "Daftar hadir 03/12/2026" in text
    assert "Warga Nomor 40" in pdf_text(pdf) and "48." in pdf_text(pdf)


def test_typed_text_is_printed_as_typed(tmp_path: Path) -> None:
    pdf = render_attendance_sheet(tmp_path / "hadir.pdf", sheet(
        [person("Dewi <b>Lestari</b> & Co")], topic="Kemasan → pasar ekspor <i>",
        facilitator="", partner_name="", place="", start_time="", group_name="KUP Sari Rasa"))
    words = pdf_text(pdf)
    assert "Dewi <b>Lestari</b> & Co" in words
    assert "Kemasan → pasar ekspor <i>" in words
    assert "Kelompok usaha KUP Sari Rasa" in words


def test_page_renders_and_writing_leaves_no_temporary_file(tmp_path: Path) -> None:
    out = tmp_path / "cetak"
    out.mkdir()
    pdf = render_attendance_sheet(out / "hadir.pdf", sheet([person("Siti Aminah")]))
    assert leftovers(out) == [] and page_count(pdf) >= 1
    png = render_first_page(pdf, tmp_path)
    from PIL import Image

    with Image.open(png) as image:
        grey = image.convert("L")
        assert grey.size[1] > grey.size[0]  # A4 portrait
        dark = sum(grey.histogram()[:128])
        assert dark > 2000  # kop, table lines and text are really drawn


def test_helpers() -> None:
    assert masked_nik(SITI_NIK) == "************0001"
    assert masked_nik("") == "-"
    assert day_and_date(date(2026, 11, 22)) == "Minggu, 22 November 2026"
