"""What a group's books say, gathered for printing: the monthly statement, the member's
passbook (buku anggota), the group overview and the list of groups.

The monthly statement is the file the district receives, so every figure on it
comes from one place and adds up on paper: opening balance + income - expense =
closing balance, and the lines below it run from the same opening to the same
closing. A reversal is not an expense of its own: it cancels its original, so it
is netted into the original's category on the original's side (a sale of
Rp 500.000 reversed for Rp 100.000 shows Rp 400.000 under sales, not Rp 100.000
of "expense"). The renderers in ``reports/`` receive these plain data classes
and decide nothing.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desa_desktop.db.ledger_models import Activity, BusinessGroup, CashEntry, GroupMember, Loan
from desa_desktop.domain.formatting import short_date
from desa_desktop.domain.ledger_reference import CATEGORY, SAVINGS_KINDS
from desa_desktop.domain.months import add_months, month_bounds, month_key, month_label, next_month
from desa_desktop.services import accounts, cashbook, groups, letterhead, loans, month_closing
from desa_desktop.services import savings as savings_service
from desa_desktop.services.cashbook import EntryRow, signed_amount
from desa_desktop.services.context import ServiceContext
from desa_desktop.services.errors import Problem, ValidationError
from desa_desktop.services.groups import GroupView, MemberView
from desa_desktop.services.loans import LoanView, ScheduleRow
from desa_desktop.services.month_closing import ClosingView
from desa_desktop.services.savings import PassbookLine

#: How many months the overview's chart shows (ending with the current month).
OVERVIEW_MONTHS = 12


@dataclass(frozen=True)
class ReportHeader:
    """The kop of every ledger printout: the village's lines and the post's name."""

    post_name: str
    village_name: str
    regency_line: str
    district_line: str
    village_line: str
    address: str
    logo_path: str


@dataclass(frozen=True)
class CategoryTotal:
    """One category on one side of the statement, net of reversals.

    ``amount`` may be negative when a line of an earlier month is reversed in
    this one; ``reversed_amount`` is what reversals took off (shown as a note).
    """

    category: str
    label: str
    amount: int
    reversed_amount: int
    line_count: int


@dataclass(frozen=True)
class StatementData:
    header: ReportHeader
    group: GroupView
    month: str
    month_label: str
    first_day: date
    last_day: date
    as_of: date  # the month's last day, or today while the month runs
    opening_balance: int
    income: tuple[CategoryTotal, ...]
    expense: tuple[CategoryTotal, ...]
    total_in: int
    total_out: int
    closing_balance: int
    lines: tuple[EntryRow, ...]
    loans: tuple[LoanView, ...]  # outstanding at ``as_of``, with arrears at ``as_of``
    loans_outstanding: int
    arrears_total: int
    arrears_count: int
    closing: ClosingView | None  # the month's active closing, if closed
    hash_matches: bool | None  # the closing's hash against the lines as they are now
    chair_name: str
    treasurer_name: str
    printed_at: datetime
    printed_by: str

    @property
    def closed(self) -> bool:
        return self.closing is not None

    @property
    def month_running(self) -> bool:
        """True while the month has not ended (figures are "so far")."""
        return self.as_of < self.last_day


@dataclass(frozen=True)
class LoanPayment:
    """One repayment as the member made it: principal and fee lines of one day and receipt.

    A reversed repayment appears as its own row with negative amounts.
    """

    entry_date: date
    nos: tuple[int, ...]
    principal: int
    fee: int
    receipt_no: str
    reversal: bool

    @property
    def total(self) -> int:
        return self.principal + self.fee


@dataclass(frozen=True)
class PassbookLoan:
    loan: LoanView
    schedule: tuple[ScheduleRow, ...]
    state_labels: tuple[str, ...]  # the label of each schedule row's state
    payments: tuple[LoanPayment, ...]


@dataclass(frozen=True)
class PassbookData:
    header: ReportHeader
    group: GroupView
    member: MemberView
    balances: dict[str, int]  # savings kind -> balance, in SAVINGS_KINDS order
    savings_total: int
    savings: tuple[PassbookLine, ...]
    loans: tuple[PassbookLoan, ...]
    as_of: date
    treasurer_name: str
    printed_at: datetime
    printed_by: str


@dataclass(frozen=True)
class GroupOverview:
    group: GroupView
    balance: int
    members_active: int
    loans_active: int
    loans_outstanding: int
    arrears_total: int
    arrears_count: int
    savings_total: int
    last_entry_date: date | None
    last_activity_date: date | None
    months: tuple[tuple[str, int, int], ...]  # (month, total_in, total_out), oldest first


@dataclass(frozen=True)
class GroupSummary:
    id: str
    name: str
    kind: str
    business_type: str
    status: str
    members_active: int
    balance: int
    loans_active: int
    last_entry_date: date | None


def report_header(ctx: ServiceContext) -> ReportHeader:
    """The kop as the letters print it (``services.letterhead``) plus the post's name."""
    head = letterhead.get_letterhead(ctx)
    village = accounts.get_village(ctx.db)
    return ReportHeader(
        post_name=village.post_name if village else "",
        village_name=village.name if village else "",
        regency_line=head.regency_line, district_line=head.district_line,
        village_line=head.village_line, address=head.address,
        logo_path=letterhead.logo_for_print(head))


