"""A year of one group's book, built through the public services, for statement tests.

Kelompok Keripik Singkong Mekar (founded 5 January 2026, four members who
joined on 10 January); today is 22 November 2026 (tests/conftest.py).

October 2026, the month the statement tests read, holds on purpose:
- two sales (500.000 and 300.000) and the reversal of the first: sales show
  300.000 net, with 500.000 noted as reversed;
- raw materials 200.000, and the reversal of a September raw-materials line
  of 150.000: raw materials show 50.000 net;
- a compulsory-savings deposit (20.000) and a voluntary-savings withdrawal
  (50.000); a new loan of 600.000 (paid off in November, so October's
  statement still counts it outstanding).
August 2026 has no line at all. January to October are closed.

Loans: no. 1 to Nur Hasanah (member 4) 300.000 in February, paid off in July;
no. 2 to Ahmad Sobari (member 3) 1.200.000 flat 1 % over 12 months from
1 March, two instalments paid (April and May), nothing since: in arrears;
no. 3 to Dewi Lestari (member 2) 600.000 on 20 October, paid off 5 November.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desa_desktop.domain.months import next_month
from desa_desktop.services import cashbook, groups, loans, month_closing, savings
from desa_desktop.services.cashbook import EntryInput
from desa_desktop.services.context import ServiceContext
from desa_desktop.services.groups import GroupInput
from desa_desktop.services.loans import LoanInput
from tests.services.helpers import add_person

NAMES = ("Siti Aminah", "Dewi Lestari", "Ahmad Sobari", "Nur Hasanah")
ROLES = ("ketua", "bendahara", "anggota", "anggota")


@dataclass
class Book:
    group_id: str
    members: list[str]
    loans: list[str]
    sale_reversed: str  # the October sale of 500.000 that was reversed


def _post(ctx: ServiceContext, group_id: str, day: date, direction: str, category: str,
          amount: int, member_id: str | None = None, description: str = "",
          receipt_no: str = "") -> str:
    return cashbook.post_entry(ctx, group_id, EntryInput(
        day, direction, category, amount, member_id, receipt_no, description)).ids[0]


def build_book(ctx: ServiceContext, name: str = "Kelompok Keripik Singkong Mekar",
               *, close_until: str = "2026-10") -> Book:
    g = groups.create_group(ctx, GroupInput(name, "kup", "Keripik singkong",
                                            date(2026, 1, 5))).ids[0]
    members = [groups.add_member(ctx, g, add_person(ctx, n, sex="L" if i == 2 else "P"),
                                 joined_on=date(2026, 1, 10), role=r).ids[0]
               for i, (n, r) in enumerate(zip(NAMES, ROLES, strict=True))]
    _post(ctx, g, date(2026, 1, 15), "masuk", "hibah", 5_000_000,
          description="Bantuan peralatan dari Disnaker", receipt_no="BKT-01")
    for m in members:
        savings.deposit(ctx, m, "simpanan_pokok", 100_000, on=date(2026, 1, 20))
    savings.deposit(ctx, members[0], "simpanan_sukarela", 150_000, on=date(2026, 1, 20))
    loan1 = loans.create_loan(ctx, g, LoanInput(members[3], 300_000, "flat", 100, 6,
                                                date(2026, 2, 10))).ids[0]
    _post(ctx, g, date(2026, 2, 14), "keluar", "peralatan", 1_250_000,
          description="Mesin pengiris singkong")
    loan2 = loans.create_loan(ctx, g, LoanInput(members[2], 1_200_000, "flat", 100, 12,
                                                date(2026, 3, 1), purpose="Modal warung"
                                                )).ids[0]
    for month in range(3, 11):
        if month == 8:
            continue  # August stays empty
        _post(ctx, g, date(2026, month, 8), "masuk", "penjualan", 400_000 + month * 10_000,
              description="Penjualan keripik ke warung")
    loans.record_repayment(ctx, loan2, amount=112_000, paid_on=date(2026, 4, 1),
                           receipt_no="A-1")
    loans.record_repayment(ctx, loan2, amount=112_000, paid_on=date(2026, 5, 1),
                           receipt_no="A-2")
    loans.pay_off(ctx, loan1, paid_on=date(2026, 7, 10), receipt_no="L-1")
    september = _post(ctx, g, date(2026, 9, 20), "keluar", "bahan_baku", 150_000,
                      description="Singkong 50 kg")
    # October
    sale = _post(ctx, g, date(2026, 10, 3), "masuk", "penjualan", 500_000,
                 description="Penjualan pameran", receipt_no="J-17")
    _post(ctx, g, date(2026, 10, 5), "keluar", "bahan_baku", 200_000,
          description="Singkong dan minyak")
    _post(ctx, g, date(2026, 10, 10), "masuk", "penjualan", 300_000,
          description="Penjualan =warung+ @pasar")  # never read as a formula
    cashbook.reverse_entry(ctx, sale, on=date(2026, 10, 12), reason="Salah catat, pameran batal")
    cashbook.reverse_entry(ctx, september, on=date(2026, 10, 14),
                           reason="Dicatat dua kali")
    savings.deposit(ctx, members[0], "simpanan_wajib", 20_000, on=date(2026, 10, 15))
    savings.withdraw(ctx, members[0], "simpanan_sukarela", 50_000, on=date(2026, 10, 16))
    loan3 = loans.create_loan(ctx, g, LoanInput(members[1], 600_000, "menurun", 200, 6,
                                                date(2026, 10, 20))).ids[0]
    # November (open, running)
    loans.pay_off(ctx, loan3, paid_on=date(2026, 11, 5), receipt_no="L-3")
    _post(ctx, g, date(2026, 11, 6), "masuk", "penjualan", 250_000)
    key = "2026-01"
    while key <= close_until:
        month_closing.close_month(ctx, g, key)
        key = next_month(key)
    return Book(g, members, [loan1, loan2, loan3], sale)
