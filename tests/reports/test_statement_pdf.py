"""The monthly statement PDF: built from the service's data, read back by pypdf, drawn by
poppler. The sample book is tests/reports/ledger_sample.py."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import text

from desa_desktop.domain.formatting import rupiah
from desa_desktop.reports.statement_pdf import TITLE, amount, render_statement_pdf
from desa_desktop.services import cashbook, statements
from desa_desktop.services.cashbook import EntryInput
from desa_desktop.services.context import ServiceContext
from desa_desktop.services.groups import GroupInput, create_group
from tests.reports.helpers import leftovers, page_count, pdf_text, render_first_page
from tests.reports.ledger_sample import Book, build_book


@pytest.fixture
def book(ctx: ServiceContext) -> Book:
    return build_book(ctx)


def _render(ctx: ServiceContext, book: Book, month: str, path: Path
            ) -> tuple[statements.StatementData, str]:
    data = statements.monthly_statement(ctx, book.group_id, month)
    render_statement_pdf(path, data)
    return data, pdf_text(path)


def test_october_statement_prints_summary_loans_lines_and_closing(
        ctx: ServiceContext, book: Book, tmp_path: Path) -> None:
    path = tmp_path / "laporan-oktober.pdf"
    data, content = _render(ctx, book, "2026-10", path)
    for expected in (
        "PEMERINTAH KABUPATEN CIAMIS", "DESA KARYAMUKTI",
        "Pos Layanan Desmigratif Karyamukti", TITLE,
        "Kelompok Keripik Singkong Mekar – Oktober 2026",
        f"Saldo awal (01/10/2026) {amount(data.opening_balance)}",
        "Penjualan (setelah pembatalan Rp 500.000) 800.000",
        "Bahan baku (setelah pembatalan Rp 150.000) 50.000",
        "Jumlah pemasukan 820.000", "Jumlah pengeluaran 700.000",
        f"Saldo akhir (31/10/2026) {amount(data.closing_balance)}",
        "Pinjaman anggota per 31 Oktober 2026",
        "Ahmad Sobari 01/03/2026 1.200.000 1.000.000 560.000 152 hari",
        "Jumlah 1.800.000 1.600.000 560.000 1 pinjaman",
        "[Dibatalkan oleh entri no. 27]", "[Membatalkan entri no. 24]",
        "Ditutup pada 22 November 2026 oleh Admin Desa.",
        f"Kode penutupan (SHA-256): {data.closing.entries_hash}",  # type: ignore[union-attr]
        "Ketua kelompok", "( Siti Aminah )", "Bendahara", "( Dewi Lestari )",
        "Dicetak oleh Admin Desa.",
    ):
        assert expected in content, expected
    # Cash in and out of the lines table: the gross movement, ending on the closing balance.
    assert (f"Jumlah bulan ini 1.470.000 1.350.000 {amount(data.closing_balance)}"
            in content)
    assert "PERINGATAN" not in content
    reader = PdfReader(str(path))
    assert reader.metadata.title == "Laporan buku kas Kelompok Keripik Singkong Mekar " \
                                    "Oktober 2026"
    assert "Halaman 1 dari" in content
    assert leftovers(tmp_path) == []


def test_a_month_without_lines_says_so_and_keeps_the_balance(
        ctx: ServiceContext, book: Book, tmp_path: Path) -> None:
    path = tmp_path / "agustus.pdf"
    data, content = _render(ctx, book, "2026-08", path)
    assert "Tidak ada entri pada bulan ini. Saldo tetap " \
           f"{rupiah(data.opening_balance)}." in content
    assert "Jumlah pemasukan 0" in content and "Jumlah pengeluaran 0" in content
    assert "Tidak ada 0" in content
    assert page_count(path) == 1
    png = render_first_page(path, tmp_path)
    assert png.stat().st_size > 5_000  # a drawn page, not a blank one


def test_the_running_month_is_marked_not_closed(ctx: ServiceContext, book: Book,
                                                tmp_path: Path) -> None:
    _, content = _render(ctx, book, "2026-11", tmp_path / "november.pdf")
    assert "Belum ditutup: bulan masih berjalan; angka per 22 November 2026." in content
    assert "Kode penutupan" not in content
    assert "Saldo akhir (22/11/2026)" in content


def test_a_tampered_closed_month_carries_a_warning(ctx: ServiceContext, book: Book,
                                                  tmp_path: Path) -> None:
    victim = statements.monthly_statement(ctx, book.group_id, "2026-10").lines[0].id
    with ctx.db.engine.begin() as conn:
        conn.execute(text("DROP TRIGGER cash_entry_no_update"))
        conn.execute(text("UPDATE cash_entry SET description = 'diubah' WHERE id = :id"),
                     {"id": victim})
    _, content = _render(ctx, book, "2026-10", tmp_path / "oktober.pdf")
    assert "PERINGATAN: isi buku bulan ini tidak lagi cocok dengan kode penutupan" in content


def test_typed_text_is_printed_as_typed_and_long_months_run_over_pages(
        ctx: ServiceContext, book: Book, tmp_path: Path) -> None:
    for n in range(90):
        cashbook.post_entry(ctx, book.group_id, EntryInput(
            date(2026, 11, 1 + n % 20), "masuk", "penjualan", 10_000 + n,
            description=f"Penjualan <b>{n}</b> & keripik" if n == 0 else f"Penjualan {n}"))
    path = tmp_path / "panjang.pdf"
    data, content = _render(ctx, book, "2026-11", path)
    assert "Penjualan <b>0</b> & keripik" in content
    assert page_count(path) >= 3
    pages = [" ".join((page.extract_text() or "").split())
             for page in PdfReader(str(path)).pages]
    continued = [p for p in pages[1:] if "Jumlah bulan ini" in p]
    assert len(continued) == 1 and "No Tanggal Uraian Bukti Masuk (Rp)" in continued[0]
    assert data.lines[-1].balance == data.closing_balance
    assert f"Jumlah bulan ini {amount(data.total_in)} 0 {amount(data.closing_balance)}" \
        in continued[0]
    assert "( Dewi Lestari )" in pages[-1]


def test_a_new_group_without_officers_or_lines_still_prints(
        ctx: ServiceContext, tmp_path: Path) -> None:
    g = create_group(ctx, GroupInput("KUP Abon Ikan", "kup", "", date(2026, 11, 1))).ids[0]
    data = statements.monthly_statement(ctx, g, "2026-11")
    path = render_statement_pdf(tmp_path / "baru.pdf", data)
    content = pdf_text(path)
    assert "KUP Abon Ikan – November 2026" in content
    assert "Tidak ada pinjaman yang masih berjalan." in content
    assert "Tidak ada entri pada bulan ini. Saldo tetap Rp 0." in content
    assert content.count(f"( {'.' * 30} )") == 2  # room to write the officers' names
