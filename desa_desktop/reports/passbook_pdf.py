"""The member's passbook (buku anggota) as PDF: savings by kind and every loan.

Handed to the member, who usually keeps a paper booklet and wants to see the
same figures the treasurer has: what they paid into each kind of savings and
took out, the balance of each kind after every line, and for each loan the
schedule (what falls due when, what has been paid towards it, what is late)
and the repayments as they were recorded, reversals included. The NIK is not
printed: the booklet travels in a bag and the member number identifies them
in the group's book.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether

from desa_desktop.domain.formatting import long_date, short_date
from desa_desktop.domain.ledger_reference import CATEGORY, GROUP_KIND, LOAN_STATUS, MEMBER_ROLE
from desa_desktop.reports.pdf_base import (
    CONTENT_WIDTH,
    build_pdf,
    field_table,
    fonts,
    markup,
    section,
    text,
)
from desa_desktop.reports.statement_pdf import (
    amount,
    footer_note,
    kop,
    money_table,
    rate_text,
    signatures,
)

if TYPE_CHECKING:
    from desa_desktop.services.statements import PassbookData, PassbookLoan

TITLE = "BUKU ANGGOTA"
_SAVINGS_WIDTHS = (9 * mm, 20 * mm, 28 * mm, 21 * mm, 21 * mm, 23 * mm, 16 * mm,
                   CONTENT_WIDTH - 138 * mm)
_SCHEDULE_WIDTHS = (9 * mm, 21 * mm, 23 * mm, 21 * mm, 23 * mm, 23 * mm,
                    CONTENT_WIDTH - 120 * mm)
_PAYMENT_WIDTHS = (21 * mm, 20 * mm, 25 * mm, 23 * mm, 25 * mm, CONTENT_WIDTH - 114 * mm)


def _member_block(data: PassbookData) -> Flowable:
    member, group = data.member, data.group
    rows = [
        ("Nama anggota", member.full_name),
        ("Nomor anggota", str(member.member_no)),
        ("Kelompok", f"{group.name} ({GROUP_KIND.get(group.kind, group.kind)})"),
        ("Peran", MEMBER_ROLE.get(member.role, member.role)),
        ("Tanggal masuk", long_date(member.joined_on)),
    ]
    if member.left_on is not None:
        rows.append(("Tanggal keluar", long_date(member.left_on)))
    rows.append(("Keadaan per", long_date(data.as_of)))
    return field_table(rows, label_width=38 * mm)


def _savings(data: PassbookData) -> list[Flowable]:
    rows: list[list[object]] = [[CATEGORY.get(kind, kind), amount(value)]
                                for kind, value in data.balances.items()]
    rows.append(["Jumlah simpanan", amount(data.savings_total)])
    story: list[Flowable] = [
        *section("1. Simpanan"),
        money_table(["Jenis simpanan", "Saldo (Rp)"], rows,
                    (CONTENT_WIDTH - 45 * mm, 45 * mm), {1},
                    bold_rows={len(rows) - 1}, shaded_rows={len(rows) - 1}),
        markup("Rincian setoran dan penarikan", "subheading"),
    ]
    if not data.savings:
        story.append(text("Belum ada setoran simpanan."))
        return story
    lines = [[str(x.no), short_date(x.entry_date), CATEGORY.get(x.category, x.category),
              amount(x.deposit) if x.deposit else "", amount(x.withdrawal) if x.withdrawal
              else "", amount(x.balance_of_kind), x.receipt_no, x.description]
             for x in data.savings]
    story.append(money_table(["No", "Tanggal", "Jenis", "Setor (Rp)", "Tarik (Rp)",
                              "Saldo jenis (Rp)", "Bukti", "Keterangan"], lines,
                             _SAVINGS_WIDTHS, {3, 4, 5}))
    return story


def _loan_fields(item: PassbookLoan) -> Flowable:
    loan = item.loan
    late = loan.arrears
    rows = [
        ("Dicairkan", long_date(loan.disbursed_on)),
        ("Pokok pinjaman", f"Rp {amount(loan.principal)}"),
        ("Jasa per bulan", rate_text(loan.fee_rate_bp, loan.fee_method)),
        ("Jangka", f"{loan.term_months} bulan, angsuran pertama "
                   f"{long_date(loan.first_due_on)}"),
    ]
    if loan.purpose:
        rows.append(("Keperluan", loan.purpose))
    rows += [("Sudah dibayar", f"Pokok Rp {amount(loan.principal_paid)}, jasa "
                               f"Rp {amount(loan.fee_paid)}"),
             ("Sisa pokok", f"Rp {amount(loan.outstanding_principal)}")]
    if late.amount_overdue:
        rows.append(("Tunggakan", f"Rp {amount(late.amount_overdue)} ({late.instalments_late} "
                                  f"angsuran, terlambat {late.days_late} hari)"))
    elif loan.status == "berjalan":
        rows.append(("Tunggakan", "Tidak ada"))
    if loan.settled_on is not None:
        rows.append(("Lunas pada", long_date(loan.settled_on)))
    return field_table(rows, label_width=38 * mm)


def _schedule(item: PassbookLoan) -> Flowable:
    rows: list[list[object]] = [
        [str(r.instalment.n), short_date(r.instalment.due_on), amount(r.instalment.principal),
         amount(r.instalment.fee), amount(r.instalment.total), amount(r.paid), state]
        for r, state in zip(item.schedule, item.state_labels, strict=True)]
    rows.append(["", "Jumlah", amount(sum(r.instalment.principal for r in item.schedule)),
                 amount(sum(r.instalment.fee for r in item.schedule)),
                 amount(sum(r.instalment.total for r in item.schedule)),
                 amount(sum(r.paid for r in item.schedule)), ""])
    return money_table(["Ke", "Jatuh tempo", "Pokok (Rp)", "Jasa (Rp)", "Angsuran (Rp)",
                        "Dibayar (Rp)", "Keadaan"], rows, _SCHEDULE_WIDTHS, {2, 3, 4, 5},
                       bold_rows={len(rows) - 1}, shaded_rows={len(rows) - 1})


def _payments(item: PassbookLoan) -> Flowable:
    rows: list[list[object]] = []
    for p in item.payments:
        nos = ", ".join(str(n) for n in p.nos)
        rows.append([short_date(p.entry_date), nos, amount(p.principal), amount(p.fee),
                     amount(p.total), p.receipt_no + ("\nPembatalan" if p.reversal else "")])
    return money_table(["Tanggal", "Entri no.", "Pokok (Rp)", "Jasa (Rp)", "Jumlah (Rp)",
                        "Bukti"], rows, _PAYMENT_WIDTHS, {2, 3, 4})


def _loans(data: PassbookData) -> list[Flowable]:
    story: list[Flowable] = section("2. Pinjaman")
    if not data.loans:
        story.append(text("Tidak ada pinjaman."))
        return story
    for item in data.loans:
        loan = item.loan
        title = (f"Pinjaman no. {loan.no} {fonts().dash} "
                 f"{LOAN_STATUS.get(loan.status, loan.status)}")
        story.append(KeepTogether([markup(title, "subheading"), _loan_fields(item)]))
        if item.schedule:
            story.append(KeepTogether([markup("<b>Jadwal angsuran</b>", "small"),
                                       _schedule(item)]))
            waived = sum(r.instalment.fee for r in item.schedule) - loan.fee_paid
            if loan.status == "lunas" and waived > 0:
                story.append(text(f"Dilunasi lebih cepat: jasa angsuran yang belum jatuh "
                                  f"tempo (Rp {amount(waived)}) tidak ditagih.", "small"))
        if item.payments:
            story.append(KeepTogether([markup("<b>Pembayaran yang tercatat</b>", "small"),
                                       _payments(item)]))
        elif loan.status == "berjalan":
            story.append(text("Belum ada pembayaran.", "small"))
    return story


def _story(data: PassbookData) -> list[Flowable]:
    return [
        *kop(data.header),
        markup(TITLE, "title"),
        text(f"{data.member.full_name} {fonts().dash} {data.group.name}", "subtitle"),
        _member_block(data),
        *_savings(data),
        *_loans(data),
        signatures(data.header.village_name, long_date(data.printed_at.date()),
                   ("Anggota", data.member.full_name), ("Bendahara", data.treasurer_name)),
    ]


def render_passbook_pdf(path: Path, data: PassbookData) -> Path:
    """Write the member's passbook as an A4 PDF at ``path`` (atomically); returns ``path``."""
    return build_pdf(
        Path(path), _story(data),
        title=f"Buku anggota {data.member.full_name}",
        subject=f"Simpanan dan pinjaman anggota {data.group.name}",
        printed_at=data.printed_at,
        footer_note=footer_note(f"Buku anggota {data.member.full_name}", limit=45))
