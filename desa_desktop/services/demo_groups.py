"""Business groups of the demo village, with a year of plausible books.

Products are those the papers name for returnee groups (cassava crackers,
fish floss, coffee, ikat weaving). Lines are written through the cash-book
rules (``cashbook.write_entry``: dates, members, savings, cash on hand) and
loans through ``services.loans``, so the demo books obey every rule the
officer meets: grants at the start, equipment, raw materials and sales that
follow the season (Lebaran sells best), members' compulsory savings each
month, loans with repayments (one borrower late, one paying off early),
one mistyped sale reversed and posted again, and every month closed up to
two months ago (the previous month is left open for the treasurer).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select

from desa_desktop.db.engine import Database
from desa_desktop.db.ledger_models import BusinessGroup
from desa_desktop.db.models import Person
from desa_desktop.domain.months import add_months, month_bounds, month_key, next_month
from desa_desktop.services import cashbook, groups, loans, month_closing
from desa_desktop.services.cashbook import EntryInput
from desa_desktop.services.context import OfficerInfo, ServiceContext
from desa_desktop.services.errors import ValidationError
from desa_desktop.services.groups import GroupInput
from desa_desktop.services.loans import LoanInput


@dataclass(frozen=True)
class _Plan:
    name: str
    kind: str
    business: str
    members: int
    pokok: int
    wajib: int
    grant: int
    grant_from: str
    equipment: tuple[tuple[str, int], ...]
    material: str
    product: str
    sale: tuple[int, int]  # per sale, min/max
    loans: int
    loan_sizes: tuple[int, ...]
    fee_method: str
    fee_rate_bp: int


PLANS = (
    _Plan("KUP Opak Singkong Karya Mandiri", "kup", "Keripik dan opak singkong", 9, 50_000,
          10_000, 15_000_000, "Bantuan Desmigratif Kemnaker",
          (("Mesin pemotong singkong", 3_250_000), ("Wajan dan kompor besar", 1_400_000)),
          "Singkong, minyak goreng dan bumbu",
          "Penjualan opak singkong", (150_000, 650_000), 2, (1_000_000, 1_500_000), "flat", 100),
    _Plan("KUP Abon Ikan Mina Sari", "kup", "Abon ikan dan olahan ikan", 7, 50_000, 15_000,
          12_000_000, "Dana Desa Karyamukti",
          (("Mesin spinner peniris minyak", 2_750_000), ("Sealer kemasan", 850_000)),
          "Ikan tongkol, santan dan bumbu",
          "Penjualan abon ikan", (250_000, 900_000), 1, (2_000_000,), "menurun", 150),
    _Plan("Kelompok Tenun Ikat Srikandi", "kup", "Tenun ikat dan kain", 6, 100_000, 20_000,
          20_000_000, "Hibah BP3MI Jawa Barat",
          (("Alat tenun bukan mesin (ATBM)", 6_500_000),),
          "Benang dan pewarna",
          "Penjualan kain tenun", (400_000, 1_800_000), 1, (1_500_000,), "flat", 100),
    _Plan("Koperasi Purna Migran Sejahtera", "koperasi", "Simpan pinjam dan kopi bubuk", 12,
          100_000, 25_000, 25_000_000, "Bantuan permodalan Pemkab Ciamis",
          (("Mesin sangrai dan giling kopi", 7_800_000),),
          "Biji kopi mentah",
          "Penjualan kopi bubuk", (300_000, 1_200_000), 6,
          (1_000_000, 1_500_000, 2_000_000, 2_500_000, 3_000_000), "menurun", 125),
)

#: Months of the demo books, ending with today's month.
BOOK_MONTHS = 13


def _members_pool(db: Database, count: int, rng: random.Random) -> list[str]:
    """Adult returnees and migrants' family members, the people groups are made of."""
    with db.sessions() as s:
        rows = s.scalars(select(Person.id).where(
            Person.status.in_(("purna", "keluarga")), Person.deleted_at.is_(None),
            Person.birth_date.is_not(None), Person.birth_date < date(2005, 1, 1))
            .order_by(Person.name_key)).all()
    chosen = list(rows)
    rng.shuffle(chosen)
    return chosen[:count]


def _day(rng: random.Random, month: str, today: date, low: int = 1, high: int = 28) -> date:
    """A day of the month (days after ``today`` are dropped by the caller)."""
    first, last = month_bounds(month)
    return min(first + timedelta(days=rng.randint(low, high) - 1), last)


