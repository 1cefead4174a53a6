"""The monthly statement, passbook, overview and group list, against the book itself.

The sample book (tests/reports/ledger_sample.py) has a month with reversals
(October), a month without lines (August), a running month (November) and
loans repaid, late and paid off after the month they are reported in. Every
figure is checked by hand where the sample makes it easy, and otherwise
against a plain recomputation from the book's lines.
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import event, text

from desa_desktop.db.ledger_models import Activity
from desa_desktop.domain.errors import DomainError
from desa_desktop.domain.months import month_bounds, next_month
from desa_desktop.services import cashbook, groups, month_closing, statements
from desa_desktop.services.context import ServiceContext
from desa_desktop.services.errors import NotFoundError, ValidationError
from desa_desktop.services.groups import GroupInput, create_group
from desa_desktop.services.records import stamp_new
from tests.reports.ledger_sample import Book, build_book
from tests.services.helpers import add_person


@pytest.fixture
def book(ctx: ServiceContext) -> Book:
    return build_book(ctx)


def _by_code(items: tuple[statements.CategoryTotal, ...]) -> dict[str, tuple[int, int, int]]:
    return {c.category: (c.amount, c.reversed_amount, c.line_count) for c in items}


def test_october_nets_each_reversal_into_its_category_on_its_side(
        ctx: ServiceContext, book: Book) -> None:
    data = statements.monthly_statement(ctx, book.group_id, "2026-10")
    # Sales: 500.000 (8th) + 500.000 (3rd, reversed) + 300.000 = 800.000 net; the
    # reversal is not an expense.
    assert _by_code(data.income) == {"penjualan": (800_000, 500_000, 4),
                                     "simpanan_wajib": (20_000, 0, 1)}
    # Raw materials 200.000 minus a September line of 150.000 reversed in October.
    assert _by_code(data.expense) == {"simpanan_sukarela": (50_000, 0, 1),
                                      "bahan_baku": (50_000, 150_000, 2),
                                      "pinjaman_keluar": (600_000, 0, 1)}
    assert [c.category for c in data.expense] == ["simpanan_sukarela", "bahan_baku",
                                                  "pinjaman_keluar"]  # CATEGORY order
    assert (data.total_in, data.total_out) == (820_000, 700_000)
    assert data.closing_balance == data.opening_balance + 120_000
    assert data.closing_balance == cashbook.balance(ctx, book.group_id,
                                                    until=date(2026, 10, 31))
    assert data.month_label == "Oktober 2026" and not data.month_running
    assert data.closed and data.hash_matches is True
    assert data.chair_name == "Siti Aminah" and data.treasurer_name == "Dewi Lestari"
    assert data.header.post_name == "Pos Layanan Desmigratif Karyamukti"
    assert data.header.village_line == "DESA KARYAMUKTI"
    assert data.printed_by == "Admin Desa"
    reversal = next(x for x in data.lines if x.reverses_id == book.sale_reversed)
    original = next(x for x in data.lines if x.id == book.sale_reversed)
    assert reversal.reverses_no == original.no and original.reversed_by_no == reversal.no


def test_every_month_adds_up_and_matches_its_closing(ctx: ServiceContext, book: Book) -> None:
    """Recomputed from scratch for each month: opening, sides, closing, lines, closings."""
    whole = cashbook.entries(ctx, book.group_id)
    closings = {c.month: c for c in month_closing.closings(ctx, book.group_id)}
    previous_closing = 0
    key = "2026-01"
    while key <= "2026-11":
        first, last = month_bounds(key)
        data = statements.monthly_statement(ctx, book.group_id, key)
        before = sum(x.signed for x in whole if x.entry_date < first)
        month = [x for x in whole if first <= x.entry_date <= last]
        assert data.opening_balance == before == previous_closing
        assert data.total_in - data.total_out == sum(x.signed for x in month)
        assert data.total_in == sum(c.amount for c in data.income)
        assert data.closing_balance == before + sum(x.signed for x in month)
        assert [x.id for x in data.lines] == [x.id for x in month]
        if data.lines:
            assert data.lines[-1].balance == data.closing_balance
        for figure in (data.opening_balance, data.total_in, data.total_out,
                       data.closing_balance, *(c.amount for c in data.income + data.expense)):
            assert type(figure) is int
        if key in closings:
            stored = closings[key]
            assert (stored.opening_balance, stored.closing_balance) == (
                data.opening_balance, data.closing_balance)
            # The closing keeps cash in and out by direction; the statement nets
            # reversals by side. Both describe the same movement of cash.
            assert stored.total_in - stored.total_out == data.total_in - data.total_out
            assert data.closing == stored and data.hash_matches is True
        previous_closing = data.closing_balance
        key = next_month(key)


def test_a_month_without_lines_carries_the_balance_over(ctx: ServiceContext,
                                                        book: Book) -> None:
    data = statements.monthly_statement(ctx, book.group_id, "2026-08")
    july = statements.monthly_statement(ctx, book.group_id, "2026-07")
    assert data.lines == () and data.income == () and data.expense == ()
    assert (data.total_in, data.total_out) == (0, 0)
    assert data.opening_balance == data.closing_balance == july.closing_balance
    assert data.closed and data.hash_matches is True
    assert [v.no for v in data.loans] == [2]  # the late loan is still on the statement


def test_loans_are_reported_as_they_stood_at_the_end_of_the_month(
        ctx: ServiceContext, book: Book) -> None:
    october = statements.monthly_statement(ctx, book.group_id, "2026-10")
    # Loan 1 was paid off in July; loan 3, paid off on 5 November, was owed in October.
    assert [(v.no, v.member_name, v.outstanding_principal) for v in october.loans] == [
        (2, "Ahmad Sobari", 1_000_000), (3, "Dewi Lestari", 600_000)]
    late = october.loans[0].arrears
    # 112.000 a month from 1 April; April and May paid: June to October overdue.
    assert (late.amount_overdue, late.instalments_late, late.days_late) == (560_000, 5, 152)
    assert october.loans[1].arrears.amount_overdue == 0
    assert (october.loans_outstanding, october.arrears_total, october.arrears_count) == (
        1_600_000, 560_000, 1)
    november = statements.monthly_statement(ctx, book.group_id, "2026-11")
    assert [v.no for v in november.loans] == [2]
    assert november.arrears_total == 672_000  # November's instalment fell due on the 1st


def test_the_running_month_is_so_far_and_not_closed(ctx: ServiceContext, book: Book) -> None:
    data = statements.monthly_statement(ctx, book.group_id, "2026-11")
    assert data.month_running and data.as_of == date(2026, 11, 22)
    assert data.closing is None and data.hash_matches is None and not data.closed
    assert _by_code(data.income) == {"penjualan": (250_000, 0, 1),
                                     "angsuran_pinjaman": (600_000, 0, 1)}
    assert data.closing_balance == cashbook.balance(ctx, book.group_id)


def test_months_outside_the_book_are_refused_in_plain_words(ctx: ServiceContext,
                                                            book: Book) -> None:
    with pytest.raises(ValidationError) as future:
        statements.monthly_statement(ctx, book.group_id, "2026-12")
    assert "Desember 2026 belum dimulai" in str(future.value)
    with pytest.raises(ValidationError) as early:
        statements.monthly_statement(ctx, book.group_id, "2025-12")
    assert "baru berdiri 05/01/2026" in str(early.value)
    with pytest.raises(DomainError):
        statements.monthly_statement(ctx, book.group_id, "2026-13")
    with pytest.raises(NotFoundError):
        statements.monthly_statement(ctx, "no-such-group", "2026-10")
    # The founding month itself is fine, even with the group founded mid-month.
    assert statements.monthly_statement(ctx, book.group_id, "2026-01").opening_balance == 0


def test_a_line_changed_behind_the_apps_back_breaks_the_closing_hash(
        ctx: ServiceContext, book: Book) -> None:
    october = statements.monthly_statement(ctx, book.group_id, "2026-10")
    victim = october.lines[1].id
    with ctx.db.engine.begin() as conn:
        conn.execute(text("DROP TRIGGER cash_entry_no_update"))
        conn.execute(text("UPDATE cash_entry SET amount = amount + 1000 WHERE id = :id"),
                     {"id": victim})
    after = statements.monthly_statement(ctx, book.group_id, "2026-10")
    assert after.closed and after.hash_matches is False
    assert statements.monthly_statement(ctx, book.group_id, "2026-09").hash_matches is True


def test_the_village_head_may_read_the_statement(head_ctx: ServiceContext, ctx: ServiceContext,
                                                 book: Book) -> None:
    data = statements.monthly_statement(head_ctx, book.group_id, "2026-10")
    assert data.printed_by == "Bapak Kepala Desa" and data.total_in == 820_000


# ---------------------------------------------------------------------------
# Passbook
# ---------------------------------------------------------------------------


def test_passbook_savings_by_kind_with_every_line(ctx: ServiceContext, book: Book) -> None:
    data = statements.member_passbook(ctx, book.members[0])  # Siti Aminah, the chair
    assert data.member.full_name == "Siti Aminah" and data.group.id == book.group_id
    assert data.balances == {"simpanan_pokok": 100_000, "simpanan_wajib": 20_000,
                             "simpanan_sukarela": 100_000}
    assert list(data.balances) == ["simpanan_pokok", "simpanan_wajib", "simpanan_sukarela"]
    assert data.savings_total == 220_000
    assert [(x.category, x.deposit, x.withdrawal, x.balance_of_kind) for x in data.savings] == [
        ("simpanan_pokok", 100_000, 0, 100_000), ("simpanan_sukarela", 150_000, 0, 150_000),
        ("simpanan_wajib", 20_000, 0, 20_000), ("simpanan_sukarela", 0, 50_000, 100_000)]
    assert data.loans == () and data.treasurer_name == "Dewi Lestari"


def test_passbook_loan_with_schedule_and_merged_repayments(ctx: ServiceContext,
                                                           book: Book) -> None:
    data = statements.member_passbook(ctx, book.members[2])  # Ahmad Sobari
    (item,) = data.loans
    assert item.loan.no == 2 and len(item.schedule) == 12
    assert item.state_labels[:3] == ("Lunas", "Lunas", "Terlambat")
    assert item.state_labels[-1] == "Belum dibayar"
    assert [(p.entry_date, p.principal, p.fee, p.receipt_no, len(p.nos), p.reversal)
            for p in item.payments] == [
        (date(2026, 4, 1), 100_000, 12_000, "A-1", 2, False),
        (date(2026, 5, 1), 100_000, 12_000, "A-2", 2, False)]
    assert data.balances["simpanan_pokok"] == 100_000 and data.savings_total == 100_000


def test_passbook_shows_a_reversed_repayment_as_a_negative_row(ctx: ServiceContext,
                                                               book: Book) -> None:
    fee_line = next(x for x in cashbook.entries(ctx, book.group_id)
                    if x.loan_no == 2 and x.category == "jasa_pinjaman"
                    and x.entry_date == date(2026, 5, 1))
    cashbook.reverse_entry(ctx, fee_line.id, on=date(2026, 11, 10), reason="Salah hitung")
    item = statements.member_passbook(ctx, book.members[2]).loans[0]
    last = item.payments[-1]
    assert (last.entry_date, last.principal, last.fee, last.total, last.reversal) == (
        date(2026, 11, 10), 0, -12_000, -12_000, True)
    assert sum(p.fee for p in item.payments) == item.loan.fee_paid == 12_000


def test_passbook_of_a_member_with_nothing(ctx: ServiceContext) -> None:
    g = create_group(ctx, GroupInput("KUP Abon Ikan", "kup", "Abon ikan",
                                     date(2026, 3, 1))).ids[0]
    member = groups.add_member(ctx, g, add_person(ctx, "Rina Marlina", sex="P"),
                               joined_on=date(2026, 3, 2)).ids[0]
    data = statements.member_passbook(ctx, member)
    assert data.savings == () and data.loans == () and data.savings_total == 0
    assert data.treasurer_name == ""


# ---------------------------------------------------------------------------
# Overview and the list of groups
# ---------------------------------------------------------------------------


def _activity(ctx: ServiceContext, group_id: str, day: date) -> None:
    with ctx.db.sessions.begin() as s:
        s.add(stamp_new(ctx, Activity(activity_date=day, kind="pelatihan_pemasaran",
                                      topic="Kemasan keripik", group_id=group_id)))


def test_overview_figures_and_twelve_months(ctx: ServiceContext, book: Book) -> None:
    _activity(ctx, book.group_id, date(2026, 9, 12))
    _activity(ctx, book.group_id, date(2026, 12, 1))  # planned, not yet held
    view = statements.group_overview(ctx, book.group_id)
    assert view.balance == cashbook.balance(ctx, book.group_id)
    assert (view.members_active, view.loans_active, view.loans_outstanding) == (4, 1, 1_000_000)
    assert (view.arrears_total, view.arrears_count) == (672_000, 1)
    assert view.savings_total == 4 * 100_000 + 150_000 + 20_000 - 50_000
    assert view.last_entry_date == date(2026, 11, 6)
    assert view.last_activity_date == date(2026, 9, 12)
    assert [m for m, _, _ in view.months] == [
        "2025-12", *(f"2026-{n:02d}" for n in range(1, 12))]
    months = {m: (i, o) for m, i, o in view.months}
    assert months["2026-10"] == (820_000, 700_000)
    assert months["2026-08"] == (0, 0) and months["2025-12"] == (0, 0)
    for key, (money_in, money_out) in months.items():
        if key >= "2026-01":
            data = statements.monthly_statement(ctx, book.group_id, key)
            assert (money_in, money_out) == (data.total_in, data.total_out), key


def _count_queries(ctx: ServiceContext) -> tuple[list[statements.GroupSummary], int]:
    seen: list[str] = []

    def note(*args: object) -> None:
        seen.append(str(args[2]))

    event.listen(ctx.db.engine, "before_cursor_execute", note)
    try:
        rows = statements.group_summaries(ctx)
    finally:
        event.remove(ctx.db.engine, "before_cursor_execute", note)
    return rows, len(seen)


def test_group_summaries_one_query_per_figure(ctx: ServiceContext, book: Book) -> None:
    rows, one_group = _count_queries(ctx)
    assert len(rows) == 1
    create_group(ctx, GroupInput("BUMDes Kopi Karyamukti", "bumdes", "Kopi",
                                 date(2026, 6, 1)))
    create_group(ctx, GroupInput("Koperasi Tenun Ikat", "koperasi", "Tenun ikat",
                                 date(2026, 2, 1)))
    rows, three_groups = _count_queries(ctx)
    assert three_groups == one_group  # the list does not grow a query per group
    assert [r.name for r in rows] == ["BUMDes Kopi Karyamukti", "Kelompok Keripik Singkong "
                                      "Mekar", "Koperasi Tenun Ikat"]
    busy = rows[1]
    overview = statements.group_overview(ctx, book.group_id)
    assert (busy.members_active, busy.balance, busy.loans_active, busy.last_entry_date) == (
        overview.members_active, overview.balance, overview.loans_active,
        overview.last_entry_date)
    empty = rows[0]
    assert (empty.kind, empty.members_active, empty.balance, empty.loans_active,
            empty.last_entry_date) == ("bumdes", 0, 0, 0, None)


def test_overview_of_a_group_with_an_empty_book(ctx: ServiceContext) -> None:
    g = create_group(ctx, GroupInput("KUP Abon Ikan", "kup", "Abon ikan",
                                     date(2026, 10, 1))).ids[0]
    view = statements.group_overview(ctx, g)
    assert (view.balance, view.members_active, view.loans_active, view.loans_outstanding,
            view.arrears_total, view.arrears_count, view.savings_total) == (0, 0, 0, 0, 0, 0, 0)
    assert view.last_entry_date is None and view.last_activity_date is None
    assert len(view.months) == 12 and all(i == o == 0 for _, i, o in view.months)
