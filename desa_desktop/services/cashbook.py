"""The cash book (Buku Kas Umum) of a group: posting, reversing, balances.

The treasurer of a village group is rarely trained in bookkeeping, and the
district wants to trust the figures; so the book follows the oldest rule of
bookkeeping: a posted line is never changed. A mistake is corrected by a
reversing line (opposite direction, same amount) that names the line it
cancels; both stay visible, and every balance is a plain sum of the lines.
The database itself refuses UPDATE and DELETE on ``cash_entry``
(migration 0005). No line may be dated into a closed month
(``services.month_closing``).

Money is ``int`` Rupiah all the way: ``domain.money.check_amount`` refuses a
float, a negative or an absurd figure before anything is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session, aliased

from desa_desktop.db.ledger_models import BusinessGroup, CashEntry, GroupMember, LedgerClosing, Loan
from desa_desktop.db.models import Person
from desa_desktop.domain.errors import DomainError
from desa_desktop.domain.formatting import rupiah, short_date
from desa_desktop.domain.ledger_reference import (
    CATEGORY,
    CATEGORY_DIRECTIONS,
    DIRECTION,
    LOAN_CATEGORIES,
    MEMBER_CATEGORIES,
    SAVINGS_KINDS,
)
from desa_desktop.domain.money import check_amount
from desa_desktop.domain.months import month_bounds, month_key, month_label, next_month
from desa_desktop.services import loan_state
from desa_desktop.services.context import Change, ServiceContext
from desa_desktop.services.errors import Problem, ValidationError
from desa_desktop.services.records import load, stamp_new


@dataclass(frozen=True)
class EntryInput:
    """What the entry form holds. ``amount`` is whole Rupiah (``domain.money``)."""

    entry_date: date
    direction: str
    category: str
    amount: int
    member_id: str | None = None
    receipt_no: str = ""
    description: str = ""


@dataclass(frozen=True)
class EntryRow:
    """One line of the book as shown, with the balance after it."""

    id: str
    no: int
    entry_date: date
    direction: str
    category: str
    amount: int
    member_id: str | None
    member_name: str
    loan_id: str | None
    loan_no: int | None
    receipt_no: str
    description: str
    reverses_id: str | None
    reverses_no: int | None
    reversed_by_no: int | None
    balance: int

    @property
    def signed(self) -> int:
        return self.amount if self.direction == "masuk" else -self.amount


def signed_amount():  # type: ignore[no-untyped-def]
    """SQL for the entry's effect on the cash: + in, - out (portable: SQLite, PostgreSQL)."""
    return case((CashEntry.direction == "masuk", CashEntry.amount), else_=-CashEntry.amount)


# ---------------------------------------------------------------------------
# Rules shared by every way of writing a line
# ---------------------------------------------------------------------------


def closed_month(s: Session, group_id: str, day: date) -> bool:
    """Is the month of ``day`` closed in this group's book?"""
    return bool(s.scalar(select(func.count()).select_from(LedgerClosing).where(
        LedgerClosing.group_id == group_id, LedgerClosing.month == month_key(day),
        LedgerClosing.status == "ditutup", LedgerClosing.deleted_at.is_(None))))


def _check_date(ctx: ServiceContext, s: Session, group: BusinessGroup, day: date,
                field: str = "entry_date") -> list[Problem]:
    if day > ctx.today():
        return [Problem(field, "Tanggal entri tidak boleh di masa depan.")]
    if day < group.founded_on:
        return [Problem(field, "Tanggal entri tidak boleh sebelum kelompok berdiri ({day}).",
                        {"day": short_date(group.founded_on)})]
    if closed_month(s, group.id, day):
        return [Problem(field, "Bulan {month} sudah ditutup; entri tidak dapat dicatat "
                               "pada bulan itu. Catat dengan tanggal bulan yang masih "
                               "terbuka.", {"month": month_label(month_key(day))})]
    # Months close in order; a line dated before the first closed month would still move
    # every closed month's opening balance, so the whole book up to the last closing is shut.
    latest = s.scalar(select(func.max(LedgerClosing.month)).where(
        LedgerClosing.group_id == group.id, LedgerClosing.status == "ditutup",
        LedgerClosing.deleted_at.is_(None)))
    if latest is not None and month_key(day) < latest:
        return [Problem(field, "Buku kas sudah ditutup sampai bulan {month}; entri tidak dapat "
                               "dicatat sebelum bulan itu.", {"month": month_label(latest)})]
    return []


