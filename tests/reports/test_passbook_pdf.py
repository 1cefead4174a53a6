"""The member's passbook (buku anggota) PDF, read back by pypdf and drawn by poppler."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from desa_desktop.reports.passbook_pdf import TITLE, render_passbook_pdf
from desa_desktop.services import cashbook, groups, persons, savings, statements
from desa_desktop.services.context import ServiceContext
from tests.reports.helpers import leftovers, pdf_text, render_first_page
from tests.reports.ledger_sample import Book, build_book


@pytest.fixture
def book(ctx: ServiceContext) -> Book:
    return build_book(ctx)


def _passbook(ctx: ServiceContext, member_id: str, path: Path) -> str:
    render_passbook_pdf(path, statements.member_passbook(ctx, member_id))
    return pdf_text(path)


def test_savings_by_kind_and_every_line(ctx: ServiceContext, book: Book,
                                        tmp_path: Path) -> None:
    path = tmp_path / "siti.pdf"
    content = _passbook(ctx, book.members[0], path)
    for expected in (
        TITLE, "DESA KARYAMUKTI", "Pos Layanan Desmigratif Karyamukti",
        "Siti Aminah – Kelompok Keripik Singkong Mekar", "Nomor anggota 1", "Peran Ketua",
        "Tanggal masuk 10 Januari 2026", "Keadaan per 22 November 2026",
        "Simpanan pokok 100.000", "Simpanan wajib 20.000", "Simpanan sukarela 100.000",
        "Jumlah simpanan 220.000",
        "20/01/2026 Simpanan sukarela 150.000 150.000",
        "16/10/2026 Simpanan sukarela 50.000 100.000",
        "Tidak ada pinjaman.", "( Siti Aminah )", "( Dewi Lestari )",
    ):
        assert expected in content, expected
    nik = persons.get_person(ctx, groups.get_member(ctx, book.members[0]).person_id).nik
    assert nik and nik not in content  # the booklet travels; the member number identifies
    assert leftovers(tmp_path) == []
    assert render_first_page(path, tmp_path).stat().st_size > 5_000


def test_a_late_loan_shows_its_schedule_arrears_and_payments(
        ctx: ServiceContext, book: Book, tmp_path: Path) -> None:
    content = _passbook(ctx, book.members[2], tmp_path / "ahmad.pdf")
    for expected in (
        "Pinjaman no. 2 – Berjalan", "Pokok pinjaman Rp 1.200.000",
        "Jasa per bulan 1 %, tetap (flat) dari pokok awal",
        "12 bulan, angsuran pertama 1 April 2026", "Keperluan Modal warung",
        "Sudah dibayar Pokok Rp 200.000, jasa Rp 24.000", "Sisa pokok Rp 1.000.000",
        "Tunggakan Rp 672.000 (6 angsuran, terlambat 174 hari)",
        "Jadwal angsuran", "1 01/04/2026 100.000 12.000 112.000 112.000 Lunas",
        "3 01/06/2026 100.000 12.000 112.000 0 Terlambat",
        "12 01/03/2027 100.000 12.000 112.000 0 Belum dibayar",
        "Jumlah 1.200.000 144.000 1.344.000 224.000",
        "Pembayaran yang tercatat", "01/04/2026", "100.000 12.000 112.000 A-1",
    ):
        assert expected in content, expected


def test_an_early_payoff_and_a_reversed_repayment(ctx: ServiceContext, book: Book,
                                                  tmp_path: Path) -> None:
    content = _passbook(ctx, book.members[1], tmp_path / "dewi.pdf")
    assert "Pinjaman no. 3 – Lunas" in content
    assert "Lunas pada 5 November 2026" in content
    assert ("Dilunasi lebih cepat: jasa angsuran yang belum jatuh tempo (Rp 42.000) tidak "
            "ditagih.") in content
    fee_line = next(x for x in cashbook.entries(ctx, book.group_id)
                    if x.loan_no == 2 and x.category == "jasa_pinjaman"
                    and x.entry_date == date(2026, 5, 1))
    cashbook.reverse_entry(ctx, fee_line.id, on=date(2026, 11, 10), reason="Salah hitung")
    content = _passbook(ctx, book.members[2], tmp_path / "ahmad.pdf")
    assert "10/11/2026" in content and "0 -12.000 -12.000" in content
    assert "Pembatalan" in content
    assert "Sudah dibayar Pokok Rp 200.000, jasa Rp 12.000" in content


def test_a_member_who_left_with_nothing_left(ctx: ServiceContext, book: Book,
                                            tmp_path: Path) -> None:
    member = book.members[3]  # Nur Hasanah: loan 1 paid off in July
    savings.withdraw(ctx, member, "simpanan_pokok", 100_000, on=date(2026, 11, 15))
    groups.member_leaves(ctx, member, left_on=date(2026, 11, 16))
    content = _passbook(ctx, member, tmp_path / "nur.pdf")
    assert "Tanggal keluar 16 November 2026" in content
    assert "Jumlah simpanan 0" in content
    assert "Pinjaman no. 1 – Lunas" in content and "Lunas pada 10 Juli 2026" in content
    assert "15/11/2026 Simpanan pokok 100.000 0" in content
