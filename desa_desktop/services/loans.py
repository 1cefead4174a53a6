"""Loans from a group to its members: disbursal, repayments, early payoff, arrears.

Nothing about repayment is stored on the loan. The schedule follows from the
loan's terms (``domain.loan_schedule``) and what the member paid is the sum
of the loan's cash-book lines, so a repayment reversed in the cash book
(``cashbook.reverse_entry``) puts the arrears straight back, and a statement
for an earlier month sees the loan as it stood then (lines after that day
are left out).

Every movement of money is a cash-book line posted through
``cashbook.write_entry`` in the same transaction as the loan: the
disbursal ("pinjaman_keluar", refused when the cash box does not hold the
money) and each repayment, split into its principal ("angsuran_pinjaman")
and its service fee ("jasa_pinjaman") so the statement shows what the
group earned. Afterwards ``loan_state.refresh`` brings the loan's status
("berjalan", "lunas", "batal") in line with those lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desa_desktop.db.ledger_models import BusinessGroup, CashEntry, GroupMember, Loan
from desa_desktop.db.models import Person
from desa_desktop.domain import loan_schedule
from desa_desktop.domain.errors import DomainError
from desa_desktop.domain.formatting import rupiah, short_date
from desa_desktop.domain.loan_schedule import NO_ARREARS, Arrears, Instalment
from desa_desktop.domain.money import check_amount
from desa_desktop.domain.months import add_months
from desa_desktop.services import cashbook, loan_state
from desa_desktop.services.cashbook import EntryInput
from desa_desktop.services.context import Change, ServiceContext
from desa_desktop.services.errors import Problem, ValidationError
from desa_desktop.services.records import load, stamp_new

#: State of one instalment in the schedule shown to the treasurer and the member.
SCHEDULE_STATE = {
    "lunas": "Lunas",
    "sebagian": "Dibayar sebagian",
    "terlambat": "Terlambat",
    "belum": "Belum dibayar",
}


@dataclass(frozen=True)
class LoanInput:
    """What the new-loan form holds; ``first_due_on`` defaults to a month after disbursal."""

    member_id: str
    principal: int
    fee_method: str
    fee_rate_bp: int
    term_months: int
    disbursed_on: date
    first_due_on: date | None = None
    purpose: str = ""
    receipt_no: str = ""

    @property
    def first_due(self) -> date:
        return self.first_due_on or add_months(self.disbursed_on, 1)


@dataclass(frozen=True)
class LoanView:
    """A loan as it stood at the end of a day (``as_of``); money in whole Rupiah.

    ``remaining`` is principal plus the fees still scheduled: the most a
    repayment may be. A settled or cancelled loan has no arrears.
    """

    id: str
    group_id: str
    member_id: str
    member_name: str
    no: int
    principal: int
    fee_method: str
    fee_rate_bp: int
    term_months: int
    disbursed_on: date
    first_due_on: date
    purpose: str
    status: str
    settled_on: date | None
    principal_paid: int
    fee_paid: int
    outstanding_principal: int
    arrears: Arrears
    remaining: int = 0


@dataclass(frozen=True)
class ScheduleRow:
    """One instalment with what has been paid towards it; ``state`` is a key of SCHEDULE_STATE."""

    instalment: Instalment
    paid: int
    state: str


def _terms(loan: Loan) -> list[Instalment]:
    return loan_schedule.schedule(loan.principal, loan.fee_method, loan.fee_rate_bp,
                                  loan.term_months, loan.first_due_on)


def preview_schedule(data: LoanInput) -> list[Instalment]:
    """The schedule the form would create (live preview).

    ``ValidationError`` lists every wrong term, so the form can mark each field.
    """
    errors = loan_schedule.term_errors(data.principal, data.fee_method, data.fee_rate_bp,
                                       data.term_months)
    if errors:
        raise ValidationError([Problem.of(err) for err in errors])
    return loan_schedule.schedule(data.principal, data.fee_method, data.fee_rate_bp,
                                  data.term_months, data.first_due)


# ---------------------------------------------------------------------------
# Reading loans (as of a day)
# ---------------------------------------------------------------------------


@dataclass
class _Sums:
    disbursed: int = 0
    principal_paid: int = 0
    fee_paid: int = 0
    last_principal_on: date | None = None


def _sums(s: Session, as_of: date, *, group_id: str | None = None,
          loan_ids: list[str] | None = None) -> dict[str, _Sums]:
    """Per loan: money out and back in on lines dated up to ``as_of`` (one grouped query)."""
    query = (select(CashEntry.loan_id, CashEntry.category,
                    func.sum(cashbook.signed_amount()), func.max(CashEntry.entry_date))
             .where(CashEntry.loan_id.is_not(None), CashEntry.entry_date <= as_of)
             .group_by(CashEntry.loan_id, CashEntry.category))
    if group_id is not None:
        query = query.where(CashEntry.group_id == group_id)
    if loan_ids is not None:
        query = query.where(CashEntry.loan_id.in_(loan_ids))
    sums: dict[str, _Sums] = {}
    for loan_id, category, total, last in s.execute(query):
        row = sums.setdefault(loan_id, _Sums())
        if category == "pinjaman_keluar":
            row.disbursed = -int(total or 0)
        elif category == "angsuran_pinjaman":
            row.principal_paid, row.last_principal_on = int(total or 0), last
        elif category == "jasa_pinjaman":
            row.fee_paid = int(total or 0)
    return sums


def _view(loan: Loan, name: str, money: _Sums, as_of: date) -> LoanView:
    instalments = _terms(loan)
    if money.disbursed <= 0:
        status, settled = "batal", None
    elif money.principal_paid >= loan.principal:
        status, settled = "lunas", money.last_principal_on
    else:
        status, settled = "berjalan", None
    running = status == "berjalan"
    paid_total = money.principal_paid + money.fee_paid
    return LoanView(
        loan.id, loan.group_id, loan.member_id, name, loan.no, loan.principal, loan.fee_method,
        loan.fee_rate_bp, loan.term_months, loan.disbursed_on, loan.first_due_on, loan.purpose,
        status, settled, money.principal_paid, money.fee_paid,
        max(loan.principal - money.principal_paid, 0) if running else 0,
        loan_schedule.arrears(instalments, paid_total, as_of) if running else NO_ARREARS,
        max(loan_schedule.total_due(instalments) - paid_total, 0) if running else 0)


def _loan_query():  # type: ignore[no-untyped-def]
    return (select(Loan, Person.full_name)
            .join(GroupMember, GroupMember.id == Loan.member_id)
            .join(Person, Person.id == GroupMember.person_id)
            .where(Loan.deleted_at.is_(None))
            .order_by(Loan.no))


def loan_views(s: Session, group_id: str, as_of: date) -> list[LoanView]:
    """Every loan of the group disbursed by ``as_of``, as it stood at the end of that day.

    Session-level for the monthly statement: lines dated after ``as_of`` are
    left out, so a loan repaid in December is still outstanding in
    November's statement. Two queries whatever the number of loans.
    """
    rows = s.execute(_loan_query().where(Loan.group_id == group_id,
                                         Loan.disbursed_on <= as_of)).all()
    sums = _sums(s, as_of, group_id=group_id)
    return [_view(loan, name, sums.get(loan.id, _Sums()), as_of) for loan, name in rows]


def get_loan(ctx: ServiceContext, loan_id: str, *, as_of: date | None = None) -> LoanView:
    """One loan with its figures and arrears at the end of ``as_of`` (default today)."""
    day = as_of or ctx.today()
    with ctx.db.sessions() as s:
        load(s, Loan, loan_id)
        loan, name = s.execute(_loan_query().where(Loan.id == loan_id)).one()
        return _view(loan, name, _sums(s, day, loan_ids=[loan_id]).get(loan_id, _Sums()), day)


def list_loans(ctx: ServiceContext, group_id: str, *, as_of: date | None = None,
               include_settled: bool = True) -> list[LoanView]:
    """The group's loans by number; without ``include_settled`` only those still running."""
    with ctx.db.sessions() as s:
        load(s, BusinessGroup, group_id)
        views = loan_views(s, group_id, as_of or ctx.today())
    return views if include_settled else [v for v in views if v.status == "berjalan"]