def _printed_by(ctx: ServiceContext) -> str:
    return ctx.officer.full_name if ctx.officer else ""


def side_of(direction: str, is_reversal: bool) -> str:
    """The side a line counts on: its own direction, or its original's for a reversal."""
    if not is_reversal:
        return direction
    return "keluar" if direction == "masuk" else "masuk"


def category_totals(lines: list[EntryRow]) -> tuple[list[CategoryTotal], list[CategoryTotal]]:
    """Income and expense by category, each reversal netted against its original's side.

    Categories follow the order of ``CATEGORY`` (the order of a hand-kept book).
    """
    sums: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    for line in lines:
        reversal = line.reverses_id is not None
        cell = sums[(side_of(line.direction, reversal), line.category)]
        cell[0] += -line.amount if reversal else line.amount
        cell[1] += line.amount if reversal else 0
        cell[2] += 1
    result: dict[str, list[CategoryTotal]] = {"masuk": [], "keluar": []}
    for side, bucket in result.items():
        for code, label in CATEGORY.items():
            if (side, code) in sums:
                amount, reversed_amount, count = sums[(side, code)]
                bucket.append(CategoryTotal(code, label, amount, reversed_amount, count))
    return result["masuk"], result["keluar"]


def _check_month(ctx: ServiceContext, group: GroupView, month: str) -> tuple[date, date]:
    first, last = month_bounds(month)  # DomainError for a malformed key
    if first > ctx.today():
        raise ValidationError([Problem("month", "Bulan {month} belum dimulai; laporannya "
                                                "belum dapat dibuat.",
                                       {"month": month_label(month)})])
    if last < group.founded_on:
        raise ValidationError([Problem("month", "Kelompok baru berdiri {day}; belum ada buku "
                                                "kas pada bulan {month}.",
                                       {"day": short_date(group.founded_on),
                                        "month": month_label(month)})])
    return first, last


def _officer_names(ctx: ServiceContext, group_id: str) -> dict[str, str]:
    return {m.role: m.full_name for m in groups.list_members(ctx, group_id)
            if m.role != "anggota"}


