"""Whole-Rupiah amounts: what a treasurer may type and what the books accept."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desa_desktop import i18n
from desa_desktop.domain.errors import DomainError
from desa_desktop.domain.formatting import rupiah, thousands
from desa_desktop.domain.money import MAX_AMOUNT, check_amount, parse_rupiah


@pytest.mark.parametrize(("typed", "amount"), [
    ("1.250.000", 1_250_000),
    ("Rp 1.250.000", 1_250_000),
    ("rp1.250.000", 1_250_000),
    ("1250000", 1_250_000),
    ("  750 000 ", 750_000),
    ("5", 5),
    ("999", 999),
    ("1.000", 1000),
    ("10.000.000.000", MAX_AMOUNT),
])
def test_typed_amounts_are_read_as_whole_rupiah(typed: str, amount: int) -> None:
    value = parse_rupiah(typed)
    assert value == amount
    assert type(value) is int


@pytest.mark.parametrize(("typed", "says"), [
    ("", "Isi jumlah uangnya."),
    ("   ", "Isi jumlah uangnya."),
    ("Rp", "Isi jumlah uangnya."),
    ("-50.000", "tidak boleh negatif"),
    ("1.250.000,50", "tanpa sen"),
    ("1250,5", "tanpa sen"),
    ("12.5", "tanpa sen"),
    ("1.25.000", "tanpa sen"),
    ("1.2500", "tanpa sen"),
    ("satu juta", "hanya boleh berisi angka"),
    ("1e6", "hanya boleh berisi angka"),
    ("0", "lebih dari nol"),
    ("000", "lebih dari nol"),
    ("10.000.000.001", "terlalu besar"),
    ("125000000000", "terlalu besar"),
])
def test_bad_typing_is_refused_in_plain_words(typed: str, says: str) -> None:
    with pytest.raises(DomainError) as caught:
        parse_rupiah(typed, field="amount")
    assert says in str(caught.value)
    assert caught.value.field == "amount"


def test_an_extra_three_zeros_is_caught_with_both_figures() -> None:
    with pytest.raises(DomainError) as caught:
        check_amount(25_000_000_000)
    assert str(caught.value) == ("Jumlah Rp 25.000.000.000 terlalu besar; periksa lagi angka "
                                 "nolnya (paling banyak Rp 10.000.000.000).")
    english = caught.value.translated(lambda t: i18n.translate(t, "en"))
    assert english == ("The amount Rp 25.000.000.000 is too large; check the zeros again "
                       "(at most Rp 10.000.000.000).")


@pytest.mark.parametrize("value", [1.0, 1250000.0, True, False, "1250000", None, 0, -1,
                                   MAX_AMOUNT + 1])
def test_only_positive_ints_pass_the_book_check(value: object) -> None:
    with pytest.raises(DomainError):
        check_amount(value)


def test_a_float_is_refused_even_when_whole() -> None:
    with pytest.raises(DomainError, match="bulat, tanpa sen"):
        check_amount(1_250_000.0)


@given(st.integers(min_value=1, max_value=MAX_AMOUNT))
def test_what_the_app_shows_reads_back_to_the_same_amount(amount: int) -> None:
    assert parse_rupiah(rupiah(amount)) == amount
    assert parse_rupiah(thousands(amount)) == amount
    assert parse_rupiah(str(amount)) == amount
