"""Numbers and dates of the letters the post issues (pure rules, no database).

An Indonesian village office numbers its outgoing letters
``045/SR/DESMIG/XI/2026``: running number of the year and letter kind,
the kind, the unit that issues it, the month in Roman numerals and the year.
The running number itself comes from ``services.numbering`` (it never
repeats, also after a void); this module only writes and reads the text, so
the register, the PDF and ``letter verify`` agree on one form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from desa_desktop.domain.formatting import long_date

ROMAN_MONTHS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")

_NUMBER = re.compile(r"^(\d{3,})/([A-Z]{2})/([A-Z0-9.\-]+)/([IVX]+)/(\d{4})$")


@dataclass(frozen=True)
class LetterNumber:
    """The parts of a letter number."""

    seq: int
    kind: str
    unit: str
    month: int
    year: int


def roman_month(month: int) -> str:
    """``11`` -> ``XI`` (letters carry the month in Roman numerals)."""
    if not 1 <= month <= 12:
        raise ValueError(f"month out of range: {month}")
    return ROMAN_MONTHS[month - 1]


def format_letter_number(seq: int, kind: str, unit: str, issued_on: date) -> str:
    """``045/SR/DESMIG/XI/2026``: three digits at least, more when the year needs them."""
    if seq < 1:
        raise ValueError(f"running number must be positive: {seq}")
    return f"{seq:03d}/{kind}/{unit}/{roman_month(issued_on.month)}/{issued_on.year}"


def parse_letter_number(text: str) -> LetterNumber | None:
    """The parts of ``045/SR/DESMIG/XI/2026``, or None when the text is not such a number."""
    match = _NUMBER.match(text.strip())
    if match is None:
        return None
    seq, kind, unit, month, year = match.groups()
    if month not in ROMAN_MONTHS or int(seq) < 1:
        return None
    return LetterNumber(int(seq), kind, unit, ROMAN_MONTHS.index(month) + 1, int(year))


def place_date(place: str, day: date) -> str:
    """``Karyamukti, 22 November 2026``: the place and date line above the addressee."""
    place = place.strip()
    return f"{place}, {long_date(day)}" if place else long_date(day)