def savings_balance(s: Session, member_id: str, kind: str, *, exclude_id: str | None = None
                    ) -> int:
    """A member's savings of one kind still held by the group."""
    query = select(func.sum(signed_amount())).where(CashEntry.member_id == member_id,
                                                    CashEntry.category == kind)
    if exclude_id:
        query = query.where(CashEntry.id != exclude_id)
    return int(s.scalar(query) or 0)


def cash_problems(s: Session, group_id: str, amount: int) -> list[Problem]:
    """Money cannot leave a cash box that does not hold it: the book never goes below zero.

    Checked against everything posted (not the balance on the entry's date): a
    back-dated expense is fine as long as the cash today covers it.
    """
    held = balance_in(s, group_id)
    if amount > held:
        return [Problem("amount", "Kas kelompok hanya {held}; tidak cukup untuk mengeluarkan "
                                  "{amount}.", {"held": rupiah(held), "amount": rupiah(amount)})]
    return []


def _check_member(s: Session, group_id: str, member_id: str | None, category: str,
                  day: date) -> tuple[GroupMember | None, list[Problem]]:
    if category not in MEMBER_CATEGORIES:
        return None, []
    if not member_id:
        return None, [Problem("member_id", "Pilih anggota untuk {category}.",
                              {"category": CATEGORY[category].lower()})]
    member = s.get(GroupMember, member_id)
    if member is None or member.deleted_at is not None or member.group_id != group_id:
        return None, [Problem("member_id", "Anggota tidak ditemukan di kelompok ini.")]
    if day < member.joined_on or (member.left_on is not None and day > member.left_on):
        return member, [Problem("member_id", "Pada {day} orang ini bukan anggota kelompok.",
                                {"day": short_date(day)})]
    return member, []


def write_entry(ctx: ServiceContext, s: Session, group: BusinessGroup, data: EntryInput, *,
                loan_id: str | None = None) -> CashEntry:
    """Check and add one line inside the caller's transaction (used by loans too).

    Raises ``ValidationError`` listing every problem; nothing is written then.
    """
    problems: list[Problem] = []
    try:
        amount = check_amount(data.amount)
    except DomainError as err:
        problems.append(Problem.of(err))
        amount = 0
    if data.direction not in DIRECTION:
        problems.append(Problem("direction", "Pilih pemasukan atau pengeluaran."))
    if data.category not in CATEGORY:
        problems.append(Problem("category", "Pilih kategori entri."))
    elif data.direction in DIRECTION and data.direction not in CATEGORY_DIRECTIONS[
            data.category]:
        problems.append(Problem("category", "{category} tidak dapat dicatat sebagai "
                                            "{direction}.",
                                {"category": CATEGORY[data.category],
                                 "direction": DIRECTION[data.direction].lower()}))
    problems += _check_date(ctx, s, group, data.entry_date)
    member, member_problems = _check_member(s, group.id, data.member_id, data.category,
                                            data.entry_date)
    problems += member_problems
    if (member is not None and data.category in SAVINGS_KINDS and data.direction == "keluar"
            and amount):
        held = savings_balance(s, member.id, data.category)
        if amount > held:
            problems.append(Problem("amount", "Penarikan {amount} melebihi {category} "
                                              "anggota ini ({held}).",
                                    {"amount": rupiah(amount), "held": rupiah(held),
                                     "category": CATEGORY[data.category].lower()}))
    if data.direction == "keluar" and amount and not problems:
        problems += cash_problems(s, group.id, amount)
    if problems:
        raise ValidationError(problems)
    number = (s.scalar(select(func.max(CashEntry.no)).where(CashEntry.group_id == group.id))
              or 0) + 1
    entry = stamp_new(ctx, CashEntry(
        group_id=group.id, no=number, entry_date=data.entry_date, direction=data.direction,
        category=data.category, amount=amount,
        member_id=member.id if member is not None else None, loan_id=loan_id,
        receipt_no=data.receipt_no.strip(), description=data.description.strip()))
    s.add(entry)
    s.flush()
    return entry


