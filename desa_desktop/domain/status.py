"""A person's migration status follows from their placement records.

The status is never typed: it is derived from the departures on record, so
circular migration (CPMI -> PMI -> purna -> CPMI again) keeps its history in
the placements while the registry shows where the person stands today.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

#: A returnee counts as "purna PMI" for three years after coming home.
PURNA_YEARS = 3


@dataclass(frozen=True)
class PlacementDates:
    """The dates of one placement that matter for the status."""

    departure_date: date | None
    return_date: date | None
    country: str = ""


def _years_later(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def migrant_status(placements: Iterable[PlacementDates], today: date) -> tuple[str, str]:
    """Return ``(status, country)`` from the person's own placements.

    - abroad now (departed, not returned) -> ``pmi``;
    - a departure planned or date not yet known, not returned -> ``cpmi``;
    - returned within ``PURNA_YEARS`` -> ``purna``;
    - otherwise ``warga`` (the caller may upgrade it to ``keluarga``).
    The country is that of the placement that decided the status.
    """
    abroad = planned = purna = None
    for p in placements:
        if p.return_date is not None and p.return_date <= today:
            if _years_later(p.return_date, PURNA_YEARS) >= today and (
                purna is None or p.return_date > purna.return_date
            ):
                purna = p
        elif p.departure_date is not None and p.departure_date <= today:
            if abroad is None or p.departure_date > abroad.departure_date:
                abroad = p  # the latest open departure is where the person is now
        else:
            planned = p
    for status, chosen in (("pmi", abroad), ("cpmi", planned), ("purna", purna)):
        if chosen is not None:
            return status, chosen.country
    return "warga", ""


def household_status(own_status: str, relation: str, family_abroad: bool,
                     family_relations: frozenset[str]) -> str:
    """A person with no status of their own is ``keluarga`` while a relative is abroad."""
    if own_status == "warga" and family_abroad and relation in family_relations:
        return "keluarga"
    return own_status
