"""The monthly statement workbook, read back by python-calamine (a reader we did not write)
and by openpyxl for the cell types and formats; its totals are the service's and the PDF's."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from desa_desktop.reports.statement_pdf import amount, render_statement_pdf
from desa_desktop.reports.statement_xlsx import render_statement_xlsx
from desa_desktop.reports.xlsx_base import DATE_FORMAT, RUPIAH_FORMAT
from desa_desktop.services import cashbook, statements
from desa_desktop.services.cashbook import EntryInput
from desa_desktop.services.context import ServiceContext
from tests.reports.helpers import leftovers, pdf_text
from tests.reports.ledger_sample import Book, build_book


@pytest.fixture
def book(ctx: ServiceContext) -> Book:
    return build_book(ctx)


def _table(path: Path, sheet: str) -> list[dict[str, object]]:
    """The sheet's data rows as dicts keyed by the header row (the row after the heading)."""
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python()
    start = next(i for i, row in enumerate(rows) if row[0] in ("Bagian", "No", "Pinjaman no"))
    header = rows[start]
    return [dict(zip(header, row, strict=True)) for row in rows[start + 1:]]


def _whole(value: object) -> int:
    """A number read back (calamine gives floats) that must be a whole Rupiah."""
    assert isinstance(value, int | float) and float(value).is_integer(), value
    return int(value)


def _money(rows: list[dict[str, object]], key: str) -> int:
    return sum(_whole(r[key]) for r in rows if r[key] != "")


def test_october_workbook_totals_equal_the_service_and_the_pdf(
        ctx: ServiceContext, book: Book, tmp_path: Path) -> None:
    data = statements.monthly_statement(ctx, book.group_id, "2026-10")
    path = render_statement_xlsx(tmp_path / "oktober.xlsx", data)
    assert CalamineWorkbook.from_path(str(path)).sheet_names == ["Ringkasan", "Buku kas",
                                                                 "Pinjaman"]
    summary = {(r["Bagian"], r["Uraian"]): r for r in _table(path, "Ringkasan")}
    assert _whole(summary[("Saldo awal", "1 Oktober 2026")]["Jumlah"]) == data.opening_balance
    assert _whole(summary[("Pemasukan", "Jumlah pemasukan")]["Jumlah"]) == data.total_in
    assert _whole(summary[("Pengeluaran", "Jumlah pengeluaran")]["Jumlah"]) == data.total_out
    assert _whole(summary[("Saldo akhir", "31 Oktober 2026")]["Jumlah"]) == data.closing_balance
    sales = summary[("Pemasukan", "Penjualan")]
    assert (_whole(sales["Jumlah"]), _whole(sales["Dibatalkan"]),
            _whole(sales["Jumlah entri"])) == (800_000, 500_000, 4)
    income = [r for (part, label), r in summary.items()
              if part == "Pemasukan" and not label.startswith("Jumlah")]
    assert _money(income, "Jumlah") == data.total_in

    lines = _table(path, "Buku kas")
    assert [_whole(r["No"]) for r in lines] == [x.no for x in data.lines]
    assert _money(lines, "Masuk") - _money(lines, "Keluar") == (
        data.closing_balance - data.opening_balance)
    assert _whole(lines[-1]["Saldo"]) == data.closing_balance
    reversal = next(r for r in lines if r["Membatalkan entri no"] != "")
    assert reversal["Kategori"] == "Penjualan" and reversal["Arah"] == "Pengeluaran"
    assert isinstance(lines[0]["Tanggal"], date)

    loans = _table(path, "Pinjaman")
    assert [_whole(r["Pinjaman no"]) for r in loans] == [2, 3]
    assert _money(loans, "Sisa pokok") == data.loans_outstanding == 1_600_000
    assert _money(loans, "Tunggakan") == data.arrears_total == 560_000
    assert loans[0]["Jasa per bulan"] == "1 %, tetap (flat) dari pokok awal"

    # The same totals on the PDF made from the same data.
    content = pdf_text(render_statement_pdf(tmp_path / "oktober.pdf", data))
    for (part, label), row in summary.items():
        if part in ("Pemasukan", "Pengeluaran", "Saldo awal", "Saldo akhir"):
            assert amount(_whole(row["Jumlah"])) in content, (part, label)
    assert leftovers(tmp_path) == []


def test_cells_are_real_numbers_and_dates_never_floats_or_formulas(
        ctx: ServiceContext, book: Book, tmp_path: Path) -> None:
    cashbook.post_entry(ctx, book.group_id, EntryInput(
        date(2026, 11, 20), "masuk", "lainnya", 75_000, receipt_no="+62-1",
        description="=HYPERLINK(\"http://contoh\")"))
    data = statements.monthly_statement(ctx, book.group_id, "2026-11")
    path = render_statement_xlsx(tmp_path / "november.xlsx", data)
    wb = openpyxl.load_workbook(path)
    ws = wb["Buku kas"]
    assert ws.freeze_panes == "A7" and ws.auto_filter.ref.startswith("A6:M")
    header = [c.value for c in ws[6]]
    rows = list(ws.iter_rows(min_row=7))
    col = {name: header.index(name) for name in header}
    for row in rows:
        saldo = row[col["Saldo"]]
        assert type(saldo.value) is int and saldo.number_format == RUPIAH_FORMAT
        assert isinstance(row[col["Tanggal"]].value, datetime)
        assert row[col["Tanggal"]].number_format == DATE_FORMAT
        assert type(row[col["No"]].value) is int
    typed = rows[-1]
    assert typed[col["Keterangan"]].data_type == "s"
    assert typed[col["Keterangan"]].value == "=HYPERLINK(\"http://contoh\")"
    assert typed[col["No. bukti"]].value == "+62-1"
    for sheet in wb.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert not isinstance(cell.value, float), (sheet.title, cell.coordinate)
                assert cell.data_type != "f", (sheet.title, cell.coordinate)


def test_a_month_without_lines_has_an_empty_book_sheet_and_zero_totals(
        ctx: ServiceContext, book: Book, tmp_path: Path) -> None:
    data = statements.monthly_statement(ctx, book.group_id, "2026-08")
    path = render_statement_xlsx(tmp_path / "agustus.xlsx", data)
    assert _table(path, "Buku kas") == []
    summary = {(r["Bagian"], r["Uraian"]): r for r in _table(path, "Ringkasan")}
    assert _whole(summary[("Pemasukan", "Jumlah pemasukan")]["Jumlah"]) == 0
    assert _whole(summary[("Pengeluaran", "Jumlah pengeluaran")]["Jumlah"]) == 0
    assert _whole(summary[("Saldo akhir", "31 Agustus 2026")]["Jumlah"]) == (
        data.opening_balance)
    assert [_whole(r["Pinjaman no"]) for r in _table(path, "Pinjaman")] == [2]
    heading = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Ringkasan").to_python()
    assert heading[3][0].startswith("Ditutup pada 22 November 2026 oleh Admin Desa. "
                                    "Kode penutupan: ")
