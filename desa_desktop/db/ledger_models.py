"""Models of business groups, their cash books and loans, and activities (issue 5).

Kept apart from the registry and case models so each file stays readable;
imported by ``desa_desktop.db.models`` so one metadata holds every table.
Codes stored in columns are the keys of ``desa_desktop.domain.ledger_reference``.
Money columns are ``BigInteger`` whole Rupiah (never a float; a grant of
Rp 2,5 miliar does not fit PostgreSQL's 32-bit integer at the district).

The cash book is append-only: ``cash_entry`` rows are never updated or
deleted (a correction is a new, reversing row) and migration 0005 makes the
database refuse UPDATE and DELETE on the table, as it does for the audit log.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desa_desktop.db.base import Base, SyncMixin


class BusinessGroup(SyncMixin, Base):
    """A productive business group, cooperative or BUMDes unit whose books the post keeps."""

    __tablename__ = "business_group"

    name: Mapped[str] = mapped_column(String(150), nullable=False)
    kind: Mapped[str] = mapped_column(String(10), nullable=False, default="kup")
    business_type: Mapped[str] = mapped_column(String(150), nullable=False, default="")
    founded_on: Mapped[date] = mapped_column(Date, nullable=False)
    status: Mapped[str] = mapped_column(String(10), nullable=False, default="aktif")
    address: Mapped[str] = mapped_column(Text, nullable=False, default="")
    notes: Mapped[str] = mapped_column(Text, nullable=False, default="")

    __table_args__ = (Index("ix_business_group_name", "name"),)


class GroupMember(SyncMixin, Base):
    """A registered person's membership of a group, with role and join/leave dates.

    ``member_no`` is the running number in the group's member book (1, 2, 3...);
    a person who leaves and joins again gets a new membership row.
    """

    __tablename__ = "group_member"

    group_id: Mapped[str] = mapped_column(ForeignKey("business_group.id"), nullable=False)
    person_id: Mapped[str] = mapped_column(ForeignKey("person.id"), nullable=False)
    member_no: Mapped[int] = mapped_column(Integer, nullable=False)
    role: Mapped[str] = mapped_column(String(12), nullable=False, default="anggota")
    joined_on: Mapped[date] = mapped_column(Date, nullable=False)
    left_on: Mapped[date | None] = mapped_column(Date, nullable=True)

    __table_args__ = (
        Index("uq_group_member_no", "group_id", "member_no", unique=True),
        Index("ix_group_member_person", "person_id"),
    )


class CashEntry(SyncMixin, Base):
    """One line of a group's Buku Kas Umum; append-only (see the module docstring).

    ``no`` is the running line number of the group's book. A reversing entry
    has the opposite ``direction``, the same amount, category, member and
    loan, and ``reverses_id`` pointing at the entry it cancels; the unique
    index lets an entry be reversed once only.
    """

    __tablename__ = "cash_entry"

    group_id: Mapped[str] = mapped_column(ForeignKey("business_group.id"), nullable=False)
    no: Mapped[int] = mapped_column(Integer, nullable=False)
    entry_date: Mapped[date] = mapped_column(Date, nullable=False)
    direction: Mapped[str] = mapped_column(String(6), nullable=False)  # masuk / keluar
    category: Mapped[str] = mapped_column(String(20), nullable=False)
    amount: Mapped[int] = mapped_column(BigInteger, nullable=False)
    member_id: Mapped[str | None] = mapped_column(ForeignKey("group_member.id"), nullable=True)
    loan_id: Mapped[str | None] = mapped_column(ForeignKey("loan.id"), nullable=True)
    receipt_no: Mapped[str] = mapped_column(String(40), nullable=False, default="")
    description: Mapped[str] = mapped_column(Text, nullable=False, default="")
    reverses_id: Mapped[str | None] = mapped_column(ForeignKey("cash_entry.id"), nullable=True)

    __table_args__ = (
        Index("uq_cash_entry_no", "group_id", "no", unique=True),
        Index("ix_cash_entry_date", "group_id", "entry_date"),
        Index("ix_cash_entry_member", "member_id", "category"),
        Index("ix_cash_entry_loan", "loan_id"),
        Index("uq_cash_entry_reverses", "reverses_id", unique=True),
    )


class LedgerClosing(SyncMixin, Base):
    """A closed month of a group's book: the balances and a hash of its entries.

    While ``status`` is "ditutup" no entry may be dated into the month. The
    hash (``services.month_closing.entries_hash``) covers every entry of the
    month, so an entry changed afterwards by a tool outside the app is found
    by re-checking. Reopening (admin only) keeps the row, marked
    "dibuka_kembali" with who, when and why; closing again adds a new row.
    """

    __tablename__ = "ledger_closing"

    group_id: Mapped[str] = mapped_column(ForeignKey("business_group.id"), nullable=False)
    month: Mapped[str] = mapped_column(String(7), nullable=False)  # 2026-11
    opening_balance: Mapped[int] = mapped_column(BigInteger, nullable=False)
    total_in: Mapped[int] = mapped_column(BigInteger, nullable=False)
    total_out: Mapped[int] = mapped_column(BigInteger, nullable=False)
    closing_balance: Mapped[int] = mapped_column(BigInteger, nullable=False)
    entry_count: Mapped[int] = mapped_column(Integer, nullable=False)
    entries_hash: Mapped[str] = mapped_column(String(64), nullable=False)
    closed_on: Mapped[date] = mapped_column(Date, nullable=False)
    closed_by: Mapped[str | None] = mapped_column(ForeignKey("officer.id"), nullable=True)
    status: Mapped[str] = mapped_column(String(15), nullable=False, default="ditutup")
    reopened_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    reopened_by: Mapped[str | None] = mapped_column(ForeignKey("officer.id"), nullable=True)
    reopen_reason: Mapped[str] = mapped_column(Text, nullable=False, default="")

    __table_args__ = (Index("ix_ledger_closing_month", "group_id", "month"),)


class Loan(SyncMixin, Base):
    """A loan from the group to a member. The schedule is computed, never stored.

    ``domain.loan_schedule`` derives the instalments from these fields, and
    what was repaid is the sum of the loan's cash entries, so a reversed
    repayment or a corrected entry can never leave a stale schedule behind.
    ``fee_rate_bp`` is the monthly service fee in basis points (150 = 1,5 %
    a month). ``status`` and ``settled_on`` are kept current by the service
    for quick lists.
    """

    __tablename__ = "loan"

    group_id: Mapped[str] = mapped_column(ForeignKey("business_group.id"), nullable=False)
    member_id: Mapped[str] = mapped_column(ForeignKey("group_member.id"), nullable=False)
    no: Mapped[int] = mapped_column(Integer, nullable=False)
    principal: Mapped[int] = mapped_column(BigInteger, nullable=False)
    fee_method: Mapped[str] = mapped_column(String(8), nullable=False, default="flat")
    fee_rate_bp: Mapped[int] = mapped_column(Integer, nullable=False)
    term_months: Mapped[int] = mapped_column(Integer, nullable=False)
    disbursed_on: Mapped[date] = mapped_column(Date, nullable=False)
    first_due_on: Mapped[date] = mapped_column(Date, nullable=False)
    purpose: Mapped[str] = mapped_column(Text, nullable=False, default="")
    status: Mapped[str] = mapped_column(String(10), nullable=False, default="berjalan")
    settled_on: Mapped[date | None] = mapped_column(Date, nullable=True)

    __table_args__ = (
        Index("uq_loan_no", "group_id", "no", unique=True),
        Index("ix_loan_member", "member_id"),
    )


class Activity(SyncMixin, Base):
    """A socialisation meeting, training or community-parenting session."""

    __tablename__ = "activity"

    activity_date: Mapped[date] = mapped_column(Date, nullable=False)
    start_time: Mapped[str] = mapped_column(String(5), nullable=False, default="")  # 09:00
    kind: Mapped[str] = mapped_column(String(25), nullable=False)
    topic: Mapped[str] = mapped_column(String(300), nullable=False)
    facilitator: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    institution_id: Mapped[str | None] = mapped_column(ForeignKey("institution.id"),
                                                       nullable=True)
    partner_name: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    place: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    group_id: Mapped[str | None] = mapped_column(ForeignKey("business_group.id"), nullable=True)
    unregistered_count: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    notes: Mapped[str] = mapped_column(Text, nullable=False, default="")

    __table_args__ = (Index("ix_activity_date", "activity_date"),)


class ActivityAttendee(SyncMixin, Base):
    """A registered person on an activity's list: invited, then present or absent.

    ``present`` is None while the meeting has not been recorded (the list
    printed for signatures), then True or False.
    """

    __tablename__ = "activity_attendee"

    activity_id: Mapped[str] = mapped_column(ForeignKey("activity.id"), nullable=False)
    person_id: Mapped[str] = mapped_column(ForeignKey("person.id"), nullable=False)
    present: Mapped[bool | None] = mapped_column(Boolean, nullable=True)

    __table_args__ = (
        Index("ix_activity_attendee_activity", "activity_id"),
        Index("ix_activity_attendee_person", "person_id"),
    )