def monthly_statement(ctx: ServiceContext, group_id: str, month: str) -> StatementData:
    """Everything the monthly statement prints, read in one go."""
    group = groups.get_group(ctx, group_id)
    first, last = _check_month(ctx, group, month)
    as_of = min(last, ctx.today())
    lines = cashbook.entries(ctx, group_id, month=month)
    with ctx.db.sessions() as s:
        opening = cashbook.balance_in(s, group_id, before=first)
        # loan_views leaves out lines after as_of: a loan repaid or cancelled later
        # is still "berjalan" here, as it stood at the end of the month.
        outstanding = tuple(v for v in loans.loan_views(s, group_id, as_of)
                            if v.status == "berjalan")
    closing = next((c for c in month_closing.closings(ctx, group_id)
                    if c.month == month and c.status == "ditutup"), None)
    if closing is not None:
        with ctx.db.sessions() as s:
            current_hash = month_closing.entries_hash(s, group_id, month)
    income, expense = category_totals(lines)
    total_in = sum(c.amount for c in income)
    total_out = sum(c.amount for c in expense)
    officers = _officer_names(ctx, group_id)
    return StatementData(
        header=report_header(ctx), group=group, month=month, month_label=month_label(month),
        first_day=first, last_day=last, as_of=as_of, opening_balance=opening,
        income=tuple(income), expense=tuple(expense), total_in=total_in, total_out=total_out,
        closing_balance=opening + total_in - total_out, lines=tuple(lines), loans=outstanding,
        loans_outstanding=sum(v.outstanding_principal for v in outstanding),
        arrears_total=sum(v.arrears.amount_overdue for v in outstanding),
        arrears_count=sum(1 for v in outstanding if v.arrears.amount_overdue > 0),
        closing=closing,
        hash_matches=None if closing is None else closing.entries_hash == current_hash,
        chair_name=officers.get("ketua", ""), treasurer_name=officers.get("bendahara", ""),
        printed_at=datetime.now(), printed_by=_printed_by(ctx))


# ---------------------------------------------------------------------------
# Member passbook
# ---------------------------------------------------------------------------


def _payments(s: Session, loan_id: str) -> tuple[LoanPayment, ...]:
    """The loan's repayment lines, a principal line and its fee line merged into one row."""
    rows = s.execute(select(CashEntry.no, CashEntry.entry_date, CashEntry.category,
                            CashEntry.amount, CashEntry.receipt_no, CashEntry.reverses_id)
                     .where(CashEntry.loan_id == loan_id,
                            CashEntry.category.in_(("angsuran_pinjaman", "jasa_pinjaman")))
                     .order_by(CashEntry.no))
    payments: list[LoanPayment] = []
    for no, day, category, amount, receipt, reverses in rows:
        reversal = reverses is not None
        signed = -amount if reversal else amount
        principal, fee = (signed, 0) if category == "angsuran_pinjaman" else (0, signed)
        prev = payments[-1] if payments else None
        if (prev is not None and prev.entry_date == day and prev.receipt_no == receipt
                and prev.reversal == reversal and prev.nos[-1] == no - 1
                and ((principal and not prev.principal) or (fee and not prev.fee))):
            payments[-1] = LoanPayment(day, (*prev.nos, no), prev.principal + principal,
                                       prev.fee + fee, receipt, reversal)
        else:
            payments.append(LoanPayment(day, (no,), principal, fee, receipt, reversal))
    return tuple(payments)


def member_passbook(ctx: ServiceContext, member_id: str) -> PassbookData:
    """The member's book: savings by kind with every line, and each loan with its schedule."""
    member = groups.get_member(ctx, member_id)
    group = groups.get_group(ctx, member.group_id)
    balances = savings_service.member_savings(ctx, member_id)
    ordered = {kind: int(balances.get(kind, 0)) for kind in SAVINGS_KINDS}
    loan_views = loans.member_loans(ctx, member_id)
    with ctx.db.sessions() as s:
        payments = {v.id: _payments(s, v.id) for v in loan_views}
    book = []
    for view in loan_views:
        rows = tuple(loans.schedule_rows(ctx, view.id))
        labels = tuple(loans.SCHEDULE_STATE.get(r.state, r.state) for r in rows)
        book.append(PassbookLoan(view, rows, labels, payments[view.id]))
    return PassbookData(
        header=report_header(ctx), group=group, member=member, balances=ordered,
        savings_total=sum(ordered.values()),
        savings=tuple(savings_service.savings_lines(ctx, member_id)), loans=tuple(book),
        as_of=ctx.today(),
        treasurer_name=_officer_names(ctx, group.id).get("bendahara", ""),
        printed_at=datetime.now(), printed_by=_printed_by(ctx))


# ---------------------------------------------------------------------------
# Overview of one group, and the list of all groups
# ---------------------------------------------------------------------------


