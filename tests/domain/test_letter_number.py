"""Letter numbers as village offices write them: 045/SR/DESMIG/XI/2026."""

from __future__ import annotations

from datetime import date

import pytest

from desa_desktop.domain.letter_number import (
    LetterNumber,
    format_letter_number,
    parse_letter_number,
    place_date,
    roman_month,
)


@pytest.mark.parametrize(("month", "roman"), [(1, "I"), (4, "IV"), (9, "IX"), (11, "XI"),
                                              (12, "XII")])
def test_the_month_is_written_in_roman_numerals(month: int, roman: str) -> None:
    assert roman_month(month) == roman


def test_the_number_has_three_digits_kind_unit_month_and_year() -> None:
    assert format_letter_number(45, "SR", "DESMIG", date(2026, 11, 22)) == \
        "045/SR/DESMIG/XI/2026"
    assert format_letter_number(1, "SP", "DESMIG", date(2027, 1, 1)) == "001/SP/DESMIG/I/2027"


def test_a_busy_year_gets_more_digits_instead_of_wrapping() -> None:
    assert format_letter_number(1234, "SK", "DESMIG", date(2026, 3, 5)) == \
        "1234/SK/DESMIG/III/2026"


def test_a_number_below_one_is_refused() -> None:
    with pytest.raises(ValueError):
        format_letter_number(0, "SR", "DESMIG", date(2026, 1, 1))


def test_parse_reads_back_what_format_wrote() -> None:
    text = format_letter_number(7, "SK", "DESMIG", date(2026, 8, 17))
    assert parse_letter_number(text) == LetterNumber(7, "SK", "DESMIG", 8, 2026)
    assert parse_letter_number(" 1234/SR/PEM.DS/XII/2026 ") == \
        LetterNumber(1234, "SR", "PEM.DS", 12, 2026)


@pytest.mark.parametrize("text", ["", "45/SR/DESMIG/XI/2026", "045/SR/DESMIG/XIII/2026",
                                  "045/SR/DESMIG/11/2026", "000/SR/DESMIG/XI/2026",
                                  "KS-2026-0042", "045/sr/DESMIG/XI/2026"])
def test_parse_refuses_what_is_not_a_letter_number(text: str) -> None:
    assert parse_letter_number(text) is None


def test_place_and_date_line() -> None:
    assert place_date("Karyamukti", date(2026, 11, 22)) == "Karyamukti, 22 November 2026"
    assert place_date("", date(2026, 1, 2)) == "2 Januari 2026"
