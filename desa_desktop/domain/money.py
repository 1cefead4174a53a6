"""Whole-Rupiah amounts: what a treasurer may type, and what the books accept.

Money is an ``int`` of Rupiah everywhere (ARCHITECTURE.md): a float would
make a balance of 1.250.000 come out as 1249999.9999 after enough entries.
The parser reads what an officer types (``1.250.000``, ``Rp 1.250.000``,
``1250000``) and refuses, in plain words, cents, minus signs and sums no
village group handles, so a slipped finger (an extra three zeros) is caught
before it reaches the cash book.
"""

from __future__ import annotations

import re

from desa_desktop.domain.errors import DomainError
from desa_desktop.domain.formatting import rupiah

#: Largest single amount the books accept: Rp 10 miliar. A village group's grant is
#: tens of millions; anything near this is a typing slip.
MAX_AMOUNT = 10_000_000_000

_GROUPED = re.compile(r"^\d{1,3}(\.\d{3})+$")
_PLAIN = re.compile(r"^\d+$")


def check_amount(value: object, *, field: str = "amount") -> int:
    """The amount as ``int`` Rupiah, or a ``DomainError`` saying what is wrong.

    ``bool`` and ``float`` are refused even when whole: they mean a caller
    computed money the wrong way, which must surface in tests, not in a book.
    """
    if isinstance(value, bool) or not isinstance(value, int):
        raise DomainError("Jumlah uang harus bilangan Rupiah bulat, tanpa sen.", field=field)
    if value <= 0:
        raise DomainError("Jumlah uang harus lebih dari nol.", field=field)
    if value > MAX_AMOUNT:
        raise DomainError("Jumlah {amount} terlalu besar; periksa lagi angka nolnya "
                          "(paling banyak {limit}).", field=field, amount=rupiah(value),
                          limit=rupiah(MAX_AMOUNT))
    return value


def parse_rupiah(text: str, *, field: str = "amount") -> int:
    """Read a typed amount: ``1.250.000``, ``Rp 1.250.000``, ``1250000``.

    A comma (the Indonesian decimal mark) or a dot not grouping thousands
    means cents, which the books do not keep: refused with a message, not
    rounded silently.
    """
    raw = text.strip()
    if raw[:2].lower() == "rp":
        raw = raw[2:].strip()
    raw = raw.replace(" ", "")
    if not raw:
        raise DomainError("Isi jumlah uangnya.", field=field)
    if raw.startswith("-"):
        raise DomainError("Jumlah uang tidak boleh negatif; untuk membetulkan entri, "
                          "buat entri pembalik.", field=field)
    if "," in raw or ("." in raw and not _GROUPED.match(raw)):
        raise DomainError("Jumlah uang harus Rupiah bulat tanpa sen (contoh: 1.250.000).",
                          field=field)
    digits = raw.replace(".", "")
    if not _PLAIN.match(digits):
        raise DomainError("Jumlah uang hanya boleh berisi angka (contoh: 1.250.000).",
                          field=field)
    return check_amount(int(digits), field=field)
