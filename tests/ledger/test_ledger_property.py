"""The running balance is always right: random books checked against a plain recomputation.

Hypothesis writes random sequences of what a treasurer does over eleven
months (income and expense lines, savings deposits and withdrawals,
reversals, month closings and the admin's reopenings, dated anywhere from
before the founding to after today) and runs them through the services. A
small model in plain Python, written apart from the services, predicts for
every step whether the book must accept or refuse it, and keeps the lines.
At the end every figure the app shows is recomputed from the model's lines:
the balance (in total and at every month end), every running balance of
every month's lines, every closing's stored figures and hash (reopened ones
as they were when closed), the savings of each member and their passbook
lines, and the monthly statement of every month.
"""

from __future__ import annotations

import calendar
import hashlib
import itertools
import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from desa_desktop.services import cashbook, groups, month_closing, savings, statements
from desa_desktop.services.cashbook import EntryInput
from desa_desktop.services.context import ServiceContext
from desa_desktop.services.errors import ValidationError
from desa_desktop.services.groups import GroupInput
from tests.conftest import TODAY
from tests.services.helpers import add_person

FOUNDED = date(2026, 1, 1)
#: Member 0 and 1 joined at the founding, member 2 only on 1 April.
JOINED = (date(2026, 1, 1), date(2026, 1, 1), date(2026, 4, 1))
KINDS = ("simpanan_pokok", "simpanan_wajib", "simpanan_sukarela")
PLAIN = (("masuk", "penjualan"), ("masuk", "hibah"), ("masuk", "lainnya"),
         ("keluar", "bahan_baku"), ("keluar", "peralatan"), ("keluar", "lainnya"))
MONTHS = tuple("2025-12" if m == 0 else f"2026-{m:02d}" for m in range(12))
_names = itertools.count(1)