# ---------------------------------------------------------------------------
# User actions
# ---------------------------------------------------------------------------


def post_entry(ctx: ServiceContext, group_id: str, data: EntryInput) -> Change:
    """Post a line typed by the treasurer (loan lines go through ``services.loans``)."""
    ctx.require_editor()
    if data.category in LOAN_CATEGORIES:
        raise ValidationError([Problem("category", "Pinjaman dan angsurannya dicatat di "
                                                   "halaman Pinjaman.")])
    with ctx.db.sessions.begin() as s:
        group = load(s, BusinessGroup, group_id)
        entry = write_entry(ctx, s, group, data)
        return Change("cash_entry", (entry.id,), "created")


def reverse_entry(ctx: ServiceContext, entry_id: str, *, on: date, reason: str) -> Change:
    """Cancel a line by a reversing line dated ``on`` (in an open month).

    The reversal copies amount, category, member and loan, flips the
    direction, and says in its description which line it cancels and why.
    A line is reversed once; a reversal is not itself reversed (post the
    right line instead). Reversing a savings deposit already withdrawn, or
    a loan disbursal with repayments, is refused: the book would go wrong.
    """
    ctx.require_editor()
    with ctx.db.sessions.begin() as s:
        original = load(s, CashEntry, entry_id)
        group = load(s, BusinessGroup, original.group_id)
        problems: list[Problem] = []
        if not reason.strip():
            problems.append(Problem("reason", "Tulis alasan pembatalan entri."))
        if original.reverses_id is not None:
            problems.append(Problem(None, "Entri ini adalah entri pembalik dan tidak dapat "
                                          "dibalik lagi; catat entri yang benar."))
        done = s.scalar(select(CashEntry.no).where(CashEntry.reverses_id == original.id))
        if done is not None:
            problems.append(Problem(None, "Entri no. {no} sudah dibatalkan oleh entri no. "
                                          "{by}.", {"no": original.no, "by": done}))
        if on < original.entry_date:
            problems.append(Problem("entry_date", "Tanggal pembalikan tidak boleh sebelum "
                                                  "tanggal entri yang dibatalkan ({day}).",
                                    {"day": short_date(original.entry_date)}))
        problems += _check_date(ctx, s, group, on)
        if (original.category in SAVINGS_KINDS and original.direction == "masuk"
                and original.member_id):
            held = savings_balance(s, original.member_id, original.category)
            if original.amount > held:
                problems.append(Problem(None, "Simpanan ini sebagian sudah ditarik; sisa "
                                              "{category} anggota hanya {held}.",
                                        {"category": CATEGORY[original.category].lower(),
                                         "held": rupiah(held)}))
        if original.direction == "masuk":
            problems += cash_problems(s, group.id, original.amount)
        if original.loan_id and original.category == "pinjaman_keluar":
            problems += loan_state.disbursal_reversal_problems(s, original.loan_id)
        if problems:
            raise ValidationError(problems)
        flipped = "keluar" if original.direction == "masuk" else "masuk"
        reversal = stamp_new(ctx, CashEntry(
            group_id=group.id,
            no=(s.scalar(select(func.max(CashEntry.no))
                         .where(CashEntry.group_id == group.id)) or 0) + 1,
            entry_date=on, direction=flipped, category=original.category,
            amount=original.amount, member_id=original.member_id, loan_id=original.loan_id,
            receipt_no=original.receipt_no,
            description=f"Pembatalan entri no. {original.no}: {reason.strip()}",
            reverses_id=original.id))
        s.add(reversal)
        s.flush()
        if original.loan_id:
            loan_state.refresh(ctx, s, original.loan_id)
        return Change("cash_entry", (reversal.id, original.id), "created")


