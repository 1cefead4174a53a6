"""Name normalisation for sorting and likely-duplicate detection (desa_desktop.domain.names)."""

from __future__ import annotations

import pytest

from desa_desktop.domain.names import clean_name, name_key


@pytest.mark.parametrize("spelling", [
    "Siti Aminah",
    "SITI AMINAH",
    "siti aminah",
    "  Siti   Aminah ",
    "Siti\tAminah",
    "Sitti Aminah.",
    "Siti Aminnah",
    "Sîti Amínah",
    "Hj. Siti Aminah",
    "HJ SITI AMINAH",
    "Hajah Siti Aminah",
    "Siti Aminah (Alm.)",
    "Siti-Aminah",
    "Siti, Aminah",
])
def test_spellings_of_the_same_name_meet(spelling: str) -> None:
    assert name_key(spelling) == "siti aminah"


@pytest.mark.parametrize(("name", "key"), [
    ("H. Ahmad Sobari", "ahmad sobari"),
    ("Haji Ahmad Sobari", "ahmad sobari"),
    ("Ahmad bin Yusuf", "ahmad yusuf"),
    ("Aminah binti Karta", "aminah karta"),
    ("Almh. Siti Rahma", "siti rahma"),
    ("Muhammad", "muhamad"),
    ("Muh.Ali", "muh ali"),
    ("Ṣāliḥ", "salih"),
    ("Ñoño", "nono"),
    ("Aan Anwar", "an anwar"),
    ("Rt 011", "rt 011"),  # digits are never folded
    ("", ""),
    ("   ", ""),
    ("Hj.", ""),
    ("...", ""),
])
def test_name_key(name: str, key: str) -> None:
    assert name_key(name) == key


@pytest.mark.parametrize(("a", "b"), [
    ("Siti Aminah", "Siti Amina"),
    ("Siti Aminah", "Aminah Siti"),  # word order matters
    ("Siti Aminah", "Siti Aminah Putri"),
    ("Dedi", "Dodi"),
    ("Budi 1", "Budi 2"),
])
def test_different_names_stay_different(a: str, b: str) -> None:
    assert name_key(a) != name_key(b)


def test_key_is_plain_lowercase_ascii() -> None:
    key = name_key("Hj. ÇAHYÂ  Nìngsih-Putri, S.Pd.")
    assert key == key.lower()
    assert key.isascii()
    assert "  " not in key
    assert key == key.strip()
    assert key == "cahya ningsih putri s pd"


def test_hajjah_is_a_title_like_hajah() -> None:
    assert name_key("Hajjah Siti Aminah") == name_key("Hajah Siti Aminah") == "siti aminah"


@pytest.mark.parametrize(("with_apostrophe", "without"), [
    ("Nur'aini", "Nuraini"),
    ("Ma'ruf Amin", "Maruf Amin"),
    ("Mu\u2019min", "Mumin"),
])
def test_apostrophe_does_not_split_a_name(with_apostrophe: str, without: str) -> None:
    assert name_key(with_apostrophe) == name_key(without)


@pytest.mark.parametrize("spelling", ["SITI  AMINAH", "Sitti Aminah.", "Hj. Siti Aminah"])
def test_spellings_named_in_the_docstring_meet(spelling: str) -> None:
    assert name_key(spelling) == name_key("Siti Aminah")


@pytest.mark.parametrize(("typed", "clean"), [
    ("  Siti   Aminah ", "Siti Aminah"),
    ("Siti\t\nAminah", "Siti Aminah"),
    ("Siti\u00a0Aminah", "Siti Aminah"),
    ("Hj.  Siti  Aminah,  S.Pd.", "Hj. Siti Aminah, S.Pd."),  # case and punctuation kept
    ("SITI", "SITI"),
    ("   ", ""),
    ("", ""),
])
def test_clean_name(typed: str, clean: str) -> None:
    assert clean_name(typed) == clean