def _key(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def _last_day(month: str) -> date:
    year, mon = int(month[:4]), int(month[5:])
    return date(year, mon, calendar.monthrange(year, mon)[1])


def _next(month: str) -> str:
    year, mon = int(month[:4]), int(month[5:])
    return f"{year + mon // 12:04d}-{mon % 12 + 1:02d}"


# ---------------------------------------------------------------------------
# The model: lines and closings in plain Python
# ---------------------------------------------------------------------------


@dataclass
class Line:
    id: str
    no: int
    day: date
    direction: str
    category: str
    amount: int
    member: int | None
    receipt_no: str
    description: str
    reverses: int | None = None  # index in Model.lines
    reversed_by: int | None = None

    @property
    def signed(self) -> int:
        return self.amount if self.direction == "masuk" else -self.amount


@dataclass
class Closing:
    month: str
    active: bool
    figures: tuple[int, int, int, int, int, str]  # opening, in, out, closing, count, hash


@dataclass
class Model:
    lines: list[Line] = field(default_factory=list)
    closings: list[Closing] = field(default_factory=list)

    # -- what is held --------------------------------------------------------------------
    def cash(self) -> int:
        return sum(line.signed for line in self.lines)

    def held(self, member: int, kind: str) -> int:
        return sum(line.signed for line in self.lines
                   if line.member == member and line.category == kind)

    def active(self) -> list[str]:
        return sorted(c.month for c in self.closings if c.active)

    # -- the month's figures, from scratch -----------------------------------------------
    def month_lines(self, month: str) -> list[Line]:
        return sorted((line for line in self.lines if _key(line.day) == month),
                      key=lambda line: line.no)

    def figures(self, month: str) -> tuple[int, int, int, int, int, str]:
        first = date(int(month[:4]), int(month[5:]), 1)
        opening = sum(line.signed for line in self.lines if line.day < first)
        lines = self.month_lines(month)
        total_in = sum(line.amount for line in lines if line.direction == "masuk")
        total_out = sum(line.amount for line in lines if line.direction == "keluar")
        text = "\n".join(json.dumps(
            [line.id, line.no, line.day.isoformat(), line.direction, line.category, line.amount,
             None if line.member is None else MEMBER_IDS[line.member], None, line.receipt_no,
             line.description, None if line.reverses is None else self.lines[line.reverses].id],
            ensure_ascii=False, separators=(",", ":")) for line in lines)
        return (opening, total_in, total_out, opening + total_in - total_out, len(lines),
                hashlib.sha256(text.encode("utf-8")).hexdigest())

    # -- the rules, written out again -----------------------------------------------------
    def date_ok(self, day: date) -> bool:
        closed = self.active()
        return (FOUNDED <= day <= TODAY and _key(day) not in closed
                and (not closed or _key(day) >= closed[-1]))

    def first_open(self) -> str | None:
        closed = self.active()
        starts = [_key(min(line.day for line in self.lines))] if self.lines else []
        starts += closed[:1]
        if not starts:
            return None
        month = min(starts)
        while month in closed:
            month = _next(month)
        return month

    def may_post(self, day: date, direction: str, category: str, amount: int,
                 member: int | None) -> bool:
        if not self.date_ok(day):
            return False
        if member is not None and day < JOINED[member]:
            return False
        if (category in KINDS and direction == "keluar"
                and amount > self.held(member, category)):  # type: ignore[arg-type]
            return False
        return not (direction == "keluar" and amount > self.cash())

    def may_reverse(self, index: int, day: date, reason: str) -> bool:
        line = self.lines[index]
        if not reason.strip() or line.reverses is not None or line.reversed_by is not None:
            return False
        if day < line.day or not self.date_ok(day):
            return False
        if (line.category in KINDS and line.direction == "masuk"
                and line.amount > self.held(line.member, line.category)):  # type: ignore[arg-type]
            return False
        return not (line.direction == "masuk" and line.amount > self.cash())

    def may_close(self, month: str) -> bool:
        first_open = self.first_open()
        return (_last_day(month) < TODAY and month >= _key(FOUNDED)
                and month not in self.active()
                and (first_open is None or first_open >= month))

    def may_reopen(self, month: str) -> bool:
        closed = self.active()
        return bool(closed) and closed[-1] == month

    def next_to_close(self) -> str | None:
        month = self.first_open()
        return month if month is not None and _last_day(month) < TODAY else None


MEMBER_IDS: list[str] = []  # the current example's member ids, by model index


# ---------------------------------------------------------------------------
# Random treasurer's work
# ---------------------------------------------------------------------------

amounts = st.one_of(st.integers(min_value=1, max_value=3_000_000),
                    st.sampled_from([5_000, 20_000, 50_000, 100_000, 250_000, 1_000_000]))
#: Time moves on: each dated step advances the treasurer's calendar by 0-20 days and is
#: sometimes back-dated up to 60 days (into closed months, before the founding...).
steps = st.integers(min_value=0, max_value=20)
backs = st.one_of(st.just(0), st.just(0), st.integers(min_value=0, max_value=60))
post_op = st.tuples(st.just("post"), steps, backs, st.sampled_from(PLAIN), amounts)
grant_op = st.tuples(st.just("grant"), steps, backs, amounts.map(lambda a: a * 3))
savings_op = st.tuples(st.just("savings"), steps, backs, st.sampled_from(("masuk", "keluar")),
                       st.sampled_from(KINDS), st.integers(min_value=0, max_value=2), amounts)
reverse_op = st.tuples(st.just("reverse"), st.integers(min_value=0, max_value=10_000),
                       st.integers(min_value=-2, max_value=45),
                       st.sampled_from(("salah ketik", "nota ganda", " ")))
OPERATIONS = {
    "post": post_op, "grant": grant_op, "savings": savings_op, "reverse": reverse_op,
    "close_next": st.tuples(st.just("close_next")),
    "close": st.tuples(st.just("close"), st.sampled_from(MONTHS)),
    "reopen_latest": st.tuples(st.just("reopen_latest")),
    "reopen": st.tuples(st.just("reopen"), st.sampled_from(MONTHS)),
}
#: How often each happens: mostly lines, now and then a closing, rarely a reopening.
WEIGHTS = {"post": 8, "grant": 2, "savings": 6, "reverse": 3, "close_next": 3, "close": 1,
           "reopen_latest": 1, "reopen": 1}
operations = st.lists(
    st.sampled_from([k for k, n in WEIGHTS.items() for _ in range(n)])
    .flatmap(OPERATIONS.__getitem__), min_size=15, max_size=60)


@dataclass
class Clock:
    """The treasurer's calendar while an example runs."""

    now: date = date(2025, 12, 29)

    def day(self, step: int, back: int) -> date:
        self.now = min(self.now + timedelta(days=step), TODAY + timedelta(days=3))
        return self.now - timedelta(days=back)


def _accepted(call) -> bool:  # type: ignore[no-untyped-def]
    try:
        call()
    except ValidationError:
        return False
    return True


def _run(ctx: ServiceContext, group_id: str, model: Model, clock: Clock, op: tuple) -> None:
    kind = op[0]
    if kind in ("post", "grant", "savings"):
        if kind == "post":
            _, step, back, (direction, category), amount = op
            member = None
        elif kind == "grant":
            _, step, back, amount = op
            direction, category, member = "masuk", "hibah", None
        else:
            _, step, back, direction, category, member, amount = op
        day = clock.day(step, back)
        receipt = f"N-{len(model.lines) + 1}"
        expected = model.may_post(day, direction, category, amount, member)
        data = EntryInput(day, direction, category, amount,
                          None if member is None else MEMBER_IDS[member], receipt, " acak ")
        ids: list[str] = []
        done = _accepted(lambda: ids.extend(cashbook.post_entry(ctx, group_id, data).ids))
        assert done == expected, (op, model.cash())
        if done:
            model.lines.append(Line(ids[0], len(model.lines) + 1, day, direction, category,
                                    amount, member, receipt, "acak"))
    elif kind == "reverse":
        _, pick, offset, reason = op
        if not model.lines:
            return
        index = pick % len(model.lines)
        original = model.lines[index]
        day = original.day + timedelta(days=offset)
        expected = model.may_reverse(index, day, reason)
        ids = []
        done = _accepted(lambda: ids.extend(cashbook.reverse_entry(
            ctx, original.id, on=day, reason=reason).ids))
        assert done == expected, (op, original)
        if done:
            flipped = "keluar" if original.direction == "masuk" else "masuk"
            model.lines.append(Line(
                ids[0], len(model.lines) + 1, day, flipped, original.category, original.amount,
                original.member, original.receipt_no,
                f"Pembatalan entri no. {original.no}: {reason.strip()}", reverses=index))
            original.reversed_by = len(model.lines) - 1
    elif kind in ("close", "close_next"):
        month = op[1] if kind == "close" else model.next_to_close()
        assert month_closing.next_month_to_close(ctx, group_id) == model.next_to_close()
        if month is None or (kind == "close_next" and _last_day(month) >= clock.now):
            return  # the treasurer closes a month once it is over on their calendar
        expected = model.may_close(month)
        done = _accepted(lambda: month_closing.close_month(ctx, group_id, month))
        assert done == expected, (op, model.active(), model.first_open())
        if done:
            model.closings.append(Closing(month, True, model.figures(month)))
    else:
        closed = model.active()
        month = op[1] if kind == "reopen" else closed[-1] if closed else None
        if month is None:
            return
        expected = model.may_reopen(month)
        done = _accepted(lambda: month_closing.reopen_month(ctx, group_id, month,
                                                            reason="koreksi"))
        assert done == expected, (op, model.active())
        if done:
            row = next(c for c in model.closings if c.active and c.month == month)
            row.active = False


# ---------------------------------------------------------------------------
# Everything the app shows, against the model
# ---------------------------------------------------------------------------


def _check_book(ctx: ServiceContext, group_id: str, model: Model) -> None:
    assert cashbook.balance(ctx, group_id) == model.cash()
    first = min((line.day for line in model.lines), default=TODAY)
    months = []
    month = _key(first)
    while month <= _key(TODAY):
        months.append(month)
        month = _next(month)
    assert cashbook.months_with_entries(ctx, group_id) == months
    by_no = {line.no: line for line in model.lines}
    for month in months:
        end = _last_day(month)
        assert cashbook.balance(ctx, group_id, until=end) == sum(
            line.signed for line in model.lines if line.day <= end)
        expected = sorted((line for line in model.lines if _key(line.day) == month),
                          key=lambda line: (line.day, line.no))
        running = model.figures(month)[0]
        rows = cashbook.entries(ctx, group_id, month=month)
        assert [row.no for row in rows] == [line.no for line in expected]
        for row, line in zip(rows, expected, strict=True):
            running += line.signed
            assert (row.id, row.entry_date, row.direction, row.category, row.amount,
                    row.balance) == (line.id, line.day, line.direction, line.category,
                                     line.amount, running)
            reverses_no = None if line.reverses is None else model.lines[line.reverses].no
            reversed_by_no = (None if line.reversed_by is None
                              else model.lines[line.reversed_by].no)
            assert (row.reverses_no, row.reversed_by_no) == (reverses_no, reversed_by_no)
            assert type(row.amount) is int and type(row.balance) is int
        _check_statement(ctx, group_id, model, month, expected)
    whole = cashbook.entries(ctx, group_id)
    assert [row.balance for row in whole] == list(itertools.accumulate(
        by_no[row.no].signed for row in whole))


def _check_statement(ctx: ServiceContext, group_id: str, model: Model, month: str,
                     lines: list[Line]) -> None:
    """The monthly statement: category totals net of reversals, on the original's side."""
    data = statements.monthly_statement(ctx, group_id, month)
    opening, _, _, closing, _, digest = model.figures(month)
    sides: dict[tuple[str, str], int] = defaultdict(int)
    for line in lines:
        if line.reverses is None:
            sides[(line.direction, line.category)] += line.amount
        else:
            original = model.lines[line.reverses]
            sides[(original.direction, original.category)] -= line.amount
    assert data.opening_balance == opening
    assert data.closing_balance == closing
    assert {(c.category, c.amount) for c in data.income} == {
        (cat, amount) for (side, cat), amount in sides.items() if side == "masuk"}
    assert {(c.category, c.amount) for c in data.expense} == {
        (cat, amount) for (side, cat), amount in sides.items() if side == "keluar"}
    assert data.total_in - data.total_out == closing - opening
    assert [row.balance for row in data.lines][-1:] == ([closing] if lines else [])
    assert data.closed == (month in model.active())
    assert data.hash_matches in ((None,) if not data.closed else (True,))
    if data.closing is not None:
        assert data.closing.entries_hash == digest


def _check_closings(ctx: ServiceContext, group_id: str, model: Model) -> None:
    rows = month_closing.closings(ctx, group_id)
    expected = sorted(((c.month, i, c) for i, c in enumerate(model.closings)),
                      key=lambda t: (t[0], t[1]))
    assert [(r.month, r.active) for r in rows] == [(c.month, c.active) for _, _, c in expected]
    for row, (_, _, closing) in zip(rows, expected, strict=True):
        stored = (row.opening_balance, row.total_in, row.total_out, row.closing_balance,
                  row.entry_count, row.entries_hash)
        assert stored == closing.figures
        if closing.active:  # still true of the lines as they are now
            assert stored == model.figures(closing.month)
    for month in MONTHS:
        assert month_closing.month_is_closed(ctx, group_id, month) == (month in model.active())
    assert month_closing.next_month_to_close(ctx, group_id) == model.next_to_close()
    assert month_closing.verify_closings(ctx, group_id) == []


def _check_savings(ctx: ServiceContext, group_id: str, model: Model) -> None:
    rows = savings.savings_by_member(ctx, group_id)
    assert [r.member_id for r in rows] == MEMBER_IDS
    for index, row in enumerate(rows):
        held = {kind: model.held(index, kind) for kind in KINDS}
        assert (row.pokok, row.wajib, row.sukarela) == tuple(held.values())
        assert row.total == sum(held.values())
        assert all(value >= 0 for value in held.values())
        assert savings.member_savings(ctx, MEMBER_IDS[index]) == held
        running: dict[str, int] = defaultdict(int)
        expected = []
        for line in sorted((line for line in model.lines
                            if line.member == index and line.category in KINDS),
                           key=lambda line: (line.day, line.no)):
            running[line.category] += line.signed
            expected.append((line.no, line.category, max(line.signed, 0),
                             max(-line.signed, 0), running[line.category]))
        assert [(p.no, p.category, p.deposit, p.withdrawal, p.balance_of_kind)
                for p in savings.savings_lines(ctx, MEMBER_IDS[index])] == expected


# ---------------------------------------------------------------------------
# The property
# ---------------------------------------------------------------------------


@pytest.fixture
def people(ctx: ServiceContext) -> list[str]:
    return [add_person(ctx, name, sex="P") for name in ("Siti Aminah", "Dewi Lestari",
                                                        "Nur Hasanah")]


@settings(max_examples=50, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(ops=operations)
def test_every_balance_matches_a_recomputation_from_scratch(
        ctx: ServiceContext, people: list[str], ops: list[tuple]) -> None:
    # A fresh group per example: books of different groups never mix, so one database serves.
    group_id = groups.create_group(ctx, GroupInput(
        f"Kelompok Acak {next(_names)}", "kup", "Keripik", FOUNDED)).ids[0]
    MEMBER_IDS[:] = [groups.add_member(ctx, group_id, person, joined_on=joined).ids[0]
                     for person, joined in zip(people, JOINED, strict=True)]
    model, clock = Model(), Clock()
    for op in ops:
        _run(ctx, group_id, model, clock, op)
    event(f"lines: {min(len(model.lines) // 5 * 5, 20)}+")
    event(f"closings: {min(len(model.closings), 4)}")
    event(f"reversals: {min(sum(line.reverses is not None for line in model.lines), 3)}")
    assert cashbook.balance(ctx, group_id) == model.cash()
    _check_book(ctx, group_id, model)
    _check_closings(ctx, group_id, model)
    _check_savings(ctx, group_id, model)
