"""How dates, numbers and money are written for Indonesian readers."""

from __future__ import annotations

from datetime import date

MONTHS_ID = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
             "September", "Oktober", "November", "Desember")
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")


def short_date(day: date | str | None) -> str:
    """``22/11/2026`` (accepts ISO text as stored by SQLite); empty for no date."""
    if not day:
        return ""
    if isinstance(day, str):
        return f"{day[8:10]}/{day[5:7]}/{day[0:4]}" if len(day) >= 10 else day
    return day.strftime("%d/%m/%Y")


def long_date(day: date, lang: str = "id") -> str:
    """``22 November 2026`` as in letters and reports."""
    months = MONTHS_ID if lang == "id" else MONTHS_EN
    return f"{day.day} {months[day.month - 1]} {day.year}"


def thousands(n: int) -> str:
    """``1.250.000``: Indonesian groups thousands with dots."""
    return f"{n:,}".replace(",", ".")


def rupiah(amount: int) -> str:
    """``Rp 1.250.000`` (money is whole Rupiah, never a float)."""
    sign = "-" if amount < 0 else ""
    return f"{sign}Rp {thousands(abs(amount))}"
