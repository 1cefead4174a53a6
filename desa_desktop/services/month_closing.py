"""Closing the months of a group's cash book: balances locked, entries fingerprinted.

A treasurer who closes November says "these are the figures, and they will
not move". The closing row keeps the month's opening balance, what came in
and went out, the closing balance, the number of lines and a SHA-256 hash
over every line of the month (``entries_hash``). From then on no line can
be dated into the month (``services.cashbook``), and a line changed behind
the app's back (a database tool, a restored file) no longer matches the hash
and the stored figures: ``verify_closings`` says so in plain words.

Months close in order, oldest first, so each closing's opening balance is
the previous closing's closing balance and stays true. Only the admin may
reopen a month, only the latest closed one, and only with a reason; the row
is kept, marked "dibuka_kembali" with who, when and why (the audit log
records the change too), and closing again adds a new row.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from desa_desktop.db.base import utcnow
from desa_desktop.db.ledger_models import BusinessGroup, CashEntry, LedgerClosing
from desa_desktop.db.models import Officer
from desa_desktop.domain.errors import DomainError
from desa_desktop.domain.formatting import rupiah, short_date
from desa_desktop.domain.months import (
    month_bounds,
    month_key,
    month_label,
    next_month,
    parse_month,
)
from desa_desktop.services.cashbook import balance_in
from desa_desktop.services.context import Change, ServiceContext
from desa_desktop.services.errors import PermissionDenied, Problem, ValidationError
from desa_desktop.services.records import load, stamp_new, touch

#: Status of a closing row: in force, or reopened by the admin (kept as a trace).
CLOSING_STATUS = {"ditutup": "Ditutup", "dibuka_kembali": "Dibuka kembali"}


@dataclass(frozen=True)
class ClosingView:
    """One closing row as shown (names of the officers instead of ids)."""

    id: str
    month: str
    opening_balance: int
    total_in: int
    total_out: int
    closing_balance: int
    entry_count: int
    entries_hash: str
    closed_on: date
    closed_by_name: str
    status: str
    reopened_at: datetime | None
    reopened_by_name: str
    reopen_reason: str

    @property
    def active(self) -> bool:
        return self.status == "ditutup"


@dataclass(frozen=True)
class ClosingProblem:
    """A closed month whose lines no longer match what was stored when it closed."""

    month: str
    template: str
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.template.format(**self.params)


@dataclass(frozen=True)
class _Figures:
    opening_balance: int
    total_in: int
    total_out: int
    entry_count: int
    entries_hash: str

    @property
    def closing_balance(self) -> int:
        return self.opening_balance + self.total_in - self.total_out


# ---------------------------------------------------------------------------
# The month's figures and fingerprint
# ---------------------------------------------------------------------------


#: One encoder for every line (``json.dumps`` with options builds a new one per call).
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))

#: The columns the fingerprint covers, in this order.
_HASHED = (CashEntry.id, CashEntry.no, CashEntry.entry_date, CashEntry.direction,
           CashEntry.category, CashEntry.amount, CashEntry.member_id, CashEntry.loan_id,
           CashEntry.receipt_no, CashEntry.description, CashEntry.reverses_id)


def _line_text(e: Any) -> str:
    """One line of the canonical text: every field a reader of the book relies on."""
    return _ENCODER.encode([e.id, e.no, e.entry_date.isoformat(), e.direction, e.category,
                            int(e.amount), e.member_id, e.loan_id, e.receipt_no, e.description,
                            e.reverses_id])


def _month_lines(s: Session, group_id: str, month: str) -> list[Any]:
    """The month's lines as plain rows (no ORM objects: a busy month has thousands)."""
    first, last = month_bounds(month)
    return list(s.execute(select(*_HASHED).where(
        CashEntry.group_id == group_id, CashEntry.entry_date.between(first, last))
        .order_by(CashEntry.no)))


def _hash(lines: list[Any]) -> str:
    text = "\n".join(_line_text(e) for e in lines)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def entries_hash(s: Session, group_id: str, month: str) -> str:
    """SHA-256 (hex) over the month's lines in line-number order.

    The text is one compact JSON array per line (id, no, date, direction,
    category, amount, member, loan, receipt, description, reversed line), so
    the same lines hash the same on any machine and any change shows.
    """
    return _hash(_month_lines(s, group_id, month))


