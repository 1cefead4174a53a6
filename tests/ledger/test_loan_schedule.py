"""Loan schedules, arrears, payment splits and payoff: hand-checked against a pencil.

Every expected figure below was worked out by hand (in the comments), the
way a group treasurer checks the printed schedule.
"""

from __future__ import annotations

from datetime import date

import pytest

from desa_desktop.domain.errors import DomainError
from desa_desktop.domain.loan_schedule import (
    NO_ARREARS,
    Arrears,
    Instalment,
    allocate,
    arrears,
    fee_of,
    payoff,
    schedule,
    split_payment,
    term_errors,
    total_due,
)

FIRST_DUE = date(2026, 2, 10)


def flat_loan() -> list[Instalment]:
    """Rp 1.200.000 over 12 months at 1 % a month, flat."""
    return schedule(1_200_000, "flat", 100, 12, FIRST_DUE)


# ---------------------------------------------------------------------------
# Schedules
# ---------------------------------------------------------------------------


def test_flat_fee_is_one_percent_of_the_original_principal_every_month() -> None:
    rows = flat_loan()
    # 1.200.000 / 12 = 100.000 principal; 1 % of 1.200.000 = 12.000 fee; 112.000 a month.
    assert [(r.n, r.principal, r.fee, r.total) for r in rows] == [
        (n, 100_000, 12_000, 112_000) for n in range(1, 13)]
    assert sum(r.fee for r in rows) == 144_000
    assert total_due(rows) == 1_344_000
    assert [r.due_on for r in rows] == [date(2026, m, 10) for m in range(2, 13)] + [
        date(2027, 1, 10)]


def test_declining_fee_follows_the_principal_still_owed() -> None:
    rows = schedule(1_200_000, "menurun", 100, 12, FIRST_DUE)
    # Owed before each instalment: 1.200.000, 1.100.000, ..., 100.000; 1 % of each.
    assert [r.fee for r in rows] == [12_000 - 1_000 * k for k in range(12)]
    assert sum(r.fee for r in rows) == 78_000
    assert [r.total for r in rows] == [112_000 - 1_000 * k for k in range(12)]
    assert all(r.principal == 100_000 for r in rows)


def test_the_remainder_of_the_division_goes_on_the_last_instalment() -> None:
    flat = schedule(1_000_000, "flat", 150, 3, FIRST_DUE)
    # 1.000.000 // 3 = 333.333 twice, then 333.334; 1,5 % of 1.000.000 = 15.000.
    assert [(r.principal, r.fee, r.total) for r in flat] == [
        (333_333, 15_000, 348_333), (333_333, 15_000, 348_333), (333_334, 15_000, 348_334)]
    declining = schedule(1_000_000, "menurun", 150, 3, FIRST_DUE)
    # 1,5 % of 1.000.000 = 15.000; of 666.667 = 10.000,005 -> 10.000;
    # of 333.334 = 5.000,01 -> 5.000.
    assert [(r.principal, r.fee) for r in declining] == [
        (333_333, 15_000), (333_333, 10_000), (333_334, 5_000)]
    assert sum(r.principal for r in declining) == 1_000_000


def test_due_dates_are_clamped_to_the_end_of_shorter_months() -> None:
    rows = schedule(400_000, "flat", 100, 4, date(2027, 1, 31))
    # The 31st each month, or the month's last day: February 2027 has 28 days.
    assert [r.due_on for r in rows] == [date(2027, 1, 31), date(2027, 2, 28),
                                        date(2027, 3, 31), date(2027, 4, 30)]
    leap = schedule(200_000, "flat", 100, 2, date(2028, 1, 31))
    assert [r.due_on for r in leap] == [date(2028, 1, 31), date(2028, 2, 29)]
    # Counted from the first due date, not from the previous one: 30 November -> 30 December.
    rows = schedule(300_000, "flat", 100, 3, date(2026, 11, 30))
    assert [r.due_on for r in rows] == [date(2026, 11, 30), date(2026, 12, 30),
                                        date(2027, 1, 30)]


def test_fees_round_half_up_to_the_rupiah() -> None:
    assert fee_of(1_000_100, 150) == 15_002  # 15.001,5 -> 15.002
    assert fee_of(1_000_099, 150) == 15_001  # 15.001,485 -> 15.001
    assert fee_of(100_100, 50) == 501  # 500,5 -> 501
    assert fee_of(100_099, 50) == 500  # 500,495 -> 500
    rows = schedule(1_000_100, "flat", 150, 2, FIRST_DUE)
    assert [(r.principal, r.fee) for r in rows] == [(500_050, 15_002), (500_050, 15_002)]