def member_loans(ctx: ServiceContext, member_id: str, *, as_of: date | None = None
                 ) -> list[LoanView]:
    """Every loan of one member (for the passbook and the member's page)."""
    day = as_of or ctx.today()
    with ctx.db.sessions() as s:
        load(s, GroupMember, member_id)
        rows = s.execute(_loan_query().where(Loan.member_id == member_id,
                                             Loan.disbursed_on <= day)).all()
        sums = _sums(s, day, loan_ids=[loan.id for loan, _ in rows])
        return [_view(loan, name, sums.get(loan.id, _Sums()), day) for loan, name in rows]


def schedule_rows(ctx: ServiceContext, loan_id: str, *, as_of: date | None = None
                  ) -> list[ScheduleRow]:
    """The schedule with what was paid towards each instalment and its state.

    Principal and fee paid are laid over the instalments in order. After an
    early payoff every instalment is "lunas" (later fees were waived). A
    cancelled loan has no schedule.
    """
    view = get_loan(ctx, loan_id, as_of=as_of)
    if view.status == "batal":
        return []
    day = as_of or ctx.today()
    instalments = loan_schedule.schedule(view.principal, view.fee_method, view.fee_rate_bp,
                                         view.term_months, view.first_due_on)
    principal_left, fee_left = view.principal_paid, view.fee_paid
    rows: list[ScheduleRow] = []
    for inst in instalments:
        fee = min(fee_left, inst.fee)
        principal = min(principal_left, inst.principal)
        fee_left, principal_left = fee_left - fee, principal_left - principal
        paid = fee + principal
        if paid >= inst.total or view.status == "lunas":
            state = "lunas"
        elif inst.due_on < day:
            state = "terlambat"
        else:
            state = "sebagian" if paid else "belum"
        rows.append(ScheduleRow(inst, paid, state))
    return rows


