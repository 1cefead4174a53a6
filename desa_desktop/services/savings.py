"""Members' savings (simpanan pokok, wajib, sukarela): balances and the passbook lines.

Savings are not kept in a separate table: a deposit is a cash-book line
coming in under the savings kind with the member named, a withdrawal a line
going out. So the balance a member sees in the passbook and the group's
cash can never disagree, and a reversed deposit is gone from both at once.
Deposits and withdrawals go through ``cashbook.post_entry`` and its rules
(whole Rupiah, open month, member at that date, no withdrawal beyond the
balance of the kind, no money out of an empty cash box).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from desa_desktop.db.ledger_models import BusinessGroup, CashEntry, GroupMember
from desa_desktop.domain.ledger_reference import SAVINGS_KINDS
from desa_desktop.services import cashbook
from desa_desktop.services.cashbook import EntryInput, signed_amount
from desa_desktop.services.context import Change, ServiceContext
from desa_desktop.services.errors import Problem, ValidationError
from desa_desktop.services.groups import member_query
from desa_desktop.services.records import load


@dataclass(frozen=True)
class SavingsRow:
    """One member's savings by kind, for the group's savings list."""

    member_id: str
    member_no: int
    full_name: str
    pokok: int
    wajib: int
    sukarela: int
    total: int
    active: bool


@dataclass(frozen=True)
class PassbookLine:
    """One savings line of a member's passbook, with the balance of its kind after it."""

    entry_id: str
    no: int
    entry_date: date
    category: str
    deposit: int
    withdrawal: int
    balance_of_kind: int
    receipt_no: str
    description: str


def savings_by_member(ctx: ServiceContext, group_id: str, *,
                      as_of: date | None = None) -> list[SavingsRow]:
    """Every member (those who left too, marked inactive) with savings per kind.

    One grouped sum over the book, not one query per member: a cooperative
    may have a few hundred members.
    """
    query = (select(CashEntry.member_id, CashEntry.category, func.sum(signed_amount()))
             .where(CashEntry.group_id == group_id, CashEntry.category.in_(SAVINGS_KINDS),
                    CashEntry.member_id.is_not(None))
             .group_by(CashEntry.member_id, CashEntry.category))
    if as_of is not None:
        query = query.where(CashEntry.entry_date <= as_of)
    with ctx.db.sessions() as s:
        load(s, BusinessGroup, group_id)
        sums: dict[tuple[str, str], int] = {
            (member_id, kind): int(total or 0) for member_id, kind, total in s.execute(query)}
        rows = []
        for m, p in s.execute(member_query(group_id)):
            pokok, wajib, sukarela = (sums.get((m.id, kind), 0) for kind in SAVINGS_KINDS)
            rows.append(SavingsRow(m.id, m.member_no, p.full_name, pokok, wajib, sukarela,
                                   pokok + wajib + sukarela, m.left_on is None))
        return rows


def member_savings(ctx: ServiceContext, member_id: str, *,
                   as_of: date | None = None) -> dict[str, int]:
    """``{"simpanan_pokok": ..., "simpanan_wajib": ..., "simpanan_sukarela": ...}``."""
    query = (select(CashEntry.category, func.sum(signed_amount()))
             .where(CashEntry.member_id == member_id, CashEntry.category.in_(SAVINGS_KINDS))
             .group_by(CashEntry.category))
    if as_of is not None:
        query = query.where(CashEntry.entry_date <= as_of)
    with ctx.db.sessions() as s:
        load(s, GroupMember, member_id)
        sums = {kind: int(total or 0) for kind, total in s.execute(query)}
    return {kind: sums.get(kind, 0) for kind in SAVINGS_KINDS}


def savings_lines(ctx: ServiceContext, member_id: str) -> list[PassbookLine]:
    """The member's savings lines in book order (date, then line number)."""
    with ctx.db.sessions() as s:
        load(s, GroupMember, member_id)
        lines = s.scalars(select(CashEntry).where(
            CashEntry.member_id == member_id, CashEntry.category.in_(SAVINGS_KINDS))
            .order_by(CashEntry.entry_date, CashEntry.no)).all()
        held = dict.fromkeys(SAVINGS_KINDS, 0)
        out: list[PassbookLine] = []
        for e in lines:
            deposit = e.amount if e.direction == "masuk" else 0
            withdrawal = e.amount if e.direction == "keluar" else 0
            held[e.category] += deposit - withdrawal
            out.append(PassbookLine(e.id, e.no, e.entry_date, e.category, deposit, withdrawal,
                                    held[e.category], e.receipt_no, e.description))
        return out


def _post(ctx: ServiceContext, member_id: str, kind: str, direction: str, amount: int,
          on: date, receipt_no: str, description: str) -> Change:
    if kind not in SAVINGS_KINDS:
        raise ValidationError([Problem("kind", "Pilih jenis simpanan.")])
    with ctx.db.sessions() as s:
        group_id = load(s, GroupMember, member_id).group_id
    return cashbook.post_entry(ctx, group_id, EntryInput(
        entry_date=on, direction=direction, category=kind, amount=amount, member_id=member_id,
        receipt_no=receipt_no, description=description))


def deposit(ctx: ServiceContext, member_id: str, kind: str, amount: int, *, on: date,
            receipt_no: str = "", description: str = "") -> Change:
    """A member pays into their savings of ``kind`` (a cash-book line coming in)."""
    ctx.require_editor()
    return _post(ctx, member_id, kind, "masuk", amount, on, receipt_no, description)


def withdraw(ctx: ServiceContext, member_id: str, kind: str, amount: int, *, on: date,
             receipt_no: str = "", description: str = "") -> Change:
    """Pay savings back to a member (refused beyond the balance of that kind)."""
    ctx.require_editor()
    return _post(ctx, member_id, kind, "keluar", amount, on, receipt_no, description)
