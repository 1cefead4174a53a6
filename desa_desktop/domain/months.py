"""Calendar months of the books: keys, bounds, and adding months to a date.

A month is keyed ``"2026-11"`` (sorts as text, reads well in a file and in the
district's merge). Loan instalments fall due "the same day next month",
clamped to the month's last day (31 January -> 28/29 February).
"""

from __future__ import annotations

import calendar
from datetime import date

from desa_desktop.domain.errors import DomainError
from desa_desktop.domain.formatting import MONTHS_EN, MONTHS_ID


def month_key(day: date) -> str:
    """``2026-11`` for any day of November 2026."""
    return f"{day.year:04d}-{day.month:02d}"


def parse_month(key: str) -> tuple[int, int]:
    """``"2026-11"`` -> ``(2026, 11)``; a clear error for anything else."""
    try:
        year_text, month_text = key.split("-")
        year, month = int(year_text), int(month_text)
    except ValueError:
        raise DomainError("Bulan {month} tidak dikenal (contoh: 2026-11).", month=key) from None
    if not (1 <= month <= 12 and 1900 <= year <= 2999):
        raise DomainError("Bulan {month} tidak dikenal (contoh: 2026-11).", month=key)
    return year, month


def month_bounds(key: str) -> tuple[date, date]:
    """First and last day of the month."""
    year, month = parse_month(key)
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def next_month(key: str) -> str:
    year, month = parse_month(key)
    return f"{year + month // 12:04d}-{month % 12 + 1:02d}"


def previous_month(key: str) -> str:
    year, month = parse_month(key)
    return f"{year - (month == 1):04d}-{(month - 2) % 12 + 1:02d}"


def month_label(key: str, lang: str = "id") -> str:
    """``November 2026``."""
    year, month = parse_month(key)
    names = MONTHS_ID if lang == "id" else MONTHS_EN
    return f"{names[month - 1]} {year}"


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, clamped to the end of a shorter month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))