# ---------------------------------------------------------------------------
# Reading the book
# ---------------------------------------------------------------------------


def balance(ctx: ServiceContext, group_id: str, *, until: date | None = None) -> int:
    """Cash held by the group at the end of ``until`` (default: everything posted)."""
    with ctx.db.sessions() as s:
        return balance_in(s, group_id, until=until)


def balance_in(s: Session, group_id: str, *, until: date | None = None,
               before: date | None = None) -> int:
    """The balance as one SQL sum over the indexed lines (also used by statements)."""
    query = select(func.sum(signed_amount())).where(CashEntry.group_id == group_id)
    if until is not None:
        query = query.where(CashEntry.entry_date <= until)
    if before is not None:
        query = query.where(CashEntry.entry_date < before)
    return int(s.scalar(query) or 0)


def entries(ctx: ServiceContext, group_id: str, *, month: str | None = None) -> list[EntryRow]:
    """The lines of a month (or of the whole book), in book order, with running balance.

    Lines are ordered by date then line number, as a hand-kept book reads;
    the first balance starts from the sum of everything before the month.
    """
    with ctx.db.sessions() as s:
        load(s, BusinessGroup, group_id)
        reversed_by = aliased(CashEntry)
        reverses = aliased(CashEntry)
        # Plain columns, not ORM objects: a busy month has thousands of lines.
        query = (select(CashEntry.id, CashEntry.no, CashEntry.entry_date, CashEntry.direction,
                        CashEntry.category, CashEntry.amount, CashEntry.member_id,
                        Person.full_name, CashEntry.loan_id, Loan.no, CashEntry.receipt_no,
                        CashEntry.description, CashEntry.reverses_id, reverses.no,
                        reversed_by.no)
                 .outerjoin(GroupMember, GroupMember.id == CashEntry.member_id)
                 .outerjoin(Person, Person.id == GroupMember.person_id)
                 .outerjoin(Loan, Loan.id == CashEntry.loan_id)
                 .outerjoin(reverses, reverses.id == CashEntry.reverses_id)
                 .outerjoin(reversed_by, reversed_by.reverses_id == CashEntry.id)
                 .where(CashEntry.group_id == group_id)
                 .order_by(CashEntry.entry_date, CashEntry.no))
        running = 0
        if month is not None:
            first, last = month_bounds(month)
            query = query.where(CashEntry.entry_date.between(first, last))
            running = balance_in(s, group_id, before=first)
        rows: list[EntryRow] = []
        for (entry_id, no, day, direction, category, amount, member_id, name, loan_id,
             loan_no, receipt_no, description, reverses_id, reverses_no,
             reversed_by_no) in s.execute(query):
            running += amount if direction == "masuk" else -amount
            rows.append(EntryRow(
                entry_id, no, day, direction, category, amount, member_id, name or "", loan_id,
                loan_no, receipt_no, description, reverses_id, reverses_no, reversed_by_no,
                running))
        return rows


def months_with_entries(ctx: ServiceContext, group_id: str) -> list[str]:
    """``["2026-01", ...]``: every month from the first line to today's month."""
    with ctx.db.sessions() as s:
        first = s.scalar(select(func.min(CashEntry.entry_date))
                         .where(CashEntry.group_id == group_id))
    if first is None:
        return [month_key(ctx.today())]
    months, key, end = [], month_key(first), month_key(max(ctx.today(), first))
    while key <= end:
        months.append(key)
        key = next_month(key)
    return months
