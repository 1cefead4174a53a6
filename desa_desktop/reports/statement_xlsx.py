"""The monthly statement as an Excel workbook, for the district officer's own sums.

Three sheets with the same figures as the PDF (one ``StatementData`` feeds
both): "Ringkasan" (opening, income and expense by category, closing, loans),
"Buku kas" (every line of the month, one row each, with its running balance)
and "Pinjaman" (loans outstanding at the month's end with their arrears).
Amounts are whole-Rupiah numbers with a Rupiah format and dates are dates
(``reports.xlsx_base``), so the district can filter, sort and add them up; the
balances are values, not formulas, so the file says the same on every reader.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from desa_desktop.domain.formatting import long_date, rupiah
from desa_desktop.domain.ledger_reference import CATEGORY, DIRECTION
from desa_desktop.reports.statement_pdf import TITLE, closing_text, rate_text
from desa_desktop.reports.xlsx_base import Column, add_sheet, new_workbook, save_workbook

if TYPE_CHECKING:
    from desa_desktop.services.statements import StatementData

SUMMARY_COLUMNS = (
    Column("Bagian", "text", 16),
    Column("Uraian", "text", 34),
    Column("Jumlah", "money", 18),
    Column("Dibatalkan", "money", 16),
    Column("Jumlah entri", "int", 12),
)
LINE_COLUMNS = (
    Column("No", "int", 7),
    Column("Tanggal", "date", 12),
    Column("Arah", "text", 13),
    Column("Kategori", "text", 24),
    Column("Anggota", "text", 24),
    Column("Pinjaman no", "int", 11),
    Column("No. bukti", "text", 12),
    Column("Keterangan", "text", 40),
    Column("Masuk", "money", 16),
    Column("Keluar", "money", 16),
    Column("Saldo", "money", 17),
    Column("Membatalkan entri no", "int", 12),
    Column("Dibatalkan oleh entri no", "int", 12),
)
LOAN_COLUMNS = (
    Column("Pinjaman no", "int", 11),
    Column("Anggota", "text", 26),
    Column("Dicairkan", "date", 12),
    Column("Pokok", "money", 16),
    Column("Jasa per bulan", "text", 24),
    Column("Jangka (bulan)", "int", 10),
    Column("Pokok dibayar", "money", 16),
    Column("Sisa pokok", "money", 16),
    Column("Tunggakan", "money", 16),
    Column("Pokok tertunggak", "money", 16),
    Column("Jasa tertunggak", "money", 16),
    Column("Angsuran terlambat", "int", 11),
    Column("Hari terlambat", "int", 10),
)


def _heading(data: StatementData, sheet: str) -> list[str]:
    post = data.header.post_name or data.header.village_line
    return [f"{TITLE}: {sheet}", f"{data.group.name} – {data.month_label}", post]


def _summary_rows(data: StatementData) -> list[tuple[object, ...]]:
    rows: list[tuple[object, ...]] = [("Saldo awal", long_date(data.first_day),
                                       data.opening_balance, None, None)]
    for part, items, total in (("Pemasukan", data.income, data.total_in),
                               ("Pengeluaran", data.expense, data.total_out)):
        rows += [(part, c.label, c.amount, c.reversed_amount or None, c.line_count)
                 for c in items]
        rows.append((part, f"Jumlah {part.lower()}", total, None,
                     sum(c.line_count for c in items)))
    rows.append(("Saldo akhir", long_date(data.as_of), data.closing_balance, None,
                 len(data.lines)))
    rows.append(("Pinjaman", "Sisa pokok pinjaman berjalan", data.loans_outstanding, None,
                 len(data.loans)))
    rows.append(("Pinjaman", "Tunggakan", data.arrears_total, None, data.arrears_count))
    return rows


def _line_rows(data: StatementData):  # type: ignore[no-untyped-def]
    for line in data.lines:
        yield (line.no, line.entry_date, DIRECTION.get(line.direction, line.direction),
               CATEGORY.get(line.category, line.category), line.member_name, line.loan_no,
               line.receipt_no, line.description,
               line.amount if line.direction == "masuk" else None,
               line.amount if line.direction == "keluar" else None,
               line.balance, line.reverses_no, line.reversed_by_no)


def _loan_rows(data: StatementData):  # type: ignore[no-untyped-def]
    for loan in data.loans:
        late = loan.arrears
        yield (loan.no, loan.member_name, loan.disbursed_on, loan.principal,
               rate_text(loan.fee_rate_bp, loan.fee_method), loan.term_months,
               loan.principal_paid, loan.outstanding_principal, late.amount_overdue,
               late.principal_overdue, late.fee_overdue, late.instalments_late,
               late.days_late if late.amount_overdue else 0)


def render_statement_xlsx(path: Path, data: StatementData) -> Path:
    """Write the statement workbook at ``path`` (atomically); returns ``path``."""
    wb = new_workbook()
    status = closing_text(data)
    if data.closing is not None:
        status += f" Kode penutupan: {data.closing.entries_hash}"
    add_sheet(wb, "Ringkasan", SUMMARY_COLUMNS, _summary_rows(data),
              heading=[*_heading(data, "Ringkasan"), status])
    add_sheet(wb, "Buku kas", LINE_COLUMNS, _line_rows(data),
              heading=[*_heading(data, "Buku kas"),
                       f"Saldo awal {rupiah(data.opening_balance)}; saldo akhir "
                       f"{rupiah(data.closing_balance)}"])
    add_sheet(wb, "Pinjaman", LOAN_COLUMNS, _loan_rows(data),
              heading=[*_heading(data, "Pinjaman"),
                       f"Pinjaman yang masih berjalan per {long_date(data.as_of)}"])
    return save_workbook(wb, Path(path))