def _season(month: str) -> float:
    """Sales rise before Lebaran (March-April 2026 here) and at year end."""
    return {"03": 1.6, "04": 1.4, "12": 1.3, "01": 0.8, "02": 0.9}.get(month[5:], 1.0)


def _round(amount: float, step: int = 5_000) -> int:
    return max(step, int(amount) // step * step)


class _Book:
    """Writes one group's year, month by month, in date order."""

    def __init__(self, ctx: ServiceContext, plan: _Plan, rng: random.Random, start: str) -> None:
        self.ctx, self.plan, self.rng, self.start = ctx, plan, rng, start
        self.today = ctx.today()
        first_day = month_bounds(start)[0]
        self.group_id = groups.create_group(ctx, GroupInput(
            plan.name, plan.kind, plan.business, first_day - timedelta(days=20),
            address="Desa Karyamukti")).ids[0]
        self.members: list[str] = []

    def enrol(self, person_ids: list[str]) -> None:
        joined = month_bounds(self.start)[0] - timedelta(days=20)
        for index, person_id in enumerate(person_ids):
            role = ("ketua", "sekretaris", "bendahara")[index] if index < 3 else "anggota"
            self.members.append(groups.add_member(self.ctx, self.group_id, person_id,
                                                  joined_on=joined, role=role).ids[0])

    def month_lines(self, month: str) -> list[EntryInput]:
        plan, rng = self.plan, self.rng
        lines: list[EntryInput] = []
        if month == self.start:
            lines.append(EntryInput(_day(rng, month, self.today, 2, 3), "masuk", "hibah",
                                    plan.grant, receipt_no="BKU-H01",
                                    description=plan.grant_from))
            for member in self.members:
                lines.append(EntryInput(_day(rng, month, self.today, 1, 2), "masuk",
                                        "simpanan_pokok", plan.pokok, member_id=member,
                                        description="Simpanan pokok anggota baru"))
            for index, (item, cost) in enumerate(plan.equipment):
                lines.append(EntryInput(_day(rng, month, self.today, 5 + index, 9 + index),
                                        "keluar", "peralatan", cost,
                                        receipt_no=f"NT-{index + 1:02d}", description=item))
        for member in self.members:
            lines.append(EntryInput(_day(rng, month, self.today, 1, 10), "masuk",
                                    "simpanan_wajib", plan.wajib, member_id=member,
                                    description="Simpanan wajib bulanan"))
        if self.members and rng.random() < 0.4:
            member = rng.choice(self.members)
            lines.append(EntryInput(_day(rng, month, self.today), "masuk", "simpanan_sukarela",
                                    _round(rng.randint(20_000, 200_000)), member_id=member,
                                    description="Simpanan sukarela"))
        sales = 0
        for n in range(rng.randint(3, 6)):
            amount = _round(rng.randint(*plan.sale) * _season(month))
            sales += amount
            lines.append(EntryInput(_day(rng, month, self.today, 8, 28), "masuk", "penjualan",
                                    amount, receipt_no=f"NJ-{month[2:4]}{month[5:]}-{n + 1:02d}",
                                    description=plan.product))
        # Raw materials cost about 55-70 % of what the month sells (bought in 2-3 lots).
        lots = rng.randint(2, 3)
        for _ in range(lots):
            lines.append(EntryInput(_day(rng, month, self.today, 3, 20), "keluar", "bahan_baku",
                                    _round(sales * rng.uniform(0.55, 0.7) / lots),
                                    description=plan.material))
        if rng.random() < 0.5:
            lines.append(EntryInput(_day(rng, month, self.today, 10, 28), "keluar", "lainnya",
                                    _round(rng.randint(50_000, 250_000)),
                                    description=rng.choice(("Kemasan dan label",
                                                            "Ongkos kirim ke pasar",
                                                            "Biaya pameran produk"))))
        # The current month is written up to today only.
        return sorted((line for line in lines if line.entry_date <= self.today),
                      key=lambda line: line.entry_date)

    def post_month(self, month: str) -> None:
        with self.ctx.db.sessions.begin() as s:
            group = s.get(BusinessGroup, self.group_id)
            assert group is not None
            for line in self.month_lines(month):
                try:
                    cashbook.write_entry(self.ctx, s, group, line)
                except ValidationError:
                    continue  # e.g. not enough cash for a purchase early on: skip it

    def mistake(self, month: str) -> None:
        """A sale typed with an extra zero, reversed the same day and posted right."""
        day = min(_day(self.rng, month, self.today, 12, 14), self.today)
        wrong = cashbook.post_entry(self.ctx, self.group_id, EntryInput(
            day, "masuk", "penjualan", 4_500_000, receipt_no="NJ-SALAH",
            description=self.plan.product)).ids[0]
        cashbook.reverse_entry(self.ctx, wrong, on=day, reason="salah ketik, seharusnya "
                                                            "Rp 450.000")
        cashbook.post_entry(self.ctx, self.group_id, EntryInput(
            day, "masuk", "penjualan", 450_000, receipt_no="NJ-SALAH",
            description=self.plan.product))


def _ctx_on(db: Database, village_code: str, officer: OfficerInfo, day: date) -> ServiceContext:
    return ServiceContext(db, village_code, officer, today=lambda: day)


def add_demo_groups(db: Database, village_code: str, admin: OfficerInfo, officer: OfficerInfo,
                    today: date, seed: int) -> int:
    """Write the demo groups and their books; returns the number of groups."""
    rng = random.Random(seed + 5)
    start = month_key(add_months(today.replace(day=1), -(BOOK_MONTHS - 1)))
    ctx = _ctx_on(db, village_code, officer, today)
    pool = _members_pool(db, sum(p.members for p in PLANS), rng)
    books: list[_Book] = []
    for plan in PLANS:
        book = _Book(ctx, plan, rng, start)
        book.enrol([pool.pop() for _ in range(min(plan.members, len(pool)))])
        books.append(book)
    months, month = [], start
    while month <= month_key(today):
        months.append(month)
        month = next_month(month)
    for index, month in enumerate(months):
        for number, book in enumerate(books):
            book.post_month(month)
            if index == 4 and number == 0:
                book.mistake(month)
            _lend(db, village_code, officer, book, index, month)
            _repay(db, village_code, officer, book, month)
        if index < len(months) - 2:
            # The treasurer closes a month in the first days of the next one.
            closed_on = min(month_bounds(next_month(month))[0] + timedelta(days=2), today)
            closer = _ctx_on(db, village_code, officer, closed_on)
            for book in books:
                month_closing.close_month(closer, book.group_id, month)
    return len(books)


def _lend(db: Database, village_code: str, officer: OfficerInfo, book: _Book, index: int,
          month: str) -> None:
    """Loans go out in the first months, one every other month until the plan's count."""
    plan = book.plan
    made = index // 2 if index % 2 == 1 else None
    if made is None or made >= plan.loans or index == 0 or not book.members:
        return
    day = _day(book.rng, month, book.today, 15, 18)
    if day > book.today:
        return
    member = book.members[(made * 5 + 1) % len(book.members)]
    term = 12 if made == 0 else book.rng.choice((6, 10, 12))
    try:
        loans.create_loan(_ctx_on(db, village_code, officer, day), book.group_id, LoanInput(
            member_id=member, principal=plan.loan_sizes[made % len(plan.loan_sizes)],
            fee_method=plan.fee_method, fee_rate_bp=plan.fee_rate_bp, term_months=term,
            disbursed_on=day, purpose=book.rng.choice((
                "Modal warung", "Modal dagang sayur", "Beli kambing", "Biaya sekolah anak",
                "Modal produksi di rumah")), receipt_no=f"PJ-{month[5:]}"))
    except ValidationError:
        return  # not enough cash that month: the group lends later


def _repay(db: Database, village_code: str, officer: OfficerInfo, book: _Book,
           month: str) -> None:
    """Instalments paid on time, except the group's first borrower who stops paying lately
    and the second who pays off early."""
    first, last = month_bounds(month)
    for loan in loans.list_loans(_ctx_on(db, village_code, officer, min(last, book.today)),
                                 book.group_id, include_settled=False):
        due = [row for row in loans.schedule_rows(
            _ctx_on(db, village_code, officer, book.today), loan.id)
            if first <= row.instalment.due_on <= min(last, book.today)]
        for row in due:
            day = row.instalment.due_on
            ctx = _ctx_on(db, village_code, officer, day)
            late_payer = loan.no == 1 and day > add_months(book.today, -3)
            if late_payer:
                continue
            if loan.no == 2 and row.instalment.n == 5:
                loans.pay_off(ctx, loan.id, paid_on=day, receipt_no=f"AN-{loan.no}-L")
                break
            loans.record_repayment(ctx, loan.id, amount=row.instalment.total, paid_on=day,
                                   receipt_no=f"AN-{loan.no}-{row.instalment.n:02d}")
