"""A member's loan: its repayment schedule, arrears and early payoff (pure rules).

The schedule is never stored (``db.ledger_models.Loan``): it follows from the
loan's terms, and what was repaid is the sum of the loan's cash-book lines.
So everything here takes plain numbers and dates and returns plain numbers.

All money is ``int`` Rupiah and every division is an integer one: a group
treasurer checks the schedule with a pencil, and a float would leave a loan
"owing" Rp 0,0000001 after its last instalment. A fee is rounded half up
to the Rupiah (Rp 15.001,5 -> Rp 15.002), as a person rounds by hand.

Conventions a treasurer can check on the printed schedule:

- principal per instalment is ``principal // term``; what the division
  leaves over is added to the last instalment (1.000.000 / 3 = 333.333,
  333.333, 333.334);
- flat fee ("flat"): every month the rate times the original principal;
  declining fee ("menurun"): the rate times the principal still owed before
  that instalment;
- instalments fall due monthly, the same day as the first one, clamped to
  the end of a shorter month (first due 31 January -> 28/29 February ->
  31 March);
- a payment covers the instalments in order, each one's fee first, then
  its principal;
- an instalment is in arrears from the day after its due date (paying on
  the due date is on time).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desa_desktop.domain.errors import DomainError
from desa_desktop.domain.formatting import rupiah
from desa_desktop.domain.ledger_reference import FEE_METHOD
from desa_desktop.domain.money import check_amount
from desa_desktop.domain.months import add_months

#: Longest term a group lends for (five years); the shortest is one month.
MAX_TERM_MONTHS = 60
#: Highest monthly fee, in basis points: 10 % a month is already usurious.
MAX_RATE_BP = 1000
_BP = 10_000


@dataclass(frozen=True)
class Instalment:
    """One line of the schedule: number, due date and what falls due (Rupiah)."""

    n: int
    due_on: date
    principal: int
    fee: int
    total: int


@dataclass(frozen=True)
class Arrears:
    """What is overdue on a day; all zero when the member is up to date."""

    days_late: int
    amount_overdue: int
    principal_overdue: int
    fee_overdue: int
    instalments_late: int

    @property
    def late(self) -> bool:
        return self.amount_overdue > 0


NO_ARREARS = Arrears(0, 0, 0, 0, 0)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def term_errors(principal: object, fee_method: object, fee_rate_bp: object,
                term_months: object) -> list[DomainError]:
    """Every problem with a loan's terms (a form shows them all at once)."""
    errors: list[DomainError] = []
    try:
        check_amount(principal, field="principal")
    except DomainError as err:
        errors.append(err)
    if fee_method not in FEE_METHOD:
        errors.append(DomainError("Pilih cara menghitung jasa pinjaman.", field="fee_method"))
    if not _is_int(fee_rate_bp) or not 0 <= fee_rate_bp <= MAX_RATE_BP:  # type: ignore[operator]
        errors.append(DomainError("Jasa pinjaman harus antara 0 dan {max} % sebulan.",
                                  field="fee_rate_bp", max=MAX_RATE_BP // 100))
    if not _is_int(term_months) or not 1 <= term_months <= MAX_TERM_MONTHS:  # type: ignore[operator]
        errors.append(DomainError("Jangka waktu pinjaman harus 1 sampai {max} bulan.",
                                  field="term_months", max=MAX_TERM_MONTHS))
    return errors


def fee_of(amount: int, rate_bp: int) -> int:
    """``amount`` x ``rate_bp`` / 10.000, rounded half up to the Rupiah (integers only)."""
    return (amount * rate_bp * 2 + _BP) // (2 * _BP)


def schedule(principal: int, fee_method: str, fee_rate_bp: int, term_months: int,
             first_due_on: date) -> list[Instalment]:
    """The repayment schedule; ``DomainError`` (the first problem) for bad terms."""
    errors = term_errors(principal, fee_method, fee_rate_bp, term_months)
    if errors:
        raise errors[0]
    base = principal // term_months
    rows: list[Instalment] = []
    outstanding = principal
    for n in range(1, term_months + 1):
        part = base if n < term_months else outstanding
        fee = fee_of(principal if fee_method == "flat" else outstanding, fee_rate_bp)
        rows.append(Instalment(n, add_months(first_due_on, n - 1), part, fee, part + fee))
        outstanding -= part
    return rows


def total_due(instalments: list[Instalment]) -> int:
    """Principal plus every scheduled fee."""
    return sum(i.total for i in instalments)


def allocate(instalments: list[Instalment], paid_total: int) -> list[tuple[int, int]]:
    """``(principal covered, fee covered)`` of each instalment by ``paid_total``.

    The money goes through the instalments in order, each one's fee first.
    """
    left = max(paid_total, 0)
    covered: list[tuple[int, int]] = []
    for i in instalments:
        fee = min(left, i.fee)
        left -= fee
        principal = min(left, i.principal)
        left -= principal
        covered.append((principal, fee))
    return covered


def arrears(instalments: list[Instalment], paid_total: int, on: date) -> Arrears:
    """What fell due before ``on`` and is not covered by ``paid_total``.

    Cumulative: a payment counts against the oldest instalment first, so
    paying two months at once clears two months' arrears. Days late are
    counted from the due date of the oldest instalment not fully covered.
    """
    principal_over = fee_over = count = days = 0
    for inst, (principal, fee) in zip(instalments, allocate(instalments, paid_total),
                                      strict=True):
        if inst.due_on >= on:
            break
        if principal + fee < inst.total:
            if not count:
                days = (on - inst.due_on).days
            count += 1
            principal_over += inst.principal - principal
            fee_over += inst.fee - fee
    return Arrears(days, principal_over + fee_over, principal_over, fee_over, count)


def split_payment(instalments: list[Instalment], paid_before: int, amount: int
                  ) -> tuple[int, int]:
    """``(principal, fee)`` of a payment of ``amount`` after ``paid_before`` was paid.

    A payment larger than what is left is refused: the group would owe the
    member money, which the book has no line for.
    """
    check_amount(amount)
    left = total_due(instalments) - paid_before
    if amount > left:
        raise DomainError("Pembayaran {amount} melebihi sisa pinjaman ({left}).",
                          field="amount", amount=rupiah(amount), left=rupiah(max(left, 0)))
    before = allocate(instalments, paid_before)
    after = allocate(instalments, paid_before + amount)
    principal = sum(p for p, _ in after) - sum(p for p, _ in before)
    return principal, amount - principal


def payoff(instalments: list[Instalment], principal_paid: int, fee_paid: int, on: date
           ) -> tuple[int, int]:
    """``(principal, fee)`` to settle the loan early on ``on``.

    All principal still owed, plus the fees of instalments due on or before
    ``on`` not yet paid; the fees of later months are waived (the member
    no longer has the money those fees pay for).
    """
    principal = max(sum(i.principal for i in instalments) - principal_paid, 0)
    fees_due = sum(i.fee for i in instalments if i.due_on <= on)
    return principal, max(fees_due - fee_paid, 0)
