"""The recovery key as printed and typed back (desa_desktop.domain.recovery_key)."""

from __future__ import annotations

import os

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desa_desktop.domain import recovery_key
from desa_desktop.domain.recovery_key import RecoveryKeyError


@given(st.binary(min_size=32, max_size=32))
def test_any_key_survives_printing_and_typing_back(key: bytes) -> None:
    text = recovery_key.encode(key)
    groups = text.split("-")
    assert len(groups) == 11 and all(len(g) == 5 for g in groups)
    assert recovery_key.decode(text) == key
    # Typed in lower case, with spaces instead of dashes, and O for zero: still the key.
    sloppy = text.lower().replace("-", " ").replace("0", "o")
    assert recovery_key.decode(sloppy) == key


def test_a_single_typo_is_caught_by_the_checksum() -> None:
    key = os.urandom(32)
    text = recovery_key.encode(key)
    caught = 0
    for position in [i for i, ch in enumerate(text) if ch != "-"][:40]:
        wrong = "Z" if text[position] != "Z" else "Y"
        typo = text[:position] + wrong + text[position + 1:]
        try:
            assert recovery_key.decode(typo) != key
        except RecoveryKeyError as err:
            caught += 1
            assert err.field == "recovery_key"
    assert caught >= 39  # a 16-bit check lets about 1 in 65,536 typos through


def test_wrong_length_says_how_long_it_must_be() -> None:
    with pytest.raises(RecoveryKeyError) as info:
        recovery_key.decode("ABCDE-FGHJK")
    assert str(info.value) == (
        "Kunci pemulihan terdiri dari 55 huruf/angka; periksa lagi lembar pemulihan.")
