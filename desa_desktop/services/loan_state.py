"""A loan's status from its cash-book lines (kept apart so the cash book can call it).

What a member repaid is never stored on the loan: it is the sum of the
loan's lines in the cash book. So after any line of a loan is posted or
reversed, the loan's quick-list fields (``status``, ``settled_on``) are
recomputed here from those lines. ``services.loans`` builds on this module;
``services.cashbook`` calls it after a reversal, without importing loans.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from desa_desktop.db.ledger_models import CashEntry, Loan
from desa_desktop.services.context import ServiceContext
from desa_desktop.services.errors import Problem
from desa_desktop.services.records import touch


@dataclass(frozen=True)
class LoanPaid:
    """Money moved on a loan so far, net of reversals (whole Rupiah)."""

    disbursed: int
    principal_paid: int
    fee_paid: int


def paid(s: Session, loan_id: str) -> LoanPaid:
    """Sum the loan's lines by category: disbursed out, principal and fee in."""
    signed = case((CashEntry.direction == "masuk", CashEntry.amount), else_=-CashEntry.amount)
    sums = dict(s.execute(select(CashEntry.category, func.sum(signed))
                          .where(CashEntry.loan_id == loan_id)
                          .group_by(CashEntry.category)).all())
    return LoanPaid(-int(sums.get("pinjaman_keluar") or 0),
                    int(sums.get("angsuran_pinjaman") or 0),
                    int(sums.get("jasa_pinjaman") or 0))


def refresh(ctx: ServiceContext, s: Session, loan_id: str) -> Loan:
    """Bring ``status`` and ``settled_on`` in line with the loan's lines."""
    loan = s.get(Loan, loan_id)
    assert loan is not None
    money = paid(s, loan_id)
    if money.disbursed <= 0:
        status, settled = "batal", None
    elif money.principal_paid >= loan.principal:
        status = "lunas"
        settled = s.scalar(select(func.max(CashEntry.entry_date)).where(
            CashEntry.loan_id == loan_id, CashEntry.category == "angsuran_pinjaman"))
    else:
        status, settled = "berjalan", None
    if (loan.status, loan.settled_on) != (status, settled):
        loan.status, loan.settled_on = status, settled
        touch(ctx, loan)
        s.flush()
    return loan


def disbursal_reversal_problems(s: Session, loan_id: str) -> list[Problem]:
    """A disbursal may be reversed (a mistaken loan) only before any repayment."""
    money = paid(s, loan_id)
    if money.principal_paid or money.fee_paid:
        return [Problem(None, "Pinjaman ini sudah ada angsurannya; batalkan dulu "
                              "angsuran-angsurannya.")]
    return []