# ---------------------------------------------------------------------------
# Disbursal
# ---------------------------------------------------------------------------


def _member_problems(s: Session, group_id: str, member_id: str) -> list[Problem]:
    if not member_id:
        return [Problem("member_id", "Pilih anggota yang meminjam.")]
    member = s.get(GroupMember, member_id)
    if member is None or member.deleted_at is not None or member.group_id != group_id:
        return [Problem("member_id", "Peminjam bukan anggota kelompok ini.")]
    if member.left_on is not None:
        return [Problem("member_id", "Anggota ini sudah keluar dari kelompok pada {day}; "
                                     "pinjaman hanya untuk anggota aktif.",
                        {"day": short_date(member.left_on)})]
    return []


def create_loan(ctx: ServiceContext, group_id: str, data: LoanInput) -> Change:
    """Lend to an active member: the loan and its "pinjaman_keluar" line, together.

    Refused when the cash box does not hold the principal. ``no`` runs per
    group (cancelled loans keep their number).
    """
    ctx.require_editor()
    with ctx.db.sessions.begin() as s:
        group = load(s, BusinessGroup, group_id)
        problems = [Problem.of(err) for err in loan_schedule.term_errors(
            data.principal, data.fee_method, data.fee_rate_bp, data.term_months)]
        problems += _member_problems(s, group_id, data.member_id)
        if data.first_due <= data.disbursed_on:
            problems.append(Problem("first_due_on", "Angsuran pertama harus jatuh tempo "
                                                    "sesudah tanggal pinjaman diberikan."))
        if not any(p.field == "principal" for p in problems):
            problems += [Problem("principal", p.template, p.params)
                         for p in cashbook.cash_problems(s, group_id, data.principal)]
        if problems:
            raise ValidationError(problems)
        number = (s.scalar(select(func.max(Loan.no)).where(Loan.group_id == group_id)) or 0) + 1
        purpose = data.purpose.strip()
        loan = stamp_new(ctx, Loan(
            group_id=group_id, member_id=data.member_id, no=number, principal=data.principal,
            fee_method=data.fee_method, fee_rate_bp=data.fee_rate_bp,
            term_months=data.term_months, disbursed_on=data.disbursed_on,
            first_due_on=data.first_due, purpose=purpose, status="berjalan"))
        s.add(loan)
        s.flush()
        cashbook.write_entry(ctx, s, group, EntryInput(
            data.disbursed_on, "keluar", "pinjaman_keluar", data.principal, data.member_id,
            data.receipt_no, f"Pinjaman no. {number}" + (f": {purpose}" if purpose else "")),
            loan_id=loan.id)
        return Change("loan", (loan.id,), "created")


# ---------------------------------------------------------------------------
# Repayment and early payoff
# ---------------------------------------------------------------------------


