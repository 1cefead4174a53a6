"""The bundle's workbook, read back by other programs: same rows as the data, never a formula."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet import _writer as openpyxl_writer
from python_calamine import CalamineWorkbook

from desa_desktop.bundle.registers import REGISTERS
from desa_desktop.reports.bundle_workbook import REDACTED_NOTE, SUMMARY_TITLE, write_workbook
from tests.bundle.demo_content import INJECTION_NAME, PERIOD, DemoBundle, build, rows_of

CREATED = datetime(2026, 11, 22, 9, 0)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoBundle]:
    bundle = build(tmp_path_factory.mktemp("bundle-workbook"))
    yield bundle
    bundle.db.close()


@pytest.fixture(scope="module")
def xlsx(demo: DemoBundle) -> Path:
    path = demo.data_dir.parent / "laporan.xlsx"
    write_workbook(path, village=demo.village, period=PERIOD, data_dir=demo.data_dir,
                   counts=demo.counts, created_at=CREATED)
    return path


@pytest.fixture(scope="module")
def sheets(xlsx: Path) -> dict[str, list[list[object]]]:
    """Every sheet as a second reader (calamine, written in Rust) sees it."""
    book = CalamineWorkbook.from_path(str(xlsx))
    return {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}


def test_one_sheet_per_register_after_the_summary(sheets: dict[str, list[list[object]]]) -> None:
    assert list(sheets) == [SUMMARY_TITLE, *(r.sheet_title for r in REGISTERS)]


def test_each_sheet_has_the_rows_of_its_data_file(demo: DemoBundle,
                                                  sheets: dict[str, list[list[object]]]) -> None:
    for register in REGISTERS:
        rows = sheets[register.sheet_title]
        assert rows[0][0] == "ID" and rows[0][-1] == "Dihapus (UTC)"
        ids = [row[0] for row in rows[1:]]
        assert ids == [r["id"] for r in rows_of(demo.data_dir, register.table)], register.table


def test_headers_are_indonesian_and_values_readable(demo: DemoBundle,
                                                    sheets: dict[str, list[list[object]]]) -> None:
    persons = sheets["Warga"]
    header = persons[0]
    assert {"NIK", "Nama lengkap", "Tanggal lahir", "Status", "Keluarga (kepala keluarga)"} \
        <= set(header)
    row = next(r for r in persons[1:] if r[0] == demo.injection_person_id)
    values = dict(zip(header, row, strict=True))
    assert values["Nama lengkap"] == INJECTION_NAME  # text, not a formula
    assert values["Tanggal lahir"] == date(1990, 1, 1)  # a real date
    assert values["Jenis kelamin"] == "Laki-laki" and values["Status"] == "Warga"
    # Names instead of ids: a member's group and person, an entry's amount as a number.
    members = sheets["Anggota kelompok"]
    assert members[1][1].startswith(("KUP", "Kelompok", "Koperasi"))
    cash = sheets["Buku kas"]
    amount = cash[0].index("Jumlah")
    assert all(isinstance(r[amount], float) and r[amount] > 0 for r in cash[1:])


def test_tombstones_show_when_they_were_deleted(demo: DemoBundle,
                                                sheets: dict[str, list[list[object]]]) -> None:
    persons = sheets["Warga"]
    gone = next(r for r in persons[1:] if r[0] == demo.deleted_person_id)
    assert isinstance(gone[-1], datetime)
    live = next(r for r in persons[1:] if r[0] == demo.injection_person_id)
    assert live[-1] == ""


def test_the_summary_counts_every_sheet(demo: DemoBundle,
                                       sheets: dict[str, list[list[object]]]) -> None:
    summary = sheets[SUMMARY_TITLE]
    assert summary[0][0] == "Bundel data Desa Karyamukti (32.07.12.2001)"
    assert any("November 2026 (2026-11)" in str(r[0]) for r in summary[:6])
    start = next(i for i, r in enumerate(summary) if r[0] == "Lembar") + 1
    counted = {r[1]: (r[2], r[4]) for r in summary[start:]}
    assert counted["person"] == (demo.counts["person"], 1)
    assert counted["cash_entry"][0] == demo.counts["cash_entry"]
    assert len(counted) == len(REGISTERS)


def test_no_cell_is_a_formula_and_the_header_is_frozen_with_filters(xlsx: Path) -> None:
    book = openpyxl.load_workbook(xlsx)
    formulas = [(ws.title, cell.coordinate) for ws in book.worksheets
                for row in ws.iter_rows() for cell in row if cell.data_type == "f"]
    assert formulas == []
    persons = book["Warga"]
    assert persons.freeze_panes == "A2"
    assert persons.auto_filter.ref.startswith("A1:")
    injected = [c for row in persons.iter_rows() for c in row if c.value == INJECTION_NAME]
    assert len(injected) == 1 and injected[0].data_type == "s"
    dates = [c for c in persons[2] if isinstance(c.value, datetime)]
    assert dates and all(c.number_format.startswith("DD/MM/YYYY") for c in dates)
    assert book.active.title == SUMMARY_TITLE


def test_confidential_cases_are_counted_but_never_described(
        demo: DemoBundle, sheets: dict[str, list[list[object]]]) -> None:
    cells = "\n".join(str(v) for rows in sheets.values() for row in rows for v in row)
    assert sorted(s for s in demo.secrets if s in cells) == []
    cases = sheets["Kasus"]
    header = cases[0]
    secret = [dict(zip(header, r, strict=True)) for r in cases[1:] if r[header.index(
        "Rahasia")] == "Ya"]
    assert len(secret) == 3
    assert all(c["Uraian"] == REDACTED_NOTE and c["Telepon pelapor"] == "" for c in secret)
    case_sheets = ("Kasus", "Orang dalam kasus", "Tindakan kasus", "Lampiran kasus",
                   "Tindak lanjut", "Rujukan", "Surat keluar")
    case_cells = "\n".join(str(v) for name in case_sheets for row in sheets[name] for v in row)
    for person_id, name in demo.secret_persons.items():
        assert person_id not in case_cells and name not in case_cells


def test_a_count_that_disagrees_with_the_files_stops_the_export(demo: DemoBundle,
                                                                tmp_path: Path) -> None:
    temporary = set(openpyxl_writer.ALL_TEMP_FILES)
    with pytest.raises(ValueError, match="person"):
        write_workbook(tmp_path / "x.xlsx", village=demo.village, period=PERIOD,
                       data_dir=demo.data_dir, counts={**demo.counts, "person": 1})
    assert not (tmp_path / "x.xlsx").exists()
    # The half-written sheets' temporary files are gone too, not left until the app exits.
    assert set(openpyxl_writer.ALL_TEMP_FILES) <= temporary
