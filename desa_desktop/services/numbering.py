"""Running numbers that never repeat: case numbers, report numbers, letter numbers.

One counter row per (series, year) in ``number_counter``, raised inside the
caller's write transaction: the number and the record that uses it commit
together or not at all, and a number once committed is never handed out
again (a voided letter keeps its number; the next letter takes a new one).
SQLite serialises writers, so two windows cannot take the same number; the
unique indexes on the numbered tables are the second guard.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from desa_desktop.db.case_models import NumberCounter


def take_number(session: Session, series: str, year: int) -> int:
    """The next running number of ``series`` in ``year`` (1, 2, 3...), taken now."""
    counter = session.scalars(
        select(NumberCounter).where(NumberCounter.series == series, NumberCounter.year == year)
    ).first()
    if counter is None:
        counter = NumberCounter(series=series, year=year, last=0)
        session.add(counter)
    counter.last += 1
    session.flush()
    return counter.last


def case_number(series: str, year: int, seq: int) -> str:
    """``KS-2026-0042``: series, year, running number (at least four digits)."""
    return f"{series}-{year}-{seq:04d}"