def _running_loan(s: Session, loan_id: str, paid_on: date) -> Loan:
    """The loan, if a payment may still be recorded against it on ``paid_on``."""
    loan = load(s, Loan, loan_id)
    if loan.status == "lunas":
        raise ValidationError([Problem(None, "Pinjaman no. {no} sudah lunas.",
                                       {"no": loan.no})])
    if loan.status == "batal":
        raise ValidationError([Problem(None, "Pinjaman no. {no} sudah dibatalkan.",
                                       {"no": loan.no})])
    if paid_on < loan.disbursed_on:
        raise ValidationError([Problem("paid_on", "Tanggal pembayaran tidak boleh sebelum "
                                                  "pinjaman diberikan ({day}).",
                                       {"day": short_date(loan.disbursed_on)})])
    return loan


def _post_payment(ctx: ServiceContext, s: Session, loan: Loan, principal: int, fee: int, *,
                  paid_on: date, receipt_no: str, what: str) -> Change:
    """Post the principal and the fee lines (a zero part is not posted), then refresh."""
    group = load(s, BusinessGroup, loan.group_id)
    for category, amount, label in (("angsuran_pinjaman", principal, what),
                                    ("jasa_pinjaman", fee, "Jasa pinjaman")):
        if amount > 0:
            cashbook.write_entry(ctx, s, group, EntryInput(
                paid_on, "masuk", category, amount, loan.member_id, receipt_no,
                f"{label} no. {loan.no}"), loan_id=loan.id)
    loan_state.refresh(ctx, s, loan.id)
    return Change("loan", (loan.id,), "updated")


def record_repayment(ctx: ServiceContext, loan_id: str, *, amount: int, paid_on: date,
                     receipt_no: str = "") -> Change:
    """Record what the member paid; split into principal and fee by the schedule.

    The money covers the instalments in order, each one's fee first. More
    than what is left (principal plus fees still scheduled) is refused.
    """
    ctx.require_editor()
    try:
        check_amount(amount)
    except DomainError as err:
        raise ValidationError([Problem.of(err)]) from None
    with ctx.db.sessions.begin() as s:
        loan = _running_loan(s, loan_id, paid_on)
        instalments = _terms(loan)
        money = loan_state.paid(s, loan.id)
        principal_left = loan.principal - money.principal_paid
        fee_left = sum(i.fee for i in instalments) - money.fee_paid
        if amount > principal_left + fee_left:
            raise ValidationError([Problem("amount", "Pembayaran {amount} melebihi sisa "
                                                     "pinjaman ({left}).",
                                           {"amount": rupiah(amount),
                                            "left": rupiah(max(principal_left + fee_left, 0))})])
        principal, _ = loan_schedule.split_payment(
            instalments, money.principal_paid + money.fee_paid, amount)
        # A fee or principal line reversed on its own leaves the two sums out of step with
        # the schedule; keep each part within what is left of it so both end at exactly zero.
        principal = min(max(principal, amount - fee_left), principal_left)
        return _post_payment(ctx, s, loan, principal, amount - principal, paid_on=paid_on,
                             receipt_no=receipt_no, what="Angsuran pinjaman")


def payoff_quote(ctx: ServiceContext, loan_id: str, *, on: date) -> tuple[int, int]:
    """``(principal, fee)`` that settles the loan on ``on``; (0, 0) if it is not running.

    All principal still owed plus fees of instalments due on or before ``on``
    not yet paid; later fees are waived.
    """
    with ctx.db.sessions() as s:
        loan = load(s, Loan, loan_id)
        if loan.status != "berjalan":
            return 0, 0
        money = loan_state.paid(s, loan.id)
        return loan_schedule.payoff(_terms(loan), money.principal_paid, money.fee_paid, on)


def pay_off(ctx: ServiceContext, loan_id: str, *, paid_on: date, receipt_no: str = ""
            ) -> Change:
    """Settle the loan early: the payoff quote of ``paid_on`` as principal and fee lines."""
    ctx.require_editor()
    with ctx.db.sessions.begin() as s:
        loan = _running_loan(s, loan_id, paid_on)
        money = loan_state.paid(s, loan.id)
        principal, fee = loan_schedule.payoff(_terms(loan), money.principal_paid,
                                              money.fee_paid, paid_on)
        return _post_payment(ctx, s, loan, principal, fee, paid_on=paid_on,
                             receipt_no=receipt_no, what="Pelunasan pinjaman")