def test_a_fee_free_loan_is_allowed() -> None:
    rows = schedule(500_000, "menurun", 0, 5, FIRST_DUE)
    assert [(r.principal, r.fee, r.total) for r in rows] == [(100_000, 0, 100_000)] * 5


def test_one_month_and_sixty_months_are_the_limits() -> None:
    assert [(r.principal, r.fee) for r in schedule(750_000, "flat", 200, 1, FIRST_DUE)] == [
        (750_000, 15_000)]
    long = schedule(6_000_007, "menurun", 100, 60, FIRST_DUE)
    assert len(long) == 60 and long[-1].due_on == date(2031, 1, 10)
    assert [r.principal for r in long] == [100_000] * 59 + [100_007]


def test_every_schedule_repays_exactly_the_principal_in_integers() -> None:
    for principal in (1, 7, 999_999, 1_234_567, 10_000_000_000):
        for term in (1, 2, 7, 13, 60):
            for method in ("flat", "menurun"):
                rows = schedule(principal, method, 137, term, FIRST_DUE)
                assert sum(r.principal for r in rows) == principal
                assert all(type(v) is int for r in rows
                           for v in (r.principal, r.fee, r.total))
                assert all(r.total == r.principal + r.fee for r in rows)


@pytest.mark.parametrize(("args", "field", "message"), [
    ((0, "flat", 100, 12), "principal", "Jumlah uang harus lebih dari nol."),
    ((-5, "flat", 100, 12), "principal", "Jumlah uang harus lebih dari nol."),
    ((1_000_000.0, "flat", 100, 12), "principal",
     "Jumlah uang harus bilangan Rupiah bulat, tanpa sen."),
    ((True, "flat", 100, 12), "principal", "Jumlah uang harus bilangan Rupiah bulat, tanpa sen."),
    ((10_000_000_001, "flat", 100, 12), "principal", "terlalu besar"),
    ((1_000_000, "bunga", 100, 12), "fee_method", "Pilih cara menghitung jasa pinjaman."),
    ((1_000_000, "flat", -1, 12), "fee_rate_bp", "antara 0 dan 10 % sebulan"),
    ((1_000_000, "flat", 1001, 12), "fee_rate_bp", "antara 0 dan 10 % sebulan"),
    ((1_000_000, "flat", 1.5, 12), "fee_rate_bp", "antara 0 dan 10 % sebulan"),
    ((1_000_000, "flat", 100, 0), "term_months", "1 sampai 60 bulan"),
    ((1_000_000, "flat", 100, 61), "term_months", "1 sampai 60 bulan"),
    ((1_000_000, "flat", 100, 12.0), "term_months", "1 sampai 60 bulan"),
])
def test_wrong_terms_are_refused_in_plain_words(args: tuple, field: str, message: str) -> None:
    with pytest.raises(DomainError) as err:
        schedule(*args, FIRST_DUE)
    assert err.value.field == field
    assert message in str(err.value)


def test_every_wrong_term_is_reported_at_once() -> None:
    errors = term_errors(0, "x", 5000, 0)
    assert [e.field for e in errors] == ["principal", "fee_method", "fee_rate_bp", "term_months"]
    assert term_errors(1_000_000, "flat", 1000, 60) == []


# ---------------------------------------------------------------------------
# Arrears
# ---------------------------------------------------------------------------


def test_paying_on_the_due_date_is_on_time() -> None:
    rows = flat_loan()
    assert arrears(rows, 0, date(2026, 2, 9)) == NO_ARREARS
    assert arrears(rows, 0, date(2026, 2, 10)) == NO_ARREARS  # due today, not late yet
    assert arrears(rows, 112_000, date(2026, 3, 10)) == NO_ARREARS


def test_one_instalment_late_by_n_days() -> None:
    rows = flat_loan()
    # Nothing paid; the first instalment (10/02) is one day late on 11/02.
    assert arrears(rows, 0, date(2026, 2, 11)) == Arrears(1, 112_000, 100_000, 12_000, 1)
    # First paid; the second (10/03) is 5 days late on 15/03.
    late = arrears(rows, 112_000, date(2026, 3, 15))
    assert late == Arrears(5, 112_000, 100_000, 12_000, 1)
    assert late.late