def monthly_totals(s: Session, group_id: str, first_month: str,
                   last_month: str) -> list[tuple[str, int, int]]:
    """(month, income, expense) for every month in the range, reversals netted by side."""
    start, _ = month_bounds(first_month)
    _, end = month_bounds(last_month)
    rows = s.execute(select(CashEntry.entry_date, CashEntry.direction,
                            CashEntry.reverses_id.is_not(None), func.sum(CashEntry.amount))
                     .where(CashEntry.group_id == group_id,
                            CashEntry.entry_date.between(start, end))
                     .group_by(CashEntry.entry_date, CashEntry.direction,
                               CashEntry.reverses_id.is_not(None)))
    sums: dict[str, list[int]] = {}
    key = first_month
    while key <= last_month:
        sums[key] = [0, 0]
        key = next_month(key)
    for day, direction, reversal, total in rows:
        side = 0 if side_of(direction, bool(reversal)) == "masuk" else 1
        sums[month_key(day)][side] += -int(total) if reversal else int(total)
    return [(k, v[0], v[1]) for k, v in sums.items()]


def group_overview(ctx: ServiceContext, group_id: str) -> GroupOverview:
    """The group's figures today and its income and expense over the last twelve months."""
    group = groups.get_group(ctx, group_id)
    today = ctx.today()
    last_month = month_key(today)
    first_month = month_key(add_months(date(today.year, today.month, 1),
                                       -(OVERVIEW_MONTHS - 1)))
    with ctx.db.sessions() as s:
        balance = cashbook.balance_in(s, group_id)
        members = s.scalar(select(func.count()).select_from(GroupMember).where(
            GroupMember.group_id == group_id, GroupMember.left_on.is_(None),
            GroupMember.deleted_at.is_(None))) or 0
        savings_total = s.scalar(select(func.sum(signed_amount())).where(
            CashEntry.group_id == group_id, CashEntry.category.in_(SAVINGS_KINDS))) or 0
        last_entry = s.scalar(select(func.max(CashEntry.entry_date))
                              .where(CashEntry.group_id == group_id))
        last_activity = s.scalar(select(func.max(Activity.activity_date)).where(
            Activity.group_id == group_id, Activity.deleted_at.is_(None),
            Activity.activity_date <= today))
        running = [v for v in loans.loan_views(s, group_id, today) if v.status == "berjalan"]
        months = monthly_totals(s, group_id, first_month, last_month)
    return GroupOverview(
        group=group, balance=balance, members_active=int(members),
        loans_active=len(running),
        loans_outstanding=sum(v.outstanding_principal for v in running),
        arrears_total=sum(v.arrears.amount_overdue for v in running),
        arrears_count=sum(1 for v in running if v.arrears.amount_overdue > 0),
        savings_total=int(savings_total), last_entry_date=last_entry,
        last_activity_date=last_activity, months=tuple(months))


def group_summaries(ctx: ServiceContext) -> list[GroupSummary]:
    """Every live group with its headline figures: one grouped query per figure."""
    with ctx.db.sessions() as s:
        rows = list(s.scalars(select(BusinessGroup).where(BusinessGroup.deleted_at.is_(None))
                              .order_by(BusinessGroup.name)))
        members = dict(s.execute(
            select(GroupMember.group_id, func.count())
            .where(GroupMember.left_on.is_(None), GroupMember.deleted_at.is_(None))
            .group_by(GroupMember.group_id)).all())
        balances = dict(s.execute(select(CashEntry.group_id, func.sum(signed_amount()))
                                  .group_by(CashEntry.group_id)).all())
        last_entries = dict(s.execute(select(CashEntry.group_id, func.max(CashEntry.entry_date))
                                      .group_by(CashEntry.group_id)).all())
        active_loans = dict(s.execute(
            select(Loan.group_id, func.count())
            .where(Loan.status == "berjalan", Loan.deleted_at.is_(None))
            .group_by(Loan.group_id)).all())
        return [GroupSummary(g.id, g.name, g.kind, g.business_type, g.status,
                             int(members.get(g.id, 0)), int(balances.get(g.id) or 0),
                             int(active_loans.get(g.id, 0)), last_entries.get(g.id))
                for g in rows]

