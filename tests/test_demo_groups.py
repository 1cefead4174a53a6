"""The demo village's business groups and activities, as the demo officer finds them."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from desa_desktop.db.engine import Database
from desa_desktop.domain.months import month_key, previous_month
from desa_desktop.services import (
    accounts,
    activities,
    cashbook,
    demo,
    loans,
    month_closing,
    savings,
    statements,
)
from desa_desktop.services.context import ServiceContext
from desa_desktop.services.demo_groups import BOOK_MONTHS, PLANS
from tests.conftest import TODAY, open_demo


@pytest.fixture(scope="module")
def ctx(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServiceContext]:
    path = tmp_path_factory.mktemp("demogroups") / "karyamukti.sqlite3"
    demo.write_demo_database(path, persons=600, today=TODAY)
    db: Database
    db, _ = open_demo(path)
    officer = accounts.login(db, demo.DEMO_OFFICER_USERNAME, demo.DEMO_OFFICER_PASSWORD)
    yield ServiceContext(db, demo.DEMO_VILLAGE.code, officer, today=lambda: TODAY)
    db.close()


def test_every_group_has_a_year_of_books_with_members_and_officers(ctx) -> None:
    groups = statements.group_summaries(ctx)
    assert sorted(g.name for g in groups) == sorted(p.name for p in PLANS)
    for group in groups:
        assert group.members_active >= 3
        lines = cashbook.entries(ctx, group.id)
        months = {month_key(line.entry_date) for line in lines}
        assert len(months) == BOOK_MONTHS, group.name
        assert {"hibah", "penjualan", "bahan_baku", "simpanan_wajib"} <= {
            line.category for line in lines}
        # The book balances: the running balance ends at the group's balance, never negative.
        assert lines[-1].balance == group.balance > 0
        assert min(line.balance for line in lines) >= 0


def test_months_are_closed_up_to_two_months_ago_and_the_closings_verify(ctx) -> None:
    for group in statements.group_summaries(ctx):
        previous = previous_month(month_key(TODAY))
        assert month_closing.next_month_to_close(ctx, group.id) == previous
        assert month_closing.month_is_closed(ctx, group.id, previous_month(previous))
        assert month_closing.verify_closings(ctx, group.id) == []


def test_a_mistyped_sale_is_reversed_and_posted_again(ctx) -> None:
    first = next(g for g in statements.group_summaries(ctx) if g.name == PLANS[0].name)
    lines = cashbook.entries(ctx, first.id)
    wrong = next(line for line in lines if line.amount == 4_500_000)
    reversal = next(line for line in lines if line.reverses_id == wrong.id)
    assert wrong.reversed_by_no == reversal.no and reversal.direction == "keluar"


def test_loans_run_with_one_borrower_late_and_one_paid_off_early(ctx) -> None:
    every = [loan for g in statements.group_summaries(ctx) for loan in loans.list_loans(ctx, g.id)]
    assert len(every) >= 6
    assert any(loan.arrears.days_late > 30 and loan.arrears.amount_overdue > 0
               for loan in every)
    assert any(loan.status == "lunas" for loan in every)
    assert all(isinstance(loan.outstanding_principal, int) for loan in every)


def test_members_have_savings_and_a_printable_passbook(ctx) -> None:
    group = statements.group_summaries(ctx)[0]
    rows = savings.savings_by_member(ctx, group.id)
    assert rows and all(row.pokok > 0 and row.wajib > 0 for row in rows if row.active)
    book = statements.member_passbook(ctx, rows[0].member_id)
    assert book.savings_total == rows[0].total


def test_activities_of_the_year_with_attendance_and_two_planned(ctx) -> None:
    views = activities.list_activities(ctx)
    assert len(views) >= 12
    held = [v for v in views if v.activity_date <= TODAY]
    planned = [v for v in views if v.activity_date > TODAY]
    assert len(planned) == 2 and all(v.registered_present == 0 for v in planned)
    assert all(v.registered_present > 0 for v in held)
    assert {v.kind for v in views} >= {"sosialisasi", "parenting", "pelatihan_keuangan"}
    assert any(v.group_id for v in views)
