"""Work done when a database is opened."""

from __future__ import annotations

from datetime import date

from desa_desktop.db.engine import Database
from desa_desktop.services.status_refresh import refresh_all


def refresh_statuses(db: Database, today: date | None = None) -> int:
    """Bring stored statuses up to date with the calendar (contracts end, purna years run out).

    Returns how many persons changed status.
    """
    with db.sessions.begin() as s:
        return refresh_all(s, today or date.today())
