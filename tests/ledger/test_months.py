"""Calendar months of the books: keys, bounds, labels and 'same day next month'."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desa_desktop.domain.errors import DomainError
from desa_desktop.domain.months import (
    add_months,
    month_bounds,
    month_key,
    month_label,
    next_month,
    parse_month,
    previous_month,
)


def test_a_month_key_sorts_as_text_and_reads_well() -> None:
    assert month_key(date(2026, 11, 22)) == "2026-11"
    assert month_key(date(2026, 1, 1)) == "2026-01"
    assert sorted(["2026-10", "2025-12", "2026-02"]) == ["2025-12", "2026-02", "2026-10"]


@pytest.mark.parametrize(("key", "first", "last"), [
    ("2026-11", date(2026, 11, 1), date(2026, 11, 30)),
    ("2026-12", date(2026, 12, 1), date(2026, 12, 31)),
    ("2026-02", date(2026, 2, 1), date(2026, 2, 28)),
    ("2028-02", date(2028, 2, 1), date(2028, 2, 29)),
    ("2100-02", date(2100, 2, 1), date(2100, 2, 28)),
])
def test_month_bounds(key: str, first: date, last: date) -> None:
    assert month_bounds(key) == (first, last)


def test_next_and_previous_cross_the_year() -> None:
    assert next_month("2026-12") == "2027-01"
    assert next_month("2026-01") == "2026-02"
    assert previous_month("2027-01") == "2026-12"
    assert previous_month("2026-11") == "2026-10"


def test_labels_in_both_languages() -> None:
    assert month_label("2026-11") == "November 2026"
    assert month_label("2026-08") == "Agustus 2026"
    assert month_label("2026-08", "en") == "August 2026"


@pytest.mark.parametrize("bad", ["", "2026", "2026-13", "2026-00", "26-11", "november",
                                 "2026-11-01", "1899-12", "3000-01", "2026/11"])
def test_an_unknown_month_is_refused_with_an_example(bad: str) -> None:
    with pytest.raises(DomainError) as caught:
        parse_month(bad)
    assert "contoh: 2026-11" in str(caught.value)


@pytest.mark.parametrize(("day", "months", "due"), [
    (date(2026, 1, 31), 1, date(2026, 2, 28)),
    (date(2028, 1, 31), 1, date(2028, 2, 29)),
    (date(2026, 1, 31), 2, date(2026, 3, 31)),
    (date(2026, 3, 31), 1, date(2026, 4, 30)),
    (date(2026, 11, 22), 2, date(2027, 1, 22)),
    (date(2026, 12, 15), 12, date(2027, 12, 15)),
    (date(2026, 5, 10), 0, date(2026, 5, 10)),
    (date(2026, 3, 31), -1, date(2026, 2, 28)),
])
def test_instalments_fall_due_the_same_day_clamped_to_the_month_end(
        day: date, months: int, due: date) -> None:
    assert add_months(day, months) == due


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31)),
       st.integers(min_value=0, max_value=120))
def test_add_months_lands_in_the_right_month_never_later_in_it(day: date, months: int) -> None:
    due = add_months(day, months)
    key = month_key(day)
    for _ in range(months):
        key = next_month(key)
    assert month_key(due) == key
    assert due.day <= day.day
    assert due.day == day.day or due == month_bounds(key)[1]
    assert previous_month(next_month(key)) == key