def test_a_partial_payment_leaves_the_rest_overdue() -> None:
    rows = flat_loan()
    # 150.000 paid: instalment 1 (112.000) in full, then of instalment 2 its fee 12.000
    # and 26.000 principal; 74.000 principal of instalment 2 still overdue since 10/03.
    assert arrears(rows, 150_000, date(2026, 3, 15)) == Arrears(5, 74_000, 74_000, 0, 1)


def test_days_late_count_from_the_oldest_instalment_not_covered() -> None:
    rows = flat_loan()
    # 50.000 paid: fee 12.000 + principal 38.000 of instalment 1. On 15/03 two instalments
    # are due (224.000) and 174.000 of them is overdue: principal 62.000 + 100.000, fee
    # 12.000 (instalment 2). Late since 10/02: 18 days of February + 15 of March = 33.
    assert arrears(rows, 50_000, date(2026, 3, 15)) == Arrears(33, 174_000, 162_000, 12_000, 2)


def test_paying_ahead_leaves_no_arrears() -> None:
    rows = flat_loan()
    assert arrears(rows, 500_000, date(2026, 4, 30)) == NO_ARREARS
    assert arrears(rows, total_due(rows), date(2027, 6, 1)) == NO_ARREARS


# ---------------------------------------------------------------------------
# Splitting a payment, early payoff
# ---------------------------------------------------------------------------


def test_a_payment_covers_the_fee_first_then_the_principal() -> None:
    rows = flat_loan()
    assert split_payment(rows, 0, 112_000) == (100_000, 12_000)
    assert split_payment(rows, 0, 5_000) == (0, 5_000)
    # 5.000 paid before: the rest of fee 1 (7.000) + principal 1 (100.000), then fee 2
    # (12.000) and 81.000 of principal 2 = 181.000 principal, 19.000 fee.
    assert split_payment(rows, 5_000, 200_000) == (181_000, 19_000)
    declining = schedule(1_200_000, "menurun", 100, 12, FIRST_DUE)
    assert split_payment(declining, 112_000, 111_000) == (100_000, 11_000)


def test_a_payment_larger_than_what_is_left_is_refused() -> None:
    rows = flat_loan()
    # 1.344.000 in all; after 1.300.000 there is 44.000 left, all principal of the last one.
    assert split_payment(rows, 1_300_000, 44_000) == (44_000, 0)
    with pytest.raises(DomainError, match="melebihi sisa pinjaman") as err:
        split_payment(rows, 1_300_000, 44_001)
    assert err.value.params == {"amount": "Rp 44.001", "left": "Rp 44.000"}
    with pytest.raises(DomainError, match="bulat"):
        split_payment(rows, 0, 1_000.5)  # type: ignore[arg-type]


def test_allocation_walks_the_instalments_in_order() -> None:
    rows = schedule(300_000, "flat", 100, 3, FIRST_DUE)  # 3 x (100.000 + 3.000)
    assert allocate(rows, 150_000) == [(100_000, 3_000), (44_000, 3_000), (0, 0)]


def test_early_payoff_waives_fees_not_yet_due() -> None:
    rows = flat_loan()
    # Two instalments paid (10/02, 10/03); the third falls due 10/04.
    assert payoff(rows, 200_000, 24_000, date(2026, 4, 1)) == (1_000_000, 0)
    assert payoff(rows, 200_000, 24_000, date(2026, 4, 10)) == (1_000_000, 12_000)
    # Nothing paid and three months due: all principal plus three fees.
    assert payoff(rows, 0, 0, date(2026, 4, 20)) == (1_200_000, 36_000)
    # Before the first due date: the principal only.
    assert payoff(rows, 0, 0, date(2026, 1, 15)) == (1_200_000, 0)


def test_early_payoff_of_a_declining_loan() -> None:
    rows = schedule(1_200_000, "menurun", 100, 12, FIRST_DUE)
    # First instalment paid (100.000 + 12.000); on 10/03 the second fee (11.000) is due.
    assert payoff(rows, 100_000, 12_000, date(2026, 3, 10)) == (1_100_000, 11_000)
    # Fees paid ahead are not refunded, and never make the quote negative.
    assert payoff(rows, 100_000, 40_000, date(2026, 3, 10)) == (1_100_000, 0)