def _figures(s: Session, group_id: str, month: str) -> _Figures:
    lines = _month_lines(s, group_id, month)
    first, _ = month_bounds(month)
    return _Figures(
        opening_balance=balance_in(s, group_id, before=first),
        total_in=sum(int(e.amount) for e in lines if e.direction == "masuk"),
        total_out=sum(int(e.amount) for e in lines if e.direction == "keluar"),
        entry_count=len(lines),
        entries_hash=_hash(lines))


# ---------------------------------------------------------------------------
# Which months are closed, and which is next
# ---------------------------------------------------------------------------


def _active(s: Session, group_id: str) -> list[LedgerClosing]:
    return list(s.scalars(select(LedgerClosing).where(
        LedgerClosing.group_id == group_id, LedgerClosing.status == "ditutup",
        LedgerClosing.deleted_at.is_(None)).order_by(LedgerClosing.month)))


def _start_month(s: Session, group_id: str, closed: list[LedgerClosing]) -> str | None:
    """Where the book starts: its first line's month, or an earlier closed (empty) month."""
    first = s.scalar(select(func.min(CashEntry.entry_date))
                     .where(CashEntry.group_id == group_id))
    starts = [month_key(first)] if first is not None else []
    if closed:
        starts.append(closed[0].month)
    return min(starts) if starts else None


def _first_open(s: Session, group_id: str) -> str | None:
    """The oldest month of the book not closed yet (None: an empty book)."""
    closed = _active(s, group_id)
    key = _start_month(s, group_id, closed)
    if key is None:
        return None
    done = {c.month for c in closed}
    while key in done:
        key = next_month(key)
    return key


def _month_problem(month: str) -> Problem | None:
    try:
        parse_month(month)
    except DomainError as err:
        return Problem.of(err)
    return None


# ---------------------------------------------------------------------------
# Closing and reopening
# ---------------------------------------------------------------------------


def close_month(ctx: ServiceContext, group_id: str, month: str) -> Change:
    """Close a month that has ended, after every earlier month of the book."""
    ctx.require_editor()
    bad = _month_problem(month)
    if bad is not None:
        raise ValidationError([bad])
    with ctx.db.sessions.begin() as s:
        group = load(s, BusinessGroup, group_id)
        _, last_day = month_bounds(month)
        label = month_label(month)
        problems: list[Problem] = []
        if ctx.today() <= last_day:
            problems.append(Problem("month", "Bulan {month} belum berakhir; bulan ini dapat "
                                             "ditutup mulai {day}.",
                                    {"month": label,
                                     "day": short_date(date.fromordinal(
                                         last_day.toordinal() + 1))}))
        if month < month_key(group.founded_on):
            problems.append(Problem("month", "Kelompok baru berdiri pada {day}; bulan {month} "
                                             "tidak ada di bukunya.",
                                    {"day": short_date(group.founded_on), "month": label}))
        if any(c.month == month for c in _active(s, group_id)):
            problems.append(Problem("month", "Bulan {month} sudah ditutup.", {"month": label}))
        else:
            first_open = _first_open(s, group_id)
            if first_open is not None and first_open < month:
                problems.append(Problem("month", "Tutup dulu bulan {month}; bulan-bulan buku "
                                                 "kas ditutup berurutan.",
                                        {"month": month_label(first_open)}))
        if problems:
            raise ValidationError(problems)
        figures = _figures(s, group_id, month)
        row = stamp_new(ctx, LedgerClosing(
            group_id=group_id, month=month, opening_balance=figures.opening_balance,
            total_in=figures.total_in, total_out=figures.total_out,
            closing_balance=figures.closing_balance, entry_count=figures.entry_count,
            entries_hash=figures.entries_hash, closed_on=ctx.today(),
            closed_by=ctx.officer_id, status="ditutup"))
        s.add(row)
        s.flush()
        return Change("ledger_closing", (row.id,), "created")


