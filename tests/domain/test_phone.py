"""Indonesian mobile numbers (desa_desktop.domain.phone)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desa_desktop.domain.errors import DomainError
from desa_desktop.domain.phone import PhoneError, format_phone, normalise_phone

E164 = "+6281234567890"


@pytest.mark.parametrize("typed", [
    "081234567890",
    "0812-3456-7890",
    "0812 3456 7890",
    "0812.3456.7890",
    "(0812) 3456-7890",
    "+62 812 3456 7890",
    "+62-812-3456-7890",
    "+6281234567890",
    "6281234567890",
    "62 812 3456 7890",
    "  0812 3456 7890\t",
])
def test_normalise_phone(typed: str) -> None:
    assert normalise_phone(typed) == E164


@pytest.mark.parametrize(("typed", "e164"), [
    ("0812345678", "+62812345678"),  # 10 digits, shortest
    ("0857123456789", "+62857123456789"),  # 13 digits, longest
    ("0895-1234-5678", "+6289512345678"),
])
def test_length_bounds(typed: str, e164: str) -> None:
    assert normalise_phone(typed) == e164


@pytest.mark.parametrize("typed", ["", "   ", " - "])
def test_empty_stays_empty(typed: str) -> None:
    assert normalise_phone(typed) == ""


def error(typed: str) -> PhoneError:
    with pytest.raises(PhoneError) as info:
        normalise_phone(typed)
    assert isinstance(info.value, DomainError)
    assert info.value.field == "phone"
    return info.value


@pytest.mark.parametrize(("typed", "count"), [
    ("081234567", 9),
    ("0812-3456-7890-12", 14),
    ("+62 812 345", 7),
    ("08", 2),
])
def test_wrong_length_says_how_many(typed: str, count: int) -> None:
    err = error(typed)
    assert str(err) == f"Nomor HP harus 10 sampai 13 angka; yang diketik {count} angka."
    assert err.params == {"count": count}


@pytest.mark.parametrize("typed", ["0212345678", "(022) 1234567", "812345678901",
                                   "+62 21 1234 5678", "12345"])
def test_not_a_mobile_number(typed: str) -> None:
    assert str(error(typed)) == "Nomor HP harus diawali 08 atau +628 (contoh 0812 3456 7890)."


@pytest.mark.parametrize("typed", ["0812-3456-789O", "0812/3456/7890", "+62 812 3456 7890 ext",
                                   "++6281234567890", "0812,3456,7890",
                                   "+1 415 555 0100"])
def test_only_digits_and_separators(typed: str) -> None:
    assert str(error(typed)) == "Nomor HP hanya boleh berisi angka, spasi, tanda hubung atau +62."


def test_format_phone() -> None:
    assert format_phone(E164) == "0812-3456-7890"
    assert format_phone("+62812345678") == "0812-3456-78"
    assert format_phone("+628123456789") == "0812-3456-789"
    assert format_phone("") == ""
    assert format_phone("+14155550100") == "+14155550100"  # not Indonesian: shown as stored
    assert format_phone("0812 lama") == "0812 lama"  # an old free-text record


@given(st.text(alphabet="0123456789", min_size=8, max_size=11))
def test_format_then_normalise_round_trips(rest: str) -> None:
    e164 = normalise_phone("08" + rest)
    assert e164 == "+628" + rest
    shown = format_phone(e164)
    assert shown.replace("-", "") == "08" + rest
    assert normalise_phone(shown) == e164


@given(st.text(max_size=20))
def test_any_text_normalises_or_raises_phone_error(text: str) -> None:
    try:
        result = normalise_phone(text)
    except PhoneError:
        return
    assert result == "" or (result.startswith("+628") and result[1:].isdigit()
                            and 11 <= len(result) <= 15)