def reopen_month(ctx: ServiceContext, group_id: str, month: str, *, reason: str) -> Change:
    """Reopen the latest closed month (admin only, with a reason kept on the row)."""
    if ctx.officer is None or ctx.officer.role != "admin":
        raise PermissionDenied("Hanya admin yang dapat membuka kembali bulan yang sudah "
                               "ditutup.")
    bad = _month_problem(month)
    if bad is not None:
        raise ValidationError([bad])
    with ctx.db.sessions.begin() as s:
        load(s, BusinessGroup, group_id)
        closed = _active(s, group_id)
        problems: list[Problem] = []
        if not reason.strip():
            problems.append(Problem("reason", "Tulis alasan membuka kembali bulan ini."))
        row = next((c for c in closed if c.month == month), None)
        if row is None:
            problems.append(Problem("month", "Bulan {month} belum ditutup.",
                                    {"month": month_label(month)}))
        elif closed[-1].month != month:
            problems.append(Problem("month", "Buka dulu bulan {month}; hanya bulan terakhir "
                                             "yang ditutup dapat dibuka kembali.",
                                    {"month": month_label(closed[-1].month)}))
        if problems:
            raise ValidationError(problems)
        assert row is not None
        row.status = "dibuka_kembali"
        row.reopened_at = utcnow()
        row.reopened_by = ctx.officer_id
        row.reopen_reason = reason.strip()
        touch(ctx, row)
        return Change("ledger_closing", (row.id,), "updated")


# ---------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------


def closings(ctx: ServiceContext, group_id: str) -> list[ClosingView]:
    """Every closing row of the group, reopened ones included, oldest month first."""
    closer, reopener = aliased(Officer), aliased(Officer)
    with ctx.db.sessions() as s:
        load(s, BusinessGroup, group_id)
        rows = s.execute(
            select(LedgerClosing, closer.full_name, reopener.full_name)
            .outerjoin(closer, closer.id == LedgerClosing.closed_by)
            .outerjoin(reopener, reopener.id == LedgerClosing.reopened_by)
            .where(LedgerClosing.group_id == group_id, LedgerClosing.deleted_at.is_(None))
            .order_by(LedgerClosing.month, LedgerClosing.created_at))
        return [ClosingView(c.id, c.month, c.opening_balance, c.total_in, c.total_out,
                            c.closing_balance, c.entry_count, c.entries_hash, c.closed_on,
                            closed_by or "", c.status, c.reopened_at, reopened_by or "",
                            c.reopen_reason) for c, closed_by, reopened_by in rows]


def month_is_closed(ctx: ServiceContext, group_id: str, month: str) -> bool:
    with ctx.db.sessions() as s:
        return any(c.month == month for c in _active(s, group_id))


def next_month_to_close(ctx: ServiceContext, group_id: str) -> str | None:
    """The oldest open month of the book if it has ended, else None (nothing to close)."""
    with ctx.db.sessions() as s:
        key = _first_open(s, group_id)
    if key is None or month_bounds(key)[1] >= ctx.today():
        return None
    return key


def verify_closings(ctx: ServiceContext, group_id: str) -> list[ClosingProblem]:
    """Re-check every closed month against its lines as they are now.

    Nothing is expected to differ (the app never changes a posted line and
    never dates one into a closed month); a difference means the file was
    changed outside the app, and the officer is told which month and how.
    """
    found: list[ClosingProblem] = []
    with ctx.db.sessions() as s:
        load(s, BusinessGroup, group_id)
        for row in _active(s, group_id):
            now = _figures(s, group_id, row.month)
            label = month_label(row.month)
            if now.entries_hash != row.entries_hash:
                found.append(ClosingProblem(row.month, "Isi buku kas bulan {month} tidak sama "
                                            "lagi dengan saat ditutup pada {day}: ada entri "
                                            "yang diubah, ditambah atau dihapus di luar "
                                            "aplikasi.",
                                            {"month": label, "day": short_date(row.closed_on)}))
            for name, template in _FIGURE_CHECKS:
                then, current = getattr(row, name), getattr(now, name)
                if then != current:
                    found.append(ClosingProblem(row.month, template, {
                        "month": label, "then": _shown(name, then),
                        "now": _shown(name, current)}))
    return found


_FIGURE_CHECKS = (
    ("entry_count", "Jumlah entri bulan {month} saat ditutup {then}, sekarang {now}."),
    ("opening_balance", "Saldo awal bulan {month} saat ditutup {then}, sekarang {now}."),
    ("total_in", "Pemasukan bulan {month} saat ditutup {then}, sekarang {now}."),
    ("total_out", "Pengeluaran bulan {month} saat ditutup {then}, sekarang {now}."),
    ("closing_balance", "Saldo akhir bulan {month} saat ditutup {then}, sekarang {now}."),
)


def _shown(name: str, value: int) -> str:
    return str(value) if name == "entry_count" else rupiah(value)
